"""An import as one undoable step: undo takes back what it created and changed."""

from pathlib import Path

from delegation.i18n import _
from delegation.services import (
    agenda_import_writing,
    participant_import_plan,
    participant_import_writing,
)
from delegation.services.imports import Progress
from delegation.ui.commands import EditContext, ServiceCommand


class ImportCommand(ServiceCommand):
    """Writes a checked plan; redo writes it again under the same ids."""

    def __init__(
        self, context: EditContext, plan, *, skip_invalid: bool, progress: Progress | None
    ) -> None:
        name = Path(plan.file.source).name
        super().__init__(context, lambda: _("Import {file}").format(file=name))
        self.participants = isinstance(plan, participant_import_plan.ParticipantImportPlan)
        # New groups show on every page (lanes, filters, lists): all of them reload.
        self.area = "participants" if self.participants else "agenda"
        if plan.new_groups:
            self.area = "trips"
        self._plan = plan
        self._skip = skip_invalid
        self._progress = progress
        self.result = None

    def do(self) -> None:
        apply = (
            participant_import_writing.apply_participant_import
            if self.participants
            else agenda_import_writing.apply_agenda_import
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

    def undo_it(self) -> None:
        if self.participants:
            participant_import_writing.undo_participant_import(self.workspace, self.result)
        else:
            agenda_import_writing.undo_agenda_import(self.workspace, self.result)
