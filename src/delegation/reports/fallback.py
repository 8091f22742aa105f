"""Text drawn in runs of fonts, so that a name in any script prints: each character in the
font asked for if it has it, else in one that has (fonts.font_runs); typeset on the way
by the rules of print of the language in force (i18n/typography.py); right-to-left text
put in display order line by line (bidi_lines.py).

Paragraphs get it by using this module's `Paragraph`; text drawn straight on a canvas
(badges, running headers) by `draw_string`, measured by `string_width`.
"""

from typing import Any, Literal

from reportlab import platypus
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import paragraph as paragraph_module

from delegation.i18n import current_language
from delegation.i18n.typography import typeset
from delegation.reports.bidi_lines import displayed, needs_ordering
from delegation.reports.fonts import font_runs
from delegation.reports.shared_drawing import recorded, scope_of, written

# ReportLab sets a paragraph's first baseline one font size under its top (its setting
# paraFontSizeHeightOffset, read once into this module); Noto's accents rise higher, into
# the paragraph above. Under the font's ascent instead: each line's box stays inside.
paragraph_module.paraFontSizeHeightOffset = 0


class Paragraph(platypus.Paragraph):
    """A Paragraph whose characters its fonts lack are drawn in a font that has them.

    Done on the parsed fragments, where each run's font is known, rather than in the
    markup: it then holds for translated labels and dates as for escaped user text, keeps
    bold and italic where the font has the character, and takes another face of the chain
    (Hebrew, Arabic, Chinese, symbols) for what it lacks. A paragraph cut at a page end
    comes back through here with fragments already split, which costs a set comparison
    each.
    """

    # ReportLab's, whose classes the checker sees as Any: declared for the reads below.
    frags: list
    blPara: Any

    def __init__(self, text, style=None, *args, **kwargs) -> None:
        super().__init__(text, style, *args, **kwargs)
        self.frags = _with_fallback(self.frags, current_language())
        # Most paragraphs hold no right-to-left text: they skip the reordering outright.
        self._bidi = any(needs_ordering(getattr(frag, "text", "") or "") for frag in self.frags)

    def drawPara(self, debug=0):
        """Draws the lines, or writes again the operators that drew them in an earlier
        document of the same batch (see shared_drawing): a cell shared by hundreds of
        itineraries is set once per process."""
        canvas = self.canv
        scope = None if debug else scope_of(canvas._doc)
        if scope is None:
            return self._draw_lines(debug)
        # The lines depend on the width they were broken to; a graphics state set around
        # the paragraph would change what it writes.
        key = (scope.token, self.width, self.height, tuple(canvas._extgstate._d.items()))
        drawn = self.__dict__.get("_drawn")
        if drawn is not None and drawn[0] == key:
            canvas._code.append(written(canvas._doc, drawn[1]))
            return
        start, links = len(canvas._code), canvas._annotationCount
        self._draw_lines(debug)
        # A link is an annotation of the page, not an operator: drawn anew each time.
        code = "\n".join(canvas._code[start:])
        recording = recorded(canvas._doc, code) if canvas._annotationCount == links else None
        self._drawn = (key, recording) if recording is not None else None

    def _draw_lines(self, debug) -> None:
        """Draws the lines, each put in display order first (see bidi_lines): breaking
        and splitting at a page end work on the text in logical order."""
        if not self._bidi:
            return super().drawPara(debug)
        logical = self.blPara
        self.blPara = displayed(logical)
        try:
            return super().drawPara(debug)
        finally:
            self.blPara = logical


def _with_fallback(frags: list, language: str) -> list:
    """The fragments typeset for `language`, each one cut where its characters need
    another font."""
    result = []
    for frag in frags:
        text = getattr(frag, "text", None)
        # Only plain text: images, links and ReportLab's own string subclasses (soft
        # hyphens, split words) stay as they are.
        if type(text) is not str or not text or hasattr(frag, "cbDefn"):
            result.append(frag)
            continue
        typeset_text = typeset(text, language)
        runs = font_runs(typeset_text, frag.fontName)
        if runs == [(text, frag.fontName)]:
            result.append(frag)
        else:
            result += [frag.clone(text=part, fontName=font) for part, font in runs]
    return result


def string_width(text: str, font: str, size: float) -> float:
    """The width of the text as `draw_string` draws it."""
    runs = font_runs(typeset(text, current_language()), font)
    return sum(stringWidth(part, run_font, size) for part, run_font in runs)


def shorten(text: str, font: str, size: float, width: float) -> str:
    """The text, cut with an ellipsis if needed, so that it fits the width at this size."""
    if string_width(text, font, size) <= width:
        return text
    while text and string_width(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…" if text else ""


def draw_string(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    *,
    anchor: Literal["start", "middle", "end"] = "start",
) -> None:
    """Draws one line of text from x (its middle at x, or its end), font by font.

    One text object for the whole line, so that a PDF reader copies it as one line.
    The canvas is left in `font` at `size`, as after setFont.
    """
    width, operators = _line(canvas, text, font, size)
    if anchor != "start":
        x -= width / 2 if anchor == "middle" else width
    canvas._code.append(f"q 1 0 0 1 {fp_str(x, y)} cm {operators} Q")
    canvas.setFont(font, size)


# Lines kept by a batch's scope: the labels, running headers and page numbers of its files.
_LINES_KEPT = 4096


def _line(canvas: Canvas, text: str, font: str, size: float) -> tuple[float, str]:
    """The line's width, and the text object that draws it from the origin: kept by the
    batch's scope (shared_drawing), so that a label on every page is set once."""
    language = current_language()
    scope = scope_of(canvas._doc)
    key = (text, font, size, language)
    known = scope.lines.get(key) if scope is not None else None
    if known is not None:
        return known[0], written(canvas._doc, known[1])
    runs = font_runs(typeset(text, language), font)
    line = canvas.beginText(0, 0)
    for part, run_font in runs:
        line.setFont(run_font, size)
        line.textOut(part)
    operators = line.getCode()
    width = sum(stringWidth(part, run_font, size) for part, run_font in runs)
    if scope is not None and len(scope.lines) < _LINES_KEPT:
        recording = recorded(canvas._doc, operators)
        if recording is not None:
            scope.lines[key] = (width, recording)
    return width, operators
