"""Alembic environment: runs the revisions on the connection the program hands over."""

from alembic import context
from sqlalchemy import create_engine

from delegation.persistence.base import Base
from delegation.persistence.models import Trip  # noqa: F401  (registers every table)


def _configure_and_run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things: batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if context.is_offline_mode():
    # SQL for a database administrator to read or run: --sql, or the tests' PostgreSQL
    # rendering, which checks that every revision is valid there too.
    context.configure(
        dialect_name=context.config.attributes.get("dialect", "postgresql"),
        target_metadata=Base.metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()
elif connection is not None:
    _configure_and_run(connection)
else:
    # Developers generating a revision: alembic -x url=sqlite:///scratch.sqlite3 revision ...
    url = context.get_x_argument(as_dictionary=True).get("url")
    if not url:
        raise SystemExit("give the database with -x url=sqlite:///PATH")
    with create_engine(url).begin() as own_connection:
        _configure_and_run(own_connection)
