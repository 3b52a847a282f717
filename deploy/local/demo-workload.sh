#!/usr/bin/env bash
# Inserts, updates and deletes against the demo schema, one small transaction at a time (some
# touch both tables in one request), tagged as sqlcommenter does, until killed or DEMO_STATEMENTS
# ran. Usage: demo-workload.sh SOCKET
set -u
socket=$1
n=${DEMO_STATEMENTS:-100000}
users=(15016 15017 20001 31337)
for i in $(seq 1 "$n"); do
  user=${users[$((RANDOM % 4))]}
  request="req-$RANDOM$RANDOM"
  case $((RANDOM % 12)) in
    0|1|2) sql="INSERT INTO inspections (site, inspector, flags, scheduled_for, created_by) VALUES ('Site $i', 'inspector$((RANDOM % 5))', 'remote', CURRENT_DATE + INTERVAL $((RANDOM % 30)) DAY, '$user') /* user_id='$user',request_id='$request' */" ;;
    3|4|5) sql="UPDATE inspections SET status = ELT(1 + FLOOR(RAND() * 4), 'scheduled','in_progress','passed','failed'), score = ROUND(RAND() * 100, 2), updated_by = '$user' WHERE id = (SELECT id FROM (SELECT id FROM inspections ORDER BY RAND() LIMIT 1) t) /* user_id='$user',request_id='$request' */" ;;
    6|7|8) sql="INSERT INTO activity_feed (actor_id, verb, object_type, object_id, payload, created_by) VALUES ($user, 'updated', 'inspection', $((RANDOM % 50)), JSON_OBJECT('i', $i), '$user')" ;;
    9) sql="DELETE FROM inspections WHERE status = 'failed' ORDER BY id LIMIT 1" ;;
    # One request, two tables, one transaction: an inspection passes and the feed says so.
    10|11) request="req-tx-$RANDOM$RANDOM"
       tag="/* user_id='$user',request_id='$request' */"
       sql="START TRANSACTION;
            SELECT id INTO @inspection FROM inspections ORDER BY RAND() LIMIT 1;
            UPDATE inspections SET status = 'passed', score = ROUND(80 + RAND() * 20, 2), updated_by = '$user' WHERE id = @inspection $tag;
            INSERT INTO activity_feed (actor_id, verb, object_type, object_id, payload, created_by) VALUES ($user, 'closed', 'inspection', @inspection, JSON_OBJECT('i', $i), '$user') $tag;
            COMMIT" ;;
  esac
  # --comments: the client strips comments by default, and the tags are in them.
  mariadb --no-defaults --comments --protocol=socket --socket="$socket" -uroot staging_api -e "$sql" 2>/dev/null || true
  sleep "${DEMO_PAUSE:-0.2}"
done
