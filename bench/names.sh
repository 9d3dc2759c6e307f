#!/usr/bin/env bash
# bench/names.sh: the name-search figures of BENCHMARKS.md (bench/run.sh runs it; it runs alone too).
#   1. first start: `glossa serve` on a new database loads the sample memory and every glossary of
#      glossary/; time from the start to the first /health answer (and `glossa import glossary/*.tbx`)
#   2. the database grows by 100,000 generated person concepts (bench/synth_concepts.py)
#   3. in process: glossa-bench name-search over 4 kinds of query (bench/name_queries.py)
#   4. HTTP: wrk -t1 -c16 on /v1/names for each kind
# Prints one JSON object. Knobs: NAMES_SYNTH (100000), NAMES_QUERIES per kind (500), NAMES_WRK_SECONDS
# (10), NAMES_PORT (18090), GLOSSA and BENCH (the binaries), NAMES_DATA (work folder).
set -euo pipefail
cd "$(dirname "$0")/.."
GLOSSA=${GLOSSA:-$PWD/.build/release/glossa}
BENCH=${BENCH:-$PWD/.build/release/GlossaBench}
SYNTH=${NAMES_SYNTH:-100000}; NQ=${NAMES_QUERIES:-500}; WRK_SECONDS=${NAMES_WRK_SECONDS:-10}; PORT=${NAMES_PORT:-18090}
DATA=${NAMES_DATA:-$(mktemp -d)}
mkdir -p "$DATA"
log() { echo "== names: $*" >&2; }
now() { date +%s.%N; }
since() { python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 3))" "$1" "$(now)"; }

wait_health() {
  for _ in $(seq 600); do curl -fs "http://127.0.0.1:$PORT/health" > /dev/null 2>&1 && return 0; sleep 0.01; done
  return 1
}

log "first start: glossa serve on a new database (samples and glossaries)"
rm -f "$DATA/first.sqlite"*
started=$(now)
GLOSSA_SAMPLES_DIR=$PWD "$GLOSSA" serve --db "$DATA/first.sqlite" --port "$PORT" --log-level error > "$DATA/first.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
wait_health || { cat "$DATA/first.log" >&2; exit 1; }
first_start=$(since "$started")
kill "$server"; wait "$server" 2>/dev/null || true
rm -f "$DATA/glossaries.sqlite"*
started=$(now)
"$GLOSSA" import --db "$DATA/glossaries.sqlite" glossary/*.tbx > /dev/null
import_glossaries=$(since "$started")
concepts=$(sqlite3 "$DATA/glossaries.sqlite" "SELECT count(*) FROM concept")

log "$SYNTH generated concepts"
python3 bench/synth_concepts.py --n "$SYNTH" --out "$DATA/synth.tbx"
started=$(now)
"$GLOSSA" import --db "$DATA/glossaries.sqlite" "$DATA/synth.tbx" > /dev/null
import_synth=$(since "$started")
total=$(sqlite3 "$DATA/glossaries.sqlite" "SELECT count(*) FROM concept")

log "in process: glossa-bench name-search"
python3 bench/name_queries.py --n "$NQ" glossary/*.tbx > "$DATA/queries.tsv"
"$BENCH" name-search --db "$DATA/glossaries.sqlite" --queries "$DATA/queries.tsv" > "$DATA/in-process.json"

log "HTTP: wrk -t1 -c16 -d${WRK_SECONDS}s /v1/names by kind"
"$GLOSSA" serve --db "$DATA/glossaries.sqlite" --port "$PORT" --no-samples --log-level error > "$DATA/serve.log" 2>&1 &
server=$!
wait_health || { cat "$DATA/serve.log" >&2; exit 1; }
echo "{}" > "$DATA/wrk.json"
for kind in hit inflected similar transliteration; do
  python3 - "$DATA/queries.tsv" "$kind" > "$DATA/$kind.paths" <<'PY'
import sys
from urllib.parse import urlencode
for line in open(sys.argv[1], encoding='utf-8'):
    kind, query = line.rstrip('\n').split('\t', 1)
    if kind == sys.argv[2]:
        print('/v1/names?' + urlencode({'q': query, 'to': 'en,ru,zh-CN'}))
PY
  WRK_PATHS=$DATA/$kind.paths wrk -t1 -c16 -d"${WRK_SECONDS}s" -s bench/rotate.lua "http://127.0.0.1:$PORT" \
    | sed -n 's/^WRKJSON //p' > "$DATA/wrk-$kind.json"
done
echo /health > "$DATA/health.paths"
WRK_PATHS=$DATA/health.paths wrk -t1 -c16 -d"${WRK_SECONDS}s" -s bench/rotate.lua "http://127.0.0.1:$PORT" \
  | sed -n 's/^WRKJSON //p' > "$DATA/wrk-health.json"
kill "$server"; wait "$server" 2>/dev/null || true
trap - EXIT

python3 - "$DATA" "$first_start" "$import_glossaries" "$concepts" "$import_synth" "$total" <<'PY'
import json, sys, os
data, first_start, import_glossaries, concepts, import_synth, total = sys.argv[1:]
wrk = {kind: json.load(open(os.path.join(data, f'wrk-{kind}.json')))
       for kind in ('hit', 'inflected', 'similar', 'transliteration', 'health')}
print(json.dumps({
    'bench': 'names', 'first_start_to_health_s': round(float(first_start), 3),
    'import_shipped_glossaries_s': round(float(import_glossaries), 3), 'shipped_concepts': int(concepts),
    'import_synthetic_concepts_s': round(float(import_synth), 3), 'concepts_total': int(total),
    'in_process': json.load(open(os.path.join(data, 'in-process.json'))), 'wrk': wrk}, indent=1))
PY
