"""Text made ready for PDF drawing: Arabic letters joined, right-to-left runs put in visual
order, markup escaped."""

import re
import unicodedata
from functools import cache

from delegation.reports.fonts import REGULAR, coverage

# Hebrew, Arabic, Syriac, Thaana, NKo ... and their presentation forms.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
# The letters that join: Arabic and its supplements (Persian, Urdu, Kurdish letters).
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


def visual(text: str) -> str:
    """The text in display order: a Hebrew or Arabic name reads right; Latin text is untouched."""
    if not text or not _RTL.search(text):
        return text
    from bidi.algorithm import get_display

    return "\n".join(get_display(joined(line)) for line in text.split("\n"))


def joined(text: str) -> str:
    """Arabic letters in the forms they take inside a word (initial, medial, final), as
    presentation-form characters: ReportLab draws one glyph per character and shapes nothing.
    Still in logical order; other scripts are untouched."""
    if not _ARABIC.search(text):
        return text
    shaped = _reshaper().reshape(text)
    covered = coverage(REGULAR)
    if covered.issuperset(shaped):
        return shaped
    # A form DejaVu lacks (a rare letter's) is drawn as the plain letter, never as a box.
    return "".join(
        char if char in covered else unicodedata.normalize("NFKC", char) for char in shaped
    )


@cache
def _reshaper():
    """The reshaper, without the ligatures DejaVu has no glyph for (the word ﷲ, for one)."""
    from arabic_reshaper import ArabicReshaper
    from arabic_reshaper.ligatures import LIGATURES

    covered = coverage(REGULAR)
    # Vowel marks (harakat) are dropped, as by default: drawn unshaped they would not sit
    # over their letter. Names are rarely written with them.
    missing = {
        name: "no" for name, (_match, forms) in LIGATURES if not covered.issuperset("".join(forms))
    }
    return ArabicReshaper(configuration=missing)


def escape(text: object) -> str:
    """Text safe inside Paragraph markup (&, <, >)."""
    if text is None:
        return ""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
