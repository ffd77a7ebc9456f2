#!/usr/bin/env bash
# Runs on: the developer's or CI machine (bash), around a test command.
# Usage: scripts/with-keyring.sh <command> [args...]
# Runs the command inside a private D-Bus session that has its own unlocked GNOME Keyring, kept in a
# temporary directory, so keychain tests talk to a real Secret Service without touching the user's
# keyring or needing a desktop. Everything it starts is stopped and deleted when the command ends;
# the command's exit status is returned.
# Linux needs: apt-get install -y gnome-keyring dbus-x11 libsecret-1-dev (libsecret to build keytar).
# On macOS and Windows the OS keychain is always there: the command is run as it is.
set -euo pipefail

readonly INSIDE_FLAG='--inside-private-session'
readonly SECRETS_BUS_NAME='org.freedesktop.secrets'
readonly READY_ATTEMPTS=100 # x 0.1 s: the daemon is usually ready in well under a second

die() {
  echo "with-keyring: $*" >&2
  exit 70
}

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 64
fi

# Second stage: runs inside dbus-run-session, where DBUS_SESSION_BUS_ADDRESS is the private bus.
if [ "$1" = "$INSIDE_FLAG" ]; then
  shift
  keyring_dir="${TREASURY_PRIVATE_KEYRING_DIR:?}"
  # A throwaway password: the keyring lives only as long as this run.
  password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s' "$password" |
    HOME="$keyring_dir/home" XDG_DATA_HOME="$keyring_dir/data" XDG_CONFIG_HOME="$keyring_dir/config" \
      XDG_CACHE_HOME="$keyring_dir/cache" \
      gnome-keyring-daemon --foreground --unlock --components=secrets >"$keyring_dir/daemon.log" 2>&1 &
  daemon_pid=$!
  trap 'kill "$daemon_pid" 2>/dev/null || true; wait "$daemon_pid" 2>/dev/null || true' EXIT

  # Wait until the daemon owns the Secret Service name; otherwise D-Bus activation could start a
  # second, locked keyring and the first keychain call would wait for a password prompt.
  ready=0
  for _ in $(seq 1 "$READY_ATTEMPTS"); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner "string:$SECRETS_BUS_NAME" 2>/dev/null | grep -q 'boolean true'; then
      ready=1
      break
    fi
    kill -0 "$daemon_pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ "$ready" -ne 1 ]; then
    cat "$keyring_dir/daemon.log" >&2 || true
    die "gnome-keyring-daemon did not start a Secret Service on the private bus"
  fi

  export TREASURY_TEST_KEYRING='gnome-keyring (private D-Bus session)'
  set +e
  "$@"
  status=$?
  set -e
  exit "$status"
fi

if [ "$(uname -s)" != "Linux" ]; then
  exec "$@"
fi

missing=''
for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
  # Keychain tests then report why they cannot run (and fail when CI or TREASURY_REQUIRE_KEYCHAIN=1).
  echo "with-keyring: missing$missing; install with: sudo apt-get install -y gnome-keyring dbus-x11 libsecret-1-dev" >&2
  echo "with-keyring: running the command without a private keyring" >&2
  exec "$@"
fi

keyring_dir="$(mktemp -d "${TMPDIR:-/tmp}/treasury-keyring.XXXXXX")"
trap 'rm -rf "$keyring_dir"' EXIT
mkdir -p "$keyring_dir/home" "$keyring_dir/data" "$keyring_dir/config" "$keyring_dir/cache" "$keyring_dir/run"
chmod 700 "$keyring_dir" "$keyring_dir/run"
# dbus-run-session keeps its transient service files here; a CI container often has none.
if [ -z "${XDG_RUNTIME_DIR:-}" ] || [ ! -d "${XDG_RUNTIME_DIR}" ]; then
  export XDG_RUNTIME_DIR="$keyring_dir/run"
fi

set +e
TREASURY_PRIVATE_KEYRING_DIR="$keyring_dir" dbus-run-session -- bash "${BASH_SOURCE[0]}" "$INSIDE_FLAG" "$@"
status=$?
set -e
exit "$status"
