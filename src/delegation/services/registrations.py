"""Several registrations at once: a status, a group, a place on the waiting list.

Each returns what its undo needs; the undo and the redo, functions of their own, first
check that the registrations are as the step before left them.
"""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from delegation.domain.enums import ParticipantStatus
from delegation.domain.errors import NotFoundError
from delegation.i18n import _
from delegation.persistence.models import Participant
from delegation.services.participants import apply_status, trip_groups
from delegation.services.records import changed_since_step
from delegation.services.workspace import Workspace


@dataclass(frozen=True)
class StatusChange:
    """A participant's status before a change, to put it back on undo."""

    participant_id: int
    status: ParticipantStatus
    waitlist_position: int | None


def set_status(
    workspace: Workspace, participant_ids: list[int], status: ParticipantStatus
) -> list[StatusChange]:
    """Change several participants' status at once; returns what to restore on undo."""
    with workspace.transaction() as session:
        return _set_status(session, _participants(session, participant_ids), status)


def reapply_status(
    workspace: Workspace, changes: list[StatusChange], status: ParticipantStatus
) -> list[StatusChange]:
    """Redo of set_status after restore_statuses: the same participants, each still as
    the undo left them, get the status again; returns what to restore on the next undo."""
    with workspace.transaction() as session:
        participants = _participants(session, [change.participant_id for change in changes])
        _check_statuses(participants, {c.participant_id: c.status for c in changes})
        return _set_status(session, participants, status)


def _participants(session: Session, participant_ids: list[int]) -> list[Participant]:
    return list(
        session.scalars(
            select(Participant).where(Participant.id.in_(participant_ids)).order_by(Participant.id)
        )
    )


def _set_status(
    session: Session, participants: list[Participant], status: ParticipantStatus
) -> list[StatusChange]:
    changes = []
    for participant in participants:
        if participant.status == status:
            continue
        changes.append(
            StatusChange(participant.id, participant.status, participant.waitlist_position)
        )
        apply_status(session, participant, status)
    return changes


def _check_statuses(participants, expected: dict[int, ParticipantStatus]) -> None:
    if len(participants) != len(expected):
        raise NotFoundError(_("this participant no longer exists"))
    for participant in participants:
        if participant.status != expected[participant.id]:
            raise changed_since_step(participant.contact.full_name, participant)


def restore_statuses(
    workspace: Workspace, changes: list[StatusChange], status: ParticipantStatus
) -> None:
    """Undo set_status(…, status): each participant must still have that status."""
    with workspace.transaction() as session:
        participants = session.scalars(
            select(Participant).where(Participant.id.in_([c.participant_id for c in changes]))
        ).all()
        _check_statuses(participants, {change.participant_id: status for change in changes})
        by_id = {participant.id: participant for participant in participants}
        for change in changes:
            participant = by_id[change.participant_id]
            participant.status = change.status
            participant.waitlist_position = change.waitlist_position


def set_group_membership(
    workspace: Workspace, participant_ids: list[int], group_code: str, member: bool
) -> list[int]:
    """Put participants in a group, or take them out; returns those actually changed."""
    with workspace.transaction() as session:
        return _set_membership(session, participant_ids, group_code, member, exactly=False)


def replay_group_membership(
    workspace: Workspace, participant_ids: list[int], group_code: str, member: bool
) -> None:
    """Undo or redo of set_group_membership: each of these participants changes, and must
    still be as the step before left them, or nothing is done."""
    with workspace.transaction() as session:
        _set_membership(session, participant_ids, group_code, member, exactly=True)


def _set_membership(
    session: Session, participant_ids: list[int], group_code: str, member: bool, *,
    exactly: bool,
) -> list[int]:  # fmt: skip
    changed = []
    participants = session.scalars(
        select(Participant).where(Participant.id.in_(participant_ids))
    ).all()
    if exactly and len(participants) != len(set(participant_ids)):
        raise NotFoundError(_("this participant no longer exists"))
    for participant in participants:
        [group] = trip_groups(session, participant.trip_id, (group_code,))
        if (group in participant.groups) == member:
            if exactly:
                raise changed_since_step(participant.contact.full_name, participant)
            continue
        if member:
            participant.groups.append(group)
        else:
            participant.groups.remove(group)
        changed.append(participant.id)
    return changed


def move_in_waiting_list(workspace: Workspace, participant_id: int, steps: int) -> list[int]:
    """Move a waitlisted participant up (negative steps) or down the list; returns the
    participants whose place changed (none: not waiting, or already at that end)."""
    with workspace.transaction() as session:
        participant = session.get(Participant, participant_id)
        if participant is None or participant.waitlist_position is None:
            return []
        waiting = list(
            session.scalars(
                select(Participant)
                .where(
                    Participant.trip_id == participant.trip_id,
                    Participant.status == ParticipantStatus.WAITLISTED,
                )
                .order_by(Participant.waitlist_position, Participant.id)
            )
        )
        index = waiting.index(participant)
        target = index + steps
        if not 0 <= target < len(waiting):
            return []
        positions = sorted(p.waitlist_position or 0 for p in waiting)
        waiting.insert(target, waiting.pop(index))
        moved = []
        for person, position in zip(waiting, positions, strict=True):
            if person.waitlist_position != position:
                person.waitlist_position = position
                moved.append(person.id)
        return moved
