"""Atomic writes and formula neutralising."""

import errno
import os
import stat

import pytest

from delegation.domain.errors import UnwritableError
from delegation.interchange.safe_files import (
    neutralise,
    spreadsheet_would_change,
    write_atomically,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("=", "'="),
        ("+33 6 12 34 56 78", "'+33 6 12 34 56 78"),
        ("-3 -3", "'-3 -3"),
        ("-", "'-"),
    ],
)
def test_formulas_get_an_apostrophe(text, expected):
    assert neutralise(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "Élodie", "5", "-5", "-12,50", "+12.5", "a=b"],
)
def test_plain_text_and_numbers_stay_readable(text):
    assert neutralise(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "0612345678", "000123456", "007", "612345678901", "-0612", "+5", "1.50", "1,5",
        "1 000", "061 234 567", "1e5", "50%", "(5)", "5 €", "$5", "1/2", "3-4", "1.2.24",
        "2024-07-20", "20/07/85", "12:30", "9 am", "12:30 PM", "1 1/2", "May 5", "5 mai", "janv-24",
        "20 juillet 2024", "TRUE", "Faux", "#N/A", "#DIV/0!", "=1+1", "+33 6 12 34 56 78",
        "@SUM(A1)", "-", "\tx",
    ],
)  # fmt: skip
def test_what_a_spreadsheet_would_change_is_recognised(text):
    assert spreadsheet_would_change(text)


@pytest.mark.parametrize(
    "text",
    ["", "0", "12", "-5", "06 12 34 56 78", "5123 4567", "98765432101", "Tamm", "Mars", "May",
     "A, B", "Room 12", "Kadri-Liis", "a=b", "C'est vrai", "N° 12", "王小明", "#1 fan", "VIP"],
)  # fmt: skip
def test_what_a_spreadsheet_keeps_is_left_alone(text):
    assert not spreadsheet_would_change(text)


def test_write_atomically_writes_the_file(tmp_path):
    target = tmp_path / "out.bin"
    write_atomically(target, lambda stream: stream.write(b"hello"))
    assert target.read_bytes() == b"hello"
    assert os.listdir(tmp_path) == ["out.bin"]


def _fail_half_way(stream):
    stream.write(b"half")
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_failing_write_leaves_no_file(tmp_path):
    target = tmp_path / "out.csv"
    with pytest.raises(UnwritableError, match="the disk is full"):
        write_atomically(str(target), _fail_half_way)
    assert os.listdir(tmp_path) == []


def test_a_failing_write_keeps_the_previous_file(tmp_path):
    target = tmp_path / "out.csv"
    target.write_bytes(b"previous")
    with pytest.raises(UnwritableError, match="the disk is full"):
        write_atomically(target, _fail_half_way)
    assert target.read_bytes() == b"previous"
    assert os.listdir(tmp_path) == ["out.csv"]


@pytest.mark.skipif(os.name != "posix", reason="umask is a POSIX notion")
@pytest.mark.parametrize("umask", [0o000, 0o022])
def test_a_new_file_is_owner_only_whatever_the_umask(tmp_path, umask):
    previous = os.umask(umask)
    try:
        write_atomically(tmp_path / "out.bin", lambda stream: stream.write(b"x"))
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "out.bin").stat().st_mode) == 0o600


@pytest.mark.skipif(os.name != "posix", reason="umask is a POSIX notion")
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o400])
def test_a_replaced_file_keeps_its_own_mode_under_umask_000(tmp_path, mode):
    target = tmp_path / "out.bin"
    target.write_bytes(b"previous")
    target.chmod(mode)
    previous = os.umask(0)
    try:
        write_atomically(target, lambda stream: stream.write(b"new"))
    finally:
        os.umask(previous)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert os.listdir(tmp_path) == ["out.bin"]


def test_full_width_formula_signs_are_neutralised_too():
    assert neutralise("＝SUM(A1)") == "'＝SUM(A1)"
    assert neutralise("＋33 6 12 34 56 78") == "'＋33 6 12 34 56 78"
    assert neutralise("＠cmd") == "'＠cmd"
