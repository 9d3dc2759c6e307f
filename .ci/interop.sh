#!/usr/bin/env bash
# The real clients' own code against Glossa: Weblate (its tmserver machinery) and translate-toolkit
# (its XLIFF, PO and TBX readers), from PyPI in virtual environments, driven by the pytest files of
# .ci/interop against a live `glossa serve` on a new SQLite database with the sample data.
#
#   .ci/interop.sh prepare   two venvs under $INTEROP_VENV (default: a new folder under /tmp, printed):
#                            weblate/ with Weblate 5.14 (the newest for Python 3.11, which pins an older
#                            translate-toolkit) and toolkit/ with the newest translate-toolkit (its XLIFF 2
#                            reader); a few minutes, most of it building wheels
#   .ci/interop.sh run [pytest arguments]
#                            glossa serve ($GLOSSA_BIN, default .build/debug/glossa; builds nothing) on a
#                            free port, then `python -m pytest -q` over .ci/interop, test_weblate_*.py in
#                            the weblate venv and the rest in the toolkit venv, with GLOSSA_BIN,
#                            GLOSSA_URL, GLOSSA_TOKEN and GLOSSA_ROOT set
#   .ci/interop.sh           both, in a venv made for the run and removed after it
#
# Host packages (Debian): libcairo2-dev libgirepository1.0-dev gir1.2-pango-1.0 (Weblate's PyGObject
# and pycairo) and liblz4-dev libzstd-dev libxxhash-dev libacl1-dev libssl-dev pkg-config (borgbackup,
# which has no Linux wheel). Nothing is cached across runs. Every wait is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# PyGObject 3.51 and later need girepository-2.0, which Debian 12 does not have.
weblate_requirements=("weblate==5.14.*" "PyGObject<3.51" pytest)
toolkit_requirements=(translate-toolkit pytest)
host_packages=(libcairo2-dev libgirepository1.0-dev gir1.2-pango-1.0 liblz4-dev libzstd-dev libxxhash-dev libacl1-dev libssl-dev pkg-config)
pip_minutes=25          # a few minutes alone; CI runs it at nice 19 beside the Swift build
pytest_minutes=10
health_seconds=120      # a debug build loading the sample data on a busy machine
stop_seconds=15

prepare() {
  local missing=() package
  for package in "${host_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if ((${#missing[@]})); then
    echo "interop: missing Debian packages: apt-get install ${missing[*]}" >&2
    return 1
  fi
  python3 -m venv "$INTEROP_VENV/weblate"
  python3 -m venv "$INTEROP_VENV/toolkit"
  timeout --kill-after=30 $((pip_minutes * 60)) "$INTEROP_VENV/toolkit/bin/pip" install -q --no-cache-dir "${toolkit_requirements[@]}"
  timeout --kill-after=30 $((pip_minutes * 60)) "$INTEROP_VENV/weblate/bin/pip" install -q --no-cache-dir "${weblate_requirements[@]}"
  local venv
  for venv in weblate toolkit; do
    echo "interop: $venv venv: $("$INTEROP_VENV/$venv/bin/python" -m pip list 2>/dev/null | grep -Ei '^(weblate|translate-toolkit|pygobject) ' | tr -s ' ' | paste -sd, -)"
  done
  echo "interop: venvs ready at $INTEROP_VENV"
}

run() {
  local glossa=${GLOSSA_BIN:-.build/debug/glossa}
  [[ -x $INTEROP_VENV/weblate/bin/python && -x $INTEROP_VENV/toolkit/bin/python ]] ||
    { echo "interop: no venvs under '$INTEROP_VENV' (run '.ci/interop.sh prepare' first)" >&2; return 1; }
  [[ -x $glossa ]] || { echo "interop: no glossa binary at '$glossa' (swift build --product glossa)" >&2; return 1; }
  [[ $glossa == /* ]] || glossa="$root/$glossa"
  work=$(mktemp -d /tmp/glossa-interop.XXXXXX)
  local port token url
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  token="interop-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  url="http://127.0.0.1:$port"
  (cd "$work" && GLOSSA_SAMPLES_DIR="$root" exec "$glossa" serve --db "$work/glossa.sqlite" --port "$port" --token "$token" --log-level warning) \
    >"$work/serve.log" 2>&1 &
  server=$!
  local deadline=$((SECONDS + health_seconds))
  until curl -fs --max-time 5 "$url/health" >/dev/null 2>&1; do
    if ! kill -0 "$server" 2>/dev/null || ((SECONDS > deadline)); then
      echo "interop: glossa serve did not answer /health within $health_seconds s:" >&2; cat "$work/serve.log" >&2
      return 1
    fi
    sleep 0.5
  done
  local status=0 weblate_tests toolkit_tests
  weblate_tests=(.ci/interop/test_weblate_*.py)
  mapfile -t toolkit_tests < <(ls .ci/interop/test_*.py | grep -v '/test_weblate_')
  export GLOSSA_BIN=$glossa GLOSSA_URL=$url GLOSSA_TOKEN=$token GLOSSA_ROOT=$root
  timeout --kill-after=30 $((pytest_minutes * 60)) "$INTEROP_VENV/weblate/bin/python" -m pytest -q -p no:cacheprovider \
    "${weblate_tests[@]}" "$@" || status=$?
  timeout --kill-after=30 $((pytest_minutes * 60)) "$INTEROP_VENV/toolkit/bin/python" -m pytest -q -p no:cacheprovider \
    "${toolkit_tests[@]}" "$@" || status=$?
  if ! kill -0 "$server" 2>/dev/null; then
    echo "interop: glossa serve died during the tests:" >&2; cat "$work/serve.log" >&2
    status=1
  elif ((status != 0)); then
    echo "interop: glossa serve's log:" >&2; tail -n 50 "$work/serve.log" >&2
  fi
  return "$status"
}

server=""
work=""
made_venv=""
cleanup() {
  if [[ -n $server ]] && kill -TERM "$server" 2>/dev/null; then
    local deadline=$((SECONDS + stop_seconds))
    while kill -0 "$server" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    kill -KILL "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  [[ -z $work ]] || rm -rf "$work"
  [[ -z $made_venv ]] || rm -rf "$made_venv"
}
trap cleanup EXIT

command=${1:-all}
(($#)) && shift
case $command in
  prepare)
    INTEROP_VENV=${INTEROP_VENV:-$(mktemp -d /tmp/glossa-interop-venv.XXXXXX)}  # kept: 'run' uses it
    prepare
    ;;
  run)
    : "${INTEROP_VENV:?set INTEROP_VENV to the venv that '.ci/interop.sh prepare' made}"
    run "$@"
    ;;
  all)
    if [[ -z ${INTEROP_VENV:-} ]]; then
      INTEROP_VENV=$(mktemp -d /tmp/glossa-interop-venv.XXXXXX)
      made_venv=$INTEROP_VENV
    fi
    prepare
    run "$@"
    ;;
  *)
    echo "usage: .ci/interop.sh [prepare | run [pytest arguments]]" >&2
    exit 2
    ;;
esac
