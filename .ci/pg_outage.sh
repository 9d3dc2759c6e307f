#!/usr/bin/env bash
# PostgreSQL going away under a running server (issue 13, RELIABILITY.md): lookups while the
# database is stopped answer 503 database-unavailable with Retry-After, quickly; an import cut off
# by the stop leaves nothing of its file; the server recovers without a restart once the database
# is back; a wrong password and a wrong URL are clear CLI errors; the password never appears in
# the logs, errors or /metrics. Uses its own throw-away cluster (.ci/postgres.sh). Bounded waits.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
port=${OUTAGE_PORT:-18093}
secret=outage-secret-7f3a
passed=0 failed=0
server=""
cleanup() {
  [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  [[ -n ${GLOSSA_TEST_POSTGRES_DIR:-} ]] && bash .ci/postgres.sh stop "$GLOSSA_TEST_POSTGRES_DIR" >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
ok() { echo "ok   $*"; passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

pg_env=$(bash .ci/postgres.sh start)
eval "$pg_env"
dir=$GLOSSA_TEST_POSTGRES_DIR
pg_port=${GLOSSA_TEST_POSTGRES##*:}; pg_port=${pg_port%%/*}
bin=$(dirname "$(command -v pg_ctl 2>/dev/null || echo /usr/lib/postgresql/15/bin/pg_ctl)")
[[ -x $bin/pg_ctl ]] || bin=/usr/lib/postgresql/15/bin
owner=$(stat -c %U "$dir")
pg() { if ((EUID == 0)); then runuser -u "$owner" -- "$bin/pg_ctl" -D "$dir/data" "$@"; else "$bin/pg_ctl" -D "$dir/data" "$@"; fi; }
pg_stop() { pg -m fast -w stop >/dev/null; }
pg_start() { pg -l "$dir/server.log" -w -o "-p $pg_port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null; }
# A password the server checks: md5 for TCP from now on.
psql "$GLOSSA_TEST_POSTGRES" -qc "ALTER USER glossa PASSWORD '$secret'" >/dev/null
sed -i 's/^host\(.*\)trust$/host\1md5/' "$dir/data/pg_hba.conf"
pg reload >/dev/null
url=postgres://glossa@127.0.0.1:$pg_port/glossa_test

swift build --product glossa >/dev/null
glossa="$(swift build --show-bin-path)/glossa"
python3 .ci/big-tmx.py "$work/big.tmx" 60000

# ---- Clear CLI errors: a wrong password, a wrong URL; neither shows the password.
out=$(PGPASSWORD=wrong-password "$glossa" stats --database "$url" 2>&1) && fail "wrong password: exit 0" || {
  [[ $out == *"password authentication failed"* && $out != *wrong-password* ]] && ok "wrong password: '$(echo "$out" | tail -1)'" || fail "wrong password: $out"
}
out=$("$glossa" stats --database "postgres://glossa:$secret@127.0.0.1:1/glossa_test" 2>&1) && fail "closed port: exit 0" || {
  [[ $out == *unavailable* && $out != *$secret* ]] && ok "nothing listening: '$(echo "$out" | tail -1)'" || fail "closed port: $out"
}

# ---- A server on PostgreSQL, with the password from a file.
echo "$secret" > "$work/password"
GLOSSA_DATABASE_PASSWORD_FILE="$work/password" "$glossa" serve --database "$url" --port "$port" --token t --no-samples \
  > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 150); do curl -fsS -m 5 "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS -m 60 -X POST -H "Authorization: Bearer t" --data-binary @tmx/putin-xi-state-visit-2024.tmx \
  "http://127.0.0.1:$port/v1/tm/import?origin=sample.tmx" >/dev/null && ok "import over HTTP" || fail "import over HTTP"
lookup="http://127.0.0.1:$port/v1/tm/lookup?q=Putin%20arrives%20in%20Beijing&source=en&target=ru"
[[ $(curl -s -m 30 -o /dev/null -w '%{http_code}' "$lookup") == 200 ]] && ok "lookup before the outage" || fail "lookup before the outage"
units_before=$(psql "postgres://glossa:$secret@127.0.0.1:$pg_port/glossa_test" -tAc "SELECT count(*) FROM unit")

# ---- An import in flight when the database stops, at several points of the import (the driver
# once left a query unanswered when its connection closed under it: the import then hung). The
# last stop leaves the database down for the checks below.
stops=(${OUTAGE_STOPS:-0.5 2 4})
for i in "${!stops[@]}"; do
  curl -s -m 60 -o "$work/import.json" -w '%{http_code}' -X POST -H "Authorization: Bearer t" --data-binary @"$work/big.tmx" \
    "http://127.0.0.1:$port/v1/tm/import?origin=big.tmx" > "$work/import.status" &
  importer=$!
  sleep "${stops[i]}"
  pg_stop
  stopped=$SECONDS
  wait "$importer" || true
  status=$(cat "$work/import.status")
  [[ $status == 503 ]] && ok "an import cut off ${stops[i]} s in: 503 $(grep -o '"type":"[^"]*"' "$work/import.json") $((SECONDS - stopped)) s after the stop" \
    || fail "import cut off ${stops[i]} s in: $status $(cat "$work/import.json")"
  if ((i < ${#stops[@]} - 1)); then
    pg_start
    for _ in $(seq 1 50); do curl -fsS -m 5 -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null && break; sleep 0.2; done
  fi
done

# ---- Lookups and health while it is down.
for path in "$lookup" "http://127.0.0.1:$port/health/ready"; do
  headers=$(curl -s -m 30 -D - -o "$work/body.json" -w 'time %{time_total}\n' "$path")
  seconds=$(echo "$headers" | sed -n 's/^time //p')
  if [[ $headers == *" 503"* && $headers == *"Retry-After"* ]] && grep -q database-unavailable "$work/body.json" \
    && awk -v s="$seconds" 'BEGIN { exit !(s < 5) }'; then
    ok "database down: ${path#*$port} answers 503 database-unavailable with Retry-After in ${seconds} s"
  else
    fail "database down: ${path#*$port}: $headers $(cat "$work/body.json")"
  fi
done
[[ $(curl -s -m 30 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/live") == 200 ]] && ok "/health/live still 200" \
  || fail "/health/live while the database is down"

# ---- Back: the same server answers again, nothing of the cut-off import is stored.
pg_start
recovered=""
for _ in $(seq 1 50); do
  [[ $(curl -s -m 5 -o /dev/null -w '%{http_code}' "$lookup") == 200 ]] && { recovered=yes; break; }
  sleep 0.2
done
[[ -n $recovered ]] && ok "lookups answer again once the database is back, no restart" || fail "no recovery"
units_after=$(psql "postgres://glossa:$secret@127.0.0.1:$pg_port/glossa_test" -tAc "SELECT count(*) FROM unit")
[[ $units_after == "$units_before" ]] && ok "nothing of the cut-off import stored ($units_after units)" \
  || fail "half an import: $units_before units before, $units_after after"
code=$(curl -s -m 300 -o "$work/import.json" -w '%{http_code}' -X POST -H "Authorization: Bearer t" --data-binary @"$work/big.tmx" \
  "http://127.0.0.1:$port/v1/tm/import?origin=big.tmx")
[[ $code == 201 ]] && grep -q '"imported":60000' "$work/import.json" && ok "the import sent again stores all of it" \
  || fail "import again: $code $(head -c 300 "$work/import.json")"

# ---- The password appears nowhere.
curl -s -m 30 "http://127.0.0.1:$port/metrics" > "$work/metrics.txt"
curl -s -m 30 "http://127.0.0.1:$port/v1/stats" > "$work/stats.json"
if grep -q "$secret" "$work/server.log" "$work/metrics.txt" "$work/stats.json"; then fail "the password shows"; else
  ok "the password is in no log line, /metrics or /v1/stats"
fi
echo "pg-outage: $passed passed, $failed failed"
((failed == 0))
