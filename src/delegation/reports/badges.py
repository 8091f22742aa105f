"""Name badges on standard A4 label sheets, drawn at exact positions on the canvas.

Every text is measured before it is drawn: a long name shrinks, then goes on two lines,
then is cut with an ellipsis, so nothing ever leaves its badge.
"""

import io
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from delegation.domain.rules import full_name
from delegation.i18n import _
from delegation.reports.base import _write_atomically
from delegation.reports.document_info import DocumentInfo, describe
from delegation.reports.fallback import draw_string, string_width
from delegation.reports.fonts import BOLD, CONDENSED, CONDENSED_BOLD, REGULAR, register_fonts
from delegation.reports.listing import (
    GroupInfo,
    fit_size,
    group_colour,
    ink_of,
    readable_on,
    shorten,
)
from delegation.reports.text import visual

INK = colors.HexColor("#1d2430")
MUTED = colors.HexColor("#5b6472")
CUT_LINE = colors.HexColor("#d3d7dd")


@dataclass(frozen=True)
class SheetLayout:
    """A label sheet: how many badges across and down, their size and the sheet's margins."""

    name: str
    columns: int
    rows: int
    width_mm: float
    height_mm: float
    left_mm: float
    top_mm: float
    gap_x_mm: float = 0
    gap_y_mm: float = 0

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def origin(self, index: int) -> tuple[float, float]:
        """The lower-left corner, in points, of the badge at this place on the sheet."""
        row, column = divmod(index % self.per_sheet, self.columns)
        x = (self.left_mm + column * (self.width_mm + self.gap_x_mm)) * mm
        top = (self.top_mm + row * (self.height_mm + self.gap_y_mm)) * mm
        return x, A4[1] - top - self.height_mm * mm


LAYOUTS = {
    # Business-card size, 2 × 4 centred on A4: cut with a guillotine along the marks.
    "90x54": SheetLayout("90x54", 2, 4, 90, 54, left_mm=15, top_mm=40.5),
    # 10 per sheet like Avery C32011 / L4785-type badge sheets: 2 × 5, 10 mm between columns.
    "85x55": SheetLayout("85x55", 2, 5, 85, 55, left_mm=15, top_mm=11, gap_x_mm=10),
}


@dataclass(frozen=True)
class Badge:
    first_name: str
    last_name: str
    organization: str | None
    role: str  # bilingual, prepared: "Universitaire · Academic"
    groups: tuple[GroupInfo, ...] = ()


@dataclass(frozen=True)
class BadgeSheet:
    trip_title: str
    badges: tuple[Badge, ...]
    layout: str = "90x54"


# Sizes in points; the name's range is what a reader sees from two metres.
NAME_LARGEST = 20.0
NAME_ONE_LINE_SMALLEST = 14.0
NAME_SMALLEST = 7.0
_PAD = 4 * mm
_BAND = 9 * mm


@dataclass(frozen=True)
class FittedName:
    lines: tuple[str, ...]
    font: str
    size: float


def name_lines(first_name: str, last_name: str, width: float) -> FittedName:
    """The name's lines, font and size so that each line fits the width.

    One line in bold while it stays large; else the first name above the last name,
    shrunk together (in the condensed bold if that keeps them larger); at the smallest
    size, a line still too wide is cut with an ellipsis."""
    full = visual(full_name(first_name, last_name))
    size = fit_size(full, BOLD, width, NAME_LARGEST, NAME_ONE_LINE_SMALLEST)
    if string_width(full, BOLD, size) <= width:
        return FittedName((full,), BOLD, size)
    first, last = first_name.strip(), last_name.strip()
    # On two lines in the order the name is written: 王 above 小明, Noa above Levi.
    in_order = (last, first) if full_name(first, last) == f"{last}{first}" else (first, last)
    lines = tuple(visual(part) for part in in_order) if first and last else (full,)
    fitted = [
        FittedName(
            lines, font, min(fit_size(t, font, width, NAME_LARGEST, NAME_SMALLEST) for t in lines)
        )
        for font in (BOLD, CONDENSED_BOLD)
    ]
    best = max(fitted, key=lambda f: f.size)
    return FittedName(
        tuple(shorten(line, best.font, best.size, width) for line in best.lines),
        best.font,
        best.size,
    )


def _wrap(text: str, font: str, size: float, width: float, most: int) -> list[str]:
    """Words on at most `most` lines of this width; the last one cut if the text is longer."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < most:
        line = words.pop(0)
        while words and string_width(f"{line} {words[0]}", font, size) <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words:
        lines[-1] = f"{lines[-1]} {' '.join(words)}"
    return [shorten(line, font, size, width) for line in lines]


def _draw_band(canvas: Canvas, badge: Badge, x: float, top: float, width: float) -> None:
    """The group colour across the top, each group's name on its own stripe."""
    groups = badge.groups or (None,)
    stripe = width / len(groups)
    for index, group in enumerate(groups):
        left = x + index * stripe
        colour = group_colour(group)
        canvas.setFillColor(colour)
        canvas.rect(left, top - _BAND, stripe, _BAND, stroke=0, fill=1)
        if group is None:
            continue
        inset = 2 * mm if index else _PAD
        room = stripe - inset - 2 * mm
        label = visual(group.name)
        size = fit_size(label, CONDENSED_BOLD, room, 8.5, 6)
        canvas.setFillColor(readable_on(colour))
        baseline = top - _BAND / 2 - size * 0.35
        label = shorten(label, CONDENSED_BOLD, size, room)
        draw_string(canvas, left + inset, baseline, label, CONDENSED_BOLD, size)


def _draw_badge(canvas: Canvas, badge: Badge, trip_title: str, x: float, y: float,
                layout: SheetLayout) -> None:  # fmt: skip
    width, height = layout.width_mm * mm, layout.height_mm * mm
    inner = width - 2 * _PAD
    top = y + height
    _draw_band(canvas, badge, x, top, width)
    centre = x + width / 2

    # The name and the organization, centred in the space between the band and the footer.
    name = name_lines(badge.first_name, badge.last_name, inner)
    lines, size = name.lines, name.size
    organization = visual(badge.organization or "")
    org_size = 9.0
    org_lines = _wrap(organization, REGULAR, org_size, inner, 2) if organization else []
    name_leading, org_leading, gap = size * 1.15, org_size * 1.3, 2.5 * mm
    block = len(lines) * name_leading + (gap + len(org_lines) * org_leading if org_lines else 0)
    middle = (top - _BAND + y + 7 * mm) / 2
    cursor = middle + block / 2  # the block's top; each line hangs from it
    canvas.setFillColor(INK)
    for line in lines:
        draw_string(canvas, centre, cursor - size * 0.92, line, name.font, size, anchor="middle")
        cursor -= name_leading
    cursor -= gap
    canvas.setFillColor(MUTED)
    for line in org_lines:
        baseline = cursor - org_size * 0.95
        draw_string(canvas, centre, baseline, line, REGULAR, org_size, anchor="middle")
        cursor -= org_leading

    # Footer: the role in both languages on the left, the trip on the right.
    footer = y + 3.5 * mm
    canvas.setStrokeColor(CUT_LINE)
    canvas.setLineWidth(0.4)
    canvas.line(x + _PAD, y + 7 * mm, x + width - _PAD, y + 7 * mm)
    role = visual(badge.role)
    role_size = fit_size(role, CONDENSED_BOLD, inner * 0.55, 7.5, 6)
    role = shorten(role, CONDENSED_BOLD, role_size, inner * 0.55)
    role_width = string_width(role, CONDENSED_BOLD, role_size)
    canvas.setFillColor(ink_of(group_colour(badge.groups[0])) if badge.groups else MUTED)
    draw_string(canvas, x + _PAD, footer, role, CONDENSED_BOLD, role_size)
    room = inner - role_width - 3 * mm
    title = visual(trip_title)
    title_size = fit_size(title, CONDENSED, room, 7, 5.5)
    canvas.setFillColor(MUTED)
    title = shorten(title, CONDENSED, title_size, room)
    draw_string(canvas, x + width - _PAD, footer, title, CONDENSED, title_size, anchor="end")


def _draw_cut_marks(canvas: Canvas, layout: SheetLayout) -> None:
    """Light outlines of each badge, and crop marks in the sheet's margins."""
    page_width, page_height = A4
    width, height = layout.width_mm * mm, layout.height_mm * mm
    canvas.setStrokeColor(CUT_LINE)
    canvas.setLineWidth(0.3)
    xs, ys = set(), set()
    for index in range(layout.per_sheet):
        x, y = layout.origin(index)
        canvas.rect(x, y, width, height, stroke=1, fill=0)
        xs.update((x, x + width))
        ys.update((y, y + height))
    canvas.setStrokeColor(colors.HexColor("#6b7280"))
    low, high = min(ys), max(ys)
    left, right = min(xs), max(xs)
    mark, gap = 5 * mm, 1.5 * mm
    for x in xs:
        canvas.line(x, high + gap, x, min(high + gap + mark, page_height))
        canvas.line(x, low - gap, x, max(low - gap - mark, 0))
    for y in ys:
        canvas.line(left - gap, y, max(left - gap - mark, 0), y)
        canvas.line(right + gap, y, min(right + gap + mark, page_width), y)


def draw_badges(data: BadgeSheet, target: str | Path | BinaryIO) -> int:
    """Draws the badges, sheet after sheet in the given order; returns the number of sheets."""
    if data.layout not in LAYOUTS:
        raise ValueError(f"unknown badge layout {data.layout!r}")
    if isinstance(target, str | Path):
        return _write_atomically(Path(target), lambda stream: draw_badges(data, stream))
    register_fonts()
    layout = LAYOUTS[data.layout]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1, initialFontName=REGULAR)
    name = _("Name badges")
    describe(canvas, DocumentInfo(f"{name} — {data.trip_title}", name))
    pages = 0
    for start in range(0, max(len(data.badges), 1), layout.per_sheet):
        _draw_cut_marks(canvas, layout)
        for index, badge in enumerate(data.badges[start : start + layout.per_sheet]):
            x, y = layout.origin(index)
            _draw_badge(canvas, badge, data.trip_title, x, y, layout)
        canvas.showPage()
        pages += 1
    canvas.save()
    target.write(buffer.getvalue())
    return pages
