"""The window of a viewer of a shared database: private fields hidden and greyed, not
blank; nothing that changes the database or prints private data offered."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit
from tests.services.roles import shared_sample

from delegation.domain.enums import ParticipantStatus
from delegation.services.access import grant_role
from delegation.services.workspace import open_workspace
from delegation.ui.main_window import MainWindow
from delegation.ui.models.participant_table_model import ParticipantTableModel

SENSITIVE_HEADERS = ("Dietary needs", "Passport expiry", "Emergency contact")


@pytest.fixture
def viewer_window(qtbot, server_databases, settings):
    with shared_sample(server_databases) as shared:
        grant_role(shared.url, shared.viewer, "viewer")
        workspace = open_workspace(shared.url_of(shared.viewer))
        shown = MainWindow(workspace, settings)
        qtbot.addWidget(shown)
        shown.show()
        yield shown
        shown.close()
        workspace.close()


def _columns(model) -> dict[str, int]:
    return {model.headerData(n, Qt.Orientation.Horizontal): n for n in range(model.columnCount())}


def _action(window: MainWindow, text: str) -> QAction:
    return next(a for a in window.menuBar().findChildren(QAction) if a.text() == text)


def test_a_viewer_sees_the_private_columns_hidden_and_greyed(viewer_window):
    page = viewer_window.show_page("participants")
    model = page.model
    assert model.rowCount() == 62
    columns = _columns(model)
    first = model.index(0, columns["Name"])
    assert model.data(first)  # names are there
    assert model.data(first, Qt.ItemDataRole.ForegroundRole) is None
    for header in SENSITIVE_HEADERS:
        cell = model.index(0, columns[header])
        assert model.data(cell) == "hidden"
        assert model.data(cell, Qt.ItemDataRole.ForegroundRole) is not None
        assert model.data(cell, Qt.ItemDataRole.FontRole).italic()
        tooltip = model.headerData(columns[header], Qt.Orientation.Horizontal,
                                   Qt.ItemDataRole.ToolTipRole)  # fmt: skip
        assert "your role on this database is viewer" in tooltip


def test_a_viewer_is_offered_no_edit_and_no_private_document(viewer_window, message_boxes):
    page = viewer_window.show_page("participants")
    page.select_ids([page.model.row_at(0).id])
    assert not page.add_action.isEnabled() and not page.remove_action.isEnabled()
    assert not page.status_menu.isEnabled()
    assert page.edit_action.isEnabled() and page.edit_action.text() == "&View participant…"
    for refused in ("Add &participant…", "&New trip…", "Trip &settings…", "&Import participants…",
                    "&Visitor lists for the hosts…", "&Dietary needs per meal…",
                    "Participant list with &sensitive data…"):  # fmt: skip
        assert not _action(viewer_window, refused).isEnabled(), refused
    for offered in ("Name &badges…", "&Itinerary of the delegation…", "&Participant list…"):
        assert _action(viewer_window, offered).isEnabled(), offered
    programme = viewer_window.show_page("programme")
    assert not programme.add_action.isEnabled()
    assert not programme.remove_action.isEnabled()
    venues = viewer_window.show_page("venues")
    venues.venue_table.selectRow(0)
    assert not venues.add_button.isEnabled() and not venues.edit_button.isEnabled()
    logistics = viewer_window.show_page("logistics")
    assert not logistics.add_hotel_action.isEnabled()
    assert "viewer: read only" in viewer_window._database_label.text()
    assert viewer_window.problems.unchecked.text().startswith("Identity documents and emergency")
    assert not viewer_window.problems.unchecked.isHidden()
    # An edit reached another way is refused before it is tried, in one clear message.
    page.set_status(ParticipantStatus.CANCELLED)
    assert message_boxes.take() == [
        (
            "warning",
            "you may only view this database: changes and private data are for its organisers;"
            " nothing was saved",
        )
    ]


def test_a_viewer_opens_a_participant_to_read_it(viewer_window):
    page = viewer_window.show_page("participants")
    tamm = next(row for row in page.model.rows() if row.details.last_name == "Tamm")
    dialog = page._dialog(tamm.details)
    assert dialog.windowTitle() == "Participant (view only)"
    assert dialog._buttons.button(QDialogButtonBox.StandardButton.Ok) is None
    assert dialog._last_name.text() == "Tamm" and dialog._last_name.isReadOnly()
    for field in dialog.private_fields():
        assert not field.isEnabled()
        assert (field.text(), field.placeholderText()) == ("", "hidden")
    dialog.deleteLater()


def test_the_table_model_hides_what_it_is_told_to(demo_workspace):
    """Without a server: the model's part, on the sample's rows."""
    from delegation.services.participant_rows import list_participants
    from delegation.services.trips import find_trip

    model = ParticipantTableModel()
    model.set_rows(list_participants(demo_workspace, find_trip(demo_workspace, "tallinn-2023").id))
    passport = _columns(model)["Passport expiry"]
    shown = [model.data(model.index(row, passport)) for row in range(model.rowCount())]
    assert any(shown) and "hidden" not in shown
    model.set_private_hidden(True)
    assert {model.data(model.index(row, passport)) for row in range(model.rowCount())} == {"hidden"}


def test_an_organisers_editor_shows_the_private_fields(window):
    page = window.show_page("participants")
    tamm = next(row for row in page.model.rows() if row.details.last_name == "Tamm")
    dialog = page._dialog(tamm.details)
    assert dialog._buttons.button(QDialogButtonBox.StandardButton.Ok) is not None
    assert all(field.isEnabled() for field in dialog.private_fields())
    assert any(isinstance(f, QLineEdit) and f.text() for f in dialog.private_fields())
    dialog.deleteLater()
