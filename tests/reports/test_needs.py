"""Needs on the lists: a dietary field read as whole needs, allergies first and marked,
known diets and emergency labels in the document's language."""

from datetime import date, time

import pytest
from pypdf import PdfReader

from delegation.i18n import set_language
from delegation.i18n.vocabulary import comparison_key, labelled_line
from delegation.reports.dietary import (
    ALLERGY_MARK,
    DietaryCounts,
    Diner,
    Meal,
    count_needs,
    draw_dietary_counts,
)
from delegation.reports.needs import dietary_needs, is_allergy, written_needs

NUTS = (
    "Allergie sévère aux fruits à coque (arachides, noix de cajou, pistaches) — "
    "porte un stylo d'adrénaline"
)
FRENCH_DIETS = ("végétarien", "végétalien", "sans gluten", "sans lactose", "casher", "sans porc")
ENGLISH_DIETS = ("vegetarian", "vegan", "gluten-free", "lactose-free", "kosher", "no pork")


def texts(field: str | None) -> tuple[str, ...]:
    return tuple(need.text for need in dietary_needs(field))


def test_a_sentence_with_commas_in_brackets_is_one_need():
    (need,) = dietary_needs(NUTS)
    assert need.text == NUTS and need.allergy


def test_needs_are_cut_only_between_needs():
    set_language("en")
    assert texts(f"{NUTS}\nvégétarienne") == (NUTS, "Vegetarian")
    assert texts("sans gluten, sans lactose / halal") == ("Gluten-free", "Lactose-free", "Halal")
    # A comma inside a free-text need keeps it whole; one next to a known diet cuts.
    assert texts("Allergie aux arachides, noix de cajou, sans porc") == (
        "Allergie aux arachides, noix de cajou",
        "No pork",
    )
    assert texts("Pas de poisson cru, ni de fromage au lait cru") == (
        "Pas de poisson cru, ni de fromage au lait cru",
    )
    assert texts("intolérance (lait ; œufs) ; vegan") == ("intolérance (lait ; œufs)", "Vegan")


@pytest.mark.parametrize(
    "text",
    [
        "Peanut allergy", "Allergique aux crustacés", "risque d'anaphylaxie",
        "carries an EpiPen", "stylo d'ADRÉNALINE", "adrenaline pen",
    ],
)  # fmt: skip
def test_allergies_are_recognised_in_both_languages(text):
    assert is_allergy(text)


@pytest.mark.parametrize("text", ["Végétarien", "sans gluten", "intolérance au lactose"])
def test_other_needs_are_not_allergies(text):
    assert not is_allergy(text)


def test_known_diets_are_shown_in_the_document_language_both_ways():
    set_language("fr")
    assert written_needs("Vegetarian; GLUTEN FREE; Kosher") == "Végétarien; Sans gluten; Casher"
    set_language("en")
    assert written_needs("végétarien ; Sans-Gluten ; cacher") == "Vegetarian; Gluten-free; Kosher"
    assert written_needs("Pas de coriandre") == "Pas de coriandre"  # free text as typed
    # A field read once in one language is read again in the other.
    assert written_needs("Vegetarian; GLUTEN FREE; Kosher") == "Vegetarian; Gluten-free; Kosher"
    # The same need in two languages is counted once.
    diners = [Diner("A", "sans gluten"), Diner("B", "Gluten-free"), Diner("C", "vegan")]
    assert [(n.text, people) for n, people in count_needs(diners)] == [
        ("Gluten-free", ["A", "B"]),
        ("Vegan", ["C"]),
    ]


def test_allergies_come_first():
    diners = [Diner(f"P{n}", "végétarien") for n in range(5)] + [Diner("Q", NUTS)]
    first, second = count_needs(diners)
    assert first[0].allergy and first[1] == ["Q"] and not second[0].allergy


def _sheet(tmp_path, language: str):
    set_language(language)
    diners = (
        Diner("BENHAMOU Sarah", f"{NUTS}\nsans gluten"),
        Diner("NICOLAÏ Élodie", "Végétarienne, sans lactose"),
        Diner("ÕUNAPUU Jüri", "vegan / halal"),
        Diner("COHEN David", "casher; sans porc"),
        Diner("SMITH Anna", "Gluten-free, pescatarian"),
        Diner("IVANOV Dmitri", None),
    )
    meal = Meal(date(2023, 5, 7), time(19, 30), "Dîner", "Olde Hansa", diners)
    target = tmp_path / f"meals-{language}.pdf"
    draw_dietary_counts(DietaryCounts("Mission", "Mission — Tallinn", (meal,)), target)
    return target


def _lines(path) -> list[str]:
    """The lines as laid out on the page: a table row's cells side by side."""
    pages = [page.extract_text(extraction_mode="layout") for page in PdfReader(path).pages]
    lines = (" ".join(line.split()) for page in pages for line in page.splitlines())
    return [line for line in lines if line]


def _runs(path) -> list[tuple[str, str, tuple[float, ...]]]:
    """Each piece of text drawn, with its font's name and the fill colour in force."""
    runs, colour = [], [(0.0, 0.0, 0.0)]

    def before(operator, operands, _cm, _tm):
        if operator == b"rg":
            colour[0] = tuple(round(float(value), 3) for value in operands)

    def text(content, _cm, _tm, font, _size):
        if content.strip():
            runs.append((content, str((font or {}).get("/BaseFont", "")), colour[0]))

    for page in PdfReader(path).pages:
        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return runs


def test_the_nut_allergy_stays_one_row_naming_the_person_highlighted(tmp_path):
    path = _sheet(tmp_path, "fr")
    lines = _lines(path)
    rows = [line for line in lines if "× " in line]
    assert len(rows) == 9  # one per need: no row for "noix de cajou" or "pistaches"
    # The allergy comes first, marked, with its person on the same line.
    assert rows[0].startswith(f"{ALLERGY_MARK} Allergie sévère aux fruits à coque")
    assert rows[0].endswith("× 1 BENHAMOU Sarah")
    whole = " ".join(lines)
    # The cell wraps where its width says; its words are all there, typeset.
    for words in ("(arachides,", "cajou,", "pistaches) — porte", "d’adrénaline"):
        assert words in whole
    assert not any(line.startswith(("noix", "pistaches")) for line in lines)
    assert "1 avec une allergie" in whole
    # Highlighted: in bold and in the alert colour, unlike an ordinary need.
    runs = _runs(path)
    allergy = [run for run in runs if "Allergie sévère" in run[0]]
    ordinary = [run for run in runs if run[0].startswith("Végétarien")]
    assert allergy and ordinary
    assert all("Bold" in font for _text, font, _colour in allergy)
    assert {colour for *_rest, colour in allergy}.isdisjoint(
        {colour for *_rest, colour in ordinary}
    )


@pytest.mark.parametrize(
    ("language", "absent", "present"),
    [("en", FRENCH_DIETS, ENGLISH_DIETS), ("fr", ENGLISH_DIETS, FRENCH_DIETS)],
)
def test_the_caterer_sheet_speaks_one_language(tmp_path, language, absent, present):
    text = comparison_key(" ".join(_lines(_sheet(tmp_path, language))))
    for word in absent:
        assert f" {comparison_key(word)} " not in f" {text} ".replace("\n", " "), word
    for word in present:
        assert comparison_key(word) in text, word


def test_emergency_labels_follow_the_document_language():
    set_language("en")
    assert labelled_line("Urgences (Estonie) : 112") == "Emergencies (Estonia): 112"
    assert labelled_line("Ambassade de France : +372 616 1600") == "French embassy: +372 616 1600"
    assert labelled_line("Assistance voyage : +33 1 55") == "Travel assistance: +33 1 55"
    assert labelled_line("Mairie de Tallinn : 640 4000") == "Mairie de Tallinn: 640 4000"
    assert labelled_line("Camille Icard — +33 6 59") == "Camille Icard — +33 6 59"
    assert labelled_line("Site : https://x.example/a:b") == "Site: https://x.example/a:b"
    set_language("fr")
    assert labelled_line("Emergencies (Estonia): 112") == "Urgences (Estonie)\u00a0: 112"
    assert labelled_line("Travel assistance : 01 55") == "Assistance voyage\u00a0: 01 55"
    assert labelled_line("Rendez-vous à 10:30") == "Rendez-vous à 10:30"
