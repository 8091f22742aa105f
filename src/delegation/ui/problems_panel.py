"""The problems panel: what would go wrong on the trip, kept up to date as the user edits.

Blocking problems first, then warnings; a double-click (or Enter) goes to the object
concerned; a cancellation with people waiting offers the seat to the first of them in
one undoable step. The status bar shows the counts.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from delegation.domain.errors import DelegationError
from delegation.i18n import _, ngettext
from delegation.i18n.counts import readiness_counts
from delegation.services.changes import Changes
from delegation.ui.commands import EditContext
from delegation.ui.error_text import error_text
from delegation.ui.operations import Operation

if TYPE_CHECKING:
    from delegation.services.readiness import ReadinessReport, TripCheck

_TARGET = Qt.ItemDataRole.UserRole  # (kind, id, promote_id) of a finding's row
REFRESH_DELAY_MS = 300  # edits in a row are checked once, when they stop


class ProblemsPanel(QDockWidget):
    """A dock listing the findings of the readiness checks for the trip shown."""

    go_to = Signal(str, int)  # kind ("participant", "agenda_item", "segment", "trip"), id
    counted = Signal(object, int)  # blocking (None: unknown), warnings — after each check

    def __init__(self, context: EditContext, trip_id: Callable[[], int | None], parent=None):
        super().__init__(parent)
        self.setObjectName("problemsDock")
        self._context = context
        self._trip_id = trip_id
        self.report: ReadinessReport | None = None
        self.tree = QTreeWidget()
        self.tree.setObjectName("problems")
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setWordWrap(True)
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        self.tree.currentItemChanged.connect(self._update_button)
        self.promote_button = QPushButton()
        self.promote_button.clicked.connect(self.promote)
        self.summary = QLabel()
        self.summary.setObjectName("problemCount")
        # For a viewer of a shared database: the checks of private data are left out.
        self.unchecked = QLabel()
        self.unchecked.setObjectName("uncheckedNotice")
        self.unchecked.setWordWrap(True)
        self.unchecked.setVisible(False)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.unchecked)
        layout.addWidget(self.tree)
        row = QHBoxLayout()
        row.addWidget(self.promote_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.setWidget(body)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        context.changed.connect(self._on_context_changed)
        self._check: TripCheck | None = None  # the trip's check, read whole the first time
        self._changes: Changes | None = None  # what changed since the last check
        self.running: Operation | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Problems"))
        self.tree.setAccessibleName(_("Problems found in the trip"))
        self.unchecked.setText(
            _(
                "Identity documents and emergency contacts are not checked: a viewer of this"
                " database may not see them."
            )
        )
        self._update_button()

    def show_trip(self) -> None:
        """The trip shown changed (or the language): check it whole, soon."""
        self.unchecked.setVisible(not self._context.sees_private)
        self._check = None
        self._timer.start()

    def _on_context_changed(self, changes: Changes) -> None:
        if changes.trip_id is not None and changes.trip_id != self._trip_id():
            return  # another trip's: checked whole when it is shown
        self._changes = changes if self._changes is None else self._changes | changes
        self._timer.start()

    def refresh(self) -> None:
        """Run the checks again on the trip shown, off the window's thread; what they
        find is shown when they are done. One check at a time: edits made meanwhile are
        checked next."""
        from delegation.services.readiness import TripCheck

        if self.running is not None:
            self._timer.start()
            return
        trip_id = self._trip_id()
        if trip_id is None or self._context.workspace is None:
            self.tree.clear()
            self.report = self._check = None
            self.summary.setText("")
            self._update_button()
            return
        if self._check is None or self._check.trip_id != trip_id:
            self._check = TripCheck(self._context.workspace, trip_id)
            self._changes = None
        check, changes, self._changes = self._check, self._changes, None
        if self.report is None:  # nothing to show yet: say the list is on its way
            self.summary.setText(_("Checking the trip…"))
        self.running = Operation(
            self,
            _("Problems"),
            _("Checking the trip…"),
            lambda _progress: check.run(changes),
            lambda report, _stopped: self._show(check, report),
            quiet=True,
            failed=self._on_check_failed,
        )
        self.running.finished.connect(self._on_check_finished)

    def stop(self) -> None:
        """No more checks; one under way returns before the database closes."""
        self._timer.stop()
        if self.running is not None:
            self.running.wait(30)

    def _on_check_finished(self) -> None:
        self.running = None

    def _on_check_failed(self, error: DelegationError) -> None:
        self.tree.clear()
        self.report = self._check = None
        self.summary.setText(error_text(error))

    def _show(self, check: "TripCheck", report: "ReadinessReport") -> None:
        if check is not self._check:
            return  # another trip is shown now: its own check follows
        self.tree.clear()
        self.report = report
        blocking = ngettext("{n} blocking problem", "{n} blocking problems", report.blocking)
        warnings = ngettext("{n} warning", "{n} warnings", report.warnings)
        for severity, title in (("blocking", blocking), ("warning", warnings)):
            findings = [f for f in report.findings if f.severity == severity]
            head = QTreeWidgetItem([title.format(n=len(findings))])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            self.tree.addTopLevelItem(head)
            for finding in findings:
                row = QTreeWidgetItem([finding.message])
                row.setToolTip(0, finding.message)
                target = (finding.target_kind, finding.target_id, finding.promote_id)
                row.setData(0, _TARGET, target)
                head.addChild(row)
            head.setExpanded(True)
        self.summary.setText(self.counts_text())
        self.counted.emit(report.blocking, report.warnings)
        self._update_button()

    def counts_text(self) -> str:
        report = self.report
        if report is None:
            return ""
        if not report.findings:
            return _("No problem found")
        return readiness_counts(report.blocking, report.warnings)

    def _selected_target(self):
        item = self.tree.currentItem()
        return item.data(0, _TARGET) if item is not None else None

    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        target = item.data(0, _TARGET)
        if target:
            kind, target_id, _promote = target
            self.go_to.emit(kind, target_id)

    def _update_button(self, *_args) -> None:
        target = self._selected_target()
        promote = target[2] if target else None
        self.promote_button.setText(_("&Offer the seat to the first on the waiting list"))
        self.promote_button.setVisible(promote is not None and self._context.may_edit)

    def promote(self) -> None:
        """Confirm the first waitlisted participant: one undoable step."""
        from delegation.domain.enums import ParticipantStatus
        from delegation.ui.participant_commands import SetStatusCommand

        target = self._selected_target()
        if not target or target[2] is None:
            return
        self._context.execute(
            SetStatusCommand(self._context, [target[2]], ParticipantStatus.CONFIRMED)
        )
