"""A CSV file's encoding decided from its bytes: UTF-8, Windows-1252, or refused as mixed
(naming the stray bytes) unless the caller accepts reading them as Windows-1252."""

import pytest

from delegation.domain.errors import FileRefusedError, MixedEncodingError
from delegation.interchange.tables import read_table
from delegation.interchange.text_encodings import decode_text

HEADER = "Nom;Prénom;Société\r\n"
ROWS = [
    "Ménard;Zoé;Société Générale\r\n",
    "Lefèvre;François;Crédit Agricole\r\n",
    "Garçon;Hélène;Cœur & Cie\r\n",
]


def _write(tmp_path, data: bytes):
    path = tmp_path / "inscrits.csv"
    path.write_bytes(data)
    return path


def _one_stray_byte() -> bytes:
    """A UTF-8 file where one name was typed in a Windows-1252 editor: "Léa" on line 4."""
    return (HEADER + "".join(ROWS)).encode() + "Dupré;L".encode() + b"\xe9a;Arts\r\n"


def test_a_utf8_file_with_one_stray_byte_is_refused_naming_line_column_and_byte(tmp_path):
    path = _write(tmp_path, _one_stray_byte())
    with pytest.raises(MixedEncodingError) as refused:
        read_table(path)
    error = refused.value
    assert error.location == f"{path}:5"
    assert error.reason == (
        "column 8: byte 0xE9 is not UTF-8; the file mixes encodings: save it again as UTF-8"
    )
    assert error.lines == (5,)
    assert len(str(error).splitlines()) == 1


def test_the_stray_byte_is_repaired_and_every_accent_kept(tmp_path):
    table = read_table(_write(tmp_path, _one_stray_byte()), repair_encoding=True)
    assert table.headers == ("Nom", "Prénom", "Société")
    assert [row.cells for row in table.rows] == [
        ("Ménard", "Zoé", "Société Générale"),
        ("Lefèvre", "François", "Crédit Agricole"),
        ("Garçon", "Hélène", "Cœur & Cie"),
        ("Dupré", "Léa", "Arts"),
    ]
    assert table.repaired_lines == (5,)


def test_a_pure_windows_1252_file_is_read_right_and_nothing_is_repaired(tmp_path):
    data = (HEADER + "".join(ROWS) + "Dupré;Léa;« Œuvres » – 50 €\r\n").encode("cp1252")
    assert b"\xe9" in data and b"\x9c" in data and b"\x80" in data
    table = read_table(_write(tmp_path, data))  # no repair asked, and none needed
    assert table.headers == ("Nom", "Prénom", "Société")
    assert table.rows[0].cells == ("Ménard", "Zoé", "Société Générale")
    assert table.rows[-1].cells == ("Dupré", "Léa", "« Œuvres » – 50 €")
    assert table.repaired_lines == ()


def test_a_file_mixing_encodings_on_many_lines_lists_the_first_few(tmp_path):
    data = (HEADER + ROWS[0]).encode() + "".join(ROWS * 3).encode("cp1252")
    with pytest.raises(MixedEncodingError) as refused:
        read_table(_write(tmp_path, data))
    error = refused.value
    assert error.location.endswith(":3")
    assert error.lines == tuple(range(3, 12))
    assert error.reason == (
        "column 2: byte 0xE9 is not UTF-8, nor are bytes on lines 4, 5, 6, 7, 8 and 3 more "
        "lines; the file mixes encodings: save it again as UTF-8"
    )
    table = read_table(_write(tmp_path, data), repair_encoding=True)
    assert [row.cells[1] for row in table.rows] == ["Zoé", *["Zoé", "François", "Hélène"] * 3]
    assert table.repaired_lines == tuple(range(3, 12))


def test_lines_are_counted_as_the_csv_reader_counts_them(tmp_path):
    # A quoted cell over two lines, lone CR line ends and Excel's "sep=" line.
    data = b'sep=;\r\nNom;Remarque\rA;"deux\nlignes"\r\n' + b"Caf\xe9;Zo\xc3\xa9\r\n"
    path = _write(tmp_path, data)
    with pytest.raises(MixedEncodingError) as refused:
        read_table(path)
    assert refused.value.location == f"{path}:5"
    table = read_table(path, repair_encoding=True)
    assert table.rows[-1].line == 5 and table.rows[-1].cells == ("Café", "Zoé")
    assert table.repaired_lines == (5,)


def test_a_utf8_bom_with_stray_bytes_is_utf8_that_mixes_encodings(tmp_path):
    data = b"\xef\xbb\xbfNom;Pr\xe9nom\r\nA;B\r\n"  # no other UTF-8, but the BOM says UTF-8
    with pytest.raises(MixedEncodingError):
        read_table(_write(tmp_path, data))
    table = read_table(_write(tmp_path, data), repair_encoding=True)
    assert table.headers == ("Nom", "Prénom")


def test_a_stray_byte_undefined_in_windows_1252_is_refused_even_with_repair(tmp_path):
    data = "Nom;Prénom\r\n".encode() + b"A;B\x81\r\n"
    for repair in (False, True):
        with pytest.raises(FileRefusedError) as refused:
            read_table(_write(tmp_path, data), repair_encoding=repair)
        assert not isinstance(refused.value, MixedEncodingError)
        assert refused.value.reason == (
            "column 4: byte 0x81 is neither UTF-8 nor Windows-1252; save the file again as UTF-8"
        )


def test_valid_utf8_and_utf16_are_read_without_repair():
    text = HEADER + "".join(ROWS)
    for encoding in ("utf-8", "utf-8-sig", "utf-16"):
        decoded = decode_text(text.encode(encoding), "x.csv")
        assert decoded.text == text and decoded.repaired_lines == ()


def test_a_binary_file_with_stray_bytes_is_told_as_binary_not_as_mixed():
    data = "Nom;Prénom\r\n".encode() + b"\x01\x02\xe9\x03"
    with pytest.raises(FileRefusedError, match="not a spreadsheet"):
        decode_text(data, "x.csv", repair=True)
