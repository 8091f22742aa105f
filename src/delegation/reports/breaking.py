"""Words made to fit a narrow column: addresses cut after @ . / - _, names shrunk, never cut.

ReportLab breaks lines at spaces only, and cuts a word wider than its column between any
two letters ("D'AU|VERGNE"). Here a long e-mail or web address gets line breaks after
its punctuation, and a paragraph whose longest unbreakable word is still too wide is set
smaller (down to a floor), so that a name stays whole.
"""

import html
import re

from reportlab.lib.styles import ParagraphStyle

from delegation.reports.fallback import Paragraph, string_width
from delegation.reports.text import escape

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


SHORT_LABEL = 3  # words: a status or a category, which reads better on one line


def fitted_cell(cell: object, width: float) -> object:
    """A table cell's paragraph remade to fit its column's inner width: its long words
    broken after their punctuation, set smaller when a name would be cut, and a short label
    ("Waiting list") kept on one line if a little smaller type allows. Other cells as given.

    Works on the markup `listing.cell` makes: escaped lines joined by <br/>, no other tag.
    """
    if not isinstance(cell, Paragraph) or "<" in cell.text.replace("<br/>", ""):
        return cell
    style = cell.style
    font, normal = style.fontName, style.fontSize
    lines = [html.unescape(line) for line in cell.text.split("<br/>")]
    size = min((fitting_size(line, font, normal, width) for line in lines), default=normal)
    if len(lines) == 1 and 1 < len(lines[0].split()) <= SHORT_LABEL:
        one_line = normal * width / max(string_width(lines[0], font, normal), 1e-6)
        if SMALLEST + 1 <= one_line < normal:
            size = min(size, round(one_line - 0.05, 1))
    fitted = [break_long_words(line, font, size, width) for line in lines]
    if size == normal and fitted == lines:
        return cell
    markup = "<br/>".join(escape(line).replace("\n", "<br/>") for line in fitted)
    smaller = ParagraphStyle(f"{style.name}_{size}", parent=style, fontSize=size)
    return Paragraph(markup, smaller)
