#!/usr/bin/env bash
# bench/pg_trgm.sh: the pg_trgm peer (bench/peers/pg_trgm.py) on the memory and queries of
# bench/run.sh, JSON on stdout. Uses $GLOSSA_TEST_POSTGRES when set, else a throw-away cluster of
# .ci/postgres.sh, stopped at the end.
#
#   bash bench/pg_trgm.sh                          # real.tmx and queries.jsonl of $BENCH_DATA/gen
#   PG_TMX=... PG_QUERIES=... PG_N=200 bash bench/pg_trgm.sh
#
# Knobs: BENCH_DATA ($HOME/.cache/glossa-bench), PG_TMX ($BENCH_DATA/gen/real.tmx),
# PG_QUERIES ($BENCH_DATA/gen/queries.jsonl), PG_N (1000 queries timed), PG_THRESHOLD (0.7).
# When the default files are missing they are made as run.sh makes them (same seed, same queries).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${BENCH_DATA:-$HOME/.cache/glossa-bench}
TMX=${PG_TMX:-$DATA/gen/real.tmx}
QUERIES=${PG_QUERIES:-$DATA/gen/queries.jsonl}
log() { echo "== pg_trgm.sh: $*" >&2; }

if [[ ! -f $TMX || ! -f $QUERIES ]]; then
  [[ -z ${PG_TMX:-}${PG_QUERIES:-} ]] || { echo "pg_trgm.sh: $TMX or $QUERIES is missing" >&2; exit 1; }
  CORPUS=${BENCH_CORPUS:-$DATA/corpus}
  if [[ ! -f $CORPUS/en-ru.tmx ]]; then
    log "building the real corpus into $CORPUS (a few minutes)"
    OUT_DIR=$CORPUS WORK=$DATA/corpus-work bash ../shared/tools/build_real_tmx.sh >&2
  fi
  log "queries.py: ${BENCH_QUERIES:-1000} queries, the memory without the held-out units"
  mkdir -p "$DATA/gen"
  python3 bench/queries.py --tmx "$CORPUS/en-ru.tmx" --out-tmx "$TMX" --out "$QUERIES" --n "${BENCH_QUERIES:-1000}" > /dev/null
fi
python3 -c "import psycopg" 2>/dev/null || { log "pip install psycopg[binary]"; pip install -q "psycopg[binary]" >&2; }

if [[ -z ${GLOSSA_TEST_POSTGRES:-} ]]; then
  log "starting a throw-away PostgreSQL cluster (.ci/postgres.sh)"
  pg_env=$(bash .ci/postgres.sh start)
  eval "$pg_env"
  trap 'bash .ci/postgres.sh stop > /dev/null' EXIT
fi
log "load, index and ${PG_N:-1000} lookups"
python3 bench/peers/pg_trgm.py --tmx "$TMX" --queries "$QUERIES" --n "${PG_N:-1000}" --threshold "${PG_THRESHOLD:-0.7}"
