"""The command line as a user runs it: a separate process, its exit status, its lines."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def _program() -> list[str]:
    installed = Path(sys.executable).with_name("delegation")
    if installed.exists():
        return [str(installed)]
    found = shutil.which("delegation")
    return [found] if found else [sys.executable, "-m", "delegation"]


def run(*arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "LANG": "C.UTF-8", "LANGUAGE": ""}
    environment.pop("DELEGATION_DB", None)
    environment.update(env or {})
    return subprocess.run(
        [*_program(), *arguments],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=120,
    )


@pytest.fixture
def cli():
    """run("--db", path, "trips", ...) -> the finished process."""
    return run


@pytest.fixture
def db(database) -> str:
    """What --db is given: a new SQLite file, or a new database on the test server."""
    return database
