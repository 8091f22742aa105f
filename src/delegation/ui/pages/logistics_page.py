"""Hotels with their rooms and occupants, and the travel legs with their own zones."""

from datetime import datetime, time

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QSplitter,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from delegation.domain.enums import TravelDirection
from delegation.domain.errors import DelegationError
from delegation.i18n import _, ngettext
from delegation.i18n.formatting import format_date, format_duration, format_time
from delegation.i18n.labels import direction_label, room_type_label, travel_mode_label
from delegation.services import hotels, travel
from delegation.services.changes import Changes, Kind
from delegation.services.participant_rows import list_groups
from delegation.services.summaries import TripSummary
from delegation.services.travel import SegmentDetails, SegmentRow
from delegation.ui.commands import EditContext
from delegation.ui.logistics_commands import (
    AddRoomsCommand,
    RemoveHotelCommand,
    RemoveRoomsCommand,
    RemoveSegmentCommand,
    SaveHotelCommand,
    SaveSegmentCommand,
    SetPassengersCommand,
)
from delegation.ui.models.filtered_table_model import Column
from delegation.ui.models.simple_table_model import SimpleTableModel
from delegation.ui.pages.table_page import (
    action_button,
    boxed,
    fit_columns,
    make_table,
    on_selection_change,
    set_rows_keeping_selection,
    view_action,
)
from delegation.ui.widgets.validated_form import run_editor

_ROLE = Qt.ItemDataRole.UserRole  # ("hotel" | "room", id) on each tree item


def _moment(when: datetime, zone: str) -> str:
    return f"{format_date(when.date(), 'medium')} {format_time(when.time())} ({zone})"


def _buttons(*actions: QAction) -> QHBoxLayout:
    row = QHBoxLayout()
    for action in actions:
        row.addWidget(action_button(action))
    return row


class LogisticsPage(QWidget):
    def __init__(self, context: EditContext, parent=None) -> None:
        super().__init__(parent)
        self._context = context
        self._trip: TripSummary | None = None
        self._hotels: list[hotels.HotelRow] = []
        self.rooms = QTreeWidget()
        self.rooms.setObjectName("roomTree")
        self.rooms.setAccessibleName(_("Hotels and rooms"))
        self.rooms.setColumnCount(4)
        self.rooms.setHeaderLabels([_("Hotel / room"), _("Type"), _("Beds"), _("Occupants")])
        self.rooms.setAlternatingRowColors(True)
        self.rooms.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.rooms.itemDoubleClicked.connect(lambda *_args: self.edit_hotel())
        self.rooms.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.rooms.itemSelectionChanged.connect(self._update_actions)
        self.add_hotel_action = view_action(self.rooms, _("Add &hotel…"), None, self.add_hotel)
        self.edit_hotel_action = view_action(
            self.rooms, _("&Edit hotel…"), "Return", self.edit_hotel
        )
        self.add_rooms_action = view_action(self.rooms, _("Add &rooms…"), None, self.add_rooms)
        self.remove_rooms_action = view_action(
            self.rooms,
            _("Remove hotel or rooms"),
            QKeySequence.StandardKey.Delete,
            self.remove_hotel_or_rooms,
        )
        hotel_buttons = _buttons(
            self.add_hotel_action,
            self.edit_hotel_action,
            self.add_rooms_action,
            self.remove_rooms_action,
        )
        hotel_buttons.addStretch(1)

        self.segments = SimpleTableModel(
            (
                Column(lambda: _("Direction"), lambda s: direction_label(s.details.direction)),
                Column(lambda: _("Mode"), lambda s: travel_mode_label(s.details.mode)),
                Column(lambda: _("Carrier"),
                       lambda s: " ".join(p for p in (s.details.carrier, s.details.number) if p)),
                Column(lambda: _("From"), lambda s: s.details.departure_place),
                Column(lambda: _("Departure"),
                       lambda s: _moment(s.details.departure_at, s.details.departure_timezone),
                       sort_key=lambda s: s.details.departure_at),
                Column(lambda: _("To"), lambda s: s.details.arrival_place),
                Column(lambda: _("Arrival"),
                       lambda s: _moment(s.details.arrival_at, s.details.arrival_timezone),
                       sort_key=lambda s: s.details.arrival_at),
                Column(lambda: _("Duration"), self._duration,
                       sort_key=lambda s: s.details.duration),
                Column(lambda: _("Passengers"), lambda s: str(s.passenger_count),
                       sort_key=lambda s: s.passenger_count,
                       alignment=Qt.AlignmentFlag.AlignRight),
            ),
            lambda s: " ".join(
                p or "" for p in (s.details.carrier, s.details.number,
                                  s.details.departure_place, s.details.arrival_place)
            ),
            self,
        )  # fmt: skip
        self.segment_table = make_table(self.segments, "segmentTable", _("Travel"))
        self.segment_table.sortByColumn(4, Qt.SortOrder.AscendingOrder)
        self.segment_table.doubleClicked.connect(lambda _index: self.edit_segment())
        table = self.segment_table
        self.add_segment_action = view_action(table, _("&Add travel leg…"), None, self.add_segment)
        self.edit_segment_action = view_action(
            table, _("&Edit travel leg…"), "Return", self.edit_segment
        )
        self.remove_segment_action = view_action(
            table, _("&Remove travel leg"), QKeySequence.StandardKey.Delete, self.remove_segment
        )
        self.passenger_menu = QMenu(_("Pa&ssengers"), self)
        table.addAction(self.passenger_menu.menuAction())
        passengers = self.passengers_button = QToolButton()
        passengers.setText(self.passenger_menu.title())
        passengers.setMenu(self.passenger_menu)
        passengers.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        segment_buttons = _buttons(
            self.add_segment_action, self.edit_segment_action, self.remove_segment_action
        )
        segment_buttons.addWidget(passengers)
        segment_buttons.addStretch(1)
        on_selection_change(self.segment_table, self._update_actions)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(boxed(_("Hotels and rooms"), self.rooms, hotel_buttons))
        splitter.addWidget(boxed(_("Travel"), self.segment_table, segment_buttons))
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._update_actions()

    @staticmethod
    def _duration(segment: SegmentRow) -> str:
        return format_duration(int(segment.details.duration.total_seconds() // 60))

    def show_trip(self, trip: TripSummary | None) -> None:
        self._trip = trip
        self.reload()

    def apply_changes(self, changes: Changes) -> None:
        if changes.touches(Kind.HOTEL, Kind.ROOM, Kind.SEGMENT, Kind.PARTICIPANT):
            self.reload()

    def reload(self) -> None:
        workspace = self._context.database
        trip_id = self._trip.id if self._trip else None
        self._hotels = hotels.list_hotels(workspace, trip_id) if trip_id else []
        self.rooms.clear()
        for hotel in self._hotels:
            stay = ""
            details = hotel.details
            if details.check_in and details.check_out:
                first = format_date(details.check_in, "medium")
                stay = f"{first} → {format_date(details.check_out, 'medium')}"
            used = sum(len(room.occupants) for room in hotel.rooms)
            beds = sum(room.capacity for room in hotel.rooms)
            where = " — ".join(part for part in (details.address, stay) if part)
            top = QTreeWidgetItem([hotel.name, "", f"{used}/{beds}", where])
            top.setData(0, _ROLE, ("hotel", hotel.id))
            for room in hotel.rooms:
                child = QTreeWidgetItem(
                    [
                        room.label,
                        room_type_label(room.room_type),
                        f"{len(room.occupants)}/{room.capacity}",
                        ", ".join(room.occupants) or _("free"),
                    ]
                )
                child.setData(0, _ROLE, ("room", room.id))
                top.addChild(child)
            self.rooms.addTopLevelItem(top)
            top.setExpanded(True)
        for column in range(3):
            self.rooms.resizeColumnToContents(column)
        set_rows_keeping_selection(
            self.segment_table, travel.list_segments(workspace, trip_id) if trip_id else []
        )
        fit_columns(self.segment_table)
        self._fill_passenger_menu(list_groups(workspace, trip_id) if trip_id else [])
        self._update_actions()

    def _update_actions(self, *_args) -> None:
        has_trip = self._trip is not None
        selected = self._selected_tree()
        rooms = sum(1 for kind, _id in selected if kind == "room")
        if any(kind == "hotel" for kind, _id in selected):
            remove = _("&Remove hotel")
        elif rooms:
            remove = ngettext("&Remove room", "&Remove {n} rooms", rooms).format(n=rooms)
        else:
            remove = _("Remove hotel or rooms")
        self.remove_rooms_action.setText(remove)
        self.remove_rooms_action.setEnabled(bool(selected))
        hotel = self._selected_hotel() is not None
        self.add_hotel_action.setEnabled(has_trip)
        self.edit_hotel_action.setEnabled(hotel)
        self.add_rooms_action.setEnabled(hotel)
        segment = self._selected_segment() is not None
        self.add_segment_action.setEnabled(has_trip)
        for action in (
            self.edit_segment_action,
            self.remove_segment_action,
            self.passenger_menu.menuAction(),
        ):
            action.setEnabled(segment)
        self.passengers_button.setEnabled(segment)

    def _fill_passenger_menu(self, groups) -> None:
        self.passenger_menu.clear()
        everyone = self.passenger_menu.addAction(_("Every confirmed participant"))
        everyone.triggered.connect(lambda: self.set_passengers(None))
        for group in groups:
            action = self.passenger_menu.addAction(
                _("Confirmed participants of {group}").format(group=group.name)
            )
            action.triggered.connect(lambda _checked=False, g=group.code: self.set_passengers(g))
        nobody = self.passenger_menu.addAction(_("Nobody"))
        nobody.triggered.connect(lambda: self.set_passengers(""))

    # Hotels and rooms.
    def _selected_tree(self) -> list[tuple[str, int]]:
        return [tuple(item.data(0, _ROLE)) for item in self.rooms.selectedItems()]

    def _selected_hotel(self) -> hotels.HotelRow | None:
        for kind, item_id in self._selected_tree():
            for hotel in self._hotels:
                if (kind == "hotel" and hotel.id == item_id) or (
                    kind == "room" and any(room.id == item_id for room in hotel.rooms)
                ):
                    return hotel
        return self._hotels[0] if len(self._hotels) == 1 else None

    def add_hotel(self) -> None:
        from delegation.ui.dialogs.hotel_dialogs import HotelDialog

        if self._trip is None:
            return
        dialog = HotelDialog(parent=self)
        trip_id = self._trip.id
        run_editor(
            dialog,
            self._context,
            lambda: SaveHotelCommand(self._context, trip_id, None, dialog.details()),
        )

    def edit_hotel(self) -> None:
        from delegation.ui.dialogs.hotel_dialogs import HotelDialog

        hotel = self._selected_hotel()
        if hotel is None or self._trip is None:
            return
        dialog = HotelDialog(hotel.details, parent=self)
        trip_id = self._trip.id
        run_editor(
            dialog,
            self._context,
            lambda: SaveHotelCommand(self._context, trip_id, hotel, dialog.details()),
        )

    def add_rooms(self) -> None:
        from delegation.ui.dialogs.hotel_dialogs import RoomsDialog

        hotel = self._selected_hotel()
        if hotel is None:
            return
        dialog = RoomsDialog(hotel.name, parent=self)
        run_editor(
            dialog,
            self._context,
            lambda: AddRoomsCommand(
                self._context, hotel.id, dialog.labels(), dialog.room_type(), dialog.capacity()
            ),
        )

    def remove_hotel_or_rooms(self) -> None:
        selected = self._selected_tree()
        rooms = [item_id for kind, item_id in selected if kind == "room"]
        hotel_ids = [item_id for kind, item_id in selected if kind == "hotel"]
        if hotel_ids:
            hotel = next(h for h in self._hotels if h.id == hotel_ids[0])
            self._context.execute(RemoveHotelCommand(self._context, hotel))
        elif rooms:
            self._context.execute(RemoveRoomsCommand(self._context, rooms))

    # Travel.
    def _selected_segment(self) -> SegmentRow | None:
        rows = self.segment_table.selectionModel().selectedRows()
        return self.segments.row_at(rows[0].row()) if rows else None

    def add_segment(self) -> None:
        from delegation.ui.dialogs.segment_dialog import SegmentDialog

        trip = self._trip
        if trip is None:
            return
        start = datetime.combine(trip.start_date, time(8, 0))
        details = SegmentDetails(
            departure_place="",
            departure_timezone=trip.home_timezone,
            departure_at=start,
            arrival_place=trip.destination_city,
            arrival_timezone=trip.timezone,
            arrival_at=start.replace(hour=12),
            direction=TravelDirection.OUTBOUND,
        )
        dialog = SegmentDialog(details, is_new=True, parent=self)
        run_editor(
            dialog,
            self._context,
            lambda: SaveSegmentCommand(self._context, trip.id, None, dialog.details()),
        )

    def edit_segment(self) -> None:
        from delegation.ui.dialogs.segment_dialog import SegmentDialog

        segment = self._selected_segment()
        if segment is None or self._trip is None:
            return
        dialog = SegmentDialog(segment.details, is_new=False, parent=self)
        trip_id = self._trip.id
        run_editor(
            dialog,
            self._context,
            lambda: SaveSegmentCommand(self._context, trip_id, segment, dialog.details()),
        )

    def remove_segment(self) -> None:
        segment = self._selected_segment()
        if segment is not None:
            self._context.execute(RemoveSegmentCommand(self._context, segment))

    def set_passengers(self, group_code: str | None) -> None:
        """None: every confirmed participant; a code: that group's; "": nobody."""
        segment = self._selected_segment()
        if segment is None or self._trip is None:
            return
        try:
            ids = (
                []
                if group_code == ""
                else travel.confirmed_ids(self._context.database, self._trip.id, group_code)
            )
        except DelegationError as error:
            self._context.report(error)
            return
        self._context.execute(
            SetPassengersCommand(self._context, segment, ids, lambda: _("Change the passengers"))
        )
