#!/usr/bin/env bash
# What audit_event's indexes cost, without the gateway: a throwaway PostgreSQL with this tree's migrations, then
#  1. writing: PostgreSQL's time per row for a COPY of ROWS rows (the gateway's format), for each index set;
#  2. reading: one page of tenant-admin's Audit log screen (its count and its first 25 rows) on READ_ROWS rows with
#     the indexes before schema version 6 (three B-trees) and now (BRIN on occurred_at).
# Needs the Debian postgresql package and python3. BENCHMARKS.md, "audit_event's indexes", reads its output.
#
#   bench/audit-indexes.sh                      # ROWS=200000 READ_ROWS=2000000
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-200000}
READ_ROWS=${READ_ROWS:-2000000}
PG_PORT=15533
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PG_AS=(env)   # PostgreSQL refuses to run as root: as root, run it as the postgres user the Debian package creates
if [ "$(id -u)" = 0 ]; then PG_AS=(runuser -u postgres --); fi
RUN_DIR=$(mktemp -d /tmp/mcpgw-audit-indexes.XXXXXX)
cleanup() {
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$RUN_DIR/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$RUN_DIR"
}
trap cleanup EXIT
mkdir -p "$RUN_DIR/pg" "$RUN_DIR/pg-run"
if [ "$(id -u)" = 0 ]; then chmod 711 "$RUN_DIR"; chown postgres "$RUN_DIR/pg" "$RUN_DIR/pg-run"; fi
"${PG_AS[@]}" "$PG_BIN/initdb" -D "$RUN_DIR/pg" -U postgres --auth=trust >/dev/null
"${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$RUN_DIR/pg" -o "-p $PG_PORT -k $RUN_DIR/pg-run -c listen_addresses=127.0.0.1" \
  -l "$RUN_DIR/pg-run/pg.log" -w start >/dev/null
export PGOPTIONS="-c client_min_messages=warning"
psql() { "$PG_BIN/psql" -h 127.0.0.1 -p $PG_PORT -U postgres -qX "$@"; }
for migration in db/src/main/resources/db/migration/V*.sql; do psql -f "$migration" >/dev/null; done

COLUMNS="(occurred_at, kind, user_email, user_id, tenant_id, tool, decision, status, reason, latency_ms, chat_id,
          message_id, client, identified_by, outcome)"
# Rows as the gateway sends them: 10 tenants, 7 users, one row every 1.3 s from 2026-11-03 (READ_ROWS: a month),
# with one tenant (t10) on 1 row in 1,000 and one user (user99) on 1 in 5,000.
rows() {
  python3 - "$1" "$2" <<'PY'
import datetime, sys
count, path = int(sys.argv[1]), sys.argv[2]
start = datetime.datetime(2026, 11, 3)
with open(path, 'w') as out:
    for i in range(count):
        tenant = 't10' if i % 1000 == 0 else f't{i % 10}'
        user = 'user99' if i % 5000 == 0 else f'user{i % 7}'
        at = (start + datetime.timedelta(seconds=i * 1.3)).strftime('%Y-%m-%d %H:%M:%S')
        out.write(f"{at}+00\tcall\t{user}@example.com\t\\N\t{tenant}\techo\tallow\t200\t\\N\t1\tchat-{i % 50}"
                  f"\tmsg-{i}\t\\N\topenwebui-jwt\t\\N\n")
PY
}
OLD_INDEXES="CREATE INDEX audit_event_occurred_at_idx ON audit_event (occurred_at DESC);
CREATE INDEX audit_event_tenant_idx ON audit_event (tenant_id, occurred_at DESC);
CREATE INDEX audit_event_user_idx ON audit_event (lower(user_email), occurred_at DESC);"
drop_indexes() {
  psql -c "DROP INDEX IF EXISTS audit_event_occurred_at_idx, audit_event_tenant_idx, audit_event_user_idx,
           audit_event_occurred_at_brin, audit_event_rate_limited_idx"
}
millis() { echo $(( $(date +%s%N) / 1000000 )); }

echo "== writing: PostgreSQL's time per row, COPY of $ROWS rows, best of 3"
rows "$ROWS" "$RUN_DIR/rows.txt"
chmod 644 "$RUN_DIR/rows.txt"
write_cost() {   # $1 = label, $2 = the indexes besides the primary key
  drop_indexes
  [ -n "$2" ] && psql -c "$2"
  local best=999999 start took
  for _ in 1 2 3; do
    psql -c "TRUNCATE audit_event" -c "CHECKPOINT"
    start=$(millis)
    psql -c "\\copy audit_event $COLUMNS FROM '$RUN_DIR/rows.txt'"
    took=$(( $(millis) - start ))
    [ $took -lt $best ] && best=$took
  done
  printf '  %-42s %5d ms  %s us/row\n' "$1" "$best" "$(awk -v ms="$best" -v rows="$ROWS" 'BEGIN {printf "%.1f", ms * 1000 / rows}')"
}
RATE_LIMITED="CREATE INDEX audit_event_rate_limited_idx ON audit_event (occurred_at DESC) WHERE outcome = 'rate_limited';"
write_cost "primary key only" ""
write_cost "+ rate_limited (partial)" "$RATE_LIMITED"
write_cost "+ BRIN (occurred_at)" "CREATE INDEX audit_event_occurred_at_brin ON audit_event USING brin (occurred_at);"
write_cost "+ B-tree (occurred_at DESC)" "CREATE INDEX audit_event_occurred_at_idx ON audit_event (occurred_at DESC);"
write_cost "+ B-tree (tenant_id, occurred_at DESC)" "CREATE INDEX audit_event_tenant_idx ON audit_event (tenant_id, occurred_at DESC);"
write_cost "+ B-tree (lower(user_email), occurred_at)" "CREATE INDEX audit_event_user_idx ON audit_event (lower(user_email), occurred_at DESC);"
write_cost "before version 6 (3 B-trees + partial)" "$OLD_INDEXES $RATE_LIMITED"
write_cost "version 6 (BRIN + partial)" "CREATE INDEX audit_event_occurred_at_brin ON audit_event USING brin (occurred_at); $RATE_LIMITED"

echo "== reading: one page of the Audit log screen (count + first 25 rows, warm), $READ_ROWS rows"
rows "$READ_ROWS" "$RUN_DIR/rows.txt"
psql -c "TRUNCATE audit_event" -c "\\copy audit_event $COLUMNS FROM '$RUN_DIR/rows.txt'"
page() {   # $1 = label, $2 = WHERE clause; the second of two runs
  local start took
  for _ in 1 2; do
    start=$(millis)
    psql -Atc "SELECT count(*) FROM audit_event $2" \
         -c "SELECT id FROM audit_event $2 ORDER BY occurred_at DESC, id DESC LIMIT 25 OFFSET 0" >/dev/null
    took=$(( $(millis) - start ))
  done
  printf '  %-30s %5d ms\n' "$1" "$took"
}
pages() {
  psql -c "VACUUM ANALYZE audit_event"
  echo " $1, table with indexes $(psql -Atc "SELECT pg_size_pretty(pg_total_relation_size('audit_event'))")"
  page "no filter" ""
  page "tenant t3 (10 % of rows)" "WHERE tenant_id = 't3'"
  page "tenant t10 (0.1 %)" "WHERE tenant_id = 't10'"
  page "user99 (0.02 %)" "WHERE lower(user_email) = lower('user99@example.com')"
  page "the last day" "WHERE occurred_at >= '2026-12-02 00:00:00+00'"
  page "tenant t10, the last day" "WHERE tenant_id = 't10' AND occurred_at >= '2026-12-02 00:00:00+00'"
}
drop_indexes; psql -c "$OLD_INDEXES $RATE_LIMITED"
pages "before version 6"
drop_indexes; psql -c "$RATE_LIMITED"
start=$(millis)
psql -c "CREATE INDEX audit_event_occurred_at_brin ON audit_event USING brin (occurred_at)"
echo " building the BRIN index on $READ_ROWS rows: $(( $(millis) - start )) ms"
pages "version 6"
