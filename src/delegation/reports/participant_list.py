"""The participant list in PDF: who comes, from where, in which group; sensitive data on demand."""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from delegation.domain.enums import ParticipantCategory, ParticipantStatus
from delegation.i18n import _, ngettext
from delegation.i18n.collation import name_key
from delegation.i18n.formatting import format_date
from delegation.i18n.labels import category_label, status_label
from delegation.i18n.typography import capitals
from delegation.reports.base import build_pdf, styles
from delegation.reports.fallback import Paragraph
from delegation.reports.listing import (
    MARGIN_MM,
    GroupInfo,
    cell,
    columns,
    counts_table,
    group_colour,
    heading,
    list_table,
    side_by_side,
)
from delegation.reports.needs import written_needs
from delegation.reports.text import escape

_STATUS_ORDER = (
    ParticipantStatus.CONFIRMED,
    ParticipantStatus.INVITED,
    ParticipantStatus.WAITLISTED,
    ParticipantStatus.CANCELLED,
)


@dataclass(frozen=True)
class ListedParticipant:
    last_name: str
    first_name: str
    organization: str | None
    function: str | None
    group_codes: tuple[str, ...]
    status: ParticipantStatus
    category: ParticipantCategory
    # Sensitive: filled only when the list is asked for with them.
    birth_date: date | None = None
    passport_number: str | None = None
    passport_expiry: date | None = None
    dietary: str | None = None
    accessibility: str | None = None
    emergency_contact: str | None = None  # name and phone, one per line


@dataclass(frozen=True)
class ParticipantList:
    trip_title: str
    delegation: str  # "Mission Tallinn 2023 — Tallinn, Estonia, 7–10 May 2023"
    participants: tuple[ListedParticipant, ...]
    groups: tuple[GroupInfo, ...] = ()
    include_sensitive: bool = False


def sort_key(person: ListedParticipant) -> tuple[str, ...]:
    return name_key(person.last_name, person.first_name)


def _short_date(value: date | None) -> str:
    return format_date(value, "short") if value else ""


def _name(person: ListedParticipant) -> str:
    return f"{capitals(person.last_name)} {person.first_name}".strip()


def _rows(
    data: ParticipantList, ordered: list[ListedParticipant]
) -> tuple[list[str], list[float], list[list]]:
    """Headers, relative widths and cells; the sensitive columns only when asked for."""
    headers = [_("Name"), _("Organization"), _("Function"), _("Group"), _("Status")]
    weights: list[float] = [20, 25, 20, 7, 11]
    if data.include_sensitive:
        headers += [
            _("Date of birth"), _("Passport number"), _("Passport expiry"), _("Dietary needs"),
            _("Accessibility"), _("Emergency contact"),
        ]  # fmt: skip
        weights = [15, 11.5, 10, 7, 7.5, 10, 10, 10, 10.5, 11.5, 14.5]
    rows = []
    for person in ordered:
        row = [
            cell(_name(person), "cell_bold"),
            cell(person.organization),
            cell(person.function),
            cell(" ".join(person.group_codes)),
            cell(status_label(person.status)),
        ]
        if data.include_sensitive:
            row += [
                cell(_short_date(person.birth_date)),
                cell(person.passport_number),
                cell(_short_date(person.passport_expiry)),
                cell(written_needs(person.dietary)),
                cell(person.accessibility),
                cell(person.emergency_contact),
            ]
        rows.append(row)
    return headers, weights, rows


def _counts(data: ParticipantList, width: float) -> list[Flowable]:
    """The totals under the list: by status, by category, by group, side by side."""
    sheet = styles()
    people = data.participants
    statuses = Counter(person.status for person in people)
    categories = Counter(person.category for person in people)
    members = Counter(code for person in people for code in person.group_codes)
    by_status = [(status_label(s), str(statuses[s])) for s in _STATUS_ORDER if statuses[s]]
    by_category = [
        (category_label(c), str(categories[c])) for c in ParticipantCategory if categories[c]
    ]
    by_group = [(group.name, str(members[group.code])) for group in data.groups]
    no_group = sum(1 for person in people if not person.group_codes)
    if no_group:
        by_group.append((_("No group"), str(no_group)))
    total = ngettext("{n} participant", "{n} participants", len(people)).format(n=len(people))
    each = (width - 16) / 3
    blocks = [
        counts_table(by_status, each, _("Status")),
        counts_table(by_category, each, _("Category")),
        counts_table(by_group, each, _("Group")),
    ]
    return [
        Spacer(1, 10),
        Paragraph(escape(_("In numbers")), sheet["h2"]),
        Paragraph(escape(total), sheet["body"]),
        Spacer(1, 4),
        side_by_side(blocks, width),
    ]


def _legend(data: ParticipantList) -> list[Flowable]:
    if not data.groups:
        return []
    text = " · ".join(
        f'<font color="{group_colour(group).hexval().replace("0x", "#")}">■</font> '
        f"<b>{escape(group.code)}</b> {escape(group.name)}"
        for group in data.groups
    )
    return [Paragraph(text, styles()["small"]), Spacer(1, 6)]


def draw_participant_list(data: ParticipantList, target: str | Path | BinaryIO) -> int:
    """Draws the list, sorted by name, counts at the end; landscape when the sensitive
    columns need the width. Returns the number of pages."""
    pagesize = landscape(A4) if data.include_sensitive else A4
    width = pagesize[0] - 2 * MARGIN_MM * mm
    ordered = sorted(data.participants, key=sort_key)
    headers, weights, rows = _rows(data, ordered)
    colours = {group.code: group_colour(group) for group in data.groups}
    shades = [
        (index, colours[person.group_codes[0]])
        for index, person in enumerate(ordered)
        if person.group_codes and person.group_codes[0] in colours
    ]
    title = _("Participant list")
    notice = None
    if data.include_sensitive:
        notice = _(
            "Confidential: this list holds sensitive personal data (identity, health, "
            "accessibility, emergency contacts). Keep it safe and destroy it after the trip."
        )
    story: list[Flowable] = [
        *heading(title, data.delegation, notice),
        *_legend(data),
        list_table(headers, rows, columns(width, weights), shades=shades),
        *_counts(data, width),
    ]
    header = f"{data.trip_title} — {title}"
    if data.include_sensitive:
        confidential = _("CONFIDENTIAL")
        header = f"{header} — {confidential}"
    return build_pdf(
        target,
        story,
        title=f"{title} — {data.trip_title}",
        header=header,
        subject=title,
        pagesize=pagesize,
        margins_mm=MARGIN_MM,
    )
