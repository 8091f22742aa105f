"""Right-to-left text ordered line by line after breaking, read back from the PDF.

poppler's pdftotext puts a right-to-left line back in logical order, as a reader copying
from the PDF gets it: a name drawn right reads back as it was typed.
"""

import shutil
import subprocess
import unicodedata

import pdfplumber
import pytest
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from delegation.reports.base import build_pdf, styles
from delegation.reports.bidi_lines import display_order
from delegation.reports.elements import markup
from delegation.reports.fallback import Paragraph
from delegation.reports.text import marked

TITLE = "ביקור במכון ויצמן למדע ברחובות עם צוות החוקרים"  # a visit to the Weizmann Institute
GROUP = "(קבוצה ב)"  # "(group B)"


def _drawn(text: str) -> str:
    return "".join(char for _index, char in display_order(text, None)[0])


def _lines(paragraphs: list[str], tmp_path, width: float = 45 * mm) -> list[str]:
    """The paragraphs drawn in a narrow column, read back line by line in logical order."""
    path = tmp_path / "bidi.pdf"
    style = styles()["body"]
    build_pdf(path, [_Column(Paragraph(text, style), width) for text in paragraphs],
              title="bidi", header="")  # fmt: skip
    out = subprocess.run(
        ["pdftotext", "-nopgbrk", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    strip = str.maketrans("", "", "\u202a\u202b\u202c\u200e\u200f")
    lines = [
        unicodedata.normalize("NFKC", line.translate(strip)).strip() for line in out.splitlines()
    ]
    return [line for line in lines if line and not line.startswith("Page ")]  # no footer


class _Column(Flowable):
    """A paragraph drawn in a column narrower than the frame."""

    def __init__(self, paragraph, width):
        super().__init__()
        self.paragraph, self.column = paragraph, width

    def wrap(self, available_width, available_height):
        return self.paragraph.wrap(self.column, available_height)

    def draw(self):
        self.paragraph.drawOn(self.canv, 0, 0)


pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def test_a_field_is_ordered_on_its_own_and_the_sentence_keeps_its_order():
    name, role = "فاطمة", "مديرة"
    line = marked(name) + " (" + marked(role) + ") — +972 3 555 0102"
    drawn = _drawn(line)
    # Name then role, left to right as the sentence goes; each one reversed in itself,
    # the brackets and the phone number untouched.
    assert drawn.index(marked(role)[1:-1][::-1]) > drawn.index(marked(name)[1:-1][::-1])
    assert drawn.endswith(") — +972 3 555 0102")
    assert "\u202b" not in drawn and "\u202c" not in drawn


def test_brackets_in_a_right_to_left_field_are_mirrored():
    # Drawn left to right, the field's last character comes first: its ")" must be drawn
    # as "(" to show the bracket that closes the field on its left.
    assert _drawn(marked(GROUP)) == "(ב הצובק)"


def test_a_field_cut_between_lines_goes_on_in_its_direction():
    _first, field = display_order("Hôte : \u202bשלום", None)
    assert field == "R"
    second, field = display_order("עולם\u202c et la suite", field)
    assert field is None
    assert "".join(c for _i, c in second) == "םלוע et la suite"
    # The second half of a paragraph cut at a page end starts inside the field.
    third, _field = display_order("עולם\u202c et la suite", None)
    assert "".join(c for _i, c in third) == "םלוע et la suite"


def test_marks_typed_by_a_user_cannot_open_fields():
    assert marked("\u202eevil\u202c name") == "evil name"
    assert marked("Noa לוי") == "\u202aNoa לוי\u202c"  # Latin first: a left-to-right field
    assert marked("לוי\nNoa") == "\u202bלוי\u202c\nNoa"


@pdftotext
def test_a_wrapped_hebrew_title_reads_from_its_first_word_on_its_first_line(tmp_path):
    lines = _lines([markup(TITLE)], tmp_path)
    assert len(lines) >= 2  # it wraps
    assert lines[0].startswith("ביקור")  # the title's start, not its end, comes first
    assert " ".join(lines) == TITLE


@pdftotext
def test_a_bracketed_group_name_stays_whole_and_is_drawn_with_its_brackets(tmp_path):
    text = f"Visite de l’usine {markup(GROUP)} puis déjeuner avec {markup('יוסף כהן')}"
    lines = _lines([text], tmp_path, width=60 * mm)
    assert len(lines) >= 2 and "יוסף כהן" in " ".join(lines)
    # Drawn left to right: the bracket that opens the field on the right, the one that
    # closes it on the left, the words between them in right-to-left order, on one line.
    # (Readers copy neutral brackets around right-to-left text in drawing order.)
    with pdfplumber.open(tmp_path / "bidi.pdf") as pdf:
        drawn = pdf.pages[0].extract_text()
    assert "(ב הצובק)" in drawn.split("\n")[0]


@pdftotext
def test_arabic_wraps_joined_and_reads_back_as_typed(tmp_path):
    name = "فاطمة الزهراء بنت محمد عبد الرحمن"
    lines = _lines([f"Hôte : {markup(name)}"], tmp_path, width=35 * mm)
    assert len(lines) >= 2
    assert " ".join(lines).replace("Hôte : ", "") == name
