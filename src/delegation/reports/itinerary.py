"""The itinerary PDF: cover, practical page, travel, then the programme day by day.

Draws an `Itinerary` (itinerary_model.py) in the language it names; reads nothing else.
"""

import threading
from collections.abc import Callable, Iterable
from copy import copy
from datetime import time
from functools import cache
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, PageBreak, Spacer

from delegation.domain.enums import AgendaStatus
from delegation.domain.scheduling import end_minutes, minutes_of_day
from delegation.i18n import _, current_language, speaking
from delegation.i18n.formatting import format_end_time, format_time, format_time_range
from delegation.reports.base import ACCENT, MUTED, RULE, build_pdf, styles
from delegation.reports.breaking import break_long_words, fit, fitting_size
from delegation.reports.day_block import DayBlock
from delegation.reports.elements import markup, written_date_range, written_day
from delegation.reports.fallback import Paragraph
from delegation.reports.fonts import BOLD, ITALIC, REGULAR
from delegation.reports.itinerary_model import (
    Host,
    Itinerary,
    ItineraryDay,
    ItineraryItem,
    Place,
    RepeatedTime,
)
from delegation.reports.itinerary_parts import (
    FRAME_WIDTH,
    QR_SIZE,
    LabelledQr,
    cover,
    practical_page,
    qr_cell,
    travel_section,
)
from delegation.reports.pages import outlined

TIME_WIDTH = 22 * mm
QR_COLUMN = QR_SIZE + 4 * mm

_ROW_TOP, _ROW_BOTTOM, _ROW_GAP = 5, 6, 6  # the padding of a row, and before a column's rule


class _Column:
    """One column of a row: where it stands, its flowables wrapped to its inner width, and
    the venue whose QR code it shows below them when the venue has none yet on the page."""

    __slots__ = ("content", "heights", "left", "qr", "width", "x")

    def __init__(self, x: float, width: float, left: float, content, heights=None, qr=None) -> None:
        self.x, self.width, self.left = x, width, left
        self.content = tuple(content)
        if heights is None:
            inner = self.inner_width
            heights = tuple(f.wrap(inner, 72000)[1] for f in self.content)
        self.heights = tuple(heights)
        self.qr: LabelledQr | None = qr

    @property
    def inner_width(self) -> float:
        return self.width - self.left - _ROW_GAP

    @property
    def height(self) -> float:
        return sum(self.heights)

    def height_with(self, qr_shown: bool) -> float:
        if not (qr_shown and self.qr):
            return self.height
        return self.height + (_QR_GAP if self.content else 0) + self.qr.height


_QR_GAP = 3


def _venues_on_page(canv) -> set[str]:
    """The venues (map addresses) whose QR code the canvas's current page shows already."""
    page = canv.getPageNumber()
    shown = getattr(canv, "_venue_qrs", None)
    if shown is None or shown[0] != page:
        shown = canv._venue_qrs = (page, set())
    return shown[1]


class AgendaRow(Flowable):
    """One row of the programme: the time, then the item(s) side by side, a rule below.

    A light replacement for a one-row Table: the columns' flowables come wrapped (and, for
    items shared by many itineraries, from a cache), so the row costs a few draws. Like the
    house tables, it moves whole to the next page unless it is taller than a page, when it
    splits inside (`frame_height` is set by build_pdf).

    A venue's QR code is printed once per page, at its first item there: the row decides
    where it lands (its height depends on it), as its wrap is asked again on each page.
    """

    frame_height: float = 0.0

    def __init__(
        self,
        columns: list[_Column],
        dividers: tuple[float, ...] = (),
        *,
        top: float = _ROW_TOP,
        bottom: float = _ROW_BOTTOM,
        in_columns: bool = False,
    ) -> None:
        super().__init__()
        self.columns = columns
        self.in_columns = in_columns  # its items stand in the day's group columns
        self.dividers = dividers  # x of the rules between parallel items
        self.top, self.bottom = top, bottom
        # Every column's every flowable wrapped and measured: the row is as tall as the
        # tallest, with the venue's QR code where it is printed.
        self.width = FRAME_WIDTH
        self._shown: tuple[bool, ...] = tuple(c.qr is not None for c in columns)
        self.height = self._height(self._shown)
        self.hAlign = "LEFT"

    def _height(self, shown: tuple[bool, ...]) -> float:
        tallest = max(
            (c.height_with(s) for c, s in zip(self.columns, shown, strict=True)), default=0
        )
        return tallest + self.top + self.bottom

    def _qrs_to_show(self) -> tuple[bool, ...]:
        canv = getattr(self, "canv", None)
        if canv is None:  # measured off a page: as if every code were printed
            return tuple(c.qr is not None for c in self.columns)
        on_page = _venues_on_page(canv)
        shown, seen = [], set()
        for column in self.columns:
            url = column.qr.url if column.qr else None
            shown.append(url is not None and url not in on_page and url not in seen)
            seen.add(url)
        return tuple(shown)

    def wrap(self, available_width, available_height):
        self._shown = self._qrs_to_show()
        self.height = self._height(self._shown)
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        top = self.height - self.top
        shown = self._qrs_to_show()
        for column, show in zip(self.columns, shown, strict=True):
            y = top
            x = column.x + column.left
            for flowable, height in zip(column.content, column.heights, strict=True):
                y -= height
                flowable.drawOn(canv, x, y)
            if show and column.qr is not None:
                y -= (_QR_GAP if column.content else 0) + column.qr.height
                column.qr.drawOn(canv, x, y, _sW=column.inner_width - column.qr.width)
                _venues_on_page(canv).add(column.qr.url)
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.4)
        canv.line(0, 0, self.width, 0)
        for x in self.dividers:
            canv.line(x, 0, x, self.height)
        canv.restoreState()

    def split(self, available_width, available_height):
        if self.frame_height and self.height <= self.frame_height * 0.95:
            return []  # a short row goes whole to the next page
        room = available_height - self.top - self.bottom
        firsts, rests = [], []
        for column, shown in zip(self.columns, self._shown, strict=True):
            # The code stays with the item's first lines (under them, or beside them) when
            # there is room for both; else it goes on with the rest.
            qr_room = column.height_with(True) - column.height if shown else 0
            first, rest = _split_column(column, room - qr_room)
            keep = shown and qr_room <= room and bool(first or not column.content)
            firsts.append(
                _Column(column.x, column.width, column.left, first, qr=column.qr if keep else None)
            )
            rests.append(
                _Column(column.x, column.width, column.left, rest, qr=None if keep else column.qr)
            )
        if not any(c.content for c in firsts):
            return []
        shape = {"top": self.top, "bottom": self.bottom, "in_columns": self.in_columns}
        second = AgendaRow(rests, self.dividers, **shape)
        second.frame_height = self.frame_height
        return [AgendaRow(firsts, self.dividers, **shape), second]


def _split_column(column: _Column, room: float) -> tuple[list[Flowable], list[Flowable]]:
    """The column's flowables that fit in `room`, and the rest (a paragraph cut between lines)."""
    first: list[Flowable] = []
    used = 0.0
    content = list(column.content)
    for index, (flowable, height) in enumerate(zip(content, column.heights, strict=True)):
        if used + height <= room:
            first.append(flowable)
            used += height
            continue
        # A copy: a paragraph that cannot split forgets its lines, and this one may be cached.
        parts = copy(flowable).split(column.inner_width, room - used) if room > used else []
        if len(parts) > 1:
            return first + parts[:1], parts[1:] + content[index + 1 :]
        return first, content[index:]
    return first, []


def draw_itinerary(itinerary: Itinerary, target: str | Path | BinaryIO) -> int:
    """Draws the itinerary into a file or stream; returns the number of pages."""
    with speaking(itinerary.language):
        header = itinerary_header(itinerary)
        return build_pdf(
            target,
            itinerary_story(itinerary),
            title=header,
            header=header,
            subject=itinerary_subject(itinerary),
            author=next(iter(itinerary.organisers), ""),
            language=itinerary.language,
            first_page_plain=True,
        )


def itinerary_header(itinerary: Itinerary) -> str:
    """ "Mission Tallinn 2026 — Kadri Tamm": the trip, and the person of a personal one."""
    if itinerary.participant:
        return f"{itinerary.trip_title} — {itinerary.participant}"
    return itinerary.trip_title


def itinerary_subject(itinerary: Itinerary) -> str:
    """What the document is, in its language (the language must already be in force)."""
    dates = written_date_range(itinerary.start, itinerary.end, itinerary.language)
    if itinerary.participant:
        return _("Personal itinerary of {name}, {destination}, {dates}").format(
            name=itinerary.participant, destination=itinerary.destination, dates=dates
        )
    return _("Itinerary of the delegation, {destination}, {dates}").format(
        destination=itinerary.destination, dates=dates
    )


def itinerary_story(itinerary: Itinerary) -> list[Flowable]:
    """The flowables of the whole document (the language must already be in force)."""
    story = cover(itinerary)
    story.append(PageBreak())
    story += practical_page(itinerary)
    story += travel_section(itinerary)
    story.append(PageBreak())
    for number, day in enumerate(itinerary.days, start=1):
        story += day_section(
            number, day, itinerary.language, itinerary.groups, itinerary.participant_groups
        )
    if not itinerary.days:
        story.append(Paragraph(_("The programme is not known yet."), styles()["body"]))
    return story


def day_section(
    number: int,
    day: ItineraryDay,
    language: str,
    trip_groups: tuple[str, ...] = (),
    own_groups: tuple[str, ...] = (),
) -> list[Flowable]:
    """The day as one block: its heading (again, marked continued, atop each further page),
    the names of its group columns when groups split, then its rows."""
    st = styles()
    title = _("Day {number} — {date}").format(number=number, date=written_day(day.day, language))
    columns = day_columns(day.items, trip_groups, own_groups)
    heading: list[Flowable] = [outlined(Paragraph(markup(title), st["h1"]), title), _day_rule()]
    continued: list[Flowable] = [
        Paragraph(markup(_("{day} (continued)").format(day=title)), _continued_style()),
        _day_rule(),
    ]
    if columns:
        heading.append(_columns_header(columns))
        continued.append(_columns_header(columns))
    rows: list[Flowable] = [_cluster_row(c, columns) for c in parallel_clusters(day.items)]
    if not day.items:
        rows.append(Paragraph(_("Nothing planned."), st["note"]))
    return [DayBlock(heading, continued, rows), _DayGap(4 * mm)]


def _day_rule() -> Flowable:
    return HRFlowable(width="100%", thickness=0.8, color=ACCENT, spaceBefore=0, spaceAfter=2)


@cache
def _continued_style() -> ParagraphStyle:
    return ParagraphStyle("continued", parent=styles()["h2"], textColor=ACCENT, spaceBefore=0)


@cache
def _column_label_style() -> ParagraphStyle:
    return ParagraphStyle("column", parent=styles()["cell_bold"], textColor=ACCENT)


def day_columns(
    items: Iterable[ItineraryItem],
    trip_groups: tuple[str, ...] = (),
    own_groups: tuple[str, ...] = (),
) -> list[str]:
    """The groups that have items of their own that day, in the trip's order (those the trip
    does not list after, as met): one column each, the same all day. None for one group.

    A personal itinerary (`own_groups`: the person's) has columns for the person's groups
    only: an item shared with another group stands in the column of the person's."""
    met: list[str] = []
    for item in sorted(items, key=lambda i: (i.start, _end_minutes(i))):
        met += [g for g in item.groups if g not in met and (not own_groups or g in own_groups)]
    if len(met) < 2:
        return []
    order = {name: index for index, name in enumerate(trip_groups)}
    return sorted(met, key=lambda g: (order.get(g, len(order)), met.index(g)))


def _column_geometry(columns: list[str], first: int, last: int) -> tuple[float, float, float]:
    """x, width and left padding of the span of columns first..last."""
    width = (FRAME_WIDTH - TIME_WIDTH) / len(columns)
    return TIME_WIDTH + first * width, (last - first + 1) * width, _ROW_GAP if first else 0


def _columns_header(columns: list[str]) -> Flowable:
    cells = [_Column(0, TIME_WIDTH, 0, [])]
    for index, name in enumerate(columns):
        x, width, left = _column_geometry(columns, index, index)
        inner = width - left - _ROW_GAP
        text, size = fit(name, BOLD, _column_label_style().fontSize, inner)
        label = Paragraph(_sized(text, size, _column_label_style().fontSize), _column_label_style())
        cells.append(_Column(x, width, left, [label]))
    dividers = tuple(_column_geometry(columns, i, i)[0] for i in range(1, len(columns)))
    labels = AgendaRow(cells, dividers, top=2, bottom=3)
    labels.labels_columns = True  # left out above a page part with no row in columns
    return labels


def _sized(text: str, size: float, normal: float) -> str:
    """The user text as markup, in a smaller font when it had to shrink to fit."""
    if size == normal:
        return markup(text)
    return f"<font size='{size}'>{markup(text)}</font>"


def _spans(items: list[ItineraryItem], columns: list[str]) -> list[tuple[int, int]]:
    """The columns each item of a row covers: from its first group's to its last's, as far as
    no other item of the row claims a column between."""
    index = {name: number for number, name in enumerate(columns)}
    own = [sorted(index[g] for g in item.groups if g in index) or [0] for item in items]
    spans = []
    for number, mine in enumerate(own):
        others = {c for other, theirs in enumerate(own) if other != number for c in theirs}
        last = mine[0]
        while last < mine[-1] and last + 1 not in others:
            last += 1
        spans.append((mine[0], last))
    return spans


class _DayGap(Spacer):
    """The space after a day. It shrinks to what is left at the foot of a page instead of
    going over, alone, to a page of its own (the last day's made a blank last page)."""

    _ZEROSIZE = True  # asked to wrap even when nothing is left

    def __init__(self, height: float) -> None:
        super().__init__(1, height)
        self.gap = height

    def wrap(self, available_width, available_height):
        self.height = max(0.0, min(self.gap, available_height))
        return self.width, self.height


def _end_minutes(item: ItineraryItem) -> int:
    return end_minutes(item.start, item.end)


def parallel_clusters(items: Iterable[ItineraryItem]) -> list[list[ItineraryItem]]:
    """Items grouped where they run at the same time for different groups."""
    clusters: list[list[ItineraryItem]] = []
    cluster_end = 0
    for item in sorted(items, key=lambda i: (i.start, _end_minutes(i))):
        last = clusters[-1] if clusters else None
        if (
            last
            and item.groups
            and all(other.groups for other in last)
            and not any(set(item.groups) & set(other.groups) for other in last)
            and (minutes_of_day(item.start) < cluster_end or item.start == last[0].start)
        ):
            last.append(item)
            cluster_end = max(cluster_end, _end_minutes(item))
        else:
            clusters.append([item])
            cluster_end = _end_minutes(item)
    return clusters


def _repeated_text(repeated: RepeatedTime) -> str:
    """Which of a time that happens twice that night is meant: "03:30 after the clocks go
    back (UTC+2)"."""
    text = (
        _("{time} after the clocks go back ({offset})")
        if repeated.second
        else _("{time} before the clocks go back ({offset})")
    )
    return text.format(time=format_time(repeated.at), offset=repeated.offset)


def _time_text(start: time, end: str | None, parallel: bool) -> str:
    text = f"<b>{format_time(start)}</b>"
    if end:
        text += f"<br/><font size='8' color='{_MUTED}'>– {markup(end)}</font>"
    if parallel:
        label = markup(_("in parallel"))
        text += f"<br/><font size='8' color='{_MUTED}'>{label}</font>"
    return text


def _time_column(items: list[ItineraryItem]) -> _Column:
    start = min(i.start for i in items)
    # The row ends with whichever item ends last, counting past midnight on.
    last = max((i for i in items if i.end), key=_end_minutes, default=None)
    end = format_end_time(last.start, last.end) if last and last.end else None
    parallel = len(items) > 1

    def make() -> list[Flowable]:
        return [Paragraph(_time_text(start, end, parallel), _item_style())]

    key = ("time", start, end, parallel, current_language())
    return _Column(0, TIME_WIDTH, 0, *_cached(key, TIME_WIDTH - _ROW_GAP, make))


# The wrapped flowables of a cell, by what decides them: an item shared by hundreds of
# personal itineraries is parsed and broken into lines once per process, not once per copy.
# Drawing them again is safe: a wrapped Paragraph keeps its lines and only reads them. One
# cache per thread, as a flowable holds its canvas while it draws.
_local = threading.local()
_CELLS_MAX = 4096

Cell = tuple[tuple[Flowable, ...], tuple[float, ...]]


def clear_cell_cache() -> None:
    """Forgets the wrapped cells (for a benchmark's cold figures; memory is bounded anyway)."""
    _local.cells = {}


def _cached(key: tuple, width: float, make: Callable[[], list[Flowable]]) -> Cell:
    """The cell's flowables wrapped to `width`, and their heights."""
    cells: dict[tuple, Cell] | None = getattr(_local, "cells", None)
    if cells is None or len(cells) >= _CELLS_MAX:
        cells = _local.cells = {}
    cell = cells.get(key)
    if cell is None:
        content = tuple(make())
        cell = cells[key] = (content, tuple(f.wrap(width, 72000)[1] for f in content))
    return cell


def _venue_qr(item: ItineraryItem, align: str) -> LabelledQr | None:
    qr = qr_cell(item.place, align=align) if item.place else None
    return qr if isinstance(qr, LabelledQr) else None


def _item_column(item: ItineraryItem, x: float, width: float, left: float, *, parallel: bool):
    inner = width - left - _ROW_GAP
    key = ("item", item, inner, parallel, current_language())
    content = _cached(key, inner, lambda: item_cell(item, inner, times=parallel))
    return _Column(x, width, left, *content, qr=_venue_qr(item, "LEFT") if parallel else None)


def _cluster_row(items: list[ItineraryItem], columns: list[str] | None = None) -> Flowable:
    """A row: the time, then the item across the page (the whole delegation's, or any when
    the day has no group columns) or each item in its group's column."""
    time_column = _time_column(items)
    if not columns and len(items) > 1:
        columns = sorted({g for item in items for g in item.groups})  # not met: a safe default
    if not columns or (len(items) == 1 and not items[0].groups):
        item = items[0]
        width = FRAME_WIDTH - TIME_WIDTH - QR_COLUMN
        return AgendaRow(
            [
                time_column,
                _item_column(item, TIME_WIDTH, width, 0, parallel=False),
                _Column(TIME_WIDTH + width, QR_COLUMN, 0, [], qr=_venue_qr(item, "CENTER")),
            ]
        )
    spans = _spans(items, columns)
    cells = [time_column]
    for item, (first, last) in sorted(zip(items, spans, strict=True), key=lambda p: p[1]):
        x, width, left = _column_geometry(columns, first, last)
        cells.append(_item_column(item, x, width, left, parallel=True))
    # The rules between columns stand all day, but not across an item that spans them.
    inside = {c for first, last in spans for c in range(first + 1, last + 1)}
    dividers = tuple(
        _column_geometry(columns, c, c)[0] for c in range(1, len(columns)) if c not in inside
    )
    return AgendaRow(cells, dividers, in_columns=True)


_MUTED = MUTED.hexval().replace("0x", "#")


@cache
def _item_style() -> ParagraphStyle:
    # One paragraph per item, its lines of several sizes: each line as tall as its fonts'
    # boxes. Not "max": ReportLab then draws lines further apart than it measured them
    # (it splits the leading 5:1 around the baseline, Noto's boxes are not cut so).
    return ParagraphStyle("item", parent=styles()["cell"], autoLeading="min")


def _groups_text(item: ItineraryItem) -> str:
    if not item.groups:
        return _("Whole delegation")
    return ", ".join(item.groups)


def item_cell(item: ItineraryItem, width: float, *, times: bool = False) -> list[Flowable]:
    """Title, kind and groups, venue, host and notes of one programme item, each line fitted
    to the width: addresses broken after their punctuation, a name too wide set smaller."""
    from delegation.i18n.labels import kind_label

    cancelled = item.status == AgendaStatus.CANCELLED
    text, size = fit(item.title, BOLD, _TITLE_SIZE, width)
    title = markup(text)
    if cancelled:
        cancelled_text = markup(_("Cancelled"))
        title = f"<strike>{title}</strike> — {cancelled_text}"
    elif item.status == AgendaStatus.TENTATIVE:
        tentative = markup(_("to be confirmed"))
        title = f"{title} <font size='8'>({tentative})</font>"
    lines = [f"<font name='{BOLD}' size='{size}'>{title}</font>"]
    meta = [item.tag] if item.tag else [kind_label(item.kind), _groups_text(item)]
    if times:
        meta.insert(0, format_time_range(item.start, item.end))
    if item.repeated is not None:
        meta.append(_repeated_text(item.repeated))
    lines.append(_small(" · ".join(meta), width))
    if item.place:
        place = item.place
        name, name_size = fit(place.name, BOLD, _CELL_SIZE, width)
        address, address_size = fit(place.address or "", REGULAR, _CELL_SIZE, width)
        text = f"<b>{markup(name)}</b>"
        if place.address:
            text += f", {markup(address)}"
        lines.append(_sized_markup(text, min(name_size, address_size), _CELL_SIZE))
        if place.contact_name or place.contact_phone:
            lines.append(_on_site_text(place, width))
    if item.host:
        lines.append(_host_text(item.host, width))
    flowables: list[Flowable] = [Paragraph("<br/>".join(lines), _item_style())]
    if item.notes:
        notes, size = fit(item.notes, ITALIC, _CELL_SIZE, width)
        flowables.append(Spacer(1, 2))
        flowables.append(Paragraph(_sized(notes, size, _CELL_SIZE), styles()["note"]))
    return flowables


_TITLE_SIZE, _CELL_SIZE, _SMALL_SIZE = 10, 8.5, 7.8


def _sized_markup(text: str, size: float, normal: float) -> str:
    return text if size == normal else f"<font size='{size}'>{text}</font>"


def _small(text: str, width: float) -> str:
    """A small muted line, fitted to the width."""
    fitted, size = fit(text, REGULAR, _SMALL_SIZE, width)
    return f"<font size='{size}' color='{_MUTED}'>{markup(fitted)}</font>"


def _on_site_text(place: Place, width: float) -> str:
    """Who receives the delegation there, and their number: each in display order on its
    own, or a number after a Hebrew or Arabic name prints scrambled ("3 608 1179 972+")."""
    parts = [p for p in (place.contact_name, place.contact_phone) if p]
    before, _field, after = _("On site: {contact}").partition("{contact}")
    size = fitting_size(f"{before}{', '.join(parts)}{after}", REGULAR, _SMALL_SIZE, width)
    contact = ", ".join(markup(break_long_words(p, REGULAR, size, width)) for p in parts)
    return f"<font size='{size}' color='{_MUTED}'>{markup(before)}{contact}{markup(after)}</font>"


def _host_text(host: Host, width: float) -> str:
    person = host.contact_name or ""
    if person and host.contact_role:
        person = f"{person} ({host.contact_role})"
    parts = [p for p in (host.organization, person, host.contact_phone, host.contact_email) if p]
    # One size for the line, the smallest a part needs; each part put in display order on
    # its own, so that a phone number never joins the Hebrew or Arabic name before it.
    size = min(fitting_size(p, REGULAR, _CELL_SIZE, width) for p in parts)
    text = " — ".join(markup(break_long_words(p, REGULAR, size, width)) for p in parts)
    label = markup(_("Host:"))
    return _sized_markup(f"<b>{label}</b> {text}", size, _CELL_SIZE)
