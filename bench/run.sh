#!/usr/bin/env bash
# bench/run.sh: every figure of BENCHMARKS.md in one run (bench/README.md says what each step
# measures). Writes bench/results/<date>.json and prints a Markdown summary.
#
#   bash bench/run.sh                  # the full run: real corpus, 1M synthetic units, all peers
#   BENCH_QUICK=1 bash bench/run.sh    # CI smoke: the sample memory of tmx/, a few seconds
#
# Knobs (defaults of the full run):
#   BENCH_DATA     cache of corpus, generated files and databases ($HOME/.cache/glossa-bench)
#   BENCH_CORPUS   folder holding en-ru.tmx, en-zh-CN.tmx, en-ru-zh-CN.tmx ($BENCH_DATA/corpus;
#                  built by ../shared/tools/build_real_tmx.sh when en-ru.tmx is missing)
#   BENCH_SIZES    synthetic memory sizes (10000,100000,1000000); 10000000 too adds a 2.3 GB TMX file, an
#                  8 GB database and tens of minutes (its import and the exhaustive recall scan; BENCHMARKS.md)
#   BENCH_QUERIES  queries (1000)           BENCH_REPEAT      timed passes of glossa-bench lookup (3)
#   BENCH_TTK_QUERIES (200)                 BENCH_RAPIDFUZZ_QUERIES (1000)
#   BENCH_RECALL_QUERIES (1000)             BENCH_WRK_SECONDS (10)     BENCH_PORT (18080)
#   BENCH_WRK_WARMUP  seconds of untimed wrk before each wrk measurement (3)
#   BENCH_LARGE_RECALL_QUERIES  queries of the recall on the largest synthetic size (200)
#   BENCH_PRETRANSLATE_COPIES  the queries repeated in the XLIFF file that glossa pretranslate fills (10)
#   BENCH_RAPIDFUZZ_SCORER  levenshtein (Levenshtein.normalized_similarity) or indel (fuzz.ratio)
#   BENCH_RESULTS  folder of the results JSON (bench/results; $BENCH_DATA/results when quick)
#   BENCH_NO_BUILD=1  use the release binaries as they are
#   BENCH_POSTGRES    1: the PostgreSQL engine too, on a throw-away cluster (.ci/postgres.sh) started
#                     and stopped here (default 1; 0 when BENCH_QUICK)
#   BENCH_POSTGRES_SIZE  the synthetic size imported into PostgreSQL (the largest of BENCH_SIZES up to
#                     1000000, else the first)
#   BENCH_ONLY=postgres  only what the PostgreSQL figures are compared with: the en-ru, real and
#                     synthetic imports and the lookups and recall on both engines, pg_trgm, HTTP on PostgreSQL
# The name-search figures come from bench/names.sh, which runs at the end and alone as well.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
QUICK=${BENCH_QUICK:-0}
STARTED=$(date +%s)

if [[ $QUICK == 1 ]]; then
  DATA=${BENCH_DATA:-${TMPDIR:-/tmp}/glossa-bench-quick}
  SIZES=${BENCH_SIZES:-300,3000}
  NQ=${BENCH_QUERIES:-40}; REPEAT=${BENCH_REPEAT:-2}
  TTK_N=${BENCH_TTK_QUERIES:-40}; RF_N=${BENCH_RAPIDFUZZ_QUERIES:-40}; RECALL_N=${BENCH_RECALL_QUERIES:-40}
  LARGE_RECALL_N=${BENCH_LARGE_RECALL_QUERIES:-40}
  WRK_SECONDS=${BENCH_WRK_SECONDS:-1}; WRK_WARMUP=${BENCH_WRK_WARMUP:-1}; NAMES_N=2000; NAME_LOOKUPS=300; HTTP_N=100
  PRETRANSLATE_COPIES=${BENCH_PRETRANSLATE_COPIES:-1}
  RESULTS=${BENCH_RESULTS:-$DATA/results}
else
  DATA=${BENCH_DATA:-$HOME/.cache/glossa-bench}
  SIZES=${BENCH_SIZES:-10000,100000,1000000}
  NQ=${BENCH_QUERIES:-1000}; REPEAT=${BENCH_REPEAT:-3}
  TTK_N=${BENCH_TTK_QUERIES:-200}; RF_N=${BENCH_RAPIDFUZZ_QUERIES:-1000}; RECALL_N=${BENCH_RECALL_QUERIES:-1000}
  LARGE_RECALL_N=${BENCH_LARGE_RECALL_QUERIES:-200}
  WRK_SECONDS=${BENCH_WRK_SECONDS:-10}; WRK_WARMUP=${BENCH_WRK_WARMUP:-3}; NAMES_N=20000; NAME_LOOKUPS=5000; HTTP_N=1000
  PRETRANSLATE_COPIES=${BENCH_PRETRANSLATE_COPIES:-10}
  RESULTS=${BENCH_RESULTS:-bench/results}
fi
PORT=${BENCH_PORT:-18080}
ONLY=${BENCH_ONLY:-}
[[ -z $ONLY || $ONLY == postgres ]] || { echo "run.sh: BENCH_ONLY is empty or postgres" >&2; exit 2; }
POSTGRES=${BENCH_POSTGRES:-$([[ $QUICK == 1 ]] && echo 0 || echo 1)}
[[ $ONLY == postgres ]] && POSTGRES=1
# PostgreSQL gets at most the 1M file by default: 10M would take it hours and tens of gigabytes.
PG_DEFAULT_MAX=1000000
PG_SIZE=${BENCH_POSTGRES_SIZE:-$(tr , '\n' <<< "$SIZES" | awk -v max=$PG_DEFAULT_MAX '$1 <= max' | sort -n | tail -1)}
PG_SIZE=${PG_SIZE:-${SIZES%%,*}}
everything() { [[ -z $ONLY ]]; }
GEN=$DATA/gen; DB=$DATA/db; OUT=$DATA/parts
mkdir -p "$GEN" "$DB" "$RESULTS"
rm -rf "$OUT"; mkdir -p "$OUT"
# Quick runs use the debug build that `swift test` leaves (CI has no time for a release build);
# their figures only show that every step works.
CONFIGURATION=release
[[ $QUICK == 1 ]] && CONFIGURATION=debug
GLOSSA=$ROOT/.build/$CONFIGURATION/glossa
BENCH=$ROOT/.build/$CONFIGURATION/GlossaBench
step() { echo "== $* ($(( $(date +%s) - STARTED )) s)" >&2; }
# Servers this run started and the PostgreSQL cluster, stopped however the run ends.
SERVERS=()
cleanup() {
  for pid in "${SERVERS[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [[ -n ${GLOSSA_TEST_POSTGRES_DIR:-} ]]; then bash .ci/postgres.sh stop "$GLOSSA_TEST_POSTGRES_DIR" > /dev/null || true; fi
}
trap cleanup EXIT

# ---- Tools
if [[ ${BENCH_NO_BUILD:-0} != 1 ]]; then
  step "swift build -c $CONFIGURATION (glossa, GlossaBench)"
  swift build -c "$CONFIGURATION" --product glossa >&2
  swift build -c "$CONFIGURATION" --product GlossaBench >&2
fi
missing=()
for package in wrk libxml2-utils libicu-dev libstemmer-dev sqlite3 pkg-config time; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  step "apt-get install ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
python3 -c "import translate, rapidfuzz, icu, psycopg" 2>/dev/null \
  || { step "pip install the peers"; pip install -q translate-toolkit rapidfuzz PyICU "psycopg[binary]" >&2; }
if [[ $POSTGRES == 1 ]]; then
  step "PostgreSQL: a throw-away cluster (.ci/postgres.sh)"
  # A cluster left by an earlier run in this shell's environment is not reused: its settings and
  # contents are unknown.
  unset GLOSSA_TEST_POSTGRES GLOSSA_TEST_POSTGRES_DIR
  pg_env=$(bash .ci/postgres.sh start)
  eval "$pg_env"
  PG_ADMIN=$GLOSSA_TEST_POSTGRES PG_DIR=$GLOSSA_TEST_POSTGRES_DIR/data
  # A new, empty database of the cluster; prints its URL.
  pg_database() {
    psql -XAtq "$PG_ADMIN" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >&2
    echo "${PG_ADMIN%/*}/$1"
  }
  PG_REAL=$(pg_database glossa_real)
fi

# ---- Data: the real corpus (or, quick, the sample memory), held-out queries, synthetic sizes
if [[ $QUICK == 1 ]]; then
  REAL_FILES=("$ROOT/tmx/putin-xi-state-visit-2024.tmx")
  BASE=${REAL_FILES[0]}
else
  CORPUS=${BENCH_CORPUS:-$DATA/corpus}
  if [[ ! -f $CORPUS/en-ru.tmx ]]; then
    step "building the real corpus into $CORPUS (about 2 minutes)"
    OUT_DIR=$CORPUS WORK=$DATA/corpus-work bash "$ROOT/../shared/tools/build_real_tmx.sh" >&2
  fi
  REAL_FILES=("$CORPUS/en-ru.tmx" "$CORPUS/en-zh-CN.tmx" "$CORPUS/en-ru-zh-CN.tmx")
  everything || REAL_FILES=("$CORPUS/en-ru.tmx")
  BASE=$CORPUS/en-ru.tmx
fi
MAX_SIZE=${SIZES##*,}
stamp="$BASE $NQ $SIZES $(stat -c %s "$BASE") $(sha1sum bench/queries.py bench/synth.py bench/tmxio.py | cut -c1-12 | tr '\n' ' ')"
if [[ ! -f $GEN/stamp || $(cat "$GEN/stamp") != "$stamp" || ! -f $GEN/synth-$MAX_SIZE.tmx ]]; then
  step "queries.py: $NQ queries, the memory without the held-out units"
  python3 bench/queries.py --tmx "$BASE" --out-tmx "$GEN/real.tmx" --out "$GEN/queries.jsonl" --n "$NQ" > "$OUT/queries.json"
  step "synth.py: $SIZES units"
  python3 bench/synth.py --tmx "$GEN/real.tmx" --queries "$GEN/queries.jsonl" --sizes "$SIZES" --out-prefix "$GEN/synth" > "$OUT/synth.json"
  echo "$stamp" > "$GEN/stamp"
fi
python3 bench/names.py glossary/*.tbx > "$GEN/names.tsv"
python3 bench/http_paths.py --queries "$GEN/queries.jsonl" --names "$GEN/names.tsv" \
  --out-lookup "$GEN/lookup.paths" --out-names "$GEN/names.paths" --out-tmserver "$GEN/tmserver.paths" \
  --out-tmserver-tagged "$GEN/tmserver-tagged.paths"
Q=$GEN/queries.jsonl

# ---- Import: each real file, the memory the lookups use (real minus held-out), the synthetic sizes
for file in "${REAL_FILES[@]}"; do
  name=$(basename "$file" .tmx)
  step "import $name"
  python3 bench/measure_import.py --glossa "$GLOSSA" --db "$DB/file-$name.sqlite" --name "$name" "$file" > "$OUT/import-$name.json"
  rm -f "$DB/file-$name.sqlite"*   # only the figures are kept
done
step "import real (the memory of the lookups)"
python3 bench/measure_import.py --glossa "$GLOSSA" --db "$DB/real.sqlite" --name real "$GEN/real.tmx" > "$OUT/import-real.json"
everything && "$GLOSSA" import --db "$DB/real.sqlite" glossary/*.tbx > /dev/null   # for the name searches
for size in ${SIZES//,/ }; do
  everything || [[ $size == "$PG_SIZE" ]] || continue
  step "import synth-$size"
  python3 bench/measure_import.py --glossa "$GLOSSA" --db "$DB/synth-$size.sqlite" --name "synth-$size" "$GEN/synth-$size.tmx" > "$OUT/import-synth-$size.json"
done
if [[ $POSTGRES == 1 ]]; then
  # The same files into PostgreSQL, each into a new database: en-ru (dropped after), real (the
  # memory of the PostgreSQL lookups) and one synthetic size. Without the units holding a segment
  # too long for the engine's fold index (pg_long_segments.py: 40 of en-ru's 206,302).
  for name in en-ru real "synth-$PG_SIZE"; do
    file=$GEN/$name.tmx
    [[ $name == en-ru ]] && file=${REAL_FILES[0]}
    python3 bench/pg_long_segments.py "$file" "$GEN/$name-pg.tmx" 2> "$OUT/pg-long-segments-$name.json"
  done
  step "PostgreSQL: import en-ru"
  python3 bench/measure_import.py --glossa "$GLOSSA" --database "$(pg_database glossa_file)" --pg-dir "$PG_DIR" --name en-ru \
    "$GEN/en-ru-pg.tmx" > "$OUT/pg-import-en-ru.json"
  psql -XAtq "$PG_ADMIN" -c "DROP DATABASE glossa_file"
  step "PostgreSQL: import real"
  python3 bench/measure_import.py --glossa "$GLOSSA" --database "$PG_REAL" --pg-dir "$PG_DIR" --name real "$GEN/real-pg.tmx" > "$OUT/pg-import-real.json"
  step "PostgreSQL: import synth-$PG_SIZE"
  python3 bench/measure_import.py --glossa "$GLOSSA" --database "$(pg_database glossa_synth)" --pg-dir "$PG_DIR" --name "synth-$PG_SIZE" \
    "$GEN/synth-$PG_SIZE-pg.tmx" > "$OUT/pg-import-synth-$PG_SIZE.json"
  psql -XAtq "$PG_ADMIN" -c "DROP DATABASE glossa_synth"
fi

# ---- In process: lookups (real and each size), recall, names
step "glossa-bench lookup (real)"
"$BENCH" lookup --db "$DB/real.sqlite" --queries "$Q" --repeat "$REPEAT" > "$OUT/lookup-real.json"
step "glossa-bench lookup (real, exact matches only: min 100)"
"$BENCH" lookup --db "$DB/real.sqlite" --queries "$Q" --min 100 --repeat "$REPEAT" > "$OUT/exact-only-real.json"
for size in ${SIZES//,/ }; do
  everything || [[ $size == "$PG_SIZE" ]] || continue
  step "glossa-bench lookup (synth-$size)"
  "$BENCH" lookup --db "$DB/synth-$size.sqlite" --queries "$Q" --repeat "$REPEAT" > "$OUT/lookup-synth-$size.json"
done
step "glossa-bench recall (real, $RECALL_N queries)"
"$BENCH" recall --db "$DB/real.sqlite" --queries "$Q" --limit 50 --max-queries "$RECALL_N" > "$OUT/recall-real.json"
if everything; then
  step "glossa-bench recall (synth-$MAX_SIZE, $LARGE_RECALL_N queries)"
  "$BENCH" recall --db "$DB/synth-$MAX_SIZE.sqlite" --queries "$Q" --limit 50 --max-queries "$LARGE_RECALL_N" > "$OUT/recall-synth-$MAX_SIZE.json"
fi
if [[ $POSTGRES == 1 ]]; then
  step "PostgreSQL: glossa-bench lookup (real)"
  "$BENCH" lookup --database "$PG_REAL" --queries "$Q" --repeat "$REPEAT" > "$OUT/pg-lookup-real.json"
  step "PostgreSQL: glossa-bench lookup (real, exact matches only: min 100)"
  "$BENCH" lookup --database "$PG_REAL" --queries "$Q" --min 100 --repeat "$REPEAT" > "$OUT/pg-exact-only-real.json"
  step "PostgreSQL: glossa-bench recall (real, $RECALL_N queries)"
  "$BENCH" recall --database "$PG_REAL" --queries "$Q" --limit 50 --max-queries "$RECALL_N" > "$OUT/pg-recall-real.json"
  step "PostgreSQL: pg_trgm peer on real ($NQ queries)"
  # On the same cluster (its database glossa_test), the same memory and queries.
  PG_TMX=$GEN/real.tmx PG_QUERIES=$Q PG_N=$NQ bash bench/pg_trgm.sh > "$OUT/pg-trgm.json"
fi
# What the PostgreSQL figures are not compared with (BENCH_ONLY=postgres leaves it out).
if everything; then
step "glossa-bench names"
"$BENCH" names --db "$DB/real.sqlite" --names "$GEN/names.tsv" --n "$NAMES_N" --lookups "$NAME_LOOKUPS" > "$OUT/names.json"

# ---- Peers, same files and queries
step "peers: translate-toolkit ($TTK_N queries)"
python3 bench/peers/ttk.py --tmx "$GEN/real.tmx" --queries "$Q" --n "$TTK_N" --top1-out "$GEN/ttk.top1.json" > "$OUT/ttk.json"
step "peers: rapidfuzz ($RF_N queries)"
python3 bench/peers/rapidfuzz_scan.py --tmx "$GEN/real.tmx" --queries "$Q" --n "$RF_N" --scorer "${BENCH_RAPIDFUZZ_SCORER:-levenshtein}" --ttk-top1 "$GEN/ttk.top1.json" > "$OUT/rapidfuzz.json"
step "peers: SQLite floor and xmllint --stream"
BENCH_TMP=$DATA python3 bench/peers/sqlite_floor.py --tmx "$BASE" > "$OUT/sqlite-floor.json"
step "peers: PyICU"
python3 bench/peers/pyicu.py --names "$GEN/names.tsv" --n "$NAMES_N" > "$OUT/pyicu.json"

# ---- HTTP on the real memory: wrk (one thread: the machine has 2 cores), then one request at a time
step "HTTP: glossa serve on port $PORT"
"$GLOSSA" serve --db "$DB/real.sqlite" --port "$PORT" --no-samples --log-level error > "$DATA/serve.log" 2>&1 &
SERVER=$!
SERVERS+=("$SERVER")
for _ in $(seq 300); do curl -fs "http://127.0.0.1:$PORT/health" > /dev/null && break; sleep 0.1; done
curl -fs "http://127.0.0.1:$PORT/health" > /dev/null || { cat "$DATA/serve.log" >&2; exit 1; }
# The stack's ceiling in the same run: /health and a static JSON route.
echo /health > "$OUT/health.paths"
echo /v1/translit/schemes > "$OUT/schemes.paths"
# Each wrk measurement follows an untimed pass of WRK_WARMUP seconds over the same paths: the first
# use of an ICU transliterator creates it (tens of ms, reported under Names), which is not the
# steady state that wrk measures.
warm_up() { WRK_PATHS=$1 wrk -t1 -c16 -d"${WRK_WARMUP}s" -s bench/rotate.lua "http://127.0.0.1:$PORT" > /dev/null; }
for target in health schemes; do
  step "wrk -t1 -c16 -d${WRK_SECONDS}s $(cat "$OUT/$target.paths")"
  warm_up "$OUT/$target.paths"
  WRK_PATHS=$OUT/$target.paths wrk -t1 -c16 -d"${WRK_SECONDS}s" -s bench/rotate.lua "http://127.0.0.1:$PORT" \
    | sed -n 's/^WRKJSON //p' > "$OUT/wrk-$target.json"
done
for target in names lookup tmserver tmserver-tagged; do
  step "wrk -t1 -c16 -d${WRK_SECONDS}s $(head -c 12 "$GEN/$target.paths")…"
  warm_up "$GEN/$target.paths"
  WRK_PATHS=$GEN/$target.paths wrk -t1 -c16 -d"${WRK_SECONDS}s" -s bench/rotate.lua "http://127.0.0.1:$PORT" \
    | sed -n 's/^WRKJSON //p' > "$OUT/wrk-$target.json"
  step "sequential keep-alive latency $(head -c 12 "$GEN/$target.paths")…"
  python3 bench/http_latency.py --port "$PORT" --paths "$GEN/$target.paths" --n "$HTTP_N" > "$OUT/http-$target.json"
done
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
SERVERS=()

# ---- Pre-translation: an XLIFF file of the lookup queries, on the memory of the lookups
step "glossa pretranslate (the queries as an XLIFF file, $PRETRANSLATE_COPIES copies)"
python3 bench/pretranslate.py --glossa "$GLOSSA" --db "$DB/real.sqlite" --queries "$Q" --copies "$PRETRANSLATE_COPIES" > "$OUT/pretranslate.json"

# ---- Cold start on the largest memory
step "cold start (synth-$MAX_SIZE)"
python3 bench/coldstart.py --glossa "$GLOSSA" --db "$DB/synth-$MAX_SIZE.sqlite" --port "$PORT" > "$OUT/coldstart.json"

# ---- Name search by kind of query, on the shipped glossaries plus generated concepts (bench/names.sh)
step "names: bench/names.sh"
if [[ $QUICK == 1 ]]; then
  NAMES_SYNTH=2000 NAMES_QUERIES=30 NAMES_WRK_SECONDS=1 GLOSSA=$GLOSSA BENCH=$BENCH NAMES_DATA=$DATA/names NAMES_PORT=$PORT \
    bash bench/names.sh > "$OUT/name-search.json"
else
  GLOSSA=$GLOSSA BENCH=$BENCH NAMES_DATA=$DATA/names NAMES_PORT=$PORT NAMES_WRK_SECONDS=$WRK_SECONDS \
    bash bench/names.sh > "$OUT/name-search.json"
fi
fi   # everything

# ---- HTTP lookups on PostgreSQL: 1, 2 and 3 replicas of glossa serve on the one database
if [[ $POSTGRES == 1 ]]; then
  step "PostgreSQL: HTTP lookups with 1, 2, 3 replicas (wrk ${WRK_SECONDS}s each)"
  python3 bench/pg_replicas.py --glossa "$GLOSSA" --database "$PG_REAL" --pg-dir "$PG_DIR" --paths "$GEN/lookup.paths" \
    --replicas 1,2,3 --port "$PORT" --seconds "$WRK_SECONDS" --sequential "$HTTP_N" --log "$DATA/serve-postgres.log" > "$OUT/pg-replicas.json"
fi

step "results"
python3 bench/summarize.py --parts "$OUT" --quick "$QUICK" --results "$RESULTS" --glossa "$GLOSSA" \
  --seconds $(( $(date +%s) - STARTED ))
