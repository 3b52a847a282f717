#!/usr/bin/env bash
# Starts/stops a real S3 API server on loopback for history-lake's demo and tests: s3proxy (Maven
# Central, org.gaul:s3proxy 4.1.0, jar-with-dependencies) with a filesystem blob store under DIR,
# AWS v2/v4 signatures, one bucket, on a free (or given) port, as its own process.
#
#   deploy/local/s3.sh start [--dir DIR] [--port PORT] [--bucket NAME]   prints KEY=VALUE lines
#   deploy/local/s3.sh stop  [--dir DIR] [--keep]                       stops it, removes DIR
set -euo pipefail

version=4.1.0
cmd=${1:-}; shift || true
dir=${HL_S3_DIR:-/tmp/history-lake-s3}
port=""
bucket=${HL_S3_BUCKET:-history-lake}
keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --bucket) bucket=$2; shift 2 ;;
    --keep) keep=true; shift ;;
    *) echo "s3.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
access_key=${HL_S3_ACCESS_KEY:-history-lake}
secret_key=${HL_S3_SECRET_KEY:-history-lake-secret}
cache=${HL_CACHE_DIR:-$HOME/.cache/history-lake}
jar="$cache/s3proxy-$version-jar-with-dependencies.jar"

die() { echo "s3.sh: $*" >&2; exit 1; }

# Maven is the one route to the artifact, so the user's settings (mirrors, proxies, private
# repositories, offline mode) apply; where it fails, say what, why and how to fix it.
fetch() {
  [ -s "$jar" ] && return 0
  mkdir -p "$cache"
  local artifact="org.gaul:s3proxy:$version:jar:jar-with-dependencies" log="$cache/s3proxy-fetch.log"
  echo "s3.sh: resolving $artifact through Maven" >&2
  if ! mvn -B -ntp ${HL_MAVEN_ARGS:-} dependency:copy -Dartifact="$artifact" \
      -DoutputDirectory="$cache" >"$log" 2>&1 || [ ! -s "$jar" ]; then
    rm -f "$jar"
    {
      echo "s3.sh: could not resolve org.gaul:s3proxy:$version (classifier jar-with-dependencies) through Maven."
      echo "s3.sh: Maven said:"
      grep -E "^\[ERROR\]" "$log" | head -5 | sed 's/^/  /'
      echo "s3.sh: fix: check the repositories, mirrors and proxies in your Maven settings"
      echo "  (~/.m2/settings.xml, or -s via HL_MAVEN_ARGS), or put the jar at $jar"
    } >&2
    exit 1
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' \
    2>/dev/null || echo $(( 20000 + RANDOM % 20000 ))
}

running() { [ -f "$dir/s3proxy.pid" ] && kill -0 "$(cat "$dir/s3proxy.pid")" 2>/dev/null; }

start() {
  if running; then cat "$dir/env"; return 0; fi
  fetch
  [ -n "$port" ] || port=$(free_port)
  rm -rf "$dir"; mkdir -p "$dir/blobs/$bucket"
  cat >"$dir/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$access_key
s3proxy.credential=$secret_key
jclouds.provider=filesystem
jclouds.filesystem.basedir=$dir/blobs
PROPS
  java -jar "$jar" --properties "$dir/s3proxy.properties" >"$dir/s3proxy.log" 2>&1 &
  echo $! >"$dir/s3proxy.pid"
  for _ in $(seq 1 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    kill -0 "$(cat "$dir/s3proxy.pid")" 2>/dev/null || die "s3proxy exited at start: $(tail -5 "$dir/s3proxy.log")"
    sleep 0.1
  done
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || die "s3proxy did not listen within 30 s, see $dir/s3proxy.log"
  cat >"$dir/env" <<ENV
HL_S3_ENDPOINT=http://127.0.0.1:$port
HL_S3_BUCKET=$bucket
HL_S3_ACCESS_KEY=$access_key
HL_S3_SECRET_KEY=$secret_key
HL_S3_DIR=$dir
ENV
  cat "$dir/env"
}

stop() {
  if running; then
    pid=$(cat "$dir/s3proxy.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  $keep || rm -rf "$dir"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop [--dir DIR] [--port PORT] [--bucket NAME] [--keep]" >&2; exit 2 ;;
esac
