"""File > Import and File > Export: spreadsheets in with a preview, lists and calendars out."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox

from delegation.domain.errors import DelegationError, MixedEncodingError
from delegation.i18n import _
from delegation.ui.error_text import error_text
from delegation.ui.file_actions import EDITING, PRIVATE, FileActions, add_entries, needing
from delegation.ui.operations import Operation, Progress, run_command

if TYPE_CHECKING:
    from delegation.services.workspace import Workspace

SPREADSHEETS = "*.csv *.xlsx *.xls *.ods"


class ImportCancelledError(DelegationError):
    """The user stopped an import half way: its transaction is rolled back whole."""


@dataclass(frozen=True)
class _ImportFile:
    """The file chosen for an import, and how to plan importing it."""

    kind: str  # "participants" | "agenda"
    title: str
    path: str
    trip_id: int

    def plan(self, workspace, sheet, repair: bool, choices=None):
        """What importing it would do, with the user's choices of the preview if any."""
        from delegation.services.agenda_import_planning import plan_agenda_import
        from delegation.services.participant_import_planning import plan_participant_import

        plan = plan_participant_import if self.kind == "participants" else plan_agenda_import
        chosen = {} if choices is None else {
            "columns": choices.columns, "date_orders": choices.dates, "values": choices.values
        }  # fmt: skip
        return plan(
            workspace,
            self.trip_id,
            self.path,
            sheet=sheet,
            display_name=Path(self.path).name,
            repair_encoding=repair,
            **chosen,
        )


class Transfers(FileActions):
    """The import and export actions of the main window, for the trip it shows."""

    running: Operation | None = None  # the last reading or import started

    def add_to(self, menu: QMenu) -> list[QAction]:
        """Fill the File menu's import and export entries; returns them (they need a trip)."""
        imports = add_entries(
            menu,
            [
                (_("&Import participants…"), lambda: self.import_file("participants"), "Ctrl+I"),
                (_("Import pro&gramme…"), lambda: self.import_file("agenda")),
            ],
        )
        exports = add_entries(
            menu.addMenu(_("E&xport")),
            [
                (_("&Participant list…"), lambda: self.export_participants(False)),
                (
                    _("Participant list with &sensitive data…"),
                    lambda: self.export_participants(True),
                ),
                (_("P&rogramme (Excel)…"), self.export_programme),
                (_("Programme &calendar (.ics)…"), lambda: self.export_calendar(False)),
                (
                    _("Calendar of the selected p&articipant (.ics)…"),
                    lambda: self.export_calendar(True),
                ),
                (_("R&ooming list (Excel)…"), self.export_rooming_list),
            ],
        )
        needing(EDITING, *imports)
        needing(PRIVATE, exports[1], exports[5])  # the sensitive list, the rooms' needs
        return imports + exports

    # Files.
    def _open_name(self, title: str) -> str | None:
        kinds = _("Spreadsheets ({patterns})").format(patterns=SPREADSHEETS)
        path, _filter = QFileDialog.getOpenFileName(self._window, title, self._folder(), kinds)
        return path or None

    def _save_name(self, title: str, name: str, filters: str) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(
            self._window, title, str(Path(self._folder()) / name), filters
        )
        return path or None

    # Imports.
    def import_file(self, kind: str) -> None:
        """Read a file the user chooses, show what importing it would do, then do it:
        reading and writing run off the window's thread."""
        trip_id = self._trip_id()
        if trip_id is None:
            return
        title = _("Import participants") if kind == "participants" else _("Import programme")
        path = self._open_name(title)
        if path is None:
            return
        self._remember(path)
        self._read_file(_ImportFile(kind, title, path, trip_id), repair=False)

    def _read_file(self, chosen: "_ImportFile", repair: bool) -> None:
        from delegation.services.imports import first_usable_sheet

        def failed(error: DelegationError) -> None:
            if isinstance(error, MixedEncodingError) and not repair:
                if self._accepts_repair(chosen.title, error):
                    self._read_file(chosen, repair=True)  # the preview then names the lines
                return
            QMessageBox.warning(self._window, chosen.title, error_text(error))

        self.running = Operation(
            self._window,
            chosen.title,
            _("Reading {file}…").format(file=Path(chosen.path).name),
            lambda _progress: first_usable_sheet(
                chosen.path, lambda sheet: chosen.plan(self._context.workspace, sheet, repair)
            ),
            lambda first, _stopped: self._preview(chosen, first, repair),
            failed=failed,
        )

    def _preview(self, chosen: "_ImportFile", first, repair: bool) -> None:
        from delegation.ui.dialogs.import_dialog import ImportDialog

        workspace = self._context.workspace
        dialog = ImportDialog(
            chosen.title,
            lambda choices: chosen.plan(workspace, choices.sheet, repair, choices),
            first,
            self._window,
            programme=chosen.kind != "participants",
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run_import(chosen.title, dialog.plan, dialog.skip_invalid.isChecked())

    def _accepts_repair(self, title: str, error: MixedEncodingError) -> bool:
        """Whether the user lets the stray bytes of a file mixing encodings be read as
        Windows-1252, which is what such a byte (é, è, à…) usually is."""
        answer = QMessageBox.question(
            self._window,
            title,
            _(
                "{error}\n\nRead those bytes as Windows-1252 (é, è, à…)? The preview will "
                "name the lines to check."
            ).format(error=error_text(error)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _run_import(self, title: str, plan, skip_invalid: bool) -> None:
        from delegation.ui.import_commands import ImportCommand

        command = ImportCommand(self._context, plan, skip_invalid=skip_invalid, progress=None)

        def work(progress: Progress) -> None:
            def advance(done: int, total: int) -> None:
                if not progress(done, total):
                    raise ImportCancelledError(_("The import was cancelled; nothing was written."))

            command.progress = advance
            command.do()

        self.running = run_command(
            self._window,
            self._context,
            command,
            work,
            title,
            _("Importing…"),
            lambda: self._tell(command.summary()),
        )

    # Exports.
    def _export(
        self, title: str, name: str, filters: str, write: Callable[["Workspace", int, str], object]
    ) -> None:
        """Asks where, then writes (workspace, trip id, path) on the window's thread: a
        list or a calendar is written in a fraction of a second."""
        trip_id = self._trip_id()
        if trip_id is None:
            return
        path = self._save_name(title, name, filters)
        if path is None:
            return
        self._remember(path)
        try:
            write(self._context.database, trip_id, path)
        except DelegationError as error:
            QMessageBox.warning(self._window, title, error_text(error))
            return
        self._tell(_("Wrote {path}").format(path=path))

    def export_participants(self, sensitive: bool) -> None:
        from delegation.services.exports import export_participants

        self._export(
            _("Export the participant list"),
            _("participants") + ".xlsx",
            _("Excel workbook (*.xlsx);;CSV (*.csv)"),
            lambda workspace, trip_id, path: export_participants(
                workspace, trip_id, path, include_sensitive=sensitive
            ),
        )

    def export_programme(self) -> None:
        from delegation.services.exports import export_programme

        self._export(
            _("Export the programme"),
            _("programme") + ".xlsx",
            _("Excel workbook (*.xlsx)"),
            export_programme,
        )

    def export_calendar(self, of_participant: bool) -> None:
        from delegation.services.exports import export_calendar

        email = self._participant_email(_("Calendar of a participant")) if of_participant else None
        if of_participant and email is None:
            return
        self._export(
            _("Export a calendar"),
            (email.split("@")[0] if email else _("programme")) + ".ics",
            _("iCalendar (*.ics)"),
            lambda workspace, trip_id, path: export_calendar(
                workspace, trip_id, path, participant=email
            ),
        )

    def export_rooming_list(self) -> None:
        from delegation.services.exports import export_rooming_list

        self._export(
            _("Export the rooming list"),
            _("rooming") + ".xlsx",
            _("Excel workbook (*.xlsx)"),
            export_rooming_list,
        )
