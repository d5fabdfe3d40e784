#!/usr/bin/env bash
# Measures tool calls through the gateway against the same fast backend called directly and through plain nginx,
# with 10 and with 10,000 tenants (calling the tenant whose route comes last). Needs: wrk, nginx, PostgreSQL server
# binaries (Debian: wrk nginx-light postgresql), python3, a JDK. Everything listens on 127.0.0.1 only.
# Beside them it measures a bare Spring Cloud Gateway app (bench/bare-gateway: 10 generated routes, no filters of
# ours) in the same run, so gateway / bare is the price of our features, and checks that no audit row was lost.
#
#   bench/run.sh                 # default: 16 connections, 20 s per measurement
#   DURATION=10s CONNECTIONS=16 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-60s}   # after 30 s the gateway's C2 compiler still took 10-20 us per call on 2 cores (BENCHMARKS.md)
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
BACKEND_PORT=18001 NGINX_PROXY_PORT=18002 ANSWER_PORT=18003 GATEWAY_PORT=18080 MANAGEMENT_PORT=18091 BARE_PORT=18090
VAULT_PORT=18200 PG_PORT=15432 REDIS_PORT=16379
RUN_DIR=$(mktemp -d /tmp/mcpgw-bench.XXXXXX)
RESULTS=${RESULTS:-$ROOT/bench/results}
mkdir -p "$RESULTS"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$RUN_DIR/nginx.pid" ] && kill "$(cat "$RUN_DIR/nginx.pid")" 2>/dev/null || true
  [ -f "$RUN_DIR/redis.pid" ] && kill "$(cat "$RUN_DIR/redis.pid")" 2>/dev/null || true
  [ -d "$RUN_DIR/pg" ] && "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$RUN_DIR/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$RUN_DIR"
}
trap cleanup EXIT

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
source bench/lib.sh
PG_AS=(env)   # PostgreSQL refuses to run as root: as root, run it as the postgres user the Debian package creates
if [ "$(id -u)" = 0 ]; then PG_AS=(runuser -u postgres --); fi
for tool in wrk nginx python3 java redis-server; do command -v $tool >/dev/null || { echo "missing: $tool" >&2; exit 1; }; done

echo "== building"
# clean: Spring Boot's repackage leaves a jar it already repackaged alone, so without it a change only in db/ or
# policy/ would not reach the gateway jar's nested libraries.
./mvnw -B -q -DskipTests clean install -pl gateway,test-support -am
GATEWAY_JAR=$(ls gateway/target/gateway-*.jar | grep -v -e '-plain' -e '-sources' | head -1)
[ -f gateway/target/gateway-0.1.0-SNAPSHOT-exec.jar ] && GATEWAY_JAR=gateway/target/gateway-0.1.0-SNAPSHOT-exec.jar
./mvnw -B -q -DskipTests -f bench/bare-gateway/pom.xml package
BARE_JAR=bench/bare-gateway/target/bare-gateway.jar
JVM_FLAGS=(-Xms512m -Xmx512m)
VAULT_CP="test-support/target/classes:$(./mvnw -B -q -pl test-support dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"

echo "== postgres, nginx, vault"
mkdir -p "$RUN_DIR/pg" "$RUN_DIR/pg-run"
if [ "$(id -u)" = 0 ]; then chmod 711 "$RUN_DIR"; chown postgres "$RUN_DIR/pg" "$RUN_DIR/pg-run"; fi
"${PG_AS[@]}" "$PG_BIN/initdb" -D "$RUN_DIR/pg" -U postgres --auth=trust >/dev/null
"${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$RUN_DIR/pg" -o "-p $PG_PORT -k $RUN_DIR/pg-run -c listen_addresses=127.0.0.1" \
  -l "$RUN_DIR/pg-run/pg.log" -w start >/dev/null
sed -e "s#RUN_DIR#$RUN_DIR#g" -e "s#NGINX_PROXY_PORT#$NGINX_PROXY_PORT#g" -e "s#BACKEND_PORT#$BACKEND_PORT#g" -e "s#ANSWER_PORT#$ANSWER_PORT#g" \
  bench/nginx.conf.template > "$RUN_DIR/nginx.conf"
nginx -c "$RUN_DIR/nginx.conf" -e "$RUN_DIR/nginx-error.log"
redis-server --port $REDIS_PORT --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --pidfile "$RUN_DIR/redis.pid" --logfile "$RUN_DIR/redis.log" --dir "$RUN_DIR" >/dev/null
java -cp "$VAULT_CP" dev.mcpgateway.testing.FakeVault $VAULT_PORT bench-vault-token > "$RUN_DIR/vault.log" 2>&1 &
PIDS+=($!)

JWT_SECRET=bench-jwt-secret-0123456789abcdef0123456789
export BENCH_CLIENT_KEY=bench-client-key-0123456789abcdef
export BENCH_USER_JWT=$(python3 - "$JWT_SECRET" <<'PY'
import base64, hashlib, hmac, json, sys, time
b = lambda d: base64.urlsafe_b64encode(d).rstrip(b"=").decode()
header = b(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
now = int(time.time())
claims = {"sub": "u-bench", "email": "bench@example.com", "name": "Bench", "role": "user",
          "iss": "open-webui", "iat": now, "exp": now + 3600}
payload = b(json.dumps(claims).encode())
sig = b(hmac.new(sys.argv[1].encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest())
print(f"{header}.{payload}.{sig}")
PY
)

tenants_file() { # $1 = count; every tenant points at the fast backend, bench@example.com may write
  python3 - "$1" "$BACKEND_PORT" <<'PY'
import sys
n, port = int(sys.argv[1]), sys.argv[2]
print("tenants:")
for i in range(n):
    print(f"  - id: bench-t{i}\n    displayName: Bench {i}\n    backendUrl: http://127.0.0.1:{port}\n"
          f"    members:\n      - {{ email: bench@example.com, accessLevel: write }}")
PY
}

for _ in $(seq 1 60); do   # the Vault stand-in takes a moment to start
  curl -s -o /dev/null "http://127.0.0.1:$VAULT_PORT/v1/sys/health" && break
  sleep 0.5
done
for i in 0 9 9999; do
  curl -sf -H "X-Vault-Token: bench-vault-token" -X POST "http://127.0.0.1:$VAULT_PORT/v1/secret/data/mcp-gateway/tenants/bench-t$i" \
    -d '{"data":{"api_key":"bench-backend-key","jira_url":"https://bench.example"}}' >/dev/null
done

wait_for_call() { # $1 = url, $2 = log; a tool call answered 200 (or fail with the log)
  for _ in $(seq 1 480); do
    [ "$(call_status "$1")" = 200 ] && return 0
    sleep 0.25
  done
  echo "no 200 from $1; log:" >&2; tail -50 "$2" >&2; exit 1
}

call_status() {
  curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $BENCH_CLIENT_KEY" -H "X-OpenWebUI-User-Jwt: $BENCH_USER_JWT" -d '{}' "$1"
}

start_gateway() { # $1 = tenant count, $2.. = extra arguments; records start-up time and heap after start
  tenants_file "$1" > "$RUN_DIR/tenants-$1.yaml"
  "$PG_BIN/psql" -h 127.0.0.1 -p $PG_PORT -U postgres -qc "DROP DATABASE IF EXISTS gw_$1" -c "CREATE DATABASE gw_$1" >/dev/null
  local started=$(date +%s%N)
  DATABASE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/gw_$1" DATABASE_USERNAME=postgres DATABASE_PASSWORD= \
  VAULT_ADDR="http://127.0.0.1:$VAULT_PORT" VAULT_TOKEN=bench-vault-token PORT=$GATEWAY_PORT \
  MCPGATEWAY_BOOTSTRAP_FILE="$RUN_DIR/tenants-$1.yaml" OPENWEBUI_JWT_SECRET=$JWT_SECRET \
  MCPGATEWAY_CLIENT_KEYS=$BENCH_CLIENT_KEY \
    java "${JVM_FLAGS[@]}" -jar "$GATEWAY_JAR" --logging.level.root=WARN --management.server.port=$MANAGEMENT_PORT "${@:2}" \
    > "$RUN_DIR/gateway-$1.log" 2>&1 &
  GATEWAY_PID=$!
  PIDS+=($GATEWAY_PID)
  wait_for_call "http://127.0.0.1:$GATEWAY_PORT/tools/bench-t$(($1 - 1))/read_file" "$RUN_DIR/gateway-$1.log"
  local ms=$(( ($(date +%s%N) - started) / 1000000 ))
  jcmd "$GATEWAY_PID" GC.run >/dev/null 2>&1 || true
  local heap=$(jcmd "$GATEWAY_PID" GC.heap_info 2>/dev/null | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+')
  echo "startup-$1-tenants: ${ms} ms to the first tool call, heap used after start (after a full GC): $(( ${heap:-0} / 1024 )) MiB" \
    | tee "$RESULTS/startup-$1.txt" >&2
}

start_bare() {
  PORT=$BARE_PORT java "${JVM_FLAGS[@]}" -jar "$BARE_JAR" --bench.backend-url="http://127.0.0.1:$BACKEND_PORT" \
    --logging.level.root=WARN > "$RUN_DIR/bare.log" 2>&1 &
  BARE_PID=$!
  PIDS+=($BARE_PID)
  wait_for_call "http://127.0.0.1:$BARE_PORT/tools/bench-t9/read_file" "$RUN_DIR/bare.log"
}

# Audit rows written vs calls made (every call through the gateway is one audit row), and the drop counter.
check_audit() { # $1 = tenant count, $2.. = wrk output files of that gateway
  local calls rows dropped
  calls=$(( $(wrk_calls "${@:2}") + 2 ))   # + the probe calls of wait_for_call and measure
  rows=$(settled_audit_rows $MANAGEMENT_PORT "gw_$1")
  dropped=$(gateway_metric $MANAGEMENT_PORT mcpgateway_audit_dropped_total)
  echo "audit-$1-tenants: calls made >= $calls (wrk counts completed calls only), audit rows $rows, mcpgateway_audit_dropped_total $dropped" \
    | tee "$RESULTS/audit-$1.txt" >&2
}

measure() { # $1 = label, $2 = url
  local status
  status=$(call_status "$2")
  [ "$status" = 200 ] || { echo "$1: expected 200 from $2, got $status" >&2; exit 1; }
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s bench/post.lua "$2" > "$RESULTS/$1.warmup.txt"   # JIT, pools
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/post.lua "$2" > "$RESULTS/$1.txt"
  python3 - "$1" "$RESULTS/$1.txt" <<'PY'
import re, sys
text = open(sys.argv[2]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
def pct(p):
    m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"| {sys.argv[1]:<28} | {rps:>9.0f} | {pct(50):>7.2f} | {pct(99):>7.2f} | {errors.group(1) if errors else 0:>6} |")
open(sys.argv[2].replace(".txt", ".rps"), "w").write(f"{rps:.0f}\n")
PY
}

echo
echo "| target                       |  calls/s | p50 ms  | p99 ms  | non-2xx |"
echo "|------------------------------|---------:|--------:|--------:|-------:|"
measure backend-direct "http://127.0.0.1:$BACKEND_PORT/read_file"
measure nginx-proxy "http://127.0.0.1:$NGINX_PROXY_PORT/tools/bench-t0/read_file"
start_bare
measure bare-scg-10-routes-last "http://127.0.0.1:$BARE_PORT/tools/bench-t9/read_file"
kill "$BARE_PID"; wait "$BARE_PID" 2>/dev/null || true
start_gateway 10
measure gateway-10-tenants-last "http://127.0.0.1:$GATEWAY_PORT/tools/bench-t9/read_file"
check_audit 10 "$RESULTS/gateway-10-tenants-last.warmup.txt" "$RESULTS/gateway-10-tenants-last.txt"
kill "$GATEWAY_PID"; wait "$GATEWAY_PID" 2>/dev/null || true
# Rate and concurrency limits on, buckets in Redis, every limit far above the load: the price of checking them.
start_gateway 10 --mcpgateway.rate-limit.store=redis --spring.data.redis.url=redis://127.0.0.1:$REDIS_PORT \
  --mcpgateway.rate-limit.per-user.requests-per-second=1000000 --mcpgateway.rate-limit.per-user.burst=2000000 \
  --mcpgateway.rate-limit.tenant.requests-per-second=1000000 --mcpgateway.rate-limit.tenant.burst=2000000 \
  --mcpgateway.rate-limit.max-concurrent-calls=1000
measure gateway-10-limits-redis "http://127.0.0.1:$GATEWAY_PORT/tools/bench-t9/read_file"
limited=$(gateway_metric $MANAGEMENT_PORT mcpgateway_rate_limited_total)
keys=$(redis-cli -p $REDIS_PORT --scan --pattern 'request_rate_limiter*' | wc -l || true)
echo "limits-redis: mcpgateway_rate_limited_total $limited, rate limiter keys in Redis $keys" | tee "$RESULTS/limits-redis.txt" >&2
kill "$GATEWAY_PID"; wait "$GATEWAY_PID" 2>/dev/null || true
start_gateway 10000
measure gateway-10000-tenants-last "http://127.0.0.1:$GATEWAY_PORT/tools/bench-t9999/read_file"
echo
rps() { cat "$RESULTS/$1.rps"; }
python3 - "$(rps nginx-proxy)" "$(rps bare-scg-10-routes-last)" "$(rps gateway-10-tenants-last)" "$(rps gateway-10000-tenants-last)" "$(rps gateway-10-limits-redis)" <<'PY'
import sys
nginx, bare, ten, many, limited = map(float, sys.argv[1:])
print(f"gateway / bare SCG (10 tenants): {ten / bare:.2f}   gateway / nginx: {ten / nginx:.2f}   "
      f"10,000-tenant last route / 10-tenant: {many / ten:.2f}   limits on (redis) / off: {limited / ten:.2f}")
PY
echo "($CONNECTIONS connections, $THREADS wrk threads, $WARMUP warm-up and $DURATION per row; raw wrk output in $RESULTS)"
