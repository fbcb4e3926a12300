#!/bin/sh
# check-po.sh — a translation compiles with msgfmt --check and is complete: no
# untranslated and no fuzzy messages, against the sources as they are now (the
# messages are gathered afresh from po/POTFILES.in with xgettext and merged into
# a copy of the translation, so a string added to the code without a translation
# fails here, not only after the next update-po).
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-po.sh FILE.po [SOURCE_ROOT]

po=${1:?usage: check-po.sh FILE.po [SOURCE_ROOT]}
root=${2:-}
checked=$po

if [ -n "$root" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  # the keywords of meson's "glib" gettext preset
  xgettext --files-from="$root/po/POTFILES.in" --directory="$root" --from-code=UTF-8 \
           --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
           --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
           --keyword=ngettext:1,2 --output="$tmp/messages.pot" || exit 1
  msgmerge --quiet --no-fuzzy-matching "$po" "$tmp/messages.pot" -o "$tmp/merged.po" || exit 1
  checked=$tmp/merged.po
fi

# msgfmt prints "N translated messages[, M fuzzy translations][, K untranslated messages]."
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$checked" 2>&1) || {
  echo "$stats"
  exit 1
}
echo "$po: $stats"

case $stats in
  *fuzzy*|*untranslated*)
    echo "$po: every message must be translated and none fuzzy (against the sources now)" >&2
    exit 1
    ;;
esac
exit 0
