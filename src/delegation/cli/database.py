"""delegation db: copy a whole database to another, back one up."""

import argparse

from delegation.i18n import _, ngettext
from delegation.i18n.formatting import format_number


def add_database_command(commands) -> None:
    database = commands.add_parser("db", help=_("copy or back up the whole database"))
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
    backup = backup_database(arguments.db, arguments.output)
    print(_("Wrote the backup {path}.").format(path=backup.path))
    return 0
