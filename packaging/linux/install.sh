#!/bin/sh
# Installs the built program (the folder this script is in) as a desktop program: in your
# own folders by default, for everyone with PREFIX=/usr/local as root.
#
#   ./install.sh              install or update (PREFIX defaults to ~/.local)
#   ./install.sh --uninstall  remove it again; your trips' database stays where it is
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
app_id=org.delegation.Delegation
program_folder="$prefix/lib/delegation"
applications="$prefix/share/applications"
metainfo="$prefix/share/metainfo"
icons="$prefix/share/icons/hicolor"

refresh_menus() {
    # Desktops read these caches; without the tools, they rescan on their own.
    command -v update-desktop-database >/dev/null && update-desktop-database -q "$applications" || true
    command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$icons" || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$program_folder"
    rm -f "$prefix/bin/Delegation" "$applications/$app_id.desktop" "$metainfo/$app_id.metainfo.xml"
    find "$icons" -path "*/apps/$app_id.*" -delete 2>/dev/null || true
    refresh_menus
    echo "Delegation removed from $prefix."
    exit 0
fi

[ -x "$here/Delegation" ] || { echo "install.sh: no Delegation program beside this script" >&2; exit 1; }
# Copy first, then swap: a failed copy leaves the installed version as it was.
mkdir -p "$prefix/lib" "$prefix/bin" "$applications" "$metainfo" "$icons"
rm -rf "$program_folder.new"
cp -R "$here" "$program_folder.new"
rm -rf "$program_folder"
mv "$program_folder.new" "$program_folder"
ln -sf "$program_folder/Delegation" "$prefix/bin/Delegation"
# The menu entry starts this copy wherever PATH points.
sed "s|^Exec=Delegation|Exec=$prefix/bin/Delegation|" "$here/share/applications/$app_id.desktop" \
    >"$applications/$app_id.desktop"
cp "$here/share/metainfo/$app_id.metainfo.xml" "$metainfo/"
cp -R "$here/share/icons/hicolor/." "$icons/"
refresh_menus
echo "Delegation installed in $program_folder; start it from the menu or with $prefix/bin/Delegation."
