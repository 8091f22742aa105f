"""Every printed document of a hard, many-script trip, exported by the command line in
French and English and read back: no glyph missing, no words on top of each other or off
the page, no text across a table's rules or smaller than the documents allow, every name
and phone number readable as typed, needs where they must be and the allergy whole."""

import os
import shutil
import sqlite3
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from tests.cli.conftest import run
from tests.cli.printed_pdf import (
    PrintedPdf,
    characters_across_rules,
    missing_glyphs,
    overlapping_words,
    read_pdf,
    reader_text,
    words_off_the_page,
)
from tests.cli.world_trip import (
    ALLERGY,
    KEY,
    LIFT,
    NEEDS,
    PEOPLE,
    PERSONAL,
    PHONES,
    WHEELCHAIR,
    Person,
    build_world_trip,
)

import delegation
from delegation.i18n.typography import capitals
from delegation.reports.breaking import SMALLEST
from delegation.reports.fonts import REGULAR, register_fonts

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

# The documents that name people, and whom: everyone, or those with a dietary need.
EVERYONE = ("participants", "participants-sensitive", "rooming", "badges", "visitors")
# Whose own itinerary is read back (each costs a second or more): the names in Chinese,
# Hebrew (with a need), Arabic (with the allergy) and Greek, the wheelchair user, the staff
# member in no group.
READ_OWN = frozenset(PEOPLE[i].email for i in (0, 2, 3, 4, 5, -1))


@dataclass(frozen=True)
class Printed:
    """The documents of one language, read back."""

    language: str
    documents: dict[str, PrintedPdf]  # by kind: "itinerary", "personal", "rooming"…
    itineraries: dict[str, PrintedPdf]  # the own ones read back (READ_OWN), by e-mail

    def every(self) -> list[tuple[str, PrintedPdf]]:
        own = [(f"itinerary of {k}", v) for k, v in self.itineraries.items() if v is not None]
        return [*self.documents.items(), *own]


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("world") / "trips.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        for name, value in _user_folders(path.parent).items():
            patch.setenv(name, value)
        build_world_trip(path)
    return path


def _user_folders(home: Path) -> dict[str, str]:
    """A user's folders of the test's own, and the sources this test runs on first."""
    sources = str(Path(delegation.__file__).parents[1])
    return {
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "PYTHONPATH": os.pathsep.join(filter(None, [sources, os.environ.get("PYTHONPATH")])),
    }


def _export(database: Path, language: str, *arguments: str) -> None:
    done = run("--db", str(database), "export", *arguments, "--lang", language,
               env=_user_folders(database.parent))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no character of the trip lacks a font


def _print(database: Path, language: str) -> Printed:
    """Every document in one language, exported by the command line and read back."""
    folder = database.parent / language
    folder.mkdir()
    files = {
        "itinerary": ("itinerary", KEY),
        "personal": ("itinerary", KEY, "--participant", PERSONAL.email),
        "participants": ("participants", KEY),
        "participants-sensitive": ("participants", KEY, "--include-sensitive"),
        "rooming": ("rooming", KEY),
        "badges": ("badges", KEY),
        "visitors": ("visitors", KEY),
        "dietary": ("dietary", KEY),
    }
    for kind, (command, trip, *options) in files.items():
        _export(database, language, command, trip, "-o", str(folder / f"{kind}.pdf"), *options)
    _export(database, language, "itineraries", KEY, "-o", str(folder / "people"))
    documents = {kind: read_pdf(folder / f"{kind}.pdf") for kind in files}
    # Each person's itinerary is named after them: LAST_First, spaces as underscores.
    own = {path.stem: path for path in (folder / "people").glob("*.pdf")}
    files = {
        person.email: own.pop(f"{person.last} {person.first}".replace(" ", "_"), None)
        for person in PEOPLE
    }
    assert not own, f"itineraries of nobody confirmed: {sorted(own)}"
    assert [email for email, path in files.items() if path is None] == []
    itineraries = {email: read_pdf(files[email]) for email in READ_OWN}
    return Printed(language, documents, itineraries)


@pytest.fixture(scope="module")
def printed_languages(database) -> dict[str, Printed]:
    # The two languages side by side: each export is a program start, each PDF a parse.
    with ProcessPoolExecutor(max_workers=2) as pool:
        jobs = {language: pool.submit(_print, database, language) for language in ("fr", "en")}
        return {language: job.result() for language, job in jobs.items()}


@pytest.fixture(params=["fr", "en"])
def printed(request, printed_languages) -> Printed:
    return printed_languages[request.param]


def test_no_glyph_is_missing(printed):
    for kind, pdf in printed.every():
        assert missing_glyphs(pdf) == [], kind


def test_no_two_words_overlap_and_none_leaves_the_page(printed):
    for kind, pdf in printed.every():
        assert overlapping_words(pdf) == [], kind
        assert words_off_the_page(pdf) == [], kind


def test_no_text_is_set_below_the_smallest_readable_size(printed):
    for kind, pdf in printed.every():
        small = [page.number for page in pdf.pages if 0 < page.smallest < SMALLEST - 0.05]
        assert small == [], f"{kind}: pages with text under {SMALLEST} pt"


def test_no_character_crosses_a_table_rule(printed):
    # The lists draw each row as a band with a rule under it, no column borders: there a
    # character is checked against its row only. The itinerary rules its group columns.
    assert any(page.rows for page in printed.documents["rooming"].pages)
    assert any(page.columns for page in printed.documents["itinerary"].pages)
    for kind, pdf in printed.every():
        assert characters_across_rules(pdf) == [], kind


def _unread(person: Person, pdf: PrintedPdf) -> list[str]:
    """The parts of the person's name that poppler cannot find as typed or in capitals.

    Its two readings are searched: in reading order (right-to-left words in logical
    order, but a hyphen that ends a line taken for a break and dropped) and in the order
    of drawing (each cell's lines one after the other, hyphens kept).
    """
    return [
        part
        for part in (person.first, person.last)
        if not any(
            reader_text(written) in text
            for written in (part, capitals(part))
            for text in (pdf.text, pdf.drawn)
        )
    ]


def test_every_name_reads_back_as_written(printed):
    for kind in EVERYONE:
        pdf = printed.documents[kind]
        assert {p.email: _unread(p, pdf) for p in PEOPLE if _unread(p, pdf)} == {}, kind
    dietary = printed.documents["dietary"]
    unread = {p.email: _unread(p, dietary) for p in PEOPLE if p.dietary and _unread(p, dietary)}
    assert unread == {}
    for person in PEOPLE:
        own = printed.itineraries.get(person.email)
        assert own is None or _unread(person, own) == [], person.email
    assert _unread(PERSONAL, printed.documents["personal"]) == []


def _garbled(pdf: PrintedPdf, phone: str) -> list[str]:
    """The lines that print the phone number's digit groups but not the number as typed:
    read from left to right, as a number is read even among Hebrew or Arabic words."""
    groups = phone.lstrip("+").split()
    return [
        f"page {page.number}: {line}"
        for page in pdf.pages
        for line in page.lines
        if all(group in line.split() or f"{group}+" in line.split() for group in groups)
        and phone not in line
    ]


def test_phone_numbers_read_as_typed_beside_hebrew_and_arabic_names(printed):
    for kind, pdf in printed.every():
        for phone in PHONES:
            assert _garbled(pdf, phone) == [], (kind, phone)
    for kind in ("itinerary", "personal"):
        lines = " ".join(line for page in printed.documents[kind].pages for line in page.lines)
        assert [phone for phone in PHONES if phone not in lines] == [], kind


def _need_cells(sheet: PrintedPdf) -> list[str]:
    """The text of each need table row's first cell: its words left of the count ("× 3")."""
    cells = []
    for page in sheet.pages:
        for row in page.rows:
            words = [
                w for w in page.words if row.top - 0.5 <= w.top and w.bottom <= row.bottom + 0.5
            ]
            counts = [w.x0 for w in words if w.text == "×"]
            need = sorted(
                (w for w in words if not counts or w.x1 <= min(counts)),
                key=lambda w: (round(w.top), w.x0),
            )
            cells.append(reader_text(" ".join(w.text for w in need)))
    return cells


def test_the_dietary_sheet_keeps_the_allergy_whole(printed):
    sheet = printed.documents["dietary"]
    whole = reader_text(ALLERGY)
    pieces = ("Allergie", "arachides", "pistaches", "adrénaline")
    with_a_piece = [cell for cell in _need_cells(sheet) if any(p in cell for p in pieces)]
    # Four meals, each with the whole delegation at the table: one row each, all of it.
    assert len(with_a_piece) == 4
    assert all(whole in cell for cell in with_a_piece), with_a_piece
    english = printed.language == "en"
    known = ("Vegetarian", "Gluten-free") if english else ("Végétarien", "Sans gluten")
    assert [word for word in known if word not in sheet.text] == []
    if english:
        lowered = sheet.text.lower()
        assert "végétarien" not in lowered and "sans gluten" not in lowered
        # The allergy is printed as typed, a sentence no program translates: the only
        # "Allergie" left is its own.
        assert sheet.text.count("Allergie") == sheet.text.count(whole)


def test_accessibility_needs_reach_those_who_act_on_them(printed):
    needs = [reader_text(need) for need in NEEDS]
    for kind in ("rooming", "visitors", "participants-sensitive"):
        text = printed.documents[kind].text
        assert [need for need in needs if need not in text] == [], kind
    for need, person in NEEDS.items():
        own = printed.itineraries[person.email]
        assert own is not None and reader_text(need) in own.text
        # Their own needs only: the other person's stay off their itinerary.
        assert [n for n in needs if n != reader_text(need) and n in own.text] == []
    assert reader_text(WHEELCHAIR) in printed.documents["personal"].text
    for kind in ("participants", "badges", "itinerary", "dietary"):
        text = printed.documents[kind].text
        assert reader_text(LIFT) not in text and reader_text(WHEELCHAIR) not in text, kind


def test_the_checks_see_the_faults_they_look_for(tmp_path):
    """A page drawn wrong on purpose: each check names its fault, and only it."""
    register_fonts()
    path = tmp_path / "wrong.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont(REGULAR, 12)
    page.drawString(100, 700, "Shalom")
    page.drawString(120, 700, "Salaam")  # on top of the word before
    page.drawString(100, 600, "\ud55c")  # a Korean syllable no face of ours has
    page.drawString(A4[0] - 10, 500, "Outside")
    page.setFillColorRGB(0.9, 0.9, 0.9)
    page.rect(80, 404, 300, 20, stroke=0, fill=1)  # a row band whose top cuts a line
    page.setFillColorRGB(0, 0, 0)
    page.drawString(100, 420, "Cut")
    page.drawString(100, 300, "Rochefoucauld-")
    page.drawString(100, 286, "Montmorency")
    page.drawString(300, 250, "Ruled")
    page.line(303, 240, 303, 270)  # a column's rule through the R
    page.setFont(REGULAR, 4)
    page.drawString(100, 200, "Small print")
    page.save()
    pdf = read_pdf(path)
    assert overlapping_words(pdf) == ["page 1: 'Shalom' and 'Salaam'"]
    # ReportLab draws it as glyph 0, the empty box, which reads back as U+0000.
    assert missing_glyphs(pdf) == ["page 1: ['\\x00'] not in NotoSans-Regular"]
    assert [fault.split(" at ")[0] for fault in words_off_the_page(pdf)] == ["page 1: 'Outside'"]
    assert {fault.split(" at ")[0] for fault in characters_across_rules(pdf)} == {
        f"page 1: {char!r}" for char in "CutR"
    }
    assert "Rochefoucauld-Montmorency" in pdf.drawn
    assert pdf.pages[0].smallest == pytest.approx(4)


def test_a_name_no_font_draws_is_named_after_the_file_is_written(tmp_path):
    database = tmp_path / "trips.sqlite3"
    env = _user_folders(tmp_path)
    assert run("--db", str(database), "demo", env=env).returncode == 0
    with sqlite3.connect(database) as connection:  # a name typed in Devanagari
        connection.execute(
            "UPDATE contacts SET last_name = 'अनिल'"
            " WHERE id = (SELECT contact_id FROM participants ORDER BY id LIMIT 1)"
        )
    target = tmp_path / "badges.pdf"
    done = run("--db", str(database), "export", "badges", "tallinn-2023", "-o", str(target),
               env=env)  # fmt: skip
    assert done.returncode == 0 and target.exists()
    (line,) = done.stderr.splitlines()
    assert line.startswith("delegation: ") and "अ न ि ल" in line
