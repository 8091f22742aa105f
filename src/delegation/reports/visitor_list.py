"""Visitor lists for hosts: for each visit, who comes; identity numbers only where the site
requires them. One section per visit, each starting on its own page, to send or hand over."""

from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from delegation.i18n import _, ngettext
from delegation.i18n.collation import name_key
from delegation.i18n.formatting import format_date, format_time_range
from delegation.i18n.typography import capitals
from delegation.i18n.vocabulary import labelled_line
from delegation.reports.base import styles, table
from delegation.reports.fallback import Paragraph
from delegation.reports.listing import (
    MARGIN_MM,
    build_list,
    cell,
    columns,
    heading,
    list_table,
    long_day,
    one_per_page,
)
from delegation.reports.needs import ACCESSIBILITY_MARK, accessibility_section
from delegation.reports.text import escape, marked


@dataclass(frozen=True)
class Visitor:
    last_name: str
    first_name: str
    organization: str | None
    nationality: str | None  # the country's name in the document language
    passport_number: str | None = None  # only for a site that requires identity numbers
    passport_expiry: date | None = None
    accessibility: str | None = None  # what the site should arrange, as typed


@dataclass(frozen=True)
class SiteVisit:
    venue_name: str
    venue_address: str | None
    day: date
    start_time: time
    end_time: time | None
    title: str
    host: str | None
    host_contact: str | None
    identity_required: bool
    visitors: tuple[Visitor, ...]
    groups: str | None = None  # the visiting groups' names; None: the whole delegation


@dataclass(frozen=True)
class VisitorLists:
    trip_title: str
    delegation: str  # who visits: "Mission Tallinn 2023 (Tallinn, Estonie)"
    visits: tuple[SiteVisit, ...]
    contact: str | None = None  # the organiser a host calls: name, role, phone


def _when(visit: SiteVisit) -> str:
    """ "Monday 8 May 2023, 22:30–01:30 (+1)": an end past midnight is marked."""
    times = format_time_range(visit.start_time, visit.end_time)
    return _("{day}, {times}").format(day=long_day(visit.day), times=times)


def _facts(visit: SiteVisit, contact: str | None, width: float) -> Flowable:
    """What the host checks first: where, when, what, who receives, which group."""
    facts = [
        (_("Site"), "\n".join(part for part in (visit.venue_name, visit.venue_address) if part)),
        (_("Date and time"), _when(visit)),
        (_("Programme item"), visit.title),
    ]
    host = " — ".join(part for part in (visit.host, visit.host_contact) if part)
    if host:
        facts.append((_("Host"), host))
    facts.append((_("Visitors"), visit.groups or _("The whole delegation")))
    if contact:
        facts.append((_("Delegation contact"), labelled_line(contact)))
    rows = [[cell(label, "cell_bold"), cell(value)] for label, value in facts]
    return table(
        rows,
        [width * 0.22, width * 0.78],
        style=[
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ],
    )


def _visitors_table(visit: SiteVisit, width: float) -> Flowable:
    headers = ["#", _("Last name"), _("First name"), _("Organization"), _("Nationality")]
    weights = [4, 20, 17, 37, 14]
    if visit.identity_required:
        headers += [_("Passport number"), _("Expiry")]
        weights = [4, 17, 14, 27, 12, 14, 12]
    ordered = sorted(visit.visitors, key=lambda v: name_key(v.last_name, v.first_name))
    rows = []
    for number, visitor in enumerate(ordered, start=1):
        name = capitals(visitor.last_name) + (
            f" {ACCESSIBILITY_MARK}" if visitor.accessibility else ""
        )
        row = [
            cell(str(number), "small", right=True),
            cell(name, "cell_bold"),
            cell(visitor.first_name),
            cell(visitor.organization),
            cell(visitor.nationality),
        ]
        if visit.identity_required:
            expiry = (
                format_date(visitor.passport_expiry, "short") if visitor.passport_expiry else ""
            )
            row += [cell(visitor.passport_number), cell(expiry)]
        rows.append(row)
    return list_table(headers, rows, columns(width, weights))


def _section(data: VisitorLists, visit: SiteVisit, width: float) -> list[Flowable]:
    sheet = styles()
    count = ngettext("{n} visitor", "{n} visitors", len(visit.visitors)).format(
        n=len(visit.visitors)
    )
    notices = []
    if visit.identity_required:
        notices.append(
            _(
                "Identity numbers are given because this site requires them for entry. "
                "Confidential: use them only for this visit and destroy the list afterwards."
            )
        )
    if any(visitor.accessibility for visitor in visit.visitors):
        notices.append(
            _(
                "Some visitors need the visit arranged for them (listed after the visitors): "
                "share it only with the staff concerned."
            )
        )
    notice = " ".join(notices) or None
    story = [
        *heading(_("Visitor list — {site}").format(site=visit.venue_name), data.delegation, notice),
        _facts(visit, data.contact, width),
        Spacer(1, 8),
        Paragraph(escape(marked(count)), sheet["cell_bold"]),
        Spacer(1, 3),
    ]
    if visit.visitors:
        story.append(_visitors_table(visit, width))
        ordered = sorted(visit.visitors, key=lambda v: name_key(v.last_name, v.first_name))
        needs = [
            (f"{capitals(v.last_name)} {v.first_name}".strip(), v.accessibility)
            for v in ordered
            if v.accessibility
        ]
        headers = [_("Visitor"), _("What to arrange")]
        story += accessibility_section(needs, headers, [35, 65], width)
    else:
        story.append(Paragraph(escape(_("No confirmed participant is expected.")), sheet["note"]))
    return story


def draw_visitor_lists(data: VisitorLists, target: str | Path | BinaryIO) -> int:
    """One section per visit, each from a new page; returns the number of pages."""
    width = A4[0] - 2 * MARGIN_MM * mm
    story = one_per_page([_section(data, visit, width) for visit in data.visits])
    if not story:
        story = [
            *heading(_("Visitor lists"), data.delegation),
            Paragraph(escape(_("No visit at a site in the programme.")), styles()["body"]),
        ]
    return build_list(target, story, name=_("Visitor lists"), trip_title=data.trip_title)
