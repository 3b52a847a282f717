#!/usr/bin/env bash
# Summarizes a JFR recording of the job (BENCH_JFR=1 bench/run.sh ...): the hottest methods by
# samples where they are the top frame (self) and anywhere on the stack (total).
#   bench/jfr-top.sh bench/out/binlog-bulk/job.jfr [N]
set -euo pipefail
jfr=$1; n=${2:-25}
jfr print --events jdk.ExecutionSample "$jfr" | awk -v n="$n" '
  /stackTrace = \[/ { depth = 0; delete seen; next }
  /^[[:space:]]+[a-zA-Z_$][^ ]*\(.*line:/ {
    frame = $1; sub(/\(.*/, "", frame)
    if (depth == 0) self[frame]++
    if (!(frame in seen)) { total[frame]++; seen[frame] = 1 }
    depth++; next }
  /jdk.ExecutionSample/ { samples++ }
  END {
    print "samples: " samples
    print "-- self"; for (f in self) print self[f], f | "sort -rn | head -" n; close("sort -rn | head -" n)
    print "-- total"; for (f in total) print total[f], f | "sort -rn | head -" n
  }'
