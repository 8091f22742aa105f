"""File > Import and File > Export: spreadsheets in with a preview, lists and calendars out."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox, QProgressDialog

from delegation.domain.errors import DelegationError, MixedEncodingError
from delegation.i18n import _
from delegation.ui.error_text import error_text
from delegation.ui.file_actions import FileActions, add_entries

SPREADSHEETS = "*.csv *.xlsx *.xls *.ods"


class ImportCancelledError(DelegationError):
    """The user stopped an import half way: its transaction is rolled back whole."""


class Transfers(FileActions):
    """The import and export actions of the main window, for the trip it shows."""

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
        from delegation.services.agenda_import_planning import plan_agenda_import
        from delegation.services.imports import first_usable_sheet
        from delegation.services.participant_import_planning import plan_participant_import
        from delegation.ui.dialogs.import_dialog import ImportDialog

        trip_id = self._trip_id()
        if trip_id is None:
            return
        title = _("Import participants") if kind == "participants" else _("Import programme")
        path = self._open_name(title)
        if path is None:
            return
        self._remember(path)
        plan = plan_participant_import if kind == "participants" else plan_agenda_import
        workspace = self._context.workspace
        name = Path(path).name

        def first_plan(repair: bool):
            return first_usable_sheet(
                path,
                lambda sheet: plan(
                    workspace,
                    trip_id,
                    path,
                    sheet=sheet,
                    display_name=name,
                    repair_encoding=repair,
                ),
            )

        repair = False
        try:
            try:
                first = first_plan(repair)
            except MixedEncodingError as error:
                if not self._accepts_repair(title, error):
                    return
                repair = True  # asked once; the preview's notes then name the lines
                first = first_plan(repair)
        except DelegationError as error:
            QMessageBox.warning(self._window, title, error_text(error))
            return
        dialog = ImportDialog(
            title,
            lambda choices: plan(
                workspace,
                trip_id,
                path,
                columns=choices.columns,
                sheet=choices.sheet,
                display_name=name,
                date_orders=choices.dates,
                values=choices.values,
                repair_encoding=repair,
            ),
            first,
            self._window,
            programme=kind != "participants",
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._run_import(title, dialog.plan, dialog.skip_invalid.isChecked())

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

        counts = plan.counts
        progress = QProgressDialog(
            _("Importing…"), _("Cancel"), 0, max(1, counts.created + counts.changed), self._window
        )
        progress.setWindowTitle(title)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def advance(done: int, total: int) -> None:
            progress.setMaximum(max(1, total))
            progress.setValue(done)  # a modal progress dialog lets the window breathe here
            if progress.wasCanceled():
                raise ImportCancelledError(_("The import was cancelled; nothing was written."))

        command = ImportCommand(self._context, plan, skip_invalid=skip_invalid, progress=advance)
        done = self._context.execute(command)
        progress.close()
        if done:
            self._tell(command.result.counts.summary())

    # Exports.
    def _export(self, title: str, name: str, filters: str, write: Callable[[str], object]) -> None:
        if self._trip_id() is None:
            return
        path = self._save_name(title, name, filters)
        if path is None:
            return
        self._remember(path)
        try:
            write(path)
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
            lambda path: export_participants(
                self._context.workspace, self._trip_id(), path, include_sensitive=sensitive
            ),
        )

    def export_programme(self) -> None:
        from delegation.services.exports import export_programme

        self._export(
            _("Export the programme"),
            _("programme") + ".xlsx",
            _("Excel workbook (*.xlsx)"),
            lambda path: export_programme(self._context.workspace, self._trip_id(), path),
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
            lambda path: export_calendar(
                self._context.workspace, self._trip_id(), path, participant=email
            ),
        )

    def export_rooming_list(self) -> None:
        from delegation.services.exports import export_rooming_list

        self._export(
            _("Export the rooming list"),
            _("rooming") + ".xlsx",
            _("Excel workbook (*.xlsx)"),
            lambda path: export_rooming_list(self._context.workspace, self._trip_id(), path),
        )
