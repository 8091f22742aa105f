"""What every PDF shares: paragraph styles, running header, "page X of Y", atomic writing."""

import math
from collections.abc import Callable
from functools import cache, partial
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Table

from delegation.domain.private_files import write_privately
from delegation.i18n.system_errors import unwritable
from delegation.reports.document_info import PROGRAM, DocumentInfo, describe
from delegation.reports.fonts import BOLD, ITALIC, REGULAR, register_fonts
from delegation.reports.pages import RUNNING_SIZE, NumberedCanvas, Section
from delegation.reports.palette import ACCENT, INK, MUTED, RULE, SHADE

__all__ = ["ACCENT", "INK", "MUTED", "RULE", "SHADE", "build_pdf", "styles", "table"]


# The type scale, in points: each step about a quarter above the one below.
TYPE_SCALE = {"cover": 30, "title": 24, "person": 18, "h1": 15, "subtitle": 13, "h2": 11,
              "body": 9.5, "cell": 8.5, "small": 8}  # fmt: skip


def line_height(font: str, size: float) -> float:
    """The least leading under which a line's font box (the face's ascent and descent)
    does not reach into the next line's: Noto's "single" line spacing."""
    ascent, descent = pdfmetrics.getAscentDescent(font, size)
    return math.ceil((ascent - descent) * 10) / 10


@cache
def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    size = TYPE_SCALE
    base = ParagraphStyle(
        "body", fontName=REGULAR, fontSize=size["body"], leading=line_height(REGULAR, size["body"]),
        textColor=INK,
    )  # fmt: skip

    def derive(name: str, font: str = REGULAR, **changes) -> ParagraphStyle:
        points = changes.pop("fontSize", size.get(name, size["body"]))
        return ParagraphStyle(
            name, parent=base, fontName=font, fontSize=points,
            leading=line_height(font, points), **changes,
        )  # fmt: skip

    return {
        "title": derive("title", BOLD, textColor=ACCENT, spaceAfter=8),
        "subtitle": derive("subtitle", textColor=MUTED, spaceAfter=6),
        "h1": derive("h1", BOLD, textColor=ACCENT, spaceBefore=10, spaceAfter=6, keepWithNext=1),
        "h2": derive("h2", BOLD, spaceBefore=8, spaceAfter=3, keepWithNext=1),
        "body": base,
        "small": derive("small", textColor=MUTED),
        "cell": derive("cell", alignment=TA_LEFT),
        "cell_bold": derive("cell_bold", BOLD, fontSize=size["cell"]),
        "note": derive("note", ITALIC, fontSize=size["cell"], textColor=MUTED),
    }


def styles() -> dict[str, ParagraphStyle]:
    """The house styles: title, subtitle, h1, h2, body, small, cell, cell_bold, note."""
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
        # Plain-string cells too are in Noto Sans: Table's default, Helvetica, is not embedded.
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


class _Document(BaseDocTemplate):
    """Tells the canvas where the headings that carry a bookmark were drawn."""

    def afterFlowable(self, flowable: Flowable) -> None:
        entry = getattr(flowable, "outline_entry", None)
        if entry is not None:
            title, level = entry
            top = self.frame._y + flowable.getSpaceAfter() + getattr(flowable, "height", 0)
            self.canv.mark_outline(title, level, top + flowable.getSpaceBefore())


def build_pdf(
    target: str | Path | BinaryIO,
    story: list[Flowable],
    *,
    title: str,
    header: str,
    subject: str = "",
    author: str = "",
    language: str = "",
    pagesize=A4,
    margins_mm: float = 15,
    first_page_plain: bool = False,
    blank_after_odd: bool = False,
) -> int:
    """Draws the story with running header and "page X of Y"; returns the number of pages.

    `title`, `subject` (else the title), `author` (else the trip's organisers in force,
    else the program) and `language` (else the one in force) describe the file. The story
    may hold `SectionStart`s: each numbers its pages afresh under its own header; with
    `blank_after_odd`, a blank page follows an odd-length section (double-sided booklets).
    A path is written atomically: readers never see half a PDF, a failure leaves the old file.
    """
    register_fonts()
    info = DocumentInfo(title, subject or title, author, language).resolved()
    if isinstance(target, str | Path):
        return _write_atomically(
            Path(target),
            partial(
                build_pdf,
                story=story,
                title=info.title,
                header=header,
                subject=info.subject,
                author=info.author,
                language=info.language,
                pagesize=pagesize,
                margins_mm=margins_mm,
                first_page_plain=first_page_plain,
                blank_after_odd=blank_after_odd,
            ),
        )
    margin = margins_mm * mm
    width, height = pagesize
    # Room under the running header and above the page number.
    top, bottom = margin + 4 * mm, margin
    doc = _Document(
        target,
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=top,
        bottomMargin=bottom,
        title=info.title,
        subject=info.subject,
        creator=PROGRAM,
        author=info.author,
        lang=info.language,
        allowSplitting=1,
        # Else the canvas starts in Helvetica, a font that is not embedded.
        initialFontName=REGULAR,
        initialFontSize=RUNNING_SIZE,
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
    canvases: list[NumberedCanvas] = []

    def make_canvas(*args, **kwargs) -> NumberedCanvas:
        canvas = NumberedCanvas(*args, **kwargs)
        canvas.configure(Section(header, first_page_plain), margin, blank_after_odd=blank_after_odd)
        describe(canvas, info)
        canvases.append(canvas)
        return canvas

    doc.build(story, canvasmaker=make_canvas)
    return canvases[-1].pages_written if canvases else 0


def _write_atomically(path: Path, write: Callable[[BinaryIO], int]) -> int:
    """Writes into a hidden owner-only file beside the target, then renames it over it."""
    try:
        return write_privately(path, write)
    except OSError as error:  # no such folder, no permission, the disk full, a folder there…
        raise unwritable(path, error) from None
