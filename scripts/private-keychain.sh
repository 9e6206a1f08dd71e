#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked Secret Service (GNOME Keyring) of its own, so that
# what it keeps in the keychain (API keys, the database key) never touches the user's own keychain. Used by npm test
# and npm run bench.
set -euo pipefail

if [ -z "${NOTIFY_DESK_PRIVATE_KEYCHAIN:-}" ]; then
  for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "This needs $tool: apt-get install -y gnome-keyring dbus dbus-x11 libsecret-tools" >&2
      exit 1
    fi
  done
  export NOTIFY_DESK_PRIVATE_KEYCHAIN=1
  exec dbus-run-session -- bash "$0" "$@"
fi

XDG_DATA_HOME="$(mktemp -d)"
export XDG_DATA_HOME
eval "$(printf %s pass | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
exec "$@"
