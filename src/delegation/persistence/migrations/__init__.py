"""Alembic migrations of the delegation schema, shipped inside the package."""
