"""Several registrations at once: a status, a group, a place on the waiting list.

Each returns what its undo needs; an undo or redo (strict, unchanged_since) first checks
that the registrations are as the step left them.
"""

from dataclasses import dataclass

from sqlalchemy import select

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
    workspace: Workspace,
    participant_ids: list[int],
    status: ParticipantStatus,
    *,
    unchanged_since: list[StatusChange] | None = None,
) -> list[StatusChange]:
    """Change several participants' status at once; returns what to restore on undo.

    unchanged_since (a redo): only those participants, each still as the undo left them.
    """
    with workspace.transaction() as session:
        if unchanged_since is not None:
            participant_ids = [change.participant_id for change in unchanged_since]
        participants = session.scalars(
            select(Participant).where(Participant.id.in_(participant_ids)).order_by(Participant.id)
        ).all()
        if unchanged_since is not None:
            _check_statuses(participants, {c.participant_id: c.status for c in unchanged_since})
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
    workspace: Workspace,
    participant_ids: list[int],
    group_code: str,
    member: bool,
    *,
    strict: bool = False,
) -> list[int]:
    """Put participants in a group, or take them out; returns those actually changed.

    strict (an undo or redo): each must still be as the step left them, or nothing is done.
    """
    with workspace.transaction() as session:
        changed = []
        participants = session.scalars(
            select(Participant).where(Participant.id.in_(participant_ids))
        ).all()
        if strict and len(participants) != len(set(participant_ids)):
            raise NotFoundError(_("this participant no longer exists"))
        for participant in participants:
            [group] = trip_groups(session, participant.trip_id, (group_code,))
            if (group in participant.groups) == member:
                if strict:
                    raise changed_since_step(participant.contact.full_name, participant)
                continue
            if member:
                participant.groups.append(group)
            else:
                participant.groups.remove(group)
            changed.append(participant.id)
        return changed


def move_in_waiting_list(workspace: Workspace, participant_id: int, steps: int) -> bool:
    """Move a waitlisted participant up (negative steps) or down the list."""
    with workspace.transaction() as session:
        participant = session.get(Participant, participant_id)
        if participant is None or participant.waitlist_position is None:
            return False
        waiting = session.scalars(
            select(Participant)
            .where(
                Participant.trip_id == participant.trip_id,
                Participant.status == ParticipantStatus.WAITLISTED,
            )
            .order_by(Participant.waitlist_position, Participant.id)
        ).all()
        index = waiting.index(participant)
        target = index + steps
        if not 0 <= target < len(waiting):
            return False
        positions = [p.waitlist_position for p in waiting if p.waitlist_position is not None]
        moved = list(waiting)
        moved.insert(target, moved.pop(index))
        for person, position in zip(moved, sorted(positions), strict=True):
            person.waitlist_position = position
        return True
