"""Declarative base with a naming convention and the optimistic-concurrency mixin."""

import getpass
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import DateTime, Integer, MetaData, String, Table
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# Named constraints let Alembic alter them later, on SQLite (batch mode) as on PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    if TYPE_CHECKING:
        # Each model names its table, which declarative makes a Table: narrower than the
        # FromClause SQLAlchemy's typing promises, and what Core statements take.
        __table__: ClassVar[Table]


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@cache  # the login name does not change while the program runs; looking it up is slow
def current_user() -> str:
    try:
        return getpass.getuser()[:100]
    except (KeyError, OSError):  # no login name, e.g. in some containers
        return ""


class Versioned:
    """Every editable row carries a version; an UPDATE of a stale copy matches no row.

    SQLAlchemy adds ``WHERE version = <read version>`` to each UPDATE and DELETE and
    raises StaleDataError when nothing matched, so two organisers sharing a database
    never silently overwrite each other. ``updated_by`` lets the loser be told who won.
    """

    version: Mapped[int] = mapped_column(Integer, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, nullable=False, default=utcnow, onupdate=utcnow
    )
    updated_by: Mapped[str] = mapped_column(
        String(100), nullable=False, default=current_user, onupdate=current_user
    )

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.version}

    def touch(self) -> None:
        """Count a change made elsewhere (a linked row, a membership) as an edit of this row.

        Without a change of its own columns the row is not updated, so its version
        would not move and a colleague's stale copy could still be saved over it.
        """
        self.updated_at = utcnow()
