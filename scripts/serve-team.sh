#!/usr/bin/env bash
# LiftBoard as a team server on one machine: N Streamlit processes on loopback behind Debian's
# nginx (sticky sessions by cookie, websockets), all with one shared cookie secret.
#
#   bash scripts/serve-team.sh [--processes N] [--port P] [--address A] [--first-port Q]
#                              [--run-dir DIR] [--local-postgres] [--db-port D]
#                              [--secrets FILE]
#
# --processes N     Streamlit processes (default 2). More than one needs a database they can all
#                   open: DuckDB lets one process open the workspace file at a time, so N > 1
#                   needs `database_url` (PostgreSQL) in the team config (LIFTBOARD_CONFIG, else
#                   ./liftboard.toml), or --local-postgres.
# --port P          the port users open (nginx; default 8501); --address A: its address
#                   (default 0.0.0.0, every interface).
# --first-port Q    the processes listen on 127.0.0.1:Q, Q+1, ... (default P+100).
# --run-dir DIR     nginx's config, pid, logs and temporary files, each process's log, the cookie
#                   secret and a local database (default ./run/team-server).
# --local-postgres  the team config has no database_url: start a PostgreSQL of its own in
#                   RUN/postgres on port D (--db-port, default 5433) with scripts/postgres.sh, and
#                   stop it on exit. Its data stays in the run folder for the next start.
# --secrets FILE    the secrets file every process reads (Streamlit's --secrets.files), with
#                   the sign-in's [auth] section (redirect_uri: the address users open +
#                   /oauth2callback, cookie_secret, client_id, client_secret,
#                   server_metadata_url); default: .streamlit/secrets.toml beside the app.
#
# The cookie secret (Streamlit's server.cookieSecret, which also signs st.login's cookie unless
# .streamlit/secrets.toml sets [auth] cookie_secret) comes from LIFTBOARD_COOKIE_SECRET, else
# RUN/cookie_secret (created once, mode 600): every process gets the same one, so a sign-in or
# an XSRF token from one process is valid on all. Ctrl-C or SIGTERM stops everything; a process
# that dies is started again.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

processes=2
port=8501
address=0.0.0.0
first_port=""
run_dir=run/team-server
local_postgres=0
db_port=5433
secrets=""

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
die() {
  echo "serve-team.sh: $*" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --processes) processes=${2:?}; shift 2 ;;
    --port) port=${2:?}; shift 2 ;;
    --address) address=${2:?}; shift 2 ;;
    --first-port) first_port=${2:?}; shift 2 ;;
    --run-dir) run_dir=${2:?}; shift 2 ;;
    --local-postgres) local_postgres=1; shift ;;
    --db-port) db_port=${2:?}; shift 2 ;;
    --secrets) secrets=${2:?}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[[ "$processes" =~ ^[1-9][0-9]*$ ]] || die "--processes takes a whole number of at least 1, not '$processes'"
[[ "$port" =~ ^[0-9]+$ ]] || die "--port takes a port number, not '$port'"
first_port=${first_port:-$((port + 100))}
if [ -n "$secrets" ]; then
  [ -f "$secrets" ] || die "--secrets names $secrets, which is not a file"
  secrets=$(cd "$(dirname "$secrets")" && pwd)/$(basename "$secrets")
fi
command -v nginx >/dev/null 2>&1 ||
  die "nginx is missing: install Debian's package (apt-get install nginx); nothing under /etc is changed, the config lives in the run folder"

source scripts/venv.sh
ensure_venv requirements.txt
PYTHON=$ROOT/.venv/bin/python

mkdir -p "$run_dir"
RUN=$(cd "$run_dir" && pwd)
mkdir -p "$RUN/logs" "$RUN/tmp"

# --- stopping --------------------------------------------------------------------------------
declare -a pids=()
nginx_pid=""
postgres_started=0
stopping=0
stop_all() {
  stopping=1
  trap - INT TERM EXIT
  echo "Stopping LiftBoard..."
  [ -z "$nginx_pid" ] || kill -TERM "$nginx_pid" 2>/dev/null || true
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for _ in $(seq 1 100); do
    alive=0
    for pid in "${pids[@]}" $nginx_pid; do
      kill -0 "$pid" 2>/dev/null && alive=1
    done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}" $nginx_pid; do
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [ "$postgres_started" = 1 ]; then
    scripts/postgres.sh stop "$RUN/postgres" >/dev/null || true
  fi
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

# --- the database every process opens -------------------------------------------------------
config=${LIFTBOARD_CONFIG:-liftboard.toml}
config_value() { # config_value FILE KEY: a top-level string of the TOML file, empty if absent
  "$PYTHON" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb")).get(sys.argv[2], ""))' "$1" "$2"
}
database_url=""
if [ -f "$config" ]; then
  database_url=$(config_value "$config" database_url) || die "the team config $config is not valid TOML"
fi
if [ "$local_postgres" = 1 ]; then
  [ -f "$config" ] || die "--local-postgres serves a team: write its config first ($config: teams and roles, see README 'Team server')"
  [ -z "$database_url" ] || die "$config already sets database_url; leave out --local-postgres"
  [ -x scripts/postgres.sh ] || die "scripts/postgres.sh is missing: this version has no PostgreSQL backend; set database_url or use --processes 1"
  # fsync on: this is a server people keep their data in (postgres.sh turns it off for tests).
  database_url=$(PG_DURABLE=${PG_DURABLE:-1} scripts/postgres.sh start "$RUN/postgres" "$db_port" | grep -E '^postgres(ql)?://' | tail -n 1) ||
    die "the local PostgreSQL did not start (see above)"
  [ -n "$database_url" ] || die "scripts/postgres.sh printed no database URL"
  postgres_started=1
  # The processes read this copy of the team config, with the local database's URL added.
  { printf 'database_url = "%s"\n' "$database_url"; cat "$config"; } >"$RUN/liftboard.toml"
  export LIFTBOARD_CONFIG=$RUN/liftboard.toml
elif [ -f "$config" ]; then
  LIFTBOARD_CONFIG=$(cd "$(dirname "$config")" && pwd)/$(basename "$config")
  export LIFTBOARD_CONFIG
fi
if [ "$processes" -gt 1 ] && [ -z "$database_url" ]; then
  die "$processes processes need a database they can share, and the workspace is a DuckDB file, which one process at a time can open.
Set database_url (PostgreSQL) in the team config ($config), or pass --local-postgres to start one in the run folder, or run --processes 1."
fi

# --- the workspaces made ready once, before the processes race for them ----------------------
# Their migrations run here, so N processes starting together do not each run them; an
# unreachable database stops here. In team mode every configured team's workspace is migrated
# (team workspaces start empty); without a team config the local workspace gets the samples.
"$PYTHON" -c 'import sys
from analytics.access import ADMIN
from analytics.audit import Actor
from analytics.errors import UserInputError
from analytics.samples import install_samples
from analytics.teams import load_config
from analytics.workspace import open_workspace
try:
    config = load_config()
    if config is None:
        workspace = open_workspace()
        install_samples(workspace)
        workspace.close()
    else:
        for team in config.teams:
            open_workspace(team=team, actor=Actor("serve-team.sh", ADMIN, team)).close()
except UserInputError as exc:
    sys.exit(f"serve-team.sh: {exc}")' || exit 2

# --- one cookie secret for all ---------------------------------------------------------------
if [ -z "${LIFTBOARD_COOKIE_SECRET:-}" ]; then
  if [ ! -s "$RUN/cookie_secret" ]; then
    (umask 077 && "$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(48))' >"$RUN/cookie_secret")
  fi
  LIFTBOARD_COOKIE_SECRET=$(cat "$RUN/cookie_secret")
fi
# In the environment, not on the command line (which every user of the machine can read).
export STREAMLIT_SERVER_COOKIE_SECRET=$LIFTBOARD_COOKIE_SECRET

# --- the Streamlit processes -----------------------------------------------------------------
start_process() { # start_process I: process I on first_port + I, its output in RUN/logs
  local backend=$((first_port + $1))
  local secrets_args=()
  [ -z "$secrets" ] || secrets_args=(--secrets.files "$secrets")
  "$PYTHON" -m streamlit run app.py \
    --server.port "$backend" --server.address 127.0.0.1 \
    --server.headless true --browser.gatherUsageStats false "${secrets_args[@]}" \
    </dev/null >>"$RUN/logs/streamlit-$backend.log" 2>&1 &
  pids[$1]=$!
}

wait_healthy() { # wait_healthy I: until process I answers /_stcore/health (60 s at most)
  local backend=$((first_port + $1))
  for _ in $(seq 1 240); do
    if "$PYTHON" -c 'import sys, urllib.request
sys.exit(urllib.request.urlopen(sys.argv[1], timeout=2).read().strip() != b"ok")' \
      "http://127.0.0.1:$backend/_stcore/health" 2>/dev/null; then
      return 0
    fi
    kill -0 "${pids[$1]}" 2>/dev/null || break
    sleep 0.25
  done
  echo "serve-team.sh: the process on port $backend did not start; its output:" >&2
  tail -n 30 "$RUN/logs/streamlit-$backend.log" >&2
  return 1
}

for i in $(seq 0 $((processes - 1))); do
  start_process "$i"
done
for i in $(seq 0 $((processes - 1))); do
  wait_healthy "$i" || exit 1
done

# --- nginx -----------------------------------------------------------------------------------
max_upload=$("$PYTHON" -c 'import tomllib
print(tomllib.load(open(".streamlit/config.toml", "rb")).get("server", {}).get("maxUploadSize", 200))')
servers=""
for i in $(seq 0 $((processes - 1))); do
  servers+="        server 127.0.0.1:$((first_port + i)) max_fails=1 fail_timeout=10s;"$'\n'
done
user_line=""
if [ "$(id -u)" -eq 0 ]; then
  # nginx's workers leave root; they write uploads and buffers under RUN/tmp.
  user_line="user www-data;"
  chown -R www-data "$RUN/tmp"
fi
RUN=$RUN SERVERS=${servers%$'\n'} LISTEN="$address:$port" MAX_UPLOAD_MB=$max_upload USER_LINE=$user_line \
  perl -pe 's/@([A-Z_]+)@/$ENV{$1}/g' deploy/nginx.conf.template >"$RUN/nginx.conf"
nginx -t -q -p "$RUN" -c "$RUN/nginx.conf" -e "$RUN/logs/nginx-error.log" ||
  die "nginx refused the config $RUN/nginx.conf (see above)"
nginx -p "$RUN" -c "$RUN/nginx.conf" -e "$RUN/logs/nginx-error.log" -g 'daemon off;' &
nginx_pid=$!

shown_host=$address
[ "$address" != 0.0.0.0 ] || shown_host=$(hostname)
echo "LiftBoard: http://$shown_host:$port ($processes processes on 127.0.0.1:$first_port-$((first_port + processes - 1)); run folder $RUN)"
echo "Press Ctrl-C to stop."

# --- watching: a process that stops is started again; nginx stopping stops everything ------
while [ "$stopping" = 0 ]; do
  wait -n || true
  [ "$stopping" = 0 ] || break
  if ! kill -0 "$nginx_pid" 2>/dev/null; then
    echo "serve-team.sh: nginx stopped; see $RUN/logs/nginx-error.log" >&2
    exit 1
  fi
  for i in "${!pids[@]}"; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "serve-team.sh: the process on port $((first_port + i)) stopped; starting it again" >&2
      sleep 2 # a process that fails at once is not restarted in a tight loop
      start_process "$i"
      wait_healthy "$i" || true
    fi
  done
done
