"""The alignment test page of a label sheet: each label's outline and safe margin at the
sheet's stated dimensions, to hold against the label stock before printing badges."""

import io
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from delegation.i18n import _
from delegation.i18n.formatting import format_number
from delegation.reports.badge_text import descent
from delegation.reports.badges import INK, MUTED, SheetLayout, draw_crop_marks, new_canvas
from delegation.reports.base import _write_atomically
from delegation.reports.fallback import draw_string, shorten
from delegation.reports.fonts import BOLD, CONDENSED
from delegation.reports.listing import fit_size
from delegation.reports.text import visual

OUTLINE = colors.HexColor("#1d2430")
SAFE_LINE = colors.HexColor("#c2410c")
NOTE_SIZE, NOTE_SMALLEST = 7.5, 6.0


def _mm(value: float) -> str:
    return _("{value} mm").format(value=format_number(value))


def _notes(layout: SheetLayout, number: int) -> list[tuple[str, str, float]]:
    """What each label says of itself and of the sheet: (text, font, largest size)."""
    sheet = _("{columns} × {rows} labels, the first {left} from the left and {top} from the top")
    gaps = _("gaps between labels: {across} across, {down} down")
    cut = (
        _("die-cut labels: the outline should fall on the cuts")
        if layout.die_cut
        else _("plain sheet: cut along the crop marks")
    )
    return [
        (str(number), BOLD, 14.0),
        (
            _("{width} × {height} label").format(
                width=_mm(layout.width_mm), height=_mm(layout.height_mm)
            ),
            BOLD,
            8.5,
        ),
        (
            _("text stays inside the dashed line, {margin} from the edge").format(
                margin=_mm(layout.safe_mm)
            ),
            CONDENSED,
            NOTE_SIZE,
        ),
        (
            sheet.format(
                columns=layout.columns,
                rows=layout.rows,
                left=_mm(layout.left_mm),
                top=_mm(layout.top_mm),
            ),
            CONDENSED,
            NOTE_SIZE,
        ),
        (gaps.format(across=_mm(layout.gap_x_mm), down=_mm(layout.gap_y_mm)), CONDENSED, NOTE_SIZE),
        (cut, CONDENSED, NOTE_SIZE),
        (
            _("print at actual size (100%), then hold against the label sheet"),
            CONDENSED,
            NOTE_SIZE,
        ),
    ]


def _draw_label(canvas: Canvas, layout: SheetLayout, index: int) -> None:
    x, y = layout.origin(index)
    left, bottom, right, top = layout.safe_box(index)
    canvas.setLineWidth(0.5)
    canvas.setStrokeColor(OUTLINE)
    canvas.rect(x, y, layout.width_mm * mm, layout.height_mm * mm, stroke=1, fill=0)
    canvas.setStrokeColor(SAFE_LINE)
    canvas.setDash(3, 2)
    canvas.rect(left, bottom, right - left, top - bottom, stroke=1, fill=0)
    canvas.setDash()
    room = right - left - 2 * mm
    cursor = top - 2 * mm
    for number, (text, font, largest) in enumerate(_notes(layout, index + 1)):
        shown = visual(text)
        size = fit_size(shown, font, room, largest, NOTE_SMALLEST)
        shown = shorten(shown, font, size, room)
        canvas.setFillColor(INK if number < 2 else MUTED)
        baseline = cursor - size * (1 + descent(shown, font))
        draw_string(canvas, (left + right) / 2, baseline, shown, font, size, anchor="middle")
        cursor -= size * 1.25


def draw_alignment_page(layout: SheetLayout, target: str | Path | BinaryIO) -> int:
    """One page: every label of the sheet outlined with its safe margin; returns 1."""
    if isinstance(target, str | Path):
        return _write_atomically(Path(target), lambda stream: draw_alignment_page(layout, stream))
    buffer = io.BytesIO()
    subject = _("Badge alignment test")
    canvas = new_canvas(buffer, f"{subject} — {layout.name}", subject)
    draw_crop_marks(canvas, layout, layout.per_sheet)
    for index in range(layout.per_sheet):
        _draw_label(canvas, layout, index)
    canvas.showPage()
    canvas.save()
    target.write(buffer.getvalue())
    return 1
