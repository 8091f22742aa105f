"""Undoable edits of participants."""

from delegation.domain.enums import ParticipantStatus
from delegation.domain.errors import ValidationError
from delegation.i18n import _, ngettext
from delegation.i18n.labels import status_label
from delegation.services import participants as service
from delegation.services import registrations
from delegation.services.participant_details import ParticipantDetails
from delegation.services.participant_rows import ParticipantRow
from delegation.ui.commands import (
    EditContext,
    RestorableCommand,
    SaveRecordCommand,
    ServiceCommand,
)


class AddParticipantCommand(RestorableCommand):
    """Register someone; undo takes them off and leaves the directory as it was."""

    area = "participants"

    def __init__(self, context: EditContext, trip_id: int, details: ParticipantDetails) -> None:
        super().__init__(context, lambda: _("Add {name}").format(name=details.full_name))
        self._trip_id = trip_id
        self._details = details
        self._registration: service.Registration | None = None
        self.row: ParticipantRow | None = None

    def first(self) -> None:
        self._registration = service.add_participant(self.workspace, self._trip_id, self._details)
        self.row = self._registration.row

    def take_out(self) -> service.RemovedParticipant:
        return service.withdraw_registration(self.workspace, self._registration)

    def put_back(self, taken: service.RemovedParticipant) -> None:
        self.row = service.restore_participant(self.workspace, taken)


class AddContactToTripCommand(RestorableCommand):
    """Register a contact of the directory for the trip, in one action."""

    area = "participants"

    def __init__(self, context: EditContext, trip_id: int, contact_id: int, name: str) -> None:
        super().__init__(context, lambda: _("Register {name}").format(name=name))
        self._trip_id = trip_id
        self._contact_id = contact_id
        self.row: ParticipantRow | None = None

    def first(self) -> None:
        self.row = service.add_contact_to_trip(self.workspace, self._trip_id, self._contact_id)

    def take_out(self) -> service.RemovedParticipant:
        return service.remove_participant(self.workspace, self.row.id)

    def put_back(self, taken: service.RemovedParticipant) -> None:
        self.row = service.restore_participant(self.workspace, taken)


class EditParticipantCommand(SaveRecordCommand):
    area = "participants"

    def __init__(
        self, context: EditContext, before: ParticipantRow, details: ParticipantDetails
    ) -> None:
        super().__init__(
            context, lambda: _("Edit {name}").format(name=details.full_name), before, details
        )
        self._position = before.waitlist_position
        self._opened = before

    def save(self, record_id, expected, details, new_id) -> ParticipantRow:
        # Back to the old details, back to the old place in the waiting list.
        position = self._position if details is self._before else None
        # The first save checks the person's contact as the editor read it too (it is
        # shared with their other trips); undo and redo compare the details they left.
        opened = self._opened if isinstance(expected, int) else None
        return service.update_participant(
            self.workspace, record_id, expected, details, waitlist_position=position,
            opened=opened,
        )  # fmt: skip


class RemoveParticipantsCommand(RestorableCommand):
    area = "participants"
    removes = True

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

    def take_out(self) -> list[service.RemovedParticipant]:
        return service.remove_participants(self.workspace, self._ids)

    def put_back(self, taken: list[service.RemovedParticipant]) -> None:
        service.restore_participants(self.workspace, taken)


class SetStatusCommand(ServiceCommand):
    area = "participants"

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
        self._previous = registrations.set_status(
            self.workspace,
            self._ids,
            self._status,
            unchanged_since=self._previous if self._previous else None,
        )

    def changed_nothing(self) -> bool:
        return not self._previous

    def undo_it(self) -> None:
        registrations.restore_statuses(self.workspace, self._previous, self._status)


class GroupMembershipCommand(ServiceCommand):
    area = "participants"

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
        redo = bool(self._changed)
        self._changed = registrations.set_group_membership(
            self.workspace, self._changed or self._ids, self._code, self._member, strict=redo
        )

    def changed_nothing(self) -> bool:
        return not self._changed

    def undo_it(self) -> None:
        registrations.set_group_membership(
            self.workspace, self._changed, self._code, not self._member, strict=True
        )


class MoveInWaitingListCommand(ServiceCommand):
    area = "participants"

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
        if not registrations.move_in_waiting_list(self.workspace, self._id, self._steps):
            raise ValidationError("waitlist", _("already at that end of the waiting list"))

    def undo_it(self) -> None:
        registrations.move_in_waiting_list(self.workspace, self._id, -self._steps)
