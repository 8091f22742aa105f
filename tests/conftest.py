"""Shared fixtures: an isolated user folder, fresh databases, the sample delegation."""

import os

# Before any Qt import: the tests draw into memory, there is no screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from delegation.i18n import set_language
from delegation.services.demo import load_demo
from delegation.services.workspace import Workspace, open_workspace


@pytest.fixture(autouse=True)
def isolated_user_folders(tmp_path_factory, monkeypatch):
    """Never touch the real user's data: the default database lands in a temporary home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("DELEGATION_DB", raising=False)
    set_language("en")
    yield home
    set_language("en")


@pytest.fixture
def database_path(tmp_path):
    return tmp_path / "trips.sqlite3"


@pytest.fixture
def workspace(database_path) -> Workspace:
    opened = open_workspace(str(database_path))
    yield opened
    opened.close()


@pytest.fixture
def demo_workspace(workspace) -> Workspace:
    load_demo(workspace)
    return workspace
