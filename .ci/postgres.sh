#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for tests (the PostgreSQL engine, issue 13). Not sourced (its
# `set -e` would leak into the caller's shell): it prints shell lines to eval.
#
#   eval "$(bash .ci/postgres.sh start)"   # exports GLOSSA_TEST_POSTGRES, GLOSSA_TEST_POSTGRES_DIR
#   psql "$GLOSSA_TEST_POSTGRES" -c 'select version()'
#   eval "$(bash .ci/postgres.sh stop)"    # stops it, removes its folder, unsets both
#
# In a script under `set -e`, assign first so that a failure stops it (`eval "$(...)"` of a failed
# start still returns 1: the script then prints `false`):
#   pg_env=$(bash .ci/postgres.sh start); eval "$pg_env"
#
# start: installs Debian's `postgresql` with apt-get when no pg_ctl is found, makes a cluster in
# /tmp/glossa-pg.XXXXXX (superuser `glossa`, trust authentication, listening on 127.0.0.1 on a free
# port, its socket in that folder), database `glossa_test` with the pg_trgm extension. Run as root,
# the server runs as `postgres` (PostgreSQL refuses root), or as a system user `glossa-pg` made here
# when there is none. If $GLOSSA_TEST_POSTGRES_DIR names a running cluster, prints it again.
# stop [DIR]: the cluster of DIR (default $GLOSSA_TEST_POSTGRES_DIR); nothing to do is no error.
# PG_BIN overrides the folder of the server binaries (default /usr/lib/postgresql/15/bin, else PATH).
set -euo pipefail

died=0
die() { echo "postgres.sh: $*" >&2; died=1; exit 1; }
# Whatever fails, stdout ends with `false`, so that `eval "$(bash .ci/postgres.sh start)"` fails too.
on_exit() { local status=${1:-$?}; ((status == 0)) && return; echo false; ((died)) || echo "postgres.sh: failed (exit $status)" >&2; }
trap on_exit EXIT

find_bin() {
  local dir
  for dir in ${PG_BIN:-} /usr/lib/postgresql/15/bin "$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/pg_ctl)")"; do
    [[ -x $dir/pg_ctl && -x $dir/initdb ]] && { echo "$dir"; return; }
  done
}

# Runs a command as the owner of the cluster folder (as root: the unprivileged user) from inside it,
# so that neither the server nor initdb trips over an unreadable working directory.
as_owner() {
  local dir=$1; shift
  if ((EUID == 0)); then
    (cd "$dir" && runuser -u "$(stat -c %U "$dir")" -- "$@")
  else
    (cd "$dir" && "$@")
  fi
}

running() { [[ -n ${1:-} && -f $1/.glossa-postgres && -f $1/data/postmaster.pid ]] && as_owner "$1" "$BIN/pg_ctl" -D "$1/data" status > /dev/null 2>&1; }

print_env() {
  local port
  port=$(sed -n 4p "$1/data/postmaster.pid")   # postmaster.pid: line 4 is the port
  echo "export GLOSSA_TEST_POSTGRES=postgres://glossa@127.0.0.1:$port/glossa_test"
  echo "export GLOSSA_TEST_POSTGRES_DIR=$1"
}

start() {
  if [[ -z $(find_bin) ]]; then
    ((EUID == 0)) || die "no pg_ctl/initdb found and not root: install Debian's postgresql (15), or set PG_BIN"
    echo "postgres.sh: installing postgresql with apt-get" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql > /dev/null
  fi
  BIN=$(find_bin)
  [[ -n $BIN ]] || die "postgresql installed but no pg_ctl/initdb in /usr/lib/postgresql/15/bin or PATH"

  if running "${GLOSSA_TEST_POSTGRES_DIR:-}"; then print_env "$GLOSSA_TEST_POSTGRES_DIR"; return; fi

  local user port
  # dir is global: the EXIT trap reads it after start() has returned.
  user=$(id -un)
  if ((EUID == 0)); then
    user=postgres
    id -u postgres > /dev/null 2>&1 || { user=glossa-pg; id -u "$user" > /dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user"; }
  fi
  dir=$(mktemp -d /tmp/glossa-pg.XXXXXX)   # /tmp: reachable by the server's user, short enough for a socket path
  touch "$dir/.glossa-postgres"            # stop removes only folders that carry this mark
  ((EUID == 0)) && chown -R "$user:" "$dir"
  # From here on, a failure stops what was started and removes the folder.
  trap 'status=$?; on_exit "$status"; if ((status != 0)); then
          if [[ -f $dir/server.log ]]; then cat "$dir/server.log"; else cat "$dir/initdb.log"; fi >&2 2>/dev/null || true
          as_owner "$dir" "$BIN/pg_ctl" -D "$dir/data" -m immediate stop > /dev/null 2>&1 || true
          rm -rf "$dir"; fi' EXIT

  as_owner "$dir" "$BIN/initdb" -D "$dir/data" -A trust -U glossa -E UTF8 --locale C.UTF-8 > "$dir/initdb.log" 2>&1 \
    || die "initdb failed; its log:"
  # The free port is found by binding port 0; another process may take it before the server does,
  # so try a few.
  for attempt in 1 2 3; do
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    if as_owner "$dir" "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -t 60 -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=500" start > /dev/null 2>&1; then
      break
    fi
    ((attempt < 3)) || die "pg_ctl start failed 3 times; the server log:"
  done
  local psql=("$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U glossa)
  "${psql[@]}" -d postgres -c 'CREATE DATABASE glossa_test' > /dev/null
  "${psql[@]}" -d glossa_test -c 'CREATE EXTENSION pg_trgm' > /dev/null
  print_env "$dir"
}

stop() {
  local dir=${1:-${GLOSSA_TEST_POSTGRES_DIR:-}}
  echo "unset GLOSSA_TEST_POSTGRES GLOSSA_TEST_POSTGRES_DIR"
  [[ -n $dir && -d $dir ]] || return 0
  [[ -f $dir/.glossa-postgres ]] || die "$dir was not made by postgres.sh start; not touching it"
  if [[ -f $dir/data/postmaster.pid ]]; then
    BIN=$(find_bin)
    [[ -n $BIN ]] || die "a cluster runs in $dir but no pg_ctl is found to stop it"
    as_owner "$dir" "$BIN/pg_ctl" -D "$dir/data" -m fast -t 60 -w stop > /dev/null || die "pg_ctl stop failed for $dir"
  fi
  rm -rf "$dir"
}

case ${1:-} in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) die "usage: eval \"\$(bash .ci/postgres.sh start)\" | eval \"\$(bash .ci/postgres.sh stop [DIR])\"" ;;
esac
