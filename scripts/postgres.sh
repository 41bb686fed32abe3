#!/usr/bin/env bash
# A PostgreSQL server from Debian's `postgresql` package for LiftBoard's team workspaces: the
# test run starts one per run, scripts/serve-team.sh one per team server.
#
#   scripts/postgres.sh start DIR PORT   creates the cluster in DIR/data the first time, starts it
#                                        listening on 127.0.0.1:PORT only, makes the role and
#                                        database `liftboard` (the role owns the database and is
#                                        not a superuser) and prints the URL to stdout:
#                                        postgresql://liftboard@127.0.0.1:PORT/liftboard
#   scripts/postgres.sh stop DIR         stops it (fast shutdown); DIR stays
#
# DIR must be reachable by the `postgres` user (a folder under /tmp is): when run as root the
# script gives DIR to `postgres` and runs initdb, pg_ctl and psql as that user (`runuser`).
# Connections from 127.0.0.1 are trusted (no password), so keep the machine's other users in
# mind. fsync is off (tests: fast, not crash-safe); PG_DURABLE=1 keeps it on for a real server.
# Binaries come from `pg_config --bindir`, else the newest /usr/lib/postgresql/*/bin.
# Logs: DIR/postgres.log, DIR/initdb.log. Exit 1 with a message on stderr if anything fails.
set -euo pipefail

usage() {
  echo "usage: $0 start DIR PORT | stop DIR" >&2
  exit 2
}

bindir() {
  local dir
  dir="$(pg_config --bindir 2>/dev/null || true)"
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  fi
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    echo "PostgreSQL is not installed: install Debian's package (apt-get install postgresql)." >&2
    exit 1
  fi
  echo "$dir"
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  local dir="$1" port="$2" bin url
  bin="$(bindir)"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$dir"
  fi
  chmod 700 "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale \
      >"$dir/initdb.log" 2>&1 || {
      echo "initdb failed: see $dir/initdb.log" >&2
      exit 1
    }
  fi
  local fsync="off"
  [ "${PG_DURABLE:-0}" = "1" ] && fsync="on"
  as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$dir' -c fsync=$fsync -c full_page_writes=$fsync -c synchronous_commit=$fsync" \
    start >/dev/null || {
    echo "PostgreSQL did not start on 127.0.0.1:$port: see $dir/postgres.log" >&2
    exit 1
  }
  local psql=("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
  if [ -z "$(as_postgres "${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'liftboard'")" ]; then
    as_postgres "${psql[@]}" -c "CREATE ROLE liftboard LOGIN"
  fi
  if [ -z "$(as_postgres "${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'liftboard'")" ]; then
    as_postgres "${psql[@]}" -c "CREATE DATABASE liftboard OWNER liftboard ENCODING 'UTF8' TEMPLATE template0"
  fi
  url="postgresql://liftboard@127.0.0.1:$port/liftboard"
  echo "$url"
}

stop() {
  local dir="$1" bin
  bin="$(bindir)"
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
  fi
}

case "${1:-}" in
start)
  [ $# -eq 3 ] || usage
  start "$2" "$3"
  ;;
stop)
  [ $# -eq 2 ] || usage
  stop "$2"
  ;;
*) usage ;;
esac
