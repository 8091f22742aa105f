"""The participants of the trip: a table that filters as you type, and its actions."""

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from delegation.domain.enums import ParticipantCategory, ParticipantStatus
from delegation.domain.errors import ConflictError, DelegationError
from delegation.i18n import _, ngettext
from delegation.i18n.labels import category_label, status_label
from delegation.services import directory, hotels
from delegation.services.changes import Changes, Kind
from delegation.services.participant_rows import (
    GroupRow,
    ParticipantRow,
    get_participant,
    list_groups,
    participant_listing,
    read_participants,
)
from delegation.services.summaries import TripSummary
from delegation.ui.commands import EditContext
from delegation.ui.dialogs.participant_dialog import ParticipantDialog
from delegation.ui.models.participant_table_model import ParticipantTableModel
from delegation.ui.pages.table_page import (
    action_button,
    fit_columns,
    make_table,
    on_selection_change,
    select_ids,
    selected_ids,
    view_action,
)
from delegation.ui.participant_commands import (
    AddParticipantCommand,
    EditParticipantCommand,
    GroupMembershipCommand,
    MoveInWaitingListCommand,
    RemoveParticipantsCommand,
    SetStatusCommand,
)
from delegation.ui.widgets.validated_form import run_editor


class ParticipantsPage(QWidget):
    def __init__(self, context: EditContext, parent=None) -> None:
        super().__init__(parent)
        self._context = context
        self._trip_id: int | None = None
        self._groups: list[GroupRow] = []

        self.model = ParticipantTableModel(self)
        self.search = QLineEdit()
        self.search.setObjectName("participantSearch")
        self.search.setPlaceholderText(_("Filter by name, organization or email…"))
        self.search.setAccessibleName(_("Filter participants"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.status_filter = self._filter_combo(
            _("Filter by status"),
            _("All statuses"),
            [(status_label(s), s) for s in ParticipantStatus],
        )
        self.category_filter = self._filter_combo(
            _("Filter by category"),
            _("All categories"),
            [(category_label(c), c) for c in ParticipantCategory],
        )
        self.group_filter = self._filter_combo(_("Filter by group"), _("All groups"), [])
        self.count = QLabel()

        self.table = make_table(self.model, "participantTable", _("Participants"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self._fitted = False

        self.add_action = view_action(self, _("&Add participant…"), None, self.add)
        # A viewer opens the participant to read it: not an editing action.
        self.edit_action = view_action(
            self, _("&Edit participant…"), "Return", self.edit, editing=False
        )
        self.remove_action = view_action(
            self, _("&Remove"), QKeySequence.StandardKey.Delete, self.remove
        )
        self.up_action = view_action(self, _("Move &up the waiting list"), "Ctrl+Up",
                                      lambda: self.move_in_waiting_list(-1))  # fmt: skip
        self.down_action = view_action(self, _("Move &down the waiting list"), "Ctrl+Down",
                                        lambda: self.move_in_waiting_list(1))  # fmt: skip
        self.status_menu = QMenu(_("Set &status"), self)
        for status in ParticipantStatus:
            action = self.status_menu.addAction(status_label(status))
            action.triggered.connect(lambda _checked=False, s=status: self.set_status(s))
        self.group_menu = QMenu(_("&Groups"), self)
        for action in (self.add_action, self.edit_action, self.remove_action):
            self.table.addAction(action)
        self.table.addAction(self.status_menu.menuAction())
        self.table.addAction(self.group_menu.menuAction())
        self.table.addAction(self.up_action)
        self.table.addAction(self.down_action)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.category_filter, 1)
        filters.addWidget(self.group_filter, 1)
        filters.addWidget(self.count)
        buttons = QHBoxLayout()
        for action in (self.add_action, self.edit_action, self.remove_action):
            buttons.addWidget(action_button(action))
        self._menu_buttons: list[tuple[QMenu, QToolButton]] = []
        for menu in (self.status_menu, self.group_menu):
            button = QToolButton()
            self._menu_buttons.append((menu, button))
            button.setMenu(menu)
            button.setText(menu.title())
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            buttons.addWidget(button)
        buttons.addWidget(action_button(self.up_action))
        buttons.addWidget(action_button(self.down_action))
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        on_selection_change(self.table, self._update_actions)
        # Rows also come and go in place (changed since listed, or updated after an edit).
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._update_count)
        self._update_actions()

    def _filter_combo(self, name: str, everything: str, choices) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.addItem(everything, None)
        for text, value in choices:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(self._on_filter_combo_changed)
        return combo

    # Loading.
    def show_trip(self, trip: TripSummary | None) -> None:
        self._trip_id = trip.id if trip else None
        self.reload()

    def apply_changes(self, changes: Changes) -> None:
        ids = changes.ids_of(Kind.PARTICIPANT)
        if changes.touches(Kind.ROOM, Kind.HOTEL, Kind.CONTACT) or (
            changes.touches(Kind.PARTICIPANT) and ids is None
        ):
            self.reload()
        elif ids:
            self._update_participants(ids)

    def _update_participants(self, ids: frozenset[int]) -> None:
        """Only these rows are read again: selection, sort and scroll stay as they were."""
        if self._trip_id is None:
            return
        rows = read_participants(self._context.database, self._trip_id, sorted(ids))
        self.model.update_rows(rows, ids - {row.id for row in rows})
        self._update_count()
        self._update_actions()

    def reload(self) -> None:
        selected = self.selected_ids()
        workspace = self._context.database
        self.model.set_private_hidden(not workspace.sees_private)
        # Rows read when shown: a trip of 100,000 opens in a fraction of a second.
        if self._trip_id:
            self.model.set_listing(participant_listing(workspace, self._trip_id))
        else:
            self.model.set_rows([])
        self._groups = list_groups(workspace, self._trip_id) if self._trip_id else []
        self._fill_groups()
        if self.model.total_rows() and not self._fitted:  # once: the user's widths stay
            fit_columns(self.table)
            self._fitted = True
        self.select_ids(selected)
        self._update_actions()

    def _fill_groups(self) -> None:
        current = self.group_filter.currentData()
        self.group_filter.blockSignals(True)
        while self.group_filter.count() > 1:
            self.group_filter.removeItem(1)
        for group in self._groups:
            self.group_filter.addItem(group.name, group.code)
        self.group_filter.setCurrentIndex(max(0, self.group_filter.findData(current)))
        self.group_filter.blockSignals(False)
        self.group_menu.clear()
        for group in self._groups:
            name = group.name.replace("&", "&&")  # "&" in a menu marks a mnemonic
            add = self.group_menu.addAction(_("Add to {group}").format(group=name))
            add.triggered.connect(lambda _c=False, g=group.code: self.set_group(g, True))
            out = self.group_menu.addAction(_("Take out of {group}").format(group=name))
            out.triggered.connect(lambda _c=False, g=group.code: self.set_group(g, False))
        self.group_menu.setEnabled(bool(self._groups))

    def clear_filters(self) -> None:
        """Show everyone again (to go to someone a filter hides)."""
        self.search.clear()
        for combo in (self.status_filter, self.category_filter, self.group_filter):
            combo.setCurrentIndex(0)

    # Selection.
    def selected_rows(self) -> list[ParticipantRow]:
        return [
            self.model.row_at(index.row()) for index in self.table.selectionModel().selectedRows()
        ]

    def selected_ids(self) -> list[int]:
        return selected_ids(self.table)

    def select_ids(self, ids: list[int]) -> None:
        select_ids(self.table, ids)

    def _update_actions(self, *_args) -> None:
        rows = self.selected_rows()
        has_trip = self._trip_id is not None
        edits = self._context.may_edit  # a viewer opens a participant, and changes nothing
        self.add_action.setEnabled(has_trip and edits)
        self.edit_action.setEnabled(len(rows) == 1)
        self.edit_action.setText(_("&Edit participant…") if edits else _("&View participant…"))
        self.remove_action.setEnabled(bool(rows) and edits)
        self.status_menu.setEnabled(bool(rows) and edits)
        self.group_menu.setEnabled(bool(rows) and bool(self._groups) and edits)
        waiting = len(rows) == 1 and rows[0].details.status == ParticipantStatus.WAITLISTED
        self.up_action.setEnabled(waiting)
        self.down_action.setEnabled(waiting)
        for menu, button in self._menu_buttons:
            button.setEnabled(menu.isEnabled())  # not a button opening an empty menu

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_rows()
        self.count.setText(
            ngettext("{shown} of {total} participant", "{shown} of {total} participants", total)
            .format(shown=shown, total=total)
        )  # fmt: skip

    # Filters.
    def _filter(self, **change) -> None:
        """Filter the table; the selected rows still shown stay selected, the others not."""
        selected = self.selected_ids()
        self.model.set_filter(**change)
        self.select_ids(selected)

    def _on_search_text_changed(self, text: str) -> None:
        self._filter(text=text)

    def _on_filter_combo_changed(self, _index: int) -> None:
        status = self.status_filter.currentData()
        category = self.category_filter.currentData()
        group = self.group_filter.currentData()
        if status is None and category is None and group is None:
            self._filter(predicate=None)
            return

        def keep(row: ParticipantRow) -> bool:
            d = row.details
            return (
                (status is None or d.status == status)
                and (category is None or d.category == category)
                and (group is None or group in d.group_codes)
            )

        self._filter(predicate=keep)

    # Actions.
    def _dialog(self, details=None) -> ParticipantDialog:
        workspace = self._context.database
        return ParticipantDialog(
            self._groups,
            hotels.list_rooms(workspace, self._trip_id) if self._trip_id is not None else [],
            [organization.name for organization in directory.list_organizations(workspace)],
            details,
            self,
            sees_private=workspace.sees_private,
            may_edit=workspace.may_edit,
        )

    def add(self) -> None:
        if self._trip_id is None:
            return
        dialog = self._dialog()
        trip_id = self._trip_id
        command = run_editor(
            dialog,
            self._context,
            lambda: AddParticipantCommand(self._context, trip_id, dialog.details()),
        )
        if command is not None and command.row is not None:
            self.select_ids([command.row.id])

    def edit(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        opened = rows[0]
        dialog = self._dialog(opened.details)
        if not self._context.may_edit:
            dialog.exec()  # shown to read: it has no OK
            return

        def rebase(conflict: ConflictError) -> bool:
            nonlocal opened
            try:
                opened = get_participant(self._context.database, opened.id)
            except DelegationError:  # removed meanwhile: nothing left to edit
                return False
            dialog.rebase(opened.details, conflict)
            return True

        run_editor(
            dialog,
            self._context,
            lambda: EditParticipantCommand(self._context, opened, dialog.details()),
            rebase,
        )

    def remove(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        answer = QMessageBox.question(
            self,
            _("Remove participants"),
            ngettext(
                "Remove {name} from this trip? The contact stays in the directory.",
                "Remove these {n} participants from this trip? The contacts stay in the directory.",
                len(rows),
            ).format(name=rows[0].details.full_name, n=len(rows)),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._context.execute(RemoveParticipantsCommand(self._context, rows))

    def set_status(self, status: ParticipantStatus) -> None:
        ids = self.selected_ids()
        if ids:
            self._context.execute(SetStatusCommand(self._context, ids, status))

    def set_group(self, code: str, member: bool) -> None:
        ids = self.selected_ids()
        if ids:
            self._context.execute(GroupMembershipCommand(self._context, ids, code, member))

    def move_in_waiting_list(self, steps: int) -> None:
        rows = self.selected_rows()
        if len(rows) == 1 and rows[0].details.status == ParticipantStatus.WAITLISTED:
            self._context.execute(MoveInWaitingListCommand(self._context, rows[0], steps))

    def _on_table_double_clicked(self, _index) -> None:
        self.edit()
