#!/usr/bin/env bash
# The README's main command on a new database: the sample data loads, the API answers, the CLI
# imports and finds what it imported. Bounded: every wait has a deadline.
set -euo pipefail
root=$(pwd)
work=$(mktemp -d)
port=18089
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

swift build --product glossa >/dev/null
glossa="$(swift build --show-bin-path)/glossa"
(cd "$work" && GLOSSA_SAMPLES_DIR="$root" exec "$glossa" serve --port "$port" --token smoke-token) >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done

check() {  # name, expected substring, curl arguments...
  local name=$1 expected=$2; shift 2
  local body
  body=$(curl -sS "$@")
  if [[ "$body" != *"$expected"* ]]; then echo "FAIL $name: $body"; cat "$work/server.log"; exit 1; fi
  echo "ok   $name"
}
check health '"status":"ok"' "http://127.0.0.1:$port/health"
check "sample data loaded" '"zh-CN"' "http://127.0.0.1:$port/v1/languages"
check "fuzzy lookup en-US -> ru" 'Путин прибыл в Пекин' -G "http://127.0.0.1:$port/v1/tm/lookup" \
  --data-urlencode "q=Putin arrived in Beijing" -d source=en-US -d target=ru -d min=60
check "names from any script" 'Vladimir Putin' -G "http://127.0.0.1:$port/v1/names" --data-urlencode "q=普京" -d to=en,ru
check "names in another case" '"match":"inflected"' -G "http://127.0.0.1:$port/v1/names" --data-urlencode "q=Путина" -d to=en
check "names glossaries loaded" 'Fyodor Dostoevsky' -G "http://127.0.0.1:$port/v1/names" --data-urlencode "q=Достоевского" -d to=en
check "a name with no entry is transliterated" '"attested":false' -G "http://127.0.0.1:$port/v1/names" --data-urlencode "q=Baishuitai" -d to=ru
check "import refused without token" '"status":401' -X POST --data-binary @Tests/Fixtures/corpus/tmx/okapi-framework_okapi/sample14b.tmx \
  "http://127.0.0.1:$port/v1/tm/import"
check "import with token" '"imported":24' -X POST -H "Authorization: Bearer smoke-token" \
  --data-binary @Tests/Fixtures/corpus/tmx/okapi-framework_okapi/sample14b.tmx "http://127.0.0.1:$port/v1/tm/import?origin=sample14b.tmx"
check "metrics count requests" 'hb_requests{http_route="/health"' "http://127.0.0.1:$port/metrics"
check "search page" '<title>Glossa' "http://127.0.0.1:$port/"
check "problem+json for a bad tag" 'application/problem+json' -i "http://127.0.0.1:$port/v1/tm/lookup?q=x&source=e_&target=ru"

db="$work/cli.sqlite"
"$glossa" import --db "$db" Tests/Fixtures/corpus/tmx/omegat-org_omegat >/dev/null 2>&1 || true  # the folder holds files with rejected units
"$glossa" lookup --db "$db" "The big black cat sleeps." --from en-US --to fr-CA >"$work/lookup.txt"
grep -q "^100  exact" "$work/lookup.txt" || { echo "FAIL cli lookup"; cat "$work/lookup.txt"; exit 1; }
echo "ok   cli lookup"
"$glossa" export --db "$db" --from en-US --to fr-CA >"$work/export.tmx" 2>/dev/null
grep -q '<tmx version="1.4">' "$work/export.tmx" || { echo "FAIL cli export"; exit 1; }
echo "ok   cli export"
if "$glossa" import --db "$db" Tests/Fixtures/corpus/tmx/heartsome_tmxeditor8/ImportTMXTest0.tmx 2>/dev/null; then
  echo "FAIL cli: a 0-byte file must exit non-zero"; exit 1
fi
echo "ok   cli error exit"

# Access tokens made with the CLI on the server's database work at once, and stop at once when revoked.
served="$work/glossa.sqlite"
secret=$("$glossa" token create --db "$served" --glossary-write --note smoke 2>"$work/token.err")
[[ $secret == glossa_* ]] && grep -q "shown only once" "$work/token.err" || { echo "FAIL cli token create"; cat "$work/token.err"; exit 1; }
echo "ok   cli token create"
check "a glossary-write token adds a concept" '"origin":"api"' -X POST -H "Authorization: Bearer $secret" \
  -H 'Content-Type: application/json' -d '{"terms":[{"text":"Smoke test","language":"en"}]}' "http://127.0.0.1:$port/v1/glossary/concepts"
"$glossa" token list --db "$served" >"$work/tokens.txt"
grep -q "glossary-write" "$work/tokens.txt" && ! grep -q "$secret" "$work/tokens.txt" || { echo "FAIL cli token list"; cat "$work/tokens.txt"; exit 1; }
echo "ok   cli token list"
"$glossa" token revoke --db "$served" 1 >/dev/null
check "a revoked token is refused" '"status":401' -H "Authorization: Bearer $secret" "http://127.0.0.1:$port/v1/stats"
if "$glossa" token revoke --db "$served" 999 2>/dev/null; then echo "FAIL cli: revoking an unknown token must exit non-zero"; exit 1; fi
echo "ok   cli token revoke of an unknown id"
echo "smoke: 20 passed, 0 failed"
