#!/usr/bin/env bash
# Lookups during an import (issue 6, RELIABILITY.md): LOAD_CLIENTS client processes (4) look up on
# loopback, each on its own keep-alive connection, for LOAD_SECONDS (20) without an import, then
# while an HTTP import of LOAD_UNITS generated units (200,000) runs, until it ends (the memory they
# see is the same: an import is one transaction). Fails if any request fails (an answer but 200, a
# connection error, SQLITE_BUSY), or the import does not store every unit.
# Uses the release build when there is one, else the debug build (LOAD_BUILD=debug forces it).
set -euo pipefail
cd "$(dirname "$0")/.."
units=${LOAD_UNITS:-200000}
baseline_seconds=${LOAD_SECONDS:-20}
clients=${LOAD_CLIENTS:-4}
port=${LOAD_PORT:-18098}
token=load-token
glossa=.build/release/glossa
if [[ ${LOAD_BUILD:-} == debug || ! -x $glossa ]]; then swift build --product glossa >/dev/null; glossa=.build/debug/glossa; fi
work=$(mktemp -d)
server=""
cleanup() { [[ -n $server ]] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

python3 .ci/big-tmx.py "$work/big.tmx" "$units"
# The queries: the sample memory's English sentences, with a word dropped from every other one.
python3 - "$work/queries.txt" <<'PY'
import re, sys, xml.etree.ElementTree as ET
lang = '{http://www.w3.org/XML/1998/namespace}lang'
texts = [''.join(tuv.find('seg').itertext()) for tuv in ET.parse('tmx/putin-xi-state-visit-2024.tmx').iter('tuv') if tuv.get(lang) == 'en']
with open(sys.argv[1], 'w', encoding='utf-8') as out:
    for i, text in enumerate(texts):
        words = text.split()
        out.write((' '.join(words[:len(words) // 2] + words[len(words) // 2 + 1:]) if i % 2 and len(words) > 3 else text) + '\n')
PY
GLOSSA_TOKEN=$token "$glossa" serve --db "$work/load.sqlite" --port "$port" --log-level error >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done

pids=()
run_clients() {  # phase seconds: starts the clients, which run until $work/stop exists or the time is up
  rm -f "$work/stop"
  pids=()
  for i in $(seq 1 "$clients"); do
    python3 .ci/load_client.py "$port" "$work/queries.txt" "$work/stop" "$2" "$i" >"$work/$1-$i.json" &
    pids+=($!)
  done
}

echo "== $clients clients for $baseline_seconds s without an import"
run_clients baseline "$baseline_seconds"
wait "${pids[@]}"

echo "== $clients clients during an HTTP import of $units units"
started=$(date +%s.%N)
run_clients during 900
curl -s -o "$work/import.json" -w '%{http_code}' -H "Authorization: Bearer $token" \
  --data-binary @"$work/big.tmx" "http://127.0.0.1:$port/v1/tm/import?origin=load.tmx" >"$work/import.status"
touch "$work/stop"
wait "${pids[@]}"
import_seconds=$(python3 -c "import time; print(round(time.time() - $started, 1))")

python3 - "$work" "$clients" "$units" "$import_seconds" <<'PY'
import json, sys
work, clients, units, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
status = open(f'{work}/import.status').read().strip()
report = json.load(open(f'{work}/import.json')) if status == '201' else {}
ok = status == '201' and report.get('imported') == units
print(f'import: HTTP {status}, {report.get("imported")} of {units} units imported in {seconds} s')
for phase in ('baseline', 'during'):
    runs = [json.load(open(f'{work}/{phase}-{i}.json')) for i in range(1, clients + 1)]
    latencies = sorted(l for r in runs for l in r['latencies_ms'])
    failures = {}
    for r in runs:
        for kind, n in r['failures'].items(): failures[kind] = failures.get(kind, 0) + n
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float('nan')
    requests = sum(r['requests'] for r in runs)
    print(f'{phase:>8}: {requests} lookups, {sum(failures.values())} failed {failures or ""}; '
          f'p50 {pick(.5):.2f} ms, p90 {pick(.9):.2f} ms, p99 {pick(.99):.2f} ms, max {latencies[-1] if latencies else 0:.1f} ms')
    ok = ok and not failures and requests > 0
sys.exit(0 if ok else 1)
PY
