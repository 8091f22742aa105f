"""Undoable edits of participants."""

from delegation.domain.enums import ParticipantStatus
from delegation.domain.errors import ValidationError
from delegation.i18n import _, ngettext
from delegation.i18n.labels import status_label
from delegation.services import participants as service
from delegation.services.participants import ParticipantDetails, ParticipantRow
from delegation.ui.commands import EditContext, ServiceCommand


class AddParticipantCommand(ServiceCommand):
    area = "participants"

    def __init__(self, context: EditContext, trip_id: int, details: ParticipantDetails) -> None:
        super().__init__(context, _("Add {name}").format(name=details.full_name))
        self._trip_id = trip_id
        self._details = details
        self._removed: service.RemovedParticipant | None = None
        self.row: ParticipantRow | None = None

    def do(self) -> None:
        if self._removed is None:
            self.row = service.add_participant(self.workspace, self._trip_id, self._details)
        else:  # redo: the same participant, under the same id
            self.row = service.restore_participant(self.workspace, self._removed)

    def undo_it(self) -> None:
        self._removed = service.remove_participant(self.workspace, self.row.id)


class AddContactToTripCommand(AddParticipantCommand):
    """Register a contact of the directory for the trip, in one action."""

    def __init__(self, context: EditContext, trip_id: int, contact_id: int, name: str) -> None:
        ServiceCommand.__init__(self, context, _("Register {name}").format(name=name))
        self._trip_id = trip_id
        self._contact_id = contact_id
        self._removed = None
        self.row = None

    def do(self) -> None:
        if self._removed is None:
            self.row = service.add_contact_to_trip(self.workspace, self._trip_id, self._contact_id)
        else:
            self.row = service.restore_participant(self.workspace, self._removed)


class EditParticipantCommand(ServiceCommand):
    area = "participants"

    def __init__(
        self, context: EditContext, before: ParticipantRow, details: ParticipantDetails
    ) -> None:
        super().__init__(context, _("Edit {name}").format(name=details.full_name))
        self._id = before.id
        self._before = before.details
        self._after = details
        self._version: int | None = before.version  # what the editor was opened on

    def do(self) -> None:
        self._version = service.update_participant(
            self.workspace, self._id, self._version, self._after
        ).version

    def undo_it(self) -> None:
        self._version = service.update_participant(
            self.workspace, self._id, self._version, self._before
        ).version


class RemoveParticipantsCommand(ServiceCommand):
    area = "participants"

    def __init__(self, context: EditContext, rows: list[ParticipantRow]) -> None:
        text = (
            _("Remove {name}").format(name=rows[0].details.full_name)
            if len(rows) == 1
            else ngettext("Remove {n} participant", "Remove {n} participants", len(rows)).format(
                n=len(rows)
            )
        )
        super().__init__(context, text)
        self._ids = [row.id for row in rows]
        self._removed: list[service.RemovedParticipant] = []

    def do(self) -> None:
        self._removed = [service.remove_participant(self.workspace, pid) for pid in self._ids]

    def undo_it(self) -> None:
        for removed in reversed(self._removed):
            service.restore_participant(self.workspace, removed)


class SetStatusCommand(ServiceCommand):
    area = "participants"

    def __init__(self, context: EditContext, ids: list[int], status: ParticipantStatus) -> None:
        super().__init__(
            context,
            ngettext(
                "Set {n} participant to {status}", "Set {n} participants to {status}", len(ids)
            ).format(n=len(ids), status=status_label(status)),
        )
        self._ids = ids
        self._status = status
        self._previous: list[service.StatusChange] = []

    def do(self) -> None:
        self._previous = service.set_status(self.workspace, self._ids, self._status)

    def undo_it(self) -> None:
        service.restore_statuses(self.workspace, self._previous)


class GroupMembershipCommand(ServiceCommand):
    area = "participants"

    def __init__(self, context: EditContext, ids: list[int], group_code: str, member: bool) -> None:
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
        super().__init__(context, text.format(n=len(ids), group=group_code))
        self._ids = ids
        self._code = group_code
        self._member = member
        self._changed: list[int] = []

    def do(self) -> None:
        self._changed = service.set_group_membership(
            self.workspace, self._ids, self._code, self._member
        )

    def undo_it(self) -> None:
        service.set_group_membership(self.workspace, self._changed, self._code, not self._member)


class MoveInWaitingListCommand(ServiceCommand):
    area = "participants"

    def __init__(self, context: EditContext, row: ParticipantRow, steps: int) -> None:
        text = (
            _("Move {name} up the waiting list")
            if steps < 0
            else _("Move {name} down the waiting list")
        )
        super().__init__(context, text.format(name=row.details.full_name))
        self._id = row.id
        self._steps = steps

    def do(self) -> None:
        if not service.move_in_waiting_list(self.workspace, self._id, self._steps):
            raise ValidationError("waitlist", _("already at that end of the waiting list"))

    def undo_it(self) -> None:
        service.move_in_waiting_list(self.workspace, self._id, -self._steps)
