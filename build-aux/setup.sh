# build-aux/setup.sh — shared by build-aux/run and build-aux/check (sourced, not run)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the Debian 12 packages Event Atlas needs (only those missing), then
# configures and builds a meson build directory.

set -eu

ATLAS_SRCDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# What building, running and testing need.  Everything comes from Debian.
ATLAS_PACKAGES=(
  build-essential pkg-config meson ninja-build gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libshumate-dev
  libjson-glib-dev json-glib-tools
  gmt-dcw libnetcdf-dev
  desktop-file-utils appstream
  fonts-cantarell fonts-dejavu-core fonts-noto-core
)
ATLAS_TEST_PACKAGES=(xvfb xauth imagemagick xdotool strace util-linux
  locales libxml2-utils shared-mime-info)
# Locales the translation tests run in (tests/test-rtl.c needs Arabic for right-to-left).
ATLAS_TEST_LOCALES=(ar_EG.UTF-8 ru_RU.UTF-8)
# build-aux/check --fuzz only: libFuzzer comes with clang's runtime
ATLAS_FUZZ_PACKAGES=(clang libclang-rt-14-dev)

atlas_as_root () {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  else
    sudo "$@"
  fi
}

atlas_install_packages () {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing missing packages: ${missing[*]}" >&2
    atlas_as_root apt-get update -q
    atlas_as_root env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

# atlas_ensure_locales LOCALE… — generate the glibc locales that `locale -a` lacks (Debian's
# /etc/locale.gen + locale-gen).  gettext follows LANGUAGE even in C.UTF-8, but dates and
# the tests' LC_ALL need the real locale.
atlas_ensure_locales () {
  local missing=() loc have
  have=$(locale -a 2>/dev/null | tr '[:upper:]' '[:lower:]' | sed 's/utf-8/utf8/')
  for loc in "$@"; do
    if ! printf '%s\n' "$have" | grep -qx "$(printf '%s' "$loc" | tr '[:upper:]' '[:lower:]' | sed 's/utf-8/utf8/')"; then
      missing+=("$loc")
    fi
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  echo "Generating locales: ${missing[*]}" >&2
  for loc in "${missing[@]}"; do
    atlas_as_root sed -i "s/^# *\($loc UTF-8\)/\1/" /etc/locale.gen
  done
  atlas_as_root locale-gen >/dev/null
}

# atlas_build BUILDDIR [meson options…]
atlas_build () {
  local builddir=$1
  shift
  cd "$ATLAS_SRCDIR"
  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir" "$@"
  else
    meson configure "$builddir" "$@" >/dev/null
  fi
  meson compile -C "$builddir"
}
