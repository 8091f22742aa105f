"""Name badges on standard A4 label sheets, drawn at exact positions on the canvas.

Every text stays inside each label's safe margin and is measured before it is drawn:
the first name shrinks down to a stated floor, then breaks at a space or hyphen; what
still cannot fit is cut with an ellipsis, so nothing ever leaves its badge.
"""

import io
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from delegation.i18n import _
from delegation.reports.badge_text import (
    ORGANIZATION_SIZE,
    FittedLines,
    descent,
    fit_badge_name,
    wrap_or_cut,
)
from delegation.reports.base import _write_atomically
from delegation.reports.document_info import DocumentInfo, describe
from delegation.reports.fallback import draw_string, shorten, string_width
from delegation.reports.fonts import CONDENSED, CONDENSED_BOLD, REGULAR, register_fonts
from delegation.reports.listing import (
    GroupInfo,
    fit_size,
    group_colour,
    ink_of,
    readable_on,
)
from delegation.reports.text import visual

INK = colors.HexColor("#1d2430")
MUTED = colors.HexColor("#5b6472")
RULE = colors.HexColor("#d3d7dd")
CROP_MARK = colors.HexColor("#6b7280")
ORGANISER_BAND = INK  # organisers are told apart by a dark band, whatever their groups

# The smallest sizes, in points, of the small print: below them a printed line blurs.
BAND_LARGEST, BAND_SMALLEST = 8.5, 6.5
ROLE_LARGEST, ROLE_SMALLEST = 7.5, 6.0
TRIP_LARGEST, TRIP_SMALLEST = 7.0, 6.0
BAND_HEIGHT_MM = 7.0  # below the safe margin; a bleeding band also covers the margin
FOOTER_HEIGHT_MM = 4.5
_LEADING = 1.12


@dataclass(frozen=True)
class SheetLayout:
    """A label sheet: badges across and down, their size, the sheet's margins and gaps.

    `safe_mm` is kept free of text inside every label, so that a sheet fed a millimetre
    askew or cut a little off the line loses no letter. `die_cut` says how the labels
    come apart: die-cut label stock peels off along cuts made in the factory, and a
    printer's registration (about ±1 mm) would leave colour printed up to the cut as a
    white rim on one side and a stripe on the backing on the other, so the band stays
    inside the safe margin and nothing marks the cuts. Plain sheets cut with a guillotine
    along crop marks let the band's colour run to the cut edge (top and sides), where a
    cut a little inside the line still falls in the colour.
    """

    name: str
    columns: int
    rows: int
    width_mm: float
    height_mm: float
    left_mm: float
    top_mm: float
    gap_x_mm: float = 0
    gap_y_mm: float = 0
    die_cut: bool = False
    safe_mm: float = 3.0

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    @property
    def band_bleeds(self) -> bool:
        """Whether the band's colour runs to the label's edge (only on guillotined sheets)."""
        return not self.die_cut

    def origin(self, index: int) -> tuple[float, float]:
        """The lower-left corner, in points, of the badge at this place on the sheet."""
        row, column = divmod(index % self.per_sheet, self.columns)
        x = (self.left_mm + column * (self.width_mm + self.gap_x_mm)) * mm
        top = (self.top_mm + row * (self.height_mm + self.gap_y_mm)) * mm
        return x, A4[1] - top - self.height_mm * mm

    def safe_box(self, index: int) -> tuple[float, float, float, float]:
        """Left, bottom, right and top, in points, of the label's area that text may use."""
        x, y = self.origin(index)
        inset = self.safe_mm * mm
        return (
            x + inset,
            y + inset,
            x + self.width_mm * mm - inset,
            y + self.height_mm * mm - inset,
        )


LAYOUTS = {
    # Business-card size, 2 × 4 centred on plain A4: cut with a guillotine along the marks.
    "90x54": SheetLayout("90x54", 2, 4, 90, 54, left_mm=15, top_mm=40.5),
    # 10 die-cut labels per sheet like Avery L4785-type badge sheets: 2 × 5, 10 mm
    # between the columns.
    "85x55": SheetLayout("85x55", 2, 5, 85, 55, left_mm=15, top_mm=11, gap_x_mm=10, die_cut=True),
}


@dataclass(frozen=True)
class Badge:
    first_name: str
    last_name: str
    organization: str | None
    role: str  # bilingual, prepared: "Universitaire · Academic"
    groups: tuple[GroupInfo, ...] = ()
    category: str = ""  # in the document's language: the band's words without a group
    organiser: bool = False


@dataclass(frozen=True)
class BadgeSheet:
    trip_title: str
    badges: tuple[Badge, ...]
    layout: str = "90x54"


def _baseline_under(top: float, text: str, font: str, size: float) -> float:
    """The baseline that puts the line's box (its size, from the font's descent up) right
    under `top`."""
    return top - size * (1 + descent(text, font))


def _draw_band(canvas: Canvas, badge: Badge, layout: SheetLayout, index: int) -> None:
    """The colour across the top, one stripe per group with its name; without a group,
    the participant's category (organisers on a dark band): never an empty band."""
    left, _bottom, right, safe_top = layout.safe_box(index)
    x, y = layout.origin(index)
    label_top = y + layout.height_mm * mm
    band_bottom = safe_top - BAND_HEIGHT_MM * mm
    # A bleeding band covers the margin up to the cut, and the margin's width on the sides.
    top = label_top if layout.band_bleeds else safe_top
    band_left = x if layout.band_bleeds else left
    band_right = x + layout.width_mm * mm if layout.band_bleeds else right
    if badge.organiser or not badge.groups:
        words = badge.category or badge.role  # a sheet made without categories still says one
        stripes = [(ORGANISER_BAND if badge.organiser else group_colour(None), words)]
    else:
        stripes = [(group_colour(group), group.name) for group in badge.groups]
    stripe = (band_right - band_left) / len(stripes)
    for number, (colour, words) in enumerate(stripes):
        start = band_left + number * stripe
        canvas.setFillColor(colour)
        canvas.rect(start, band_bottom, stripe, top - band_bottom, stroke=0, fill=1)
        # The words stay inside the safe box even where the stripe runs to the edge.
        text_left = max(start + 1.5 * mm, left)
        room = min(start + stripe - 1.5 * mm, right) - text_left
        label = visual(words)
        size = fit_size(label, CONDENSED_BOLD, room, BAND_LARGEST, BAND_SMALLEST)
        label = shorten(label, CONDENSED_BOLD, size, room)
        if not label:
            continue
        canvas.setFillColor(readable_on(colour))
        middle = (safe_top + band_bottom) / 2
        baseline = _baseline_under(middle + size / 2, label, CONDENSED_BOLD, size)
        draw_string(canvas, text_left, baseline, label, CONDENSED_BOLD, size)


def _draw_lines(canvas: Canvas, fitted: FittedLines, centre: float, top: float) -> float:
    """Each line centred under the previous one from `top`; returns where they end."""
    for line in fitted.lines:
        draw_string(
            canvas,
            centre,
            _baseline_under(top, line, fitted.font, fitted.size),
            line,
            fitted.font,
            fitted.size,
            anchor="middle",
        )
        top -= fitted.size * _LEADING
    return top


def _draw_badge(
    canvas: Canvas, badge: Badge, trip_title: str, layout: SheetLayout, index: int
) -> None:
    left, bottom, right, safe_top = layout.safe_box(index)
    inner = right - left
    centre = (left + right) / 2
    _draw_band(canvas, badge, layout, index)

    # The name, the organisation under it, centred between the band and the footer.
    footer_top = bottom + FOOTER_HEIGHT_MM * mm
    space_top = safe_top - BAND_HEIGHT_MM * mm - 1.5 * mm
    room = space_top - footer_top - 1 * mm
    name = fit_badge_name(badge.first_name, badge.last_name, inner)
    parts = [name.first] + ([name.last] if name.last else [])
    organization = (badge.organization or "").strip()
    gap = 2 * mm
    org_lines: list[str] = []
    for most in (2, 1, 0):  # the organisation gives way before the name does
        org_lines = wrap_or_cut(organization, REGULAR, ORGANIZATION_SIZE, inner, most)
        org_lines = org_lines[:most] if organization else []
        fitted = FittedLines(tuple(org_lines), REGULAR, ORGANIZATION_SIZE)
        block = sum(len(p.lines) * p.size * _LEADING for p in [*parts, fitted])
        block += gap if org_lines else 0
        if block <= room:
            break
    cursor = min(space_top, (space_top + footer_top) / 2 + block / 2)
    canvas.setFillColor(INK)
    for part in parts:
        cursor = _draw_lines(canvas, part, centre, cursor)
    canvas.setFillColor(MUTED)
    if org_lines:
        _draw_lines(
            canvas, FittedLines(tuple(org_lines), REGULAR, ORGANIZATION_SIZE), centre, cursor - gap
        )

    # Footer: the role in both languages on the left, the trip on the right.
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    canvas.line(left, footer_top, right, footer_top)
    role = visual(badge.role)
    role_room = inner * 0.55
    role_size = fit_size(role, CONDENSED_BOLD, role_room, ROLE_LARGEST, ROLE_SMALLEST)
    role = shorten(role, CONDENSED_BOLD, role_size, role_room)
    colour = INK if badge.organiser or not badge.groups else group_colour(badge.groups[0])
    canvas.setFillColor(ink_of(colour) if badge.groups else MUTED)
    line_top = bottom + role_size
    draw_string(
        canvas,
        left,
        _baseline_under(line_top, role, CONDENSED_BOLD, role_size),
        role,
        CONDENSED_BOLD,
        role_size,
    )
    title_room = inner - string_width(role, CONDENSED_BOLD, role_size) - 3 * mm
    title = visual(trip_title)
    title_size = fit_size(title, CONDENSED, title_room, TRIP_LARGEST, TRIP_SMALLEST)
    title = shorten(title, CONDENSED, title_size, title_room)
    canvas.setFillColor(MUTED)
    draw_string(
        canvas,
        right,
        _baseline_under(bottom + title_size, title, CONDENSED, title_size),
        title,
        CONDENSED,
        title_size,
        anchor="end",
    )


def draw_crop_marks(canvas: Canvas, layout: SheetLayout, used: int) -> None:
    """Crop marks in the sheet's margins, on the lines that bound the labels in use.

    A guillotine cuts straight across the sheet, so marks at the ends of each line are
    all it needs; none are drawn on the labels themselves, where half a hairline would
    stay on the badge's edge after the cut, and none for rows or columns left empty on a
    last sheet. Die-cut sheets get no marks: the cuts are made already.
    """
    if layout.die_cut or used <= 0:
        return
    page_width, page_height = A4
    width, height = layout.width_mm * mm, layout.height_mm * mm
    xs: set[float] = set()
    ys: set[float] = set()
    for index in range(min(used, layout.per_sheet)):
        x, y = layout.origin(index)
        xs.update((round(x, 3), round(x + width, 3)))
        ys.update((round(y, 3), round(y + height, 3)))
    canvas.setStrokeColor(CROP_MARK)
    canvas.setLineWidth(0.3)
    low, high, left, right = min(ys), max(ys), min(xs), max(xs)
    mark, gap = 5 * mm, 1.5 * mm
    for x in sorted(xs):
        canvas.line(x, high + gap, x, min(high + gap + mark, page_height))
        canvas.line(x, low - gap, x, max(low - gap - mark, 0))
    for y in sorted(ys):
        canvas.line(left - gap, y, max(left - gap - mark, 0), y)
        canvas.line(right + gap, y, min(right + gap + mark, page_width), y)


def new_canvas(buffer: BinaryIO, title: str, subject: str) -> Canvas:
    """An A4 canvas with the fonts registered and the document described (document_info)."""
    register_fonts()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1, initialFontName=REGULAR)
    describe(canvas, DocumentInfo(title, subject))
    return canvas


def draw_badges(data: BadgeSheet, target: str | Path | BinaryIO) -> int:
    """Draws the badges, sheet after sheet in the given order; returns the number of sheets.

    The slots after the last badge stay blank: no band, no frame, no marks."""
    if data.layout not in LAYOUTS:
        raise ValueError(f"unknown badge layout {data.layout!r}")
    if isinstance(target, str | Path):
        return _write_atomically(Path(target), lambda stream: draw_badges(data, stream))
    layout = LAYOUTS[data.layout]
    buffer = io.BytesIO()
    name = _("Name badges")
    canvas = new_canvas(buffer, f"{name} — {data.trip_title}", name)
    pages = 0
    for start in range(0, max(len(data.badges), 1), layout.per_sheet):
        on_sheet = data.badges[start : start + layout.per_sheet]
        draw_crop_marks(canvas, layout, len(on_sheet))
        for index, badge in enumerate(on_sheet):
            _draw_badge(canvas, badge, data.trip_title, layout, index)
        canvas.showPage()
        pages += 1
    canvas.save()
    target.write(buffer.getvalue())
    return pages
