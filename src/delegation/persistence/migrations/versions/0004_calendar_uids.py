"""Calendar events of agenda items and travel legs: a UID for life and a SEQUENCE.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 22:03:38.983311
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("agenda_items", "travel_segments")


def upgrade() -> None:
    dialect = op.get_context().dialect.name
    for table in TABLES:
        # Plain ADD COLUMNs: SQLite adds them in place (a batch copy of the table would drop
        # the old one, and with it, through ON DELETE CASCADE, the rows that refer to it).
        # SQLite adds a NOT NULL column only with a default; the UIDs replace it below.
        op.add_column(
            table,
            sa.Column("calendar_uid", sa.String(length=64), server_default="", nullable=False),
        )
        op.add_column(
            table,
            sa.Column("calendar_sequence", sa.Integer(), server_default="0", nullable=False),
        )
        _fill_uids(table, dialect)
        if dialect != "sqlite":
            # Where a column's default can be dropped in place, no insert may fall back on ''.
            op.alter_column(table, "calendar_uid", server_default=None)
        op.create_index(op.f(f"ix_{table}_calendar_uid"), table, ["calendar_uid"], unique=True)


def _fill_uids(table: str, dialect: str) -> None:
    """A UUID for each existing row, drawn on this machine when the rows can be read."""
    if context.is_offline_mode():
        # A script for an administrator to run: the database draws the UUIDs itself.
        if dialect != "postgresql":
            raise NotImplementedError(f"no SQL script of this revision for {dialect}")
        op.execute(f"UPDATE {table} SET calendar_uid = gen_random_uuid()::text")
        return
    rows = sa.table(table, sa.column("id", sa.Integer), sa.column("calendar_uid", sa.String))
    connection = op.get_bind()
    ids = connection.scalars(sa.select(rows.c.id)).all()
    if ids:
        connection.execute(
            rows.update().where(rows.c.id == sa.bindparam("row_id")),
            [{"row_id": row_id, "calendar_uid": str(uuid.uuid4())} for row_id in ids],
        )


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_index(op.f(f"ix_{table}_calendar_uid"), table_name=table)
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("calendar_sequence")
            batch_op.drop_column("calendar_uid")
