#!/usr/bin/env bash
# The search page in headless Chromium (.ci/browser_test.py) against the server from `swift build`
# on a new database. Bounded: the server gets 60 s to load the samples and answer /health, the
# browser test 5 minutes.
set -euo pipefail
root=$(pwd)
work=$(mktemp -d)
port=18093
server=""
trap 'if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; rm -rf "$work"' EXIT

swift build --product glossa >/dev/null
glossa="$(swift build --show-bin-path)/glossa"
(cd "$work" && GLOSSA_SAMPLES_DIR="$root" exec "$glossa" serve --db "$work/browser.sqlite" --port "$port") >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "http://127.0.0.1:$port/health" >/dev/null || { echo "FAIL the server did not start"; cat "$work/server.log"; exit 1; }

screenshots=$(mktemp -d "${TMPDIR:-/tmp}/glossa-screenshots-XXXXXX")
timeout 300 python3 .ci/browser_test.py "http://127.0.0.1:$port" --screenshots "$screenshots" \
  || { echo "server log:"; tail -n 30 "$work/server.log"; exit 1; }
