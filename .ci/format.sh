#!/usr/bin/env bash
# The Swift sources are as swift-format (the toolchain's `swift format`, configured by .swift-format)
# writes them: formats every tracked .swift file in place, then fails if that changed anything.
# To fix a failure, run the same command and commit the result:
#   git ls-files -z '*.swift' | xargs -0 swift format format --parallel --in-place
set -euo pipefail
cd "$(dirname "$0")/.."
digests() { git ls-files -z '*.swift' | xargs -0 sha1sum; }
before=$(digests)
git ls-files -z '*.swift' | xargs -0 swift format format --parallel --in-place
after=$(digests)
if [[ $after != "$before" ]]; then
  diff <(echo "$before") <(echo "$after") | sed -n 's/^> [0-9a-f]*  /changed: /p'
  echo "format: these files are not as swift-format writes them (see .ci/format.sh)"
  echo "format: 0 passed, 1 failed"
  exit 1
fi
echo "format: 1 passed, 0 failed"
