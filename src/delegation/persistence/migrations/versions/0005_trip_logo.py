"""The association's logo on a trip's documents: the image file's bytes, or nothing.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 04:35:08.272239
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN: SQLite adds it in place (a batch copy of the table would drop the
    # old one, and with it, through ON DELETE CASCADE, every row of the trip).
    op.add_column("trips", sa.Column("logo", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("trips") as batch:
        batch.drop_column("logo")
