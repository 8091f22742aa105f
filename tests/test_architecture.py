"""The layering of ARCHITECTURE.md is a failing check, not a convention."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def lint_imports(source_root: Path, config: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(source_root)}
    return subprocess.run(
        [
            str(Path(sys.executable).with_name("lint-imports")),
            "--config",
            str(config),
            "--no-cache",
        ],
        capture_output=True,
        text=True,
        cwd=source_root.parent,
        env=environment,
        timeout=300,
    )


def _copy_of_the_package(tmp_path: Path) -> Path:
    source = tmp_path / "src"
    shutil.copytree(
        ROOT / "src" / "delegation",
        source / "delegation",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return source


def test_the_package_keeps_its_layers():
    result = lint_imports(ROOT / "src", ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower().replace("0 broken", "")


@pytest.mark.parametrize(
    ("module", "line", "reported"),
    [
        ("rules.py", "from PySide6.QtCore import QDate", "delegation.domain.rules -> PySide6"),
        (
            "enums.py",
            "import delegation.persistence.base",
            "delegation.domain.enums -> delegation.persistence.base",
        ),
        ("errors.py", "import sqlalchemy", "delegation.domain.errors -> sqlalchemy"),
    ],
)
def test_a_forbidden_import_in_the_domain_breaks_the_check(tmp_path, module, line, reported):
    source = _copy_of_the_package(tmp_path)
    path = source / "delegation" / "domain" / module
    path.write_text(path.read_text() + f"\n{line}  # noqa\n")
    result = lint_imports(source, tmp_path / "pyproject.toml")
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert reported in result.stdout
