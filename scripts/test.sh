#!/usr/bin/env bash
# npm test: type-check, lint (ESLint, type-checked rules), build (the UI, the desktop app's processes, and the command
# line the tests run), then run every test (unit, integration, end-to-end) inside a private D-Bus session with an
# unlocked Secret Service, so the tests use a real OS keychain without touching the user's own; last, Prettier checks
# the formatting.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${NOTIFY_DESK_TEST_SESSION:-}" ]; then
  for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "npm test needs $tool: apt-get install -y gnome-keyring dbus dbus-x11 libsecret-tools chromium" >&2
      exit 1
    fi
  done
  export NOTIFY_DESK_TEST_SESSION=1
  exec dbus-run-session -- bash "$0" "$@"
fi

XDG_DATA_HOME="$(mktemp -d)"
export XDG_DATA_HOME
eval "$(printf %s pass | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
export NOTIFY_DESK_KEYCHAIN_SERVICE="notify-desk-tests"

npm run typecheck
npm run lint
npm run build
npx vitest run "$@"
npm run format:check
