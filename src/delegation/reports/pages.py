"""Pages numbered "X of Y" per section under a running header, and the bookmarks they hold.

A document is one section; a booklet is one section per person, numbered afresh, each
starting on a right-hand page. The canvas keeps a section's pages until the section ends,
when it knows how many there are, then writes them (and their bookmarks, which must be
bound to the page as it is written).
"""

from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from delegation.i18n import _
from delegation.reports.fallback import draw_string, shorten
from delegation.reports.fonts import REGULAR
from delegation.reports.palette import MUTED, RULE
from delegation.reports.shared_drawing import enrol
from delegation.reports.text import visual

RUNNING_SIZE = 8


@dataclass(frozen=True)
class Section:
    """A run of pages numbered on their own, under one running header."""

    header: str
    first_page_plain: bool = False  # a cover: no header, no number
    page_text: str = ""  # "Page {page} of {pages}" in the section's language; empty: at the end
    outline: str | None = None  # a bookmark on its first page, its own bookmarks below it


class SectionStart(Flowable):
    """Takes no room: the page it lands on starts a new section."""

    _ZEROSIZE = True

    def __init__(self, section: Section) -> None:
        super().__init__()
        self.section = section

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self) -> None:
        self.canv.start_section(self.section)


def outlined(flowable: Flowable, title: str, level: int = 0) -> Flowable:
    """The flowable (a heading) with a bookmark to it in the document's outline."""
    flowable.outline_entry = (title, level)
    return flowable


@dataclass
class _Book:
    """What outlives a page's saved state: counts over the whole file."""

    pages: int = 0
    bookmarks: int = 0
    blank_after_odd: bool = False
    section: Section = field(default_factory=lambda: Section(""))


class NumberedCanvas(Canvas):
    """A canvas that holds a section's pages until it ends, then numbers and writes them."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        enrol(self._doc)
        self._margin = 15 * mm
        self._pages: list[dict] = []
        self._book = _Book()
        self._outline_marks: list[tuple[str, int, float]] = []

    def configure(self, section: Section, margin: float, *, blank_after_odd: bool) -> None:
        self._book.section = section
        self._book.blank_after_odd = blank_after_odd
        self._margin = margin

    @property
    def pages_written(self) -> int:
        return self._book.pages

    def mark_outline(self, title: str, level: int, top: float) -> None:
        """A bookmark at height `top` of the page being drawn."""
        self._outline_marks.append((title, level, top))

    def start_section(self, section: Section) -> None:
        if self._pages:
            self._write_section()
        self._book.section = section

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()
        self._outline_marks = []

    def save(self):
        self._write_section()
        if self._book.bookmarks:
            self.showOutline()
        super().save()

    def _write_section(self) -> None:
        live = dict(self.__dict__)  # the page being drawn, if any: put back afterwards
        book, pages = self._book, self._pages
        section, total = book.section, len(pages)
        page_text = section.page_text or _("Page {page} of {pages}")
        width = self._pagesize[0] - 2 * self._margin
        header = shorten(visual(section.header), REGULAR, RUNNING_SIZE, width)
        below = 1 if section.outline else 0
        for number, state in enumerate(pages, start=1):
            self.__dict__.update(state)
            if number == 1 and section.outline:
                self._bookmark(section.outline, 0, self._pagesize[1])
            for title, level, top in state["_outline_marks"]:
                self._bookmark(title, level + below, top)
            if not (section.first_page_plain and number == 1):
                self._decorate(header, page_text.format(page=number, pages=total))
            super().showPage()
        book.pages += total
        if book.blank_after_odd and total % 2:  # the next section starts on a right-hand page
            super().showPage()
            book.pages += 1
        self.__dict__.update(live)
        pages.clear()

    def _bookmark(self, title: str, level: int, top: float) -> None:
        self._book.bookmarks += 1
        key = f"outline{self._book.bookmarks}"
        self.bookmarkHorizontalAbsolute(key, top)
        self.addOutlineEntry(title, key, level)

    def _decorate(self, header: str, page_text: str) -> None:
        width, height = self._pagesize
        margin = self._margin
        self.saveState()
        self.setFillColor(MUTED)
        top = height - margin + 4 * mm
        draw_string(self, margin, top, header, REGULAR, RUNNING_SIZE)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(margin, top - 2 * mm, width - margin, top - 2 * mm)
        bottom = margin - 8 * mm
        draw_string(self, width - margin, bottom, page_text, REGULAR, RUNNING_SIZE, anchor="end")
        self.restoreState()
