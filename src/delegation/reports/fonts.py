"""The fonts of the documents, registered once for every PDF (embedded, subset).

Noto Sans, a family drawn for reading in print and on screen, sets the text: regular,
italic, bold, and a condensed cut for narrow places (badges, tight columns). A chain of
faces draws what it lacks, chosen per character run (`font_runs`): Noto Sans Hebrew, made
to sit beside it; DejaVu Sans for Arabic and symbols (⚠, arrows); Droid Sans Fallback for
Chinese and Japanese; then, where the system has them, a Korean face (Nanum Gothic, Malgun
Gothic, AppleGothic) and a symbol face with emoji (Symbola, Segoe UI Symbol, Apple
Symbols), too large to ship or not free to. All the others are shipped, with their
licences.
`unprintable` tells which characters of a text none of them draws.
"""

import hashlib
import os
import re
import threading
import unicodedata
from functools import cache
from importlib.resources import files
from itertools import groupby
from pathlib import Path

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from delegation.reports.shared_drawing import REMEMBERED_FLATE, FontStates, remembered

REGULAR = "NotoSans"
BOLD = "NotoSans-Bold"
ITALIC = "NotoSans-Italic"
BOLD_ITALIC = "NotoSans-BoldItalic"
CONDENSED = "NotoSans-Condensed"
CONDENSED_BOLD = "NotoSans-CondensedBold"
HEBREW = "NotoSansHebrew"
HEBREW_BOLD = "NotoSansHebrew-Bold"
SYMBOLS = "DejaVuSans"
SYMBOLS_BOLD = "DejaVuSans-Bold"
FALLBACK = "DroidSansFallback"
EMOJI = "SystemSymbols"
KOREAN = "SystemKorean"

_FAMILY = {
    REGULAR: "NotoSans-Regular.ttf",
    BOLD: "NotoSans-Bold.ttf",
    ITALIC: "NotoSans-Italic.ttf",
    BOLD_ITALIC: "NotoSans-BoldItalic.ttf",
    CONDENSED: "NotoSans-Condensed.ttf",
    CONDENSED_BOLD: "NotoSans-CondensedBold.ttf",
}
# Registered when a text first needs them: most documents never do.
_ON_DEMAND = {
    HEBREW: "NotoSansHebrew-Regular.ttf",
    HEBREW_BOLD: "NotoSansHebrew-Bold.ttf",
    SYMBOLS: "DejaVuSans.ttf",
    SYMBOLS_BOLD: "DejaVuSans-Bold.ttf",
    FALLBACK: "DroidSansFallbackFull.ttf",
}
# Every face a document may embed.
FACES = (*_FAMILY, *_ON_DEMAND, KOREAN, EMOJI)
_BOLD_FACES = frozenset((BOLD, BOLD_ITALIC, CONDENSED_BOLD, HEBREW_BOLD, SYMBOLS_BOLD))
# Faces too large to ship, taken from the system where it has one (TrueType outlines only),
# each looked for in these places in turn: a Korean face (Hangul, which Droid Sans Fallback
# lacks: 4.7 MB) and a monochrome one with emoji (color emoji fonts cannot be embedded).
SYSTEM_FILES = {
    KOREAN: (
        "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",  # Debian, Ubuntu: fonts-nanum
        "/usr/share/fonts/nanum-gothic-fonts/NanumGothic.ttf",  # Fedora
        "/usr/share/fonts/TTF/NanumGothic.ttf",  # Arch
        os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts", "malgun.ttf"),
        "/System/Library/Fonts/Supplemental/AppleGothic.ttf",
    ),
    EMOJI: (
        "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",  # Debian: fonts-symbola
        "/usr/share/fonts/gdouros-symbola/Symbola.ttf",  # Fedora
        "/usr/share/fonts/TTF/Symbola.ttf",  # Arch
        os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts", "seguisym.ttf"),
        "/System/Library/Fonts/Apple Symbols.ttf",
    ),
}


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

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self.state = FontStates(self)  # a batch's documents may share a numbering
        self.face.makeSubset = remembered(self.face.makeSubset)

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
            embedded = doc.idToObject.get(f"fontFile:{self.face.filename}({old})")
            if embedded is not None and embedded.filters:
                embedded.filters = [REMEMBERED_FLATE]
            new = subset_tag(self.face.name.decode("latin-1"), subset) + old[old.index("+") :]
            font.BaseFont = new
            descriptor.dict["FontName"] = pdfdoc.PDFName(new)
            cmap.content = _utf16_destinations(cmap.content.replace(old, new))


# A ToUnicode entry whose character is beyond U+FFFF: "<07> <1F389>".
_WIDE_ENTRY = re.compile(r"<([0-9A-F]{2})> <([0-9A-F]{5,6})>")


def _utf16_destinations(cmap: str) -> str:
    """The map with each character beyond U+FFFF (an emoji) written as UTF-16, its
    surrogate pair, as the PDF format wants: ReportLab writes the bare number, which
    readers reject, and the emoji could not be copied or searched."""

    def utf16(entry: re.Match) -> str:
        code = chr(int(entry.group(2), 16)).encode("utf-16-be").hex().upper()
        return f"<{entry.group(1)}> <{code}>"

    return _WIDE_ENTRY.sub(utf16, cmap)


_lock = threading.RLock()
_registered: set[str] = set()


def fonts_folder() -> Path:
    return Path(str(files("delegation").joinpath("resources", "fonts")))


def register_fonts() -> None:
    """Registers the text family (so <b> and <i> work); cheap after the first call."""
    if REGULAR in _registered:
        return
    with _lock:
        if REGULAR in _registered:
            return
        folder = fonts_folder()
        for name, filename in _FAMILY.items():
            pdfmetrics.registerFont(TaggedTTFont(name, str(folder / filename)))
        pdfmetrics.registerFontFamily(
            REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        pdfmetrics.registerFontFamily(
            CONDENSED, normal=CONDENSED, bold=CONDENSED_BOLD, italic=CONDENSED,
            boldItalic=CONDENSED_BOLD,
        )  # fmt: skip
        _registered.update(_FAMILY)


def _register(font: str) -> bool:
    """Registers a face of the chain; False for a face of the system it does not have."""
    if font in _registered:
        return True
    if font not in SYSTEM_FILES and font not in _ON_DEMAND:  # the family, or made elsewhere
        register_fonts()
        return True
    with _lock:
        if font not in _registered:
            path = (
                system_file(font)
                if font in SYSTEM_FILES
                else str(fonts_folder() / _ON_DEMAND[font])
            )
            if path is None:
                return False
            pdfmetrics.registerFont(TaggedTTFont(font, path))
            _registered.add(font)
    return True


@cache
def system_file(font: str) -> str | None:
    """The system's file of a face not shipped (KOREAN, EMOJI); None if it has none."""
    return next((path for path in SYSTEM_FILES[font] if os.path.isfile(path)), None)


@cache
def coverage(font: str) -> frozenset[str] | None:
    """The characters the font has a glyph for (read from its character map once); None
    for a font that is not a TrueType file (PDF's standard fonts), taken as it is; empty
    for a face of the system that it does not have."""
    if not _register(font):
        return frozenset()
    glyphs = getattr(pdfmetrics.getFont(font).face, "charToGlyph", None)
    return None if glyphs is None else frozenset(map(chr, glyphs))


def _chain(font: str) -> tuple[str, ...]:
    """The faces that may draw a character of a text set in `font`, in order."""
    # Arabic in DejaVu: Noto Sans Arabic's line box is twice the text's height (room for
    # stacked vowel marks names seldom carry), which would push the lines apart.
    if font in _BOLD_FACES:
        return (font, BOLD, HEBREW_BOLD, SYMBOLS_BOLD, FALLBACK, KOREAN, EMOJI)
    return (font, REGULAR, HEBREW, SYMBOLS, FALLBACK, KOREAN, EMOJI)


def _font_for(char: str, font: str) -> str:
    """The first face of the chain that has the character; if none has it, `font`."""
    for candidate in _chain(font):
        covered = coverage(candidate)
        if covered is None or char in covered:
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


def unprintable(text: str) -> str:
    """The characters of the text that no face of the chain draws, each once, in the order
    met; spaces and invisible marks (direction, joiners), which draw nothing, are left out."""
    covered = coverage(REGULAR) or frozenset()
    missing: dict[str, None] = {}
    for char in text:
        if char in covered or char in missing:
            continue
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf"):
            continue
        if char not in (coverage(_font_for(char, REGULAR)) or ()):
            missing[char] = None
    return "".join(missing)
