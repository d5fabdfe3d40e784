# Shared by run.sh and compare.sh (sourced after PG_BIN and PG_PORT are set).

# A gateway metric, summed over its series, from the management port: $1 = port, $2 = metric name.
gateway_metric() {
  curl -s "http://127.0.0.1:$1/actuator/prometheus" | awk -v name="$2" '$1 == name || index($1, name "{") == 1 {s += $2} END {print s + 0}'
}

# The calls a set of wrk outputs completed: $@ = files.
wrk_calls() {
  local calls=0 f
  for f in "$@"; do calls=$((calls + $(grep -oE '^ +[0-9]+ requests in' "$f" | grep -oE '[0-9]+'))); done
  echo "$calls"
}

# The audit rows once all are in: the gateway holds no event and the count stood still for longer than the flush
# interval (1 s), which is how long a transaction of streamed events can stay open. $1 = management port, $2 = database.
settled_audit_rows() {
  local rows=0 previous=-1 buffered
  for _ in $(seq 1 40); do
    buffered=$(gateway_metric "$1" mcpgateway_audit_buffered)
    rows=$("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$2" -tAc "SELECT count(*) FROM audit_event")
    [ "$buffered" = 0 ] && [ "$rows" = "$previous" ] && break
    previous=$rows; sleep 1.5
  done
  echo "$rows"
}
