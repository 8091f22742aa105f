"""What every PDF shares: paragraph styles, running header, "page X of Y", atomic writing."""

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Table

from delegation.domain.private_files import write_privately
from delegation.i18n import _
from delegation.i18n.system_errors import unwritable
from delegation.reports.fallback import draw_string, string_width
from delegation.reports.fonts import BOLD, ITALIC, REGULAR, register_fonts
from delegation.reports.text import visual

INK = colors.HexColor("#1d2430")
ACCENT = colors.HexColor("#1f4e79")
MUTED = colors.HexColor("#5b6472")
RULE = colors.HexColor("#c9ced6")
SHADE = colors.HexColor("#eef2f7")

_RUNNING_SIZE = 8


@cache
def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=13, textColor=INK)

    def derive(name: str, **changes) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    return {
        "title": derive(
            "title", fontName=BOLD, fontSize=24, leading=29, textColor=ACCENT, spaceAfter=8
        ),
        "subtitle": derive("subtitle", fontSize=13, leading=17, textColor=MUTED, spaceAfter=6),
        "h1": derive(
            "h1",
            fontName=BOLD,
            fontSize=15,
            leading=19,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=6,
            keepWithNext=1,
        ),
        "h2": derive(
            "h2",
            fontName=BOLD,
            fontSize=11,
            leading=14,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "body": base,
        "small": derive("small", fontSize=8, leading=10.5, textColor=MUTED),
        "cell": derive("cell", fontSize=8.5, leading=11, alignment=TA_LEFT),
        "cell_bold": derive("cell_bold", fontName=BOLD, fontSize=8.5, leading=11),
        "note": derive("note", fontName=ITALIC, fontSize=8.5, leading=11.5, textColor=MUTED),
    }


def styles() -> dict[str, ParagraphStyle]:
    """The house styles in DejaVu: title, subtitle, h1, h2, body, small, cell, cell_bold, note."""
    return dict(_styles())


class _Table(Table):
    """Splits between rows; inside a row only when that row is taller than a whole page.

    A short row that does not fit the rest of a page moves to the next one whole, instead
    of leaving its last lines (or a QR code) alone at the top of the next page.
    """

    frame_height: float = 0.0  # set by build_pdf; 0: split rows wherever needed

    def split(self, availWidth, availHeight):
        heights = getattr(self, "_rowHeights", None) or [0]
        self.splitInRow = int(not self.frame_height or max(heights) > self.frame_height * 0.95)
        return super().split(availWidth, availHeight)


def table(
    data: list[list],
    col_widths: list[float] | None = None,
    *,
    repeat_rows: int = 0,
    style: list | None = None,
) -> Table:
    """A table that never stops a build: split between rows, and inside a row taller than a page."""
    return _Table(
        data,
        colWidths=col_widths,
        repeatRows=repeat_rows,
        splitByRow=1,
        splitInRow=1,
        # Plain-string cells too are in DejaVu: Table's default, Helvetica, is not embedded.
        style=[("FONT", (0, 0), (-1, -1), REGULAR, 8.5), *(style or [])],
        hAlign="LEFT",
    )


def _tell_tables(story: list[Flowable], frame_height: float) -> None:
    for flowable in story:
        if isinstance(flowable, _Table) or hasattr(type(flowable), "frame_height"):
            flowable.frame_height = frame_height  # tables, and rows that split like them
        inner = getattr(flowable, "_content", None)  # KeepTogether and the like
        if isinstance(inner, list):
            _tell_tables(inner, frame_height)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """The text cut with an ellipsis so that it fits the width (running headers are one line)."""
    if string_width(text, font, size) <= width:
        return text
    while text and string_width(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _numbered_canvas(header: str, first_page_plain: bool, counter: list[int]) -> type[Canvas]:
    """A canvas that keeps its pages until the end, when it knows how many there are."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            counter.append(total)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                if not (first_page_plain and number == 1):
                    self._decorate(number, total)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            width, height = self._pagesize
            margin = self._margin
            self.saveState()
            self.setFillColor(MUTED)
            top = height - margin + 4 * mm
            line = _fit(header, REGULAR, _RUNNING_SIZE, width - 2 * margin)
            draw_string(self, margin, top, line, REGULAR, _RUNNING_SIZE)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(margin, top - 2 * mm, width - margin, top - 2 * mm)
            page_text = _("Page {page} of {pages}").format(page=number, pages=total)
            bottom = margin - 8 * mm
            draw_string(
                self, width - margin, bottom, page_text, REGULAR, _RUNNING_SIZE, anchor="end"
            )
            self.restoreState()

    return NumberedCanvas


def build_pdf(
    target: str | Path | BinaryIO,
    story: list[Flowable],
    *,
    title: str,
    header: str,
    pagesize=A4,
    margins_mm: float = 15,
    first_page_plain: bool = False,
) -> int:
    """Draws the story with running header and "page X of Y"; returns the number of pages.

    A path is written atomically: readers never see half a PDF, a failure leaves the old file.
    """
    register_fonts()
    if isinstance(target, str | Path):
        return _write_atomically(
            Path(target),
            lambda stream: build_pdf(
                stream,
                story,
                title=title,
                header=header,
                pagesize=pagesize,
                margins_mm=margins_mm,
                first_page_plain=first_page_plain,
            ),
        )
    margin = margins_mm * mm
    width, height = pagesize
    # Room under the running header and above the page number.
    top, bottom = margin + 4 * mm, margin
    doc = BaseDocTemplate(
        target,
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        creator="Delegation",
        author="Delegation",
        allowSplitting=1,
        # Else the canvas starts in Helvetica, a font that is not embedded.
        initialFontName=REGULAR,
        initialFontSize=_RUNNING_SIZE,
    )
    frame = Frame(
        margin,
        bottom,
        width - 2 * margin,
        height - top - bottom,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    _tell_tables(story, frame._aH)
    counter: list[int] = []
    canvas_class = _numbered_canvas(visual(header), first_page_plain, counter)

    def make_canvas(*args, **kwargs):
        canvas = canvas_class(*args, **kwargs)
        canvas._margin = margin
        return canvas

    doc.build(story, canvasmaker=make_canvas)
    return counter[-1] if counter else 0


def _write_atomically(path: Path, write: Callable[[BinaryIO], int]) -> int:
    """Writes into a hidden owner-only file beside the target, then renames it over it."""
    try:
        return write_privately(path, write)
    except OSError as error:  # no such folder, no permission, the disk full, a folder there…
        raise unwritable(path, error) from None
