"""An import as one undoable step: undo takes back what it created and changed."""

from pathlib import Path

from delegation.i18n import _
from delegation.services.agenda_import_plan import AgendaImportPlan
from delegation.services.agenda_import_writing import (
    AgendaImportResult,
    apply_agenda_import,
    redo_agenda_import,
    undo_agenda_import,
)
from delegation.services.changes import Changes, Kind
from delegation.services.imports import Progress
from delegation.services.participant_import_plan import ParticipantImportPlan
from delegation.services.participant_import_writing import (
    ParticipantImportResult,
    apply_participant_import,
    redo_participant_import,
    undo_participant_import,
)
from delegation.ui.commands import EditCommand, EditContext


class ImportCommand(EditCommand):
    """Writes a checked plan; redo writes it again under the same ids."""

    def __init__(
        self,
        context: EditContext,
        plan: ParticipantImportPlan | AgendaImportPlan,
        *,
        skip_invalid: bool,
        progress: Progress | None,
    ) -> None:
        name = Path(plan.file.source).name
        super().__init__(context, lambda: _("Import {file}").format(file=name))
        self.participants = isinstance(plan, ParticipantImportPlan)
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
        self.progress = progress  # the first do()'s, which may stop it (before it writes)
        self.result: ParticipantImportResult | AgendaImportResult | None = None

    def do(self) -> None:
        workspace, plan, result = self.workspace, self._plan, self.result
        if isinstance(result, ParticipantImportResult):
            self.result = redo_participant_import(workspace, result)
        elif isinstance(result, AgendaImportResult):
            self.result = redo_agenda_import(workspace, result)
        elif isinstance(plan, ParticipantImportPlan):
            self.result = apply_participant_import(
                workspace, plan, skip_invalid=self._skip, progress=self.progress
            )
        else:
            self.result = apply_agenda_import(
                workspace, plan, skip_invalid=self._skip, progress=self.progress
            )

    def summary(self) -> str:
        """What the import did, in one sentence."""
        assert self.result is not None, "asked once the import is done"
        return self.result.counts.summary()

    def changed_nothing(self) -> bool:
        return self.result is None or self.result.counts.created + self.result.counts.changed == 0

    def undo(self) -> None:
        if isinstance(self.result, ParticipantImportResult):
            undo_participant_import(self.workspace, self.result)
        elif isinstance(self.result, AgendaImportResult):
            undo_agenda_import(self.workspace, self.result)
