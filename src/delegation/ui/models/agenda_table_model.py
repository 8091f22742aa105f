"""The programme as a sortable, filterable list, loaded from a listing."""

from collections.abc import Sequence
from datetime import date, time

from delegation.domain.scheduling import ends_next_day
from delegation.i18n import _, current_language
from delegation.i18n.formatting import (
    format_date,
    format_end_time,
    format_time,
    format_time_range,
    home_time_range,
)
from delegation.i18n.labels import agenda_status_label, kind_label
from delegation.services.agenda import AgendaItemRow
from delegation.services.agenda_listing import agenda_searched_fields, agenda_sort_keys
from delegation.ui.models.filtered_table_model import Column, FilteredTableModel


def _end_text(row: AgendaItemRow) -> str:
    """ "11:00", or "01:30 (+1)" for an item ending past midnight."""
    d = row.details
    return format_end_time(d.start_time, d.end_time) if d.end_time else ""


def _end_tooltip(row: AgendaItemRow) -> str | None:
    d = row.details
    if not ends_next_day(d.start_time, d.end_time):
        return None
    times = format_time_range(d.start_time, d.end_time)
    return _("{times}: ends the next day").format(times=times)


class AgendaTableModel(FilteredTableModel[AgendaItemRow]):
    def __init__(self, parent=None) -> None:
        self.timezone = "UTC"
        self.home_timezone = "UTC"
        columns: tuple[Column[AgendaItemRow], ...] = (
            # Sorted by the listing's keys (day, start, end, next day): no row read.
            Column(
                lambda: _("Day"),
                lambda r: format_date(r.details.day, "medium"),
                key_fields=(0, 1),
            ),
            Column(
                lambda: _("Start"),
                lambda r: format_time(r.details.start_time),
                key_fields=(0, 1),
                tooltip=self._home_tooltip,
            ),
            Column(lambda: _("End"), _end_text, key_fields=(0, 3, 2), tooltip=_end_tooltip),
            Column(lambda: _("Home time"), self._home_range),
            Column(lambda: _("Title"), lambda r: r.details.title(current_language())),
            Column(lambda: _("Kind"), lambda r: kind_label(r.details.kind)),
            Column(lambda: _("Venue"), lambda r: r.venue_name or ""),
            Column(
                lambda: _("Groups"), lambda r: ", ".join(r.details.group_codes) or _("Everyone")
            ),
            Column(lambda: _("Status"), lambda r: agenda_status_label(r.details.status)),
        )
        super().__init__(columns, parent)

    def set_zones(self, timezone: str, home_timezone: str) -> None:
        self.timezone, self.home_timezone = timezone, home_timezone

    def _home_range(self, row: AgendaItemRow) -> str:
        d = row.details
        return home_time_range(d.day, d.start_time, d.end_time, self.timezone, self.home_timezone)

    def _home_tooltip(self, row: AgendaItemRow) -> str:
        return _("{time} at home ({zone})").format(
            time=self._home_range(row), zone=self.home_timezone
        )

    def search_fields(self, row: AgendaItemRow) -> tuple[str, ...]:
        return agenda_searched_fields(row)

    def sort_keys(self, row: AgendaItemRow) -> Sequence[date | time | int]:
        return agenda_sort_keys(row)

    def row_id(self, row: AgendaItemRow) -> int:
        return row.id
