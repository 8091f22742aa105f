"""What a PDF page draws, read back from its content stream: rectangles and text runs with
their boxes in points, measured from the fonts' own widths and descent in the file."""

import re
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import ContentStream


@dataclass(frozen=True)
class Rect:
    left: float
    bottom: float
    right: float
    top: float
    filled: bool
    stroked: bool


@dataclass(frozen=True)
class Run:
    """One string shown by Tj: its raw bytes, its font's base name and size, and its box
    as pdfplumber reckons a character's: from the descent up by the size."""

    text: str
    font: str
    size: float
    left: float
    bottom: float
    right: float
    top: float
    baseline: float


def _multiply(a: list[float], b: list[float]) -> list[float]:
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def _apply(m: list[float], x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _to_unicode(font) -> dict[int, str]:
    """The font's ToUnicode map as ReportLab writes it: <code> <UTF-16> pairs, one a line."""
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1").split("beginbfchar")[-1]
    return {
        int(code, 16): bytes.fromhex(text).decode("utf-16-be")
        for code, text in re.findall(r"<([0-9A-Fa-f]{2})> <([0-9A-Fa-f]+)>", cmap)
    }


def read_page(reader: PdfReader, number: int) -> tuple[list[Rect], list[Run]]:
    """The rectangles and the text runs of one page (translation and scaling only)."""
    page = reader.pages[number]
    fonts = {
        name: value.get_object() for name, value in page["/Resources"].get("/Font", {}).items()
    }
    ctm, stack = [1.0, 0, 0, 1.0, 0, 0], []
    pending: list[tuple[float, float, float, float]] = []
    rects: list[Rect] = []
    runs: list[Run] = []
    font, size, tm = None, 0.0, [1.0, 0, 0, 1.0, 0, 0]
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        values = [float(v) for v in operands] if operator in (b"cm", b"re", b"Tm", b"Td") else []
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q":
            ctm = stack.pop()
        elif operator == b"cm":
            ctm = _multiply(values, ctm)
        elif operator == b"re":
            x, y, w, h = values
            (x0, y0), (x1, y1) = _apply(ctm, x, y), _apply(ctm, x + w, y + h)
            pending.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        elif operator in (b"f", b"f*", b"S", b"B", b"b", b"n", b"s"):
            filled = operator in (b"f", b"f*", b"B", b"b")
            stroked = operator in (b"S", b"B", b"b", b"s")
            if operator != b"n":
                rects += [Rect(*box, filled, stroked) for box in pending]
            pending = []
        elif operator == b"BT":
            tm = [1.0, 0, 0, 1.0, 0, 0]
        elif operator == b"Tm":
            tm = values
        elif operator == b"Td":
            tm = _multiply([1.0, 0, 0, 1.0, *values], tm)
        elif operator == b"Tf":
            font, size = fonts[operands[0]], float(operands[1])
        elif operator == b"Tj":
            data = bytes(getattr(operands[0], "original_bytes", operands[0]))
            first, widths = int(font["/FirstChar"]), [float(w) for w in font["/Widths"]]
            advance = sum(widths[code - first] for code in data) / 1000 * size
            descent = float(font["/FontDescriptor"]["/Descent"]) / 1000 * size
            m = _multiply(tm, ctm)
            x0, baseline = _apply(m, 0, 0)
            x1, _ = _apply(m, advance, 0)
            text = "".join(_to_unicode(font).get(code, "") for code in data)
            name = str(font["/BaseFont"]).split("+")[-1]
            bottom = baseline + descent
            runs.append(Run(text, name, size, x0, bottom, x1, bottom + size, baseline))
            tm = _multiply([1.0, 0, 0, 1.0, advance, 0], tm)
    return rects, runs
