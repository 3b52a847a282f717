#!/usr/bin/env bash
# The history-lake benchmark: a private MariaDB (deploy/local/mysql.sh), the seeded workloads, the
# job's fat jar as its own JVM (-Xmx1g) and the baselines on the same data, in one run.
#
#   bench/run.sh [--rows N] [--out DIR] [--no-latency]
#
# --rows (default 1000000) sizes the 12-column snapshot and both bulk binlog workloads; the 60-column
# snapshot has N/5 rows, the small-transaction workload N/10. Prints the table and writes
# DIR/results.json and DIR/results.md (DIR defaults to bench/out).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ ! -f job/target/history-lake.jar ] || [ ! -f bench/target/classpath.txt ] \
   || [ ! -d bench/target/classes/io ]; then
  echo "bench: building (mvn -DskipTests install)" >&2
  mvn -q -B -ntp -DskipTests install >&2
fi
dir=$(mktemp -d /tmp/history-lake-bench.XXXXXX)
export HL_MYSQL_BUFFER_POOL=${HL_MYSQL_BUFFER_POOL:-2G}
while IFS='=' read -r key value; do export "$key=$value"; done \
  < <(deploy/local/mysql.sh start --dir "$dir/mysql")
trap 'deploy/local/mysql.sh stop --dir "$dir/mysql"; rm -rf "$dir"' EXIT
java -Xmx2g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.historylake.bench.Bench "$@"
