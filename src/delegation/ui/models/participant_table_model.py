"""The participants of a trip as a sortable, filterable table."""

from collections.abc import Iterable, Sequence

from delegation.domain.enums import ParticipantStatus
from delegation.i18n import _
from delegation.i18n.formatting import format_date
from delegation.i18n.labels import category_label, status_label
from delegation.services.participant_rows import (
    ParticipantListing,
    ParticipantRow,
    searched_fields,
)
from delegation.ui.models.filtered_table_model import Column, FilteredTableModel


def _name(row: ParticipantRow) -> str:
    return f"{row.details.last_name.upper()} {row.details.first_name}".strip()


def _expiry(row: ParticipantRow) -> str:
    expiry = row.details.passport_expiry
    return format_date(expiry, "short") if expiry else ""


def _emergency(row: ParticipantRow) -> str:
    name, phone = row.details.emergency_contact_name, row.details.emergency_contact_phone
    return " — ".join(part for part in (name, phone) if part)


class ParticipantTableModel(FilteredTableModel[ParticipantRow]):
    # Sorted by the searched fields (first name, last name, organization, email) where they
    # suffice: a trip of 100,000 registrations is then sorted without reading them whole.
    COLUMNS: tuple[Column[ParticipantRow], ...] = (
        Column(lambda: _("Name"), _name, sort_fields=(1, 0)),
        Column(lambda: _("Organization"), lambda r: r.details.organization or "", sort_fields=(2,)),
        Column(lambda: _("Email"), lambda r: r.details.email or "", sort_fields=(3,)),
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
        self._waiting: dict[int, int | None] = {}  # the waitlisted: position, by id
        self._waitlist_rank: dict[int, int] = {}

    def set_rows(self, rows: Sequence[ParticipantRow]) -> None:
        self._waiting = {
            row.id: row.waitlist_position
            for row in rows
            if row.details.status == ParticipantStatus.WAITLISTED
        }
        self._rank()
        super().set_rows(rows)

    def set_listing(self, listing: ParticipantListing) -> None:  # type: ignore[override]
        self._waiting = dict(listing.waiting)
        self._rank()
        super().set_listing(listing)

    def update_rows(
        self, changed: Sequence[ParticipantRow], removed_ids: Iterable[object] = ()
    ) -> None:
        removed_ids = list(removed_ids)
        waiting = dict(self._waiting)
        for row_id in removed_ids:
            waiting.pop(row_id, None)  # type: ignore[call-overload]
        for row in changed:
            if row.details.status == ParticipantStatus.WAITLISTED:
                waiting[row.id] = row.waitlist_position
            else:
                waiting.pop(row.id, None)
        ranks_change = waiting != self._waiting
        self._waiting = waiting
        if ranks_change:
            self._rank()
        super().update_rows(changed, removed_ids)
        if ranks_change:  # the others waiting moved up or down the list
            self.refresh_column(self.STATUS_COLUMN)

    def _as_listed(self, position: int, row: ParticipantRow) -> bool:
        # Put on or taken off the waiting list since listed: the ranks change too.
        waiting = row.details.status == ParticipantStatus.WAITLISTED
        return (
            super()._as_listed(position, row)
            and waiting == (row.id in self._waiting)
            and (not waiting or self._waiting[row.id] == row.waitlist_position)
        )

    def _rank(self) -> None:
        waiting = sorted(self._waiting.items(), key=lambda item: (item[1] or 0, item[0]))
        self._waitlist_rank = {
            row_id: rank for rank, (row_id, _position) in enumerate(waiting, start=1)
        }

    def waitlist_rank(self, row: ParticipantRow) -> int | None:
        return self._waitlist_rank.get(row.id)

    def search_fields(self, row: ParticipantRow) -> tuple[str, ...]:
        return searched_fields(row)

    def row_id(self, row: ParticipantRow) -> int:
        return row.id

    def display_text(self, row: ParticipantRow, column: int) -> str:
        text = super().display_text(row, column)
        if column == self.STATUS_COLUMN:
            rank = self._waitlist_rank.get(row.id)
            if rank is not None:
                return _("{status} #{rank}").format(status=text, rank=rank)
        return text
