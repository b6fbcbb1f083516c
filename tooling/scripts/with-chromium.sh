#!/usr/bin/env bash
# Runs a command with a headless-capable Chromium available:
#
#   tooling/scripts/with-chromium.sh pnpm --filter @tradewind/cli test
#
# Browser tests (apps/cli/test/backtest-report.e2e.test.ts) drive Debian's `chromium` through
# playwright-core; playwright's own browser download cannot work here (no network but the
# package registries). This script finds the browser, exports CHROMIUM_PATH=<its path> and runs
# the command. Composes with the other wrappers:
#
#   tooling/scripts/with-postgres.sh tooling/scripts/with-chromium.sh pnpm test:postgres
#
# When `chromium` is missing and we are root with apt-get (a fresh CI machine), it installs
# Debian's `chromium` package first. Otherwise it says so and runs the command without
# CHROMIUM_PATH, so browser tests skip (saying so) rather than fail. Exits with the command's
# exit code.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 64
fi

log() { echo "with-chromium: $*" >&2; }
now_ms() { date +%s%3N; }

find_chromium() {
  command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null || true
}

browser=$(find_chromium)
if [ -z "$browser" ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  log "chromium not found; installing it with apt-get"
  install_started=$(now_ms)
  if DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      chromium >/dev/null; then
    log "installed chromium in $(($(now_ms) - install_started)) ms"
  else
    log "could not install chromium with apt-get"
  fi
  browser=$(find_chromium)
fi

if [ -z "$browser" ]; then
  log "chromium not found (install it, e.g. apt-get install chromium);" \
    "running the command without CHROMIUM_PATH: browser tests will skip"
  unset CHROMIUM_PATH
  exec "$@"
fi

export CHROMIUM_PATH="$browser"
log "$("$browser" --version 2>/dev/null || echo chromium) at $browser"
exec "$@"
