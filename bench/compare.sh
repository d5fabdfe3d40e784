#!/usr/bin/env bash
# Side-by-side A/B measurement for a busy machine: starts the bare Spring Cloud Gateway app and one or two gateway
# jars ONCE, warms each, then alternates short wrk runs (bare, A, [B], bare, A, [B], ...) for ROUNDS rounds, so every
# round compares targets under the same background load. Prints per-round and median calls/s, p99 and the ratios to
# the bare app of the same round; checks every gateway's audit rows against its calls at the end.
# Needs the same as run.sh (wrk nginx-light postgresql python3, a JDK). Builds with `clean package`, never `install`.
#
#   bench/compare.sh                                      # bare vs the gateway built from this tree
#   B_JAR=/tmp/old-gateway.jar bench/compare.sh           # ... and an older gateway jar as B (before/after)
#   B_JAR=gateway/target/gateway-0.1.0-SNAPSHOT.jar B_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/compare.sh
#   A_JAR=... A_JAVA=... A_ARGS='--foo=bar' ROUNDS=8 ROUND=10s WARMUP=60s CONNECTIONS=16 JFR_A=/tmp/a.jfr bench/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ROUNDS=${ROUNDS:-6}
ROUND=${ROUND:-10s}
WARMUP=${WARMUP:-60s}   # see run.sh
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
A_JAVA=${A_JAVA:-java} B_JAVA=${B_JAVA:-java} BARE_JAVA=${BARE_JAVA:-java}
A_ARGS=${A_ARGS:-} B_ARGS=${B_ARGS:-}
BACKEND_PORT=18101 ANSWER_PORT=18103 NGINX_PROXY_PORT=18102 BARE_PORT=18190 VAULT_PORT=18300 PG_PORT=15532
A_PORT=18180 A_MANAGEMENT_PORT=18181 B_PORT=18182 B_MANAGEMENT_PORT=18183
RUN_DIR=$(mktemp -d /tmp/mcpgw-compare.XXXXXX)
RESULTS=${RESULTS:-$ROOT/bench/results/compare-$(date -u +%Y%m%dT%H%M%S)}
mkdir -p "$RESULTS"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -f "$RUN_DIR/nginx.pid" ] && kill "$(cat "$RUN_DIR/nginx.pid")" 2>/dev/null || true
  [ -d "$RUN_DIR/pg" ] && "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$RUN_DIR/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$RUN_DIR"
}
trap cleanup EXIT

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
source bench/lib.sh
PG_AS=(env)
if [ "$(id -u)" = 0 ]; then PG_AS=(runuser -u postgres --); fi
for tool in wrk nginx python3 java; do command -v $tool >/dev/null || { echo "missing: $tool" >&2; exit 1; }; done

if [ -z "${A_JAR:-}" ]; then
  echo "== building (package)" >&2
  # clean: Spring Boot's repackage leaves a jar it already repackaged alone, so without it a change only in db/ or
  # policy/ would not reach the gateway jar's nested libraries.
  ./mvnw -B -q -o -DskipTests clean package -pl gateway,test-support -am
  A_JAR=gateway/target/gateway-0.1.0-SNAPSHOT.jar
fi
[ -f bench/bare-gateway/target/bare-gateway.jar ] || ./mvnw -B -q -o -DskipTests -f bench/bare-gateway/pom.xml package
[ -d test-support/target/classes ] || ./mvnw -B -q -o -DskipTests package -pl test-support -am
BARE_JAR=bench/bare-gateway/target/bare-gateway.jar
JVM_FLAGS=(-Xms512m -Xmx512m)
VAULT_CP="test-support/target/classes:$(./mvnw -B -q -o -pl test-support dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"

echo "== postgres, nginx, vault" >&2
mkdir -p "$RUN_DIR/pg" "$RUN_DIR/pg-run"
if [ "$(id -u)" = 0 ]; then chmod 711 "$RUN_DIR"; chown postgres "$RUN_DIR/pg" "$RUN_DIR/pg-run"; fi
"${PG_AS[@]}" "$PG_BIN/initdb" -D "$RUN_DIR/pg" -U postgres --auth=trust >/dev/null
"${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$RUN_DIR/pg" -o "-p $PG_PORT -k $RUN_DIR/pg-run -c listen_addresses=127.0.0.1" \
  -l "$RUN_DIR/pg-run/pg.log" -w start >/dev/null
sed -e "s#RUN_DIR#$RUN_DIR#g" -e "s#NGINX_PROXY_PORT#$NGINX_PROXY_PORT#g" -e "s#BACKEND_PORT#$BACKEND_PORT#g" -e "s#ANSWER_PORT#$ANSWER_PORT#g" \
  bench/nginx.conf.template > "$RUN_DIR/nginx.conf"
nginx -c "$RUN_DIR/nginx.conf" -e "$RUN_DIR/nginx-error.log"
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
          "iss": "open-webui", "iat": now, "exp": now + 7200}
payload = b(json.dumps(claims).encode())
sig = b(hmac.new(sys.argv[1].encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest())
print(f"{header}.{payload}.{sig}")
PY
)
python3 - "$BACKEND_PORT" > "$RUN_DIR/tenants.yaml" <<'PY'
import sys
print("tenants:")
for i in range(10):
    print(f"  - id: bench-t{i}\n    displayName: Bench {i}\n    backendUrl: http://127.0.0.1:{sys.argv[1]}\n"
          f"    members:\n      - {{ email: bench@example.com, accessLevel: write }}")
PY
for _ in $(seq 1 60); do
  curl -s -o /dev/null "http://127.0.0.1:$VAULT_PORT/v1/sys/health" && break
  sleep 0.5
done
curl -sf -H "X-Vault-Token: bench-vault-token" -X POST "http://127.0.0.1:$VAULT_PORT/v1/secret/data/mcp-gateway/tenants/bench-t9" \
  -d '{"data":{"api_key":"bench-backend-key","jira_url":"https://bench.example"}}' >/dev/null

call_status() {
  curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $BENCH_CLIENT_KEY" -H "X-OpenWebUI-User-Jwt: $BENCH_USER_JWT" -d '{}' "$1"
}
wait_for_call() { # $1 = url, $2 = log
  for _ in $(seq 1 480); do
    [ "$(call_status "$1")" = 200 ] && return 0
    sleep 0.25
  done
  echo "no 200 from $1; log:" >&2; tail -50 "$2" >&2; exit 1
}

declare -A URL PID JFR
TARGETS=(bare A)
[ -n "${B_JAR:-}" ] && TARGETS+=(B)

BARE_JFR_OPTIONS=()
if [ -n "${JFR_BARE:-}" ]; then BARE_JFR_OPTIONS=(-XX:FlightRecorderOptions=stackdepth=512); fi
PORT=$BARE_PORT $BARE_JAVA "${JVM_FLAGS[@]}" "${BARE_JFR_OPTIONS[@]}" -jar "$BARE_JAR" --bench.backend-url="http://127.0.0.1:$BACKEND_PORT" \
  --logging.level.root=WARN > "$RUN_DIR/bare.log" 2>&1 &
PIDS+=($!)
PID[bare]=$!
JFR[bare]=${JFR_BARE:-}
URL[bare]="http://127.0.0.1:$BARE_PORT/tools/bench-t9/read_file"

start_gateway() { # $1 = A|B, $2 = jar, $3 = java, $4 = port, $5 = management port, $6 = extra args, $7 = JFR file
  local jfr_options=()
  if [ -n "$7" ]; then jfr_options=(-XX:FlightRecorderOptions=stackdepth=512); fi
  "$PG_BIN/psql" -h 127.0.0.1 -p $PG_PORT -U postgres -qc "CREATE DATABASE gw_${1,,}" >/dev/null
  # shellcheck disable=SC2086
  DATABASE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/gw_${1,,}" DATABASE_USERNAME=postgres DATABASE_PASSWORD= \
  VAULT_ADDR="http://127.0.0.1:$VAULT_PORT" VAULT_TOKEN=bench-vault-token PORT=$4 \
  MCPGATEWAY_BOOTSTRAP_FILE="$RUN_DIR/tenants.yaml" OPENWEBUI_JWT_SECRET=$JWT_SECRET MCPGATEWAY_CLIENT_KEYS=$BENCH_CLIENT_KEY \
    $3 "${JVM_FLAGS[@]}" "${jfr_options[@]}" -jar "$2" --logging.level.root=WARN --management.server.port=$5 $6 \
    > "$RUN_DIR/gateway-$1.log" 2>&1 &
  PIDS+=($!)
  PID[$1]=$!
  JFR[$1]=$7
  URL[$1]="http://127.0.0.1:$4/tools/bench-t9/read_file"
}
start_gateway A "$A_JAR" "$A_JAVA" $A_PORT $A_MANAGEMENT_PORT "$A_ARGS" "${JFR_A:-}"
if [ -n "${B_JAR:-}" ]; then start_gateway B "$B_JAR" "$B_JAVA" $B_PORT $B_MANAGEMENT_PORT "$B_ARGS" "${JFR_B:-}"; fi
wait_for_call "${URL[bare]}" "$RUN_DIR/bare.log"
wait_for_call "${URL[A]}" "$RUN_DIR/gateway-A.log"
if [ -n "${B_JAR:-}" ]; then wait_for_call "${URL[B]}" "$RUN_DIR/gateway-B.log"; fi
{
  echo "A: $A_JAR ($($A_JAVA -version 2>&1 | head -1)) $A_ARGS"
  if [ -n "${B_JAR:-}" ]; then echo "B: $B_JAR ($($B_JAVA -version 2>&1 | head -1)) $B_ARGS"; fi
  echo "bare: $BARE_JAR; $ROUNDS rounds of $ROUND, $WARMUP warm-up each, $CONNECTIONS connections, $THREADS wrk threads"
  echo "load before warm-up: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$RESULTS/setup.txt" >&2

for target in "${TARGETS[@]}"; do
  echo "== warming $target ($WARMUP)" >&2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s bench/post.lua "${URL[$target]}" > "$RESULTS/$target.warmup.txt"
done
# CPU time (clock ticks) a process has used: less sensitive to the other loads on the machine than calls/s.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pg_ticks() { # the bench's PostgreSQL: postmaster and its backends
  local postmaster=$(head -1 "$RUN_DIR/pg/postmaster.pid") total=0 pid
  for pid in $postmaster $(pgrep -P "$postmaster"); do total=$((total + $(cpu_ticks "$pid" 2>/dev/null || echo 0))); done
  echo $total
}
thread_ticks() { # CPU ticks of each of the JVM's threads, summed by name with numbers dropped (reactor-http-epoll-N ...)
  for task in /proc/"$1"/task/*; do
    printf '%s\t%s\n' "$(tr -d '0-9' < "$task/comm" | sed 's/[-#]*$//')" "$(awk '{print $14 + $15}' "$task/stat" 2>/dev/null || echo 0)"
  done | awk -F'\t' '{t[$1] += $2} END {for (n in t) print n "\t" t[n]}'
}
for target in "${TARGETS[@]}"; do   # JFR over the measured rounds only, after the warm-up
  if [ -n "${JFR[$target]:-}" ]; then jcmd "${PID[$target]}" JFR.start name=compare settings=profile >/dev/null; fi
done
for round in $(seq 1 "$ROUNDS"); do
  for target in "${TARGETS[@]}"; do
    jvm_before=$(cpu_ticks "${PID[$target]}") pg_before=$(pg_ticks)
    thread_ticks "${PID[$target]}" > "$RESULTS/$target.round$round.threads-before"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$ROUND" --latency -s bench/post.lua "${URL[$target]}" > "$RESULTS/$target.round$round.txt"
    sleep 1   # the audit writer's last batch of the round (flush interval) lands in Postgres' count
    echo "$(( $(cpu_ticks "${PID[$target]}") - jvm_before )) $(( $(pg_ticks) - pg_before ))" > "$RESULTS/$target.round$round.cpu"
    thread_ticks "${PID[$target]}" > "$RESULTS/$target.round$round.threads-after"
  done
  echo "round $round done (load $(cut -d' ' -f1 /proc/loadavg))" >&2
done

for target in "${TARGETS[@]}"; do
  if [ -n "${JFR[$target]:-}" ]; then jcmd "${PID[$target]}" JFR.stop name=compare filename="${JFR[$target]}" >/dev/null; fi
done

check_audit() { # $1 = A|B, $2 = management port
  local calls rows dropped
  calls=$(( $(wrk_calls "$RESULTS/$1".*.txt) + 2 ))
  rows=$(settled_audit_rows "$2" "gw_${1,,}")
  dropped=$(gateway_metric "$2" mcpgateway_audit_dropped_total)
  echo "audit $1: calls made >= $calls, audit rows $rows, mcpgateway_audit_dropped_total $dropped"
}
{
  check_audit A $A_MANAGEMENT_PORT
  if [ -n "${B_JAR:-}" ]; then check_audit B $B_MANAGEMENT_PORT; fi
} | tee "$RESULTS/audit.txt" >&2

python3 - "$RESULTS" "$ROUNDS" "${TARGETS[@]}" <<'PY' | tee "$RESULTS/summary.txt"
import re, statistics, sys
results, rounds, targets = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def parse(path):
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    def pct(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return rps, pct(50), pct(99), int(errors.group(1)) if errors else 0
import os
tick_us = 1e6 / os.sysconf("SC_CLK_TCK")
def cpu(t, r):  # JVM and PostgreSQL CPU microseconds per call in that round
    jvm, pg = map(int, open(f"{results}/{t}.round{r}.cpu").read().split())
    calls = int(re.search(r"(\d+) requests in", open(f"{results}/{t}.round{r}.txt").read()).group(1))
    return jvm * tick_us / calls, pg * tick_us / calls
data = {t: [parse(f"{results}/{t}.round{r}.txt") + cpu(t, r) for r in range(1, rounds + 1)] for t in targets}
others = [t for t in targets if t != "bare"]
head = "| round | " + " | ".join(f"{t} calls/s | {t} p99" for t in targets) + " | " + " | ".join(f"{t}/bare" for t in others)
head += " | B/A |" if "B" in others else " |"
print(head)
print("|" + "---:|" * (head.count("|") - 1))
for r in range(rounds):
    row = [f"{r + 1}"] + [f"{data[t][r][0]:.0f} | {data[t][r][2]:.2f}" for t in targets]
    row += [f"{data[t][r][0] / data['bare'][r][0]:.3f}" for t in others]
    if "B" in others:
        row.append(f"{data['B'][r][0] / data['A'][r][0]:.3f}")
    print("| " + " | ".join(row) + " |")
med = lambda xs: statistics.median(xs)
row = ["median"] + [f"{med([d[0] for d in data[t]]):.0f} | {med([d[2] for d in data[t]]):.2f}" for t in targets]
row += [f"{med([data[t][r][0] / data['bare'][r][0] for r in range(rounds)]):.3f}" for t in others]
if "B" in others:
    row.append(f"{med([data['B'][r][0] / data['A'][r][0] for r in range(rounds)]):.3f}")
print("| " + " | ".join(row) + " |")
print()
print("CPU per call (median of rounds), JVM + PostgreSQL, in microseconds:")
for t in targets:
    print(f"{t}: JVM {med([d[4] for d in data[t]]):.0f} us + PostgreSQL {med([d[5] for d in data[t]]):.0f} us")
for t in targets:
    print(f"{t}: non-2xx {sum(d[3] for d in data[t])}, p50 median {med([d[1] for d in data[t]]):.2f} ms")
for t in others:
    print(f"{t}: p99 - bare p99 (median of rounds) {med([data[t][r][2] - data['bare'][r][2] for r in range(rounds)]):+.2f} ms")
print()
print("JVM CPU per call by thread (all rounds), in microseconds:")
def ticks(path):
    out = {}
    for line in open(path):
        name, value = line.rstrip("\n").split("\t")
        out[name] = int(value)
    return out
for t in targets:
    per_thread, calls = {}, 0
    for r in range(1, rounds + 1):
        before, after = ticks(f"{results}/{t}.round{r}.threads-before"), ticks(f"{results}/{t}.round{r}.threads-after")
        for name, value in after.items():
            per_thread[name] = per_thread.get(name, 0) + value - before.get(name, 0)
        calls += int(re.search(r"(\d+) requests in", open(f"{results}/{t}.round{r}.txt").read()).group(1))
    busy = sorted(((v * tick_us / calls, n) for n, v in per_thread.items() if v > 0), reverse=True)
    print(f"{t}: " + ", ".join(f"{n} {us:.1f}" for us, n in busy[:8]))
PY
echo "(raw wrk output in $RESULTS)" >&2
