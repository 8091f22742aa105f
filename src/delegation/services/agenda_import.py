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
from delegation.persistence.models import AgendaItem, Organization, Trip, Venue
from delegation.services.agenda import (
    AgendaItemDetails,
    AgendaItemRow,
    get_item_rows,
    list_agenda,
    validate_item_details,
    write_item,
)
from delegation.services.imports import (
    ImportCounts,
    ImportProblem,
    ImportRefusedError,
    PlanCounts,
    Progress,
    SourceFile,
    group_codes,
    open_source,
    trip_group_codes,
)
from delegation.services.records import changed_since_step
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
class AgendaImportPlan(PlanCounts):
    trip_id: int
    file: SourceFile
    creations: tuple[PlannedItem, ...]
    changes: tuple[PlannedItem, ...]
    unchanged: int
    problems: tuple[ImportProblem, ...]


@dataclass(frozen=True)
class AgendaImportResult:
    counts: ImportCounts
    item_ids: tuple[int, ...]  # the items made
    venue_ids: tuple[int, ...]  # the venues added to the directory
    changed_before: tuple[AgendaItemRow, ...]
    written: tuple[AgendaItemDetails, ...]  # made then changed items, as the import left them
    host_ids: tuple[int, ...]  # the host organizations added to the directory


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
        planner = _Planner(
            trip_id, file, existing, (trip.start_date, trip.end_date),
            trip_group_codes(session, trip_id), _venue_names(session),
            {fold(o.name): o.id for o in session.scalars(select(Organization))},
        )  # fmt: skip
    return planner.plan()


class _Planner:
    """One pass over the rows: parse, check, match; problems are collected, not raised."""

    def __init__(self, trip_id, file, existing, dates, codes, venues, hosts) -> None:
        self.trip_id, self.file, self.dates = trip_id, file, dates
        self.codes, self.venues, self.hosts = codes, venues, hosts
        self.language = "en" if _english_file(file) else "fr"
        self.by_key = {
            (row.details.day, row.details.start_time, fold(row.details.title(language))): row
            for row in existing
            for language in ("fr", "en")
        }
        self.problems: list[ImportProblem] = []
        self.creations: list[PlannedItem] = []
        self.changes: list[PlannedItem] = []
        self.unchanged = 0
        self.first_seen: dict[tuple, tuple[int, dict]] = {}

    def plan(self) -> AgendaImportPlan:
        for line, cells in self.file.values():
            parsed = self._parsed(line, cells)
            if parsed is not None:
                self._row(line, parsed)
        return AgendaImportPlan(
            self.trip_id,
            self.file,
            tuple(self.creations),
            tuple(self.changes),
            self.unchanged,
            tuple(self.problems),
        )

    def _problem(self, line: int, field: str, reason: str) -> None:
        self.problems.append(ImportProblem(line, field, reason))

    def _parsed(self, line: int, cells) -> dict | None:
        """The row's values, or None once its problems are reported."""
        count = len(self.problems)
        parsed = {}
        for name, cell in cells.items():
            try:
                parsed[name] = _PARSERS[name](cell)
            except ValueError as error:
                self._problem(line, name, str(error))
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
            codes = group_codes(parsed["groups"], self.codes)
            if isinstance(codes, ImportProblem):
                self.problems.append(replace(codes, line=line))
                return None
            parsed["groups"] = codes
        key = (parsed["date"], parsed["start"], fold(parsed["title"]))
        if key in self.first_seen:
            first_line, first_parsed = self.first_seen[key]
            if parsed != first_parsed:  # a row repeated as is counts once
                self._problem(
                    line,
                    "title",
                    _("the same item as on line {line}, with other details").format(
                        line=first_line
                    ),
                )
            return None
        self.first_seen[key] = (line, parsed)
        return parsed

    def _row(self, line: int, parsed: dict) -> None:
        day, start = parsed["date"], parsed["start"]
        match = self.by_key.get((day, start, fold(parsed["title"])))
        given: dict[str, object] = {"day": day, "start_time": start}
        for name, field in (("end", "end_time"), ("kind", "kind"), ("status", "status")):
            if parsed.get(name) is not None:
                given[field] = parsed[name]
        if parsed.get("groups"):
            given["group_codes"] = parsed["groups"]
        if match is None:
            given[f"title_{self.language}"] = parsed["title"]
        if parsed.get("notes"):
            given[f"notes_{self.language}"] = parsed["notes"]
        venue_name, host_name = parsed.get("venue"), parsed.get("host")
        if venue_name and fold(venue_name) in self.venues:
            given["venue_id"] = self.venues[fold(venue_name)]
        if host_name and fold(host_name) in self.hosts:
            given["host_organization_id"] = self.hosts[fold(host_name)]
        base = match.details if match is not None else AgendaItemDetails(day, start)
        details = replace(base, **given)
        errors = validate_item_details(details)
        for error in errors:
            self._problem(line, _FIELD_OF.get(error.field, error.field), error.reason)
        if errors:
            return
        new_venue = venue_name if venue_name and "venue_id" not in given else None
        new_host = host_name if host_name and "host_organization_id" not in given else None
        planned = PlannedItem(
            line, details, new_venue, parsed.get("address"), new_host,
            match.id if match else None, match.version if match else None,
        )  # fmt: skip
        if match is None:
            self.creations.append(planned)
        elif details == match.details and not new_venue and not new_host:
            self.unchanged += 1
        else:
            self.changes.append(planned)


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

    `reuse` (a redo): the new items get their first ids again, and the changed items must
    be as the undo left them.
    """
    if plan.problems and not skip_invalid:
        raise ImportRefusedError(plan.file.source, plan.problems)
    total = len(plan.creations) + len(plan.changes)
    with workspace.transaction() as session:
        if session.get(Trip, plan.trip_id) is None:
            raise NotFoundError(_("this trip no longer exists"))
        if reuse is not None:
            if session.scalar(select(AgendaItem.id).where(AgendaItem.id.in_(reuse.item_ids))):
                raise ConflictError(
                    _("records were added since this import was undone; import the file again")
                )
            _check_details(session, {row.id: row.details for row in reuse.changed_before})
        venues = _venue_names(session)
        hosts = {fold(o.name): o for o in session.scalars(select(Organization))}
        made_venues: list[Venue] = []
        made_hosts: list[Organization] = []
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
                    made_hosts.append(hosts[key])
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
        ids = [*(item.id for item in items), *(p.item_id for p in plan.changes)]
        written = {row.id: row.details for row in get_item_rows(session, ids)}
        return AgendaImportResult(
            plan.counts,
            tuple(item.id for item in items),
            tuple(venue.id for venue in made_venues),
            tuple(before[p.item_id] for p in plan.changes),
            tuple(written[i] for i in ids),
            tuple(host.id for host in made_hosts),
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
