"""The programme: one day at a time on a time axis, or every item in a list."""

from dataclasses import replace
from datetime import date, time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from delegation.domain.enums import AgendaStatus
from delegation.domain.errors import ValidationError
from delegation.i18n import _, current_language
from delegation.services import agenda, directory
from delegation.services.agenda import AgendaItemDetails, AgendaItemRow
from delegation.services.agenda_listing import (
    agenda_days,
    agenda_listing,
    day_items,
    read_agenda_items,
)
from delegation.services.changes import Changes, Kind
from delegation.services.participant_rows import GroupRow, list_groups
from delegation.services.summaries import TripSummary
from delegation.ui.agenda_commands import (
    AddAgendaItemCommand,
    EditAgendaItemCommand,
    RemoveAgendaItemCommand,
)
from delegation.ui.commands import EditContext
from delegation.ui.dialogs.agenda_item_dialog import AgendaItemDialog
from delegation.ui.models.agenda_table_model import AgendaTableModel
from delegation.ui.pages.programme_days import DayView
from delegation.ui.pages.table_page import fit_columns, make_table, view_action
from delegation.ui.widgets.validated_form import run_editor


class ProgrammePage(QWidget):
    def __init__(self, context: EditContext, parent=None) -> None:
        super().__init__(parent)
        self._context = context
        self._trip: TripSummary | None = None
        self._days: list[date] = []  # the days with items
        self._day_rows: list[AgendaItemRow] = []  # the items of the day shown
        self._groups: list[GroupRow] = []
        self._selected: int | None = None
        self._syncing = False  # the page itself is selecting in the list

        day_view = self.day_view = DayView()
        self.days, self.timeline = day_view.days, day_view.timeline
        self.selection_status = day_view.selection_status
        self.days.currentChanged.connect(self._on_days_current_changed)
        self.timeline.item_selected.connect(self._on_timeline_item_selected)
        self.timeline.item_activated.connect(self._on_timeline_item_activated)
        self.timeline.move_requested.connect(self.move_item)

        self.model = AgendaTableModel(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Filter by title, venue or host…"))
        self.search.setAccessibleName(_("Filter the programme"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.table = make_table(self.model, "agendaTable", _("Programme"))
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        # A reset (a filter, a reload) clears the list's selection without a signal.
        self.model.modelReset.connect(self._update_actions)
        self.model.layoutChanged.connect(self._update_actions)
        list_view = self._list_view = QWidget()
        list_layout = QVBoxLayout(list_view)
        list_layout.addWidget(self.search)
        list_layout.addWidget(self.table)

        self.views = QTabWidget()
        self.views.addTab(day_view, _("Day by day"))
        self.views.addTab(list_view, _("List"))
        self.views.currentChanged.connect(self._on_views_current_changed)

        self.add_action = view_action(self, _("&Add item…"), None, self.add)
        self.edit_action = view_action(self, _("&Edit item…"), None, self.edit)
        self.duplicate_action = view_action(self, _("D&uplicate"), "Ctrl+D", self.duplicate)
        self.cancel_action = view_action(self, _("&Cancel item"), None, self.toggle_cancelled)
        self.remove_action = view_action(
            self, _("&Remove"), QKeySequence.StandardKey.Delete, self.remove
        )
        self.earlier_action = view_action(
            self, _("Earlier (15 min)"), "Alt+Up", lambda: self.move_selected(-15)
        )
        self.later_action = view_action(
            self, _("Later (15 min)"), "Alt+Down", lambda: self.move_selected(15)
        )
        self.previous_day_action = view_action(
            self, _("Day before"), "Alt+Left", lambda: self.move_selected(-24 * 60)
        )
        self.next_day_action = view_action(
            self, _("Day after"), "Alt+Right", lambda: self.move_selected(24 * 60)
        )
        buttons = QHBoxLayout()
        for action in (
            self.add_action, self.edit_action, self.duplicate_action, self.cancel_action,
            self.remove_action, self.earlier_action, self.later_action,
            self.previous_day_action, self.next_day_action,
        ):  # fmt: skip
            button = QToolButton()
            button.setDefaultAction(action)
            buttons.addWidget(button)
            self.table.addAction(action)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.views)
        layout.addLayout(buttons)
        self._update_actions()

    def show_trip(self, trip: TripSummary | None) -> None:
        self._trip = trip
        self.reload()

    def apply_changes(self, changes: Changes) -> None:
        ids = changes.ids_of(Kind.AGENDA_ITEM)
        if changes.touches(Kind.VENUE) or (changes.touches(Kind.AGENDA_ITEM) and ids is None):
            self.reload()
        elif ids:
            self._update_items(ids)

    def _update_items(self, ids: frozenset[int]) -> None:
        """Only these items are read again: the list keeps its selection, sort and scroll;
        the day view is drawn again if they were or are on its day, or the days changed."""
        if self._trip is None:
            return
        workspace = self._context.database
        rows = read_agenda_items(workspace, self._trip.id, sorted(ids))
        self.model.update_rows(rows, ids - {row.id for row in rows})
        day = self.current_day()
        concerned = any(row.id in ids for row in self._day_rows)
        concerned |= any(row.details.day == day for row in rows)
        days = agenda_days(workspace, self._trip.id)
        if days != self._days:
            self._days = days
            self.day_view.show_days(self._trip, days, self._groups, self._trip_days())
            concerned = concerned or self.current_day() != day
        if concerned:
            self._show_day()
        self._select(self._selected)

    def _trip_days(self) -> list[date]:
        if self._trip is None:
            return []
        days = (self._trip.end_date - self._trip.start_date).days + 1
        return [self._trip.start_date + timedelta(days=n) for n in range(days)]

    def reload(self) -> None:
        workspace = self._context.database
        trip = self._trip
        self._groups = list_groups(workspace, trip.id) if trip else []
        if trip:
            self.model.set_zones(trip.timezone, trip.home_timezone)
            # Rows read when shown: 100,000 items open in a fraction of a second.
            self.model.set_listing(agenda_listing(workspace, trip.id))
        else:
            self.model.set_rows([])
        self._days = agenda_days(workspace, trip.id) if trip else []
        self.day_view.show_days(trip, self._days, self._groups, self._trip_days())
        fit_columns(self.table)
        self._show_day()
        self._select(self._selected)

    def current_day(self) -> date | None:
        return self.day_view.current_day()

    def _show_day(self) -> None:
        """The day chosen on the timeline, its items read: the only ones the view needs."""
        trip, day = self._trip, self.current_day()
        workspace = self._context.database
        self._day_rows = day_items(workspace, trip.id, day) if trip and day else []
        self.day_view.show_day(trip, self._day_rows, self._groups)

    def _on_days_current_changed(self, _index: int) -> None:
        self._show_day()
        # An item of another day is not shown: it is no longer selected.
        shown = any(row.id == self._selected for row in self._day_rows)
        self._select(self._selected if shown else None)
        if self._selected is None:
            self.timeline.show_first_item()  # a day that starts late is not shown empty

    def _on_views_current_changed(self, _index: int) -> None:
        self._select(self._selected)

    def _on_search_text_changed(self, text: str) -> None:
        self.model.set_filter(text=text)
        self._select(self._selected)  # kept while shown, dropped once filtered out

    def show_item(self, item_id: int) -> None:
        """Bring an item into view, selected, on its day (a problem about it was chosen)."""
        if self.model.visible_row_of(item_id) is None:
            self.search.clear()
        self._select(item_id)
        (self.table if self._list_shown() else self.timeline).setFocus()

    # Selection, shared by the day view and the list.
    def keep_state(self) -> int | None:
        """The item selected, kept when the page is built again (another language)."""
        return self._selected

    def restore_state(self, item_id: int | None) -> None:
        self._select(item_id)

    def _list_shown(self) -> bool:
        return self.views.currentWidget() is self._list_view

    def _item(self, item_id: int | None) -> AgendaItemRow | None:
        """An item of the trip: among the day's, else the list's, else read (an item of
        another day the filter hides)."""
        if item_id is None or self._trip is None:
            return None
        row = next((row for row in self._day_rows if row.id == item_id), None)
        if row is not None:
            return row
        visible = self.model.visible_row_of(item_id)
        if visible is not None:
            try:
                return self.model.row_at(visible)
            except LookupError:  # removed since listed
                return None
        rows = read_agenda_items(self._context.database, self._trip.id, [item_id])
        return rows[0] if rows else None

    def selected_row(self) -> AgendaItemRow | None:
        """The item the actions work on: only one the view shown shows as selected."""
        row = self._item(self._selected)
        if row is None:
            return None
        if self._list_shown():
            chosen = self.table.selectionModel().selectedRows()
            if not chosen or self.model.id_at(chosen[0].row()) != row.id:
                return None
        elif self.timeline.selected_id() != row.id:
            return None
        return row

    def _select(self, item_id: int | None) -> None:
        row = self._item(item_id)
        visible = self.model.visible_row_of(row.id) if row is not None else None
        if visible is None and self._list_shown():
            row = None  # the list never acts on an item its filter hides
        self._selected = row.id if row is not None else None
        if row is not None and row.details.day != self.current_day():
            for index in range(self.days.count()):
                if self.days.tabData(index) == row.details.day.isoformat():
                    self.days.setCurrentIndex(index)
        self.timeline.select(self._selected)
        self._syncing = True
        try:
            if row is None or visible is None:
                self.table.clearSelection()
            else:
                self.table.selectRow(visible)
        finally:
            self._syncing = False
        self._update_actions()

    def _on_timeline_item_selected(self, item_id) -> None:
        if item_id != self._selected:
            self._select(item_id)

    def _on_timeline_item_activated(self, item_id: int) -> None:
        self._select(item_id)
        self.edit()

    def _on_table_selection_changed(self, *_args) -> None:
        if self._syncing:
            return
        rows = self.table.selectionModel().selectedRows()
        self._select(self.model.id_at(rows[0].row()) if rows else None)

    def _update_actions(self, *_args) -> None:
        row = self.selected_row()
        for action in (
            self.edit_action, self.duplicate_action, self.cancel_action, self.remove_action,
            self.earlier_action, self.later_action, self.previous_day_action,
            self.next_day_action,
        ):  # fmt: skip
            action.setEnabled(row is not None)
        self.add_action.setEnabled(self._trip is not None)
        if row is not None and row.details.status == AgendaStatus.CANCELLED:
            self.cancel_action.setText(_("Restore item"))
        else:
            self.cancel_action.setText(_("&Cancel item"))

    # Actions.
    def _dialog(self, details: AgendaItemDetails, is_new: bool) -> AgendaItemDialog:
        workspace = self._context.database
        return AgendaItemDialog(
            self._trip_days(),
            self._groups,
            directory.list_venues(workspace),
            directory.list_organizations(workspace),
            directory.list_contacts(workspace),
            details,
            is_new=is_new,
            timezone=self._trip.timezone if self._trip else None,
            parent=self,
        )

    def add(self) -> None:
        if self._trip is None:
            return
        day = self.current_day() or self._trip.start_date
        dialog = self._dialog(
            AgendaItemDetails(day=day, start_time=time(9, 0), end_time=time(10, 0)), True
        )
        trip_id = self._trip.id
        command = run_editor(
            dialog,
            self._context,
            lambda: AddAgendaItemCommand(self._context, trip_id, dialog.details()),
        )
        if command is not None and command.row is not None:
            self._select(command.row.id)

    def edit(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        dialog = self._dialog(row.details, False)
        run_editor(
            dialog,
            self._context,
            lambda: EditAgendaItemCommand(self._context, row, dialog.details()),
        )

    def duplicate(self) -> None:
        row = self.selected_row()
        if row is None or self._trip is None:
            return
        command = AddAgendaItemCommand(
            self._context,
            self._trip.id,
            row.details,
            lambda: _("Duplicate “{title}”").format(title=row.details.title(current_language())),
        )
        if self._context.execute(command) and command.row is not None:
            self._select(command.row.id)

    def toggle_cancelled(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        cancelled = row.details.status == AgendaStatus.CANCELLED
        status = AgendaStatus.CONFIRMED if cancelled else AgendaStatus.CANCELLED
        title = row.details.title(current_language())

        def describe() -> str:
            text = _("Restore “{title}”") if cancelled else _("Cancel “{title}”")
            return text.format(title=title)

        self._context.execute(
            EditAgendaItemCommand(self._context, row, replace(row.details, status=status), describe)
        )

    def remove(self) -> None:
        row = self.selected_row()
        if row is not None:
            self._context.execute(RemoveAgendaItemCommand(self._context, row))

    def move_selected(self, minutes: int) -> None:
        row = self.selected_row()
        if row is not None:
            self.move_item(row.id, minutes)

    def move_item(self, item_id: int, minutes: int) -> None:
        """Move an item in time, its end following; whole days move it to another day."""
        row = self._item(item_id)
        if row is None:
            return
        try:
            if minutes % (24 * 60) == 0:
                day = row.details.day + timedelta(days=minutes // (24 * 60))
                details = agenda.moved(row.details, day, row.details.start_time)
            else:
                details = agenda.shifted(row.details, minutes)
        except ValidationError as error:
            self._context.report(error)
            return
        title = row.details.title(current_language())
        self._selected = item_id
        self._context.execute(
            EditAgendaItemCommand(
                self._context, row, details, lambda: _("Move “{title}”").format(title=title)
            )
        )
