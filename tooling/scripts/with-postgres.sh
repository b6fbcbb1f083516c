#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server:
#
#   tooling/scripts/with-postgres.sh pnpm --filter @tradewind/db test:postgres
#
# Initialises a cluster in a fresh `mktemp -d` directory (trust auth, superuser
# `postgres`), starts it on a free port on 127.0.0.1, exports
# DATABASE_URL=postgresql://postgres@127.0.0.1:<port>/postgres (plus PGHOST, PGPORT,
# PGUSER for psql), runs the command, then always stops the server and deletes the
# directory, also when the command fails or the script is interrupted. Exits with the
# command's exit code.
#
# Needs initdb/pg_ctl/postgres on PATH or under /usr/lib/postgresql/<version>/bin
# (15 preferred). PostgreSQL refuses to run as root, so as root the server runs as the
# `postgres` user (via runuser); otherwise as the current user.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 64
fi

log() { echo "with-postgres: $*" >&2; }

# Locate the server binaries.
if ! command -v initdb >/dev/null 2>&1 || ! command -v pg_ctl >/dev/null 2>&1; then
  for bin in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ]; then
      PATH="$bin:$PATH"
      break
    fi
  done
fi
if ! command -v initdb >/dev/null 2>&1 || ! command -v pg_ctl >/dev/null 2>&1; then
  log "initdb/pg_ctl not found on PATH or under /usr/lib/postgresql/*/bin"
  exit 127
fi
initdb_bin=$(command -v initdb)
pg_ctl_bin=$(command -v pg_ctl)

# PostgreSQL will not run as root: use the postgres user then.
as_server_user=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    log "running as root and there is no 'postgres' user to run the server as"
    exit 1
  fi
  as_server_user=(runuser -u postgres --)
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tradewind-pg.XXXXXX")
data="$tmp/data"
server_started=0

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ "$server_started" -eq 1 ]; then
    # immediate: the data is thrown away anyway, no need for a clean checkpoint.
    "${as_server_user[@]}" "$pg_ctl_bin" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "${#as_server_user[@]}" -gt 0 ]; then
  chown postgres: "$tmp"
fi

"${as_server_user[@]}" "$initdb_bin" -D "$data" -A trust -U postgres -E UTF8 --locale=C \
  --no-sync >"$tmp/initdb.log" 2>&1 || {
  log "initdb failed:"
  cat "$tmp/initdb.log" >&2
  exit 1
}

free_port() {
  node -e '
    const s = require("node:net").createServer();
    s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });
  '
}

# Another process may take the port between picking and binding it: retry a few times.
port=""
for attempt in 1 2 3; do
  candidate=$(free_port)
  # The unix socket goes in the temp dir too: the default (/var/run/postgresql) may not
  # exist or be writable. fsync off: a throwaway server, speed over durability.
  if "${as_server_user[@]}" "$pg_ctl_bin" -D "$data" -l "$tmp/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $candidate -k $tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null 2>&1; then
    port=$candidate
    server_started=1
    break
  fi
  log "server did not start on port $candidate (attempt $attempt)"
done
if [ -z "$port" ]; then
  log "could not start PostgreSQL; server log:"
  tail -n 30 "$tmp/postgres.log" >&2 || true
  exit 1
fi

export DATABASE_URL="postgresql://postgres@127.0.0.1:$port/postgres"
export PGHOST=127.0.0.1 PGPORT="$port" PGUSER=postgres
log "PostgreSQL $("$pg_ctl_bin" --version | awk '{print $3}') on 127.0.0.1:$port (data in $tmp)"

# Run the command in the foreground: Ctrl-C reaches it directly (a background job would
# ignore SIGINT), and the INT/TERM traps run once it has stopped, then the EXIT trap
# stops the server. (The server itself is in its own session: pg_ctl calls setsid.)
set +e
"$@"
status=$?
exit "$status"
