#!/bin/sh
# Installs the built program (the folder this script is in) as a desktop program: in your
# own folders by default, for everyone with PREFIX=/usr/local as root.
#
#   ./install.sh              install or update (PREFIX defaults to ~/.local)
#   ./install.sh --uninstall  remove it again; your trips' database stays where it is
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd)  # the menu entry and the link need an absolute path
app_id=org.delegation.Delegation
program_folder="$prefix/lib/delegation"
applications="$prefix/share/applications"
metainfo="$prefix/share/metainfo"
icons="$prefix/share/icons/hicolor"

refresh_menus() {
    # Desktops read these caches; without the tools, they rescan on their own. A folder
    # touched is enough for the icon theme: a cache written into a user's hicolor folder
    # (which has no index.theme) would hide other programs' icons added later.
    command -v update-desktop-database >/dev/null && update-desktop-database -q "$applications" || true
    touch "$icons"
}

if [ "${1:-}" = "--uninstall" ]; then
    # Only a folder that this script installed.
    if [ -x "$program_folder/Delegation" ] && [ -f "$program_folder/install.sh" ]; then
        rm -rf "$program_folder"
    fi
    rm -f "$prefix/bin/Delegation" "$applications/$app_id.desktop" "$metainfo/$app_id.metainfo.xml"
    rm -f "$icons"/*/apps/"$app_id".png "$icons/scalable/apps/$app_id.svg"
    [ ! -d "$icons" ] || refresh_menus
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
# The menu entry starts this copy wherever PATH points; quoted, as a path may hold spaces.
program=$(printf '%s' "$prefix/bin/Delegation" | sed 's/[\\&|]/\\&/g')
sed "s|^Exec=Delegation\$|Exec=\"$program\"|" "$here/share/applications/$app_id.desktop" \
    >"$applications/$app_id.desktop"
cp "$here/share/metainfo/$app_id.metainfo.xml" "$metainfo/"
cp -R "$here/share/icons/hicolor/." "$icons/"
refresh_menus
echo "Delegation installed in $program_folder; start it from the menu or with $prefix/bin/Delegation."
