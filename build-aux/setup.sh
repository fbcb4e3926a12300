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
ATLAS_TEST_PACKAGES=(xvfb xauth imagemagick xdotool)

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
