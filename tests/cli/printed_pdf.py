"""A printed PDF read back once with pdfplumber and poppler: what each page draws, and the
faults a reader would see (a missing glyph, words on top of each other, text across a
table's row rule, words off the page)."""

import re
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pdfplumber
from reportlab.pdfbase import pdfmetrics

from delegation.reports.fonts import FACES, coverage

TOLERANCE = 0.5  # points
# Marks poppler adds around right-to-left runs: embeddings, overrides, directional marks.
_DIRECTION_MARKS = dict.fromkeys([*range(0x202A, 0x202F), 0x200E, 0x200F])
_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
_ROW_WIDTH = 100.0  # a filled band or a rule at least this wide is a table's row


@dataclass(frozen=True)
class Box:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class PrintedPage:
    number: int
    width: float
    height: float
    chars: tuple[tuple[str, str, Box], ...]  # (font without subset tag, text, box)
    smallest: float  # the size of the smallest character drawn, in points
    words: tuple[Box, ...]
    rows: tuple[Box, ...]  # the filled bands of table rows
    rules: tuple[Box, ...]  # horizontal rules between rows
    columns: tuple[Box, ...]  # vertical rules: between columns, a row's colour bar
    lines: tuple[str, ...]  # the characters on each baseline from left to right, normalised


@dataclass(frozen=True)
class PrintedPdf:
    path: Path
    pages: tuple[PrintedPage, ...]
    text: str  # poppler's reading, normalised as a reader searches it
    drawn: str  # poppler's reading in the order the strings are drawn, normalised too


def _page(number: int, page) -> PrintedPage:
    chars = tuple(
        (
            _SUBSET_TAG.sub("", c["fontname"]),
            c["text"],
            Box(c["text"], c["x0"], c["top"], c["x1"], c["bottom"]),
        )
        for c in page.chars
    )
    # Words in the order they are drawn: sorted by position, pdfplumber would merge two
    # strings drawn on top of each other into one word and hide the overlap.
    words = tuple(
        Box(w["text"], w["x0"], w["top"], w["x1"], w["bottom"])
        for w in page.extract_words(use_text_flow=True)
    )
    # A row may be painted twice (its stripe, then a shade over it): one band.
    rows = tuple(
        dict.fromkeys(
            Box("", r["x0"], r["top"], r["x1"], r["bottom"])
            for r in page.rects
            if r["fill"] and r["x1"] - r["x0"] >= _ROW_WIDTH and r["bottom"] - r["top"] > 2
        )
    )
    rules = tuple(
        Box("", line["x0"], line["top"], line["x1"], line["bottom"])
        for line in page.lines
        if abs(line["top"] - line["bottom"]) < 0.01 and line["x1"] - line["x0"] >= _ROW_WIDTH
    )
    columns = tuple(
        Box("", line["x0"], line["top"], line["x1"], line["bottom"])
        for line in page.lines
        if abs(line["x0"] - line["x1"]) < 0.01 and line["bottom"] - line["top"] >= 5
    )
    baselines: dict[float, list[dict]] = {}
    for char in page.chars:
        baselines.setdefault(round(char["matrix"][5], 1), []).append(char)
    lines = tuple(
        reader_text("".join(c["text"] for c in sorted(drawn, key=lambda c: c["x0"])))
        for _baseline, drawn in sorted(baselines.items(), reverse=True)
    )
    smallest = min((c["size"] for c in page.chars if c["text"].strip()), default=0.0)
    return PrintedPage(
        number, page.width, page.height, chars, smallest, words, rows, rules, columns, lines
    )


def reader_text(raw: str) -> str:
    """Text as a reader searches it: compatibility forms folded (Arabic presentation forms
    back to letters), poppler's direction marks dropped, typographic apostrophes read as
    typed ones, a line broken after a hyphen joined, runs of spaces made one."""
    text = unicodedata.normalize("NFKC", raw).translate(_DIRECTION_MARKS).replace("’", "'")
    text = re.sub(r"-\s*\n\s*", "-", text)
    return " ".join(text.split())


def read_pdf(path: Path) -> PrintedPdf:
    with pdfplumber.open(path) as pdf:
        pages = tuple(_page(number, page) for number, page in enumerate(pdf.pages, start=1))
    return PrintedPdf(path, pages, _poppler(path), _poppler(path, "-raw"))


def _poppler(path: Path, *options: str) -> str:
    done = subprocess.run(
        ["pdftotext", *options, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return reader_text(done.stdout.decode("utf-8"))


@cache
def _our_faces() -> dict[str, frozenset[str]]:
    """The characters of each face of ours, by the PostScript name a PDF calls it."""
    faces = {}
    for name in FACES:
        covered = coverage(name)
        if covered:  # not the emoji font of a system without one
            faces[pdfmetrics.getFont(name).face.name.decode("latin-1")] = covered
    return faces


def missing_glyphs(pdf: PrintedPdf) -> list[str]:
    """Characters drawn by a font of ours that has no glyph for them."""
    found = []
    for page in pdf.pages:
        for font, text, _box in page.chars:
            covered = _our_faces().get(font)
            if covered is None:
                found.append(f"page {page.number}: {text!r} in {font}, a font not ours")
                continue
            # Glyph 0, the empty box, reads back as U+0000, which some faces map.
            lacking = [char for char in text if char == "\x00" or char not in covered]
            if lacking:
                found.append(f"page {page.number}: {lacking!r} not in {font}")
    return found


def _overlap(a: Box, b: Box) -> bool:
    across = min(a.x1, b.x1) - max(a.x0, b.x0)
    down = min(a.bottom, b.bottom) - max(a.top, b.top)
    return across > TOLERANCE and down > TOLERANCE


def overlapping_words(pdf: PrintedPdf) -> list[str]:
    found = []
    for page in pdf.pages:
        words = sorted(page.words, key=lambda w: w.top)
        for index, word in enumerate(words):
            for other in words[index + 1 :]:
                if other.top >= word.bottom - TOLERANCE:
                    break  # sorted by top: no later word reaches down to this one
                if _overlap(word, other):
                    found.append(f"page {page.number}: {word.text!r} and {other.text!r}")
    return found


def words_off_the_page(pdf: PrintedPdf) -> list[str]:
    return [
        f"page {page.number}: {w.text!r} at ({w.x0:.1f}, {w.top:.1f})–({w.x1:.1f}, {w.bottom:.1f})"
        for page in pdf.pages
        for w in page.words
        if w.x0 < -TOLERANCE
        or w.top < -TOLERANCE
        or w.x1 > page.width + TOLERANCE
        or w.bottom > page.height + TOLERANCE
    ]


def characters_across_rules(pdf: PrintedPdf) -> list[str]:
    """Characters cut by a table's edge: a row band's top or bottom or a rule under a row
    running through them, or a vertical rule (the itinerary's columns, a row's colour
    bar) drawn across them. The lists draw no column borders: their columns are unchecked.
    """
    found = []
    for page in pdf.pages:
        edges = [(row, y) for row in page.rows for y in (row.top, row.bottom)]
        edges += [(rule, rule.top) for rule in page.rules]
        for _font, text, box in page.chars:
            if not text.strip():
                continue
            across = any(
                min(box.x1, edge.x1) - max(box.x0, edge.x0) > TOLERANCE
                and box.top + TOLERANCE < y < box.bottom - TOLERANCE
                for edge, y in edges
            )
            down = any(
                min(box.bottom, rule.bottom) - max(box.top, rule.top) > TOLERANCE
                and box.x0 + TOLERANCE < rule.x0 < box.x1 - TOLERANCE
                for rule in page.columns
            )
            if across or down:
                found.append(f"page {page.number}: {text!r} at ({box.x0:.1f}, {box.top:.1f})")
    return found
