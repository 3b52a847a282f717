#!/usr/bin/env bash
# The demo: a private MariaDB with the sample schema and a live workload, the job in a local
# MiniCluster with its dashboard, and history queries over the local lake.
#   DEMO_SECONDS   how long the job runs before the final query (default 60; 0 = until Ctrl-C)
#   DEMO_DIR       where MariaDB, the lake and checkpoints live (default /tmp/history-lake-demo)
#   DEMO_PORT      the dashboard's port (default 8081, or a free port when 8081 is taken)
#   DEMO_PROMETHEUS_PORT  the Prometheus endpoint's port (default: a free port)
#   DEMO_SKIP_BUILD=1     use the jar as it is (the test that runs the demo inside the build)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${DEMO_DIR:-/tmp/history-lake-demo}
seconds=${DEMO_SECONDS:-60}
lake="$dir/lake"
mkdir -p "$dir"

cleanup() {
  [ -n "${workload_pid:-}" ] && kill "$workload_pid" 2>/dev/null || true
  [ -n "${job_pid:-}" ] && kill "$job_pid" 2>/dev/null && wait "$job_pid" 2>/dev/null || true
  "$root/deploy/local/mysql.sh" stop --dir "$dir/mysql" >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=${DEMO_PORT:-8081}
if [ -z "${DEMO_PORT:-}" ] && port_taken "$port"; then port=$(free_port); fi
prometheus=${DEMO_PROMETHEUS_PORT:-$(free_port)}

jar="$root/job/target/history-lake.jar"
if [ "${DEMO_SKIP_BUILD:-}" = 1 ] && [ -f "$jar" ]; then
  echo "== using the job jar as it is ($jar)"
elif [ -f "$jar" ] && [ -z "$(find "$root" -path '*/target' -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.properties' \) -newer "$jar" -print | head -1)" ]; then
  echo "== the job jar is current ($jar)"
else
  echo "== building the job (first run downloads dependencies)"
  # Maven's output goes to a file (shown when the build fails): -q still prints colour resets.
  (cd "$root" && mvn -B -DskipTests -Dspotless.check.skip=true package > "$dir/build.log" 2>&1) \
    || { tail -40 "$dir/build.log"; exit 1; }
fi

echo "== starting a private MariaDB"
eval "$("$root/deploy/local/mysql.sh" start --dir "$dir/mysql")"
mariadb --no-defaults --protocol=socket --socket="$HL_MYSQL_SOCKET" -uroot < "$root/deploy/local/demo-schema.sql"
rm -rf "$lake" "$dir/checkpoints"

echo "== starting history-lake; dashboard: http://localhost:$port  metrics: http://localhost:$prometheus/metrics"
MYSQL_PASSWORD="$HL_MYSQL_PASSWORD" "$root/bin/history-lake" run \
  --mysql.host 127.0.0.1 --mysql.port "$HL_MYSQL_PORT" --mysql.user "$HL_MYSQL_USER" \
  --mysql.databases staging_api --lake.path "$lake" \
  --checkpoint.dir "file://$dir/checkpoints" --checkpoint.interval 5s \
  --local.web-ui-port "$port" --metrics.prometheus.port "$prometheus" 2> "$dir/job.log" &
job_pid=$!

query() { "$root/bin/history-lake" query --lake "$lake" "$1"; }
for _ in $(seq 1 120); do
  [ -n "$(find "$lake" -name '*.parquet' 2>/dev/null | head -1)" ] && break
  kill -0 "$job_pid" 2>/dev/null || { echo "the job stopped; see $dir/job.log"; tail -20 "$dir/job.log"; exit 1; }
  sleep 1
done

echo "== snapshot landed; starting the workload (inserts, updates, deletes)"
"$root/deploy/local/demo-workload.sh" "$HL_MYSQL_SOCKET" &
workload_pid=$!

if [ "$seconds" = 0 ]; then
  echo "== running until Ctrl-C; query with: bin/history-lake query --lake $lake \"SELECT ...\""
  wait "$job_pid"
fi
sleep "$seconds"

echo "== changes per table and op"
query "SELECT 'inspections' AS t, _op, count(*) AS changes FROM staging_api_inspections GROUP BY _op
       UNION ALL SELECT 'activity_feed', _op, count(*) FROM staging_api_activity_feed GROUP BY _op ORDER BY 1, 2"
echo "== the full history of the most-changed inspection: every version, when, by whom"
query "SELECT id, _row_version, _event_time, _op, status, score, _user_id,
              array_to_string(_changed_columns, ',') AS changed, _tx_id
       FROM staging_api_inspections
       WHERE id = (SELECT id FROM staging_api_inspections GROUP BY id ORDER BY count(*) DESC, id LIMIT 1)
       ORDER BY _row_version"
echo "== one request that changed two tables in one transaction: who, which request, which rows"
query "WITH tx AS (SELECT _tx_id FROM staging_api_activity_feed WHERE _request_id LIKE 'req-tx-%'
                  ORDER BY _event_time DESC LIMIT 1)
       SELECT 'inspections' AS t, id, _op, _user_id, _request_id, _tx_id, _tx_order FROM staging_api_inspections WHERE _tx_id IN (SELECT _tx_id FROM tx)
       UNION ALL
       SELECT 'activity_feed', id, _op, _user_id, _request_id, _tx_id, _tx_order FROM staging_api_activity_feed WHERE _tx_id IN (SELECT _tx_id FROM tx)
       ORDER BY _tx_order"
echo "== lake files"
find "$lake" -name '*.parquet' | head -5
echo "== done (lake kept in $lake)"
