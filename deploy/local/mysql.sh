#!/usr/bin/env bash
# Starts/stops a private MariaDB 10.11 for history-lake's demo and tests: temporary datadir, ROW binlog
# with full row image and annotated row events, UTC, loopback only, on a free (or given) port.
# Never touches a system service or port 3306.
#
#   deploy/local/mysql.sh start [--dir DIR] [--port PORT] [--reuse]
#                                   prints KEY=VALUE lines (also in DIR/env); --reuse restarts on the
#                                   data a 'stop --keep' left
#   deploy/local/mysql.sh stop   [--dir DIR] [--keep]        stops it and removes DIR unless --keep
#   deploy/local/mysql.sh status [--dir DIR]
set -euo pipefail

cmd=${1:-}; shift || true
dir=${HL_MYSQL_DIR:-/tmp/history-lake-mysql}
port=""
keep=false
reuse=false
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --keep) keep=true; shift ;;
    --reuse) reuse=true; shift ;;
    *) echo "mysql.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
cdc_user=${HL_MYSQL_CDC_USER:-history_lake}
cdc_password=${HL_MYSQL_CDC_PASSWORD:-history-lake-cdc}

die() { echo "mysql.sh: $*" >&2; exit 1; }

ensure_installed() {
  command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] && return 0
  echo "mysql.sh: installing mariadb-server from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq mariadb-server mariadb-client >&2 \
    || die "could not install mariadb-server; install it (apt-get install mariadb-server) and retry"
}

free_port() {
  python3 - <<'PY' 2>/dev/null || echo $(( 20000 + RANDOM % 20000 ))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

client() { mariadb --no-defaults --protocol=socket --socket="$dir/mysqld.sock" -uroot "$@"; }

running() { [ -f "$dir/mysqld.pid" ] && kill -0 "$(cat "$dir/mysqld.pid")" 2>/dev/null; }

start() {
  if running; then cat "$dir/env"; return 0; fi
  ensure_installed
  mariadbd=$(command -v mariadbd || echo /usr/sbin/mariadbd)
  [ -n "$port" ] || port=$(free_port)
  [ "$port" != 3306 ] || die "port 3306 is reserved for a system service; pass another --port"
  if ! $reuse || [ ! -d "$dir/data/mysql" ]; then
    rm -rf "$dir"; mkdir -p "$dir/data"
    mariadb-install-db --no-defaults --user="$(id -un)" --datadir="$dir/data" \
      --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1 \
      || die "mariadb-install-db failed, see $dir/install.log"
  fi
  "$mariadbd" --no-defaults --user="$(id -un)" --datadir="$dir/data" \
    --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" --log-error="$dir/error.log" \
    --port="$port" --bind-address=127.0.0.1 --skip-name-resolve \
    --server-id=1 --log-bin="$dir/data/binlog" --binlog-format=ROW --binlog-row-image=FULL \
    --binlog-annotate-row-events=ON --binlog-row-metadata=FULL --default-time-zone=+00:00 \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
    --innodb-buffer-pool-size=${HL_MYSQL_BUFFER_POOL:-256M} --innodb-flush-log-at-trx-commit=2 \
    --sync-binlog=0 --max-allowed-packet=256M --max-connections=200 >/dev/null 2>&1 &
  for _ in $(seq 1 300); do
    client -e 'SELECT 1' >/dev/null 2>&1 && break
    kill -0 $! 2>/dev/null || die "mariadbd exited at start, see $dir/error.log: $(tail -5 "$dir/error.log")"
    sleep 0.1
  done
  client -e 'SELECT 1' >/dev/null 2>&1 || die "mariadbd did not answer within 30 s, see $dir/error.log"
  client <<SQL
CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
CREATE USER IF NOT EXISTS '$cdc_user'@'%' IDENTIFIED BY '$cdc_password';
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '$cdc_user'@'%';
FLUSH PRIVILEGES;
SQL
  cat >"$dir/env" <<ENV
HL_MYSQL_HOST=127.0.0.1
HL_MYSQL_PORT=$port
HL_MYSQL_SOCKET=$dir/mysqld.sock
HL_MYSQL_ROOT_USER=root
HL_MYSQL_USER=$cdc_user
HL_MYSQL_PASSWORD=$cdc_password
HL_MYSQL_DIR=$dir
ENV
  cat "$dir/env"
}

stop() {
  if running; then
    pid=$(cat "$dir/mysqld.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  $keep || rm -rf "$dir"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  status) if running; then cat "$dir/env"; else echo "not running ($dir)"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status [--dir DIR] [--port PORT] [--keep]" >&2; exit 2 ;;
esac
