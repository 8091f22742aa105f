"""The headless commands: every batch job the window offers, for scripts and terminals."""

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from delegation.cli.database import add_database_command, run_database
from delegation.cli.groups import add_groups_command, run_groups, with_default_action
from delegation.domain.errors import (
    DatabaseError,
    DelegationError,
    MixedEncodingError,
    NotFoundError,
    OutputExistsError,
    UnwritableError,
    ValidationError,
)
from delegation.i18n import N_, SUPPORTED_LANGUAGES, _, ngettext, set_language

PROGRAM = "delegation"

# Exit statuses of the command-line contract.
EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2


# argparse translates its own messages through the names "_" and "ngettext" of its
# module; pointing them at our catalogs makes "--lang fr" apply to usage errors too.
argparse._ = _  # type: ignore[attr-defined]
argparse.ngettext = ngettext  # type: ignore[attr-defined]
_ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
)


class _OneLineParser(argparse.ArgumentParser):
    """Usage errors are one line on standard error, never the whole usage text."""

    def error(self, message: str) -> NoReturn:
        hint = _("see --help")
        self.exit(EXIT_USAGE, f"{PROGRAM}: {message} ({hint})\n")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("invalid date {text!r}: use {pattern}").format(text=text, pattern=_("YYYY-MM-DD"))
        ) from None


def build_parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(
        prog=PROGRAM,
        description=_("Plan business study-trip delegations. Without a command, open the window."),
    )
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help=_(
            "SQLite file or SQLAlchemy URL (default: $DELEGATION_DB, else the user data folder)"
        ),
    )
    parser.add_argument(
        "--lang", choices=SUPPORTED_LANGUAGES, help=_("language of the interface and documents")
    )
    # Answered by the start-up module, the one layer allowed to ask Qt its version.
    parser.add_argument(
        "--version",
        action="store_true",
        help=_("print the versions of Delegation, Qt, SQLAlchemy, ReportLab and Babel, then exit"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help=_("load the sample Tallinn delegation"))
    demo.add_argument("--reset", action="store_true", help=_("replace it if already loaded"))

    trips = commands.add_parser("trips", help=_("list the trips, or add one"))
    trip_commands = trips.add_subparsers(dest="trips_command", metavar="ACTION")
    show = trip_commands.add_parser("show", help=_("show one trip and its counts"))
    show.add_argument("trip", metavar="TRIP", help=_("the trip's key or numeric id"))
    add = trip_commands.add_parser("add", help=_("create a trip"))
    add.add_argument("--key", required=True, help=_("short unique key, e.g. tallinn-2023"))
    add.add_argument("--title", required=True, help=_('e.g. "Mission Tallinn 2023"'))
    add.add_argument(
        "--destination", required=True, metavar=_("CITY"), help=_("the destination city")
    )
    add.add_argument("--country", required=True, metavar="CC", help=_("ISO code, e.g. EE"))
    date_metavar = _("YYYY-MM-DD")
    add.add_argument(
        "--start", required=True, type=_iso_date, metavar=date_metavar, help=_("the first day")
    )
    add.add_argument(
        "--end", required=True, type=_iso_date, metavar=date_metavar, help=_("the last day")
    )
    add.add_argument(
        "--timezone", metavar="IANA", help=_("default: the time zone of the country's capital")
    )
    edit = trip_commands.add_parser("edit", help=_("change a trip's settings"))
    edit.add_argument("trip", metavar="TRIP", help=_("the trip's key or numeric id"))
    edit.add_argument("--title", help=_("the new title"))
    edit.add_argument("--destination", metavar=_("CITY"), help=_("the destination city"))
    edit.add_argument("--country", metavar="CC", help=_("ISO code, e.g. EE"))
    edit.add_argument("--start", type=_iso_date, metavar=date_metavar, help=_("the first day"))
    edit.add_argument("--end", type=_iso_date, metavar=date_metavar, help=_("the last day"))
    edit.add_argument("--timezone", metavar="IANA", help=_("the destination's time zone"))
    edit.add_argument("--home-timezone", metavar="IANA", help=_("the delegation's home time zone"))
    edit.add_argument(
        "--move-programme",
        action="store_true",
        help=_("a new start date takes the programme and the hotel nights along"),
    )
    logo = edit.add_mutually_exclusive_group()
    logo.add_argument(
        "--logo", metavar="FILE", help=_("the association's logo for the covers (PNG or JPEG)")
    )
    logo.add_argument("--no-logo", action="store_true", help=_("print the covers without a logo"))
    _add_import_commands(commands)
    _add_export_commands(commands)
    _add_check_command(commands)
    add_groups_command(commands)
    add_database_command(commands)
    return parser


def _positive(kind: type) -> object:
    def convert(text: str):
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or value <= 0:
            raise argparse.ArgumentTypeError(_("not a positive number: {text!r}").format(text=text))
        return value

    return convert


def _add_check_command(commands) -> None:
    check = commands.add_parser(
        "check", help=_("the readiness report: conflicts, capacity, missing or expiring data")
    )
    check.add_argument("trip", metavar="TRIP", help=_("the trip's key or numeric id"))
    check.add_argument(
        "--speed",
        type=_positive(float),
        default=30.0,
        metavar="KM/H",
        help=_("speed between two venues, to judge the time between items (default: 30)"),
    )
    check.add_argument(
        "--buffer",
        type=_positive(int),
        default=10,
        metavar=_("MINUTES"),
        help=_("minutes to leave a venue, on top of the way (default: 10)"),
    )


def _add_import_commands(commands) -> None:
    importer = commands.add_parser("import", help=_("read participants or a programme"))
    kinds = importer.add_subparsers(dest="import_kind", metavar="WHAT", required=True)
    for kind, text in (
        ("participants", _("participants from a CSV file or a workbook (.xlsx, .xls, .ods)")),
        ("agenda", _("programme items from a CSV file or a workbook (.xlsx, .xls, .ods)")),
    ):
        command = kinds.add_parser(kind, help=text)
        command.add_argument("trip", metavar="TRIP", help=_("the trip's key or numeric id"))
        command.add_argument("file", metavar="FILE", help=_("the .csv, .xlsx, .xls or .ods file"))
        command.add_argument(
            "--dry-run", action="store_true", help=_("check the file and report; write nothing")
        )
        command.add_argument(
            "--skip-invalid",
            action="store_true",
            help=_("import the valid rows and report the others"),
        )
        command.add_argument("--sheet", help=_("the workbook's sheet (default: the first)"))
        command.add_argument(
            "--repair-encoding",
            action="store_true",
            help=_(
                "in a UTF-8 CSV file, read the few bytes that are not UTF-8 as Windows-1252 "
                "(the lines are reported) instead of refusing the file"
            ),
        )
        command.add_argument(
            "--verbose",
            action="store_true",
            help=_("every problem on its own line, not each kind once"),
        )
        command.add_argument(
            "--dates",
            choices=("day-first", "month-first"),
            help=_("how the file writes 03/04 (default: as its values prove, else its language)"),
        )
        command.add_argument(
            "--map",
            action="append",
            default=[],
            type=_value_meaning,
            metavar=_("COLUMN:VALUE=MEANING"),
            help=_(
                'what a value of a column means, e.g. "Nationalité:Bretonne=FR" (an empty '
                "meaning leaves the field empty); remembered for files with the same columns"
            ),
        )


def _value_meaning(text: str) -> tuple[str, str, str]:
    """(column, value, meaning) of "COLUMN:VALUE=MEANING"."""
    column, colon, rest = text.partition(":")
    value, equals, meaning = rest.rpartition("=")
    if not (colon and equals and column.strip() and value.strip()):
        raise argparse.ArgumentTypeError(_("{text}: write COLUMN:VALUE=MEANING").format(text=text))
    return column.strip(), value.strip(), meaning.strip()


def _add_export_commands(commands) -> None:
    exporter = commands.add_parser("export", help=_("write lists and calendars"))
    kinds = exporter.add_subparsers(dest="export_kind", metavar="WHAT", required=True)

    def document(kind: str, text: str, output: str):
        command = kinds.add_parser(kind, help=text)
        command.add_argument("trip", metavar="TRIP", help=_("the trip's key or numeric id"))
        command.add_argument("-o", "--output", required=True, metavar=output, help=_("the file"))
        command.add_argument(
            "--lang", choices=SUPPORTED_LANGUAGES, help=_("the language of the document")
        )
        command.add_argument(
            "--force", action="store_true", help=_("replace files that are there already")
        )
        return command

    participants = document("participants", _("the participant list (.csv, .xlsx or .pdf)"), "FILE")
    participants.add_argument(
        "--include-sensitive",
        action="store_true",
        help=_("add identity, health and emergency data"),
    )
    calendar = document("calendar", _("the programme as an iCalendar file"), "FILE.ics")
    calendar.add_argument(
        "--participant", metavar="EMAIL", help=_("only this participant's programme")
    )
    itinerary = document("itinerary", _("the itinerary as a PDF"), "FILE.pdf")
    itinerary.add_argument(
        "--participant", metavar="EMAIL", help=_("this participant's own itinerary")
    )
    itineraries = document(
        "itineraries", _("one personal PDF itinerary per confirmed participant"), "DIR"
    )
    itineraries.add_argument(
        "--booklet",
        metavar="FILE.pdf",
        help=_("also all of them in one PDF, for double-sided printing"),
    )
    document("programme", _("the programme as a workbook"), "FILE.xlsx")
    document("rooming", _("the rooming list per hotel (.xlsx or .pdf)"), "FILE")
    badges = document("badges", _("name badges on A4 label sheets"), "FILE.pdf")
    badges.add_argument(
        "--layout",
        choices=("90x54", "85x55"),
        default="90x54",
        help=_("badge size in mm: 8 per sheet (90x54) or 10 per sheet (85x55)"),
    )
    badges.add_argument(
        "--alignment",
        action="store_true",
        help=_("only a test page: each label's outline and safe margin, to hold against the sheet"),
    )
    document("visitors", _("the visitor list of each site, for the hosts"), "FILE.pdf")
    document("dietary", _("dietary needs counted per meal, for the caterers"), "FILE.pdf")


def _print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows, strict=False)]
    for row in (headers, *rows):
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


def _command_demo(workspace, arguments) -> int:
    from delegation.services.demo import load_demo

    result = load_demo(workspace, reset=arguments.reset)
    if result.backup is not None:
        print(_("The database was copied to {path} before the reset.").format(path=result.backup))
    if result.loaded:
        print(
            _("Loaded the sample delegation {key}: {participants} and {items}.").format(
                key=result.key,
                participants=ngettext(
                    "{n} participant", "{n} participants", result.participants
                ).format(n=result.participants),
                items=ngettext("{n} agenda item", "{n} agenda items", result.agenda_items).format(
                    n=result.agenda_items
                ),
            )
        )
    else:
        print(
            _("The sample delegation {key} is already loaded; --reset loads it afresh.").format(
                key=result.key
            )
        )
    return EXIT_OK


def _show_trip(workspace, reference: str) -> int:
    from delegation.i18n.formatting import format_date_range
    from delegation.i18n.labels import category_label, status_label
    from delegation.services.trips import trip_overview

    overview = trip_overview(workspace, reference)
    trip = overview.trip
    print(f"{trip.title} ({trip.key})")
    print(
        _("{city} ({country}), {dates}; local time {zone}, home time {home}").format(
            city=trip.destination_city,
            country=trip.destination_country,
            dates=format_date_range(trip.start_date, trip.end_date),
            zone=trip.timezone,
            home=trip.home_timezone,
        )
    )
    print()
    _print_table(
        [_("STATUS"), _("COUNT")],
        [[status_label(s), str(n)] for s, n in overview.by_status.items()],
    )
    print()
    _print_table(
        [_("CATEGORY"), _("COUNT")],
        [[category_label(c), str(n)] for c, n in overview.by_category.items()],
    )
    if overview.by_group:
        print()
        _print_table([_("GROUP"), _("COUNT")], [[g, str(n)] for g, n in overview.by_group.items()])
    print()
    print(_("Agenda items: {count}").format(count=overview.agenda_item_count))
    return EXIT_OK


def _edit_trip(workspace, arguments) -> int:
    from delegation.services.trip_logo import read_logo_file, set_trip_logo
    from delegation.services.trips import find_trip, update_trip

    trip = find_trip(workspace, arguments.trip)
    options = {
        "title": arguments.title,
        "destination_city": arguments.destination,
        "destination_country": arguments.country,
        "start_date": arguments.start,
        "end_date": arguments.end,
        "timezone": arguments.timezone,
        "home_timezone": arguments.home_timezone,
    }
    changes = {field: value for field, value in options.items() if value is not None}
    logo = read_logo_file(arguments.logo) if arguments.logo else None  # refused before a change
    if changes or not (logo or arguments.no_logo):
        trip = update_trip(
            workspace, trip.id, trip.version, changes, move_programme=arguments.move_programme
        )
        print(_trip_said(_("Changed trip {key}: {title}, {dates} ({timezone})."), trip))
    if logo or arguments.no_logo:
        trip = set_trip_logo(workspace, trip.id, trip.version, logo)
        said = (
            _("The covers of {key} print this logo.")
            if logo
            else _("The covers of {key} print no logo.")
        )
        print(said.format(key=trip.key))
    return EXIT_OK


def _trip_said(template: str, trip) -> str:
    """A sentence on a trip: its key, title, dates and time zone."""
    from delegation.i18n.formatting import format_date_range

    return template.format(
        key=trip.key,
        title=trip.title,
        dates=format_date_range(trip.start_date, trip.end_date),
        timezone=trip.timezone,
    )


def _command_trips(workspace, arguments) -> int:
    from delegation.i18n.formatting import format_date_range
    from delegation.services.trips import NewTrip, add_trip, list_trips

    if arguments.trips_command == "show":
        return _show_trip(workspace, arguments.trip)
    if arguments.trips_command == "edit":
        return _edit_trip(workspace, arguments)
    if arguments.trips_command == "add":
        trip = add_trip(
            workspace,
            NewTrip(
                key=arguments.key,
                title=arguments.title,
                destination_city=arguments.destination,
                destination_country=arguments.country,
                start_date=arguments.start,
                end_date=arguments.end,
                timezone=arguments.timezone,
            ),
        )
        print(_trip_said(_("Created trip {key}: {title}, {dates} ({timezone})."), trip))
        return EXIT_OK
    trips = list_trips(workspace)
    if not trips:
        print(
            _(
                "No trips yet. Create one with 'delegation trips add'"
                " or load the sample with 'delegation demo'."
            )
        )
        return EXIT_OK
    _print_table(
        [_("KEY"), _("TITLE"), _("DESTINATION"), _("DATES"), _("PARTICIPANTS")],
        [
            [
                trip.key,
                trip.title,
                f"{trip.destination_city} ({trip.destination_country})",
                format_date_range(trip.start_date, trip.end_date),
                str(trip.participant_count),
            ]
            for trip in trips
        ],
    )
    return EXIT_OK


def _command_import(workspace, arguments) -> int:
    from delegation.services.agenda_import_planning import plan_agenda_import
    from delegation.services.agenda_import_writing import apply_agenda_import
    from delegation.services.participant_import_planning import plan_participant_import
    from delegation.services.participant_import_writing import apply_participant_import
    from delegation.services.source_files import DATE_FIELDS, DateOrder
    from delegation.services.trips import find_trip

    trip = find_trip(workspace, arguments.trip)
    if not Path(arguments.file).exists():  # a missing file is a usage error, exit 2
        raise NotFoundError(_("{file}: no such file").format(file=arguments.file))
    plan_import, apply_import = (
        (plan_participant_import, apply_participant_import)
        if arguments.import_kind == "participants"
        else (plan_agenda_import, apply_agenda_import)
    )
    orders = {}
    if arguments.dates:
        orders = dict.fromkeys(DATE_FIELDS, DateOrder(arguments.dates))

    def read(values=None):
        return plan_import(
            workspace,
            trip.id,
            arguments.file,
            sheet=arguments.sheet,
            date_orders=orders,
            values=values,
            repair_encoding=arguments.repair_encoding,
        )

    try:
        plan = read()
    except MixedEncodingError as error:  # refused, and the way to accept it said after
        print(f"{PROGRAM}: {error}", file=sys.stderr)
        print(_("--repair-encoding reads those bytes as Windows-1252 (é, è, à…)"), file=sys.stderr)
        return EXIT_REFUSED
    if arguments.map:
        plan = read(_meanings(plan.file, arguments.map, arguments.import_kind == "agenda"))
    if plan.file.profile is not None:
        print(_("Laid out as a {tool} export.").format(tool=plan.file.profile.name))
    if plan.file.ignored:
        print(_("Ignored columns: {columns}").format(columns=plan.file.ignored_text()))
    for line in plan.file.notes():
        print(line)
    for line in plan.problem_lines() if arguments.verbose else plan.problem_summary():
        print(line, file=sys.stderr)
    unknown = plan.unknown_values()
    if unknown:
        example = f"{unknown[0].column}:{unknown[0].text}=…"
        print(
            _('To say what a value means: --map "{example}"').format(example=example),
            file=sys.stderr,
        )
    counts = plan.counts
    if plan.problems and not arguments.skip_invalid:
        print(
            _("{source}: nothing was imported; --skip-invalid imports the valid rows").format(
                source=plan.file.source
            ),
            file=sys.stderr,
        )
        return EXIT_REFUSED
    changes = plan.change_lines()
    for line in plan.creation_lines() + (changes if arguments.verbose else _shortened(changes)):
        print(line)
    if arguments.dry_run:
        print(_("Dry run, nothing written: {summary}").format(summary=counts.summary()))
        return EXIT_OK
    result = apply_import(workspace, plan, skip_invalid=arguments.skip_invalid)
    print(f"{trip.key}: {result.counts.summary()}")
    return EXIT_OK


def _meanings(
    file, said: list[tuple[str, str, str]], programme: bool
) -> dict[tuple[str, str], str | None]:
    """--map's words as the importer's value map; a column the file lacks, or a meaning
    none of its values has, is a usage error."""
    from delegation.interchange.columns import fold
    from delegation.services.source_files import MAPPED_FIELDS
    from delegation.services.value_maps import meaning_of

    present = [name for name in MAPPED_FIELDS if name in file.fields.values()]
    by_column = {fold(file.column_name(name)): name for name in present}
    by_column |= {fold(name): name for name in present}
    meanings = {}
    for column, value, meaning in said:
        name = by_column.get(fold(column))
        if name is None:
            raise NotFoundError(
                _("--map: no column “{column}” of values to map (columns: {columns})").format(
                    column=column,
                    columns=", ".join(file.column_name(name) for name in present) or "—",
                )
            )
        try:
            meanings[(name, fold(value))] = meaning_of(name, meaning, programme)
        except ValueError as error:
            raise NotFoundError(f"--map: {column}: {error}") from None
    return meanings


def _shortened(lines: list[str], shown: int = 20) -> list[str]:
    """A long report's first lines and how many more there are."""
    if len(lines) <= shown:
        return lines
    rest = len(lines) - shown
    return [*lines[:shown], ngettext("… and {n} more", "… and {n} more", rest).format(n=rest)]


def _export_printed_list(workspace, arguments) -> int | None:
    """The PDF lists of services/lists.py; None when the export is a spreadsheet or calendar."""
    from delegation.services import lists

    kind, trip, output = arguments.export_kind, arguments.trip, arguments.output
    is_pdf = Path(output).suffix.lower() == ".pdf"
    if kind == "participants" and is_pdf:
        return lists.export_participant_pdf(
            workspace, trip, output, include_sensitive=arguments.include_sensitive
        )
    if kind == "rooming" and is_pdf:
        return lists.export_rooming_pdf(workspace, trip, output)
    if kind == "badges":
        return lists.export_badges(
            workspace, trip, output, layout=arguments.layout, alignment=arguments.alignment
        )
    if kind == "visitors":
        return lists.export_visitor_lists(workspace, trip, output)
    if kind == "dietary":
        return lists.export_dietary_counts(workspace, trip, output)
    return None


def _command_export(workspace, arguments) -> int:
    from delegation.services import exports
    from delegation.services.outputs import checked_output

    if arguments.lang:
        set_language(arguments.lang)
    kind = arguments.export_kind
    if kind != "itineraries":  # that one checks each file it would write, before the first
        checked_output(workspace, arguments.output, replace=arguments.force)
    if kind in ("itinerary", "itineraries"):
        status = _export_itineraries(workspace, arguments)
        _warn_unprintable(workspace, arguments.trip)
        return status
    pages = _export_printed_list(workspace, arguments)
    if pages is not None:
        print(
            ngettext("Wrote {path} ({n} page).", "Wrote {path} ({n} pages).", pages).format(
                path=arguments.output, n=pages
            )
        )
        _warn_unprintable(workspace, arguments.trip)
        return EXIT_OK
    if kind == "participants":
        result = exports.export_participants(
            workspace,
            arguments.trip,
            arguments.output,
            include_sensitive=arguments.include_sensitive,
        )
    elif kind == "calendar":
        result = exports.export_calendar(
            workspace, arguments.trip, arguments.output, participant=arguments.participant
        )
    elif kind == "programme":
        result = exports.export_programme(workspace, arguments.trip, arguments.output)
    else:
        result = exports.export_rooming_list(workspace, arguments.trip, arguments.output)
    print(
        ngettext("Wrote {path} ({n} row).", "Wrote {path} ({n} rows).", result.rows).format(
            path=result.path, n=result.rows
        )
    )
    return EXIT_OK


def _warn_unprintable(workspace, trip: str) -> None:
    """After a PDF: one line on standard error if some of the trip's characters have no font."""
    from delegation.services.printable import font_notice

    notice = font_notice(workspace, trip)
    if notice:
        print(f"{PROGRAM}: {notice}", file=sys.stderr)


def _export_itineraries(workspace, arguments) -> int:
    from delegation.services import itineraries, itinerary_batch

    if arguments.export_kind == "itinerary":
        pages = itineraries.export_itinerary(
            workspace,
            arguments.trip,
            arguments.output,
            language=arguments.lang,
            participant_email=arguments.participant,
        )
        print(
            ngettext("Wrote {path} ({n} page).", "Wrote {path} ({n} pages).", pages).format(
                path=arguments.output, n=pages
            )
        )
        return EXIT_OK
    written = itinerary_batch.export_itineraries(
        workspace,
        arguments.trip,
        arguments.output,
        language=arguments.lang,
        booklet=arguments.booklet,
        replace=arguments.force,
    )
    print(
        ngettext(
            "Wrote {n} itinerary in {folder}.", "Wrote {n} itineraries in {folder}.", len(written)
        ).format(n=len(written), folder=arguments.output)
    )
    if arguments.booklet and written:
        print(_("Wrote {path}.").format(path=arguments.booklet))
    return EXIT_OK


def _command_check(workspace, arguments) -> int:
    """The report grouped by severity; exit 1 while anything blocks the trip."""
    from delegation.services.readiness import check_trip

    report = check_trip(
        workspace, arguments.trip, speed_kmh=arguments.speed, buffer_minutes=arguments.buffer
    )
    if not workspace.sees_private:
        print(
            _(
                "Identity documents and emergency contacts are not checked: a viewer of this"
                " database may not see them."
            )
        )
    if not report.findings:
        print(_("No problem found"))
        return EXIT_OK
    headings = (
        ("blocking", ngettext("{n} blocking problem", "{n} blocking problems", report.blocking)),
        ("warning", ngettext("{n} warning", "{n} warnings", report.warnings)),
    )
    for number, (severity, heading) in enumerate(headings):
        findings = [finding for finding in report.findings if finding.severity == severity]
        if number:
            print()
        print(heading.format(n=len(findings)))
        for finding in findings:
            print(f"  - {finding.message}")
    return EXIT_REFUSED if report.blocking else EXIT_OK


_COMMANDS = {
    "check": _command_check,
    "demo": _command_demo,
    "trips": _command_trips,
    "import": _command_import,
    "export": _command_export,
    "groups": lambda workspace, arguments: run_groups(workspace, arguments, _print_table),
}


def _exit_status(error: DelegationError) -> int:
    # What was asked for is wrong (no such trip, not a usable database): usage, 2.
    # Anything else was data refused by a rule or a conflict: 1.
    if isinstance(error, ValidationError) and error.field in ("output", "booklet"):
        return EXIT_USAGE  # an output file of a kind the command does not write, the database
    if isinstance(error, OutputExistsError | UnwritableError):
        return EXIT_USAGE  # the output asked for is there already, or cannot be written
    return EXIT_USAGE if isinstance(error, NotFoundError | DatabaseError) else EXIT_REFUSED


# The fields the services name, as the options that set them on this command line.
_OPTION_OF_FIELD: dict[str, str | None] = {
    "key": "--key",
    "title": "--title",
    "destination": "--destination",
    "country": "--country",
    "start": "--start",
    "end": "--end",
    "timezone": "--timezone",
    "home_timezone": "--home-timezone",
    "output": "--output",
    "booklet": "--booklet",
    "participant": "--participant",
    "code": "--code",
    "name": "--name",
    "colour": "--colour",
    "group": None,  # the message names the group already
    "user": None,  # db grant: the message names the user
    "role": None,
}


def _message(error: DelegationError) -> str:
    if isinstance(error, OutputExistsError):
        return _("{path} already exists: add --force to replace it").format(path=error.path)
    if isinstance(error, ValidationError) and error.location is None:
        option = _OPTION_OF_FIELD.get(error.field, error.field)
        return error.reason if option is None else f"{option}: {error.reason}"
    return str(error)


def run_command(arguments: argparse.Namespace) -> int:
    """Run one parsed command against the database it names; returns the exit status."""
    from delegation.services.workspace import open_workspace

    try:
        if arguments.command == "db":
            return run_database(arguments)
        workspace = open_workspace(arguments.db)
        try:
            return _COMMANDS[arguments.command](workspace, arguments)
        finally:
            workspace.close()
    except DelegationError as error:
        print(f"{PROGRAM}: {_message(error)}", file=sys.stderr)
        return _exit_status(error)


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    # The language must be known before the parser's help texts are translated.
    raw = list(sys.argv[1:] if argv is None else argv)
    language = None
    for index, item in enumerate(raw):
        if item == "--lang" and index + 1 < len(raw):
            language = raw[index + 1]
        elif item.startswith("--lang="):
            language = item.partition("=")[2]
    set_language(language if language in SUPPORTED_LANGUAGES else None)
    return build_parser().parse_args(with_default_action(raw))
