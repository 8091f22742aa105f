"""Dietary counts per meal for the caterer: how many eat, how many of each need, and who."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from delegation.i18n import _, ngettext
from delegation.i18n.collation import collation_key
from delegation.i18n.formatting import format_time
from delegation.reports.base import styles
from delegation.reports.fallback import Paragraph
from delegation.reports.listing import (
    MARGIN_MM,
    build_list,
    cell,
    columns,
    heading,
    list_table,
    long_day,
)
from delegation.reports.needs import Need, dietary_needs
from delegation.reports.text import escape, marked


@dataclass(frozen=True)
class Diner:
    name: str  # "LAST First"
    dietary: str | None  # as entered: "Végétarien", "sans gluten, sans lactose"


@dataclass(frozen=True)
class Meal:
    day: date
    start_time: time
    title: str
    venue_name: str | None
    diners: tuple[Diner, ...]
    groups: str | None = None  # the groups' names; None: the whole delegation


@dataclass(frozen=True)
class DietaryCounts:
    trip_title: str
    delegation: str
    meals: tuple[Meal, ...]


ALLERGY_MARK = "⚠"
_ALLERGY_INK = colors.HexColor("#a3201b")
_ALLERGY_SHADE = colors.HexColor("#fbe9e7")


def count_needs(diners: Iterable[Diner]) -> list[tuple[Need, list[str]]]:
    """Each need with the names of those who have it: allergies first, then the most
    frequent; someone with two needs is counted under both."""
    needs: dict[str, Need] = {}
    names: dict[str, list[str]] = {}
    for diner in diners:
        for need in dietary_needs(diner.dietary):
            needs.setdefault(need.key, need)
            names.setdefault(need.key, []).append(diner.name)
    return sorted(
        ((needs[key], sorted(people, key=collation_key)) for key, people in names.items()),
        key=lambda item: (not item[0].allergy, -len(item[1]), collation_key(item[0].text)),
    )


def _need_cell(need: Need) -> Paragraph:
    if not need.allergy:
        return cell(need.text, "cell_bold")
    style = ParagraphStyle("allergy", parent=styles()["cell_bold"], textColor=_ALLERGY_INK)
    return Paragraph(f"{ALLERGY_MARK} {escape(marked(need.text))}", style)


def _needs_table(needs: list[tuple[Need, list[str]]], width: float) -> Flowable:
    rows = [
        [_need_cell(need), cell(f"× {len(people)}", "cell_bold", right=True),
         cell(", ".join(people), "cell_bold" if need.allergy else "cell")]
        for need, people in needs
    ]  # fmt: skip
    grid = list_table([_("Need"), _("Count"), _("Guests")], rows, columns(width, [46, 9, 45]))
    grid.setStyle(
        [("BACKGROUND", (0, row), (-1, row), _ALLERGY_SHADE)
         for row, (need, _people) in enumerate(needs, start=1) if need.allergy]
    )  # fmt: skip
    return grid


def _meal(meal: Meal, width: float) -> Flowable:
    sheet = styles()
    when = f"{long_day(meal.day)}, {format_time(meal.start_time)}"
    where = " — ".join(part for part in (when, meal.venue_name) if part)
    who = meal.groups or _("The whole delegation")
    total = len(meal.diners)
    needs = count_needs(meal.diners)
    without = sum(1 for diner in meal.diners if not dietary_needs(diner.dietary))
    allergic = len({name for need, people in needs if need.allergy for name in people})
    counts = [
        ngettext("{n} guest expected", "{n} guests expected", total).format(n=total),
        ngettext("{n} without a particular need", "{n} without a particular need", without).format(
            n=without
        ),
    ]
    if allergic:
        counts.append(
            ngettext("{n} with an allergy", "{n} with an allergy", allergic).format(n=allergic)
        )
    parts: list[Flowable] = [
        Paragraph(escape(marked(meal.title)), sheet["h1"]),
        Paragraph(escape(marked(f"{where}\n{who}")).replace("\n", "<br/>"), sheet["small"]),
        Spacer(1, 4),
        Paragraph(escape(" · ".join(counts)), sheet["cell_bold"]),
        Spacer(1, 4),
    ]
    if needs:
        parts.append(_needs_table(needs, width))
    else:
        parts.append(Paragraph(escape(_("No particular dietary need.")), sheet["note"]))
    parts.append(Spacer(1, 10))
    # A short meal stays on one page; a long one (hundreds of names) flows.
    return KeepTogether(parts) if len(meal.diners) < 120 else parts


def draw_dietary_counts(data: DietaryCounts, target: str | Path | BinaryIO) -> int:
    """Every meal of the programme with its counts; returns the number of pages."""
    width = A4[0] - 2 * MARGIN_MM * mm
    sheet = styles()
    notice = _("Health information: share it only with the caterers concerned.")
    notice += " " + _("{mark} marks an allergy: check every dish with the guest named.").format(
        mark=ALLERGY_MARK
    )
    story: list[Flowable] = [*heading(_("Dietary needs per meal"), data.delegation, notice)]
    for meal in data.meals:
        part = _meal(meal, width)
        story += part if isinstance(part, list) else [part]
    if not data.meals:
        story.append(Paragraph(escape(_("No meal in the programme.")), sheet["body"]))
    return build_list(target, story, name=_("Dietary needs per meal"), trip_title=data.trip_title)
