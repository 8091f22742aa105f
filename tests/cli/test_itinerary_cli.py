"""Itineraries from the command line, as the contract of cli.md writes them."""

from datetime import date

from babel.dates import format_date
from pypdf import PdfReader

# The first day as the documents write it ("EEEE d MMMM y"), in Babel's words for each locale.
FIRST_DAY_FR = format_date(date(2023, 5, 7), "EEEE d MMMM y", locale="fr_FR")
FIRST_DAY_EN = format_date(date(2023, 5, 7), "EEEE d MMMM y", locale="en_GB")


def _text(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def test_export_itinerary_in_french_and_english(cli, db, tmp_path):
    assert cli("--db", db, "demo").returncode == 0
    french, english = tmp_path / "fr.pdf", tmp_path / "en.pdf"
    done = cli("--db", db, "export", "itinerary", "tallinn-2023", "-o", str(french), "--lang", "fr")
    assert done.returncode == 0, done.stderr
    assert FIRST_DAY_FR in _text(french)
    done = cli(
        "--db", db, "export", "itinerary", "tallinn-2023", "-o", str(english), "--lang", "en"
    )
    assert done.returncode == 0, done.stderr
    assert FIRST_DAY_EN in _text(english)


def test_errors_are_one_line_with_the_contract_exit_status(cli, db, tmp_path):
    assert cli("--db", db, "demo").returncode == 0
    out = str(tmp_path / "it.pdf")
    unknown = cli("--db", db, "export", "itinerary", "tallinn-2023", "-o", out,
                  "--participant", "nobody@example.org")  # fmt: skip
    assert unknown.returncode == 2
    assert len(unknown.stderr.strip().splitlines()) == 1
    assert "nobody@example.org" in unknown.stderr
    no_trip = cli("--db", db, "export", "itinerary", "nowhere-2030", "-o", out)
    assert no_trip.returncode == 2
    unwritable = cli("--db", db, "export", "itinerary", "tallinn-2023", "-o",
                     str(tmp_path / "missing" / "it.pdf"))  # fmt: skip
    assert unwritable.returncode == 2
    assert unwritable.stderr.strip().endswith("cannot be written (the folder does not exist)")


def test_export_itineraries_with_a_booklet(cli, db, tmp_path):
    assert cli("--db", db, "demo").returncode == 0
    folder, booklet = tmp_path / "out", tmp_path / "all.pdf"
    done = cli("--db", db, "export", "itineraries", "tallinn-2023", "-o", str(folder),
               "--booklet", str(booklet), "--lang", "en")  # fmt: skip
    assert done.returncode == 0, done.stderr
    files = sorted(folder.glob("*.pdf"))
    assert len(files) > 40
    assert len(PdfReader(booklet).pages) % 2 == 0
    assert FIRST_DAY_EN in _text(files[0])
