"""A programme from a spreadsheet: each row an item, matched on its day, start and title.

Times are the destination's local time. Venues and hosts are found in the directory by
name, or added to it. The title goes into the language of the file's headers ("titre"
French, "title" English); the other language falls back on it in documents.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from delegation.domain.errors import ConflictError, NotFoundError
from delegation.domain.scheduling import minutes_of_day
from delegation.i18n import _, current_language
from delegation.i18n.formatting import format_date_range, format_end_time
from delegation.interchange import values as parse
from delegation.interchange.columns import AGENDA_FIELDS, fold
from delegation.interchange.values import DateOrder
from delegation.persistence.models import AgendaItem, Organization, Trip, Venue
from delegation.persistence.models.columns import new_calendar_uid
from delegation.services.agenda import (
    AgendaItemDetails,
    AgendaItemRow,
    get_item_rows,
    list_agenda,
    same_times,
    validate_item_details,
    with_folds_in,
    write_item,
)
from delegation.services.import_groups import (
    NewGroup,
    TripGroupNames,
    create_groups,
    drop_unused_groups,
)
from delegation.services.imports import (
    FieldChange,
    ImportCounts,
    ImportProblem,
    ImportRefusedError,
    PlanCounts,
    Progress,
    field_changes,
    shown,
    used_groups,
)
from delegation.services.records import changed_since_step, refuse_taken_ids
from delegation.services.source_files import SourceFile, ValueMap, cell_text
from delegation.services.source_reading import open_source
from delegation.services.value_maps import meanings_for, remember_values
from delegation.services.workspace import Workspace


@dataclass(frozen=True)
class PlannedItem:
    line: int
    details: AgendaItemDetails  # venue and host still by name, below
    venue: str | None
    address: str | None
    host: str | None
    item_id: int | None = None  # the item it updates; None: a new one
    version: int | None = None
    differences: tuple[FieldChange, ...] = ()  # for an update, what it changes

    @property
    def label(self) -> str:
        return _("“{title}”").format(title=self.details.title(current_language()))


@dataclass(frozen=True)
class AgendaImportPlan(PlanCounts):
    trip_id: int
    file: SourceFile
    creations: tuple[PlannedItem, ...]
    changes: tuple[PlannedItem, ...]
    unchanged: int
    problems: tuple[ImportProblem, ...]
    new_groups: tuple[NewGroup, ...] = ()
    new_venues: tuple[str, ...] = ()  # the venues it adds to the directory, once each
    known_ids: frozenset[int] = frozenset()  # the trip's items when the file was read


@dataclass(frozen=True)
class AgendaImportResult:
    counts: ImportCounts
    item_ids: tuple[int, ...]  # the items made
    venue_ids: tuple[int, ...]  # the venues added to the directory
    changed_before: tuple[AgendaItemRow, ...]
    written: tuple[AgendaItemDetails, ...]  # made then changed items, as the import left them
    host_ids: tuple[int, ...]  # the host organizations added to the directory
    group_ids: tuple[int, ...] = ()  # the groups it made
    item_uids: tuple[str, ...] = ()  # the calendar UIDs of the items made, in that order


def _english_file(file: SourceFile) -> bool:
    title_column = next(index for index, name in file.fields.items() if name == "title")
    return fold(file.table.headers[title_column]) == "title"


@dataclass(frozen=True)
class KnownVenues:
    """Venues by normalised address and by normalised name. The directory serves every
    trip: a name alone ("Résidence de France") finds only a venue of the trip's city (or
    of no city) or one its programme uses, and only when the addresses do not differ."""

    by_name: dict[str, int]
    by_address: dict[str, int]
    address_of: dict[int, str]

    @classmethod
    def read(cls, session: Session, trip: Trip | None = None) -> "KnownVenues":
        known = cls({}, {}, {})
        used = set(
            session.scalars(select(AgendaItem.venue_id).where(AgendaItem.trip_id == trip.id))
            if trip is not None
            else ()
        )
        for venue_id, name, address, city in session.execute(
            select(Venue.id, Venue.name, Venue.address, Venue.city).order_by(Venue.id)
        ):
            nearby = trip is None or venue_id in used or not city
            if not nearby and fold(city) == fold(trip.destination_city):
                nearby = True
            known.add(venue_id, name if nearby else None, address)
        return known

    def find(self, name: str | None, address: str | None) -> int | None:
        place = fold(address or "")
        if place in self.by_address:
            return self.by_address[place]
        found = self.by_name.get(fold(name or ""))
        if found is not None and place and self.address_of.get(found, place) != place:
            return None  # the same name elsewhere
        return found

    def add(self, venue_id: int, name: str | None, address: str | None) -> None:
        place = fold(address or "")
        if name:
            self.by_name[fold(name)] = venue_id  # a name found alone: its newest venue
        if place:
            self.by_address.setdefault(place, venue_id)
            self.address_of[venue_id] = place


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


class _Planner:
    """One pass over the rows: parse, check, match; problems are collected, not raised."""

    def __init__(self, trip_id, file, existing, dates, zone, groups, venues, hosts) -> None:
        self.trip_id, self.file, self.dates, self.zone = trip_id, file, dates, zone
        self.groups: TripGroupNames = groups
        self.venues: KnownVenues = venues
        self.hosts = hosts
        self.language = "en" if _english_file(file) else "fr"
        self.by_id = {row.id: row for row in existing}
        self.by_day: dict[date, list[AgendaItemRow]] = {}
        for row in existing:
            self.by_day.setdefault(row.details.day, []).append(row)
        self.matched: set[int] = set()
        # The venues the import will add, under placeholder ids (-1, -2…) by the same rules.
        self.new_venues = KnownVenues({}, {}, {})
        self.new_venue_names: dict[int, tuple[str, str | None]] = {}  # id -> name, address
        self.new_venue_of: dict[int, int] = {}  # line -> the new venue's placeholder id
        self.problems: list[ImportProblem] = []
        self.creations: list[PlannedItem] = []
        self.changes: list[PlannedItem] = []
        self.unchanged = 0
        self.first_seen: dict[tuple, tuple[int, dict]] = {}
        self.parsers = dict(_PARSERS)
        self.parsers["date"] = partial(parse.parse_date, order=file.date_order("date"))

    def plan(self) -> AgendaImportPlan:
        rows = []
        for line, cells in self.file.values():
            parsed = self._parsed(line, cells)
            if parsed is not None:
                rows.append((line, parsed))
        matches = self._matches(rows)
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
            frozenset(self.by_id),
        )

    def _problem(self, line: int, field: str, reason: str) -> None:
        self.problems.append(ImportProblem(line, field, reason))

    def _parsed(self, line: int, cells) -> dict | None:
        """The row's values, or None once its problems are reported."""
        count = len(self.problems)
        parsed = {}
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

    def _matches(self, rows: list[tuple[int, dict]]) -> dict[int, AgendaItemRow]:
        """The item each row updates, by line. In passes over all rows, surest first, so
        that a row's order in the file never lets it take another row's item: the export's
        reference; the same day, title and start; the same day and title (the nearest
        start); the same day, start and venue. Each item is updated by one row at most."""
        matches: dict[int, AgendaItemRow] = {}
        for candidates in (
            self._by_reference,
            lambda parsed, free: [r for r in self._named(parsed, free)
                                  if r.details.start_time == parsed["start"]],
            self._named,
            self._placed,
        ):  # fmt: skip
            for line, parsed in rows:
                if line in matches:
                    continue
                free = [r for r in self.by_day.get(parsed["date"], []) if r.id not in self.matched]
                found = candidates(parsed, free)
                if found:
                    best = min(found, key=lambda row, parsed=parsed: _distance(row, parsed))
                    matches[line] = best
                    self.matched.add(best.id)
        return matches

    def _by_reference(self, parsed: dict, _free) -> list[AgendaItemRow]:
        """The item the export named, while it is still that item: on the row's day or
        under its title (an id deleted then given to a new item is not the one meant)."""
        row = self.by_id.get(parsed.get("reference") or 0)
        if row is None or row.id in self.matched:
            return []
        title = fold(parsed["title"])
        return (
            [row] if row.details.day == parsed["date"] or title in map(fold, _titles(row)) else []
        )

    @staticmethod
    def _named(parsed: dict, free: list[AgendaItemRow]) -> list[AgendaItemRow]:
        title = fold(parsed["title"])
        return [row for row in free if title in map(fold, _titles(row))]

    @staticmethod
    def _placed(parsed: dict, free: list[AgendaItemRow]) -> list[AgendaItemRow]:
        venue = fold(parsed.get("venue") or "")
        return [
            row
            for row in free
            if venue and row.details.start_time == parsed["start"]
            and fold(row.venue_name or "") == venue
            and row.details.group_codes == (parsed.get("groups") or row.details.group_codes)
        ]  # fmt: skip

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

    def _row(self, line: int, parsed: dict, match: AgendaItemRow | None) -> None:
        day, start = parsed["date"], parsed["start"]
        given: dict[str, object] = {"day": day, "start_time": start}
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


def _distance(row: AgendaItemRow, parsed: dict) -> tuple:
    """How far an item is from a row that may update it: other groups, another venue,
    then minutes apart."""
    minutes = abs(minutes_of_day(row.details.start_time) - minutes_of_day(parsed["start"]))
    return (
        bool(parsed.get("groups")) and row.details.group_codes != parsed["groups"],
        bool(parsed.get("venue")) and fold(row.venue_name or "") != fold(parsed["venue"]),
        minutes,
        row.id,
    )  # fmt: skip


def _titles(row: AgendaItemRow) -> tuple[str, str]:
    return row.details.title_fr, row.details.title_en


def _notes(details: AgendaItemDetails, language: str) -> str | None:
    first, second = (
        (details.notes_fr, details.notes_en)
        if language == "fr"
        else (details.notes_en, details.notes_fr)
    )
    return first or second


_PARSERS = {
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


def _check_still_new(session: Session, plan: AgendaImportPlan) -> None:
    """No item added to the trip since the file was read (by another import, another
    window) is one the plan creates again: the same day and title."""
    if not plan.creations:
        return
    added = session.execute(
        select(AgendaItem.day, AgendaItem.title_fr, AgendaItem.title_en).where(
            AgendaItem.trip_id == plan.trip_id, AgendaItem.id.not_in(plan.known_ids)
        )
    ).all()
    meanwhile = {(day, fold(title)) for day, *titles in added for title in titles if title}
    for row in plan.creations:
        details = row.details
        for title in (details.title_fr, details.title_en):
            if title and (details.day, fold(title)) in meanwhile:
                raise ConflictError(
                    _(
                        "{item} was added by someone else meanwhile; nothing was imported: "
                        "preview the file again"
                    ).format(item=row.label)
                )


def apply_agenda_import(
    workspace: Workspace,
    plan: AgendaImportPlan,
    *,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    reuse: AgendaImportResult | None = None,
) -> AgendaImportResult:
    """Write the programme in one transaction (refused whole while rows have problems).

    `reuse` (a redo): the new items get their first ids and calendar UIDs again, and the
    changed items must be as the undo left them.
    """
    if plan.problems and not skip_invalid:
        raise ImportRefusedError(plan.file.source, plan.problems)
    total = len(plan.creations) + len(plan.changes)
    with workspace.transaction() as session:
        if plan.file.told:  # the meanings the user gave, for the next file of this layout
            remember_values(session, plan.file.table.headers, plan.file.told)
        if session.get(Trip, plan.trip_id) is None:
            raise NotFoundError(_("this trip no longer exists"))
        if reuse is not None:
            refuse_taken_ids(session, AgendaItem, reuse.item_ids)
            _check_details(session, {row.id: row.details for row in reuse.changed_before})
        else:
            _check_still_new(session, plan)
        venues = KnownVenues.read(session, session.get(Trip, plan.trip_id))
        group_ids = create_groups(
            session, plan.trip_id, plan.new_groups, reuse.group_ids if reuse else ()
        )
        hosts = {fold(o.name): o for o in session.scalars(select(Organization))}
        made_venues: list[Venue] = []
        made_hosts: list[Organization] = []
        before = {row.id: row for row in get_item_rows(session, [p.item_id for p in plan.changes])}
        items: list[AgendaItem] = []
        reused_ids = iter(reuse.item_ids if reuse else ())
        reused_uids = iter(reuse.item_uids if reuse else ())
        for done, planned in enumerate((*plan.creations, *plan.changes), start=1):
            details = planned.details
            if planned.venue:
                venue_id = venues.find(planned.venue, planned.address)
                if venue_id is None:
                    venue = Venue(name=planned.venue, address=planned.address)
                    session.add(venue)
                    session.flush()
                    made_venues.append(venue)
                    venues.add(venue.id, venue.name, venue.address)
                    venue_id = venue.id
                details = replace(details, venue_id=venue_id)
            if planned.host:
                key = fold(planned.host)
                if key not in hosts:
                    hosts[key] = Organization(name=planned.host)
                    session.add(hosts[key])
                    session.flush()
                    made_hosts.append(hosts[key])
                details = replace(details, host_organization_id=hosts[key].id)
            if planned.item_id is None:
                item = AgendaItem(
                    id=next(reused_ids, None),
                    trip_id=plan.trip_id,
                    calendar_uid=next(reused_uids, None) or new_calendar_uid(),
                )
                session.add(item)
                items.append(item)
            else:
                item = session.get(AgendaItem, planned.item_id)
                if item is None or (reuse is None and item.version != planned.version):
                    raise ConflictError(
                        _("{title} was changed since the file was read; nothing was imported")
                        .format(title=details.title("fr"))
                    )  # fmt: skip
            write_item(session, item, details)
            if progress is not None and done % 50 == 0:
                progress(done, total)
        session.flush()
        if progress is not None:
            progress(total, total)
        ids = [*(item.id for item in items), *(p.item_id for p in plan.changes)]
        written = {row.id: row.details for row in get_item_rows(session, ids)}
        return AgendaImportResult(
            plan.counts,
            tuple(item.id for item in items),
            tuple(venue.id for venue in made_venues),
            tuple(before[p.item_id] for p in plan.changes),
            tuple(written[i] for i in ids),
            tuple(host.id for host in made_hosts),
            tuple(group_ids),
            tuple(item.calendar_uid for item in items),
        )


def _check_details(session: Session, expected: dict[int, AgendaItemDetails]) -> None:
    """Each item still holds these details, or the step cannot be replayed."""
    current = {row.id: row for row in get_item_rows(session, list(expected))}
    for item_id, details in expected.items():
        row = current.get(item_id)
        if row is None:
            raise NotFoundError(_("this agenda item no longer exists"))
        if row.details != details:
            raise changed_since_step(f"“{row.details.title('fr')}”", row)


def undo_agenda_import(workspace: Workspace, result: AgendaImportResult) -> None:
    """Take a programme import back: new items go, changed ones are as they were, and the
    venues and hosts it added leave the directory; refused if anyone changed them since."""
    with workspace.transaction() as session:
        touched = [*result.item_ids, *(row.id for row in result.changed_before)]
        _check_details(session, dict(zip(touched, result.written, strict=True)))
        for item_id in result.item_ids:
            session.delete(session.get(AgendaItem, item_id))
        for row in result.changed_before:
            write_item(session, session.get(AgendaItem, row.id), row.details)
        session.flush()
        for venue_id in result.venue_ids:
            used = session.scalar(
                select(AgendaItem.id).where(AgendaItem.venue_id == venue_id).limit(1)
            )
            venue = session.get(Venue, venue_id)
            if used is None and venue is not None:
                session.delete(venue)
        for host_id in result.host_ids:
            used = session.scalar(
                select(AgendaItem.id).where(AgendaItem.host_organization_id == host_id).limit(1)
            )
            host = session.get(Organization, host_id)
            if used is None and host is not None and not host.contacts:
                session.delete(host)
        drop_unused_groups(session, result.group_ids)
