#!/bin/sh
# check-po.sh — a translation compiles with msgfmt --check and is complete:
# no untranslated and no fuzzy messages.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-po.sh FILE.po

po=${1:?usage: check-po.sh FILE.po}

# msgfmt prints "N translated messages[, M fuzzy translations][, K untranslated messages]."
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1) || {
  echo "$stats"
  exit 1
}
echo "$po: $stats"

case $stats in
  *fuzzy*|*untranslated*)
    echo "$po: every message must be translated and none fuzzy" >&2
    exit 1
    ;;
esac
exit 0
