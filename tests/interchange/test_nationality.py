"""A nationality cell read as the ISO code of the country, whatever language it is in."""

import json

import pytest
from babel import Locale

from delegation.domain.rules import is_valid_country_code
from delegation.interchange.columns import fold
from delegation.interchange.values import parse_nationality
from delegation.resources import resource

# Codes CLDR names that nobody holds the nationality of: places ISO only reserves a code
# for (Canary Islands, Ceuta & Melilla…), then groupings and pseudo-regions.
_RESERVED = {"AC", "CP", "CQ", "DG", "EA", "IC", "TA"}
_NO_NATIONALITY = _RESERVED | {"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"}

# The EU and EEA, Switzerland, the UK, the G20 and the partners of past trips.
_TRAVELLERS = (
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK "
    "IS LI NO CH GB AR AU BR CA CN ID IN JP KR MX RU SA TR US ZA IL LB MA DZ TN SN CI CM "
    "EG UA GE AM VN SG TW HK TH AE QA KW BH OM IR RS KZ CL CO PE"
)


def _table() -> dict:
    return json.loads(resource("nationalities.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        *[(text, "FR") for text in ("Française", "FRANÇAISE", "française ", "Français")],
        *[(text, "FR") for text in ("France", "French", "fr", "FR", "FRA", "la France")],
        *[(text, "EE") for text in ("Estonienne", "Estonia", "Estonie", "EST", "EE")],
        *[(text, "DE") for text in ("Allemande", "allemand", "German", "Germany", "l'Allemagne")],
        *[(text, "IL") for text in ("Israélienne", "Israeli", "Israélien(ne)")],
        *[(text, "CN") for text in ("Chinoise", "Chinese", "Chine", "chinois(e)")],
        *[(text, "US") for text in ("États-Unis", "Etats Unis", "USA", "American", "américain")],
        *[
            (text, "GB")
            for text in ("Royaume-Uni", "Royaume Uni", "UK", "British", "Great Britain")
        ],
        *[(text, "GB") for text in ("Grande-Bretagne", "anglaise")],
        *[(text, "LB") for text in ("Libanaise", "Lebanese", "Liban")],
        *[(text, "GR") for text in ("Grecque", "Grec", "Greek", "Grèce")],
        *[(text, "KR") for text in ("Corée du Sud", "South Korea", "sud-coréenne")],
        *[(text, "HK") for text in ("Hong Kong", "Hongkongaise")],
        *[(text, "CH") for text in ("Suisse", "Swiss", "Switzerland")],
        *[(text, "CI") for text in ("Côte d'Ivoire", "Cote d’Ivoire", "Ivoirienne", "Ivorian")],
        ("Russie", "RU"),
        ("Belge", "BE"),
        ("the Netherlands", "NL"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("Émirienne", "AE"),
    ],
)
def test_a_code_name_or_nationality_gives_the_country_code(cell, code):
    assert parse_nationality(cell) == code


@pytest.mark.parametrize("cell", [None, "", "   "])
def test_a_blank_cell_is_no_nationality(cell):
    assert parse_nationality(cell) is None


@pytest.mark.parametrize("cell", ["Atlantide", "Congolais", "EU", "Française / Estonienne", 33])
def test_anything_else_is_refused_quoting_the_cell(cell):
    with pytest.raises(ValueError, match="is not a country or nationality") as refused:
        parse_nationality(cell)
    assert str(cell) in str(refused.value)


def test_the_table_names_real_countries_each_word_one_country():
    territories = Locale.parse("en").territories
    claimed: dict[str, str] = {}
    table = _table()
    for section in ("names", "demonyms"):
        for code, words in table[section].items():
            assert is_valid_country_code(code) and code in territories, code
            for word in words:
                assert claimed.setdefault(fold(word), code) == code, (word, code)


def test_the_nationalities_people_travel_with_most_are_covered():
    assert set(_TRAVELLERS.split()) - set(_table()["demonyms"]) == set()


def test_every_word_of_the_table_and_every_babel_name_reads_back():
    # A word two countries claim would be refused: this finds one whichever source adds it.
    for section in ("names", "demonyms"):
        for code, words in _table()[section].items():
            for word in words:
                assert parse_nationality(word) == code, (word, code)
    for language in ("fr", "en"):
        for code, name in Locale.parse(language).territories.items():
            if len(code) == 2 and code.isalpha() and code not in _NO_NATIONALITY:
                assert parse_nationality(name) == code, (language, name, code)
