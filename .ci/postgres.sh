#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the server's tests (Debian's package, installed if
# missing) and prints the URL to reach it. Its data lives in a temporary directory and it
# listens on loopback only; `.ci/postgres.sh stop` stops it.
set -euo pipefail
PGDATA_DIR="${PATHFLOW_PG_DIR:-/tmp/pathflow-test-pg}"
PORT="${PATHFLOW_PG_PORT:-55432}"
if [ "${1:-}" = "stop" ]; then
  for ctl in /usr/lib/postgresql/*/bin/pg_ctl; do
    [ -d "$PGDATA_DIR" ] && su postgres -s /bin/sh -c "'$ctl' -D '$PGDATA_DIR' stop -m fast" >/dev/null 2>&1 || true
  done
  exit 0
fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
fi
BIN="$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")"
if ! su postgres -s /bin/sh -c "'$BIN/pg_ctl' -D '$PGDATA_DIR' status" >/dev/null 2>&1; then
  rm -rf "$PGDATA_DIR"
  mkdir -p "$PGDATA_DIR"
  chown postgres "$PGDATA_DIR"
  su postgres -s /bin/sh -c "'$BIN/initdb' -D '$PGDATA_DIR' -A trust -U postgres" >/dev/null
  su postgres -s /bin/sh -c "'$BIN/pg_ctl' -D '$PGDATA_DIR' -l '$PGDATA_DIR/log' -o \"-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off\" -w start" >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$PORT/postgres"
