"""Typographic rules of print, applied to any text a document draws, in its language.

No-break spaces where a line must not break: before French ; : ! ? and inside « », in
phone numbers, between a number and its unit or its month ("7 mai", "8 May", "45 min",
"14 h 30"); typographic apostrophes between letters. ReportLab breaks lines at every
Unicode space but U+00A0, so that is the no-break space used, the narrow one included.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

NO_BREAK = "\u00a0"

_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
# A space (or an existing no-break one) before French high punctuation and closing
# guillemets; after opening guillemets.
_BEFORE_PUNCTUATION = re.compile("[ \u202f](?=[;:!?»])")
_AFTER_GUILLEMET = re.compile("(?<=«)[ \u202f]")
# +372 5555 0105, 06 12 34 56 78, (0)1 23 45 67 89: digit groups a space apart.
_PHONE = re.compile(r"(?:\+|\(0\)\s?)?\d{1,4}(?: \(0\))?(?: \d{2,4}){2,}")
_UNIT = re.compile(r"(?<=\d) (?=(?:h|min|km|m|kg|%|€|\$|£)(?!\w))")
_HOUR = re.compile(r"(?<=\d) h (?=\d)")

_MONTHS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "en": "January February March April May June July August September October November December",
}


def typeset(text: str, language: str) -> str:
    """`text` with the no-break spaces and apostrophes of print in `language` (fr, en)."""
    if not text:
        return text
    if "'" in text:
        text = _APOSTROPHE.sub("\u2019", text)
    if " " not in text and "\u202f" not in text:
        return text
    if language == "fr":
        text = _BEFORE_PUNCTUATION.sub(NO_BREAK, text)
        text = _AFTER_GUILLEMET.sub(NO_BREAK, text)
        text = _HOUR.sub(f"{NO_BREAK}h{NO_BREAK}", text)
    if any(char.isdigit() for char in text):
        text = _PHONE.sub(lambda found: found[0].replace(" ", NO_BREAK), text)
        text = _UNIT.sub(NO_BREAK, text)
        text = _day_and_month(language).sub(lambda found: found[0].replace(" ", NO_BREAK), text)
    return text


@cache
def _day_and_month(language: str) -> re.Pattern[str]:
    """ "7 mai", "1er avril", "8 May" and "May 8": a day never apart from its month."""
    months = "|".join(_MONTHS.get(language, _MONTHS["en"]).split())
    return re.compile(
        rf"\b\d{{1,2}}(?:er)? (?:{months})\b|\b(?:{months}) \d{{1,2}}\b", re.IGNORECASE
    )


def capitals(text: str) -> str:
    """`text` in capital letters as print writes them: Greek capitals lose their accents
    ("Παπαδόπουλος" → "ΠΑΠΑΔΟΠΟΥΛΟΣ"), keeping the diaeresis; other scripts as upper()."""
    upper = text.upper()
    if not any("\u0370" <= char <= "\u03ff" or "\u1f00" <= char <= "\u1fff" for char in upper):
        return upper
    decomposed = unicodedata.normalize("NFD", upper)
    kept, greek = [], False
    for char in decomposed:
        if not unicodedata.combining(char):
            greek = _is_greek(char)  # the letter the marks that follow sit on
        elif greek and char in _GREEK_ACCENTS:
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


# Tonos, oxia, varia, perispomeni, psili, dasia, ypogegrammeni: not written on capitals.
_GREEK_ACCENTS = frozenset("\u0301\u0300\u0342\u0313\u0314\u0345")


def _is_greek(char: str) -> bool:
    return "\u0370" <= char <= "\u03ff"
