#!/usr/bin/env bash
# Local backing services for AutoBooking: PostgreSQL, Redis and Azurite.
#
#   bash infra/local/services.sh up      install what is missing (also chromium for the browser tests), start all three, print env
#   bash infra/local/services.sh down [postgres|redis|azurite ...]
#                                        stop this checkout's services, all three by default (idempotent)
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
#
# Ports, each set by an environment variable (an explicit value always wins):
#   PostgreSQL  AB_PG_PORT             default 54320
#   Redis       AB_REDIS_PORT          default 63790
#   Azurite     AB_AZURITE_BLOB_PORT   default 10000
#               AB_AZURITE_QUEUE_PORT  default 10001
#               AB_AZURITE_TABLE_PORT  default 10002
# Every checkout runs services of its own, so two clones can run side by side on one machine.
# When a port is not set explicitly and its default is taken by something that is not this
# checkout's own service (e.g. another clone's), `up` takes the next free port above it and
# says so. `up` records the ports in use in <repo>/.local/ports.env; `env`, `status` and
# `down` take them from there. A port set explicitly but taken by another process: Redis and
# Azurite use whatever listens there (e.g. your own Azurite; set all three Azurite ports), but
# PostgreSQL refuses (it must be this checkout's cluster). "Own" means: the process in our pid
# file (.local/redis.pid, .local/azurite.pid), or the postmaster of our PostgreSQL data dir.
# While it picks ports and starts services, `up` holds a machine-wide lock
# (/tmp/autobooking-services.lock), so concurrent `up`s of two clones never pick the same port.
#
# Which services `up` started itself (rather than found running): when AB_SERVICES_STARTED_FILE
# names a file, `up` appends the name of each service it starts (postgres, redis, azurite), one
# per line, as soon as it started it. infra/test.sh uses that to `down` exactly those afterwards.
#
# Azurite's data (.local/azurite) is throw-away test/dev data: whenever `up` starts Azurite
# itself (not when it is already running), it wipes that directory first.
#
# Human-readable progress goes to stderr; only the export lines go to stdout.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
LOCAL_DIR="$REPO_ROOT/.local"
LOG_DIR="$LOCAL_DIR/logs"
PORTS_FILE="$LOCAL_DIR/ports.env"
LOCK_FILE=/tmp/autobooking-services.lock # machine-wide: ports are shared by every checkout

# <environment variable> <global used below> <default port>
PORT_SPECS=(
  "AB_PG_PORT PG_PORT 54320"
  "AB_REDIS_PORT REDIS_PORT 63790"
  "AB_AZURITE_BLOB_PORT BLOB_PORT 10000"
  "AB_AZURITE_QUEUE_PORT QUEUE_PORT 10001"
  "AB_AZURITE_TABLE_PORT TABLE_PORT 10002"
)
PG_PORT='' REDIS_PORT='' BLOB_PORT='' QUEUE_PORT='' TABLE_PORT='' # set by load_ports
declare -A RECORDED=() # <environment variable> -> port, as in .local/ports.env

PG_APP_USER=autobooking
PG_APP_PASSWORD=autobooking
PG_APP_DB=autobooking

REDIS_DIR="$LOCAL_DIR/redis"
REDIS_PID_FILE="$LOCAL_DIR/redis.pid"
AZURITE_DIR="$LOCAL_DIR/azurite"
AZURITE_PID_FILE="$LOCAL_DIR/azurite.pid"
AZURITE_BIN="$SCRIPT_DIR/node_modules/.bin/azurite"
# Azurite's built-in account and its well-known key (public: node_modules/azurite/README.md).
AZURITE_ACCOUNT=devstoreaccount1
AZURITE_KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

START_TIMEOUT=60 # seconds to wait for each service to accept connections
LOCK_TIMEOUT=300 # seconds to wait for another checkout's `up` to finish starting its services

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
# 9<&-: the server must not inherit the machine-wide lock (see take_machine_lock).
start_background() {
  local pidfile=$1 logfile=$2
  shift 2
  setsid nohup "$@" </dev/null >>"$logfile" 2>&1 9<&- &
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

# stop_pid <name> <pid>: SIGTERM (Redis and Azurite shut down cleanly on it), SIGKILL after 15s.
stop_pid() {
  log "stopping $1 (pid $2)"
  kill "$2" 2>/dev/null || true
  local deadline=$((SECONDS + 15))
  while kill -0 "$2" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$2" 2>/dev/null; then kill -9 "$2" 2>/dev/null || true; fi
}

# `up` appends each service it starts itself to $AB_SERVICES_STARTED_FILE (see the header).
note_started() {
  if [[ -n "${AB_SERVICES_STARTED_FILE:-}" ]]; then printf '%s\n' "$1" >>"$AB_SERVICES_STARTED_FILE"; fi
}

# ---------------------------------------------------------------------------
# Ports (see the header): explicit variable > .local/ports.env > default
# ---------------------------------------------------------------------------

is_explicit() { [[ -n "${!1:-}" ]]; } # <variable>

load_ports() {
  local spec var global default value source
  if [[ -f "$PORTS_FILE" ]]; then
    while IFS='=' read -r var value; do
      if [[ "$var" =~ ^AB_[A-Z_]+_PORT$ ]]; then RECORDED[$var]=$value; fi
    done <"$PORTS_FILE"
  fi
  for spec in "${PORT_SPECS[@]}"; do
    read -r var global default <<<"$spec"
    if is_explicit "$var"; then
      value=${!var} source=$var
    elif [[ -n "${RECORDED[$var]:-}" ]]; then
      value=${RECORDED[$var]} source="$var in $PORTS_FILE"
    else
      value=$default source=$var
    fi
    validate_port "$source" "$value"
    printf -v "$global" '%s' "$value"
  done
}

# record_ports <variable...>: `up` settled these services' ports; rewrites ports.env
# (atomically) with them, keeping what it recorded before for the others.
record_ports() {
  local spec var global default name
  for spec in "${PORT_SPECS[@]}"; do
    read -r var global default <<<"$spec"
    for name in "$@"; do
      if [[ "$name" == "$var" ]]; then RECORDED[$var]=${!global}; fi
    done
  done
  {
    echo "# Written by infra/local/services.sh up: the ports this checkout's services use."
    echo "# env/status/down read them; AB_*_PORT variables in the environment override them."
    for spec in "${PORT_SPECS[@]}"; do
      read -r var global default <<<"$spec"
      if [[ -n "${RECORDED[$var]:-}" ]]; then printf '%s=%s\n' "$var" "${RECORDED[$var]}"; fi
    done
  } >"$PORTS_FILE.tmp.$$"
  mv -f "$PORTS_FILE.tmp.$$" "$PORTS_FILE"
}

CLAIMED=() # ports this `up` has settled on (or that are set explicitly), never handed out twice

claimed() { local p; for p in "${CLAIMED[@]}"; do [[ "$p" == "$1" ]] && return 0; done; return 1; }

claim_explicit_ports() {
  local spec var global default
  for spec in "${PORT_SPECS[@]}"; do
    read -r var global default <<<"$spec"
    is_explicit "$var" || continue
    claimed "${!global}" && die "$var=${!global}: that port is also set for another service"
    CLAIMED+=("${!global}")
  done
}

# choose_port <variable> <default> <service>: for a port not set explicitly whose service this
# checkout does not already run: the default if nothing listens there, else the next free port
# above it. Prints the port.
choose_port() {
  local var=$1 default=$2 what=$3 port=$2
  while claimed "$port" || port_open "$port"; do
    port=$((port + 1))
    ((port <= 65535)) || die "$what: no free port at or above $default"
  done
  if [[ "$port" != "$default" ]]; then
    log "$what: 127.0.0.1:$default is taken by another process (another clone's services?); using $port (recorded in .local/ports.env; set $var to choose one)"
  fi
  printf '%s\n' "$port"
}

# Held from port choice until the services accept connections; released when `up` exits.
# Opened read-only so that any user can lock a file another user created (flock(2) doesn't
# care about the open mode). Servers we start close fd 9 (start_background, pg_up).
take_machine_lock() {
  if ! command -v flock >/dev/null 2>&1; then
    log "flock not found (util-linux); not guarding against another checkout's concurrent 'up'"
    return 0
  fi
  [[ -e "$LOCK_FILE" ]] || (umask 000 && : >>"$LOCK_FILE") 2>/dev/null || true
  exec 9<"$LOCK_FILE" || die "cannot open $LOCK_FILE"
  if ! flock -n 9; then
    log "waiting for another checkout's 'services.sh up' to finish starting its services ($LOCK_FILE)"
    flock -w "$LOCK_TIMEOUT" 9 || die "no turn at $LOCK_FILE within ${LOCK_TIMEOUT}s"
  fi
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
  # redis-server pulls in redis-tools (redis-cli). chromium: Debian's headless browser for the Playwright tests
  # (web/e2e), which use /usr/bin/chromium rather than downloading a browser of their own.
  for pkg in postgresql-15 redis-server chromium; do
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
#    bytes, which a deeply nested checkout can exceed. Measured with a 5-digit port, the
#    longest there is, so the choice doesn't depend on which port `up` ends up with.
# In either case fall back to /var/tmp/autobooking-pg-<hash of repo path>, which is
# per checkout (so two clones don't share a cluster) and survives reboots like .local does.
# The choice is recomputed on every call, so it is deterministic for a given checkout.
pg_root_dir() {
  local preferred="$LOCAL_DIR/pg"
  local socket="$preferred/.s.PGSQL.65535"
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
  # every start, so a different port just works at the next start.
  as_pg_user sh -c "printf '\n%s\n' \"include_if_exists = 'autobooking.conf'\" >> '$PG_DATA/postgresql.conf'"
}

pg_write_config() {
  local sockdir=${PG_ROOT//\'/\'\'} # single quotes are doubled inside PostgreSQL config strings
  as_pg_user sh -c "cat > '$PG_DATA/autobooking.conf'" <<EOF
# Written by infra/local/services.sh whenever 'up' starts the cluster; edits here are overwritten.
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

# The port our running postmaster listens on (4th line of postmaster.pid).
pg_running_port() {
  as_pg_user sed -n 4p "$PG_DATA/postmaster.pid" 2>/dev/null
}

pg_prepare() {
  pg_init_vars
  pg_prepare_dirs
  pg_initdb
}

pg_up() {
  local logfile="$LOG_DIR/postgres.log" port
  if pg_running; then
    port="$(pg_running_port)"
    [[ "$port" =~ ^[0-9]+$ ]] || port=$PG_PORT
    if is_explicit AB_PG_PORT && [[ "$port" != "$PG_PORT" ]]; then
      die "this checkout's postgres already runs on 127.0.0.1:$port, not AB_PG_PORT=$PG_PORT; run 'bash infra/local/services.sh down postgres' first"
    fi
    PG_PORT=$port
    CLAIMED+=("$PG_PORT")
    log "postgres already running on 127.0.0.1:$PG_PORT (data $PG_DATA)"
  else
    if ! is_explicit AB_PG_PORT; then
      PG_PORT="$(choose_port AB_PG_PORT 54320 postgres)"
      CLAIMED+=("$PG_PORT")
    elif port_open "$PG_PORT"; then
      die "AB_PG_PORT=$PG_PORT: 127.0.0.1:$PG_PORT is taken by another process, not this checkout's PostgreSQL (data $PG_DATA). Choose another port, or unset AB_PG_PORT to let services.sh pick a free one."
    fi
    pg_write_config
    log "starting postgres on 127.0.0.1:$PG_PORT (data $PG_DATA, log $logfile)"
    # No -l: the log file is opened here, by us, and inherited, because the postgres user
    # may not be able to open files under .local/logs itself. stdin from /dev/null and
    # all output to the file so the server never holds our stdout open; 9<&-: nor our lock.
    as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -t "$START_TIMEOUT" start \
      </dev/null >>"$logfile" 2>&1 9<&- || die "postgres failed to start; read $logfile"
    note_started postgres
  fi
  # pg_ctl -w has already waited for startup (and fails fast if postgres exits).
  wait_until "$START_TIMEOUT" "postgres on 127.0.0.1:$PG_PORT" "$logfile" "" pg_accepting
  pg_ensure_app_role_and_db 2>>"$logfile" || die "creating role/database failed; read $logfile"
}

# running | stopped: running only if our own cluster answers on the port.
pg_status() {
  if [[ -n "$(pg_bin_dir 2>/dev/null)" ]]; then
    pg_init_vars
    if pg_running && [[ "$(pg_running_port)" == "$PG_PORT" ]] && pg_accepting; then
      echo running
      return 0
    fi
  fi
  if port_open "$PG_PORT"; then echo "stopped (the port is taken by another process)"; else echo stopped; fi
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

redis_pid() { live_pid "$REDIS_PID_FILE" redis-server; }

# The pid of the Redis answering on 127.0.0.1:<port> (asked with INFO), empty if none answers.
redis_pid_on_port() {
  redis-cli -h 127.0.0.1 -p "$1" info server 2>/dev/null | sed -n 's/^process_id:\([0-9]*\).*/\1/p'
}

# The port our running redis-server (pid $1) listens on: its process title reads
# "redis-server 127.0.0.1:<port>"; confirmed by asking that port for its pid.
redis_own_port() {
  local port
  port="$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | sed -n 's/.*127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p')"
  [[ -n "$port" && "$(redis_pid_on_port "$port")" == "$1" ]] || return 1
  printf '%s\n' "$port"
}

redis_accepting() {
  [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]
}

redis_up() {
  local logfile="$LOG_DIR/redis.log" pid port
  if pid="$(redis_pid)"; then
    port="$(redis_own_port "$pid")" || port=$REDIS_PORT # still starting? wait_until below tells
    if is_explicit AB_REDIS_PORT && [[ "$port" != "$REDIS_PORT" ]]; then
      die "this checkout's redis already runs on 127.0.0.1:$port, not AB_REDIS_PORT=$REDIS_PORT; run 'bash infra/local/services.sh down redis' first"
    fi
    REDIS_PORT=$port
    CLAIMED+=("$REDIS_PORT")
    log "redis already running on 127.0.0.1:$REDIS_PORT (pid $pid)"
    wait_until "$START_TIMEOUT" "redis on 127.0.0.1:$REDIS_PORT" "$logfile" "$pid" redis_accepting
    return 0
  fi
  if is_explicit AB_REDIS_PORT; then
    if redis_accepting; then
      # Set explicitly and answered by a Redis that is not ours (e.g. your own): use it.
      log "a Redis not started by this checkout answers on 127.0.0.1:$REDIS_PORT (AB_REDIS_PORT); using it"
      return 0
    fi
  else
    REDIS_PORT="$(choose_port AB_REDIS_PORT 63790 redis)"
    CLAIMED+=("$REDIS_PORT")
  fi
  mkdir -p "$REDIS_DIR"
  log "starting redis on 127.0.0.1:$REDIS_PORT (log $logfile)"
  # Throw-away cache for dev/tests: no RDB snapshots, no AOF. Not --daemonize: see
  # start_background (redis would fork and report success before binding its port).
  start_background "$REDIS_PID_FILE" "$logfile" \
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes \
    --daemonize no --dir "$REDIS_DIR" --save '' --appendonly no
  note_started redis
  wait_until "$START_TIMEOUT" "redis on 127.0.0.1:$REDIS_PORT" "$logfile" "$(cat "$REDIS_PID_FILE")" redis_accepting
}

# Stops only our own redis-server (pid file), never another one answering on the port.
redis_down() {
  local pid
  if pid="$(redis_pid)"; then stop_pid redis "$pid"; fi
  rm -f "$REDIS_PID_FILE"
}

# running | stopped, plus a note when the port is answered by a Redis that is not ours.
redis_status() {
  local pid on_port
  on_port="$(redis_pid_on_port "$REDIS_PORT")"
  if pid="$(redis_pid)" && [[ "$on_port" == "$pid" ]]; then
    echo running
  elif [[ -n "$on_port" ]] && is_explicit AB_REDIS_PORT; then
    echo "running (not started by this checkout)"
  elif port_open "$REDIS_PORT"; then
    echo "stopped (the port is taken by another process)"
  else
    echo stopped
  fi
}

# ---------------------------------------------------------------------------
# Azurite
# ---------------------------------------------------------------------------

azurite_pid() { live_pid "$AZURITE_PID_FILE" azurite; }

# "<blob> <queue> <table>": the ports our running Azurite (pid $1) was started with.
azurite_own_ports() {
  local args=() i blob='' queue='' table=''
  mapfile -d '' args <"/proc/$1/cmdline" 2>/dev/null || return 1
  for ((i = 0; i + 1 < ${#args[@]}; i++)); do
    case "${args[i]}" in
      --blobPort) blob=${args[i + 1]} ;;
      --queuePort) queue=${args[i + 1]} ;;
      --tablePort) table=${args[i + 1]} ;;
    esac
  done
  [[ -n "$blob" && -n "$queue" && -n "$table" ]] || return 1
  printf '%s %s %s\n' "$blob" "$queue" "$table"
}

azurite_any_explicit() {
  is_explicit AB_AZURITE_BLOB_PORT || is_explicit AB_AZURITE_QUEUE_PORT || is_explicit AB_AZURITE_TABLE_PORT
}

# True if a port set explicitly (AB_AZURITE_*_PORT) is taken.
azurite_explicit_port_taken() {
  local name global
  for name in BLOB QUEUE TABLE; do
    global="${name}_PORT"
    if is_explicit "AB_AZURITE_$global" && port_open "${!global}"; then return 0; fi
  done
  return 1
}

azurite_accepting() {
  local port
  for port in "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT"; do port_open "$port" || return 1; done
}

azurite_up() {
  local logfile="$LOG_DIR/azurite.log" pid="" own ports blob queue table spec var global running
  if own="$(azurite_pid)"; then
    if ports="$(azurite_own_ports "$own")"; then
      read -r blob queue table <<<"$ports"
      for spec in "AB_AZURITE_BLOB_PORT BLOB_PORT $blob" "AB_AZURITE_QUEUE_PORT QUEUE_PORT $queue" \
        "AB_AZURITE_TABLE_PORT TABLE_PORT $table"; do
        read -r var global running <<<"$spec"
        if is_explicit "$var" && [[ "${!global}" != "$running" ]]; then
          die "this checkout's azurite already runs on 127.0.0.1:$blob,$queue,$table, not $var=${!global}; run 'bash infra/local/services.sh down azurite' first"
        fi
      done
      BLOB_PORT=$blob QUEUE_PORT=$queue TABLE_PORT=$table
    fi
    log "azurite already running on 127.0.0.1:$BLOB_PORT,$QUEUE_PORT,$TABLE_PORT (pid $own)"
  elif azurite_explicit_port_taken; then
    # Ports set explicitly and taken, e.g. by your own Azurite (VS Code extension): starting
    # ours would only fail on the port, so use what listens there.
    log "something already listens on 127.0.0.1:$BLOB_PORT,$QUEUE_PORT,$TABLE_PORT (AB_AZURITE_*_PORT); assuming it is Azurite and leaving it alone"
  else
    is_explicit AB_AZURITE_BLOB_PORT || BLOB_PORT="$(choose_port AB_AZURITE_BLOB_PORT 10000 azurite-blob)"
    CLAIMED+=("$BLOB_PORT")
    is_explicit AB_AZURITE_QUEUE_PORT || QUEUE_PORT="$(choose_port AB_AZURITE_QUEUE_PORT 10001 azurite-queue)"
    CLAIMED+=("$QUEUE_PORT")
    is_explicit AB_AZURITE_TABLE_PORT || TABLE_PORT="$(choose_port AB_AZURITE_TABLE_PORT 10002 azurite-table)"
    CLAIMED+=("$TABLE_PORT")
    # Start clean: the data is throw-away test/dev data, and what killed test runs leave behind
    # (thousands of queues) slows every later run. Only here, when we start Azurite ourselves.
    rm -rf "$AZURITE_DIR"
    mkdir -p "$AZURITE_DIR"
    log "starting azurite on 127.0.0.1:$BLOB_PORT,$QUEUE_PORT,$TABLE_PORT (blob, queue, table; fresh data $AZURITE_DIR, log $logfile)"
    # --skipApiVersionCheck: newer Azure SDKs send API versions Azurite doesn't know yet.
    # --loose: ignore unsupported headers instead of failing requests.
    # --disableTelemetry: Azurite otherwise sends usage data to Application Insights, which
    # is unreachable here (errors in the log) and unwanted anywhere.
    start_background "$AZURITE_PID_FILE" "$logfile" \
      "$AZURITE_BIN" --silent --skipApiVersionCheck --loose --disableTelemetry \
      --location "$AZURITE_DIR" \
      --blobHost 127.0.0.1 --blobPort "$BLOB_PORT" \
      --queueHost 127.0.0.1 --queuePort "$QUEUE_PORT" \
      --tableHost 127.0.0.1 --tablePort "$TABLE_PORT"
    pid="$(cat "$AZURITE_PID_FILE")" # to notice a crash at once
    note_started azurite
  fi
  wait_until "$START_TIMEOUT" "azurite on 127.0.0.1:$BLOB_PORT,$QUEUE_PORT,$TABLE_PORT" "$logfile" "$pid" azurite_accepting
}

azurite_down() {
  local pid
  if pid="$(azurite_pid)"; then stop_pid azurite "$pid"; fi
  rm -f "$AZURITE_PID_FILE"
}

azurite_status() {
  local pid
  if pid="$(azurite_pid)" && [[ "$(azurite_own_ports "$pid")" == "$BLOB_PORT $QUEUE_PORT $TABLE_PORT" ]] &&
    azurite_accepting; then
    echo running
  elif azurite_any_explicit && azurite_accepting; then
    echo "running (not started by this checkout)"
  elif port_open "$BLOB_PORT" || port_open "$QUEUE_PORT" || port_open "$TABLE_PORT"; then
    echo "stopped (a port is taken by another process)"
  else
    echo stopped
  fi
}

# ---------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------

print_env() {
  local storage="DefaultEndpointsProtocol=http;AccountName=$AZURITE_ACCOUNT;AccountKey=$AZURITE_KEY"
  storage+=";BlobEndpoint=http://127.0.0.1:$BLOB_PORT/$AZURITE_ACCOUNT"
  storage+=";QueueEndpoint=http://127.0.0.1:$QUEUE_PORT/$AZURITE_ACCOUNT"
  storage+=";TableEndpoint=http://127.0.0.1:$TABLE_PORT/$AZURITE_ACCOUNT;"
  cat <<EOT
export Postgres__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Username=$PG_APP_USER;Password=$PG_APP_PASSWORD;Database=$PG_APP_DB"
export Redis__ConnectionString="127.0.0.1:$REDIS_PORT"
export AzureWebJobsStorage="$storage"
export Queues__ConnectionString="$storage"
EOT
}

cmd_up() {
  ensure_apt_packages
  ensure_azurite
  mkdir -p "$LOCAL_DIR" "$LOG_DIR"
  # As root, let the postgres user traverse (not list) .local so the cluster can live in
  # .local/pg; see pg_root_dir for what happens when the repo path itself is closed.
  if is_root; then chmod o+x "$LOCAL_DIR"; fi
  pg_prepare # initdb (slow the first time) needs no port, so before taking the lock
  take_machine_lock
  claim_explicit_ports
  pg_up
  record_ports AB_PG_PORT
  redis_up
  record_ports AB_REDIS_PORT
  azurite_up
  record_ports AB_AZURITE_BLOB_PORT AB_AZURITE_QUEUE_PORT AB_AZURITE_TABLE_PORT
  log "all services up (ports in .local/ports.env)"
  print_env
}

cmd_down() {
  local want=" $* " name
  for name in "$@"; do
    case "$name" in
      postgres | redis | azurite) ;;
      *) die "unknown service '$name' (postgres, redis, azurite)" ;;
    esac
  done
  (($# > 0)) || want=" postgres redis azurite "
  if [[ "$want" == *" azurite "* ]]; then azurite_down; fi
  if [[ "$want" == *" redis "* ]]; then redis_down; fi
  if [[ "$want" == *" postgres "* ]]; then pg_down; fi
  if (($# > 0)); then log "stopped: $*"; else log "all services stopped"; fi
}

cmd_status() {
  local pg redis azurite
  pg="$(pg_status)"
  redis=stopped
  if command -v redis-cli >/dev/null 2>&1; then
    redis="$(redis_status)"
  elif port_open "$REDIS_PORT"; then
    redis="stopped (the port is taken by another process)"
  fi
  azurite="$(azurite_status)"
  printf 'postgres %-7s 127.0.0.1:%s%s\n' "${pg%% *}" "$PG_PORT" "${pg#"${pg%% *}"}"
  printf 'redis    %-7s 127.0.0.1:%s%s\n' "${redis%% *}" "$REDIS_PORT" "${redis#"${redis%% *}"}"
  printf 'azurite  %-7s 127.0.0.1:%s,%s,%s%s\n' "${azurite%% *}" "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT" \
    "${azurite#"${azurite%% *}"}"
  [[ "${pg%% *}${redis%% *}${azurite%% *}" == runningrunningrunning ]] || return 3
}

main() {
  load_ports
  local command="${1:-}"
  (($# == 0)) || shift
  case "$command" in
    up) cmd_up ;;
    down) cmd_down "$@" ;;
    status) cmd_status ;;
    env) print_env ;;
    *)
      echo "usage: $0 up | down [postgres|redis|azurite ...] | status | env" >&2
      exit 2
      ;;
  esac
}

main "$@"
