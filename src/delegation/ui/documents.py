"""File > Documents: the printed documents of the trip, with their options, written off
the window's thread (ui/operations.py; a batch can be stopped), then opened or offered."""

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QMenu,
    QMessageBox,
    QVBoxLayout,
)

from delegation.domain.errors import DelegationError
from delegation.i18n import _, current_language, ngettext
from delegation.ui import settings as declared
from delegation.ui.error_text import error_text
from delegation.ui.file_actions import PRIVATE, FileActions, add_entries, needing
from delegation.ui.operations import Operation, Progress, offer_written
from delegation.ui.settings import Settings
from delegation.ui.widgets.validated_form import ok_cancel

PDF = "*.pdf"


class DocumentOptions(QDialog):
    """The options a document has: its language, a badge layout, a booklet, opening it."""

    def __init__(
        self,
        title: str,
        settings: Settings,
        *,
        each_own_language: bool = False,
        badge_layouts: bool = False,
        booklet: bool = False,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self._settings = settings
        form = QFormLayout()
        self.language = QComboBox()
        self.language.setAccessibleName(_("Language of the document"))
        if each_own_language:
            self.language.addItem(_("Each participant's language"), None)
        self.language.addItem("Français", "fr")
        self.language.addItem("English", "en")
        if not each_own_language:
            self.language.setCurrentIndex(self.language.findData(current_language()))
        form.addRow(_("&Language:"), self.language)
        self.layout_choice = QComboBox()
        self.layout_choice.setAccessibleName(_("Sheet of badges"))
        self.layout_choice.addItem(_("8 badges of 90 × 54 mm per A4 sheet"), "90x54")
        self.layout_choice.addItem(_("10 badges of 85 × 55 mm per A4 sheet"), "85x55")
        if badge_layouts:
            form.addRow(_("&Sheets:"), self.layout_choice)
        self.booklet = QCheckBox(_("Also one &booklet of them all, for double-sided printing"))
        if booklet:
            form.addRow(self.booklet)
        self.open_when_done = QCheckBox(_("&Open the file when done"))
        self.open_when_done.setChecked(settings.get(declared.OPEN_WHEN_DONE))
        form.addRow(self.open_when_done)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))

    def accept(self) -> None:
        self._settings.set(declared.OPEN_WHEN_DONE, self.open_when_done.isChecked())
        super().accept()


class Documents(FileActions):
    """The document actions of the main window, for the trip it shows."""

    running: Operation | None = None  # the latest document being written, or written

    def add_to(self, menu: QMenu) -> list[QAction]:
        """The File > Documents submenu; returns its actions, which need a trip."""
        actions = add_entries(
            menu.addMenu(_("&Documents")),
            [
                (_("&Itinerary of the delegation…"), lambda: self.itinerary(False)),
                (_("Itinerary of the selected &participant…"), lambda: self.itinerary(True)),
                (_("Personal itineraries of &all confirmed participants…"), self.itineraries),
                (_("Participant &list…"), lambda: self.listing("participants")),
                (_("Participant list with &sensitive data…"), lambda: self.listing("sensitive")),
                (_("Name &badges…"), self.badges),
                (_("&Visitor lists for the hosts…"), lambda: self.listing("visitors")),
                (_("&Rooming list…"), lambda: self.listing("rooming")),
                (_("&Dietary needs per meal…"), lambda: self.listing("dietary")),
            ],
        )
        # Personal itineraries print the person's accessibility needs.
        needing(PRIVATE, *(actions[n] for n in (1, 2, 4, 6, 7, 8)))
        return actions

    # Asking.
    def _options(self, title: str, **kinds) -> DocumentOptions | None:
        dialog = DocumentOptions(title, self._settings, parent=self._window, **kinds)
        return dialog if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _save_name(self, title: str, name: str) -> str | None:
        kinds = _("PDF document ({pattern})").format(pattern=PDF)
        start = str(Path(self._folder()) / name)
        path, _filter = QFileDialog.getSaveFileName(self._window, title, start, kinds)
        if path:
            self._remember(path)
        return path or None

    def _write(self, title: str, options: DocumentOptions, path: str, trip_id: int, write) -> None:
        """Writes one document off the window's thread, then offers to open it. The
        services that draw are imported there too: ReportLab takes a quarter of a second
        to load, which the window would otherwise stop for."""
        from delegation.services.outputs import checked_output

        try:  # said at once: the database itself, a folder
            checked_output(self._context.database, path)
        except DelegationError as error:
            QMessageBox.warning(self._window, title, error_text(error))
            return
        open_now = options.open_when_done.isChecked()

        def work(_progress: Progress) -> tuple[int, str | None]:
            return write(path), self._font_notice(trip_id)

        def done(result: tuple[int, str | None], _stopped: bool) -> None:
            pages, notice = result
            message = ngettext(
                "Wrote {path} ({n} page).", "Wrote {path} ({n} pages).", pages
            ).format(path=path, n=pages)
            self._warn_unprintable(title, notice)
            offer_written(self._window, title, message, path, open_now=open_now)

        label = _("Writing {name}…").format(name=Path(path).name)
        self.running = Operation(self._window, title, label, work, done)

    def _font_notice(self, trip_id: int) -> str | None:
        from delegation.services.printable import font_notice

        return font_notice(self._context.database, trip_id)

    def _warn_unprintable(self, title: str, notice: str | None) -> None:
        """Says which of the trip's characters print as empty boxes, if any do."""
        if notice:
            QMessageBox.warning(self._window, title, notice + ".")

    # The documents.
    def itinerary(self, of_participant: bool) -> None:
        trip_id = self._trip_id()
        if trip_id is None:
            return
        email = self._participant_email(_("Itinerary of a participant")) if of_participant else None
        if of_participant and email is None:
            return
        title = _("Itinerary")
        options = self._options(title)
        if options is None:
            return
        name = (email.split("@")[0] if email else _("itinerary")) + ".pdf"
        path = self._save_name(title, name)
        if path is None:
            return
        language = options.language.currentData()

        def write(target: str) -> int:
            from delegation.services.itineraries import export_itinerary

            return export_itinerary(
                self._context.database, trip_id, target, language=language, participant_email=email
            )

        self._write(title, options, path, trip_id, write)

    def itineraries(self) -> None:
        trip_id = self._trip_id()
        if trip_id is None:
            return
        title = _("Personal itineraries")
        options = self._options(title, each_own_language=True, booklet=True)
        if options is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self._window, _("Folder for the itineraries"), self._folder()
        )
        if not folder:
            return
        self._remember(folder, is_folder=True)
        booklet = None
        if options.booklet.isChecked():
            booklet = str(Path(folder) / (_("itineraries") + ".pdf"))
        language = options.language.currentData()
        open_now = options.open_when_done.isChecked()

        def work(progress: Progress) -> tuple[list[Path], str | None]:
            from delegation.services.itinerary_batch import export_itineraries

            written = export_itineraries(
                self._context.database,
                trip_id,
                folder,
                language=language,
                booklet=booklet,
                progress=progress,
            )
            return written, self._font_notice(trip_id)

        def done(result: tuple[list[Path], str | None], stopped: bool) -> None:
            written, notice = result
            message = ngettext(
                "Wrote {n} itinerary in {folder}.",
                "Wrote {n} itineraries in {folder}.",
                len(written),
            ).format(n=len(written), folder=folder)
            if stopped:
                message += " " + _("Stopped before the end; no booklet was made.")
            self._warn_unprintable(title, notice)
            shown = booklet if booklet and not stopped else folder
            offer_written(self._window, title, message, shown, open_now=open_now)

        self.running = Operation(
            self._window, title, _("Writing the itineraries…"), work, done, stoppable=True
        )

    def badges(self) -> None:
        trip_id = self._trip_id()
        if trip_id is None:
            return
        title = _("Name badges")
        options = self._options(title, badge_layouts=True)
        if options is None:
            return
        path = self._save_name(title, _("badges") + ".pdf")
        if path is None:
            return
        layout, language = options.layout_choice.currentData(), options.language.currentData()

        def write(target: str) -> int:
            from delegation.services.lists import export_badges

            return export_badges(
                self._context.database, trip_id, target, layout=layout, language=language
            )

        self._write(title, options, path, trip_id, write)

    def listing(self, kind: str) -> None:
        trip_id = self._trip_id()
        if trip_id is None:
            return
        participants = (_("Participant list"), _("participants"), "export_participant_pdf")
        title, name, export = {
            "participants": participants,
            "sensitive": participants,
            "visitors": (_("Visitor lists"), _("visitors"), "export_visitor_lists"),
            "rooming": (_("Rooming list"), _("rooming"), "export_rooming_pdf"),
            "dietary": (_("Dietary needs per meal"), _("meals"), "export_dietary_counts"),
        }[kind]
        options = self._options(title)
        if options is None:
            return
        path = self._save_name(title, name + ".pdf")
        if path is None:
            return
        language = options.language.currentData()
        extra = {"include_sensitive": True} if kind == "sensitive" else {}

        def write(target: str) -> int:
            from delegation.services import lists

            exported = getattr(lists, export)
            return exported(self._context.database, trip_id, target, language=language, **extra)

        self._write(title, options, path, trip_id, write)
