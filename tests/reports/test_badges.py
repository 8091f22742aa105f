"""Name badges: sheets of 8 or 10 at the stated label positions, text inside each label's
safe margin, large first names in every script, nothing in the empty slots."""

import io
import math

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from tests.reports.pdf_geometry import Rect, Run, read_page

from delegation.reports.badge_alignment import draw_alignment_page
from delegation.reports.badge_text import (
    FIRST_NAME_FLOOR,
    FIRST_NAME_LARGEST,
    LAST_NAME_FLOOR,
    ORGANIZATION_SIZE,
    fit_badge_name,
)
from delegation.reports.badges import (
    BAND_SMALLEST,
    LAYOUTS,
    ROLE_SMALLEST,
    TRIP_SMALLEST,
    Badge,
    BadgeSheet,
    draw_badges,
)
from delegation.reports.fallback import shorten, string_width
from delegation.reports.fonts import BOLD, register_fonts
from delegation.reports.listing import GroupInfo, fit_size
from delegation.reports.text import visual

GROUP_A = GroupInfo("A", "Groupe A — Cybersécurité & IA", "#1f5fa8")
GROUP_B = GroupInfo("B", "Groupe B — Startups & innovation", "#d9822b")
TOLERANCE = 0.5 * mm
A4_HEIGHT = 297 * mm

# The label sheets as their makers state them, in mm: columns, rows, label width and
# height, left and top margins, gaps across and down; and the safe margin inside.
STATED = {
    "90x54": (2, 4, 90, 54, 15, 40.5, 0, 0),
    "85x55": (2, 5, 85, 55, 15, 11, 10, 0),
}
SAFE_MM = 3


@pytest.fixture(autouse=True)
def _fonts():
    register_fonts()


def _labels(layout: str) -> list[tuple[float, float, float, float]]:
    """Each label's left, bottom, right and top in points, from the stated dimensions."""
    columns, rows, width, height, left, top, gap_x, gap_y = STATED[layout]
    boxes = []
    for row in range(rows):
        for column in range(columns):
            x = (left + column * (width + gap_x)) * mm
            y_top = A4_HEIGHT - (top + row * (height + gap_y)) * mm
            boxes.append((x, y_top - height * mm, x + width * mm, y_top))
    return boxes


def _inset(box, by_mm: float = SAFE_MM) -> tuple[float, float, float, float]:
    inset = by_mm * mm
    return box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset


def _matches(rect: Rect, box) -> bool:
    edges = (rect.left, rect.bottom, rect.right, rect.top)
    return all(abs(a - b) <= TOLERANCE for a, b in zip(edges, box, strict=True))


def _inside(run: Run, box) -> bool:
    left, bottom, right, top = box
    return (
        left - 0.01 <= run.left
        and run.right <= right + 0.01
        and bottom - 0.01 <= run.bottom
        and run.top <= top + 0.01
    )


def _touches(item: Rect | Run, box) -> bool:
    left, bottom, right, top = box
    return item.left < right and item.right > left and item.bottom < top and item.top > bottom


def _badges(count: int) -> tuple[Badge, ...]:
    names = [
        ("Élodie", "Nicolaï", (GROUP_A,)),
        ("Jüri", "Õunapuu", (GROUP_B,)),
        ("Αλέξανδρος", "Παπαδόπουλος", ()),
        ("Дмитрий", "Иванов", (GROUP_A, GROUP_B)),
        ("דוד", "כהן", (GROUP_B,)),
    ]
    return tuple(
        Badge(
            first,
            last,
            "Tallinna Tehnikaülikool",
            "Universitaire · Academic",
            groups,
            "Universitaire",
        )
        for first, last, groups in (names[index % len(names)] for index in range(count))
    )


def _read(target: io.BytesIO, page: int = 0) -> tuple[list[Rect], list[Run]]:
    return read_page(PdfReader(target), page)


def _text(path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


@pytest.mark.parametrize(("layout", "count"), [("90x54", 17), ("90x54", 16), ("85x55", 17)])
def test_one_sheet_per_eight_or_ten_badges(tmp_path, layout, count):
    target = tmp_path / "badges.pdf"
    per_sheet = {"90x54": 8, "85x55": 10}[layout]
    pages = draw_badges(BadgeSheet("Mission Tallinn 2023", _badges(count), layout), target)
    assert pages == math.ceil(count / per_sheet) == len(PdfReader(target).pages)


def test_layouts_fit_on_a4_as_stated():
    for name, layout in LAYOUTS.items():
        assert (
            layout.columns,
            layout.rows,
            layout.width_mm,
            layout.height_mm,
            layout.left_mm,
            layout.top_mm,
            layout.gap_x_mm,
            layout.gap_y_mm,
        ) == STATED[name]
        assert layout.safe_mm == SAFE_MM
        right = max(box[2] for box in _labels(name))
        bottom = min(box[1] for box in _labels(name))
        assert right <= 205 * mm and bottom >= 5 * mm, name
    assert LAYOUTS["85x55"].die_cut and not LAYOUTS["85x55"].band_bleeds
    assert LAYOUTS["90x54"].band_bleeds


def test_every_script_prints_with_the_role_and_trip(tmp_path):
    target = tmp_path / "badges.pdf"
    draw_badges(BadgeSheet("Mission Tallinn 2023", _badges(5)), target)
    text = _text(target)
    for name in ("Élodie", "Nicolaï", "Jüri", "Õunapuu", "Αλέξανδρος", "Παπαδόπουλος"):
        assert name in text
    assert "כהן" in text or visual("כהן") in text
    assert "Universitaire · Academic" in text
    assert "Mission Tallinn 2023" in text
    assert "Groupe A — Cybersécurité & IA" in text


@pytest.mark.parametrize("layout", ["90x54", "85x55"])
def test_the_alignment_page_outlines_each_stated_label_and_its_safe_margin(layout):
    target = io.BytesIO()
    assert draw_alignment_page(LAYOUTS[layout], target) == 1
    rects, runs = _read(target)
    stroked = [rect for rect in rects if rect.stroked]
    labels = _labels(layout)
    assert len(stroked) == 2 * len(labels)
    for number, label in enumerate(labels, start=1):
        assert sum(_matches(rect, label) for rect in stroked) == 1, number
        assert sum(_matches(rect, _inset(label)) for rect in stroked) == 1, number
        inside = [run for run in runs if _touches(run, label)]
        assert any(run.text == str(number) for run in inside)
        assert all(_inside(run, _inset(label)) for run in inside)
    assert all(any(_touches(run, label) for label in labels) for run in runs)
    width, height = layout.split("x")
    assert f"{width} mm × {height} mm" in _text(target)


@pytest.mark.parametrize("layout", ["90x54", "85x55"])
def test_bands_sit_on_the_stated_labels(layout):
    """On a guillotined sheet the band runs to the cut at the top and sides; on die-cut
    labels it stays inside the safe margin."""
    target = io.BytesIO()
    labels = _labels(layout)
    draw_badges(BadgeSheet("Mission", _badges(len(labels))[:1] * len(labels), layout), target)
    rects, _runs = _read(target)
    bands = [rect for rect in rects if rect.filled]
    assert len(bands) == len(labels)
    for label, band in zip(labels, bands, strict=True):
        left, _bottom, right, top = label if layout == "90x54" else _inset(label)
        assert abs(band.left - left) <= TOLERANCE and abs(band.right - right) <= TOLERANCE
        assert abs(band.top - top) <= TOLERANCE
        assert band.bottom >= (label[1] + label[3]) / 2  # in the upper half
    assert not [rect for rect in rects if rect.stroked]  # no frame on the cut


@pytest.mark.parametrize(("layout", "count"), [("90x54", 3), ("85x55", 7)])
def test_empty_slots_draw_nothing(layout, count):
    target = io.BytesIO()
    draw_badges(BadgeSheet("Mission", _badges(count), layout), target)
    rects, runs = _read(target)
    labels = _labels(layout)
    assert rects and runs
    for empty in labels[count:]:
        assert not [item for item in [*rects, *runs] if _touches(item, empty)]
    for item in [*rects, *runs]:
        assert any(_touches(item, used) for used in labels[:count])


def test_a_staff_badge_says_so_on_its_band():
    staff = Badge(
        "Claire",
        "Martin",
        "Business France",
        "Équipe organisatrice · Staff",
        (),
        "Équipe organisatrice",
        organiser=True,
    )
    press = Badge("Tom", "Kask", "ERR", "Presse · Press", (), "Presse")
    uncategorised = Badge("Ann", "Lee", None, "Invitée · Guest")
    target = io.BytesIO()
    draw_badges(BadgeSheet("Mission", (staff, press, uncategorised), "85x55"), target)
    rects, runs = _read(target)
    bands = [rect for rect in rects if rect.filled]
    assert len(bands) == 3
    expected = ("Équipe organisatrice", "Presse", "Invitée · Guest")
    for band, words in zip(bands, expected, strict=True):
        on_band = [
            run for run in runs if _inside(run, (band.left, band.bottom, band.right, band.top))
        ]
        assert [run.text for run in on_band] == [words]
        assert on_band[0].size >= BAND_SMALLEST


LONG_NAMES = [
    ("明远志", "欧阳"),  # family name first, whole on the large line
    ("عبد الرحمن", "الحداد"),
    ("Παναγιώτης-Κωνσταντίνος", "Παπαδημητρόπουλος"),
    ("Kristjan-Õnnelik", "Vähi-Kõrvemäe-Õunapuu"),
]


@pytest.mark.parametrize("layout", ["90x54", "85x55"])
def test_long_first_names_stay_on_one_line_and_inside_the_safe_margin(layout):
    badges = tuple(
        Badge(
            first,
            last,
            "Université de Tartu — Institut des sciences informatiques " * 2,
            "Universitaire · Academic",
            (GROUP_A, GROUP_B),
            "Universitaire",
        )
        for first, last in LONG_NAMES
    )
    target = io.BytesIO()
    draw_badges(BadgeSheet("Mission Tel Aviv 2024 " * 4, badges, layout), target)
    _rects, runs = _read(target)
    labels = _labels(layout)
    for label, (first, _last) in zip(labels, LONG_NAMES, strict=False):
        inside = [run for run in runs if _touches(run, label)]
        assert inside and all(_inside(run, _inset(label)) for run in inside), first
        large = "欧阳明远志" if first == "明远志" else first
        lines: dict[float, list[Run]] = {}
        for run in inside:
            lines.setdefault(round(run.baseline, 2), []).append(run)
        big = [line for line in lines.values() if "".join(r.text for r in line) == visual(large)]
        assert len(big) == 1, first  # one line, not broken
        assert all(run.size >= FIRST_NAME_FLOOR for run in big[0])
        smallest = min(run.size for run in inside if run not in big[0])
        assert smallest >= min(ROLE_SMALLEST, TRIP_SMALLEST)


def test_minimum_sizes_keep_the_name_above_the_company_line():
    assert FIRST_NAME_FLOOR >= ORGANIZATION_SIZE and LAST_NAME_FLOOR >= ORGANIZATION_SIZE
    assert min(BAND_SMALLEST, ROLE_SMALLEST, TRIP_SMALLEST) >= 6


def test_a_short_name_stays_large():
    name = fit_badge_name("Léa", "Brémond", 84 * mm)
    assert name.first.lines == ("Léa",) and name.first.size == FIRST_NAME_LARGEST
    assert name.first.font == BOLD
    assert name.last is not None and name.last.lines == ("Brémond",)


def test_a_first_name_too_long_for_the_floor_breaks_at_a_hyphen_or_space():
    first = "Marie-Clémentine-Éléonore-Joséphine Anne-Sophie"
    width = 84 * mm
    name = fit_badge_name(first, "de La Rochefoucauld-Montmorency-Laval", width)
    lines = name.first.lines
    assert len(lines) == 2 and name.first.size >= FIRST_NAME_FLOOR
    assert lines[0].endswith("-") or first[len(lines[0])] == " "
    assert " ".join(lines).replace("- ", "-") == first  # whole words, none cut
    for line in lines:
        assert string_width(line, name.first.font, name.first.size) <= width
    assert name.last is not None and name.last.size >= LAST_NAME_FLOOR
    assert name.last.size <= max(LAST_NAME_FLOOR, name.first.size * 0.75)  # a step below


def test_a_word_too_long_for_any_line_is_cut_at_the_floor_not_shrunk():
    width = 60 * mm
    name = fit_badge_name("", "W" * 120, width)
    (line,) = name.first.lines
    assert name.first.size == FIRST_NAME_FLOOR and line.endswith("…")
    assert stringWidth(line, name.first.font, name.first.size) <= width


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


def test_no_text_outside_the_safe_margin_however_long():
    long_one = Badge(
        "Marie-Clémentine Éléonore",
        "de La Rochefoucauld-Montmorency-Laval",
        "Université " * 30,
        "Équipe organisatrice · Staff",
        (GROUP_A, GROUP_B),
    )
    target = io.BytesIO()
    draw_badges(BadgeSheet("Mission " * 20, (long_one,) * 8, "90x54"), target)
    _rects, runs = _read(target)
    boxes = [_inset(label) for label in _labels("90x54")]
    assert len(runs) >= 8 * 6
    for run in runs:
        assert any(_inside(run, box) for box in boxes), run.text
