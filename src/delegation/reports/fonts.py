"""The DejaVu fonts shipped in resources/fonts, registered once for every PDF (embedded, subset)."""

import threading
from importlib.resources import files
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
CONDENSED = "DejaVuSansCondensed"
CONDENSED_BOLD = "DejaVuSansCondensed-Bold"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    CONDENSED: "DejaVuSansCondensed.ttf",
    CONDENSED_BOLD: "DejaVuSansCondensed-Bold.ttf",
}

_lock = threading.Lock()
_registered = False


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
            pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
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
