"""Create or upgrade the schema on start, backing an SQLite file up before an upgrade."""

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from delegation.domain.errors import DatabaseError
from delegation.i18n import _
from delegation.i18n.system_errors import database_reason
from delegation.persistence.backups import backup_sqlite_file
from delegation.persistence.database import DatabaseLocation, create_database_engine
from delegation.persistence.revision import SCHEMA_HEAD  # lets an up-to-date file skip Alembic
from delegation.persistence.roles import (
    apply_privileges,
    drop_viewer_views,
    viewer_schema_exists,
)

VERSION_TABLE = "alembic_version"
SCRIPT_LOCATION = "delegation.persistence:migrations"


@dataclass(frozen=True)
class SchemaOutcome:
    created: bool = False
    upgraded_from: str | None = None
    backup: Path | None = None


@dataclass(frozen=True)
class _SchemaState:
    tables: frozenset[str]
    revision: str | None


def _read_state(engine: Engine, location: DatabaseLocation) -> _SchemaState:
    """Look at the schema without writing: a foreign file must stay byte-for-byte intact."""
    if location.path is not None:
        # A read-only handle: the engine would switch the file to WAL on connect.
        uri = location.path.as_uri() + "?mode=ro"
        handle = sqlite3.connect(uri, uri=True)
        try:
            tables = frozenset(
                row[0]
                for row in handle.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                    " AND name NOT LIKE 'sqlite_%'"
                )
            )
            revision = None
            if VERSION_TABLE in tables:
                row = handle.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
                revision = row[0] if row else None
        finally:
            handle.close()
        return _SchemaState(tables, revision)
    with engine.connect() as connection:
        tables = _visible_tables(connection)
        revision = None
        if VERSION_TABLE in tables:
            revision = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    return _SchemaState(tables, revision)


def _visible_tables(connection) -> frozenset[str]:
    """The tables the program's unqualified names find. On PostgreSQL, those of every
    schema of the search path: a viewer's path starts with the schema of their views."""
    if connection.dialect.name != "postgresql":
        return frozenset(inspect(connection).get_table_names())
    return frozenset(
        connection.scalars(
            text(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE c.relkind IN ('r', 'p') AND n.nspname <> 'pg_catalog'"
                " AND pg_table_is_visible(c.oid)"
            )
        )
    )


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {
        script.revision
        for script in ScriptDirectory.from_config(_alembic_config()).walk_revisions()
    }


def _alembic_config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.attributes["connection"] = connection
    return config


def upgrade_to_head(location: DatabaseLocation) -> None:
    """Apply the missing revisions in one transaction."""
    from alembic import command

    # A private connection: switching SQLite's foreign keys off must not leak into the
    # pool, and batch migrations copy tables, which enforced foreign keys would forbid.
    engine = create_database_engine(location, poolclass=NullPool)
    is_sqlite = engine.dialect.name == "sqlite"
    try:
        with engine.connect() as connection:
            if is_sqlite:
                driver = connection.connection.driver_connection
                assert driver is not None  # an open connection holds its driver's
                driver.execute("PRAGMA foreign_keys = OFF")
            with connection.begin():
                # The viewers' views read the tables a migration may change: made again after.
                shared = not is_sqlite and viewer_schema_exists(connection)
                if shared:
                    drop_viewer_views(connection)
                command.upgrade(_alembic_config(connection), "head")
                if shared:
                    apply_privileges(connection)
                if is_sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise DatabaseError(
                            _(
                                "{location}: the upgrade would break {count} references;"
                                " nothing was changed"
                            ).format(location=location.display, count=len(broken))
                        )
    finally:
        engine.dispose()


def ensure_schema(engine: Engine, location: DatabaseLocation) -> SchemaOutcome:
    try:
        state = _read_state(engine, location)
    # A damaged file can hold text that is not UTF-8, even in SQLite's own error message.
    except (sqlite3.Error, SQLAlchemyError, UnicodeDecodeError) as error:
        raise DatabaseError(
            _("{location}: cannot read the database ({error})").format(
                location=location.display, error=_reason(error, location)
            )
        ) from None
    if state.revision == SCHEMA_HEAD:
        return SchemaOutcome()
    if not state.tables - {VERSION_TABLE} and state.revision is None:
        _upgrade_or_explain(location)  # a new database: nothing to back up
        return SchemaOutcome(created=True)
    if VERSION_TABLE not in state.tables:
        raise DatabaseError(
            _("{location}: not a Delegation database (it holds other tables)").format(
                location=location.display
            )
        )
    if state.revision is not None and state.revision not in known_revisions():
        raise DatabaseError(
            _(
                "{location}: this database was written by a newer version of Delegation"
                " (schema {revision}); install that version to open it"
            ).format(location=location.display, revision=state.revision)
        )
    backup = backup_sqlite_file(location.path) if location.path is not None else None
    _upgrade_or_explain(location)
    return SchemaOutcome(upgraded_from=state.revision or "empty", backup=backup)


def _reason(error: Exception, location: DatabaseLocation) -> str:
    return database_reason(getattr(error, "orig", error), location.path)


def _upgrade_or_explain(location: DatabaseLocation) -> None:
    try:
        upgrade_to_head(location)
    except SQLAlchemyError as error:
        raise DatabaseError(
            _("{location}: the upgrade failed and was undone ({error})").format(
                location=location.display, error=_reason(error, location)
            )
        ) from None
