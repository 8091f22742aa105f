"""What users told the importers a file's values mean, kept per layout of header.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 22:14:51.204888
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_value_maps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("header_key", sa.String(length=64), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("target", sa.String(length=40), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_value_maps")),
        sa.UniqueConstraint("header_key", "field", "value", name="one_meaning"),
    )


def downgrade() -> None:
    op.drop_table("import_value_maps")
