"""Agenda times the clocks repeat: which occurrence is meant.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 20:28:32.368647
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN: SQLite adds it in place (a batch copy of the table would drop
    # the old one, and with it, through ON DELETE CASCADE, the items' groups).
    for column in ("start_fold", "end_fold"):
        op.add_column(
            "agenda_items",
            sa.Column(column, sa.Boolean(), server_default=sa.false(), nullable=False),
        )


def downgrade() -> None:
    with op.batch_alter_table("agenda_items") as batch_op:
        batch_op.drop_column("end_fold")
        batch_op.drop_column("start_fold")
