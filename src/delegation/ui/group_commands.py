"""Undoable edits of a trip's groups: add or change one, move it, remove it."""

from delegation.i18n import _
from delegation.services import groups
from delegation.services.changes import Changes, Kind
from delegation.services.groups import GroupDetails, GroupSummary
from delegation.ui.commands import EditCommand, EditContext, RecordSave


class SaveGroupCommand(EditCommand):
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
        )
        self._trip_id = trip_id
        workspace = self.workspace
        self._save: RecordSave[GroupSummary, GroupDetails, groups.RemovedGroup] = RecordSave(
            before,
            details,
            add=lambda new: groups.add_group(workspace, trip_id, new),
            update=lambda group_id, expected, new: groups.save_group(
                workspace, trip_id, group_id, expected, new
            ),
            remove=lambda group_id: groups.remove_group(workspace, group_id),
            restore=lambda taken: groups.restore_group(workspace, taken),
        )

    @property
    def group_id(self) -> int | None:
        """The group this step made or changed, once done."""
        return self._save.record_id

    def do(self) -> None:
        row = self._save.do()
        self.changes = Changes.of(self._trip_id, Kind.GROUP, [row.id])

    def undo(self) -> None:
        self._save.undo()

    def changed_nothing(self) -> bool:
        return self._save.changed_nothing()


class MoveGroupCommand(EditCommand):
    """One group earlier or later in the trip's order; undo puts it back where it was."""

    def __init__(self, context: EditContext, group: GroupSummary, steps: int) -> None:
        super().__init__(
            context,
            lambda: (_("Move group {code} up") if steps < 0 else _("Move group {code} down"))
            .format(code=group.code),
        )  # fmt: skip
        self._id = group.id
        self._steps = steps
        self._moved = 0  # how far it really went: not past either end
        # The groups it passes move too.
        self.changes = Changes.of(self.trip_id, Kind.GROUP)

    def do(self) -> None:
        self._moved = groups.move_group(self.workspace, self._id, self._steps)

    def changed_nothing(self) -> bool:
        return self._moved == 0

    def undo(self) -> None:
        groups.move_group(self.workspace, self._id, -self._moved)


class RemoveGroupCommand(EditCommand):
    def __init__(self, context: EditContext, group: GroupSummary, from_everyone: bool) -> None:
        super().__init__(context, lambda: _("Remove group {code}").format(code=group.code))
        self._id = group.id
        self._from_everyone = from_everyone
        self._taken: groups.RemovedGroup | None = None

    def do(self) -> None:
        self._taken = groups.remove_group(
            self.workspace, self._id, from_everyone=self._from_everyone
        )
        taken = self._taken
        self.changes = (
            Changes.of(taken.trip_id, Kind.GROUP, [taken.group_id])
            | Changes.of(taken.trip_id, Kind.PARTICIPANT, taken.participant_ids)
            | Changes.of(taken.trip_id, Kind.AGENDA_ITEM, taken.item_ids)
        )

    def undo(self) -> None:
        assert self._taken is not None
        groups.restore_group(self.workspace, self._taken)
