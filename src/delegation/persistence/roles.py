"""Who may do what on a database server: organisers everything; viewers read everything but
the private columns, and change nothing. The server itself enforces it.

On PostgreSQL each database has two group roles, `<database>_organisers` and
`<database>_viewers` (NOLOGIN: people log in as themselves and are made members of one).

- Organisers may read and write every table of the program, and use its sequences.
- Viewers may read every table, but on the tables holding private columns (those marked
  PRIVATE in the models) only the other columns: `SELECT passport_number FROM participants`
  is refused by the server (permission denied, SQLSTATE 42501).
- So that the program's ordinary queries still work for a viewer, the schema
  `delegation_viewer` holds a view of each of those tables under the same name, with NULL in
  place of each private column. The views belong to the database's owner and read the
  tables with the owner's rights; a viewer's search path puts that schema first.

Privileges are given per database, since a role's membership is valid on every database
of the server: a viewer of one trip database is then nothing on another.
"""

import hashlib
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Connection, Table, text
from sqlalchemy.exc import DBAPIError

import delegation.persistence.models  # noqa: F401  (registers every table in the metadata)
from delegation.persistence.base import Base

VIEWER_SCHEMA = "delegation_viewer"
VERSION_TABLE = "alembic_version"
ORGANISER = "organiser"
VIEWER = "viewer"
ROLES = (ORGANISER, VIEWER)
# The longest name PostgreSQL keeps whole (NAMEDATALEN - 1 bytes).
_LONGEST_NAME = 63


@cache
def private_columns() -> dict[str, tuple[str, ...]]:
    """For each table holding private data, its private columns, in the table's order."""
    found = {}
    for table in Base.metadata.sorted_tables:
        names = tuple(column.name for column in table.columns if column.info.get("private"))
        if names:
            found[table.name] = names
    return found


@dataclass(frozen=True)
class Access:
    """What the connected user may do: on SQLite, or as the owner or an organiser, all."""

    sees_private: bool = True
    may_edit: bool = True


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def group_role(database: str, role: str) -> str:
    """The group role of `role` ("organiser" or "viewer") on the database named `database`."""
    suffix = "_organisers" if role == ORGANISER else "_viewers"
    if len((database + suffix).encode()) <= _LONGEST_NAME:
        return database + suffix
    # A long database name: shortened, with a digest of the whole so that two stay apart.
    digest = hashlib.sha256(database.encode()).hexdigest()[:8]
    shortened = database.encode()[:40].decode(errors="ignore")
    return f"{shortened}_{digest}{suffix}"


_DATA_SCHEMA = text(
    "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    f" WHERE c.oid = to_regclass('{VERSION_TABLE}')"
)


def data_schema(connection: Connection) -> str | None:
    """The schema holding the program's tables (that of its version table); None while
    the database has no schema yet."""
    return connection.scalar(_DATA_SCHEMA)


def _privilege_query() -> str:
    """Whether the user may read every private column, and update participants."""
    table_of = "format('%I.%I', CAST(:schema AS text), '{table}')"
    tests = [
        f"has_column_privilege({table_of.format(table=table)}, '{column}', 'SELECT')"
        for table, columns in private_columns().items()
        for column in columns
    ]
    return (
        f"SELECT {' AND '.join(tests)},"
        f" has_table_privilege({table_of.format(table='participants')}, 'UPDATE')"
    )


def read_access(connection: Connection) -> Access:
    if connection.dialect.name != "postgresql":
        return Access()
    schema = data_schema(connection)
    if schema is None:
        return Access()
    sees, edits = connection.execute(text(_privilege_query()), {"schema": schema}).one()
    return Access(sees_private=bool(sees), may_edit=bool(edits))


def keep_viewers_to_their_views(dbapi_connection, _record) -> None:
    """On each new connection of a user who may not read the private columns, look for the
    tables in the viewer's schema first, should the server not say so itself."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(_DATA_SCHEMA.text)
        row = cursor.fetchone()
        if row is not None:
            cursor.execute(
                _privilege_query().replace("%", "%%").replace(":schema", "%(schema)s")
                + ", to_regnamespace(%(views)s) IS NOT NULL",
                {"schema": row[0], "views": VIEWER_SCHEMA},
            )
            sees, _edits, has_views = cursor.fetchone()
            if not sees and has_views:
                path = f"{quoted(VIEWER_SCHEMA)}, {quoted(row[0])}"
                cursor.execute("SELECT set_config('search_path', %s, false)", (path,))
    except Exception:  # the driver's error: another program's tables, not this one's
        dbapi_connection.rollback()  # opening goes on, and says what is wrong with them
    else:
        dbapi_connection.commit()
    finally:
        cursor.close()


def viewer_schema_exists(connection: Connection) -> bool:
    return bool(connection.scalar(text(f"SELECT to_regnamespace('{VIEWER_SCHEMA}') IS NOT NULL")))


def drop_viewer_views(connection: Connection) -> None:
    """Before a migration changes the tables the views read."""
    for table in private_columns():
        connection.execute(text(f"DROP VIEW IF EXISTS {quoted(VIEWER_SCHEMA)}.{quoted(table)}"))


def _view_definition(connection: Connection, table: Table, schema: str) -> str:
    shown = []
    for column in table.columns:
        if column.info.get("private"):
            kind = column.type.compile(dialect=connection.dialect)
            shown.append(f"CAST(NULL AS {kind}) AS {quoted(column.name)}")
        else:
            shown.append(quoted(column.name))
    return (
        f"CREATE VIEW {quoted(VIEWER_SCHEMA)}.{quoted(table.name)} AS"
        f" SELECT {', '.join(shown)} FROM {quoted(schema)}.{quoted(table.name)}"
    )


def _database(connection: Connection) -> str:
    return str(connection.scalar(text("SELECT current_database()")))


def apply_privileges(connection: Connection) -> None:
    """Create the group roles if need be, and give them their privileges on the tables of
    the current schema; the viewers' views are made again from the models. Run by the
    database's owner, again after each migration."""
    schema = data_schema(connection)
    assert schema is not None  # the schema is made before anyone is given a role
    names = [group_role(_database(connection), role) for role in ROLES]
    for name in names:
        if not connection.scalar(
            text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": name}
        ):
            connection.execute(text(f"CREATE ROLE {quoted(name)} NOLOGIN"))
    organisers, viewers = map(quoted, names)
    where = quoted(schema)
    statements = [
        f"GRANT USAGE ON SCHEMA {where} TO {organisers}, {viewers}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {where} TO {organisers}",
        f"GRANT SELECT ON {where}.{VERSION_TABLE} TO {organisers}, {viewers}",
        f"CREATE SCHEMA IF NOT EXISTS {quoted(VIEWER_SCHEMA)}",
        f"GRANT USAGE ON SCHEMA {quoted(VIEWER_SCHEMA)} TO {organisers}, {viewers}",
    ]
    private = private_columns()
    drop_viewer_views(connection)
    for table in Base.metadata.sorted_tables:
        name = f"{where}.{quoted(table.name)}"
        statements += [
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON {name} TO {organisers}",
            # A column privilege cannot take back what a table privilege gives.
            f"REVOKE ALL ON {name} FROM {viewers}",
        ]
        if table.name not in private:
            statements.append(f"GRANT SELECT ON {name} TO {viewers}")
            continue
        shown = ", ".join(quoted(c.name) for c in table.columns if not c.info.get("private"))
        view = f"{quoted(VIEWER_SCHEMA)}.{quoted(table.name)}"
        statements += [
            f"GRANT SELECT ({shown}) ON {name} TO {viewers}",
            _view_definition(connection, table, schema),
            f"GRANT SELECT ON {view} TO {organisers}, {viewers}",
        ]
    for statement in statements:
        connection.execute(text(statement))


def give_role(connection: Connection, user: str, role: str) -> bool:
    """Make `user` a member of `role`'s group only; returns whether their search path on
    this database could be set too (it needs the right to change their role)."""
    database = _database(connection)
    other = VIEWER if role == ORGANISER else ORGANISER
    member, group = quoted(user), quoted(group_role(database, role))
    connection.execute(text(f"REVOKE {quoted(group_role(database, other))} FROM {member}"))
    connection.execute(text(f"GRANT {group} TO {member}"))
    schema = data_schema(connection)
    assert schema is not None
    setting = (
        f"SET search_path = {quoted(VIEWER_SCHEMA)}, {quoted(schema)}"
        if role == VIEWER
        else "RESET search_path"
    )
    nested = connection.begin_nested()
    try:
        connection.execute(text(f"ALTER ROLE {member} IN DATABASE {quoted(database)} {setting}"))
    except DBAPIError:  # permission denied: the program sets the path itself on each connection
        nested.rollback()
        return False
    nested.commit()
    return True
