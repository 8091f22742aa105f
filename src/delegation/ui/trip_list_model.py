"""Qt table model over the list of trips."""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from delegation.i18n import _
from delegation.i18n.formatting import format_date_range, format_number
from delegation.services.trips import TripSummary

_Index = QModelIndex | QPersistentModelIndex


class TripListModel(QAbstractTableModel):
    """One row per trip: title, destination, dates, participants."""

    TripRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._trips: list[TripSummary] = []

    def set_trips(self, trips: list[TripSummary]) -> None:
        self.beginResetModel()
        self._trips = list(trips)
        self.endResetModel()

    def trip_at(self, row: int) -> TripSummary:
        return self._trips[row]

    def row_of(self, trip_id: int) -> int | None:
        return next((row for row, trip in enumerate(self._trips) if trip.id == trip_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._trips)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("Trip"), _("Destination"), _("Dates"), _("Participants"))[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        trip = self._trips[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return trip.title
            if column == 1:
                return f"{trip.destination_city} ({trip.destination_country})"
            if column == 2:
                return format_date_range(trip.start_date, trip.end_date)
            return format_number(trip.participant_count)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return trip.key
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.TripRole:
            return trip.id
        return None
