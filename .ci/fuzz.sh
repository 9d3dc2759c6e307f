#!/usr/bin/env bash
# Fuzzes the TMX/TBX/CSV readers (FuzzFormats) and the query path (FuzzQuery) with libFuzzer and
# AddressSanitizer for N seconds each (default 60), both at once. Seeds are copied from the test
# corpus and the sample memory into a scratch folder; what the fuzzers find new goes to
# .build-fuzz/corpus/ (kept, so the next run goes on from there) and their logs to .build-fuzz/logs/.
# A crash, hang, out-of-memory or leak fails the run and its input is kept in .build-fuzz/findings/
# (replay it with the plain build: `swift run FuzzFormats FILE`).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
findings=$PWD/.build-fuzz/findings
corpus=$PWD/.build-fuzz/corpus
logs=$PWD/.build-fuzz/logs
work=$(mktemp -d /tmp/glossa-fuzz.XXXXXX)
pids=()
trap 'for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"' EXIT

flags=(--scratch-path .build-fuzz -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
       -Xcc -fsanitize=fuzzer-no-link,address)
echo "== building FuzzFormats and FuzzQuery with -sanitize=fuzzer,address"
swift build "${flags[@]}" --product FuzzFormats >"$work/build.log" 2>&1 &&
  swift build "${flags[@]}" --product FuzzQuery >>"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
bin=$(swift build "${flags[@]}" --show-bin-path)

# Seeds: the small corpus files (a name per file, as several folders hold a `glossary.tbx`), and
# the sample memory's sentences one per file.
mkdir -p "$work/formats" "$work/query" "$findings" "$corpus/FuzzFormats" "$corpus/FuzzQuery" "$logs"
n=0
while IFS= read -r -d '' file; do
  n=$((n + 1)); cp "$file" "$work/formats/$n-$(basename "$file")"
done < <(find Tests/Fixtures/corpus tmx glossary -type f -size -64k ! -name '*.md' -print0 | sort -z)
n=0
while IFS= read -r line; do
  n=$((n + 1)); printf '%s' "$line" >"$work/query/$n"
done < <(grep -ho '<seg>[^<]*</seg>' tmx/*.tmx | sed 's/<[^>]*>//g')
printf '%s' 'zh_Hant_TW' >"$work/query/tag-1"; printf '%s' 'EN-us-x-private' >"$work/query/tag-2"
echo "seeds: $(ls "$work/formats" | wc -l) format files, $(ls "$work/query" | wc -l) query texts"

run() {  # product, max_len, seeds, extra libFuzzer flags...
  local product=$1 max_len=$2 seeds=$3; shift 3
  mkdir -p "$work/$product-tmp"
  # The Swift runtime's backtracer would take a trap before libFuzzer can save the input. `exec`:
  # the job's id is then timeout's, which passes the clean-up's signal on to the fuzzer.
  SWIFT_BACKTRACE=enable=no TMPDIR="$work/$product-tmp" \
    exec timeout --kill-after=30 $((seconds + 300)) "$bin/$product" "$@" \
    -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$findings/$product-" "$corpus/$product" "$seeds" >"$logs/$product.log" 2>&1
}
echo "== fuzzing for ${seconds}s each"
run FuzzFormats 65536 "$work/formats" -dict=.ci/fuzz-xml.dict & pids+=($!)
run FuzzQuery 4096 "$work/query" & pids+=($!)
failed=0
for index in 0 1; do
  product=$([[ $index == 0 ]] && echo FuzzFormats || echo FuzzQuery)
  if wait "${pids[$index]}"; then result=passed; else result=FAILED; failed=$((failed + 1)); fi
  echo "-- $product: $result"
  grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::(number_of_executed_units|new_units_added|peak_rss_mb)' "$logs/$product.log" || true
  if [[ $result == FAILED ]]; then
    grep -E 'ERROR|SUMMARY|Fatal error|Test unit written' "$logs/$product.log" || tail -n 40 "$logs/$product.log"
  fi
done
pids=()
((failed == 0)) || echo "findings in $findings"
echo "fuzz: $((2 - failed)) passed, $failed failed"
((failed == 0))
