"""Undoable edits of participants."""

from delegation.domain.enums import ParticipantStatus
from delegation.domain.errors import ValidationError
from delegation.i18n import _, ngettext
from delegation.i18n.labels import status_label
from delegation.services import participants as service
from delegation.services import registrations
from delegation.services.changes import Changes, Kind
from delegation.services.expected import Unchanged
from delegation.services.participant_details import ParticipantDetails
from delegation.services.participant_rows import ParticipantRow
from delegation.ui.commands import EditCommand, EditContext

# The fields of a registration that are its person's, kept on their directory contact.
_CONTACT_FIELDS = (
    "last_name", "first_name", "email", "civility", "phone", "organization", "job_title",
    "birth_date",
)  # fmt: skip


def _changes(trip_id: int | None, rows: list[ParticipantRow], *, contacts: bool) -> Changes:
    """These registrations changed; and their contacts, when the edit made or changed them
    or their list of trips (the Contacts page shows it)."""
    changes = Changes.of(trip_id, Kind.PARTICIPANT, [row.id for row in rows])
    if contacts:
        changes |= Changes.of(trip_id, Kind.CONTACT, [row.contact_id for row in rows])
    return changes


class AddParticipantCommand(EditCommand):
    """Register someone; undo takes them off and leaves the directory as it was."""

    def __init__(self, context: EditContext, trip_id: int, details: ParticipantDetails) -> None:
        super().__init__(context, lambda: _("Add {name}").format(name=details.full_name))
        self._trip_id = trip_id
        self._details = details
        self._registration: service.Registration | None = None
        self._taken: service.RemovedParticipant | None = None
        self.row: ParticipantRow | None = None

    def do(self) -> None:
        if self._taken is None:
            self._registration = service.add_participant(
                self.workspace, self._trip_id, self._details
            )
            self.row = self._registration.row
        else:
            self.row = service.restore_participant(self.workspace, self._taken)
        self.changes = _changes(self._trip_id, [self.row], contacts=True)

    def undo(self) -> None:
        # The contact as the registration left it, or the directory as it was before.
        assert self._registration is not None
        self._taken = service.withdraw_registration(self.workspace, self._registration)


class AddContactToTripCommand(EditCommand):
    """Register a contact of the directory for the trip, in one action."""

    def __init__(self, context: EditContext, trip_id: int, contact_id: int, name: str) -> None:
        super().__init__(context, lambda: _("Register {name}").format(name=name))
        self._trip_id = trip_id
        self._contact_id = contact_id
        self._taken: service.RemovedParticipant | None = None
        self.row: ParticipantRow | None = None

    def do(self) -> None:
        if self._taken is None:
            self.row = service.add_contact_to_trip(self.workspace, self._trip_id, self._contact_id)
        else:
            self.row = service.restore_participant(self.workspace, self._taken)
        self.changes = _changes(self._trip_id, [self.row], contacts=True)

    def undo(self) -> None:
        assert self.row is not None
        self._taken = service.remove_participant(self.workspace, self.row.id)


class EditParticipantCommand(EditCommand):
    """A registration's editor saved; undo puts it back as the editor read it, at its old
    place in the waiting list."""

    def __init__(
        self, context: EditContext, before: ParticipantRow, details: ParticipantDetails
    ) -> None:
        super().__init__(context, lambda: _("Edit {name}").format(name=details.full_name))
        self._before = before
        self._after = details
        self._left: ParticipantRow | None = None  # the row as the last do or undo left it

    def do(self) -> None:
        if self._left is None:
            # The first save checks the person's contact as the editor read it too (it
            # is shared with their other trips).
            row = service.update_participant(
                self.workspace, self._before.id, self._before.version, self._after,
                opened=self._before,
            )  # fmt: skip
            # Undo and redo then change the same records back and forth.
            person_changed = any(
                getattr(row.details, name) != getattr(self._before.details, name)
                for name in _CONTACT_FIELDS
            )
            self.changes = _changes(row.trip_id, [row], contacts=person_changed)
        else:  # a redo: the details after, over those the undo left
            row = service.update_participant(
                self.workspace, self._before.id, Unchanged(self._left.details), self._after
            )
        self._left = row

    def undo(self) -> None:
        assert self._left is not None
        self._left = service.revert_participant(
            self.workspace, self._before.id, self._left.details, self._before
        )

    def changed_nothing(self) -> bool:
        return self._left is not None and self._left.details == self._before.details


class RemoveParticipantsCommand(EditCommand):
    def __init__(self, context: EditContext, rows: list[ParticipantRow]) -> None:
        name = rows[0].details.full_name
        count = len(rows)
        super().__init__(
            context,
            lambda: (
                _("Remove {name}").format(name=name)
                if count == 1
                else ngettext("Remove {n} participant", "Remove {n} participants", count).format(
                    n=count
                )
            ),
        )
        self._ids = [row.id for row in rows]
        self.changes = _changes(self.trip_id, rows, contacts=True)  # their lists of trips
        self._taken: list[service.RemovedParticipant] = []

    def do(self) -> None:
        self._taken = service.remove_participants(self.workspace, self._ids)

    def undo(self) -> None:
        service.restore_participants(self.workspace, self._taken)


class SetStatusCommand(EditCommand):
    def __init__(self, context: EditContext, ids: list[int], status: ParticipantStatus) -> None:
        super().__init__(
            context,
            lambda: ngettext(
                "Set {n} participant to {status}", "Set {n} participants to {status}", len(ids)
            ).format(n=len(ids), status=status_label(status)),
        )
        self._ids = ids
        self._status = status
        self._previous: list[registrations.StatusChange] = []

    def do(self) -> None:
        if self._previous:  # a redo: those the undo put back
            self._previous = registrations.reapply_status(
                self.workspace, self._previous, self._status
            )
        else:
            self._previous = registrations.set_status(self.workspace, self._ids, self._status)
        self.changes = Changes.of(
            self.trip_id, Kind.PARTICIPANT, [c.participant_id for c in self._previous]
        )

    def changed_nothing(self) -> bool:
        return not self._previous

    def undo(self) -> None:
        registrations.restore_statuses(self.workspace, self._previous, self._status)


class GroupMembershipCommand(EditCommand):
    def __init__(self, context: EditContext, ids: list[int], group_code: str, member: bool) -> None:
        def describe() -> str:
            text = (
                ngettext(
                    "Add {n} participant to group {group}",
                    "Add {n} participants to group {group}",
                    len(ids),
                )
                if member
                else ngettext(
                    "Take {n} participant out of group {group}",
                    "Take {n} participants out of group {group}",
                    len(ids),
                )
            )
            return text.format(n=len(ids), group=group_code)

        super().__init__(context, describe)
        self._ids = ids
        self._code = group_code
        self._member = member
        self._changed: list[int] = []

    def do(self) -> None:
        if self._changed:  # a redo: exactly those the undo changed back
            registrations.replay_group_membership(
                self.workspace, self._changed, self._code, self._member
            )
        else:
            self._changed = registrations.set_group_membership(
                self.workspace, self._ids, self._code, self._member
            )
        self.changes = Changes.of(self.trip_id, Kind.PARTICIPANT, self._changed)

    def changed_nothing(self) -> bool:
        return not self._changed

    def undo(self) -> None:
        registrations.replay_group_membership(
            self.workspace, self._changed, self._code, not self._member
        )


class MoveInWaitingListCommand(EditCommand):
    def __init__(self, context: EditContext, row: ParticipantRow, steps: int) -> None:
        name = row.details.full_name
        super().__init__(
            context,
            lambda: (
                _("Move {name} up the waiting list")
                if steps < 0
                else _("Move {name} down the waiting list")
            ).format(name=name),
        )
        self._id = row.id
        self._steps = steps

    def do(self) -> None:
        moved = registrations.move_in_waiting_list(self.workspace, self._id, self._steps)
        if not moved:
            raise ValidationError("waitlist", _("already at that end of the waiting list"))
        self.changes = Changes.of(self.trip_id, Kind.PARTICIPANT, moved)

    def undo(self) -> None:
        moved = registrations.move_in_waiting_list(self.workspace, self._id, -self._steps)
        self.changes = Changes.of(self.trip_id, Kind.PARTICIPANT, moved)
