"""Fresh PostgreSQL databases for the tests, cloned from a template migrated once."""

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, create_engine, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from delegation.services.workspace import open_workspace

# Set by .ci/run (tools/test_postgresql.sh starts a server): the URL of a database whose
# role may create databases. Unset, the PostgreSQL cases are skipped.
SERVER_VARIABLE = "DELEGATION_TEST_POSTGRESQL"
SKIP_REASON = (
    f"{SERVER_VARIABLE} is not set: no PostgreSQL server to test on"
    " (tools/test_postgresql.sh start FOLDER starts one)"
)


def server_url() -> str | None:
    return os.environ.get(SERVER_VARIABLE) or None


class ServerDatabases:
    """Creates and drops this process's databases; names unique per process, so that
    pytest-xdist workers, or two runs, share a server without meeting."""

    def __init__(self, url: str) -> None:
        self._url = make_url(url)
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        self._prefix = f"delegation_test_{worker}_{os.getpid()}"
        self._numbers = itertools.count(1)
        self._template: str | None = None
        # Databases are created outside any transaction: autocommit.
        self._admin = create_engine(self._url, poolclass=NullPool, isolation_level="AUTOCOMMIT")

    def url_of(self, name: str) -> URL:
        return self._url.set(database=name)

    def _execute(self, statement: str) -> None:
        with self._admin.connect() as connection:
            connection.execute(text(statement))

    def _template_name(self) -> str:
        """A database at the newest schema, migrated once per process: cloning it costs
        a fraction of running every migration again."""
        if self._template is None:
            name = f"{self._prefix}_template"
            self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self._execute(f'CREATE DATABASE "{name}"')
            open_workspace(self.url_of(name).render_as_string(hide_password=False)).close()
            self._template = name
        return self._template

    def create(self, *, migrated: bool = True) -> str:
        """A new database, at the newest schema or empty; its URL, password included."""
        name = f"{self._prefix}_{next(self._numbers)}"
        template = f' TEMPLATE "{self._template_name()}"' if migrated else ""
        self._execute(f'CREATE DATABASE "{name}"{template}')
        return self.url_of(name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        name = make_url(url).database
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        if self._template is not None:
            self._execute(f'DROP DATABASE IF EXISTS "{self._template}" WITH (FORCE)')
        self._admin.dispose()


@contextmanager
def connected(database: str) -> Iterator[Connection]:
    """A connection to what the database fixture gives (a path or a URL), for a test to
    look or meddle behind the program's back; committed at the end."""
    engine = create_engine(database if "://" in database else f"sqlite:///{database}")
    try:
        with engine.begin() as connection:
            yield connection
    finally:
        engine.dispose()


def dump(database: str | Path) -> dict[str, list[tuple]]:
    """Every row of every table of the models, all columns, in the order of the primary key."""
    from delegation.persistence.copying import copied_tables

    with connected(str(database)) as connection:
        return {
            table.name: [
                tuple(row)
                for row in connection.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in copied_tables()
        }
