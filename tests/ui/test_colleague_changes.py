"""A colleague's change shows in an open window within seconds, without a reload, and
never over what an open editor holds."""

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel
from tests.colleague import COLLEAGUE, colleague_saves
from tests.server_databases import SKIP_REASON

from delegation.services.demo import load_demo
from delegation.services.participant_rows import get_participant
from delegation.services.workspace import Workspace, open_workspace
from delegation.ui.dialogs.participant_dialog import ParticipantDialog
from delegation.ui.main_window import MainWindow


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_database(request, tmp_path, server_databases) -> Iterator[str]:
    """A database two programs open: a file, or a server's (the window's tests otherwise
    run on files only)."""
    if request.param == "sqlite":
        yield str(tmp_path / "team.sqlite3")
        return
    if server_databases is None:
        pytest.skip(SKIP_REASON)
    url = server_databases.create()
    yield url
    server_databases.drop(url)


@pytest.fixture
def team_window(qtbot, shared_database, settings) -> Iterator[MainWindow]:
    workspace: Workspace = open_workspace(shared_database)
    load_demo(workspace)
    shown = MainWindow(workspace, settings)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    shown.close()
    workspace.close()


def _names(page) -> list[str]:
    return [row.details.last_name for row in page.model.rows()]


def test_a_colleagues_change_shows_while_an_editor_stays_as_typed(
    qtbot, team_window, shared_database, monkeypatch
):
    window = team_window
    page = window.show_page("participants")
    page.table.selectRow(0)
    row = page.selected_rows()[0]
    seen: list[tuple[str, str, str]] = []

    def exec_(dialog: ParticipantDialog) -> int:
        dialog._job_title.setText("Chief Tea Officer")  # the user is typing…
        colleague_saves(shared_database, row.id, "last_name", "Παπαδοπούλου")
        # …and sees the colleague's change in the table, within seconds, without a reload.
        qtbot.waitUntil(lambda: "Παπαδοπούλου" in _names(page), timeout=5_000)
        seen.append((dialog._last_name.text(), dialog._job_title.text(),
                     window.statusBar().currentMessage()))  # fmt: skip
        dialog.accept()  # refused, naming the colleague; the editor takes their change in
        seen.append((dialog._last_name.text(), dialog._job_title.text(),
                     dialog.findChild(QLabel, "notice").text()))  # fmt: skip
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ParticipantDialog, "exec", exec_)
    page.edit()
    (typing_name, typing_title, status), (merged_name, merged_title, notice) = seen
    assert (typing_name, typing_title) == (row.details.last_name, "Chief Tea Officer")
    assert status == f"Changes saved by {COLLEAGUE} are shown."
    assert (merged_name, merged_title) == ("Παπαδοπούλου", "Chief Tea Officer")
    assert f"was changed by {COLLEAGUE} at " in notice
    saved = get_participant(window.context.database, row.id).details
    assert (saved.last_name, saved.job_title) == ("Παπαδοπούλου", "Chief Tea Officer")
    news: list = []
    window.colleagues.arrived.connect(news.append)
    window.colleagues.look()
    qtbot.wait(1_000)
    assert news == []  # the window's own save is no colleague's news
