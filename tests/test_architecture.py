"""The layering of ARCHITECTURE.md is a failing check, not a convention."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

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


def test_qt_in_the_domain_breaks_the_check(tmp_path):
    source = _copy_of_the_package(tmp_path)
    rules = source / "delegation" / "domain" / "rules.py"
    rules.write_text(rules.read_text() + "\nfrom PySide6.QtCore import QDate  # noqa\n")
    result = lint_imports(source, tmp_path / "pyproject.toml")
    assert result.returncode != 0
    assert "delegation.domain.rules -> PySide6" in result.stdout
    assert "BROKEN" in result.stdout


def test_the_domain_importing_the_database_layer_breaks_the_check(tmp_path):
    source = _copy_of_the_package(tmp_path)
    enums = source / "delegation" / "domain" / "enums.py"
    enums.write_text(enums.read_text() + "\nimport delegation.persistence.base  # noqa\n")
    result = lint_imports(source, tmp_path / "pyproject.toml")
    assert result.returncode != 0
    assert "delegation.domain.enums -> delegation.persistence.base" in result.stdout
