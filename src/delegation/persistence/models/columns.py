"""Column helpers shared by the models."""

from enum import StrEnum

from sqlalchemy import Enum
from sqlalchemy.orm import MappedColumn, mapped_column


def enum_column(enum_class: type[StrEnum], name: str, **kwargs) -> MappedColumn:
    """A portable string column holding an enum's values, guarded by a CHECK constraint.

    Not a native PostgreSQL enum: adding a value later is then a plain migration on
    both databases.
    """
    return mapped_column(
        Enum(
            enum_class,
            name=name,
            native_enum=False,
            create_constraint=True,
            validate_strings=True,
            length=20,
            values_callable=lambda members: [member.value for member in members],
        ),
        **kwargs,
    )
