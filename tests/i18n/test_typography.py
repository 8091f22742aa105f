"""The rules of print: where a line must not break, and which apostrophe, per language."""

from datetime import date

import pdfplumber
import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate

from delegation.i18n import set_language
from delegation.i18n.formatting import format_date
from delegation.i18n.typography import NO_BREAK, typeset
from delegation.reports.fallback import Paragraph
from delegation.reports.fonts import REGULAR, register_fonts

NB = NO_BREAK


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lieu : Tallinn ; départ ! Prêts ?", f"Lieu{NB}: Tallinn{NB}; départ{NB}! Prêts{NB}?"),
        ("« Bonjour »", f"«{NB}Bonjour{NB}»"),
        ("Appelez le +372 5555 0105", f"Appelez le +372{NB}5555{NB}0105"),
        ("Portable : 06 12 34 56 78", f"Portable{NB}: 06{NB}12{NB}34{NB}56{NB}78"),
        ("lundi 1er avril, puis le 7 mai", f"lundi 1er{NB}avril, puis le 7{NB}mai"),
        ("À 14 h 30, 45 min, 10 km", f"À 14{NB}h{NB}30, 45{NB}min, 10{NB}km"),
        ("D'Auvergne, l'hôtel", "D’Auvergne, l’hôtel"),
        ("https://example.org/a:b", "https://example.org/a:b"),
    ],
)  # fmt: skip
def test_french_print_rules(text, expected):
    assert typeset(text, "fr") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Venue: Tallinn; leave!", "Venue: Tallinn; leave!"),
        ("Monday 8 May, or May 8", f"Monday 8{NB}May, or May{NB}8"),
        ("Call +44 20 7946 0958", f"Call +44{NB}20{NB}7946{NB}0958"),
        ("O'Brien's 'quoted' word", "O’Brien’s 'quoted' word"),
    ],
)
def test_english_print_rules(text, expected):
    assert typeset(text, "en") == expected


def test_the_first_of_the_month_is_written_1er_in_french_only():
    assert format_date(date(2024, 4, 1), "EEEE d MMMM y", "fr") == "lundi 1er avril 2024"
    assert format_date(date(2024, 4, 2), "EEEE d MMMM y", "fr") == "mardi 2 avril 2024"
    assert format_date(date(2024, 4, 1), "long", "fr") == "1er avril 2024"
    assert format_date(date(2024, 4, 1), "short", "fr") == "01/04/2024"
    assert format_date(date(2024, 4, 1), "EEEE d MMMM y", "en") == "Monday 1 April 2024"


def _lines_of(text: str, width: float, tmp_path, language: str) -> list[str]:
    """The lines a paragraph of `text` prints as, `width` points wide, read back."""
    register_fonts()
    set_language(language)
    path = tmp_path / "paragraph.pdf"
    style = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=12)
    SimpleDocTemplate(str(path), leftMargin=20, rightMargin=20).build(
        [Paragraph(text, style)] if width is None else [_Narrow(Paragraph(text, style), width)]
    )
    with pdfplumber.open(path) as pdf:
        return pdf.pages[0].extract_text().replace(NB, " ").splitlines()


class _Narrow:
    """A paragraph wrapped to a given width whatever the frame's."""

    def __new__(cls, paragraph, width):
        from reportlab.platypus import Table

        return Table([[paragraph]], colWidths=[width], style=[("LEFTPADDING", (0, 0), (-1, -1), 0)])


@pytest.mark.parametrize("width", [100, 115, 130, 150, 170])  # the number fits a line
def test_a_phone_number_and_a_colon_never_start_or_split_a_line(tmp_path, width):
    lines = _lines_of("Accueil de la délégation : appelez le +372 5555 0105 dès l'arrivée", width,
                      tmp_path, "fr")  # fmt: skip
    assert not any(line.lstrip().startswith(":") for line in lines), lines
    assert any("+372 5555 0105" in line for line in lines), lines


def test_durations_are_written_as_each_language_writes_them():
    from delegation.i18n.formatting import format_duration

    assert [format_duration(m, "fr") for m in (215, 120, 45)] == ["3 h 35", "2 h", "45 min"]
    assert [format_duration(m, "en") for m in (215, 120, 45)] == ["3 hr 35 min", "2 hr", "45 min"]


def test_greek_capitals_drop_their_accents_and_others_keep_theirs():
    from delegation.i18n.typography import capitals

    assert capitals("Παπαδόπουλος") == "ΠΑΠΑΔΟΠΟΥΛΟΣ"
    assert capitals("Μαΐστρος") == "ΜΑΪΣΤΡΟΣ"  # the diaeresis stays, its tonos goes
    assert capitals("Dupré") == "DUPRÉ" and capitals("Õunapuu") == "ÕUNAPUU"
    assert capitals("לוי") == "לוי"
