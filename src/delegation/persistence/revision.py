"""The schema revision this program writes, known without loading Alembic or SQLAlchemy."""

# The newest revision in migrations/versions (a test keeps the two equal).
SCHEMA_HEAD = "0006"
