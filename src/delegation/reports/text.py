"""Text made ready for PDF drawing: Arabic letters joined; right-to-left text marked for
paragraphs, which order it line by line, or put in visual order for a line drawn whole;
markup escaped."""

import re
import unicodedata
from functools import cache

from bidi.algorithm import get_base_level

from delegation.reports.bidi_lines import (
    END_MARK,
    LEFT_TO_RIGHT_MARK,
    RIGHT_TO_LEFT,
    RIGHT_TO_LEFT_MARK,
    in_display_order,
)
from delegation.reports.fonts import SYMBOLS, coverage

# Embeddings, overrides, isolates and their end marks, as a user may paste them.
_USER_MARKS = re.compile("[\u202a-\u202e\u2066-\u2069]")

# The letters that join: Arabic and its supplements (Persian, Urdu, Kurdish letters).
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


def visual(text: str) -> str:
    """One line's text in display order, for a line drawn whole on a canvas (a badge's,
    a running header's): a Hebrew or Arabic name reads right; Latin text is untouched."""
    if not text or not RIGHT_TO_LEFT.search(text):
        return text
    # The paragraphs' own ordering, on a line that is one field: the same rules, and the
    # direction marks a user typed dropped here too.
    return "\n".join(in_display_order(line) for line in marked(text).split("\n"))


def marked(text: str) -> str:
    """User text for a paragraph: Arabic letters joined, and each line holding
    right-to-left text marked as a field in its own direction, which the paragraph puts
    in display order once broken into lines (bidi_lines). Direction marks the user typed
    are dropped: only ours may open and close fields."""
    if not text:
        return ""
    text = _USER_MARKS.sub("", text)
    if not RIGHT_TO_LEFT.search(text):
        return text
    return "\n".join(_field(joined(line)) for line in text.split("\n"))


def _field(line: str) -> str:
    if not RIGHT_TO_LEFT.search(line):
        return line
    opener = RIGHT_TO_LEFT_MARK if get_base_level(line) else LEFT_TO_RIGHT_MARK
    return f"{opener}{line}{END_MARK}"


def joined(text: str) -> str:
    """Arabic letters in the forms they take inside a word (initial, medial, final), as
    presentation-form characters: ReportLab draws one glyph per character and shapes nothing.
    Still in logical order; other scripts are untouched."""
    if not _ARABIC.search(text):
        return text
    shaped = _reshaper().reshape(text)
    covered = coverage(SYMBOLS)
    assert covered is not None  # a TrueType file of ours, never one of PDF's standard fonts
    if covered.issuperset(shaped):
        return shaped
    # A form DejaVu lacks (a rare letter's) is drawn as the plain letter, never as a box.
    return "".join(
        char if char in covered else unicodedata.normalize("NFKC", char) for char in shaped
    )


@cache
def _reshaper():
    """The reshaper, without the ligatures DejaVu, which draws Arabic, has no glyph for
    (the word ﷲ, for one)."""
    from arabic_reshaper import ArabicReshaper
    from arabic_reshaper.ligatures import LIGATURES

    covered = coverage(SYMBOLS)
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
