"""Right-to-left text put in display order line by line, once a paragraph is broken into lines.

ReportLab draws a line's characters left to right as stored. Reordering a whole text
before it is broken makes a wrapped Hebrew title show its end on the first line; so the
text stays in logical order while ReportLab measures and breaks it, and each line is
reordered just before it is drawn (Unicode's rules L1–L4 apply per line).

A piece of user text inside a document sentence ("Host: <name> (<role>)") is marked by
`text.marked` between an embedding mark and U+202C, and reordered on its own, in its own
direction, as an isolate would be: the sentence around it stays in the document's order.
Text outside marks is taken as left to right, the documents' direction. The marks have
no width in the fonts and are dropped from the line drawn.
"""

import re
from itertools import groupby

from bidi.algorithm import (
    PARAGRAPH_LEVELS,
    apply_mirroring,
    explicit_embed_and_overrides,
    get_base_level,
    get_embedding_levels,
    get_empty_storage,
    reorder_resolved_levels,
    resolve_implicit_levels,
    resolve_neutral_types,
    resolve_weak_types,
)
from reportlab.platypus.paragraph import ParaLines

LEFT_TO_RIGHT_MARK = "\u202a"  # LRE: the field reads left to right
RIGHT_TO_LEFT_MARK = "\u202b"  # RLE: the field reads right to left
END_MARK = "\u202c"  # PDF: the field ends
OPENERS = {LEFT_TO_RIGHT_MARK: "L", RIGHT_TO_LEFT_MARK: "R"}
MARKS = frozenset((LEFT_TO_RIGHT_MARK, RIGHT_TO_LEFT_MARK, END_MARK))
# Hebrew, Arabic, Syriac, Thaana, NKo ... and their presentation forms.
RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
NEEDS_ORDERING = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u202a-\u202c]")
# Stands for a piece of a line that is not text (an image): neutral, kept as it is.
OBJECT = "\ufffc"
AUTO = "auto"


def needs_ordering(text: str) -> bool:
    return NEEDS_ORDERING.search(text) is not None


def _segment_order(text: str, direction: str) -> list[tuple[int, str]]:
    """(index, character drawn) of `text`'s characters in display order, for a run read
    in `direction` ("L", "R", or AUTO for its first strong character's)."""
    if not RIGHT_TO_LEFT.search(text):
        return list(enumerate(text))
    storage = get_empty_storage()
    level = get_base_level(text) if direction == AUTO else PARAGRAPH_LEVELS[direction]
    storage["base_level"] = level
    storage["base_dir"] = ("L", "R")[level]
    get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    explicit_embed_and_overrides(storage)
    resolve_weak_types(storage)
    resolve_neutral_types(storage, False)
    resolve_implicit_levels(storage, False)
    reorder_resolved_levels(storage, False)
    apply_mirroring(storage, False)
    return [(char["index"], char["ch"]) for char in storage["chars"]]


def display_order(text: str, field: str | None) -> tuple[list[tuple[int, str]], str | None]:
    """One line's characters in display order, as (index in `text`, character drawn),
    marks left out; and the direction of a field still open at the line's end.

    `field` is the direction of a field begun on an earlier line, None outside one. A
    closing mark that nothing opened ends a field begun before this piece of a paragraph
    (cut at a page end): it reads in its first strong character's direction.
    """
    first_mark = next((char for char in text if char in MARKS), None)
    if field is None and first_mark == END_MARK:
        field = AUTO
    order: list[tuple[int, str]] = []
    start = 0
    for index, char in enumerate(text):
        if char in MARKS:
            order += _run_order(text, start, index, field)
            field = None if char == END_MARK else OPENERS[char]
            start = index + 1
    order += _run_order(text, start, len(text), field)
    return order, field


def in_display_order(line: str) -> str:
    """A line drawn whole (not broken by a paragraph), in display order, marks dropped."""
    order, _field = display_order(line, None)
    return "".join(char for _index, char in order)


def _run_order(text: str, start: int, end: int, field: str | None) -> list[tuple[int, str]]:
    """The display order of text[start:end], a field's piece or (None) the document's."""
    if start >= end:
        return []
    return [(start + i, drawn) for i, drawn in _segment_order(text[start:end], field or "L")]


def displayed(para: ParaLines) -> ParaLines:
    """A broken paragraph (ReportLab's ParaLines) with each line in display order; the
    same object when no line has right-to-left text or marks."""
    field: str | None = None
    lines = []
    changed = False
    for line in para.lines:
        if para.kind == 0:
            extra, words = line
            text = " ".join(words)
            if field is None and not needs_ordering(text):
                lines.append(line)
                continue
            order, field = display_order(text, field)
            drawn = "".join(char for _index, char in order)
            lines.append((extra, [word for word in drawn.split(" ") if word]))
        else:
            pieces = [_text_of(frag) for frag in line.words]
            text = "".join(pieces)
            if field is None and not needs_ordering(text):
                lines.append(line)
                continue
            order, field = display_order(text, field)
            lines.append(line.clone(words=_regrouped(line.words, pieces, order)))
        changed = True
    return para.clone(lines=lines) if changed else para


def _text_of(frag) -> str:
    text = getattr(frag, "text", None)
    return text if isinstance(text, str) and not hasattr(frag, "cbDefn") else OBJECT


def _regrouped(frags: list, pieces: list[str], order: list[tuple[int, str]]) -> list:
    """The line's fragments again, each run of characters of one fragment in display
    order made a copy of it; a fragment that is not text kept whole."""
    owner = [number for number, piece in enumerate(pieces) for _char in piece]
    result = []
    for number, run in groupby(order, key=lambda pair: owner[pair[0]]):
        frag = frags[number]
        text = "".join(char for _index, char in run)
        result.append(frag if pieces[number] == OBJECT else frag.clone(text=text))
    return result
