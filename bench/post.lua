-- wrk script: a tool call as Open WebUI makes it (POST with a JSON body), with optional auth headers from the environment.
wrk.method = "POST"
wrk.body = '{"path":"/tmp/example.txt"}'
wrk.headers["Content-Type"] = "application/json"
local key = os.getenv("BENCH_CLIENT_KEY")
local jwt = os.getenv("BENCH_USER_JWT")
if key and key ~= "" then wrk.headers["Authorization"] = "Bearer " .. key end
if jwt and jwt ~= "" then wrk.headers["X-OpenWebUI-User-Jwt"] = jwt end
