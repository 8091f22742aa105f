"""Dietary counts per meal for the caterer: how many eat, how many of each need, and who."""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
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
from delegation.reports.text import escape, visual


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


_SEPARATORS = re.compile(r"[,;\n]")
_SPACES = re.compile(r"\s+")
# What people write when they mean "no particular need".
_NOTHING = frozenset({"aucun", "aucune", "néant", "rien", "none", "no", "non", "n/a", "ras"})


def dietary_needs(text: str | None) -> tuple[str, ...]:
    """The needs written in a dietary field, each in one spelling: "Végétarien ; Sans  gluten."
    gives ("végétarien", "sans gluten"). Nothing for an empty field or "none"-like words."""
    if not text:
        return ()
    needs = []
    for part in _SEPARATORS.split(unicodedata.normalize("NFC", text)):
        need = _SPACES.sub(" ", part).strip(" .-–—:").casefold()
        if need and need not in _NOTHING and need not in needs:
            needs.append(need)
    return tuple(needs)


def count_needs(diners: Iterable[Diner]) -> list[tuple[str, list[str]]]:
    """Each need with the names of those who have it, the most frequent first; someone
    with two needs is counted under both."""
    names: dict[str, list[str]] = {}
    for diner in diners:
        for need in dietary_needs(diner.dietary):
            names.setdefault(need, []).append(diner.name)
    return sorted(
        ((need, sorted(people, key=collation_key)) for need, people in names.items()),
        key=lambda item: (-len(item[1]), item[0]),
    )


def _meal(meal: Meal, width: float) -> Flowable:
    sheet = styles()
    when = f"{long_day(meal.day)}, {format_time(meal.start_time)}"
    where = " — ".join(part for part in (when, meal.venue_name) if part)
    who = meal.groups or _("The whole delegation")
    total = len(meal.diners)
    needs = count_needs(meal.diners)
    without = sum(1 for diner in meal.diners if not dietary_needs(diner.dietary))
    parts: list[Flowable] = [
        Paragraph(escape(visual(meal.title)), sheet["h1"]),
        Paragraph(escape(visual(f"{where}\n{who}")).replace("\n", "<br/>"), sheet["small"]),
        Spacer(1, 4),
        Paragraph(
            escape(
                ngettext("{n} guest expected", "{n} guests expected", total).format(n=total)
                + " · "
                + ngettext(
                    "{n} without a particular need", "{n} without a particular need", without
                ).format(n=without)
            ),
            sheet["cell_bold"],
        ),
        Spacer(1, 4),
    ]
    if needs:
        rows = [
            [cell(need, "cell_bold"), cell(f"× {len(people)}", "cell_bold", right=True),
             cell(", ".join(people))]
            for need, people in needs
        ]  # fmt: skip
        parts.append(
            list_table([_("Need"), _("Count"), _("Guests")], rows, columns(width, [22, 9, 69]))
        )
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
    story: list[Flowable] = [*heading(_("Dietary needs per meal"), data.delegation, notice)]
    for meal in data.meals:
        part = _meal(meal, width)
        story += part if isinstance(part, list) else [part]
    if not data.meals:
        story.append(Paragraph(escape(_("No meal in the programme.")), sheet["body"]))
    return build_list(target, story, name=_("Dietary needs per meal"), trip_title=data.trip_title)
