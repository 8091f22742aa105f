"""The participants of a trip as a sortable, filterable table."""

from delegation.domain.enums import ParticipantStatus
from delegation.i18n import _
from delegation.i18n.formatting import format_date
from delegation.i18n.labels import category_label, status_label
from delegation.services.participant_rows import ParticipantRow
from delegation.ui.models.filtered_table_model import Column, FilteredTableModel, folded


def _name(row: ParticipantRow) -> str:
    return f"{row.details.last_name.upper()} {row.details.first_name}".strip()


def _expiry(row: ParticipantRow) -> str:
    expiry = row.details.passport_expiry
    return format_date(expiry, "short") if expiry else ""


def _emergency(row: ParticipantRow) -> str:
    name, phone = row.details.emergency_contact_name, row.details.emergency_contact_phone
    return " — ".join(part for part in (name, phone) if part)


class ParticipantTableModel(FilteredTableModel[ParticipantRow]):
    COLUMNS = (
        Column(
            lambda: _("Name"),
            _name,
            sort_key=lambda r: (folded(r.details.last_name), folded(r.details.first_name)),
        ),
        Column(lambda: _("Organization"), lambda r: r.details.organization or ""),
        Column(lambda: _("Email"), lambda r: r.details.email or ""),
        Column(
            lambda: _("Status"),
            lambda r: status_label(r.details.status),
            sort_key=lambda r: (
                list(ParticipantStatus).index(r.details.status),
                r.waitlist_position or 0,
            ),
        ),
        Column(lambda: _("Category"), lambda r: category_label(r.details.category)),
        Column(lambda: _("Groups"), lambda r: ", ".join(r.details.group_codes)),
        Column(lambda: _("Language"), lambda r: r.details.language.value.upper()),
        Column(lambda: _("Room"), lambda r: r.room_label or ""),
        Column(lambda: _("Dietary needs"), lambda r: r.details.dietary or "", sensitive=True),
        Column(
            lambda: _("Passport expiry"),
            _expiry,
            sort_key=lambda r: (
                r.details.passport_expiry.isoformat() if r.details.passport_expiry else ""
            ),
            sensitive=True,
        ),
        Column(lambda: _("Emergency contact"), _emergency, sensitive=True),
    )
    STATUS_COLUMN = 3

    def __init__(self, parent=None) -> None:
        super().__init__(self.COLUMNS, parent)
        self._waitlist_rank: dict[int, int] = {}

    def set_rows(self, rows) -> None:
        waiting = sorted(
            (r for r in rows if r.details.status == ParticipantStatus.WAITLISTED),
            key=lambda r: (r.waitlist_position or 0, r.id),
        )
        self._waitlist_rank = {row.id: rank for rank, row in enumerate(waiting, start=1)}
        super().set_rows(rows)

    def waitlist_rank(self, row: ParticipantRow) -> int | None:
        return self._waitlist_rank.get(row.id)

    def search_text(self, row: ParticipantRow) -> str:
        d = row.details
        return f"{d.first_name} {d.last_name} {d.organization or ''} {d.email or ''}"

    def row_id(self, row: ParticipantRow) -> int:
        return row.id

    def display_text(self, row: ParticipantRow, column: int) -> str:
        text = super().display_text(row, column)
        if column == self.STATUS_COLUMN:
            rank = self._waitlist_rank.get(row.id)
            if rank is not None:
                return _("{status} #{rank}").format(status=text, rank=rank)
        return text
