"""Undoable edits of a trip's groups: add or change one, move it, remove it."""

from delegation.i18n import _
from delegation.services import groups
from delegation.services.groups import GroupDetails, GroupSummary
from delegation.ui.commands import EditContext, RestorableCommand, SaveRecordCommand, ServiceCommand

# Groups show on every page (filters, lanes, legends, badges): a change reloads them all.
AREA = "trips"


class SaveGroupCommand(SaveRecordCommand):
    area = AREA

    def __init__(
        self,
        context: EditContext,
        trip_id: int,
        before: GroupSummary | None,
        details: GroupDetails,
    ) -> None:
        super().__init__(
            context,
            lambda: (_("Add group {code}") if before is None else _("Edit group {code}")).format(
                code=details.code.strip()
            ),
            before,
            details,
        )
        self._trip_id = trip_id

    @property
    def group_id(self) -> int | None:
        """The group this step made or changed, once done."""
        return self._id

    def save(self, record_id, expected, details, new_id) -> GroupSummary:
        return groups.save_group(
            self.workspace, self._trip_id, record_id, expected, details, new_id=new_id
        )

    def remove(self, record_id: int) -> None:
        groups.remove_group(self.workspace, record_id)


class MoveGroupCommand(ServiceCommand):
    """One group earlier or later in the trip's order; undo puts it back where it was."""

    area = AREA

    def __init__(self, context: EditContext, group: GroupSummary, steps: int) -> None:
        super().__init__(
            context,
            lambda: (_("Move group {code} up") if steps < 0 else _("Move group {code} down"))
            .format(code=group.code),
        )  # fmt: skip
        self._id = group.id
        self._steps = steps
        self._moved = 0  # how far it really went: not past either end

    def do(self) -> None:
        self._moved = groups.move_group(self.workspace, self._id, self._steps)

    def changed_nothing(self) -> bool:
        return self._moved == 0

    def undo_it(self) -> None:
        groups.move_group(self.workspace, self._id, -self._moved)


class RemoveGroupCommand(RestorableCommand):
    area = AREA
    removes = True

    def __init__(self, context: EditContext, group: GroupSummary, from_everyone: bool) -> None:
        super().__init__(context, lambda: _("Remove group {code}").format(code=group.code))
        self._id = group.id
        self._from_everyone = from_everyone

    def take_out(self) -> groups.RemovedGroup:
        return groups.remove_group(self.workspace, self._id, from_everyone=self._from_everyone)

    def put_back(self, taken: groups.RemovedGroup) -> None:
        groups.restore_group(self.workspace, taken)
