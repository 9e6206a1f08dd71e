#!/usr/bin/env bash
# npm test: type-check, lint (ESLint, type-checked rules), build (the UI, the desktop app's processes, and the command
# line the tests run), then run every test (unit, integration, end-to-end) inside a private D-Bus session with an
# unlocked Secret Service, so the tests use a real OS keychain without touching the user's own; last, Prettier checks
# the formatting.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${NOTIFY_DESK_PRIVATE_KEYCHAIN:-}" ]; then
  exec bash scripts/private-keychain.sh bash "$0" "$@"
fi

export NOTIFY_DESK_KEYCHAIN_SERVICE="notify-desk-tests"

npm run typecheck
npm run lint
npm run build
npx vitest run "$@"
npm run format:check
