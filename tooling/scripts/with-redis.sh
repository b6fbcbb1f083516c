#!/usr/bin/env bash
# Runs a command with a throwaway Redis server:
#
#   tooling/scripts/with-redis.sh pnpm --filter @tradewind/e2e test:postgres
#
# Starts `redis-server` on a free port on 127.0.0.1 with no persistence (no RDB snapshots, no
# AOF; its working directory is a fresh `mktemp -d`), exports
# REDIS_URL=redis://127.0.0.1:<port>, runs the command, then always stops the server and
# deletes the directory, also when the command fails or the script is interrupted. Exits with
# the command's exit code. Composes with with-postgres.sh:
#
#   tooling/scripts/with-postgres.sh tooling/scripts/with-redis.sh pnpm test:postgres
#
# Needs `redis-server` on PATH. When it is missing and we are root with apt-get (a fresh CI
# machine), it installs Debian's `redis-server` package first. Otherwise it says so and runs
# the command without REDIS_URL, so Redis-only tests skip (saying so) rather than fail.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 64
fi

log() { echo "with-redis: $*" >&2; }
now_ms() { date +%s%3N; }

if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "redis-server not found; installing it with apt-get"
    install_started=$(now_ms)
    # Only the package; a service it may start on 6379 is not used (ours gets its own port).
    if DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        redis-server >/dev/null; then
      log "installed redis-server in $(($(now_ms) - install_started)) ms"
    else
      log "could not install redis-server with apt-get"
    fi
  fi
fi
if ! command -v redis-server >/dev/null 2>&1; then
  log "redis-server not found (install it, e.g. apt-get install redis-server);" \
    "running the command without REDIS_URL: Redis-only tests will skip"
  unset REDIS_URL
  exec "$@"
fi
redis_server_bin=$(command -v redis-server)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tradewind-redis.XXXXXX")
server_pid=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    # Nothing to save (no persistence), so it stops at once; make sure before removing its dir.
    for _ in $(seq 1 50); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  node -e '
    const s = require("node:net").createServer();
    s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });
  '
}

# PING over a plain TCP connection (bash's /dev/tcp), so redis-cli is not needed.
answers_ping() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'PING\r\n' >&3
    IFS= read -r -t 1 reply <&3 || exit 1
    [ "${reply%$'\r'}" = "+PONG" ]
  ) 2>/dev/null
}

# Another process may take the port between picking and binding it: retry a few times.
port=""
started=$(now_ms)
for attempt in 1 2 3; do
  candidate=$(free_port)
  "$redis_server_bin" --bind 127.0.0.1 --port "$candidate" --save '' --appendonly no \
    --dir "$tmp" --logfile "$tmp/redis.log" --daemonize no --protected-mode yes \
    </dev/null >/dev/null 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do
    if answers_ping "$candidate"; then
      port=$candidate
      break
    fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.05
  done
  [ -n "$port" ] && break
  log "server did not start on port $candidate (attempt $attempt)"
  kill -KILL "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
done
if [ -z "$port" ]; then
  log "could not start redis-server; its log:"
  tail -n 30 "$tmp/redis.log" >&2 || true
  exit 1
fi

export REDIS_URL="redis://127.0.0.1:$port"
version=$("$redis_server_bin" --version | sed -n 's/.* v=\([^ ]*\).*/\1/p')
log "Redis ${version:-?} on 127.0.0.1:$port, started in $(($(now_ms) - started)) ms (no persistence; dir $tmp)"

# In the foreground, so Ctrl-C reaches the command directly; the traps then stop the server.
set +e
"$@"
status=$?
exit "$status"
