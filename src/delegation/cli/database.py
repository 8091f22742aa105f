"""delegation db: copy a whole database to another, back one up, share a server's."""

import argparse

from delegation.i18n import _, ngettext
from delegation.i18n.formatting import format_number


def add_database_command(commands) -> None:
    database = commands.add_parser("db", help=_("copy, back up or share the whole database"))
    actions = database.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    copy = actions.add_parser(
        "copy", help=_("copy every record of a database into another (a file or a server)")
    )
    copy.add_argument("source", metavar="SOURCE", help=_("SQLite file or SQLAlchemy URL"))
    copy.add_argument(
        "target", metavar="TARGET", help=_("SQLite file or SQLAlchemy URL, created if need be")
    )
    copy.add_argument(
        "--replace",
        action="store_true",
        help=_("delete the records the target holds first (by default, it must be empty)"),
    )
    backup = actions.add_parser(
        "backup", help=_("write a copy of the database (--db) to an SQLite file")
    )
    backup.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=_("the new file (default: named after the time, beside an SQLite database)"),
    )

    grant = actions.add_parser(
        "grant",
        help=_("make a server's login role an organiser or a viewer of the database (--db)"),
        description=_(
            "On a PostgreSQL database, run by the owner of its tables: organisers read and"
            " change everything; viewers read everything but identity documents, dates of"
            " birth, health, diet, accessibility and emergency contacts, and change nothing."
            " The server itself refuses those columns to viewers (column privileges; the"
            " program reads views of the participants and contacts that leave them empty)."
            " The group roles DATABASE_organisers and DATABASE_viewers are created if need"
            " be; giving one role takes the other away. The login role must exist: the"
            " server's administrator creates it. An upgrade of the schema remakes the views"
            " and privileges."
        ),
    )
    grant.add_argument("user", metavar="USER", help=_("a login role of the server"))
    grant.add_argument(
        "role", choices=("organiser", "viewer"), metavar="organiser|viewer", help=_("the role")
    )


def run_database(arguments: argparse.Namespace) -> int:
    """Opens the databases itself: 'db copy' does not work on the --db database."""
    from delegation.services.database_copy import backup_database, copy_database

    if arguments.db_command == "copy":
        copied = copy_database(arguments.source, arguments.target, replace=arguments.replace)
        print(
            _("Copied {rows} in {tables} from {source} to {target}.").format(
                rows=ngettext("{n} row", "{n} rows", copied.rows).format(
                    n=format_number(copied.rows)
                ),
                tables=ngettext("{n} table", "{n} tables", copied.tables).format(
                    n=format_number(copied.tables)
                ),
                source=copied.source,
                target=copied.target,
            )
        )
        return 0
    if arguments.db_command == "grant":
        return _grant(arguments)
    backup = backup_database(arguments.db, arguments.output)
    print(_("Wrote the backup {path}.").format(path=backup.path))
    return 0


def _grant(arguments: argparse.Namespace) -> int:
    from delegation.services.access import grant_role

    granted = grant_role(arguments.db, arguments.user, arguments.role)
    said = (
        _("{user} is now an organiser of {database} (group role {group}).")
        if granted.role == "organiser"
        else _("{user} is now a viewer of {database} (group role {group}).")
    )
    print(said.format(user=granted.user, database=granted.database, group=granted.group))
    if not granted.search_path_set:
        print(
            _(
                "Their search path could not be set on the server: Delegation sets it on each"
                " connection; in psql a viewer reads delegation_viewer.participants."
            )
        )
    return 0
