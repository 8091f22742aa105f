"""The association's directory as a sortable, filterable table, loaded from a listing."""

from delegation.i18n import _
from delegation.services.directory import ContactRow, contact_searched_fields
from delegation.ui.models.filtered_table_model import Column, FilteredTableModel


class ContactTableModel(FilteredTableModel[ContactRow]):
    # Sorted by the searched fields (first name, last name, organization, email) where they
    # suffice: 100,000 contacts are then sorted without reading them whole.
    COLUMNS: tuple[Column[ContactRow], ...] = (
        Column(lambda: _("Name"), lambda c: f"{c.last_name.upper()} {c.first_name}",
               sort_fields=(1, 0)),
        Column(lambda: _("Organization"), lambda c: c.organization or "", sort_fields=(2,)),
        Column(lambda: _("Function"), lambda c: c.job_title or ""),
        Column(lambda: _("Email"), lambda c: c.email or "", sort_fields=(3,)),
        Column(lambda: _("Phone"), lambda c: c.phone or ""),
        Column(lambda: _("Trips"), lambda c: ", ".join(c.trips)),
    )  # fmt: skip

    def __init__(self, parent=None) -> None:
        super().__init__(self.COLUMNS, parent)

    def search_fields(self, row: ContactRow) -> tuple[str, ...]:
        return contact_searched_fields(row)

    def row_id(self, row: ContactRow) -> int:
        return row.id
