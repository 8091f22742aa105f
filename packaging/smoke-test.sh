#!/usr/bin/env bash
# Runs the built program as a person would on a machine without the project: an empty
# environment, a new home folder, no virtual environment. Linux only.
#
#   bash packaging/smoke-test.sh [dist/Delegation]
#
# Needs Xvfb and xdotool for the window, pdftotext for reading the PDFs back (Debian:
# xvfb xdotool poppler-utils).
set -euo pipefail

bundle=$(cd "${1:-dist/Delegation}" && pwd)
program="$bundle/Delegation"
work=$(mktemp -d)
server=""
window=""
cleanup() {
    [ -z "$window" ] || kill "$window" 2>/dev/null || true
    [ -z "$server" ] || kill "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
mkdir "$work/home"
database="$work/delegation.sqlite3"

# Only what a desktop session would hand any program.
as_a_user() {
    env -i HOME="$work/home" LANG=C.UTF-8 PATH=/usr/bin:/bin "$@"
}
step() { printf '\n== %s\n' "$*"; }
fail() { echo "smoke test: $*" >&2; exit 1; }

step "--version"
as_a_user "$program" --version | tee "$work/version"
grep -q '^Delegation [0-9]' "$work/version" || fail "no version line"
grep -q '^Qt 6' "$work/version" || fail "no Qt version"

step "demo on a new database"
as_a_user "$program" --db "$database" demo
as_a_user "$program" --db "$database" trips >"$work/trips"
grep -q '^tallinn-2023' "$work/trips" || fail "sample trip not listed"

step "the delegation's itinerary, in French"
as_a_user "$program" --db "$database" export itinerary tallinn-2023 \
    -o "$work/itineraire.pdf" --lang fr
pdftotext "$work/itineraire.pdf" "$work/itineraire.txt"
grep -q 'Tallinn' "$work/itineraire.txt" || fail "itinerary without its text"
grep -q 'mai 2023' "$work/itineraire.txt" || fail "itinerary not in French"

step "every personal itinerary, drawn by worker processes"
as_a_user "$program" --db "$database" export itineraries tallinn-2023 -o "$work/itineraries"
count=$(find "$work/itineraries" -name '*.pdf' | wc -l)
[ "$count" -ge 50 ] || fail "only $count personal itineraries"
echo "$count personal itineraries"

step "installed for one user from the folder's install.sh"
installed="$work/home/.local"
as_a_user "$bundle/install.sh"
desktop_file="$installed/share/applications/org.delegation.Delegation.desktop"
grep -qx "Exec=\"$installed/bin/Delegation\"" "$desktop_file" || fail "menu entry not pointing at the program"
desktop-file-validate "$desktop_file"
[ -f "$installed/share/icons/hicolor/48x48/apps/org.delegation.Delegation.png" ] || fail "no icon"
program="$installed/bin/Delegation"
as_a_user "$program" --version >/dev/null

step "the window, on an X server"
exec 3>"$work/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 2>"$work/xvfb.log" &
server=$!
exec 3>&-
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || fail "Xvfb did not start"
display=":$(head -n 1 "$work/display")"
# A first start: the database is created in the user's data folder, with the sample trip.
as_a_user DISPLAY="$display" "$program" >"$work/window.log" 2>&1 &
window=$!
# The window's title names the trip once the database has been read.
if ! DISPLAY="$display" timeout 60 xdotool search --sync --onlyvisible --name 'Mission Tallinn 2023' \
    >/dev/null; then
    cat "$work/window.log" >&2
    fail "no window showing the sample trip within 60 s"
fi
kill -0 "$window" 2>/dev/null || fail "the window closed by itself"
echo "window shown: $(DISPLAY="$display" xdotool search --onlyvisible --name 'Mission Tallinn 2023' getwindowname | head -n 1)"

kill "$window"
window=""

step "uninstalled"
as_a_user "$bundle/install.sh" --uninstall
[ ! -e "$installed/bin/Delegation" ] && [ ! -e "$desktop_file" ] || fail "files left after uninstall"
[ -f "$installed/share/delegation/delegation.sqlite3" ] || fail "the user's database is gone"

printf '\nsmoke test passed\n'
