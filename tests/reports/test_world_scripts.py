"""Names in every script, read back from the PDFs: Chinese in the fallback font, Arabic
joined, each font embedded as a subset and only where a document needs it."""

import io
import unicodedata
from dataclasses import replace
from datetime import date, time

import pdfplumber
import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import PageBreak

from delegation.domain.enums import AgendaKind, ParticipantCategory, ParticipantStatus
from delegation.i18n.typography import capitals
from delegation.reports.badge_text import FIRST_NAME_FLOOR, fit_badge_name
from delegation.reports.badges import Badge, BadgeSheet, draw_badges
from delegation.reports.base import build_pdf, styles
from delegation.reports.fallback import Paragraph, string_width
from delegation.reports.fonts import (
    BOLD,
    EMOJI,
    FALLBACK,
    HEBREW_BOLD,
    ITALIC,
    REGULAR,
    SYMBOLS,
    coverage,
    font_runs,
    system_file,
)
from delegation.reports.itinerary import draw_itinerary
from delegation.reports.itinerary_model import Itinerary, ItineraryDay, ItineraryItem, Place
from delegation.reports.listing import GroupInfo
from delegation.reports.participant_list import (
    ListedParticipant,
    ParticipantList,
    draw_participant_list,
)
from delegation.reports.text import joined, visual

# (first name, last name): family names first in Chinese, as everywhere they are stored.
PEOPLE = (
    ("小明", "王"),
    ("娜", "李"),
    ("Layla", "حداد"),
    ("Noa", "לוי"),
    ("Κώστας", "Παπαδόπουλος"),
    ("Mart", "Kask"),
    ("Jüri", "Õun"),
)
# حداد joined: initial hah, final dal, isolated alef, isolated dal (logical order).
HADDAD_JOINED = "\ufea3\ufeaa\ufe8d\ufea9"
GROUPS = (GroupInfo("A", "Groupe A", "#1f5fa8"), GroupInfo("B", "Groupe B", "#d9822b"))


def _raw_text(source) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(source).pages)


def _words(source) -> str:
    """The text as a reader would search it: joined Arabic forms back to their letters."""
    return unicodedata.normalize("NFKC", " ".join(_raw_text(source).split()))


def _reads(text: str, word: str) -> bool:
    """The word is there, in reading order or, right-to-left, in the order it is drawn."""
    return word in text or word[::-1] in text


def _font_names(source) -> set[str]:
    """The base names of every font the pages use, without their subset prefix."""
    names = set()
    for page in PdfReader(source).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1].lstrip("/"))
    return names


def _embedded_sizes(source) -> dict[str, int]:
    """The bytes of each embedded font program, by the font's name with its subset prefix."""
    sizes = {}
    for page in PdfReader(source).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            program = font["/FontDescriptor"]["/FontFile2"].get_object()
            sizes[str(font["/BaseFont"])] = len(program.get_data())
    return sizes


def _assert_every_name_reads_back(source) -> None:
    raw, words = _raw_text(source), _words(source)
    for first, last in PEOPLE:
        for part in (first, last):
            assert _reads(words, capitals(part)) or _reads(words, part), part
    # Not one letter after another: the joined forms are what was drawn.
    assert _reads(raw, HADDAD_JOINED)
    assert any(0xFE70 <= ord(char) <= 0xFEFF for char in raw)


def _participant_list() -> ParticipantList:
    people = tuple(
        ListedParticipant(
            last, first, "北京大学" if index < 2 else "Tallinna Tehnikaülikool", "Directrice",
            (GROUPS[index % 2].code,), ParticipantStatus.CONFIRMED,
            ParticipantCategory.ACADEMIC,
        )
        for index, (first, last) in enumerate(PEOPLE)
    )  # fmt: skip
    return ParticipantList("Mission Tallinn 2023", "Tallinn, Estonia", people, GROUPS)


def _itinerary(participant: str) -> Itinerary:
    visit = ItineraryItem(
        time(9), time(11), "Visit to 清华大学 with Layla حداد", AgendaKind.VISIT,
        place=Place("Tehnopol", "Mäealuse 2/1, Tallinn"), notes="Bring the بطاقة and 护照",
    )  # fmt: skip
    return Itinerary(
        language="en", trip_title="Mission Tallinn 2023", destination="Tallinn",
        country="EE", start=date(2023, 5, 7), end=date(2023, 5, 7), timezone="Europe/Tallinn",
        home_timezone="Europe/Paris", home_offset_minutes=60,
        days=(ItineraryDay(date(2023, 5, 7), (visit,)),), participant=participant,
        participant_groups=("Groupe A",),
    )  # fmt: skip


def test_the_participant_list_prints_every_script():
    target = io.BytesIO()
    draw_participant_list(_participant_list(), target)
    _assert_every_name_reads_back(target)
    assert FALLBACK in _font_names(target)


def test_a_badge_sheet_prints_every_script_and_fits_each_name():
    badges = tuple(
        Badge(first, last, "北京大学", "Universitaire · Academic", (GROUPS[0],))
        for first, last in PEOPLE
    )
    target = io.BytesIO()
    draw_badges(BadgeSheet("Mission Tallinn 2023", badges), target)
    _assert_every_name_reads_back(target)
    assert "北京大学" in _words(target)
    # A long Chinese name is measured in the font that draws it, not as DejaVu's boxes.
    long_name = "欧阳" + "明" * 14
    fitted = fit_badge_name("", long_name, 70 * 2.835).first
    assert fitted.size >= FIRST_NAME_FLOOR
    for line in fitted.lines:
        assert string_width(line, fitted.font, fitted.size) <= 70 * 2.835
    assert string_width("王小明", BOLD, 20) == pytest.approx(3 * stringWidth("王", FALLBACK, 20))


def test_a_personal_itinerary_prints_the_chinese_and_arabic_names(tmp_path):
    chinese, arabic = tmp_path / "wang.pdf", tmp_path / "layla.pdf"
    draw_itinerary(_itinerary("王小明"), chinese)
    draw_itinerary(_itinerary("Layla حداد"), arabic)
    cover = unicodedata.normalize("NFKC", PdfReader(chinese).pages[0].extract_text())
    assert "王小明" in cover
    words = _words(arabic)
    assert "Layla" in words and _reads(words, "حداد")
    assert _reads(_raw_text(arabic), HADDAD_JOINED)
    assert "清华大学" in words and "护照" in words and _reads(words, "بطاقة")
    # The header of the following pages names the person too.
    assert "王小明" in PdfReader(chinese).pages[1].extract_text()


def test_the_fallback_font_is_embedded_only_where_needed_and_as_a_small_subset(tmp_path):
    latin_item = ItineraryItem(time(9), None, "Visit to TalTech", AgendaKind.VISIT)
    plain = replace(_itinerary("Layla حداد"), days=(ItineraryDay(date(2023, 5, 7), (latin_item,)),))
    without, with_chinese = tmp_path / "without.pdf", tmp_path / "with.pdf"
    draw_itinerary(plain, without)
    draw_itinerary(replace(plain, participant="王小明"), with_chinese)
    assert FALLBACK not in _font_names(without)
    assert FALLBACK in _font_names(with_chinese)
    droid = {name: size for name, size in _embedded_sizes(with_chinese).items() if FALLBACK in name}
    assert droid and all("+" in name for name in droid)  # a subset, not the 4 MB file
    assert sum(droid.values()) < 20_000
    assert with_chinese.stat().st_size - without.stat().st_size < 20_000


def test_each_character_is_drawn_by_a_font_that_has_it():
    assert font_runs("Mart Kask", BOLD) == [("Mart Kask", BOLD)]
    assert font_runs("Layla 王小明", REGULAR) == [("Layla ", REGULAR), ("王小明", FALLBACK)]
    # Noto Sans has no Arabic: DejaVu draws it, the Latin stays italic; Hebrew has its Noto.
    assert font_runs("Bring the بطاقة", ITALIC) == [("Bring the ", ITALIC), ("بطاقة", SYMBOLS)]
    assert font_runs("Noa לוי", BOLD) == [("Noa ", BOLD), ("לוי", HEBREW_BOLD)]
    nobody = "\U0010fffd"  # a private-use character: no font has it, it stays as it is
    assert font_runs(f"a{nobody}", REGULAR) == [(f"a{nobody}", REGULAR)]


@pytest.mark.skipif(
    system_file(EMOJI) is None, reason="no emoji font on this system (fonts-symbola)"
)
def test_emoji_print_in_the_system_s_symbol_font_and_read_back(tmp_path):
    notes = "Dress code 👔, bring 📱 and ☕ — party 🎉"
    item = ItineraryItem(time(20), None, "Dinner 🍷", AgendaKind.MEAL, notes=notes)
    path = tmp_path / "emoji.pdf"
    draw_itinerary(replace(_itinerary("Noa לוי"), days=(ItineraryDay(date(2023, 5, 7), (item,)),)),
                   path)  # fmt: skip
    assert font_runs("party 🎉", REGULAR) == [("party ", REGULAR), ("🎉", EMOJI)]
    words = _words(path)
    assert "🍷" in words and "👔" in words and "🎉" in words
    assert "Symbola" in " ".join(_font_names(path)) or EMOJI in _font_names(path)


def test_a_paragraph_keeps_bold_latin_and_falls_back_for_chinese_across_pages():
    paragraph = Paragraph("<b>Visit</b> 清华大学 <i>today</i>", styles()["body"])
    fonts = [(frag.text, frag.fontName) for frag in paragraph.frags]
    assert fonts == [("Visit", BOLD), (" ", REGULAR), ("清华大学", FALLBACK), (" ", REGULAR),
                     ("today", ITALIC)]  # fmt: skip
    # A paragraph cut at the end of a page keeps its fonts in both halves.
    long_text = " ".join(f"第{n}天 day {n}" for n in range(600))
    target = io.BytesIO()
    build_pdf(
        target, [PageBreak(), Paragraph(long_text, styles()["body"])], title="t", header="王小明"
    )
    reader = PdfReader(target)
    assert len(reader.pages) >= 3
    assert "第599天" in reader.pages[-1].extract_text()


def test_arabic_is_joined_before_it_is_put_in_visual_order():
    assert joined("حداد") == HADDAD_JOINED
    assert visual("Layla حداد") == "Layla " + HADDAD_JOINED[::-1]
    assert joined("Noa לוי") == "Noa לוי"  # Hebrew letters do not join
    # Only forms DejaVu can draw: no ﷲ ligature, a box nowhere.
    for name in ("عبد الله", "پرویز گلشیری", "محمد"):
        assert coverage(SYMBOLS).issuperset(visual(name))


def test_every_report_draws_its_text_through_the_fallback():
    """A bare ReportLab Paragraph or drawString would print Chinese as boxes again."""
    import re
    from pathlib import Path

    import delegation.reports

    bare = re.compile(
        r"from reportlab\.platypus import [^\n]*\bParagraph\b(?!Style)"
        r"|\.draw(?:Centred|Right)?String\(|\bstringWidth\("
    )
    folder = Path(delegation.reports.__file__).parent
    offenders = [
        path.name
        for path in folder.glob("*.py")
        if path.name != "fallback.py" and bare.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.parametrize("contact", ["דנה כהן", "عمر حداد"])
def test_a_phone_number_after_a_right_to_left_name_reads_as_typed(contact, tmp_path):
    place = Place("Azrieli", "Derech Menachem Begin 132", None, None, contact, "+972 3 608 1179")
    visit = ItineraryItem(time(9), time(11), "Visit", AgendaKind.VISIT, place=place)
    itinerary = replace(_itinerary("Noa"), days=(ItineraryDay(date(2023, 5, 7), (visit,)),))
    target = tmp_path / "on-site.pdf"
    draw_itinerary(itinerary, target)
    with pdfplumber.open(target) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    baselines: dict[float, list] = {}
    for char in chars:
        baselines.setdefault(round(char["matrix"][5], 1), []).append(char)
    drawn = [
        unicodedata.normalize(
            "NFKC", "".join(c["text"] for c in sorted(line, key=lambda c: c["x0"]))
        )
        for line in baselines.values()
    ]
    (on_site,) = [line for line in drawn if line.startswith("On site:")]
    # Left to right: the name's own field, then the number as it is dialled.
    assert on_site.endswith(", +972 3 608 1179"), on_site
    assert contact[::-1] in on_site or contact in on_site
