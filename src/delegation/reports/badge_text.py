"""A badge's lines fitted to its width: sizes kept above stated floors, lines broken only
at a space, after a hyphen or between two ideographs, never inside a word."""

import re
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics

from delegation.domain.rules import full_name
from delegation.reports.fallback import shorten, string_width
from delegation.reports.fonts import BOLD, CONDENSED_BOLD, font_runs
from delegation.reports.listing import fit_size
from delegation.reports.text import visual

# Sizes in points. The first name is read from two metres; the last name from one; the
# organisation ("the company line") is the smallest text of the name block, and no part
# of a name is ever printed smaller than it.
ORGANIZATION_SIZE = 9.0
FIRST_NAME_LARGEST = 24.0
FIRST_NAME_FLOOR = 14.0
FIRST_NAME_WRAPPED_LARGEST = 18.0  # two lines of 24 pt would crowd out the organisation
LAST_NAME_LARGEST = 15.0
LAST_NAME_FLOOR = 10.0
LAST_NAME_WRAPPED_LARGEST = 12.0
LAST_TO_FIRST = 0.75  # the last name stays a step below the first, however that shrank
_STEP = 0.5

# Ideographs and kana: a line may end between any two of them (Unicode line breaking).
_IDEOGRAPH = "\u2e80-\u2fff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PIECE = re.compile(rf"[{_IDEOGRAPH}]|[^{_IDEOGRAPH}\-‐]*[\-‐]+|[^{_IDEOGRAPH}\-‐]+")


@dataclass(frozen=True)
class FittedLines:
    """Lines as they are drawn (right-to-left ones in visual order), their font and size."""

    lines: tuple[str, ...]
    font: str
    size: float


@dataclass(frozen=True)
class BadgeName:
    """The large line (the first name, or the whole name where the family name comes
    first) and, when there is one, the last name under it."""

    first: FittedLines
    last: FittedLines | None


def descent(text: str, font: str) -> float:
    """How far below the baseline, as a fraction of the size, the text's fonts reach."""
    faces = (pdfmetrics.getFont(run_font).face for _, run_font in font_runs(text, font))
    return min(face.descent for face in faces) / 1000


def pieces(text: str) -> list[tuple[str, str]]:
    """The text cut where a line may end, each piece with what joins it to the one before:
    a space between words, nothing after a hyphen or between ideographs."""
    result: list[tuple[str, str]] = []
    for word in text.split():
        for index, piece in enumerate(_PIECE.findall(word)):
            result.append(("" if index or not result else " ", piece))
    return result


def wrap(text: str, font: str, size: float, width: float, most: int) -> list[str] | None:
    """The text on at most `most` lines of this width, broken only where a line may end;
    None when it does not fit so. Lines are measured as drawn, in visual order."""
    lines: list[str] = []
    for joiner, piece in pieces(text):
        joined = f"{lines[-1]}{joiner}{piece}" if lines else piece
        if lines and string_width(visual(joined), font, size) <= width:
            lines[-1] = joined
        elif string_width(visual(piece), font, size) <= width and len(lines) < most:
            lines.append(piece)
        else:
            return None
    return lines


def wrap_or_cut(text: str, font: str, size: float, width: float, most: int) -> list[str]:
    """Like `wrap`, but what does not fit is cut with an ellipsis at the end of the last
    line (or of a single word wider than the line); returned in visual order."""
    lines: list[str] = []
    for joiner, piece in pieces(text):
        joined = f"{lines[-1]}{joiner}{piece}" if lines else piece
        if lines and (len(lines) == most or string_width(visual(joined), font, size) <= width):
            lines[-1] = joined
        else:
            lines.append(piece)
    return [shorten(visual(line), font, size, width) for line in lines]


def fit_lines(
    text: str, width: float, largest: float, floor: float, wrapped_largest: float, most: int = 2
) -> FittedLines:
    """The text on one line, as large as fits between `largest` and `floor` (the condensed
    bold when it keeps it larger); else broken on up to `most` lines at the largest size
    from `wrapped_largest` down to the floor; a text that cannot be broken so is cut."""
    shown = visual(text)
    one_line = [
        FittedLines((shown,), font, fit_size(shown, font, width, largest, floor))
        for font in (BOLD, CONDENSED_BOLD)
    ]
    fitting = [f for f in one_line if string_width(shown, f.font, f.size) <= width]
    if fitting:
        return max(fitting, key=lambda fitted: fitted.size)  # the bold on a tie
    size = max(wrapped_largest, floor)
    while size >= floor:
        for font in (BOLD, CONDENSED_BOLD):
            lines = wrap(text, font, size, width, most)
            if lines:
                return FittedLines(tuple(visual(line) for line in lines), font, size)
        size -= _STEP
    return FittedLines(
        tuple(wrap_or_cut(text, CONDENSED_BOLD, floor, width, most)), CONDENSED_BOLD, floor
    )


def fit_badge_name(first_name: str, last_name: str, width: float) -> BadgeName:
    """The first name large on one line and the last name under it. A Chinese, Japanese
    or Korean name, written family name first without a space, stays whole on the large
    line, as does a name given in one part only."""
    first, last = first_name.strip(), last_name.strip()
    whole = full_name(first, last)
    if not first or not last or whole == f"{last}{first}":
        return BadgeName(_large(whole, width), None)
    large = _large(first, width)
    below = max(LAST_NAME_FLOOR, large.size * LAST_TO_FIRST)
    last_line = fit_lines(
        last, width, min(LAST_NAME_LARGEST, below), LAST_NAME_FLOOR,
        min(LAST_NAME_WRAPPED_LARGEST, below),
    )  # fmt: skip
    return BadgeName(large, last_line)


def _large(text: str, width: float) -> FittedLines:
    return fit_lines(text, width, FIRST_NAME_LARGEST, FIRST_NAME_FLOOR, FIRST_NAME_WRAPPED_LARGEST)
