#!/usr/bin/env bash
# Reads from a streaming replica (issue 13, RELIABILITY.md "Replicas"): a throw-away PostgreSQL 15
# primary (.ci/postgres.sh) and a hot standby made from it with `pg_basebackup -R` (its own folder
# and port), and `glossa serve --database PRIMARY --read-database REPLICA`. Checks:
#   - the replica is a hot standby streaming from the primary, and a write there fails;
#   - with the replica's replay paused, an import (and a glossary concept) answers 201: the writes
#     went to the primary (its import_log has the row, the replica's has none), while lookups and
#     /v1/stats, served from the replica, do not see the import yet;
#   - replay resumed, lookups find the imported units within READ_REPLICA_DEADLINE (30) seconds,
#     and /v1/stats counts them; a second import, not paused, is seen as soon as replication
#     catches up (the time is printed, with the replica's replay position);
#   - the database checks of .ci/pg_check.py pass on the primary and give the same figures on the
#     replica;
#   - /health/ready with the replica stopped (printed; see RELIABILITY.md for what it answers).
# Prints the figures and "read replica: N passed, M failed"; exits 1 if any check failed.
# Knobs: READ_REPLICA_UNITS (5000), READ_REPLICA_CONFIGURATION (debug; GLOSSA_BIN=PATH takes that binary instead of building), READ_REPLICA_DEADLINE (30).
set -euo pipefail
cd "$(dirname "$0")/.."
units=${READ_REPLICA_UNITS:-5000}
configuration=${READ_REPLICA_CONFIGURATION:-debug}
deadline_seconds=${READ_REPLICA_DEADLINE:-30}
token=read-replica-token
work=$(mktemp -d /tmp/glossa-read-replica.XXXXXX)
script_started=$(date +%s.%N)
server=""
primary_dir=""
replica_dir=""
cleanup() {
  if [[ -n $server ]]; then kill -9 "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [[ -n $replica_dir ]]; then bash .ci/postgres.sh stop "$replica_dir" >/dev/null 2>&1 || true; fi
  if [[ -n $primary_dir ]]; then bash .ci/postgres.sh stop "$primary_dir" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
  true
}
trap cleanup EXIT

source .ci/replica_common.sh

# ---- The primary: always a cluster of its own (not the caller's).
pg_env=$(GLOSSA_TEST_POSTGRES_DIR="" bash .ci/postgres.sh start)
eval "$pg_env"
primary_dir=$GLOSSA_TEST_POSTGRES_DIR
primary=$GLOSSA_TEST_POSTGRES
unset GLOSSA_TEST_POSTGRES GLOSSA_TEST_POSTGRES_DIR
bin=/usr/lib/postgresql/15/bin
[[ -x $bin/pg_basebackup ]] || bin=$(dirname "$(command -v pg_basebackup)")
owner=$(stat -c %U "$primary_dir")
as_owner() {  # folder, command...: as the cluster's owner (PostgreSQL refuses root), from inside the folder
  local dir=$1; shift
  if ((EUID == 0)); then (cd "$dir" && runuser -u "$owner" -- "$@"); else (cd "$dir" && "$@"); fi
}

# ---- The replica: pg_basebackup -R from the primary, started as a hot standby on its own port.
replica_dir=$(mktemp -d /tmp/glossa-pg.XXXXXX)
touch "$replica_dir/.glossa-postgres"   # postgres.sh stop removes only folders carrying this mark
((EUID == 0)) && chown -R "$owner:" "$replica_dir"
primary_port=${primary##*:}
primary_port=${primary_port%%/*}
as_owner "$replica_dir" "$bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U glossa -D "$replica_dir/data" -R -X stream -c fast
replica_port=$(free_port)
# A hot standby needs max_connections at least the primary's (postgres.sh sets 500 on its command line).
as_owner "$replica_dir" "$bin/pg_ctl" -D "$replica_dir/data" -l "$replica_dir/server.log" -t 60 -w \
  -o "-p $replica_port -k $replica_dir -c listen_addresses=127.0.0.1 -c hot_standby=on -c max_connections=500" start >/dev/null ||
  { cat "$replica_dir/server.log"; exit 1; }
replica=postgres://glossa@127.0.0.1:$replica_port/glossa_test
on_primary() { psql -X -q -t -A -v ON_ERROR_STOP=1 "$primary" "$@"; }
on_replica() { psql -X -q -t -A -v ON_ERROR_STOP=1 "$replica" "$@"; }
echo "primary $primary, replica $replica ($(on_replica -c 'SHOW server_version')); glossa $configuration build"
check "the replica is a hot standby" test "$(on_replica -c 'SELECT pg_is_in_recovery()')" == t
streaming=""
for _ in $(seq 1 100); do
  streaming=$(on_primary -c "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")
  [[ $streaming == 1 ]] && break
  sleep 0.1
done
check "the primary streams to it (pg_stat_replication)" test "$streaming" == 1

# ---- The server: writes to the primary, reads from the replica.
port=$(free_port)
"$glossa" serve --database "$primary" --read-database "$replica" --port "$port" --token "$token" --no-samples \
  --log-level warning >"$work/serve.log" 2>&1 &
server=$!
ready=false
for _ in $(seq 1 600); do
  if curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null; then ready=true; break; fi
  kill -0 "$server" 2>/dev/null || break
  sleep 0.1
done
check "glossa serve --database PRIMARY --read-database REPLICA is ready" $ready
$ready || { tail -20 "$work/serve.log"; echo "read replica: $passed passed, $((failed)) failed"; exit 1; }

api() { curl -sS --max-time 30 "$@"; }
json() { python3 -c 'import json, sys; value = json.load(sys.stdin)
for key in sys.argv[1].split("."): value = value[int(key) if key.isdigit() else key]
print(value)' "$1"; }
stats_units() { api "http://127.0.0.1:$port/v1/stats" | json units; }
sentence() {  # the English text of unit N (.ci/replica_tmx.py)
  python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
n = int(sys.argv[1])
lang = '{http://www.w3.org/XML/1998/namespace}lang'
units = [{t.get(lang): ''.join(t.find('seg').itertext()) for t in tu.iter('tuv')} for tu in ET.parse('tmx/putin-xi-state-visit-2024.tmx').iter('tu')]
units = [u for u in units if all(u.get(l) for l in ('en', 'ru', 'zh-CN'))]
print(f"{units[(n * 7919) % len(units)]['en']} ({n})")
PY
}
finds() {  # N [text]: a lookup of unit N's English text returns unit rN; its time in $work/lookup.seconds
  local text=${2:-$(sentence "$1")}
  api -G "http://127.0.0.1:$port/v1/tm/lookup" --data-urlencode "q=$text" -d source=en -d target=ru -d limit=3 \
    -o "$work/found.json" -w '%{http_code} %{time_total}' >"$work/lookup.seconds"
  python3 -c 'import json, sys; sys.exit(0 if any(m.get("tuid") == sys.argv[1] for m in json.load(open(sys.argv[2]))["matches"]) else 1)' \
    "r$1" "$work/found.json" 2>/dev/null && return 0
  echo "$(date +%T.%N) r$1: $(cat "$work/lookup.seconds") $(head -c 300 "$work/found.json")" >>"$work/polls.log"
  return 1
}
wait_until_found() {  # N, its text, start time: polls until unit N is found or the deadline; prints the seconds
  local end=$((SECONDS + deadline_seconds)) text=$2
  while ((SECONDS < end)); do
    if finds "$1" "$text"; then
      echo "$(since "$3") s, after $(grep -c " r$1: " "$work/polls.log" 2>/dev/null) lookups not finding it (the one that did: HTTP $(cut -d' ' -f1 "$work/lookup.seconds") in $(cut -d' ' -f2 "$work/lookup.seconds") s)"
      return 0
    fi
    sleep 0.05
  done
  echo "not within $deadline_seconds s"
  return 1
}

# ---- Replay paused: the writes go to the primary, the reads see the replica as it was.
python3 .ci/replica_tmx.py "$work/first.tmx" 0 "$units"
python3 .ci/replica_tmx.py "$work/second.tmx" "$units" $((2 * units))
on_replica -c 'SELECT pg_wal_replay_pause()' >/dev/null
for _ in $(seq 1 100); do [[ $(on_replica -c 'SELECT pg_get_wal_replay_pause_state()') == paused ]] && break; sleep 0.1; done
echo "== replay paused on the replica ($(on_replica -c 'SELECT pg_get_wal_replay_pause_state()')); import of $units units"
began=$(now)
status=$(api -o "$work/first.json" -w '%{http_code}' -H "Authorization: Bearer $token" --max-time 600 --data-binary @"$work/first.tmx" \
  "http://127.0.0.1:$port/v1/tm/import?origin=first.tmx")
import_seconds=$(since "$began")
imported=$(json imported <"$work/first.json" 2>/dev/null || echo "?")
check "import with the replica paused: HTTP $status, $imported of $units units in $import_seconds s" test "$status:$imported" == "201:$units"
concept=$(api -o "$work/concept.json" -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"domain":"place","terms":[{"text":"Replicaville","language":"en","status":"preferred"},{"text":"Репликавиль","language":"ru","status":"preferred"}]}' \
  "http://127.0.0.1:$port/v1/glossary/concepts")
# The concept's id as the primary has it (the answer's id, if any, must be the same).
concept_id=$(on_primary -c "SELECT max(id) FROM concept WHERE origin = 'api'")
answered_id=$(json id <"$work/concept.json" 2>/dev/null || echo "none")
check "a glossary concept added with the replica paused is committed on the primary (id $concept_id)" test -n "$concept_id"
check "... and its answer is 201 with that id: HTTP $concept, id $answered_id ($(head -c 120 "$work/concept.json"))" \
  test "$concept:$answered_id" == "201:$concept_id"
check "the primary's import_log has the import, the replica's none yet" \
  test "$(on_primary -c "SELECT count(*) FROM import_log WHERE origin = 'first.tmx'"):$(on_replica -c "SELECT count(*) FROM import_log")" == "1:0"
seen=$(stats_units)
check "/v1/stats (from the replica) counts $seen units: not the import yet" test "$seen" == 0
probe=$((units / 2 + 1))
if finds "$probe"; then paused_lookup=found; else paused_lookup="not found"; fi
check "a lookup of unit r$probe (from the replica) does not find it yet: $paused_lookup" test "$paused_lookup" == "not found"
write_error=$(on_replica -c "INSERT INTO import_log (origin, units_read, imported, duplicates, rejected) VALUES ('x', 0, 0, 0, 0)" 2>&1 || true)
check "a write on the replica fails: $write_error" grep -q 'read-only transaction' <<<"$write_error"

# ---- Replay resumed: the reads catch up.
primary_lsn=$(on_primary -c 'SELECT pg_current_wal_lsn()')
text=$(sentence "$probe")
resumed=$(now)
on_replica -c 'SELECT pg_wal_replay_resume()' >/dev/null
if seconds=$(wait_until_found "$probe" "$text" "$resumed"); then found=true; else found=false; fi
echo "== replay resumed (primary at $primary_lsn)"
check "lookups find unit r$probe once replay resumed: $seconds (replica replayed to $(on_replica -c 'SELECT pg_last_wal_replay_lsn()'))" $found
seen=$(stats_units)
check "/v1/stats counts the $units units" test "$seen" == "$units"
if [[ -n $concept_id ]]; then
  check "GET /v1/glossary/concepts/$concept_id (from the replica) finds the concept" \
    curl -fsS --max-time 10 -o /dev/null "http://127.0.0.1:$port/v1/glossary/concepts/$concept_id"
fi

# ---- Not paused: how soon an import is seen.
echo "== a second import of $units units, replay running"
probe=$((units + units / 3))
text=$(sentence "$probe")
began=$(now)
status=$(api -o "$work/second.json" -w '%{http_code}' -H "Authorization: Bearer $token" --max-time 600 --data-binary @"$work/second.tmx" \
  "http://127.0.0.1:$port/v1/tm/import?origin=second.tmx")
answered=$(now)
if seconds=$(wait_until_found "$probe" "$text" "$answered"); then found=true; else found=false; fi
primary_lsn=$(on_primary -c 'SELECT pg_current_wal_lsn()')
check "second import: HTTP $status in $(since "$began" "$answered") s; unit r$probe found after its answer: $seconds" \
  test "$found:$status" == "true:201"
caught_up=""
for _ in $(seq 1 300); do
  caught_up=$(on_replica -c "SELECT pg_last_wal_replay_lsn() >= '$primary_lsn'::pg_lsn")
  [[ $caught_up == t ]] && break
  sleep 0.1
done
check "the replica replayed past the primary's position at the import's end" test "$caught_up" == t

# ---- The same database on both.
echo "== the database on the primary and on the replica (.ci/pg_check.py)"
if python3 .ci/pg_check.py "$primary" --expect-range 0 $((2 * units)) >"$work/primary.json"; then primary_ok=true; else primary_ok=false; fi
if python3 .ci/pg_check.py "$replica" --expect-range 0 $((2 * units)) >"$work/replica.json"; then replica_ok=true; else replica_ok=false; fi
python3 - "$work/primary.json" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
print(f"primary: units {f['units']}, segments {f['segments']}, vocabulary {f['tokens']}, posting entries {f['posting_entries']}, import_log rows {len(f['import_log'])}")
PY
check "primary: every unit once, import_log and term index consistent" $primary_ok
check "replica: the same figures" test "$replica_ok:$(cat "$work/primary.json")" == "true:$(cat "$work/replica.json")"

# ---- The replica gone: what the server says.
echo "== the replica stopped"
as_owner "$replica_dir" "$bin/pg_ctl" -D "$replica_dir/data" -m fast -t 60 -w stop >/dev/null
ready_status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "http://127.0.0.1:$port/health/ready")
lookup_status=$(curl -s -o "$work/lookup.json" -w '%{http_code}' --max-time 30 -G "http://127.0.0.1:$port/v1/tm/lookup" \
  --data-urlencode "q=$(sentence 1)" -d source=en -d target=ru)
echo "  replica stopped: GET /health/ready answers $ready_status, a lookup $lookup_status ($(head -c 160 "$work/lookup.json"))"
check "a lookup without the replica is 503 database-unavailable, not a wrong answer" test "$lookup_status" == 503
if [[ $ready_status != 503 ]]; then
  echo "  NOTE: /health/ready answers $ready_status though the read replica is down (it checks the primary only; see the report)"
fi
[[ -f $work/polls.log ]] && { echo "lookups that did not find their unit:"; cut -c1-400 "$work/polls.log"; } | head -n 12
echo "total $(since "$script_started")s"
echo "read replica: $passed passed, $failed failed"
((failed == 0))
