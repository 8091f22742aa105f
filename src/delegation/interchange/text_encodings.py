"""Decides a text file's encoding from its bytes, and names the bytes of a file that mixes
UTF-8 with another encoding rather than decoding it whole in the wrong one."""

import codecs
import re
from bisect import bisect_right
from dataclasses import dataclass

from delegation.domain.errors import FileRefusedError, MixedEncodingError
from delegation.i18n import _, ngettext

# Decoding with "surrogateescape" turns each byte that is not UTF-8 into one lone
# surrogate U+DC80..U+DCFF, so a single pass both decodes and finds the stray bytes.
_STRAY = re.compile("[\udc80-\udcff]")
# A character outside ASCII that is not an escaped byte: a valid multi-byte UTF-8 sequence.
_MULTI_BYTE = re.compile("[^\x00-\x7f\udc80-\udcff]")
# C0 controls other than tab, line feed, carriage return: a sign of a binary file.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAK = re.compile("\r\n|\r|\n")  # csv's reader counts lines the same way
_NAMED_LINES = 5  # lines a refusal lists before "and N more"


@dataclass(frozen=True)
class DecodedText:
    """A file's text and the lines whose stray bytes were read as Windows-1252."""

    text: str
    repaired_lines: tuple[int, ...] = ()


def decode_text(data: bytes, source: str, *, repair: bool = False) -> DecodedText:
    """UTF-16 with a BOM; else UTF-8 (with or without BOM); else, when no byte sequence in
    it is UTF-8, Windows-1252 (Excel on French Windows). A file holding both UTF-8
    sequences and bytes that are not UTF-8 is refused, naming them, unless `repair`:
    then each stray byte is read on its own as Windows-1252. Binary content is refused."""
    # Excel's "Unicode text" export is UTF-16 with a BOM; cheap to accept.
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise FileRefusedError(source, _("unknown text encoding (save it as UTF-8)")) from None
        _refuse_binary(text, source)
        return DecodedText(text.lstrip("\ufeff"))
    if b"\x00" in data:
        raise FileRefusedError(source, _("not a spreadsheet (CSV or XLSX)"))
    try:
        text = data.decode("utf-8")  # the common case, and the fastest
    except UnicodeDecodeError:
        pass
    else:
        _refuse_binary(text, source)
        return DecodedText(text.lstrip("\ufeff"))
    text = data.decode("utf-8", "surrogateescape")
    # Control bytes are the same in both encodings: a binary file is told as such first.
    _refuse_binary(text, source)
    has_bom = text.startswith("\ufeff")
    text = text.lstrip("\ufeff")
    if not has_bom and not _MULTI_BYTE.search(text):
        try:  # nothing in it is UTF-8: the whole file is in the other encoding
            return DecodedText(data.decode("cp1252"))
        except UnicodeDecodeError:  # bytes cp1252 leaves undefined: neither encoding
            raise FileRefusedError(source, _("unknown text encoding (save it as UTF-8)")) from None
    strays = [match.start() for match in _STRAY.finditer(text)]
    places = _Places(text)
    undefined = [index for index in strays if _as_cp1252(text[index]) is None]
    if undefined:  # no reading of such a byte is likely: no repair is offered
        line, column = places.of(undefined[0])
        raise FileRefusedError(
            f"{source}:{line}",
            _(
                "column {column}: byte {byte} is neither UTF-8 nor Windows-1252; "
                "save the file again as UTF-8"
            ).format(column=column, byte=_byte_text(text[undefined[0]])),
        )
    lines = tuple(dict.fromkeys(places.of(index)[0] for index in strays))
    if not repair:
        raise _mixed_refusal(source, text, strays, lines, places)
    repaired = _STRAY.sub(lambda match: _as_cp1252(match.group()) or "", text)
    return DecodedText(repaired, lines)


def _refuse_binary(text: str, source: str) -> None:
    if _CONTROL.search(text):
        raise FileRefusedError(source, _("not a spreadsheet (CSV or XLSX)"))


def _mixed_refusal(
    source: str, text: str, strays: list[int], lines: tuple[int, ...], places: "_Places"
) -> MixedEncodingError:
    first_line, column = places.of(strays[0])
    byte = _byte_text(text[strays[0]])
    others = lines[1:]
    if not others:
        reason = _(
            "column {column}: byte {byte} is not UTF-8; the file mixes encodings: "
            "save it again as UTF-8"
        ).format(column=column, byte=byte)
    else:
        listed = ", ".join(str(line) for line in others[:_NAMED_LINES])
        if len(others) > _NAMED_LINES:
            more = len(others) - _NAMED_LINES
            listed = ngettext(
                "{lines} and {count} more line", "{lines} and {count} more lines", more
            ).format(lines=listed, count=more)
        reason = ngettext(
            "column {column}: byte {byte} is not UTF-8, nor is a byte on line {lines}; "
            "the file mixes encodings: save it again as UTF-8",
            "column {column}: byte {byte} is not UTF-8, nor are bytes on lines {lines}; "
            "the file mixes encodings: save it again as UTF-8",
            len(others),
        ).format(column=column, byte=byte, lines=listed)
    return MixedEncodingError(f"{source}:{first_line}", reason, lines)


def _as_cp1252(escaped: str) -> str | None:
    """A stray byte (as its escape) read as Windows-1252; None where cp1252 has no char."""
    try:
        return bytes([ord(escaped) - 0xDC00]).decode("cp1252")
    except UnicodeDecodeError:
        return None


def _byte_text(escaped: str) -> str:
    return f"0x{ord(escaped) - 0xDC00:02X}"


class _Places:
    """Line and column (1-based, in characters) of positions in a text."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]

    def of(self, index: int) -> tuple[int, int]:
        line = bisect_right(self._starts, index)
        return line, index - self._starts[line - 1] + 1
