#!/usr/bin/env bash
# Local backing services for AutoBooking: PostgreSQL, Redis and Azurite.
#
#   bash infra/local/services.sh up      install what is missing, start all three, print env
#   bash infra/local/services.sh down    stop all three (idempotent)
#   bash infra/local/services.sh status  one line per service; exit 0 if all run, else 3
#   bash infra/local/services.sh env     print the connection settings as export lines
#
# Typical use from other scripts:
#   bash infra/local/services.sh up >/dev/null && eval "$(bash infra/local/services.sh env)"
#
# Everything listens on 127.0.0.1 only and keeps its data and logs under <repo>/.local/
# (git-ignored), so `rm -rf .local` (after `down`) is a full reset -- except when, as root,
# the postgres user cannot reach .local: then the PostgreSQL cluster lives in
# /var/tmp/autobooking-pg-<hash> instead (see pg_root_dir).
# Ports: PostgreSQL $AB_PG_PORT (default 54320), Redis $AB_REDIS_PORT (default 63790),
# Azurite its default 10000/10001/10002 so that `UseDevelopmentStorage=true` works.
#
# Human-readable progress goes to stderr; only the export lines go to stdout.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
LOCAL_DIR="$REPO_ROOT/.local"
LOG_DIR="$LOCAL_DIR/logs"

PG_PORT="${AB_PG_PORT:-54320}"
REDIS_PORT="${AB_REDIS_PORT:-63790}"
AZURITE_PORTS=(10000 10001 10002) # blob, queue, table: fixed, UseDevelopmentStorage=true expects them

PG_APP_USER=autobooking
PG_APP_PASSWORD=autobooking
PG_APP_DB=autobooking

REDIS_DIR="$LOCAL_DIR/redis"
REDIS_PID_FILE="$LOCAL_DIR/redis.pid"
AZURITE_DIR="$LOCAL_DIR/azurite"
AZURITE_PID_FILE="$LOCAL_DIR/azurite.pid"
AZURITE_BIN="$SCRIPT_DIR/node_modules/.bin/azurite"

START_TIMEOUT=60 # seconds to wait for each service to accept connections

log() { printf '[services] %s\n' "$*" >&2; }
die() { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

validate_port() { # name value
  if ! [[ "$2" =~ ^[0-9]+$ ]] || (( $2 < 1 || $2 > 65535 )); then
    die "$1 must be a TCP port number, got '$2'"
  fi
}

# True if something accepts TCP connections on 127.0.0.1:$1. Uses bash's /dev/tcp so it
# needs no extra tools; the subshell closes the connection again straight away.
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# wait_until <seconds> <description> <log file> <pid or ""> <command...>
# Polls the command every half second. Fails naming the log to read on timeout, or at once
# if the given server process has already exited (e.g. its port was taken).
wait_until() {
  local seconds=$1 what=$2 logfile=$3 pid=$4
  shift 4
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      die "$what exited during startup; read $logfile"
    fi
    if ((SECONDS >= deadline)); then
      die "$what did not accept connections within ${seconds}s; read $logfile"
    fi
    sleep 0.5
  done
}

# start_background <pid file> <log file> <command...>
# Starts a long-running server detached from this script (setsid: own session, so it
# outlives our terminal/job; nohup: ignores SIGHUP) with all output in the log file, so it
# never holds our stdout open (`x=$(services.sh up)` would otherwise hang). Running it in
# the foreground mode of the server lets us keep its real pid and notice early exits.
start_background() {
  local pidfile=$1 logfile=$2
  shift 2
  setsid nohup "$@" </dev/null >>"$logfile" 2>&1 &
  echo $! >"$pidfile"
}

# Prints the pid from a pid file if that process is alive and its command line mentions
# <name> (guards against a stale pid file whose pid was reused).
live_pid() { # <pid file> <name>
  local pid
  [[ -f "$1" ]] || return 1
  pid="$(cat "$1")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
    grep -q "$2" "/proc/$pid/cmdline" 2>/dev/null || return 1
  printf '%s\n' "$pid"
}

# ---------------------------------------------------------------------------
# Installation (apt for PostgreSQL and Redis, npm ci for Azurite)
# ---------------------------------------------------------------------------

deb_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if is_root; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root to run '$*' (install sudo or run this script as root)"
  fi
}

ensure_apt_packages() {
  local missing=() pkg
  # postgresql-15 is the server Debian 12 ships (it pulls in postgresql-client-15);
  # redis-server pulls in redis-tools (redis-cli).
  for pkg in postgresql-15 redis-server; do
    deb_installed "$pkg" || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0

  log "installing from apt: ${missing[*]}"
  # Without systemd (containers), the packages' maintainer scripts would start the
  # Debian-managed PostgreSQL (5432) and Redis (6379) through their init scripts. We never
  # use those, so block service starts for the duration of the install with the usual
  # policy-rc.d trick -- but only if no policy exists and systemd isn't managing services.
  local policy=/usr/sbin/policy-rc.d added_policy=
  if [[ ! -e "$policy" && ! -d /run/systemd/system ]]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
    added_policy=1
  fi
  # apt lock timeout: other tools on the machine may be running apt at the same time.
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -y -q)
  local rc=0
  { as_root "${apt[@]}" update && as_root "${apt[@]}" install --no-install-recommends "${missing[@]}"; } >&2 || rc=$?
  [[ -n "$added_policy" ]] && as_root rm -f "$policy"
  ((rc == 0)) || die "apt-get failed (exit $rc) installing: ${missing[*]}"
}

# Azurite comes from npm, pinned exactly in infra/local/package.json + package-lock.json.
# `npm ci` only when the installed version differs from the pinned one, so re-runs are free.
ensure_azurite() {
  command -v node >/dev/null 2>&1 || die "node is not installed (needed for Azurite)"
  command -v npm >/dev/null 2>&1 || die "npm is not installed (needed for Azurite)"
  local wanted installed
  wanted="$(node -p "require('$SCRIPT_DIR/package.json').dependencies.azurite")"
  installed="$(node -p "try { require('$SCRIPT_DIR/node_modules/azurite/package.json').version } catch { '' }")"
  if [[ "$installed" != "$wanted" || ! -x "$AZURITE_BIN" ]]; then
    log "installing azurite $wanted with npm ci into infra/local/node_modules"
    npm ci --prefix "$SCRIPT_DIR" --no-audit --no-fund >&2 || die "npm ci failed in $SCRIPT_DIR"
  fi
}

# ---------------------------------------------------------------------------
# PostgreSQL: our own cluster (initdb + pg_ctl), never Debian's pg_ctlcluster / systemd.
# ---------------------------------------------------------------------------

pg_bin_dir() {
  local dir
  # Newest installed major version (Debian 12: only 15).
  dir="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  [[ -n "$dir" && -x "$dir/pg_ctl" ]] || return 1
  printf '%s\n' "$dir"
}

# PostgreSQL refuses to run as root. As root we run the cluster as the `postgres` system
# user that the Debian package creates; as a normal developer we run it as ourselves.
pg_os_user() { if is_root; then echo postgres; else id -un; fi; }

as_pg_user() {
  # cd / first: the postgres user may not be allowed into the caller's working directory,
  # and PostgreSQL tools complain when they cannot chdir back to it.
  if is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

# Where the cluster lives. Preferred: <repo>/.local/pg. Two things can rule that out:
#  * running as root, the repo may sit below a directory the `postgres` user cannot
#    traverse (e.g. /root with mode 700). We do not chmod directories outside the repo;
#    cmd_up only gives .local itself o+x (traverse, not list).
#  * the Unix socket lives next to the data dir, and socket paths are limited to ~107
#    bytes, which a deeply nested checkout can exceed.
# In either case fall back to /var/tmp/autobooking-pg-<hash of repo path>, which is
# per checkout (so two clones don't share a cluster) and survives reboots like .local does.
# The choice is recomputed on every call, so it is deterministic for a given checkout.
pg_root_dir() {
  local preferred="$LOCAL_DIR/pg"
  local socket="$preferred/.s.PGSQL.$PG_PORT"
  local traversable=1
  if is_root; then
    runuser -u postgres -- test -x "$LOCAL_DIR" 2>/dev/null || traversable=0
  fi
  if ((traversable)) && ((${#socket} < 100)); then
    printf '%s\n' "$preferred"
  else
    local hash
    hash="$(printf '%s:%s' "$REPO_ROOT" "$(id -u)" | sha1sum | cut -c1-12)"
    printf '/var/tmp/autobooking-pg-%s\n' "$hash"
  fi
}

PG_BIN='' PG_ROOT='' PG_DATA='' PG_SUPERUSER=''
pg_init_vars() {
  PG_BIN="$(pg_bin_dir)" || die "PostgreSQL server binaries not found under /usr/lib/postgresql"
  PG_ROOT="$(pg_root_dir)"
  PG_DATA="$PG_ROOT/data"
  PG_SUPERUSER="$(pg_os_user)"
}

pg_running() { # our cluster's postmaster is alive
  [[ -f "$PG_DATA/PG_VERSION" ]] && as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

pg_accepting() {
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"
}

# Runs the SQL on stdin as the cluster superuser over the private Unix socket (peer auth).
pg_admin_sql() {
  as_pg_user "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_ROOT" -p "$PG_PORT" \
    -U "$PG_SUPERUSER" -d postgres
}

pg_prepare_dirs() {
  mkdir -p "$PG_ROOT"
  is_root && chown postgres:postgres "$PG_ROOT"
  chmod 700 "$PG_ROOT"
}

pg_initdb() {
  [[ -f "$PG_DATA/PG_VERSION" ]] && return 0
  log "creating PostgreSQL cluster in $PG_DATA"
  # Local (socket) connections: peer auth for the superuser; TCP: password (scram-sha-256).
  as_pg_user "$PG_BIN/initdb" -D "$PG_DATA" -U "$PG_SUPERUSER" --encoding=UTF8 \
    --locale=C.UTF-8 --auth-local=peer --auth-host=scram-sha-256 >>"$LOG_DIR/postgres-initdb.log" 2>&1 ||
    die "initdb failed; read $LOG_DIR/postgres-initdb.log"
  # Our settings live in their own file, included last so they win; it is rewritten on
  # every `up`, so changing AB_PG_PORT just works at the next start.
  as_pg_user sh -c "printf '\n%s\n' \"include_if_exists = 'autobooking.conf'\" >> '$PG_DATA/postgresql.conf'"
}

pg_write_config() {
  local sockdir=${PG_ROOT//\'/\'\'} # single quotes are doubled inside PostgreSQL config strings
  as_pg_user sh -c "cat > '$PG_DATA/autobooking.conf'" <<EOF
# Written by infra/local/services.sh on every 'up'; edits here are overwritten.
listen_addresses = '127.0.0.1'
port = $PG_PORT
max_connections = 200
unix_socket_directories = '$sockdir'
password_encryption = 'scram-sha-256'
EOF
}

pg_ensure_app_role_and_db() {
  pg_admin_sql <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_APP_USER') THEN
    CREATE ROLE $PG_APP_USER LOGIN CREATEDB PASSWORD '$PG_APP_PASSWORD';
  ELSE
    ALTER ROLE $PG_APP_USER LOGIN CREATEDB PASSWORD '$PG_APP_PASSWORD';
  END IF;
END
\$\$;
SELECT 'CREATE DATABASE $PG_APP_DB OWNER $PG_APP_USER'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_APP_DB')\gexec
SQL
}

pg_up() {
  pg_init_vars
  pg_prepare_dirs
  pg_initdb
  pg_write_config
  local logfile="$LOG_DIR/postgres.log"
  if pg_running; then
    log "postgres already running (data $PG_DATA)"
  else
    log "starting postgres on 127.0.0.1:$PG_PORT (data $PG_DATA, log $logfile)"
    # No -l: the log file is opened here, by us, and inherited, because the postgres user
    # may not be able to open files under .local/logs itself. stdin from /dev/null and
    # all output to the file so the server never holds our stdout open.
    as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -t "$START_TIMEOUT" start \
      </dev/null >>"$logfile" 2>&1 || die "postgres failed to start; read $logfile"
  fi
  # pg_ctl -w has already waited for startup (and fails fast if postgres exits).
  wait_until "$START_TIMEOUT" "postgres on 127.0.0.1:$PG_PORT" "$logfile" "" pg_accepting
  pg_ensure_app_role_and_db 2>>"$logfile" || die "creating role/database failed; read $logfile"
}

pg_down() {
  [[ -n "$(pg_bin_dir 2>/dev/null)" ]] || return 0 # never installed: nothing to stop
  pg_init_vars
  if pg_running; then
    log "stopping postgres"
    as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
  fi
}

# ---------------------------------------------------------------------------
# Redis
# ---------------------------------------------------------------------------

redis_accepting() {
  [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]
}

redis_up() {
  local logfile="$LOG_DIR/redis.log"
  if redis_accepting; then
    log "redis already running on 127.0.0.1:$REDIS_PORT"
    return 0
  fi
  mkdir -p "$REDIS_DIR"
  log "starting redis on 127.0.0.1:$REDIS_PORT (log $logfile)"
  # Throw-away cache for dev/tests: no RDB snapshots, no AOF. Not --daemonize: see
  # start_background (redis would fork and report success before binding its port).
  start_background "$REDIS_PID_FILE" "$logfile" \
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes \
    --daemonize no --dir "$REDIS_DIR" --save '' --appendonly no
  wait_until "$START_TIMEOUT" "redis on 127.0.0.1:$REDIS_PORT" "$logfile" "$(cat "$REDIS_PID_FILE")" redis_accepting
}

redis_down() {
  command -v redis-cli >/dev/null 2>&1 || return 0
  if redis_accepting; then
    log "stopping redis"
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    local deadline=$((SECONDS + 15))
    while redis_accepting && ((SECONDS < deadline)); do sleep 0.2; done
  fi
  rm -f "$REDIS_PID_FILE"
}

# ---------------------------------------------------------------------------
# Azurite
# ---------------------------------------------------------------------------

azurite_pid() { live_pid "$AZURITE_PID_FILE" azurite; }

azurite_accepting() {
  local port
  for port in "${AZURITE_PORTS[@]}"; do port_open "$port" || return 1; done
}

azurite_up() {
  local logfile="$LOG_DIR/azurite.log" pid="" # pid only if we start it: to notice a crash at once
  if azurite_pid >/dev/null; then
    log "azurite already running (pid $(azurite_pid))"
  elif port_open 10001; then
    # e.g. a developer's own Azurite (VS Code extension). Starting ours would only fail on
    # the port, and UseDevelopmentStorage=true works with theirs as well.
    log "something already listens on 127.0.0.1:10001; assuming it is Azurite and leaving it alone"
  else
    mkdir -p "$AZURITE_DIR"
    log "starting azurite on 127.0.0.1:10000-10002 (data $AZURITE_DIR, log $logfile)"
    # --skipApiVersionCheck: newer Azure SDKs send API versions Azurite doesn't know yet.
    # --loose: ignore unsupported headers instead of failing requests.
    # --disableTelemetry: Azurite otherwise sends usage data to Application Insights, which
    # is unreachable here (errors in the log) and unwanted anywhere.
    start_background "$AZURITE_PID_FILE" "$logfile" \
      "$AZURITE_BIN" --silent --skipApiVersionCheck --loose --disableTelemetry \
      --location "$AZURITE_DIR" \
      --blobHost 127.0.0.1 --blobPort 10000 \
      --queueHost 127.0.0.1 --queuePort 10001 \
      --tableHost 127.0.0.1 --tablePort 10002
    pid="$(cat "$AZURITE_PID_FILE")"
  fi
  wait_until "$START_TIMEOUT" "azurite on 127.0.0.1:10000-10002" "$logfile" "$pid" azurite_accepting
}

azurite_down() {
  local pid
  if pid="$(azurite_pid)"; then
    log "stopping azurite (pid $pid)"
    kill "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 15))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$AZURITE_PID_FILE"
}

# ---------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------

print_env() {
  cat <<EOF
export Postgres__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Username=$PG_APP_USER;Password=$PG_APP_PASSWORD;Database=$PG_APP_DB"
export Redis__ConnectionString="127.0.0.1:$REDIS_PORT"
export AzureWebJobsStorage="UseDevelopmentStorage=true"
export Queues__ConnectionString="UseDevelopmentStorage=true"
EOF
}

cmd_up() {
  ensure_apt_packages
  ensure_azurite
  mkdir -p "$LOCAL_DIR" "$LOG_DIR"
  # As root, let the postgres user traverse (not list) .local so the cluster can live in
  # .local/pg; see pg_root_dir for what happens when the repo path itself is closed.
  if is_root; then chmod o+x "$LOCAL_DIR"; fi
  pg_up
  redis_up
  azurite_up
  log "all services up"
  print_env
}

cmd_down() {
  azurite_down
  redis_down
  pg_down
  log "all services stopped"
}

cmd_status() {
  local all=0 pg=stopped redis=stopped azurite=stopped
  if [[ -x "$(pg_bin_dir 2>/dev/null)/pg_isready" ]]; then
    "$(pg_bin_dir)/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && pg=running
  else
    port_open "$PG_PORT" && pg=running
  fi
  if command -v redis-cli >/dev/null 2>&1; then
    redis_accepting && redis=running
  else
    port_open "$REDIS_PORT" && redis=running
  fi
  azurite_accepting && azurite=running
  printf 'postgres %-7s 127.0.0.1:%s\n' "$pg" "$PG_PORT"
  printf 'redis    %-7s 127.0.0.1:%s\n' "$redis" "$REDIS_PORT"
  printf 'azurite  %-7s 127.0.0.1:10000,10001,10002\n' "$azurite"
  [[ "$pg$redis$azurite" == runningrunningrunning ]] || all=3
  return "$all"
}

main() {
  validate_port AB_PG_PORT "$PG_PORT"
  validate_port AB_REDIS_PORT "$REDIS_PORT"
  case "${1:-}" in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    env) print_env ;;
    *)
      echo "usage: $0 up|down|status|env" >&2
      exit 2
      ;;
  esac
}

main "$@"
