"""A small model of people and their cities, for the tests of the table model itself."""

from dataclasses import dataclass

from delegation.ui.models.filtered_table_model import Column, FilteredTableModel

CITIES = ["Tallinn", "Tartu", "Pärnu", "Marseille", "Nîmes", "Lyon"]


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    city: str


class PeopleModel(FilteredTableModel[Person]):
    """Sorted by a searched field (the name) or by its cells (the city)."""

    def __init__(self) -> None:
        super().__init__(
            (
                Column(lambda: "Name", lambda p: p.name, sort_fields=(0,)),
                Column(lambda: "City", lambda p: p.city),
            )
        )

    def search_fields(self, row: Person) -> tuple[str, str]:
        return (row.name, row.city)

    def row_id(self, row: Person) -> int:
        return row.id
