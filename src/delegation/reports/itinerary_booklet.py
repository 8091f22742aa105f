"""The booklet: every personal itinerary in one PDF, for double-sided printing.

Drawn as one document rather than merged from the personal files, so that it embeds one
set of font subsets instead of one per person. Each itinerary keeps its own page numbers,
header and language, starts on a right-hand page, and has a bookmark under which its own
(days) are nested.
"""

from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import Flowable, PageBreak

from delegation.i18n import _, ngettext, speaking
from delegation.reports.base import build_pdf
from delegation.reports.elements import written_date_range
from delegation.reports.itinerary import (
    itinerary_header,
    itinerary_story,
)
from delegation.reports.itinerary_model import Itinerary
from delegation.reports.pages import Section, SectionStart


class BookletStopped(Exception):
    """The booklet was stopped while drawn: nothing of it is written."""


class _Reached(Flowable):
    """Takes no room: tells how many itineraries are drawn as the next one begins."""

    _ZEROSIZE = True

    def __init__(self, done: int, reached: Callable[[int], object]) -> None:
        super().__init__()
        self.done, self.reached = done, reached

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self) -> None:
        if self.reached(self.done) is False:
            raise BookletStopped


def booklet_story(
    itineraries: Sequence[Itinerary], reached: Callable[[int], object] | None = None
) -> list[Flowable]:
    """The itineraries one after another, each numbered on its own pages and bookmarked
    under its person's name, each in its own language; `reached(done)` is called as each
    begins to be drawn, and stops the booklet by answering False."""
    story: list[Flowable] = []
    for done, itinerary in enumerate(itineraries):
        with speaking(itinerary.language):
            if done:
                story.append(PageBreak())
            if reached is not None:
                story.append(_Reached(done, reached))
            section = Section(
                itinerary_header(itinerary),
                first_page_plain=True,
                page_text=_("Page {page} of {pages}"),
                outline=itinerary.participant or itinerary.trip_title,
            )
            story.append(SectionStart(section))
            story += itinerary_story(itinerary)
    return story


def booklet_language(itineraries: Sequence[Itinerary]) -> str:
    """The language most of the itineraries are in (the first one's when as many)."""
    counts = Counter(itinerary.language for itinerary in itineraries)
    return max(counts, key=counts.__getitem__)  # max keeps the first of equals: in order


def draw_booklet(
    itineraries: Sequence[Itinerary],
    target: str | Path | BinaryIO,
    reached: Callable[[int], object] | None = None,
) -> int:
    """Draws the itineraries into one booklet; returns its number of pages (blank ones too).

    `reached(done)` follows the drawing; answering False raises BookletStopped, and a
    file target is then left as it was."""
    if not itineraries:
        raise ValueError("a booklet needs at least one itinerary")
    first = itineraries[0]
    language = booklet_language(itineraries)
    with speaking(language):
        title = _("Personal itineraries — {trip}").format(trip=first.trip_title)
        subject = ngettext(
            "The personal itinerary of {count} participant, {destination}, {dates}",
            "The personal itineraries of {count} participants, {destination}, {dates}",
            len(itineraries),
        ).format(
            count=len(itineraries),
            destination=first.destination,
            dates=written_date_range(first.start, first.end, language),
        )
        return build_pdf(
            target,
            booklet_story(itineraries, reached),
            title=title,
            header=first.trip_title,
            subject=subject,
            author=next(iter(first.organisers), ""),
            language=language,
            first_page_plain=True,
            blank_after_odd=True,
        )
