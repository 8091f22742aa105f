"""A programme from a spreadsheet, read into a plan: each row an item, matched on its day,
start and title; nothing is written.

Times are the destination's local time. Venues and hosts are found in the directory by
name, or added to it. The title goes into the language of the file's headers ("titre"
French, "title" English); the other language falls back on it in documents.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import select

from delegation.domain.errors import NotFoundError
from delegation.i18n import _
from delegation.i18n.formatting import format_date_range, format_end_time
from delegation.interchange import values as parse
from delegation.interchange.columns import AGENDA_FIELDS, fold
from delegation.interchange.tables import Cell
from delegation.interchange.values import DateOrder
from delegation.persistence.models import Organization, Trip
from delegation.services.agenda import (
    AgendaItemDetails,
    AgendaItemRow,
    list_agenda,
    same_times,
    validate_item_details,
    with_folds_in,
)
from delegation.services.agenda_import_matching import ItemMatcher, ParsedRow
from delegation.services.agenda_import_plan import AgendaImportPlan, KnownVenues, PlannedItem
from delegation.services.import_groups import TripGroupNames
from delegation.services.imports import (
    FieldChange,
    ImportProblem,
    field_changes,
    shown,
    used_groups,
)
from delegation.services.source_files import SourceFile, ValueMap, cell_text
from delegation.services.source_reading import open_source
from delegation.services.value_maps import meanings_for
from delegation.services.workspace import Workspace


def plan_agenda_import(
    workspace: Workspace,
    trip_id: int,
    path: str | Path,
    *,
    columns: Mapping[int, str] | None = None,
    sheet: str | None = None,
    display_name: str | None = None,
    date_orders: Mapping[str, DateOrder] | None = None,
    values: ValueMap | None = None,
    repair_encoding: bool = False,
) -> AgendaImportPlan:
    """Read and check the whole programme against the trip; nothing is written."""
    file = open_source(
        path,
        AGENDA_FIELDS,
        fields=columns,
        sheet=sheet,
        display_name=display_name,
        date_orders=date_orders,
        told=meanings_for(workspace, values),
        repair_encoding=repair_encoding,
    )
    existing = list_agenda(workspace, trip_id)
    with workspace.reading() as session:
        trip = session.get(Trip, trip_id)
        if trip is None:
            raise NotFoundError(_("this trip no longer exists"))
        planner = _Planner(
            trip_id, file, existing, (trip.start_date, trip.end_date), trip.timezone,
            TripGroupNames(session, trip_id), KnownVenues.read(session, trip),
            {fold(o.name): o.id for o in session.scalars(select(Organization))},
        )  # fmt: skip
    return planner.plan()


def _english_file(file: SourceFile) -> bool:
    title_column = next(index for index, name in file.fields.items() if name == "title")
    return fold(file.table.headers[title_column]) == "title"


class _Planner:
    """One pass over the rows: parse, check, match; problems are collected, not raised."""

    def __init__(
        self,
        trip_id: int,
        file: SourceFile,
        existing: Sequence[AgendaItemRow],
        dates: tuple[date, date],
        zone: str,
        groups: TripGroupNames,
        venues: KnownVenues,
        hosts: Mapping[str, int],
    ) -> None:
        self.trip_id, self.file, self.dates, self.zone = trip_id, file, dates, zone
        self.groups = groups
        self.venues = venues
        self.hosts = hosts  # the directory's organizations by folded name
        self.language = "en" if _english_file(file) else "fr"
        self.matcher = ItemMatcher(existing)
        # The venues the import will add, under placeholder ids (-1, -2…) by the same rules.
        self.new_venues = KnownVenues({}, {}, {})
        self.new_venue_names: dict[int, tuple[str, str | None]] = {}  # id -> name, address
        self.new_venue_of: dict[int, int] = {}  # line -> the new venue's placeholder id
        self.problems: list[ImportProblem] = []
        self.creations: list[PlannedItem] = []
        self.changes: list[PlannedItem] = []
        self.unchanged = 0
        self.first_seen: dict[object, tuple[int, ParsedRow]] = {}
        self.parsers = dict(_PARSERS)
        self.parsers["date"] = partial(parse.parse_date, order=file.date_order("date"))

    def plan(self) -> AgendaImportPlan:
        rows = []
        for line, cells in self.file.values():
            parsed = self._parsed(line, cells)
            if parsed is not None:
                rows.append((line, parsed))
        matches = self.matcher.matches(rows)
        for line, parsed in rows:
            self._row(line, parsed, matches.get(line))
        return AgendaImportPlan(
            self.trip_id,
            self.file,
            tuple(self.creations),
            tuple(self.changes),
            self.unchanged,
            tuple(self.problems),
            used_groups(self.groups.created, [*self.creations, *self.changes]),
            self._venues_made(),
            frozenset(self.matcher.by_id),
        )

    def _problem(self, line: int, field: str, reason: str) -> None:
        self.problems.append(ImportProblem(line, field, reason))

    def _parsed(self, line: int, cells: Mapping[str, Cell]) -> ParsedRow | None:
        """The row's values, or None once its problems are reported."""
        count = len(self.problems)
        parsed: ParsedRow = {}
        for name, cell in cells.items():
            try:
                parsed[name] = self.parsers[name](cell)
            except ValueError as error:
                self.problems.append(ImportProblem(line, name, str(error), cell_text(cell)))
        refused = {problem.field for problem in self.problems[count:]}
        for name in ("date", "start", "title"):
            if parsed.get(name) in (None, "") and name not in refused:
                self._problem(line, name, _("a value is required"))
        if len(self.problems) > count:
            return None
        first, last = self.dates
        if not first <= parsed["date"] <= last:
            self._problem(
                line,
                "date",
                _("{day} is outside the trip ({dates})").format(
                    day=parsed["date"].strftime("%d/%m/%Y"), dates=format_date_range(first, last)
                ),
            )
            return None
        if parsed.get("groups"):
            parsed["groups"] = self.groups.codes(parsed["groups"])
        # Parallel visits may share a day, a start and a title: their venues and groups
        # tell them apart.
        key = parsed.get("reference") or (
            parsed["date"], parsed["start"], fold(parsed["title"]),
            fold(parsed.get("venue") or ""), parsed.get("groups") or (),
        )  # fmt: skip
        if key in self.first_seen:
            first_line, first_parsed = self.first_seen[key]
            if parsed != first_parsed:  # a row repeated as is counts once
                self._problem(
                    line,
                    "reference" if parsed.get("reference") else "title",
                    _("the same item as on line {line}, with other details").format(
                        line=first_line
                    ),
                )
            return None
        self.first_seen[key] = (line, parsed)
        return parsed

    def _venues_made(self) -> tuple[str, ...]:
        """The venues written rows add; a name given to two of them, with each address."""
        lines = {p.line for p in (*self.creations, *self.changes) if p.venue}
        made = [self.new_venue_names[self.new_venue_of[line]] for line in sorted(lines)]
        made = list(dict.fromkeys(made))
        names = [fold(name) for name, _address in made]
        return tuple(
            f"{name} ({address})" if address and names.count(fold(name)) > 1 else name
            for name, address in made
        )

    def _new_venue(self, line: int, name: str, address: str | None) -> str:
        """The name under which the import creates a venue: an earlier row's, when it
        gave the same address, or the same name without another address."""
        found = self.new_venues.find(name, address)
        if found is None:
            found = -(len(self.new_venue_names) + 1)
            self.new_venue_names[found] = (name, address)
        self.new_venues.add(found, name, address)
        self.new_venue_of[line] = found
        return self.new_venue_names[found][0]

    def _row(self, line: int, parsed: ParsedRow, match: AgendaItemRow | None) -> None:
        day, start = parsed["date"], parsed["start"]
        # Each value as its parser gave it, for the detail of that name.
        given: dict[str, Any] = {"day": day, "start_time": start}
        for name, field in (("end", "end_time"), ("kind", "kind"), ("status", "status")):
            if parsed.get(name) is not None:
                given[field] = parsed[name]
        if parsed.get("groups"):
            given["group_codes"] = parsed["groups"]
        # An export writes the title (and notes) of its language, or the other one's when
        # that is empty: the same text read back changes nothing.
        if match is None or parsed["title"] != match.details.title(self.language):
            given[f"title_{self.language}"] = parsed["title"]
        if parsed.get("notes") and (
            match is None or parsed["notes"] != _notes(match.details, self.language)
        ):
            given[f"notes_{self.language}"] = parsed["notes"]
        venue_name, address, host_name = (
            parsed.get("venue"),
            parsed.get("address"),
            parsed.get("host"),
        )
        venue_id = self.venues.find(venue_name, address)
        if venue_id is not None:
            given["venue_id"] = venue_id
        elif venue_name:  # a venue new to the directory, perhaps named by an earlier row
            venue_name = self._new_venue(line, venue_name, address)
        if host_name and fold(host_name) in self.hosts:
            given["host_organization_id"] = self.hosts[fold(host_name)]
        base = match.details if match is not None else AgendaItemDetails(day, start)
        details = with_folds_in(replace(base, **given), self.zone)
        # Times kept as they were are not refused, even one the clocks skip (the checks
        # name it): the programme read back unchanged stays unchanged.
        kept = match is not None and same_times(match.details, details)
        errors = validate_item_details(details, zone=None if kept else self.zone)
        for error in errors:
            self._problem(line, _FIELD_OF.get(error.field, error.field), error.reason)
        if errors:
            return
        new_venue = venue_name if venue_name and venue_id is None else None
        new_host = host_name if host_name and "host_organization_id" not in given else None
        if match is None:
            self.creations.append(PlannedItem(line, details, new_venue, address, new_host))
            return
        if details == match.details and not new_venue and not new_host:
            self.unchanged += 1
            return
        differences = tuple(
            _with_next_day(change, match.details, details)
            for change in field_changes(match.details, details, _FIELDS_SHOWN)
        )
        for field, before, after in (
            ("title", match.details.title(self.language), details.title(self.language)),
            ("notes", _notes(match.details, self.language), _notes(details, self.language)),
        ):
            if before != after:
                differences += (FieldChange(field, shown(before), shown(after)),)
        if new_venue or details.venue_id != match.details.venue_id:
            differences += (FieldChange("venue", shown(match.venue_name), venue_name or ""),)
        if new_host or details.host_organization_id != match.details.host_organization_id:
            differences += (FieldChange("host", shown(match.host_name), host_name or ""),)
        self.changes.append(
            PlannedItem(
                line, details, new_venue, address, new_host, match.id, match.version,
                differences,
            )
        )  # fmt: skip


def _with_next_day(
    change: FieldChange, before: AgendaItemDetails, after: AgendaItemDetails
) -> FieldChange:
    """An end shown as the window shows it: "01:30 (+1)" when it is the next day."""
    if change.field != "end":
        return change
    return FieldChange(
        "end",
        format_end_time(before.start_time, before.end_time) if before.end_time else change.before,
        format_end_time(after.start_time, after.end_time) if after.end_time else change.after,
    )


def _notes(details: AgendaItemDetails, language: str) -> str | None:
    first, second = (
        (details.notes_fr, details.notes_en)
        if language == "fr"
        else (details.notes_en, details.notes_fr)
    )
    return first or second


_PARSERS: dict[str, Callable[[Cell], object]] = {
    "date": parse.parse_date,
    "start": parse.parse_time,
    "end": parse.parse_time,
    "title": parse.parse_text,
    "kind": parse.parse_kind,
    "status": parse.parse_agenda_status,
    "venue": parse.parse_text,
    "address": parse.parse_text,
    "groups": parse.parse_groups,
    "host": parse.parse_text,
    "notes": parse.parse_text,
    "reference": parse.parse_reference,
}
# The editor's field names, as the file's columns are called.
_FIELD_OF = {"end_time": "end", "start_time": "start", "title_fr": "title", "title_en": "title"}
# What a change report shows (with the title and notes of the file's language).
_FIELDS_SHOWN = {
    "day": "date", "start_time": "start", "end_time": "end", "kind": "kind",
    "status": "status", "group_codes": "groups",
}  # fmt: skip
