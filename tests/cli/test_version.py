"""`delegation --version`: the lines users paste into a bug report."""

import platform

import babel
import reportlab
import sqlalchemy
from PySide6 import QtCore

from delegation import __version__


def test_version_names_the_program_and_the_libraries_it_runs_on(cli):
    shown = cli("--version")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0] == f"Delegation {__version__}"
    assert lines[1].startswith(f"Python {platform.python_version()} on {platform.system()} ")
    assert f"Qt {QtCore.qVersion()} (PySide6 " in lines[2]
    assert lines[3:] == [
        f"SQLAlchemy {sqlalchemy.__version__}",
        f"ReportLab {reportlab.Version}",
        f"Babel {babel.__version__}",
    ]
    assert shown.stderr == ""


def test_version_wins_over_a_command_and_touches_no_database(cli, tmp_path):
    database = tmp_path / "never.sqlite3"
    shown = cli("--db", str(database), "--version", "demo")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("Delegation ")
    assert not database.exists()
