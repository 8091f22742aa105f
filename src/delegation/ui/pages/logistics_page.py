"""Hotels with their rooms and occupants, and the travel legs with their own zones."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from delegation.i18n import _
from delegation.i18n.formatting import format_date, format_duration, format_time
from delegation.i18n.labels import direction_label, room_type_label, travel_mode_label
from delegation.services import logistics
from delegation.services.logistics import SegmentRow
from delegation.services.summaries import TripSummary
from delegation.ui.commands import EditContext
from delegation.ui.models.filtered_table_model import Column
from delegation.ui.models.simple_table_model import SimpleTableModel
from delegation.ui.pages.table_page import boxed, fit_columns, make_table


def _moment(when, zone: str) -> str:
    return f"{format_date(when.date(), 'medium')} {format_time(when.time())} ({zone})"


class LogisticsPage(QWidget):
    def __init__(self, context: EditContext, parent=None) -> None:
        super().__init__(parent)
        self._context = context
        self._trip: TripSummary | None = None
        self.rooms = QTreeWidget()
        self.rooms.setObjectName("roomTree")
        self.rooms.setAccessibleName(_("Hotels and rooms"))
        self.rooms.setColumnCount(4)
        self.rooms.setHeaderLabels([_("Hotel / room"), _("Type"), _("Beds"), _("Occupants")])
        self.rooms.setAlternatingRowColors(True)
        self.segments = SimpleTableModel(
            (
                Column(lambda: _("Direction"), lambda s: direction_label(s.direction)),
                Column(lambda: _("Mode"), lambda s: travel_mode_label(s.mode)),
                Column(lambda: _("Carrier"),
                       lambda s: " ".join(p for p in (s.carrier, s.number) if p)),
                Column(lambda: _("From"), lambda s: s.departure_place),
                Column(lambda: _("Departure"),
                       lambda s: _moment(s.departure_at, s.departure_timezone),
                       sort_key=lambda s: s.departure_at),
                Column(lambda: _("To"), lambda s: s.arrival_place),
                Column(lambda: _("Arrival"),
                       lambda s: _moment(s.arrival_at, s.arrival_timezone),
                       sort_key=lambda s: s.arrival_at),
                Column(lambda: _("Duration"), self._duration, sort_key=lambda s: s.duration),
                Column(lambda: _("Passengers"), lambda s: str(s.passenger_count),
                       sort_key=lambda s: s.passenger_count,
                       alignment=Qt.AlignmentFlag.AlignRight),
            ),
            lambda s: f"{s.carrier or ''} {s.number or ''} {s.departure_place} {s.arrival_place}",
            self,
        )  # fmt: skip
        self.segment_table = make_table(self.segments, "segmentTable", _("Travel"))
        self.segment_table.sortByColumn(4, Qt.SortOrder.AscendingOrder)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(boxed(_("Hotels and rooms"), self.rooms))
        splitter.addWidget(boxed(_("Travel"), self.segment_table))
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    @staticmethod
    def _duration(segment: SegmentRow) -> str:
        return format_duration(int(segment.duration.total_seconds() // 60))

    def show_trip(self, trip: TripSummary | None) -> None:
        self._trip = trip
        self.reload()

    def reload(self) -> None:
        workspace = self._context.workspace
        self.rooms.clear()
        hotels = logistics.list_hotels(workspace, self._trip.id) if self._trip else []
        for hotel in hotels:
            stay = ""
            if hotel.check_in and hotel.check_out:
                first = format_date(hotel.check_in, "medium")
                stay = f"{first} → {format_date(hotel.check_out, 'medium')}"
            used = sum(len(room.occupants) for room in hotel.rooms)
            beds = sum(room.capacity for room in hotel.rooms)
            where = " — ".join(part for part in (hotel.address, stay) if part)
            top = QTreeWidgetItem([hotel.name, "", f"{used}/{beds}", where])
            for room in hotel.rooms:
                top.addChild(
                    QTreeWidgetItem(
                        [
                            room.label,
                            room_type_label(room.room_type),
                            f"{len(room.occupants)}/{room.capacity}",
                            ", ".join(room.occupants) or _("free"),
                        ]
                    )
                )
            self.rooms.addTopLevelItem(top)
            top.setExpanded(True)
        for column in range(3):
            self.rooms.resizeColumnToContents(column)
        self.segments.set_rows(
            logistics.list_segments(workspace, self._trip.id) if self._trip else []
        )
        fit_columns(self.segment_table)
