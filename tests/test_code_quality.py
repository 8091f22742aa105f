"""The code stays ruff-clean and formatted, and mypy finds nothing in src/."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TREES = ["src", "tests", "tools", "benchmarks", "packaging"]


def _tool(name: str, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(Path(sys.executable).with_name(name)), *arguments],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )


def _ruff(*arguments: str) -> subprocess.CompletedProcess:
    return _tool("ruff", *arguments, *TREES)


def test_ruff_finds_nothing():
    result = _ruff("check", "--no-cache")
    assert result.returncode == 0, result.stdout


def test_code_is_formatted():
    result = _ruff("format", "--check", "--no-cache")
    assert result.returncode == 0, result.stdout


def test_mypy_finds_nothing():
    # Files and options from pyproject.toml; no cache left in the tree.
    result = _tool("mypy", "--cache-dir", os.devnull)
    assert result.returncode == 0, result.stdout + result.stderr
