"""The tests run on exactly the versions uv.lock pins, not on whatever PyPI has newest.

An environment installed another way (pip from pyproject.toml's ranges) fails here on
purpose: what the tests passed on is then not what the lock ships.
"""

import re
import tomllib
from importlib import metadata
from pathlib import Path

LOCK = Path(__file__).resolve().parents[1] / "uv.lock"


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_installed_distribution_is_the_locked_version():
    locked = {
        _normalized(package["name"]): package.get("version")
        for package in tomllib.loads(LOCK.read_text(encoding="utf-8"))["package"]
    }
    installed = {
        _normalized(distribution.metadata["Name"]): distribution.version
        for distribution in metadata.distributions()
    }
    installed.pop("delegation")  # the project itself, its version from the source
    assert installed, "no distribution found"
    differing = {
        name: (version, locked.get(name, "not in uv.lock"))
        for name, version in installed.items()
        if locked.get(name) != version
    }
    assert not differing, f"installed, locked: {differing} (make test installs from the lock)"
    # The libraries the program stands on are among them.
    assert {"pyside6-essentials", "sqlalchemy", "reportlab", "babel"} <= installed.keys()
