#!/usr/bin/env bash
# Applies the Athena DDL that history-lake writes to <lake>/_athena/<db>/<table>/v<N>.sql, table by
# table in version order (CREATE EXTERNAL TABLE <db_table>_files with partition projection, the
# compaction journal table, the view <db_table> that queries read; then ADD COLUMNS and the view
# again per version), statement by statement, with the AWS CLI. Safe to run again: CREATE uses IF NOT EXISTS and "already exists" answers count as done.
#
#   deploy/athena/apply-ddl.sh --lake s3://bucket/lake --output s3://bucket/athena-results/ \
#       [--workgroup primary] [--region eu-west-1] [--table db.table] [--dry-run]
#
# --lake may also be a local directory (the DDL is read from there). --dry-run prints the
# statements in the order they would run and touches nothing.
set -euo pipefail

lake="" output="" workgroup="primary" region="" only="" dry_run=0
while [ $# -gt 0 ]; do
  case "$1" in
    --lake) lake=$2; shift 2 ;;
    --output) output=$2; shift 2 ;;
    --workgroup) workgroup=$2; shift 2 ;;
    --region) region=$2; shift 2 ;;
    --table) only=$2; shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    *) echo "apply-ddl: unknown argument '$1' (see the header of $0)" >&2; exit 2 ;;
  esac
done
[ -n "$lake" ] || { echo "apply-ddl: --lake is required (s3://bucket/lake or a directory)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
case "$lake" in
  s3://*|s3a://*)
    command -v aws >/dev/null || { echo "apply-ddl: the AWS CLI (aws) is needed to read $lake" >&2; exit 2; }
    aws ${region:+--region "$region"} s3 cp --recursive --quiet "${lake/#s3a:/s3:}/_athena/" "$work/" ;;
  *)
    dir=${lake#file://}
    [ -d "$dir/_athena" ] || { echo "apply-ddl: no $dir/_athena: has the job written a checkpoint yet?" >&2; exit 2; }
    cp -r "$dir/_athena/." "$work/" ;;
esac

if [ "$dry_run" -eq 0 ]; then
  [ -n "$output" ] || { echo "apply-ddl: --output s3://... (Athena query results) is required" >&2; exit 2; }
  command -v aws >/dev/null || { echo "apply-ddl: the AWS CLI (aws) is needed; or use --dry-run" >&2; exit 2; }
fi

run() {  # one statement: start it, wait for it, accept "already exists"
  local sql=$1 id state reason
  id=$(aws ${region:+--region "$region"} athena start-query-execution --work-group "$workgroup" \
        --result-configuration "OutputLocation=$output" --query-string "$sql" \
        --query QueryExecutionId --output text)
  while :; do
    state=$(aws ${region:+--region "$region"} athena get-query-execution --query-execution-id "$id" \
              --query QueryExecution.Status.State --output text)
    case "$state" in
      SUCCEEDED) return 0 ;;
      FAILED|CANCELLED)
        reason=$(aws ${region:+--region "$region"} athena get-query-execution --query-execution-id "$id" \
                   --query QueryExecution.Status.StateChangeReason --output text)
        if grep -qi "already exists" <<<"$reason"; then return 0; fi
        echo "apply-ddl: $state: $reason" >&2; return 1 ;;
      *) sleep 1 ;;
    esac
  done
}

applied=0
for table_dir in "$work"/*/*/; do
  [ -d "$table_dir" ] || continue
  table=$(basename "$(dirname "$table_dir")").$(basename "$table_dir")
  [ -z "$only" ] || [ "$only" = "$table" ] || continue
  for file in $(ls "$table_dir" | grep -E '^v[0-9]+\.sql$' | sort -t v -k2 -n); do
    # statements end with ';' at the end of a line; comment lines are dropped
    while IFS= read -r -d '' sql; do
      if [ "$dry_run" -eq 1 ]; then
        printf -- '-- %s %s\n%s;\n' "$table" "${file%.sql}" "$sql"
      else
        echo "apply-ddl: $table ${file%.sql}: ${sql%%$'\n'*}" >&2
        run "$sql"
      fi
      applied=$((applied + 1))
    done < <(grep -v '^--' "$table_dir/$file" | awk 'BEGIN { RS = ";[ \t]*\n"; ORS = "\0" }
               { sub(/^[ \t\n]+/, ""); sub(/[ \t\n]+$/, ""); if (length($0)) print }')
  done
done
echo "apply-ddl: $applied statements $([ "$dry_run" -eq 1 ] && echo "(dry run)" || echo applied)" >&2
