"""What one edit costs the database, with every page of the window open: the edit is
saved, and each page and the checks read again only what it changed."""

from sqlalchemy import event

from delegation.ui.dialogs.participant_dialog import ParticipantDialog
from delegation.ui.page_stack import page_titles

TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


class Statements:
    """The SQL statements the program sends while counting, but for those that open and
    close transactions (SQLite's driver is sent BEGIN; PostgreSQL's opens them itself)."""

    def __init__(self, engine) -> None:
        self.sent: list[str] = []
        self._engine = engine

    def _sent(self, _connection, _cursor, statement, *_rest) -> None:
        if not statement.lstrip().upper().startswith(TRANSACTION_CONTROL):
            self.sent.append(statement)

    def __enter__(self) -> "Statements":
        event.listen(self._engine, "before_cursor_execute", self._sent)
        return self

    def __exit__(self, *_exc) -> None:
        event.remove(self._engine, "before_cursor_execute", self._sent)


def test_editing_one_participants_diet_costs_a_handful_of_statements(qtbot, window, editor):
    """Opening the editor, saving, every page and the checks brought up to date."""
    for name, _title in page_titles():
        window.show_page(name)
    page = window.show_page("participants")
    problems = window.problems
    qtbot.waitUntil(lambda: problems.running is None and not problems._timer.isActive())
    qtbot.waitUntil(lambda: problems.report is not None)
    row = next(r for r in page.model.rows() if r.details.last_name == "Tamm")
    page.select_ids([row.id])
    editor(ParticipantDialog, lambda dialog: dialog._dietary.setText("Végétalienne, sans gluten"))
    with Statements(window.context.workspace._engine) as statements:
        page.edit()
        qtbot.waitUntil(lambda: problems._timer.isActive() or problems.running is not None)
        qtbot.waitUntil(lambda: problems.running is None and not problems._timer.isActive())
    # The editor reads the rooms and the organisations to offer (2), the save reads the
    # registration and writes it (2), the page reads its row (2), the checks too (2).
    edited = next(r for r in page.model.rows() if r.id == row.id)
    assert edited.details.dietary == "Végétalienne, sans gluten"
    assert page.selected_ids() == [row.id]
    assert len(statements.sent) <= 10, statements.sent
    assert problems.report is not None and problems.running is None
