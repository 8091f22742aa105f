"""Text made ready for PDF drawing: right-to-left runs put in visual order, markup escaped."""

import re

# Hebrew, Arabic, Syriac, Thaana, NKo ... and their presentation forms.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def visual(text: str) -> str:
    """The text in display order: a Hebrew or Arabic name reads right; Latin text is untouched."""
    if not text or not _RTL.search(text):
        return text
    from bidi.algorithm import get_display

    return "\n".join(get_display(line) for line in text.split("\n"))


def escape(text: object) -> str:
    """Text safe inside Paragraph markup (&, <, >)."""
    if text is None:
        return ""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
