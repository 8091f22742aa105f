"""Name badges: sheets of 8 or 10, long names shrunk to fit, every script printed."""

import math

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from delegation.reports.badges import (
    LAYOUTS,
    NAME_SMALLEST,
    Badge,
    BadgeSheet,
    draw_badges,
    name_lines,
)
from delegation.reports.fonts import BOLD, register_fonts
from delegation.reports.listing import GroupInfo, fit_size, shorten
from delegation.reports.text import visual

GROUP_A = GroupInfo("A", "Groupe A — Cybersécurité & IA", "#1f5fa8")
GROUP_B = GroupInfo("B", "Groupe B — Startups & innovation", "#d9822b")


@pytest.fixture(autouse=True)
def _fonts():
    register_fonts()


def _badges(count: int) -> tuple[Badge, ...]:
    names = [
        ("Élodie", "Nicolaï", (GROUP_A,)),
        ("Jüri", "Õunapuu", (GROUP_B,)),
        ("Αλέξανδρος", "Παπαδόπουλος", ()),
        ("Дмитрий", "Иванов", (GROUP_A, GROUP_B)),
        ("דוד", "כהן", (GROUP_B,)),
    ]
    return tuple(
        Badge(first, last, "Tallinna Tehnikaülikool", "Universitaire · Academic", groups)
        for first, last, groups in (names[index % len(names)] for index in range(count))
    )


def _text(path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


@pytest.mark.parametrize(("layout", "count"), [("90x54", 17), ("90x54", 16), ("85x55", 17)])
def test_one_sheet_per_eight_or_ten_badges(tmp_path, layout, count):
    target = tmp_path / "badges.pdf"
    per_sheet = {"90x54": 8, "85x55": 10}[layout]
    pages = draw_badges(BadgeSheet("Mission Tallinn 2023", _badges(count), layout), target)
    assert pages == math.ceil(count / per_sheet) == len(PdfReader(target).pages)


def test_layouts_fit_on_a4():
    for layout in LAYOUTS.values():
        right = layout.left_mm + layout.columns * layout.width_mm
        right += (layout.columns - 1) * layout.gap_x_mm
        bottom = layout.top_mm + layout.rows * layout.height_mm
        bottom += (layout.rows - 1) * layout.gap_y_mm
        assert right <= 210 - 5 and bottom <= 297 - 5, layout.name
    assert LAYOUTS["90x54"].per_sheet == 8
    assert LAYOUTS["85x55"].per_sheet == 10


def test_every_script_prints_with_the_role_and_trip(tmp_path):
    target = tmp_path / "badges.pdf"
    draw_badges(BadgeSheet("Mission Tallinn 2023", _badges(5)), target)
    text = _text(target)
    for name in ("Élodie Nicolaï", "Jüri Õunapuu", "Αλέξανδρος Παπαδόπουλος", "Дмитрий Иванов"):
        assert name in text
    assert "כהן" in text or visual("כהן") in text
    assert "Universitaire · Academic" in text
    assert "Mission Tallinn 2023" in text
    assert "Groupe A — Cybersécurité & IA" in text


def test_a_short_name_stays_large_on_one_line():
    name = name_lines("Léa", "Brémond", 82 * mm)
    assert name.lines == ("Léa Brémond",) and name.size == 20 and name.font == BOLD


def test_a_sixty_character_name_fits_the_badge():
    first, last = "Marie-Clémentine Éléonore", "de La Rochefoucauld-Montmorency-Laval"
    assert len(f"{first} {last}") >= 60
    width = 90 * mm - 8 * mm
    name = name_lines(first, last, width)
    assert name.size >= 11
    for line in name.lines:
        assert stringWidth(line, name.font, name.size) <= width
    assert name.lines == (first, last)  # shrunk, not cut


def test_a_name_too_long_for_any_size_is_cut_not_overflowing():
    width = 60 * mm
    name = name_lines("", "W" * 120, width)
    (line,) = name.lines
    assert name.size == NAME_SMALLEST
    assert stringWidth(line, name.font, name.size) <= width and line.endswith("…")


def test_fit_size_and_shorten():
    width = stringWidth("Õunapuu", BOLD, 12)
    assert fit_size("Õunapuu", BOLD, width, 20, 6) == 12
    assert fit_size("Õunapuu", BOLD, width * 10, 20, 6) == 20
    assert fit_size("Õunapuu", BOLD, 1, 20, 6) == 6
    assert shorten("Õunapuu", BOLD, 12, width) == "Õunapuu"
    cut = shorten("Õunapuu Õunapuu", BOLD, 12, width)
    assert cut.endswith("…") and stringWidth(cut, BOLD, 12) <= width


def test_long_organizations_and_hundreds_of_badges(tmp_path):
    badges = tuple(
        Badge("Prénom", f"Nom {index}", "Organisation " * 40, "Presse · Press", (GROUP_A,))
        for index in range(400)
    )
    assert draw_badges(BadgeSheet("T" * 300, badges, "85x55"), tmp_path / "many.pdf") == 40


def test_no_text_outside_its_badge(tmp_path):
    """Each run of text starts inside a badge and, measured, ends inside it."""
    target = tmp_path / "badges.pdf"
    long_one = Badge(
        "Marie-Clémentine Éléonore", "de La Rochefoucauld-Montmorency-Laval",
        "Université " * 30, "Équipe organisatrice · Staff", (GROUP_A, GROUP_B),
    )  # fmt: skip
    draw_badges(BadgeSheet("Mission " * 20, (long_one,) * 8, "90x54"), target)
    layout = LAYOUTS["90x54"]
    boxes = [layout.origin(index) for index in range(8)]
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            runs.append((text, tm[4] + cm[4], tm[5] + cm[5]))

    PdfReader(target).pages[0].extract_text(visitor_text=visit)
    assert runs
    for text, x, y in runs:
        assert any(
            bx <= x <= bx + layout.width_mm * mm and by <= y <= by + layout.height_mm * mm
            for bx, by in boxes
        ), text
