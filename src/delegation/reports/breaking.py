"""Words made to fit a narrow column: addresses cut after @ . / - _, names shrunk, never cut.

ReportLab breaks lines at spaces only, and cuts a word wider than its column between any
two letters ("D'AU|VERGNE"). Here a long e-mail or web address gets line breaks after
its punctuation, and a paragraph whose longest unbreakable word is still too wide is set
smaller (down to a floor), so that a name stays whole.
"""

import re

from delegation.reports.fallback import string_width

# After these, a line may break inside an address: jean.dupont@ | example. | org
_BREAK_AFTER = re.compile(r"(?<=[@./\\_\-])(?=.)")
_SPACES = re.compile(r"(\s+)")

SMALLEST = 6.5  # points: below this a delegate's name is no longer comfortable to read


def _pieces(word: str) -> list[str]:
    return _BREAK_AFTER.split(word)


def break_long_words(text: str, font: str, size: float, width: float) -> str:
    """The text with a line break ("\\n") inside each word wider than `width`, only after
    @ . / \\ - _ and as late as the width allows."""
    if string_width(text, font, size) <= width:
        return text  # the common case: a short line, measured once
    parts = _SPACES.split(text)
    for index in range(0, len(parts), 2):  # the words; the odd indices are the spaces
        word = parts[index]
        if not word or string_width(word, font, size) <= width:
            continue
        lines: list[str] = []
        current = ""
        for piece in _pieces(word):
            if current and string_width(current + piece, font, size) > width:
                lines.append(current)
                current = piece
            else:
                current += piece
        lines.append(current)
        parts[index] = "\n".join(lines)
    return "".join(parts)


def fitting_size(text: str, font: str, size: float, width: float) -> float:
    """The size, at most `size` and at least SMALLEST, at which the text's widest piece
    that may not be broken (a word, or an address between its break points) fits."""
    if not text or string_width(text, font, size) <= width:
        return size
    widest = max(
        (string_width(piece, font, size) for word in text.split() for piece in _pieces(word)),
        default=0.0,
    )
    if widest <= width:
        return size
    return max(SMALLEST, round(size * width / widest - 0.05, 1))


def fit(text: str, font: str, size: float, width: float) -> tuple[str, float]:
    """The text broken where it may be and the size it is set at, to fit `width`."""
    fitted = fitting_size(text, font, size, width)
    return break_long_words(text, font, fitted, width), fitted
