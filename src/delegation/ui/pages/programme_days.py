"""The programme day by day: a tab per day, the day's items on a time axis, which colour
is whose, and what is selected, in words."""

import html
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QTabBar, QVBoxLayout, QWidget

from delegation.i18n import _
from delegation.i18n.formatting import format_date
from delegation.services.agenda import AgendaItemRow
from delegation.services.participant_rows import GroupRow
from delegation.services.summaries import TripSummary
from delegation.ui.widgets.day_timeline import EVERYONE_COLOUR, DayTimeline


class DayView(QWidget):
    """The day tabs and the timeline of the day chosen; the page says what to show."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.days = QTabBar()
        self.days.setObjectName("programmeDays")
        self.days.setAccessibleName(_("Days"))
        self.timeline = DayTimeline()
        self.timeline.setObjectName("dayTimeline")
        scroll = QScrollArea()
        scroll.setWidget(self.timeline)
        scroll.setWidgetResizable(True)
        self.zones = QLabel()
        self.zones.setWordWrap(True)
        self.legend = QLabel()
        self.legend.setObjectName("programmeLegend")
        self.legend.setWordWrap(True)
        # What is selected, in words: the same as the list says, without hovering.
        self.selection_status = QLabel()
        self.selection_status.setObjectName("programmeSelection")
        self.selection_status.setWordWrap(True)
        self.selection_status.setTextFormat(Qt.TextFormat.PlainText)
        self.timeline.selection_described.connect(self.selection_status.setText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.legend)
        layout.addWidget(self.days)
        layout.addWidget(scroll)
        layout.addWidget(self.selection_status)
        layout.addWidget(self.zones)

    def show_days(
        self,
        trip: TripSummary | None,
        item_days: list[date],
        groups: list[GroupRow],
        trip_days: list[date],
    ) -> None:
        """A tab for each day of the trip and each day an item falls on (`item_days`); the
        day chosen stays chosen (without a signal: the page shows it after)."""
        self.legend.setText(_legend(groups))
        if trip:
            self.zones.setText(
                _("Times are local to {zone}; hover an item for the time at home ({home}).").format(
                    zone=trip.timezone, home=trip.home_timezone
                )
            )
        current = self.current_day()
        days = sorted(set(trip_days) | set(item_days))
        self.days.blockSignals(True)
        self._fill_tabs(days)
        if current in days:
            self.days.setCurrentIndex(days.index(current))
        self.days.blockSignals(False)

    def _fill_tabs(self, days: list[date]) -> None:
        # A tab bar shown lays out every tab again at each tab added or removed: a year of
        # days took a quarter of a second. Hidden meanwhile, it lays them out once.
        focused, hidden = self.days.hasFocus(), self.days.isHidden()
        self.days.hide()
        while self.days.count():
            self.days.removeTab(self.days.count() - 1)  # the last: no tab after it to move
        for day in days:
            index = self.days.addTab(format_date(day, "EEE d MMM"))
            self.days.setTabData(index, day.isoformat())  # Qt would hand back a QDate
            self.days.setTabToolTip(index, format_date(day, "full"))
        self.days.setHidden(hidden)
        if focused:
            self.days.setFocus()

    def current_day(self) -> date | None:
        if not self.days.count():
            return None
        return date.fromisoformat(self.days.tabData(self.days.currentIndex()))

    def show_day(
        self, trip: TripSummary | None, rows: list[AgendaItemRow], groups: list[GroupRow]
    ) -> None:
        """The items of the day chosen (`rows`, read for it) on the timeline."""
        day = self.current_day()
        if trip is not None:
            self.timeline.set_day(rows, groups, trip.timezone, trip.home_timezone)
        else:
            self.timeline.set_day([], [], "UTC", "UTC")
        self.timeline.setAccessibleName(
            _("Programme of {day}").format(day=format_date(day, "full"))
            if day is not None
            else _("Programme of the day")
        )


def _legend(groups: list[GroupRow]) -> str:
    """Which colour is whose: the whole delegation, then each group."""
    entries = [(EVERYONE_COLOUR, _("Everyone"))] + [
        (group.colour or EVERYONE_COLOUR, group.name) for group in groups
    ]
    return "&nbsp;&nbsp;&nbsp;".join(
        f'<span style="color:{colour}">■</span>&nbsp;{html.escape(name)}'
        for colour, name in entries
    )
