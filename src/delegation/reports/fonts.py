"""The fonts shipped in resources/fonts, registered once for every PDF (embedded, subset).

DejaVu draws the text; Droid Sans Fallback draws what DejaVu has no glyph for: Chinese
and Japanese (not Korean syllables, which it lacks too). `font_runs` says which font draws
each part of a text.
"""

import hashlib
import threading
from functools import cache
from importlib.resources import files
from itertools import groupby
from pathlib import Path

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
CONDENSED = "DejaVuSansCondensed"
CONDENSED_BOLD = "DejaVuSansCondensed-Bold"
FALLBACK = "DroidSansFallback"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    CONDENSED: "DejaVuSansCondensed.ttf",
    CONDENSED_BOLD: "DejaVuSansCondensed-Bold.ttf",
}
_FALLBACK_FILE = "DroidSansFallbackFull.ttf"


def subset_tag(face: str, subset: list[int]) -> str:
    """Six capital letters that name one subset of a face: the same characters give the
    same tag, other characters (almost surely) another one."""
    number = int.from_bytes(hashlib.sha1(f"{face}:{subset}".encode()).digest()[:8], "big")
    letters = []
    for _ in range(6):
        number, letter = divmod(number, 26)
        letters.append(chr(ord("A") + letter))
    return "".join(letters)


class TaggedTTFont(TTFont):
    """A TrueType font whose embedded subsets each carry their own tag.

    ReportLab tags a font's subsets by their number (AAAAAA+, AAAAAB+…), so every face's
    first subset is AAAAAA+, and viewers or merging tools that key fonts by name may take
    DejaVuSans subset 0 of one file for that of another. The PDF specification wants a
    tag per subset; it is derived from the subset's characters, and set on the objects
    ReportLab has just made (the font's BaseFont, its descriptor's FontName, the name in
    its ToUnicode map).
    """

    def addObjects(self, doc) -> None:
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)
        if state is None or state.internalName is None:
            return
        fonts = doc.idToObject["BasicFonts"].dict
        for number, subset in enumerate(subsets):
            font = fonts.get(f"{state.internalName}+{number}")
            old = getattr(font, "BaseFont", "")
            descriptor = doc.idToObject.get("fontDescriptor:" + old)
            cmap = doc.idToObject.get("toUnicodeCMap:" + old)
            if descriptor is None or cmap is None:  # another ReportLab: its names stay
                continue
            new = subset_tag(self.face.name.decode("latin-1"), subset) + old[old.index("+") :]
            font.BaseFont = new
            descriptor.dict["FontName"] = pdfdoc.PDFName(new)
            cmap.content = cmap.content.replace(old, new)


_lock = threading.RLock()
_registered = False
_fallback_registered = False


def fonts_folder() -> Path:
    return Path(str(files("delegation").joinpath("resources", "fonts")))


def register_fonts() -> None:
    """Registers the fonts and their families (so <b> and <i> work); cheap after the first call."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        folder = fonts_folder()
        for name, filename in _FILES.items():
            pdfmetrics.registerFont(TaggedTTFont(name, str(folder / filename)))
        # No bold-oblique file is shipped: <b><i> falls back to bold.
        pdfmetrics.registerFontFamily(
            REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD
        )
        pdfmetrics.registerFontFamily(
            CONDENSED,
            normal=CONDENSED,
            bold=CONDENSED_BOLD,
            italic=CONDENSED,
            boldItalic=CONDENSED_BOLD,
        )
        _registered = True


def register_fallback() -> None:
    """Registers Droid Sans Fallback (one face, also for bold and italic).

    Only when a text needs it: the file is 4 MB, and most documents (Latin, Greek,
    Cyrillic, Hebrew, Arabic names) never do. Like the others it is embedded as a subset
    of the characters drawn, so a few Chinese names add a few kilobytes to a PDF.
    """
    global _fallback_registered
    if _fallback_registered:
        return
    with _lock:
        if not _fallback_registered:
            pdfmetrics.registerFont(TaggedTTFont(FALLBACK, str(fonts_folder() / _FALLBACK_FILE)))
            _fallback_registered = True


@cache
def coverage(font: str) -> frozenset[str] | None:
    """The characters the font has a glyph for (read from its character map once); None
    for a font that is not a TrueType file (PDF's standard fonts), taken as it is."""
    if font == FALLBACK:
        register_fallback()
    else:
        register_fonts()
    glyphs = getattr(pdfmetrics.getFont(font).face, "charToGlyph", None)
    return None if glyphs is None else frozenset(map(chr, glyphs))


def _font_for(char: str, font: str) -> str:
    """The font that draws the character: the one asked for if it can, else upright DejaVu
    (the oblique face has no Arabic), else the fallback; if none can, the one asked for."""
    for candidate in (font, REGULAR, FALLBACK):
        if char in coverage(candidate):
            return candidate
    return font


def font_runs(text: str, font: str) -> list[tuple[str, str]]:
    """The text cut into (part, font) runs, each part drawn by a font that has its glyphs.

    A character that no font has stays in `font`, drawn as the font's missing-glyph box.
    """
    covered = coverage(font)
    if covered is None or covered.issuperset(text):
        return [(text, font)]
    return [
        ("".join(chars), chosen)
        for chosen, chars in groupby(text, key=lambda char: _font_for(char, font))
    ]
