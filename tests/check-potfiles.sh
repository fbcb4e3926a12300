#!/bin/sh
# check-potfiles.sh — every source file with translatable strings is in po/POTFILES.in,
# and every file listed there exists.
#
# SPDX-License-Identifier: GPL-3.0-or-later

srcdir=${1:?usage: check-potfiles.sh SRCDIR}
cd "$srcdir" || exit 1
status=0

translatable=$( {
  grep -lE '\b(N?_|C_|NC_|g_dngettext|ngettext)\s*\(' src/*.c src/*/*.c
  grep -l 'translatable="yes"' ui/*.ui ui/*/*.ui
  ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml
} 2>/dev/null | sort -u)

for f in $translatable; do
  if ! grep -qx "$f" po/POTFILES.in; then
    echo "po/POTFILES.in: missing $f (it has translatable strings)"
    status=1
  fi
done

for f in $(grep -v '^#' po/POTFILES.in); do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in: lists $f, which does not exist"
    status=1
  fi
done

[ $status = 0 ] && echo "po/POTFILES.in lists all $(echo "$translatable" | wc -w) files with translatable strings"
exit $status
