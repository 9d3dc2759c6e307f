#!/usr/bin/env bash
# Several servers on one PostgreSQL database (issue 13, RELIABILITY.md "Replicas"). Three
# `glossa serve --database URL` replicas (started at once: they race for the migrations) on a fresh
# database of a throw-away PostgreSQL 15 cluster (.ci/postgres.sh), HAProxy on loopback in front of
# them (health check GET /health/ready; idempotent GETs retried on another replica:
# `retry-on all-retryable-errors`, `option redispatch`). REPLICA_CLIENTS (4) clients look up
# through HAProxy the whole time (GET /v1/tm/lookup and GET /v1/names, .ci/replica_client.py)
# while replicas 1 and 2 import two overlapping files at once (A = units 0..U-1, B = units
# U/2..3U/2-1, .ci/replica_tmx.py; U = REPLICA_UNITS, 30000). Replica 2 is killed with SIGKILL in
# the middle of its import (when the units of both imports reach a seeded point), restarted, and
# sent B again. Checks:
#   - both imports answer 201 and their reports add up: A's and B's imported units are the distinct
#     units of A and B together (the overlap is stored once, by whichever got it first);
#   - the database (.ci/pg_check.py): every numbered unit once, exactly the units of A and B, each
#     with its segments; the killed import left neither units nor an import_log row; every origin's
#     units are what its import_log rows say; the term index is consistent (every word of every
#     segment in its posting blocks, segment counts that add up, no posting of a missing segment);
#   - no client request failed, except those in flight on the killed replica that HAProxy could
#     not retry (each failure is matched to HAProxy's log line by its X-Request-Id);
#   - every replica answers /health/ready at the end, and HAProxy sent requests to all three.
# Prints the figures and "replicas: N passed, M failed"; exits 1 if any check failed.
# Knobs: REPLICA_UNITS (30000), REPLICA_CLIENTS (4), REPLICA_SEED (13: where the kill falls),
# REPLICA_RETRY (1; 0 leaves HAProxy's retries out, a control run), REPLICA_CONFIGURATION (debug; GLOSSA_BIN=PATH takes that binary instead of building), REPLICA_DOWN_SECONDS (2: how long the killed replica stays down),
# REPLICA_KEEP (0; 1 keeps the work folder with the logs), REPLICA_B_REVERSED (unset; set, B's units
# come last first, so the two imports insert the shared units in opposite orders: deadlocks).
# Uses the cluster of $GLOSSA_TEST_POSTGRES_DIR when one runs (a new database in it, dropped at the
# end), else starts one and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
units=${REPLICA_UNITS:-30000}
clients=${REPLICA_CLIENTS:-4}
seed=${REPLICA_SEED:-13}
configuration=${REPLICA_CONFIGURATION:-debug}
down_seconds=${REPLICA_DOWN_SECONDS:-2}
((units >= 1000 && units % 2 == 0)) || { echo "REPLICA_UNITS must be even and at least 1000"; exit 2; }
token=replica-token
work=$(mktemp -d /tmp/glossa-replicas.XXXXXX)
chmod 755 "$work"
script_started=$(date +%s.%N)
touch "$work/pids"
own_cluster=false
database=""
cleanup() {
  local pid
  touch "$work/stop"
  while read -r pid; do kill -9 "$pid" 2>/dev/null || true; done <"$work/pids"
  wait 2>/dev/null || true
  if [[ -n $database && $own_cluster == false && -n ${admin_url:-} ]]; then
    psql -X -q "$admin_url" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  if $own_cluster; then eval "$(bash .ci/postgres.sh stop "$GLOSSA_TEST_POSTGRES_DIR")" || true; fi
  if [[ ${REPLICA_KEEP:-0} == 1 ]]; then echo "kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
started_process() { echo "$1" >>"$work/pids"; }

if ! command -v haproxy >/dev/null; then
  echo "== installing haproxy"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends haproxy >/dev/null
fi
source .ci/replica_common.sh

# ---- The database: a fresh one, in the caller's cluster or in one started here.
if [[ -z ${GLOSSA_TEST_POSTGRES_DIR:-} ]]; then own_cluster=true; fi
pg_env=$(bash .ci/postgres.sh start)
eval "$pg_env"
admin_url=${GLOSSA_TEST_POSTGRES%/*}/postgres
database=glossa_replicas_$$
psql -X -q -v ON_ERROR_STOP=1 "$admin_url" -c "CREATE DATABASE $database" >/dev/null
url=${GLOSSA_TEST_POSTGRES%/*}/$database
psql_db() { psql -X -q -t -A -v ON_ERROR_STOP=1 "$url" "$@"; }
echo "PostgreSQL: $(psql -X -t -A "$admin_url" -c 'SHOW server_version'), database $database; glossa $configuration build"

# ---- The files: A and B overlap by half; the queries are the sample memory's sentences.
half=$((units / 2))
python3 .ci/replica_tmx.py "$work/A.tmx" 0 "$units"
python3 .ci/replica_tmx.py "$work/B.tmx" "$half" $((units + half)) ${REPLICA_B_REVERSED:+reverse}
distinct=$((units + half))
python3 - "$work/queries.jsonl" <<'PY'
import json, sys, xml.etree.ElementTree as ET
lang = '{http://www.w3.org/XML/1998/namespace}lang'
with open(sys.argv[1], 'w', encoding='utf-8') as out:
    for tu in ET.parse('tmx/putin-xi-state-visit-2024.tmx').iter('tu'):
        texts = {tuv.get(lang): ''.join(tuv.find('seg').itertext()) for tuv in tu.iter('tuv')}
        if all(texts.get(language) for language in ('en', 'ru', 'zh-CN')):
            out.write(json.dumps(texts, ensure_ascii=False) + '\n')
PY
echo "A.tmx: units 0..$((units - 1)); B.tmx: units $half..$((units + half - 1))${REPLICA_B_REVERSED:+ (last first)}; $distinct distinct units, $half in both"

# ---- Three replicas, started at once.
ports=("" "$(free_port)" "$(free_port)" "$(free_port)")
replica_pid=()
start_replica() {  # index
  mkdir -p "$work/tmp-$1"
  TMPDIR=$work/tmp-$1 "$glossa" serve --database "$url" --port "${ports[$1]}" --token "$token" --no-samples \
    --log-level warning >>"$work/replica-$1.log" 2>&1 &
  replica_pid[$1]=$!
  started_process "$!"
}
wait_ready() {  # index: /health/ready answers 200 within 60 s
  local _
  for _ in $(seq 1 600); do
    curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:${ports[$1]}/health/ready" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "replica $1 not ready within 60 s; its log:"; tail -20 "$work/replica-$1.log"; return 1
}
echo "== 3 replicas on ports ${ports[1]} ${ports[2]} ${ports[3]}, started at once"
for i in 1 2 3; do start_replica "$i"; done
for i in 1 2 3; do wait_ready "$i"; done
migrations=$(psql_db -c 'SELECT count(*) FROM glossa_migration')
check "three replicas started at once on a new database: all ready, migrations applied once ($migrations)" test "$migrations" -ge 1

# The sample memory and a glossary, through replica 3, so that lookups and names find something.
curl -fsS --max-time 120 -o "$work/sample.json" -H "Authorization: Bearer $token" --data-binary @tmx/putin-xi-state-visit-2024.tmx \
  "http://127.0.0.1:${ports[3]}/v1/tm/import?origin=sample.tmx"
curl -fsS --max-time 300 -o /dev/null -H "Authorization: Bearer $token" --data-binary @glossary/seed-names.tbx \
  "http://127.0.0.1:${ports[3]}/v1/glossary/import?origin=seed-names.tbx"
sample_units=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["imported"])' "$work/sample.json")
echo "sample memory: $sample_units units; glossary seed-names.tbx imported"

# ---- HAProxy in front.
lb_port=$(free_port)
retry_settings="    retries 3
    option redispatch 1
    retry-on all-retryable-errors"
# REPLICA_RETRY=0: no retries (a control run: the kill's requests then fail, and are counted).
[[ ${REPLICA_RETRY:-1} == 0 ]] && retry_settings="    retries 0"
cat >"$work/haproxy.cfg" <<EOF
global
    log stdout format raw local0 info
    stats socket $work/haproxy.sock mode 600 level admin
    maxconn 1000

defaults
    mode http
    log global
    timeout connect 1s
    timeout client 60s
    timeout server 30s
    timeout http-keep-alive 60s
    # An idempotent request whose replica fails (connection refused or reset, no answer, 5xx) is
    # sent again, to another replica: redispatch on every retry.
$retry_settings

frontend glossa
    bind 127.0.0.1:$lb_port
    capture request header X-Request-Id len 40
    log-format "%[capture.req.hdr(0)] %b/%s %ST %tsc %rc %Ta %HM %HP"
    default_backend replicas

backend replicas
    balance roundrobin
    # Writes are never sent twice.
    http-request disable-l7-retry unless METH_GET
    option httpchk GET /health/ready
    http-check expect status 200
    default-server check inter 500ms fall 2 rise 2
    server r1 127.0.0.1:${ports[1]}
    server r2 127.0.0.1:${ports[2]}
    server r3 127.0.0.1:${ports[3]}
EOF
haproxy -c -q -f "$work/haproxy.cfg"
haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
started_process "$!"
servers_up() {  # the number of servers HAProxy has UP
  python3 - "$work/haproxy.sock" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall(b'show stat\n')
data = b''
while chunk := s.recv(65536): data += chunk
print(sum(1 for line in data.decode().splitlines() if line.startswith('replicas,r') and ',UP' in line))
PY
}
for _ in $(seq 1 100); do [[ -S $work/haproxy.sock && $(servers_up 2>/dev/null) == 3 ]] && break; sleep 0.1; done
check "HAProxy on port $lb_port has the 3 replicas UP" test "$(servers_up)" == 3

# ---- Clients through HAProxy, the whole time.
client_pids=()
for i in $(seq 1 "$clients"); do
  python3 .ci/replica_client.py "$lb_port" "$work/queries.jsonl" "$work/stop" 1800 "$i" >"$work/client-$i.json" &
  client_pids+=($!)
  started_process "$!"
done
clients_started=$(now)
sleep 3

# ---- The imports: A into replica 1, B into replica 2, at once.
post() {  # replica index, file, origin: the import, bounded; writes origin.{json,status,rc,seconds}
  local began rc=0
  began=$(now)
  curl -sS --max-time 1200 -o "$work/$3.json" -w '%{http_code}' -H "Authorization: Bearer $token" --data-binary "@$2" \
    "http://127.0.0.1:${ports[$1]}/v1/tm/import?origin=$3" >"$work/$3.status" 2>"$work/$3.err" || rc=$?
  since "$began" >"$work/$3.seconds"
  echo "$rc" >"$work/$3.rc"
}
# The kill point: when the unit ids both imports have drawn reach sample + k * U, k seeded in [0.3, 0.9)
# (both imports run, so B is then about k/2 through its file, its transaction open).
kill_at=$(awk -v s="$seed" -v u="$units" -v base="$sample_units" 'BEGIN { srand(s); printf "%d", base + (0.3 + 0.6 * rand()) * u }')
echo "== imports: A.tmx into replica 1, B.tmx into replica 2; replica 2 killed when the unit ids reach $kill_at"
imports_started=$(now)
post 1 "$work/A.tmx" A.tmx &
import_a=$!
started_process "$import_a"
post 2 "$work/B.tmx" B-killed.tmx &
import_b=$!
started_process "$import_b"

unit_ids() { psql_db -c 'SELECT last_value FROM unit_id_seq'; }
pg_port=${url##*:}
pg_port=${pg_port%%/*}
# Replica 2's connections to PostgreSQL (its sockets' ports, from ss) with a transaction that has
# written (an xid): its import's, open.
writing() {
  local client_ports
  client_ports=$(ss -tnpH state established "( dport = :$pg_port )" | awk -v pid="pid=${replica_pid[2]}," 'index($0, pid) { n = split($3, a, ":"); print a[n] }' | paste -sd,)
  [[ -n $client_ports ]] || { echo 0; return; }
  psql_db -c "SELECT count(*) FROM pg_stat_activity WHERE client_port IN ($client_ports) AND backend_xid IS NOT NULL"
}
killed=false
deadline=$((SECONDS + 1200))
while ((SECONDS < deadline)); do
  if [[ -f $work/B-killed.tmx.rc ]]; then break; fi
  if (($(unit_ids) >= kill_at)) && (($(writing) > 0)); then
    kill -9 "${replica_pid[2]}"
    killed_at=$(now)
    wait "${replica_pid[2]}" 2>/dev/null || true
    killed=true
    break
  fi
  sleep 0.05
done
$killed || killed_at=$(now)
ids_at_kill=$(unit_ids)
check "replica 2 killed with SIGKILL mid-import, its transaction open and written to ($(since "$imports_started" "$killed_at") s into it, unit ids at $ids_at_kill)" $killed
wait "$import_b" || true
b_killed_status=$(cat "$work/B-killed.tmx.status" 2>/dev/null || echo none)
check "the killed import's request failed (HTTP $b_killed_status, curl exit $(cat "$work/B-killed.tmx.rc"): $(head -c 120 "$work/B-killed.tmx.err"))" \
  test "$b_killed_status" != 201
a_running=$([[ -f $work/A.tmx.rc ]] && echo finished || echo running)
# The killed import's units are never visible (its transaction is rolled back as soon as its
# PostgreSQL backend reads the end of its connection).
b_left=$(psql_db -c "SELECT (SELECT count(*) FROM unit WHERE origin = 'B-killed.tmx') + (SELECT count(*) FROM import_log WHERE origin = 'B-killed.tmx')")
echo "after the kill: import A $a_running; the killed import's units and log rows visible: $b_left"

sleep "$down_seconds"
echo "== replica 2 restarted, B.tmx sent again"
restarted=$(now)
start_replica 2
wait_ready 2
back_at=$(now)
echo "replica 2 ready $(since "$restarted" "$back_at") s after its restart, $(since "$killed_at" "$back_at") s after the kill"
post 2 "$work/B.tmx" B.tmx &
import_b=$!
started_process "$import_b"
wait "$import_a" "$import_b"
imports_ended=$(now)
sleep 1
touch "$work/stop"
wait "${client_pids[@]}"

# ---- The imports' answers.
report() {  # origin key
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1])).get(sys.argv[2], ""))' "$work/$1.json" "$2" 2>/dev/null || echo ""
}
for origin in A.tmx B.tmx; do
  status=$(cat "$work/$origin.status")
  echo "import $origin: HTTP $status in $(cat "$work/$origin.seconds") s: read $(report "$origin" unitsRead), imported $(report "$origin" imported), duplicates $(report "$origin" duplicates), rejected $(report "$origin" rejectedCount)"
  [[ $status == 201 ]] || head -c 400 "$work/$origin.json"
  check "import $origin: 201, all $units units read, none rejected" \
    test "$status:$(report "$origin" unitsRead):$(report "$origin" rejectedCount)" == "201:$units:0"
done
imported_total=$(($(report A.tmx imported) + $(report B.tmx imported)))
check "A and B imported $imported_total units together: the $distinct distinct ones (the $half in both once)" test "$imported_total" == "$distinct"

# ---- The database.
echo "== the database: units, import_log, term index (.ci/pg_check.py)"
check_started=$(now)
if python3 .ci/pg_check.py "$url" --expect-range 0 "$distinct" --absent-origin B-killed.tmx >"$work/check.json"; then db_ok=true; else db_ok=false; fi
python3 - "$work/check.json" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
print(f"units {f['units']} ({f['numbered_units']} of the files), segments {f['segments']}, vocabulary {f['tokens']}, posting entries {f['posting_entries']}")
for row in f['import_log']:
    print(f"  import_log: {row['origin']}: read {row['read']}, imported {row['imported']}, duplicates {row['duplicates']}, rejected {row['rejected']}")
PY
units_held=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["units"])' "$work/check.json")
check "every unit once: $units_held units = $distinct of A and B + $sample_units of the sample" test "$units_held" == $((distinct + sample_units))
check "no half file and a consistent term index ($(since "$check_started") s to check)" $db_ok

# ---- The clients.
echo "== the clients"
python3 - "$work" "$clients" "$killed_at" "$back_at" >"$work/clients.txt" <<'PY'
import json, re, sys
work, clients, killed_at, back_at = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
runs = [json.load(open(f'{work}/client-{i}.json')) for i in range(1, clients + 1)]
log, raw = {}, {}
servers, retried, redispatched, status_by_server = {}, 0, 0, {}
for line in open(f'{work}/haproxy.log', encoding='utf-8', errors='replace'):
    raw[line.split(' ', 1)[0]] = line.strip()
    m = re.match(r'^(\S+) replicas/(\S+) (-?\d+) (\S+) (\+?)(\d+) (-?\d+) (\S+) (\S+)', line)
    if not m:
        continue
    rid, server, status, term, plus, retries = m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), int(m.group(6))
    log[rid] = (server, status, term, retries)
    servers[server] = servers.get(server, 0) + 1
    retried += retries > 0
    redispatched += plus == '+'
requests = sum(r['requests'] for r in runs)
latencies = sorted(l for r in runs for l in r['latencies_ms'])
pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float('nan')
excused, unexplained = [], []
for r in runs:
    for f in r['failures']:
        server, status, term, retries = log.get(f['id'], ('?', '?', '?', 0))
        # In flight on the killed replica: HAProxy's line names replica 2, during its absence.
        if server == 'r2' and killed_at - 1 <= f['at'] <= back_at + 5:
            excused.append(f)
        else:
            unexplained.append((f, server, status, term))
routes = {k: sum(r['by_route'][k] for r in runs) for k in ('lookup', 'names')}
seconds = max(r['seconds'] for r in runs)
print(f"requests: {requests} in {seconds:.0f} s ({routes['lookup']} lookups, {routes['names']} name searches) by {clients} clients; "
      f"p50 {pick(.5):.1f} ms, p90 {pick(.9):.1f} ms, p99 {pick(.99):.1f} ms, max {latencies[-1] if latencies else 0:.0f} ms")
print(f"served by: " + ", ".join(f'{s} {n}' for s, n in sorted(servers.items())) +
      f"; retried by HAProxy: {retried} ({redispatched} on another replica)")
print(f"failed: {len(excused) + len(unexplained)}: {len(excused)} in flight on the killed replica, {len(unexplained)} otherwise")
for f, server, status, term in unexplained[:10]:
    print(f"  failed: {f['id']} {f['route']} {f['kind']} {f.get('detail', '')[:100]!r}; HAProxy: {server} {status} {term}"
          + ('' if server != '?' else f"; its log line: {raw.get(f['id'], 'none')[:160]!r}"))
print(f"RESULT {requests} {len(excused)} {len(unexplained)} {len(servers)}")
PY
grep -v '^RESULT' "$work/clients.txt"
read -r _ requests excused unexplained served_by < <(grep '^RESULT' "$work/clients.txt")
check "no client request failed beyond those in flight on the killed replica ($unexplained of $requests; $excused excused)" test "$unexplained" == 0
check "HAProxy sent requests to all 3 replicas" test "$served_by" == 3
grep -E '^Server replicas/r2 is (DOWN|UP)' "$work/haproxy.log" | sed 's/^/  haproxy: /' | cut -c1-160 || true
for i in 1 2 3; do
  check "replica $i ready at the end" curl -fsS --max-time 5 -o /dev/null "http://127.0.0.1:${ports[$i]}/health/ready"
done
if grep -qiE 'fatal|crash|panic' "$work"/replica-*.log; then
  echo "replica logs:"; grep -hiE 'fatal|crash|panic' "$work"/replica-*.log | head -10
fi
deadlocks=$(grep -c 'deadlock detected' "$GLOSSA_TEST_POSTGRES_DIR/server.log" 2>/dev/null || true)
echo "PostgreSQL's log: ${deadlocks:-0} deadlocks detected$($own_cluster || echo " (in the whole cluster)")"
echo "imports: $(since "$imports_started" "$imports_ended") s from the start of both to the end of the last (B sent again $(since "$back_at" "$imports_ended") s before the end)"
echo "total $(since "$script_started")s"
echo "replicas: $passed passed, $failed failed"
((failed == 0))
