"""Text as the tables search and sort it: lowercase, without accents, a column at a time."""

import unicodedata
from collections.abc import Sequence


def folded(text: str) -> str:
    """Lowercase without accents: "Hélène" is found by typing "helene"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def folded_column(values: Sequence[str]) -> list[str]:
    """Each value folded, as fast for 100,000 values as Python allows.

    A column of plain ASCII (emails, mostly) is lowered in one piece; otherwise each
    distinct value is folded once, as names and organizations repeat from row to row.
    """
    joined = "\n".join(values)
    if joined.isascii():
        lowered = joined.lower().split("\n")
        if len(lowered) == len(values):  # no value holding a line break of its own
            return lowered
    known = {value: folded(value) for value in set(values)}
    return list(map(known.__getitem__, values))
