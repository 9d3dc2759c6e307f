#!/usr/bin/env bash
# A translator's workflow in the CLI (issue 14, docs/memories.md), on a new SQLite file and, when
# GLOSSA_TEST_POSTGRES names a database, on PostgreSQL too: a private memory for a client, its TMX
# imported, a lookup with a penalty on an older memory, a segment confirmed, a unit corrected, a
# mistaken import undone, the memory exported, an old memory deleted. The HTTP side, with tokens,
# is TranslatorWorkflowTests.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
ok() { echo "ok   $*"; passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
expect() {  # name, expected substring, actual text
  if [[ $3 == *"$2"* ]]; then ok "$1"; else fail "$1: expected '$2' in: $(echo "$3" | head -c 600)"; fi
}
refuse() {  # name, text that must be absent, actual text
  if [[ $3 != *"$2"* ]]; then ok "$1"; else fail "$1: '$2' should be gone: $(echo "$3" | head -c 600)"; fi
}
json() { python3 -c "import json, sys; data = json.load(sys.stdin); print($1)"; }

swift build --product glossa >/dev/null
glossa="$(swift build --show-bin-path)/glossa"
tmx() {  # file, then en|ru pairs
  local file=$1; shift
  { echo '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="workflow" creationtoolversion="1"/><body>'
    for pair in "$@"; do
      echo "<tu><tuv xml:lang=\"en\"><seg>${pair%%|*}</seg></tuv><tuv xml:lang=\"ru\"><seg>${pair#*|}</seg></tuv></tu>"
    done
    echo '</body></tmx>'; } > "$file"
}
tmx "$work/acme.tmx" "The board approved the merger.|Совет одобрил слияние." "Putin arrives in Beijing|Путин приезжает в Пекин"
tmx "$work/wrong.tmx" "Wrong client text|Текст другого клиента"

run_workflow() {  # label, database
  local label=$1 g=("$glossa")
  local db=(--database "$2")
  echo "== $label"
  "${g[@]}" memory create client-acme --client ACME "${db[@]}" >/dev/null
  "${g[@]}" memory create old-tm "${db[@]}" >/dev/null
  "${g[@]}" import --memory old-tm tmx/putin-xi-state-visit-2024.tmx "${db[@]}" >/dev/null
  expect "$label: import into the client's memory" "imported 2" "$("${g[@]}" import --memory client-acme "$work/acme.tmx" "${db[@]}")"
  expect "$label: the memories and their units" "client-acme  2 units  private" "$("${g[@]}" memory list "${db[@]}")"

  local matches
  matches=$("${g[@]}" lookup "Putin arrives in Beijing" --from en --to ru --min 80 --penalty old-tm:10 --json "${db[@]}")
  expect "$label: the client's match first, the older memory's penalized" "100 client-acme 90 old-tm" \
    "$(echo "$matches" | json '" ".join(str(m["score"]["value"]) + " " + m["provenance"]["memory"] for m in data)')"

  "${g[@]}" unit add --memory client-acme en="The merger closes in May." ru="Слияние завершится в мае." "${db[@]}" >/dev/null
  expect "$label: a confirmed segment is found" "Слияние завершится в мае." \
    "$("${g[@]}" lookup "The merger closes in May." --from en --to ru --memories client-acme "${db[@]}")"

  local id
  id=$("${g[@]}" lookup "The board approved the merger." --from en --to ru --memories client-acme --json "${db[@]}" | json 'data[0]["unitID"]')
  "${g[@]}" unit edit "$id" ru="Совет директоров одобрил слияние." "${db[@]}" >/dev/null
  local corrected
  corrected=$("${g[@]}" lookup "The board approved the merger." --from en --to ru --memories client-acme --json "${db[@]}")
  expect "$label: a corrected unit keeps its id" "$id Совет директоров одобрил слияние." "$(echo "$corrected" | json 'str(data[0]["unitID"]) + " " + data[0]["target"]["text"]')"

  "${g[@]}" import --memory client-acme "$work/wrong.tmx" "${db[@]}" >/dev/null
  local wrong
  wrong=$("${g[@]}" imports list --memory client-acme --json "${db[@]}" | json '[i["id"] for i in data if i["origin"] == "wrong.tmx"][0]')
  expect "$label: a mistaken import undone" "1 units removed" "$("${g[@]}" imports delete "$wrong" "${db[@]}")"
  if "${g[@]}" imports delete "$wrong" "${db[@]}" >/dev/null 2>&1; then fail "$label: undoing twice succeeded"; else ok "$label: undoing twice is an error"; fi

  local exported
  exported=$("${g[@]}" export --memories client-acme "${db[@]}")
  expect "$label: the export holds the correction" "Совет директоров одобрил слияние." "$exported"
  expect "$label: the export holds the confirmed segment" "Слияние завершится в мае." "$exported"
  refuse "$label: the export lacks the undone import" "Текст другого клиента" "$exported"
  refuse "$label: the export lacks the other memory" "Путин прибыл в Пекин" "$exported"

  "${g[@]}" memory delete old-tm "${db[@]}" >/dev/null
  refuse "$label: a deleted memory's units are gone" "old-tm" \
    "$("${g[@]}" lookup "Putin arrives in Beijing" --from en --to ru --min 80 --json "${db[@]}")"
  if "${g[@]}" memory delete default "${db[@]}" >/dev/null 2>&1; then fail "$label: default deleted"; else ok "$label: default is kept"; fi
}

run_workflow SQLite "$work/workflow.sqlite"
if [[ -n ${GLOSSA_TEST_POSTGRES:-} ]]; then
  schema="workflow_$$"
  run_workflow PostgreSQL "$GLOSSA_TEST_POSTGRES?schema=$schema"
fi
echo "workflow: $passed passed, $failed failed"
((failed == 0))
