"""The participant list in PDF: every script prints, sensitive columns only when asked."""

import time
from datetime import date

import pytest
from pypdf import PdfReader

from delegation.domain.enums import ParticipantCategory, ParticipantStatus
from delegation.i18n import set_language
from delegation.reports.listing import GroupInfo
from delegation.reports.participant_list import (
    ListedParticipant,
    ParticipantList,
    draw_participant_list,
)
from delegation.reports.text import visual

HEBREW = "כהן"


def _person(last, first, *, groups=("A",), status=ParticipantStatus.CONFIRMED, **sensitive):
    return ListedParticipant(
        last_name=last,
        first_name=first,
        organization="Tallinna Tehnikaülikool",
        function="Directrice",
        group_codes=groups,
        status=status,
        category=ParticipantCategory.ACADEMIC,
        **sensitive,
    )


PEOPLE = (
    _person("Nicolaï", "Élodie", passport_number="19EB38389", passport_expiry=date(2031, 5, 2)),
    _person("Õunapuu", "Jüri", groups=("B",), dietary="végétarien"),
    _person("Παπαδόπουλος", "Αλέξανδρος", groups=()),
    _person("Иванов", "Дмитрий", status=ParticipantStatus.INVITED),
    _person(HEBREW, "דוד", emergency_contact="Sarah Cohen\n+972 50 123 4567"),
    _person("Brémond", "Léa"),
    _person("Bérard", "Océane", birth_date=date(1980, 3, 14)),
)
GROUPS = (GroupInfo("A", "Groupe A", "#1f5fa8"), GroupInfo("B", "Groupe B", "#d9822b"))


def _list(people=PEOPLE, *, include_sensitive=False) -> ParticipantList:
    if not include_sensitive:  # as the service builds it: the fields are not even there
        people = tuple(
            _person(p.last_name, p.first_name, groups=p.group_codes, status=p.status)
            for p in people
        )
    return ParticipantList(
        "Mission Tallinn 2023", "Tallinn, Estonia, 7–10 May 2023", people, GROUPS,
        include_sensitive,
    )  # fmt: skip


def _text(path) -> str:
    """The words of every page, one space apart: a cell's wrapping does not matter."""
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_names_in_every_script_print(tmp_path):
    target = tmp_path / "list.pdf"
    assert draw_participant_list(_list(), target) >= 1
    text = _text(target)
    for name in ("NICOLAÏ Élodie", "ÕUNAPUU Jüri", "ΠΑΠΑΔΟΠΟΥΛΟΣ Αλέξανδρος", "ИВАНОВ Дмитрий"):
        assert name in text
    assert visual(HEBREW) in text or HEBREW in text
    assert "Tallinna Tehnikaülikool" in text
    assert "7 participants" in text


def test_sorted_by_name_whatever_the_accents(tmp_path):
    target = tmp_path / "list.pdf"
    draw_participant_list(_list(), target)
    text = _text(target)
    assert text.index("BÉRARD") < text.index("BRÉMOND") < text.index("NICOLAÏ")


def test_sensitive_columns_only_when_asked(tmp_path):
    plain, sensitive = tmp_path / "plain.pdf", tmp_path / "sensitive.pdf"
    draw_participant_list(_list(), plain)
    draw_participant_list(_list(include_sensitive=True), sensitive)
    plain_text, sensitive_text = _text(plain), _text(sensitive)
    for secret in ("Passport", "19EB38389", "Vegetarian", "+972 50 123 4567", "Date of birth"):
        assert secret not in plain_text
        assert secret in sensitive_text
    assert "CONFIDENTIAL" in sensitive_text
    box = PdfReader(sensitive).pages[0].mediabox
    assert box.width > box.height  # landscape for the extra columns
    box = PdfReader(plain).pages[0].mediabox
    assert box.width < box.height


def test_french_headers(tmp_path):
    set_language("fr")
    target = tmp_path / "liste.pdf"
    draw_participant_list(_list(), target)
    text = _text(target)
    assert "Liste des participants" in text
    assert "Organisme" in text and "Confirmé" in text


def test_long_organizations_and_two_thousand_people_never_break(tmp_path):
    long_name = "Université " + "de la Métropole et des Territoires " * 9
    assert len(long_name) > 300
    people = tuple(
        ListedParticipant(
            last_name=f"Nom{index:04d}",
            first_name="Prénom",
            organization=long_name if index % 50 == 0 else "Ocre & Pixel",
            function="Directrice " * 30 if index % 70 == 0 else "Cofondatrice",
            group_codes=("A", "B") if index % 2 else (),
            status=ParticipantStatus.CONFIRMED,
            category=ParticipantCategory.ENTREPRENEUR,
            dietary="sans gluten " * 200 if index == 7 else None,
        )
        for index in range(2000)
    )
    started = time.perf_counter()
    pages = draw_participant_list(_list(people, include_sensitive=True), tmp_path / "big.pdf")
    assert pages > 40
    assert time.perf_counter() - started < 60
    last_pages = PdfReader(tmp_path / "big.pdf").pages[-2:]
    assert "NOM1999" in "".join(page.extract_text() for page in last_pages)


@pytest.mark.parametrize("include_sensitive", [False, True])
def test_fonts_are_embedded(tmp_path, include_sensitive):
    target = tmp_path / "list.pdf"
    draw_participant_list(_list(include_sensitive=include_sensitive), target)
    for page in PdfReader(target).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]
