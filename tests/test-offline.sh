#!/bin/sh
# test-offline.sh — with online tiles off, a whole session opens no network socket
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-offline.sh EVENT_ATLAS_BINARY
# Runs `event-atlas --screenshot` with no network at all (a new, empty network
# namespace: `unshare -n`, which needs root or user namespaces) under strace, then
# checks that the window rendered (a PNG over 50 KB) and that no AF_INET or
# AF_INET6 socket was created (AF_UNIX for X11 and AF_NETLINK are fine).
# Exit 77 (skipped) where the namespace, strace or xvfb-run are not available.

set -u

bin=${1:?usage: test-offline.sh EVENT_ATLAS_BINARY}

if ! unshare -n true 2>/dev/null; then
  echo "unshare -n is not permitted here: skipped"
  exit 77
fi
for tool in strace xvfb-run dbus-run-session; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$tool is not installed: skipped"
    exit 77
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The settings backend is the memory one (tests/meson.build): the basemap is
# the schema's default, offline.
# dbus-run-session: a private session bus, outside the trace, gone at the end
# (an autolaunched one would outlive the app and keep strace waiting).
unshare -n xvfb-run -a -s "-screen 0 1400x900x24" \
  dbus-run-session -- \
  strace -f -qq -e trace=socket,connect -o "$tmp/trace" \
  "$bin" --screenshot "$tmp/out.png"
status=$?
if [ $status -ne 0 ]; then
  echo "event-atlas exited with status $status"
  exit 1
fi

size=$(stat -c %s "$tmp/out.png" 2>/dev/null || echo 0)
if [ "$size" -le 51200 ]; then
  echo "the screenshot is missing or trivial ($size bytes)"
  exit 1
fi

if grep -E 'socket\((AF_INET|AF_INET6|PF_INET|PF_INET6),' "$tmp/trace"; then
  echo "event-atlas created a network socket (above)"
  exit 1
fi

echo "screenshot $size bytes; sockets: $(grep -c 'socket(' "$tmp/trace") (none of them AF_INET/AF_INET6)"
grep -o 'socket([A-Z_0-9]*' "$tmp/trace" | sort | uniq -c
exit 0
