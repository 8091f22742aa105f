"""Refresh the gettext catalogs: extract strings, merge them into fr and en, compile.

English is the source language, so the English catalog repeats each message; it
exists so that every visible string has an entry a translator can review.
Run: python tools/catalogs.py   (or: make catalogs)
"""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "delegation" / "resources" / "locale"
TEMPLATE = LOCALE / "delegation.pot"


def pybabel(*arguments: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *arguments], check=True)


def fill_english() -> None:
    path = LOCALE / "en" / "LC_MESSAGES" / "delegation.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    for message in catalog:
        if not message.id:
            continue
        message.string = message.id
        message.flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, sort_output=True)


def main() -> None:
    pybabel(
        "extract", "-F", str(ROOT / "babel.cfg"), "-k", "_", "-k", "N_", "-k", "ngettext:1,2",
        "--no-location", "--sort-output", "--project=Delegation", "--width=100",
        "--copyright-holder=Delegation developers", "-o", str(TEMPLATE),
        str(ROOT / "src" / "delegation"),
    )  # fmt: skip
    for language in ("fr", "en"):
        po = LOCALE / language / "LC_MESSAGES" / "delegation.po"
        if po.exists():
            pybabel("update", "-i", str(TEMPLATE), "-d", str(LOCALE), "-D", "delegation",
                    "-l", language, "--no-fuzzy-matching", "--ignore-obsolete",
                    "--width=100")  # fmt: skip
        else:
            pybabel(
                "init", "-i", str(TEMPLATE), "-d", str(LOCALE), "-D", "delegation", "-l", language
            )
    fill_english()
    pybabel("compile", "-d", str(LOCALE), "-D", "delegation", "--statistics")


if __name__ == "__main__":
    main()
