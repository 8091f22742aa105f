"""The programme as a sortable, filterable list."""

from delegation.i18n import _, current_language
from delegation.i18n.formatting import format_date, format_time, home_time
from delegation.i18n.labels import agenda_status_label, kind_label
from delegation.services.agenda import AgendaItemRow
from delegation.ui.models.filtered_table_model import Column, FilteredTableModel


class AgendaTableModel(FilteredTableModel[AgendaItemRow]):
    def __init__(self, parent=None) -> None:
        self.timezone = "UTC"
        self.home_timezone = "UTC"
        columns = (
            Column(
                lambda: _("Day"),
                lambda r: format_date(r.details.day, "medium"),
                sort_key=lambda r: (r.details.day, r.details.start_time),
            ),
            Column(
                lambda: _("Start"),
                lambda r: format_time(r.details.start_time),
                sort_key=lambda r: (r.details.day, r.details.start_time),
                tooltip=self._home_tooltip,
            ),
            Column(
                lambda: _("End"),
                lambda r: format_time(r.details.end_time) if r.details.end_time else "",
                sort_key=lambda r: (r.details.day, r.details.end_time or r.details.start_time),
            ),
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
        start = home_time(d.day, d.start_time, self.timezone, self.home_timezone)
        text = format_time(start.time())
        if d.end_time:
            end = home_time(d.day, d.end_time, self.timezone, self.home_timezone)
            text += "–" + format_time(end.time())
        return text

    def _home_tooltip(self, row: AgendaItemRow) -> str:
        return _("{time} at home ({zone})").format(
            time=self._home_range(row), zone=self.home_timezone
        )

    def search_text(self, row: AgendaItemRow) -> str:
        d = row.details
        return f"{d.title_fr} {d.title_en} {row.venue_name or ''} {row.host_name or ''}"

    def row_id(self, row: AgendaItemRow) -> int:
        return row.id
