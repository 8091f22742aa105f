"""Opening the window costs little more than Qt: heavy libraries wait until needed."""

import json
import os
import subprocess
import sys

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
