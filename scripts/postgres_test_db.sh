#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the `postgres` tests: loopback only, trust
# auth, data in a temporary folder. Installs nothing (CI: apt-get install postgresql).
#
#   eval "$(scripts/postgres_test_db.sh start)"   # exports STANCE_TEST_POSTGRES_URI/_DIR
#   scripts/postgres_test_db.sh stop              # stops it, removes $STANCE_TEST_POSTGRES_DIR
#
# Postgres refuses to run as root: as root, the cluster runs as the `postgres` user.
# Trust auth is safe only because the cluster is local, empty and short-lived.
set -euo pipefail
DB=${STANCE_TEST_POSTGRES_DB:-stance_test}

pg_bin() {  # Debian keeps the server binaries off PATH
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [[ -n $dir ]]; then echo "$dir/$1"; else command -v "$1"; fi
}

as_owner() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  local port
  dir=$(mktemp -d "${TMPDIR:-/tmp}/stance-pg.XXXXXX")
  trap abandon EXIT  # a half-started cluster is removed; disarmed on success
  port=${STANCE_TEST_POSTGRES_PORT:-$(free_port)}
  if [[ $(id -u) == 0 ]]; then chown postgres: "$dir"; fi
  as_owner "$(pg_bin initdb)" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log"
  as_owner "$(pg_bin pg_ctl)" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir" >/dev/null
  as_owner "$(pg_bin createdb)" -h 127.0.0.1 -p "$port" -U postgres "$DB"
  trap - EXIT
  echo "export STANCE_TEST_POSTGRES_DIR=$dir"
  echo "export STANCE_TEST_POSTGRES_URI=postgresql+psycopg://postgres@127.0.0.1:$port/$DB"
}

abandon() {
  if [[ -f $dir/server.log ]]; then tail -n 20 "$dir/server.log" >&2; fi
  stop "$dir" 2>/dev/null
}

stop() {
  local dir=${1:-${STANCE_TEST_POSTGRES_DIR:?give the folder that start printed}}
  if [[ -d $dir/data ]]; then
    as_owner "$(pg_bin pg_ctl)" -D "$dir/data" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$dir"
}

case ${1:-} in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop [DIR]" >&2; exit 2 ;;
esac
