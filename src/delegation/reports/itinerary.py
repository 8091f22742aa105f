"""The itinerary PDF: cover, practical page, travel, then the programme day by day.

Draws an `Itinerary` (itinerary_model.py) in the language it names; reads nothing else.
"""

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, HRFlowable, PageBreak, Paragraph, Spacer

from delegation.domain.enums import AgendaStatus
from delegation.i18n import _, current_language, set_language
from delegation.i18n.formatting import format_time
from delegation.reports.base import ACCENT, MUTED, RULE, build_pdf, styles, table
from delegation.reports.elements import markup, written_day
from delegation.reports.fonts import BOLD
from delegation.reports.itinerary_model import Itinerary, ItineraryDay, ItineraryItem
from delegation.reports.itinerary_parts import (
    FRAME_WIDTH,
    QR_SIZE,
    cover,
    practical_page,
    qr_cell,
    travel_section,
)

TIME_WIDTH = 22 * mm
QR_COLUMN = QR_SIZE + 4 * mm

_ROW_STYLE = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
    ("TOPPADDING", (0, 0), (-1, -1), 5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ("LINEBELOW", (0, -1), (-1, -1), 0.4, RULE),
]


def draw_itinerary(itinerary: Itinerary, target: str | Path | BinaryIO) -> int:
    """Draws the itinerary into a file or stream; returns the number of pages."""
    previous = current_language()
    if previous != itinerary.language:
        set_language(itinerary.language)
    try:
        header = itinerary.trip_title
        if itinerary.participant:
            header = f"{header} — {itinerary.participant}"
        return build_pdf(
            target,
            itinerary_story(itinerary),
            title=header,
            header=header,
            first_page_plain=True,
        )
    finally:
        if previous != itinerary.language:
            set_language(previous)


def draw_itinerary_job(job: tuple[Itinerary, str]) -> int:
    """One itinerary drawn to a path: the unit of work of a worker process (picklable)."""
    itinerary, path = job
    return draw_itinerary(itinerary, path)


def itinerary_story(itinerary: Itinerary) -> list[Flowable]:
    """The flowables of the whole document (the language must already be in force)."""
    story = cover(itinerary)
    story.append(PageBreak())
    story += practical_page(itinerary)
    story += travel_section(itinerary)
    story.append(PageBreak())
    for number, day in enumerate(itinerary.days, start=1):
        story += day_section(number, day, itinerary.language)
    if not itinerary.days:
        story.append(Paragraph(_("The programme is not known yet."), styles()["body"]))
    return story


def day_section(number: int, day: ItineraryDay, language: str) -> list[Flowable]:
    st = styles()
    heading = Paragraph(
        _("Day {number} — {date}").format(number=number, date=written_day(day.day, language)),
        st["h1"],
    )
    rule = HRFlowable(width="100%", thickness=0.8, color=ACCENT, spaceBefore=0, spaceAfter=2)
    rule.keepWithNext = 1
    # A day heading never stands alone at the foot of a page.
    flowables: list[Flowable] = [CondPageBreak(45 * mm), heading, rule]
    for cluster in parallel_clusters(day.items):
        flowables.append(_cluster_row(cluster))
    if not day.items:
        flowables.append(Paragraph(_("Nothing planned."), st["note"]))
    flowables.append(Spacer(1, 4 * mm))
    return flowables


def parallel_clusters(items: Iterable[ItineraryItem]) -> list[list[ItineraryItem]]:
    """Items grouped where they run at the same time for different groups."""
    clusters: list[list[ItineraryItem]] = []
    cluster_end = None
    for item in sorted(items, key=lambda i: (i.start, i.end or i.start)):
        last = clusters[-1] if clusters else None
        if (
            last
            and item.groups
            and all(other.groups for other in last)
            and not any(set(item.groups) & set(other.groups) for other in last)
            and (item.start < cluster_end or item.start == last[0].start)
        ):
            last.append(item)
            cluster_end = max(cluster_end, item.end or item.start)
        else:
            clusters.append([item])
            cluster_end = item.end or item.start
    return clusters


def _time_cell(items: list[ItineraryItem]) -> Paragraph:
    start = min(i.start for i in items)
    ends = [i.end for i in items if i.end]
    text = f"<b>{format_time(start)}</b>"
    if ends:
        text += f"<br/><font size='8' color='{_MUTED}'>– {format_time(max(ends))}</font>"
    if len(items) > 1:
        parallel = markup(_("in parallel"))
        text += f"<br/><font size='8' color='{_MUTED}'>{parallel}</font>"
    return Paragraph(text, _item_style())


def _cluster_row(items: list[ItineraryItem]) -> Flowable:
    if len(items) == 1:
        item = items[0]
        qr = qr_cell(item.place) if item.place else ""
        width = FRAME_WIDTH - TIME_WIDTH - QR_COLUMN
        row = [_time_cell(items), item_cell(item, width), qr]
        return table([row], [TIME_WIDTH, width, QR_COLUMN], style=_ROW_STYLE)
    width = (FRAME_WIDTH - TIME_WIDTH) / len(items)
    row = [_time_cell(items)]
    for item in items:
        cell = item_cell(item, width, times=True)
        if item.place:
            cell.append(Spacer(1, 3))
            cell.append(qr_cell(item.place, align="LEFT"))
        row.append(cell)
    style = [*_ROW_STYLE, ("LINEBEFORE", (2, 0), (-1, -1), 0.4, RULE)]
    style += [("LEFTPADDING", (2, 0), (-1, -1), 6)]
    return table([row], [TIME_WIDTH] + [width] * len(items), style=style)


_MUTED = MUTED.hexval().replace("0x", "#")
_SMALL = f"<font size='7.8' color='{_MUTED}'>"


@cache
def _item_style() -> ParagraphStyle:
    # One paragraph per item, its lines of several sizes: each line takes the leading it needs.
    return ParagraphStyle("item", parent=styles()["cell"], leading=11.5, autoLeading="max")


def _groups_text(item: ItineraryItem) -> str:
    if not item.groups:
        return _("Whole delegation")
    return ", ".join(item.groups)


def item_cell(item: ItineraryItem, width: float, *, times: bool = False) -> list[Flowable]:
    """Title, kind and groups, venue, host and notes of one programme item."""
    from delegation.i18n.labels import kind_label

    cancelled = item.status == AgendaStatus.CANCELLED
    title = markup(item.title)
    if cancelled:
        cancelled_text = markup(_("Cancelled"))
        title = f"<strike>{title}</strike> — {cancelled_text}"
    elif item.status == AgendaStatus.TENTATIVE:
        tentative = markup(_("to be confirmed"))
        title = f"{title} <font size='8'>({tentative})</font>"
    lines = [f"<font name='{BOLD}' size='10'>{title}</font>"]
    meta = [kind_label(item.kind), _groups_text(item)]
    if times:
        span = format_time(item.start)
        if item.end:
            span += "–" + format_time(item.end)
        meta.insert(0, span)
    lines.append(f"{_SMALL}{markup(' · '.join(meta))}</font>")
    if item.place:
        place = item.place
        text = f"<b>{markup(place.name)}</b>"
        if place.address:
            text += f", {markup(place.address)}"
        lines.append(text)
        on_site = ", ".join(p for p in (place.contact_name, place.contact_phone) if p)
        if on_site:
            on_site = markup(_("On site: {contact}").format(contact=on_site))
            lines.append(f"{_SMALL}{on_site}</font>")
    if item.host:
        lines.append(_host_text(item))
    flowables: list[Flowable] = [Paragraph("<br/>".join(lines), _item_style())]
    if item.notes:
        flowables.append(Spacer(1, 2))
        flowables.append(Paragraph(markup(item.notes), styles()["note"]))
    return flowables


def _host_text(item: ItineraryItem) -> str:
    host = item.host
    person = host.contact_name or ""
    if person and host.contact_role:
        person = f"{person} ({host.contact_role})"
    parts = [p for p in (host.organization, person, host.contact_phone, host.contact_email) if p]
    label = markup(_("Host:"))
    return f"<b>{label}</b> " + markup(" — ".join(parts))
