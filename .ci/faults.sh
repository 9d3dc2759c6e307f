#!/usr/bin/env bash
# Imports under faults. A generated TMX of 200,000 units is imported by `glossa import`, and over
# HTTP by `glossa serve`, and the process is killed with SIGKILL at seeded random points spread
# over the import, 20 times each (the two series run side by side, one per core). After every
# kill the database must open, pass SQLite's integrity checks and the term index's own and hold none or all of
# the file; importing again must complete with every unit once, and a second time import nothing.
# Then a full disk and a read-only file system (a small tmpfs) must fail the import with a clear
# message and leave the database as it was.
# Knobs: FAULT_TRIALS (20), FAULT_UNITS (200000), FAULT_CONFIGURATION (debug, the build .ci/run has
# made already; release imports faster), FAULT_PORT (18090), FAULT_MODE:
#   fresh  (default) each kill hits an import into a new database, which is then checked and
#          imported into twice (all units once, then nothing);
#   chain  each series keeps one database: every kill hits an import into the database the last
#          kill left, which is checked (none or all of the file) and imported into again by the
#          next trial; after the last kill the import must complete, and a second add nothing.
#          Harsher on the database and about a fifth of the time: the 200,000-unit run fits in
#          half an hour instead of two.
set -euo pipefail
cd "$(dirname "$0")/.."
trials=${FAULT_TRIALS:-20}
units=${FAULT_UNITS:-200000}
configuration=${FAULT_CONFIGURATION:-debug}
mode=${FAULT_MODE:-fresh}
[[ $mode == fresh || $mode == chain ]] || { echo "FAULT_MODE must be fresh or chain, not '$mode'"; exit 2; }
port=${FAULT_PORT:-18090}
token=faults-token
work=$(mktemp -d /tmp/glossa-faults.XXXXXX)
mountpoint=$work/small
mounted=false
# Every process started here, by id, for the clean-up.
touch "$work/pids"
started_process() { echo "$1" >>"$work/pids"; }
# A process and its descendants (a series' re-imports run in command substitutions): stopped first,
# so that it starts no new child while they are found.
kill_tree() {
  local child
  kill -STOP "$1" 2>/dev/null || return 0
  for child in $(ps -o pid= --ppid "$1"); do kill_tree "$child"; done
  kill -9 "$1" 2>/dev/null || true
}
cleanup() {
  while read -r pid; do kill_tree "$pid"; done <"$work/pids"
  if $mounted; then umount "$mountpoint" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

command -v sqlite3 >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends sqlite3 >/dev/null
}
script_started=$(date +%s.%N)
swift build -c "$configuration" --product glossa >/dev/null
glossa="$(swift build -c "$configuration" --show-bin-path)/glossa"
python3 .ci/big-tmx.py "$work/big.tmx" "$units"
echo "big.tmx: $units units, $(($(stat -c %s "$work/big.tmx") / 1048576)) MiB; glossa $configuration build"

now() { date +%s.%N; }
since() { awk -v start="$1" -v end="$(now)" 'BEGIN { printf "%.1f", end - start }'; }
json() { python3 -c 'import json, sys; value = json.load(sys.stdin)
for key in sys.argv[1].split("."): value = value[int(key) if key.isdigit() else key]
print(value)' "$1"; }
fail() { echo "  FAIL: $*"; return 1; }

# Opens the database as SQLite and as glossa, checks it, and sets `held` to its unit count.
# `scratch` is the caller's own folder.
check_database() {
  local db=$1 integrity index orphans
  integrity=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1) || fail "sqlite3 cannot open $db: $integrity" || return 1
  [[ $integrity == ok ]] || fail "integrity_check: $integrity" || return 1
  # The term index (README, Match scores): every segment has its tokens; every posting block is a word's.
  index=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM segment WHERE tokens IS NULL) + (SELECT count(*) FROM posting p
    WHERE NOT EXISTS (SELECT 1 FROM token t WHERE t.id = p.token_id)) + (SELECT count(*) FROM token WHERE segments < 0)" 2>&1)
  [[ $index == 0 ]] || fail "term index: $index segments without tokens, stray posting blocks or negative counts" || return 1
  orphans=$(sqlite3 "$db" 'PRAGMA foreign_key_check' 2>&1)
  [[ -z $orphans ]] || fail "foreign_key_check: $orphans" || return 1
  count_units "$db"
}

# Sets `held` to the units glossa counts; each must have its segments (two languages at least).
count_units() {
  local db=$1 partial
  held=$("$glossa" stats --db "$db" --json 2>"$scratch/stats.err" | json memory.units) || fail "glossa stats: $(cat "$scratch/stats.err")" || return 1
  partial=$(sqlite3 "$db" 'SELECT count(*) FROM unit WHERE (SELECT count(*) FROM segment WHERE unit_id = unit.id) < 2')
  ((partial == 0)) || fail "$partial of $held units lack segments" || return 1
}

# Imports big.tmx into a database that holds `held` of its units: all must be there afterwards,
# and a second import must add nothing.
check_reimport() {
  local db=$1 imported
  imported=$("$glossa" import --db "$db" --json "$work/big.tmx" 2>"$scratch/import.err" | json memories.0.imported) ||
    fail "re-import: $(cat "$scratch/import.err")" || return 1
  ((imported == units - held)) || fail "re-import added $imported units to $held" || return 1
  count_units "$db" || return 1
  ((held == units)) || fail "after the re-import $held units, the file has $units" || return 1
  imported=$("$glossa" import --db "$db" --json "$work/big.tmx" 2>"$scratch/import.err" | json memories.0.imported) ||
    fail "second re-import: $(cat "$scratch/import.err")" || return 1
  ((imported == 0)) || fail "a second re-import added $imported units" || return 1
}

# The checks after one kill; prints `survived` or `FAILED` with how the process ended. The
# re-imports are left out (`no`) between the kills of a chain.
judge() {  # label, db, how it ended, re-import (yes or no)
  local label=$1 db=$2 ended=$3 reimport=${4:-yes} checked state
  checked=$(now)
  if check_database "$db"; then
    state=$( ((held == 0)) && echo none || echo all)
    if ((held != 0 && held != units)); then
      fail "$label: the memory holds $held of the file's $units units" || true
    elif [[ $reimport == no ]] || check_reimport "$db"; then
      echo "$label survived: $ended, memory held $state of the file; checks$([[ $reimport == yes ]] && echo " and re-imports") $(since "$checked")s"
      return
    fi
  fi
  echo "$label FAILED: $ended"
  mkdir -p .build/faults && cp "$db"* .build/faults/ 2>/dev/null || true
}

# Kill points: trial k of n at ((k - 1 + u) / n) of the baseline's duration, u from a seeded
# generator, so the kills cover the whole import (start-up, reading, the commit) and are the same
# on every run.
kill_delays() {  # baseline seconds, seed
  awk -v n="$trials" -v t="$1" -v seed="$2" 'BEGIN { srand(seed); for (k = 0; k < n; k++) printf "%.3f\n", (k + rand()) / n * t }'
}

serve() {  # db: starts the server and waits for it to answer
  TMPDIR=$work/server-tmp "$glossa" serve --db "$1" --port "$port" --token "$token" --no-samples >>"$work/server.log" 2>&1 &
  server=$!
  started_process "$server"
  for _ in $(seq 1 300); do
    curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return
    sleep 0.1
  done
  echo "the server did not answer within 30 s"; cat "$work/server.log"; return 1
}
post() {  # the import request, bounded
  curl -sS --max-time 600 -X POST -H "Authorization: Bearer $token" --data-binary "@$work/big.tmx" \
    "http://127.0.0.1:$port/v1/tm/import?origin=big.tmx"
}
stop_server() { kill -9 "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }

scratch=$work/main
mkdir -p "$scratch" "$work/server-tmp" "$work/cli" "$work/http"

# Both baselines at once, as the series run: an import's duration alone would put the last kills
# before its commit.
echo "== baselines, side by side"
serve "$work/server-baseline.sqlite"
started=$(now)
("$glossa" import --db "$work/baseline.sqlite" "$work/big.tmx" >/dev/null && since "$started" >"$scratch/cli.seconds") &
baseline=$!
started_process "$baseline"
imported=$(post | json imported)
http_seconds=$(since "$started")
stop_server
wait "$baseline" || { echo "baseline import failed"; exit 1; }
cli_seconds=$(cat "$scratch/cli.seconds")
check_database "$work/baseline.sqlite" && ((held == units)) || { echo "baseline import incomplete: $held units"; exit 1; }
rm -f "$work/baseline.sqlite"* "$work/server-baseline.sqlite"*
((imported == units)) || { echo "baseline HTTP import imported $imported"; exit 1; }
echo "glossa import: $units units in ${cli_seconds}s; POST /v1/tm/import: ${http_seconds}s (upload included)"

# Where trial k imports, and whether its checks re-import: per trial (fresh) or per series (chain).
trial_db() { [[ $mode == chain ]] && echo "$1/chain.sqlite" || echo "$1/$2.sqlite"; }
trial_reimports() { [[ $mode == fresh || $1 == "$trials" ]] && echo yes || echo no; }
# A chain whose database holds the whole file starts again: further imports would add nothing.
trial_done() { [[ $mode == chain && $2 != "$trials" ]] && ((held != units)) || rm -f "$1"*; }

# One import killed after `delay` seconds (if it is still running then): sets `ended`, and `landed`
# to whether the kill hit a running import.
cli_attempt() {  # db, delay
  "$glossa" import --db "$1" "$work/big.tmx" >/dev/null 2>&1 &
  local pid=$!
  started_process "$pid"
  sleep "$2"
  if kill -9 "$pid" 2>/dev/null; then ended="killed at ${2}s" landed=true; else ended="finished before ${2}s" landed=false; fi
  wait "$pid" 2>/dev/null || true
}
http_attempt() {  # db, delay: the server is killed while the upload's client still waits
  serve "$1" || { ended="the server did not start"; return 1; }
  post >/dev/null 2>&1 &
  local client=$!
  started_process "$client"
  sleep "$2"
  if kill -0 "$client" 2>/dev/null; then ended="killed at ${2}s" landed=true; else ended="finished before ${2}s" landed=false; fi
  stop_server
  wait "$client" 2>/dev/null || true
}

series() {  # cli or http, the baseline's seconds, seed
  local name=$1 k=0 delay db attempt
  scratch=$work/$name
  for delay in $(kill_delays "$2" "$3"); do
    k=$((k + 1))
    # An import that ends before its kill point is no kill: try again, earlier, on a database that
    # does not hold the file yet (imports into a chain's database run slower than the baseline).
    for attempt in 1 2 3; do
      db=$(trial_db "$work/$name" "$k")
      "${name}_attempt" "$db" "$delay" || { echo "$name $k/$trials FAILED: $ended"; continue 2; }
      if $landed || ((attempt == 3)); then break; fi
      echo "$name $k/$trials: the import $ended, no kill; again on a new database, 15 % earlier"
      rm -f "$db"*
      delay=$(awk -v d="$delay" 'BEGIN { printf "%.3f", d * 0.85 }')
    done
    judge "$name $k/$trials" "$db" "$ended" "$(trial_reimports "$k")"
    trial_done "$db" "$k"
  done
  if [[ $name == http ]]; then echo "server temporary files left by the kills: $(find "$work/server-tmp" -type f | wc -l)"; fi
}

echo "== $trials kills of glossa import and $trials of glossa serve during POST /v1/tm/import, side by side ($mode)"
started=$(now)
series cli "$cli_seconds" 1 >"$work/cli.log" 2>&1 &
cli_pid=$!
started_process "$cli_pid"
series http "$http_seconds" 2 >"$work/http.log" 2>&1 &
http_pid=$!
started_process "$http_pid"
wait "$cli_pid" || true
wait "$http_pid" || true
cat "$work/cli.log" "$work/http.log"
echo "kill series: $(since "$started")s"
passed=$(cat "$work/cli.log" "$work/http.log" | grep -c ' survived: ' || true)
echo "kills that hit a running import: $(cat "$work/cli.log" "$work/http.log" | grep -c ' survived: killed' || true) of $((2 * trials))"
failed=$((2 * trials - passed))

echo "== a full disk and a read-only file system (tmpfs)"
scratch=$work/main
mkdir -p "$mountpoint"
small_case() {  # label, message expected on standard error (an extended regular expression)
  local label=$1 expected=$2 status=0
  "$glossa" import --db "$db" "$work/big.tmx" >/dev/null 2>"$scratch/case.err" || status=$?
  mount -o remount,rw "$mountpoint"
  if ((status == 0)); then
    fail "$label: the import succeeded"
  elif ! grep -qE "$expected" "$scratch/case.err"; then
    fail "$label: exit $status without '$expected': $(cat "$scratch/case.err")"
  elif check_database "$db" && ((held == before)); then
    passed=$((passed + 1))
    echo "$label survived: exit $status, '$(head -c 300 "$scratch/case.err")'; $held units as before"
    return
  else
    fail "$label: $held units, $before before"
  fi || true
  failed=$((failed + 1))
}
if ! mount -t tmpfs -o size=8m tmpfs "$mountpoint" 2>"$scratch/mount.err"; then
  echo "skipped: cannot mount a tmpfs here ($(cat "$scratch/mount.err"))"
else
  mounted=true
  db=$mountpoint/small.sqlite
  "$glossa" import --db "$db" tmx/putin-xi-state-visit-2024.tmx >/dev/null
  check_database "$db" || exit 1
  before=$held
  small_case "disk full" "disk is full"
  mount -o remount,ro "$mountpoint"
  # Read-only before opening, or (when the last writer left its -wal and -shm) when writing.
  small_case "read-only" "Read-only file system|attempt to write a readonly database"
fi

echo "total $(since "$script_started")s"
echo "faults: $passed passed, $failed failed"
((failed == 0))
