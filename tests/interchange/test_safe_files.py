"""Atomic writes and formula neutralising."""

import os

import pytest

from delegation.domain.errors import FileRefusedError
from delegation.interchange.safe_files import neutralise, write_atomically


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


def test_write_atomically_writes_the_file(tmp_path):
    target = tmp_path / "out.bin"
    write_atomically(target, lambda stream: stream.write(b"hello"))
    assert target.read_bytes() == b"hello"
    assert os.listdir(tmp_path) == ["out.bin"]


def _fail_half_way(stream):
    stream.write(b"half")
    raise OSError("disk full")


def test_a_failing_write_leaves_no_file(tmp_path):
    target = tmp_path / "out.csv"
    with pytest.raises(FileRefusedError, match="disk full"):
        write_atomically(str(target), _fail_half_way)
    assert os.listdir(tmp_path) == []


def test_a_failing_write_keeps_the_previous_file(tmp_path):
    target = tmp_path / "out.csv"
    target.write_bytes(b"previous")
    with pytest.raises(FileRefusedError, match="disk full"):
        write_atomically(target, _fail_half_way)
    assert target.read_bytes() == b"previous"
    assert os.listdir(tmp_path) == ["out.csv"]


@pytest.mark.skipif(os.name != "posix", reason="umask is a POSIX notion")
def test_the_file_gets_ordinary_permissions(tmp_path):
    write_atomically(tmp_path / "out.bin", lambda stream: stream.write(b"x"))
    mask = os.umask(0)
    os.umask(mask)
    assert (tmp_path / "out.bin").stat().st_mode & 0o777 == 0o666 & ~mask
