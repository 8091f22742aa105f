"""Safe output files: atomic replacement on disk, neutralised formulas, and which text a
spreadsheet opening a CSV file would change."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from delegation.domain.private_files import write_privately
from delegation.i18n.system_errors import unwritable

# Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP),
# and their full-width forms (＝, ＋, －, ＠), which Excel on an East Asian system takes
# for the same signs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")

# A plain signed number ("-5", "+12,50") is not a formula; anything more (a space, a second
# sign) could be arithmetic a spreadsheet would work out, so it is neutralised.
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")


def neutralise(text: str) -> str:
    """Return `text` safe to put in a spreadsheet cell: a formula gets a leading apostrophe.

    Following OWASP, text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return is
    prefixed with ``'`` (``"=SUM(A1)"`` becomes ``"'=SUM(A1)"``, a phone number
    ``"+33 6 12 34 56 78"`` becomes ``"'+33 6 12 34 56 78"``), except a plain signed number
    (``"-5"``, ``"-12,50"``). Our own importer takes the apostrophe off again.
    """
    if not text.startswith(FORMULA_STARTS) or _PLAIN_NUMBER.fullmatch(text):
        return text
    return "'" + text


# What a spreadsheet opening a CSV file turns into a number, date, time, fraction,
# percentage or amount: digits among separators, signs, currency and exponent marks.
# Broad on purpose: text protected without need still reads back as it was written.
_NUMBER_CHARACTERS = r"[\d\s.,:/+\-()%$€£¥eE]"
_NUMBER_LIKE = re.compile(rf"{_NUMBER_CHARACTERS}*\d{_NUMBER_CHARACTERS}*")
# An integer a spreadsheet gives back as written: no leading zero, a sign only for a minus,
# and at most the 11 digits Excel's General format shows before switching to 6.1E+11.
_STABLE_INTEGER = re.compile(r"0|-?[1-9][0-9]{0,10}")
# Month names in English and French, as Excel and Calc read "May 5", "5 mai", "janv-24".
_MONTH = (
    r"jan(?:uary|v(?:ier)?)?|feb(?:ruary)?|f[ée]v(?:r(?:ier)?)?|mar(?:ch|s)?|apr(?:il)?"
    r"|avr(?:il)?|ma[yi]|june?|juin|july?|juil(?:let)?|aug(?:ust)?|ao[uû]t?"
    r"|sept?(?:ember|embre)?|oct(?:ober|obre)?|nov(?:ember|embre)?|d[ée]c(?:ember|embre)?"
)
_MONTH_DATE = re.compile(
    rf"(?:\d{{1,4}}[\s\-/.,]*)?(?:{_MONTH})\.?(?:[\s\-/.,]*\d{{1,4}})?", re.IGNORECASE
)
_MERIDIEM_TIME = re.compile(r"\d{1,2}(?::\d{2}){0,2}\s*[ap]\.?\s*m?\.?", re.IGNORECASE)
_BOOLEANS = frozenset({"true", "false", "vrai", "faux"})  # Excel's, in English and French
_ERROR = re.compile(r"#(?:N/A|[A-Z0/_]+[!?])", re.IGNORECASE)  # #N/A, #DIV/0!, #NOM?…
_DIGIT = re.compile(r"\d")
# Digits in groups split by spaces are read as a number only when the groups are thousands
# (1 000, 061 234 567): a phone written 06 12 34 56 78 stays text in Excel and Calc.
_SPACED_DIGITS = re.compile(r"\d+(?:[ \u00a0\u202f]\d+)+")
_THOUSANDS = re.compile(r"\d+(?:[ \u00a0\u202f]\d{3})+")


def spreadsheet_would_change(text: str) -> bool:
    """True when Excel or LibreOffice Calc, opening a CSV file, would not keep `text` as it is.

    That is text read as a formula (``=…``, ``+33 6…``, ``@…``), as a number that loses
    something on the way back (``0612345678``, ``000123456``, ``612345678901``,
    ``1.50``, ``+5``), as a date, time or fraction (``1/2``, ``3-4``, ``12:30``,
    ``May 5``, ``9 am``), a truth value (``TRUE``, ``Faux``) or an error (``#N/A``).
    An integer such as ``12`` or ``-5``, or a phone number written ``06 12 34 56 78``, comes
    back as written and is not reported.
    """
    if not text:
        return False
    if text.startswith(FORMULA_STARTS):
        return _STABLE_INTEGER.fullmatch(text) is None
    if text[0] == "#" and _ERROR.fullmatch(text):
        return True
    if _DIGIT.search(text) is None:
        return text.casefold() in _BOOLEANS  # "May" alone stays text; "May 5" does not
    if _STABLE_INTEGER.fullmatch(text):
        return False
    if _SPACED_DIGITS.fullmatch(text):
        return _THOUSANDS.fullmatch(text) is not None
    return bool(
        _NUMBER_LIKE.fullmatch(text)
        or _MONTH_DATE.fullmatch(text)
        or _MERIDIEM_TIME.fullmatch(text)
    )


def write_atomically(path: str | Path, write: Callable[[BinaryIO], None]) -> None:
    """Produce `path` with `write`, so that it is either complete or not changed at all.

    `write` receives a binary file that lives in the same folder (os.replace is only atomic
    within one file system). If `write` raises, or the disk is full, the temporary file is
    removed and any previous file at `path` stays as it was. A new file is owner-only; a
    replaced one keeps its own mode (see domain/private_files.py).
    """
    target = Path(path)
    try:
        write_privately(target, write)
    except OSError as error:  # no such folder, no permission, the disk full, a folder there…
        raise unwritable(target, error) from None
