"""Opening the window costs little more than Qt: heavy libraries wait until needed."""

import json
import os
import subprocess
import sys

import pytest

# The quick first paint reads the SQLite file itself, before SQLAlchemy loads.
pytestmark = pytest.mark.sqlite_only

HEAVY = ("alembic", "reportlab", "openpyxl", "babel.messages", "mako")

PROBE = """
import json, sys
from delegation.app import main
from delegation import cli
from delegation.services.workspace import open_workspace
from PySide6.QtWidgets import QApplication
application = QApplication([])
from delegation.ui.main_window import MainWindow
window = MainWindow(open_workspace(sys.argv[1]))
window.show()
application.processEvents()
print(json.dumps(sorted(sys.modules)))
"""


def test_opening_an_up_to_date_database_imports_no_heavy_library(demo_workspace, database_path):
    demo_workspace.close()
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(database_path)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    modules = json.loads(result.stdout.splitlines()[-1])
    loaded = [name for name in modules if name.split(".")[0] in HEAVY or name in HEAVY]
    assert loaded == []
    assert "delegation.ui.main_window" in modules


def test_the_command_line_does_not_load_qt(tmp_path):
    probe = (
        "import sys, json; from delegation.app import main; main(['--db', sys.argv[1], 'trips']);"
        " print(json.dumps(sorted(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "x.sqlite3")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    modules = json.loads(result.stdout.splitlines()[-1])
    assert not [name for name in modules if name.startswith("PySide6")]
    assert not [name for name in modules if name.startswith("reportlab")]


PREVIEW = """
import json, sys
from PySide6.QtWidgets import QApplication
from delegation.ui.application import open_window
from delegation.ui.settings import Settings
application = QApplication([])
window = open_window(sys.argv[1], Settings())
window.grab()
before = sorted(sys.modules)
title = window.windowTitle()
while not window.ready:
    application.processEvents()
print(json.dumps({"before": before, "title": title, "after": window.windowTitle(),
                  "pages": window.show_page("participants").model.rowCount()}))
"""


def _window_process(script: str, database, tmp_path) -> subprocess.CompletedProcess:
    """The window's script run in a program of its own, offscreen, with its own settings."""
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "settings"),
    }
    return subprocess.run(
        [sys.executable, "-c", script, str(database)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def test_the_window_paints_the_trip_before_loading_the_database_layer(
    demo_workspace, database_path, tmp_path
):
    demo_workspace.close()
    result = _window_process(PREVIEW, database_path, tmp_path)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.splitlines()[-1])
    assert seen["title"] == "Mission Tallinn 2023 — Delegation"
    assert not [name for name in seen["before"] if name.startswith("sqlalchemy")]
    assert seen["after"] == seen["title"]
    assert seen["pages"] == 62


REFUSED = """
import sys
from PySide6.QtWidgets import QApplication, QMessageBox
from delegation.ui.application import open_window
from delegation.ui.settings import Settings
said = []
QMessageBox.critical = staticmethod(lambda _parent, _title, text, *rest: said.append(text))
application = QApplication([])
window = open_window(sys.argv[1], Settings())
code = application.exec()
print(code, said)
"""


def test_a_file_that_is_no_database_is_explained_and_the_window_ends(tmp_path):
    garbage = tmp_path / "trip.sqlite3"
    garbage.write_bytes(b"This is not a database, only words. " * 200)
    result = _window_process(REFUSED, garbage, tmp_path)
    assert result.returncode == 0, result.stderr
    code, said = result.stdout.splitlines()[-1].split(" ", 1)
    assert code == "2"
    assert str(garbage) in said and "Traceback" not in result.stderr
