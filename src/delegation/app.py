"""Start-up: parse the command line, then run a headless command or open the window."""

import sys
from collections.abc import Sequence


def _report_unexpected(error: BaseException) -> int:
    """Keep tracebacks out of the user's way: one line, the details in the log."""
    import traceback

    from platformdirs import user_log_path

    log = user_log_path("delegation", appauthor=False) / "delegation.log"
    try:
        from delegation.domain.private_files import open_private_log

        with open_private_log(log) as handle:
            traceback.print_exception(error, file=handle)
        where = str(log)
    except OSError:
        where = "-"
    from delegation.i18n import _

    print(
        "delegation: "
        + _("internal error: {error} (details in {log})").format(error=repr(error), log=where),
        file=sys.stderr,
    )
    return 70  # EX_SOFTWARE


def main(argv: Sequence[str] | None = None) -> int:
    import logging

    from delegation import cli

    # Library warnings (SQLAlchemy's among them) belong in a log, not on the terminal.
    logging.captureWarnings(True)
    logging.getLogger("py.warnings").addHandler(logging.NullHandler())
    logging.getLogger("py.warnings").propagate = False
    arguments = cli.parse_arguments(argv)
    try:
        if arguments.version:
            from delegation.ui.about import version_report

            print(version_report())
            return cli.EXIT_OK
        if arguments.command is None:
            from delegation.ui.application import run_application

            return run_application(arguments.db, arguments.lang)
        return cli.run_command(arguments)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into head, closed early
        return cli.EXIT_OK
    except Exception as error:
        return _report_unexpected(error)


if __name__ == "__main__":
    sys.exit(main())
