"""What the printed lists share: their heading, their tables, group colours, fitted text."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, PageBreak, Spacer, Table

from delegation.i18n.formatting import format_date
from delegation.reports.base import ACCENT, RULE, SHADE, build_pdf, styles, table
from delegation.reports.breaking import fitted_cell
from delegation.reports.fallback import Paragraph, string_width
from delegation.reports.text import escape, marked

NO_GROUP_COLOUR = "#8a9099"
_STRIPE = colors.HexColor("#f7f8fa")


@dataclass(frozen=True)
class GroupInfo:
    """A visit group as the lists show it: its code, name and colour ("#1f5fa8")."""

    code: str
    name: str
    colour: str | None = None


MARGIN_MM = 15  # every list has the same margins


def long_day(value: date) -> str:
    """ "Monday 8 May 2023" / "lundi 8 mai 2023", as the documents write a day."""
    return format_date(value, "EEEE d MMMM y")


def group_colour(group: GroupInfo | None) -> colors.Color:
    """The group's colour; grey for no group or a colour that cannot be read."""
    try:
        return colors.HexColor((group.colour if group else None) or NO_GROUP_COLOUR)
    except ValueError:
        return colors.HexColor(NO_GROUP_COLOUR)


def _luminance(colour: colors.Color) -> float:
    return 0.2126 * colour.red + 0.7152 * colour.green + 0.0722 * colour.blue


def readable_on(background: colors.Color) -> colors.Color:
    """White or near-black text, whichever reads better on this background."""
    return colors.white if _luminance(background) < 0.6 else colors.HexColor("#1d2430")


def ink_of(colour: colors.Color) -> colors.Color:
    """The colour itself for text on white, darkened when it is too light to read."""
    luminance = _luminance(colour)
    if luminance <= 0.45:
        return colour
    keep = 0.45 / luminance
    return colors.Color(colour.red * keep, colour.green * keep, colour.blue * keep)


def fit_size(text: str, font: str, width: float, largest: float, smallest: float) -> float:
    """The largest size, by half points from `largest` to `smallest`, at which the text
    fits the width; `smallest` when even that is too wide."""
    size = largest
    while size > smallest and string_width(text, font, size) > width:
        size -= 0.5
    return max(size, smallest)


@cache
def _right_aligned(style: str) -> ParagraphStyle:
    return ParagraphStyle(f"{style}_right", parent=styles()[style], alignment=TA_RIGHT)


def cell(text: object, style: str = "cell", *, right: bool = False) -> Paragraph:
    """One table cell: escaped, right-to-left names in reading order, lines kept."""
    lines = str(text).split("\n") if text not in (None, "") else []
    chosen = _right_aligned(style) if right else styles()[style]
    return Paragraph("<br/>".join(escape(marked(line)) for line in lines), chosen)


def heading(title: str, subtitle: str, notice: str | None = None) -> list[Flowable]:
    """The top of a list: its title, what it is about, and a warning if it carries one."""
    sheet = styles()
    parts: list[Flowable] = [
        Paragraph(escape(marked(title)), sheet["title"]),
        Paragraph(escape(marked(subtitle)), sheet["subtitle"]),
    ]
    if notice:
        box = table([[cell(notice, "cell_bold")]], style=_NOTICE_STYLE)
        parts += [Spacer(1, 2), box]
    parts.append(Spacer(1, 8))
    return parts


_NOTICE_STYLE = [
    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fdf1e4")),
    ("LINEBEFORE", (0, 0), (0, -1), 2.5, colors.HexColor("#c0661b")),
    ("LEFTPADDING", (0, 0), (-1, -1), 7),
    ("TOPPADDING", (0, 0), (-1, -1), 4),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
]


_CELL_PADDING = 4


def list_table(
    headers: list[str],
    rows: list[list],
    widths: list[float],
    *,
    shades: Sequence[tuple[int, colors.Color]] = (),
) -> Table:
    """A list's table: header repeated on every page, light stripes, rows that may split.

    Cells are Paragraphs from `cell`; `widths` are in points. `shades`
    paints one cell of a body row (row index from 0, without the header) — a group colour.
    """
    data = [[cell(header, "cell_bold") for header in headers], *rows]
    # Measured against each column: names whole, addresses broken after their punctuation.
    inner = [width - 2 * _CELL_PADDING for width in widths]
    data = [[fitted_cell(c, w) for c, w in zip(row, inner, strict=False)] for row in data]
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, _STRIPE]),
        ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    for row, colour in shades:
        style.append(("LINEBEFORE", (0, row + 1), (0, row + 1), 3, colour))
    return table(data, widths, repeat_rows=1, style=style)


def columns(total: float, weights: Sequence[float]) -> list[float]:
    """Column widths in points that share `total` in proportion to the weights."""
    whole = sum(weights)
    return [total * weight / whole for weight in weights]


def counts_table(rows: list[tuple[str, str]], width: float, title: str | None = None) -> Table:
    """A small two-column summary: what is counted, and how many; under a title if given."""
    data: list[list[Paragraph | str]] = [
        [cell(label), cell(value, "cell_bold", right=True)] for label, value in rows
    ]
    style = [
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if title:
        data.insert(0, [cell(title, "cell_bold"), ""])
        style += [
            ("SPAN", (0, 0), (-1, 0)),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ]
    return table(data, [width * 0.75, width * 0.25], style=style)


def side_by_side(parts: list[Flowable], width: float) -> Table:
    """Small blocks next to each other, top-aligned, sharing the width."""
    gap = 8
    each = (width - gap * (len(parts) - 1)) / len(parts)
    cells: list[Flowable | str] = []
    widths: list[float] = []
    for index, part in enumerate(parts):
        if index:
            cells.append("")
            widths.append(gap)
        cells.append(part)
        widths.append(each)
    return table(
        [cells],
        widths,
        style=[("VALIGN", (0, 0), (-1, -1), "TOP"), *_NO_PADDING],
    )


_NO_PADDING = [
    (name, (0, 0), (-1, -1), 0)
    for name in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
]


def build_list(target, story: list[Flowable], *, name: str, trip_title: str) -> int:
    """A list document: its name and the trip in the PDF title and the running header."""
    return build_pdf(
        target,
        story,
        title=f"{name} — {trip_title}",
        header=f"{trip_title} — {name}",
        subject=name,
        margins_mm=MARGIN_MM,
    )


def one_per_page(parts: list[list[Flowable]]) -> list[Flowable]:
    """Sections that each start on a new page (a hotel, a visit)."""
    story: list[Flowable] = []
    for index, part in enumerate(parts):
        if index:
            story.append(PageBreak())
        story += part
    return story
