"""People's needs on the lists: dietary fields read as separate needs, each kept whole,
allergies recognised; accessibility needs listed for those who receive the delegation."""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportlab.platypus import Flowable, Spacer

from delegation.i18n import _, current_language
from delegation.i18n.vocabulary import comparison_key, diet_in_language, diet_key, is_known_diet
from delegation.reports.base import styles
from delegation.reports.fallback import Paragraph
from delegation.reports.listing import cell, columns, list_table
from delegation.reports.text import escape

ACCESSIBILITY_MARK = "♿"
# Between two needs: a line break, a semicolon, or a slash with spaces around it.
_BETWEEN_NEEDS = re.compile(r"\n|;|\s/\s")
_COMMA = re.compile(",")
_SPACES = re.compile(r"\s+")
_OPENING, _CLOSING = "([{", ")]}"
# What people write when they mean "no particular need".
_NOTHING = frozenset({"aucun", "aucune", "neant", "rien", "none", "no", "non", "n/a", "ras"})
# Words that make a need an allergy, in either language, compared without case or accents.
_ALLERGY_WORDS = (
    "allerg", "anaphyla", "adrenalin", "epipen", "epi pen", "anapen", "jext",
    "auto injecteur", "auto injector", "oedeme de quincke", "quincke",
)  # fmt: skip


@dataclass(frozen=True)
class Need:
    """One need as the documents show it."""

    key: str  # what two spellings of it share
    text: str  # a known diet in the document language, anything else as typed
    allergy: bool


def _outside_brackets(text: str, separator: re.Pattern[str]) -> list[str]:
    """The text cut at the separators that are not inside brackets."""
    if not any(char in text for char in _OPENING):
        return separator.split(text)
    depth, start, position, parts = 0, 0, 0, []
    while position < len(text):
        char = text[position]
        depth += (char in _OPENING) - (char in _CLOSING and depth > 0)
        found = separator.match(text, position) if depth == 0 else None
        if found and found.end() > position:
            parts.append(text[start:position])
            start = position = found.end()
        else:
            position += 1
    parts.append(text[start:])
    return parts


def _at_known_commas(text: str) -> list[str]:
    """The text cut at the commas that stand next to a known diet ("sans gluten, halal"),
    kept whole otherwise ("allergie aux arachides, noix de cajou")."""
    pieces = _outside_brackets(text, _COMMA)
    needs = [pieces[0]]
    for piece in pieces[1:]:
        if is_known_diet(_clean(needs[-1])) or is_known_diet(_clean(piece)):
            needs.append(piece)
        else:
            needs[-1] += "," + piece
    return needs


def _clean(part: str) -> str:
    return _SPACES.sub(" ", part).strip(" .-–—:,")


def is_allergy(text: str) -> bool:
    """Whether a need speaks of an allergy, anaphylaxis or an adrenaline pen."""
    key = comparison_key(text)
    return any(word in key for word in _ALLERGY_WORDS)


def dietary_needs(text: str | None) -> tuple[Need, ...]:
    """The needs written in a dietary field, each once: "Végétarien ; Sans  gluten." gives
    Vegetarian and Gluten-free; a sentence with commas in brackets stays one need."""
    if not text:
        return ()
    # The same field is read for every meal a person attends: read it once per language.
    return _read(text, current_language())


@lru_cache(maxsize=16384)
def _read(text: str, _language: str) -> tuple[Need, ...]:
    needs: dict[str, Need] = {}
    for part in _outside_brackets(unicodedata.normalize("NFC", text), _BETWEEN_NEEDS):
        for piece in _at_known_commas(part):
            typed = _clean(piece)
            key = diet_key(typed)
            if typed and key not in _NOTHING and key not in needs:
                needs[key] = Need(key, diet_in_language(typed), is_allergy(typed))
    return tuple(needs.values())


def written_needs(text: str | None) -> str | None:
    """A dietary field as one line in the document language: "Vegetarian; Gluten-free"."""
    needs = dietary_needs(text)
    return "; ".join(need.text for need in needs) if needs else None


def accessibility_section(
    rows: Sequence[tuple[str, ...]], headers: list[str], weights: Sequence[float], width: float
) -> list[Flowable]:
    """Under a list, the accessibility needs of the people in it, one a row (the need
    last); nothing when nobody has one."""
    if not rows:
        return []
    bold = len(headers) - 1
    cells = [
        [cell(value, "cell_bold" if index < bold else "cell") for index, value in enumerate(row)]
        for row in rows
    ]
    heading = _("{mark} Accessibility needs").format(mark=ACCESSIBILITY_MARK)
    return [
        Spacer(1, 10),
        Paragraph(escape(heading), styles()["h2"]),
        list_table(headers, cells, columns(width, weights)),
    ]
