#!/bin/sh
# check-install.sh — `meson install` into a temporary DESTDIR puts every file where the
# desktop expects it, and the MIME and schema caches are built there.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-install.sh BUILDDIR PREFIX

builddir=${1:?usage: check-install.sh BUILDDIR PREFIX}
prefix=${2:?usage: check-install.sh BUILDDIR PREFIX}
app=io.github.eventatlas.EventAtlas

destdir=$(mktemp -d "${TMPDIR:-/tmp}/event-atlas-install-XXXXXX") || exit 1
trap 'rm -rf "$destdir"' EXIT

if ! meson install -C "$builddir" --destdir "$destdir" --no-rebuild --quiet >"$destdir.log" 2>&1; then
  cat "$destdir.log"
  rm -f "$destdir.log"
  echo "meson install failed"
  exit 1
fi
rm -f "$destdir.log"

root=$destdir$prefix
status=0
for f in \
  bin/event-atlas \
  share/applications/$app.desktop \
  share/metainfo/$app.metainfo.xml \
  share/glib-2.0/schemas/$app.gschema.xml \
  share/icons/hicolor/scalable/apps/$app.svg \
  share/icons/hicolor/symbolic/apps/$app-symbolic.svg \
  share/mime/packages/$app.xml \
  share/locale/ar/LC_MESSAGES/event-atlas.mo \
  share/locale/ru/LC_MESSAGES/event-atlas.mo \
  share/event-atlas/aleppo-2016-12-05.json \
  share/event-atlas/event-atlas.schema.json \
  share/event-atlas/COPYING.DCW \
  share/licenses/event-atlas/LICENSE
do
  if [ ! -s "$root/$f" ]; then
    echo "not installed: $prefix/$f"
    status=1
  fi
done

if [ ! -x "$root/bin/event-atlas" ]; then
  echo "not executable: $prefix/bin/event-atlas"
  status=1
fi

# the installed files carry the translations
grep -q '^Name\[ar\]=' "$root/share/applications/$app.desktop" \
  || { echo "$app.desktop has no Arabic name"; status=1; }
grep -q 'xml:lang="ru"' "$root/share/metainfo/$app.metainfo.xml" \
  || { echo "$app.metainfo.xml has no Russian text"; status=1; }

[ $status = 0 ] && echo "meson install put all $(find "$root" -type f | wc -l) files in place"
exit $status
