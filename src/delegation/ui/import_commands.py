"""An import as one undoable step: undo takes back what it created and changed."""

from pathlib import Path

from delegation.i18n import _
from delegation.services import agenda_import, participant_import
from delegation.services.changes import Changes, Kind
from delegation.services.imports import Progress
from delegation.ui.commands import EditCommand, EditContext


class ImportCommand(EditCommand):
    """Writes a checked plan; redo writes it again under the same ids."""

    def __init__(
        self, context: EditContext, plan, *, skip_invalid: bool, progress: Progress | None
    ) -> None:
        name = Path(plan.file.source).name
        super().__init__(context, lambda: _("Import {file}").format(file=name))
        self.participants = isinstance(plan, participant_import.ParticipantImportPlan)
        # Any row of the file may have made or changed a record of these kinds: people and
        # their contacts, or items with their venues and hosts; and the groups it makes.
        kinds = (
            (Kind.PARTICIPANT, Kind.CONTACT)
            if self.participants
            else (Kind.AGENDA_ITEM, Kind.VENUE, Kind.CONTACT)
        )
        self.changes = Changes(self.trip_id, dict.fromkeys(kinds))
        if plan.new_groups:
            self.changes |= Changes.of(self.trip_id, Kind.GROUP)
        self._plan = plan
        self._skip = skip_invalid
        self._progress = progress
        self.result = None

    def do(self) -> None:
        apply = (
            participant_import.apply_participant_import
            if self.participants
            else agenda_import.apply_agenda_import
        )
        self.result = apply(
            self.workspace,
            self._plan,
            skip_invalid=self._skip,
            progress=self._progress if self.result is None else None,
            reuse=self.result,
        )

    def changed_nothing(self) -> bool:
        counts = self.result.counts
        return counts.created + counts.changed == 0

    def undo(self) -> None:
        if self.participants:
            participant_import.undo_participant_import(self.workspace, self.result)
        else:
            agenda_import.undo_agenda_import(self.workspace, self.result)
