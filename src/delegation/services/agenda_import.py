"""A programme from a spreadsheet: each row an item, matched on its day, start and title.

Times are the destination's local time. Venues and hosts are found in the directory by
name, or added to it. The title goes into the language of the file's headers ("titre"
French, "title" English); the other language falls back on it in documents.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from delegation.domain.errors import ConflictError, NotFoundError
from delegation.i18n import _
from delegation.i18n.formatting import format_date_range
from delegation.interchange import values as parse
from delegation.interchange.columns import AGENDA_FIELDS, fold
from delegation.persistence.models import AgendaItem, Organization, Trip, TripGroup, Venue
from delegation.services.agenda import (
    AgendaItemDetails,
    AgendaItemRow,
    list_agenda,
    validate_item_details,
    write_item,
)
from delegation.services.imports import (
    ImportCounts,
    ImportProblem,
    ImportRefusedError,
    Progress,
    SourceFile,
    open_source,
)
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


@dataclass(frozen=True)
class AgendaImportPlan:
    trip_id: int
    file: SourceFile
    creations: tuple[PlannedItem, ...]
    changes: tuple[PlannedItem, ...]
    unchanged: int
    problems: tuple[ImportProblem, ...]

    @property
    def counts(self) -> ImportCounts:
        invalid = len({problem.line for problem in self.problems})
        return ImportCounts(len(self.creations), len(self.changes), self.unchanged, invalid)

    def problem_lines(self) -> list[str]:
        return [problem.located(self.file.source) for problem in self.problems]


@dataclass(frozen=True)
class AgendaImportResult:
    counts: ImportCounts
    item_ids: tuple[int, ...]  # the items made
    venue_ids: tuple[int, ...]  # the venues added to the directory
    changed_before: tuple[AgendaItemRow, ...]


def _english_file(file: SourceFile) -> bool:
    title_column = next(index for index, name in file.fields.items() if name == "title")
    return fold(file.table.headers[title_column]) == "title"


def plan_agenda_import(
    workspace: Workspace,
    trip_id: int,
    path: str | Path,
    *,
    columns: Mapping[int, str] | None = None,
    sheet: str | None = None,
    display_name: str | None = None,
) -> AgendaImportPlan:
    """Read and check the whole programme against the trip; nothing is written."""
    file = open_source(path, AGENDA_FIELDS, fields=columns, sheet=sheet, display_name=display_name)
    existing = list_agenda(workspace, trip_id)
    with workspace.transaction() as session:
        trip = session.get(Trip, trip_id)
        if trip is None:
            raise NotFoundError(_("this trip no longer exists"))
        first, last = trip.start_date, trip.end_date
        codes = set(session.scalars(select(TripGroup.code).where(TripGroup.trip_id == trip_id)))
        venues = _venue_names(session)
        hosts = {fold(o.name): o.id for o in session.scalars(select(Organization))}
    english = _english_file(file)
    by_key = {
        (row.details.day, row.details.start_time, fold(row.details.title("fr"))): row
        for row in existing
    } | {
        (row.details.day, row.details.start_time, fold(row.details.title("en"))): row
        for row in existing
    }
    problems: list[ImportProblem] = []
    creations: list[PlannedItem] = []
    changes: list[PlannedItem] = []
    unchanged = 0
    seen: dict[tuple, int] = {}
    for line, cells in file.values():
        count = len(problems)
        parsed = {}
        for name, cell in cells.items():
            parser = _PARSERS[name]
            try:
                parsed[name] = parser(cell)
            except ValueError as error:
                problems.append(ImportProblem(line, name, str(error)))
        refused = {problem.field for problem in problems[count:]}
        for name in ("date", "start", "title"):
            if parsed.get(name) in (None, "") and name not in refused:
                problems.append(ImportProblem(line, name, _("a value is required")))
        if len(problems) > count:
            continue
        day = parsed["date"]
        if not first <= day <= last:
            problems.append(
                ImportProblem(
                    line,
                    "date",
                    _("{day} is outside the trip ({dates})").format(
                        day=day.strftime("%d/%m/%Y"), dates=format_date_range(first, last)
                    ),
                )
            )
            continue
        unknown = [code for code in parsed.get("groups") or () if code not in codes]
        if unknown:
            problems.append(
                ImportProblem(
                    line,
                    "groups",
                    _("no such group in this trip: {codes}").format(codes=", ".join(unknown)),
                )
            )
            continue
        key = (day, parsed["start"], fold(parsed["title"]))
        if key in seen:
            problems.append(
                ImportProblem(
                    line, "title", _("the same item as on line {line}").format(line=seen[key])
                )
            )
            continue
        seen[key] = line
        match = by_key.get(key)
        given: dict[str, object] = {"day": day, "start_time": parsed["start"]}
        if parsed.get("end") is not None:
            given["end_time"] = parsed["end"]
        for name, field in (("kind", "kind"), ("status", "status")):
            if parsed.get(name) is not None:
                given[field] = parsed[name]
        if parsed.get("groups"):
            given["group_codes"] = parsed["groups"]
        language = "en" if english else "fr"
        if match is None:
            given[f"title_{language}"] = parsed["title"]
        if parsed.get("notes"):
            given[f"notes_{language}"] = parsed["notes"]
        venue_name = parsed.get("venue")
        host_name = parsed.get("host")
        if venue_name and fold(venue_name) in venues:
            given["venue_id"] = venues[fold(venue_name)]
        if host_name and fold(host_name) in hosts:
            given["host_organization_id"] = hosts[fold(host_name)]
        base = match.details if match is not None else AgendaItemDetails(day, parsed["start"])
        details = replace(base, **given)
        errors = validate_item_details(details)
        problems.extend(
            ImportProblem(line, _FIELD_OF.get(error.field, error.field), error.reason)
            for error in errors
        )
        if errors:
            continue
        unknown_venue = venue_name if venue_name and "venue_id" not in given else None
        unknown_host = host_name if host_name and "host_organization_id" not in given else None
        planned = PlannedItem(
            line, details, unknown_venue, parsed.get("address"), unknown_host,
            match.id if match else None, match.version if match else None,
        )  # fmt: skip
        if match is None:
            creations.append(planned)
        elif details == match.details and not unknown_venue and not unknown_host:
            unchanged += 1
        else:
            changes.append(planned)
    return AgendaImportPlan(
        trip_id, file, tuple(creations), tuple(changes), unchanged, tuple(problems)
    )


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
}
# The editor's field names, as the file's columns are called.
_FIELD_OF = {"end_time": "end", "start_time": "start", "title_fr": "title", "title_en": "title"}


def _venue_names(session: Session) -> dict[str, int]:
    records = session.execute(select(Venue.id, Venue.name))
    return {fold(name): venue_id for venue_id, name in records}


def apply_agenda_import(
    workspace: Workspace,
    plan: AgendaImportPlan,
    *,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    reuse: AgendaImportResult | None = None,
) -> AgendaImportResult:
    """Write the programme in one transaction (refused whole while rows have problems).

    `reuse` (a redo): the new items get their first ids again, and the changed items are
    taken as the undo left them.
    """
    from delegation.services.agenda import get_item_rows

    if plan.problems and not skip_invalid:
        raise ImportRefusedError(plan.file.source, plan.problems)
    total = len(plan.creations) + len(plan.changes)
    with workspace.transaction() as session:
        if session.get(Trip, plan.trip_id) is None:
            raise NotFoundError(_("this trip no longer exists"))
        venues = _venue_names(session)
        hosts = {fold(o.name): o for o in session.scalars(select(Organization))}
        made_venues: list[Venue] = []
        before = {row.id: row for row in get_item_rows(session, [p.item_id for p in plan.changes])}
        items: list[AgendaItem] = []
        reused_ids = iter(reuse.item_ids if reuse else ())
        for done, planned in enumerate((*plan.creations, *plan.changes), start=1):
            details = planned.details
            if planned.venue:
                key = fold(planned.venue)
                if key not in venues:
                    venue = Venue(name=planned.venue, address=planned.address)
                    session.add(venue)
                    session.flush()
                    made_venues.append(venue)
                    venues[key] = venue.id
                details = replace(details, venue_id=venues[key])
            if planned.host:
                key = fold(planned.host)
                if key not in hosts:
                    hosts[key] = Organization(name=planned.host)
                    session.add(hosts[key])
                    session.flush()
                details = replace(details, host_organization_id=hosts[key].id)
            if planned.item_id is None:
                item = AgendaItem(id=next(reused_ids, None), trip_id=plan.trip_id)
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
        return AgendaImportResult(
            plan.counts,
            tuple(item.id for item in items),
            tuple(venue.id for venue in made_venues),
            tuple(before[p.item_id] for p in plan.changes),
        )


def undo_agenda_import(workspace: Workspace, result: AgendaImportResult) -> None:
    """Take a programme import back: new items go, changed ones are as they were."""
    with workspace.transaction() as session:
        for item_id in result.item_ids:
            item = session.get(AgendaItem, item_id)
            if item is not None:
                session.delete(item)
        for row in result.changed_before:
            item = session.get(AgendaItem, row.id)
            if item is None:
                raise NotFoundError(_("this agenda item no longer exists"))
            write_item(session, item, row.details)
        session.flush()
        for venue_id in result.venue_ids:
            used = session.scalar(
                select(AgendaItem.id).where(AgendaItem.venue_id == venue_id).limit(1)
            )
            venue = session.get(Venue, venue_id)
            if used is None and venue is not None:
                session.delete(venue)
