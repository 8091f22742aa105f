"""A programme import's plan written in one transaction, taken back by an undo, and
written again by a redo under the same ids and calendar UIDs."""

from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from delegation.domain.errors import ConflictError
from delegation.i18n import _
from delegation.interchange.columns import fold
from delegation.persistence.models import AgendaItem, Organization, Trip, Venue
from delegation.persistence.models.columns import new_calendar_uid
from delegation.services.agenda import (
    AgendaItemDetails,
    AgendaItemRow,
    get_item_rows,
    write_item,
)
from delegation.services.agenda_import_plan import AgendaImportPlan, KnownVenues
from delegation.services.import_groups import create_groups, drop_unused_groups
from delegation.services.imports import (
    ImportCounts,
    ImportRefusedError,
    Progress,
    prepare_writing,
)
from delegation.services.records import check_rows_as_left, refuse_taken_ids
from delegation.services.workspace import Workspace


@dataclass(frozen=True)
class AgendaImportResult:
    """What a programme import wrote, enough to take it back (undo) and to write it again
    (redo)."""

    plan: AgendaImportPlan  # what was written
    counts: ImportCounts
    item_ids: tuple[int, ...]  # the items made
    venue_ids: tuple[int, ...]  # the venues added to the directory
    changed_before: tuple[AgendaItemRow, ...]
    written: tuple[AgendaItemDetails, ...]  # made then changed items, as the import left them
    host_ids: tuple[int, ...]  # the host organizations added to the directory
    group_ids: tuple[int, ...]  # the groups it made
    item_uids: tuple[str, ...]  # the calendar UIDs of the items made, in that order


def apply_agenda_import(
    workspace: Workspace,
    plan: AgendaImportPlan,
    *,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> AgendaImportResult:
    """Write the programme in one transaction (refused whole while rows have problems)."""
    if plan.problems and not skip_invalid:
        raise ImportRefusedError(plan.file.source, plan.problems)
    with workspace.transaction() as session:
        prepare_writing(session, plan.trip_id, plan.file)
        _check_still_new(session, plan)
        return _write(session, plan, progress)


def redo_agenda_import(workspace: Workspace, result: AgendaImportResult) -> AgendaImportResult:
    """Write an undone programme import again: the new items get their first ids and
    calendar UIDs back, which later steps and subscribed calendars know them by. Refused if
    another record took those ids, or the changed items are no longer as the undo left them.
    """
    plan = result.plan
    with workspace.transaction() as session:
        prepare_writing(session, plan.trip_id, plan.file)
        refuse_taken_ids(session, AgendaItem, result.item_ids)
        _check_details(session, {row.id: row.details for row in result.changed_before})
        return _write(session, plan, again=result)


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


def _write(
    session: Session,
    plan: AgendaImportPlan,
    progress: Progress | None = None,
    again: AgendaImportResult | None = None,
) -> AgendaImportResult:
    """Write the plan's items, and the venues, hosts and groups they name. `again`: the
    result of the same import, undone since, whose ids and calendar UIDs are given back;
    its changed items were checked against what the undo left, not the versions read."""
    venues = KnownVenues.read(session, session.get(Trip, plan.trip_id))
    group_ids = create_groups(
        session, plan.trip_id, plan.new_groups, again.group_ids if again else ()
    )
    hosts = {fold(o.name): o for o in session.scalars(select(Organization))}
    made_venues: list[Venue] = []
    made_hosts: list[Organization] = []
    changed_ids = plan.changed_ids()
    before = {row.id: row for row in get_item_rows(session, changed_ids)}
    items: list[AgendaItem] = []
    reused_ids = iter(again.item_ids if again else ())
    reused_uids = iter(again.item_uids if again else ())
    total = len(plan.creations) + len(plan.changes)
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
            found = session.get(AgendaItem, planned.item_id)
            if found is None or (again is None and found.version != planned.version):
                raise ConflictError(
                    _("{title} was changed since the file was read; nothing was imported")
                    .format(title=details.title("fr"))
                )  # fmt: skip
            item = found
        write_item(session, item, details)
        if progress is not None and done % 50 == 0:
            progress(done, total)
    session.flush()
    if progress is not None:
        progress(total, total)
    ids = [*(item.id for item in items), *changed_ids]
    written = {row.id: row.details for row in get_item_rows(session, ids)}
    return AgendaImportResult(
        plan=plan,
        counts=plan.counts,
        item_ids=tuple(item.id for item in items),
        venue_ids=tuple(venue.id for venue in made_venues),
        changed_before=tuple(before[i] for i in changed_ids),
        written=tuple(written[i] for i in ids),
        host_ids=tuple(host.id for host in made_hosts),
        group_ids=tuple(group_ids),
        item_uids=tuple(item.calendar_uid for item in items),
    )


def _check_details(session: Session, expected: dict[int, AgendaItemDetails]) -> None:
    """Each item still holds these details, or the step cannot be replayed."""
    check_rows_as_left(
        get_item_rows(session, list(expected)),
        expected,
        missing=_("this agenda item no longer exists"),
        name=lambda row: f"“{row.details.title('fr')}”",
    )


def undo_agenda_import(workspace: Workspace, result: AgendaImportResult) -> None:
    """Take a programme import back: new items go, changed ones are as they were, and the
    venues and hosts it added leave the directory; refused if anyone changed them since."""
    with workspace.transaction() as session:
        touched = [*result.item_ids, *(row.id for row in result.changed_before)]
        _check_details(session, dict(zip(touched, result.written, strict=True)))
        for item_id in result.item_ids:
            session.delete(session.get_one(AgendaItem, item_id))
        for row in result.changed_before:
            write_item(session, session.get_one(AgendaItem, row.id), row.details)
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
