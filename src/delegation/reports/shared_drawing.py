"""What the documents of one batch share: one numbering of each font's characters, and so
the operators that draw a paragraph, kept with it and written again in the next document.

A batch of personal itineraries draws the same cells hundreds of times. ReportLab numbers
a TrueType font's characters per document, in the order it meets them, so the bytes that
draw a cell differ from one file to the next. Inside a `SharedDrawing` (one per batch, or
per worker process), every document enrolled when its canvas is made numbers them from
one table that only grows: a paragraph's operators hold in every one of them, up to the
names of the font resources, which are filled in per document. The price is that each
file embeds the characters met so far in the batch, a few hundred bytes a face.

The same font subsets and QR codes then recur from file to file: they are compressed
once (`REMEMBERED_FLATE`), and a subset cut out of its font once (`remembered`).
"""

import itertools
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from weakref import WeakKeyDictionary

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

_local = threading.local()
_tokens = itertools.count(1)
_enrolled: "WeakKeyDictionary[object, SharedDrawing]" = WeakKeyDictionary()


class SharedDrawing:
    """A scope in which documents share their fonts' numbering; used by one thread at a time."""

    def __init__(self) -> None:
        self.token = next(_tokens)  # never reused: a paragraph's operators name their scope
        self._numberings: dict[str, TTFont.State] = {}
        # Lines of text drawn on a canvas, by what they say and how (fallback.draw_string).
        self.lines: dict[tuple, tuple[float, Recording]] = {}

    @contextmanager
    def active(self) -> Iterator["SharedDrawing"]:
        """The documents begun in this thread meanwhile are enrolled."""
        previous = getattr(_local, "scope", None)
        _local.scope = self
        try:
            yield self
        finally:
            _local.scope = previous

    def state_for(self, font: TTFont) -> "_SharedState":
        numbering = self._numberings.get(font.fontName)
        if numbering is None:
            numbering = self._numberings[font.fontName] = TTFont.State(font._asciiReadable, font)
        return _SharedState(numbering)


def enrol(document) -> None:
    """Called as a document's canvas is made: it joins the scope active in this thread."""
    scope = getattr(_local, "scope", None)
    if scope is not None:
        _enrolled[document] = scope


def scope_of(document) -> SharedDrawing | None:
    return _enrolled.get(document)


class _SharedState:
    """One document's use of a scope's numbering of a font (ReportLab's TTFont.State):
    the characters' codes are the scope's; which of them are frozen, and the name of the
    font's resource, are the document's."""

    def __init__(self, numbering: TTFont.State) -> None:
        self._numbering = numbering
        self.frozen = 0
        self.internalName = None
        self.namePrefix = numbering.namePrefix

    @property
    def assignments(self) -> dict:
        return self._numbering.assignments

    @property
    def subsets(self) -> list:
        return self._numbering.subsets

    @property
    def nextCode(self) -> int:
        return self._numbering.nextCode

    @nextCode.setter
    def nextCode(self, value: int) -> None:
        self._numbering.nextCode = value


class FontStates(WeakKeyDictionary):
    """A TrueType font's states per document (ReportLab's TTFont.state): an enrolled
    document's is a view of its scope's numbering."""

    def __init__(self, font: TTFont) -> None:
        super().__init__()
        self._font = font

    def __getitem__(self, document):
        try:
            return super().__getitem__(document)
        except KeyError:
            scope = _enrolled.get(document)
            if scope is None:
                raise
            state = self[document] = scope.state_for(self._font)
            return state


# In a content stream, a string ("(Tallinn) Tj", its parentheses escaped inside) or a
# resource's name, such as a font's subset: "/F3+0".
_TOKEN = re.compile(r"\((?:\\.|[^\\)])*\)|/([A-Za-z]+\d+)(?:\+(\d+))?")

Recording = tuple[str | tuple[str, int], ...]


def recorded(document, code: str) -> Recording | None:
    """Operators written into `document`, with each font resource left as a (font,
    subset) hole; None when they use anything else held per document (a graphics state,
    an image, a font without subsets)."""
    if " gs" in code or " Do" in code:
        return None
    fonts = {internal.lstrip("/"): name for name, internal in document.fontMapping.items()}
    pieces: list[str | tuple[str, int]] = []
    last = 0
    for match in _TOKEN.finditer(code):
        if match.group(1) is None:  # a string: text, whatever it says
            continue
        font = fonts.get(match.group(1))
        if font is None or match.group(2) is None:
            return None
        pieces += [code[last : match.start()], (font, int(match.group(2)))]
        last = match.end()
    pieces.append(code[last:])
    return tuple(pieces)


def written(document, recording: Recording) -> str:
    """Recorded operators for a document of the same scope, naming its resources."""
    return "".join(
        piece
        if type(piece) is str
        else pdfmetrics.getFont(piece[0]).getSubsetInternalName(piece[1], document)
        for piece in recording
    )


def remembered(make: Callable, key: Callable = tuple, size: int = 128) -> Callable:
    """`make`, answered from memory when a file before asked the same (by `key` of its
    argument); the memory is emptied when full."""
    results: dict = {}

    def cached(argument):
        found = key(argument)
        result = results.get(found)
        if result is None:
            if len(results) >= size:
                results.clear()
            result = results[found] = make(argument)
        return result

    return cached


class RememberedFlate(pdfdoc.PDFStreamFilterZCompress):
    """Flate compression that keeps its latest results: the font subsets and QR codes
    that every file of a batch embeds alike are compressed once."""

    def __init__(self) -> None:
        self._compressed = remembered(super().encode, key=bytes)

    def encode(self, text: str | bytes) -> bytes:
        return self._compressed(text.encode("utf-8") if isinstance(text, str) else text)


REMEMBERED_FLATE = RememberedFlate()
