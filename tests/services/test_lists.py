"""The printed lists built from the sample trip: who is on them, and what is kept out."""

import math
from datetime import date, time

import pytest
from babel import Locale
from babel.dates import format_date
from pypdf import PdfReader

from delegation.domain.enums import AgendaKind, ParticipantCategory, ParticipantStatus
from delegation.domain.errors import ValidationError
from delegation.i18n import current_language, set_language
from delegation.services import lists
from delegation.services.agenda import AgendaItemDetails, add_item
from delegation.services.participant_details import ParticipantDetails
from delegation.services.participant_rows import list_participants
from delegation.services.participants import add_participant
from delegation.services.trips import NewTrip, add_trip, find_trip

TRIP = "tallinn-2023"


@pytest.fixture
def trip_id(demo_workspace) -> int:
    return find_trip(demo_workspace, TRIP).id


def _pages(path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def _add(workspace, trip_id, last, first, **changes):
    values = dict(
        last_name=last, first_name=first, status=ParticipantStatus.CONFIRMED,
        organization="Tallinna Tehnikaülikool", nationality="EE",
    )  # fmt: skip
    values.update(changes)
    return add_participant(workspace, trip_id, ParticipantDetails(**values)).row


@pytest.fixture
def travellers(demo_workspace, trip_id):
    """People with accents and other scripts, in group A, with identity documents."""
    _add(
        demo_workspace,
        trip_id,
        "Nicolaï",
        "Élodie",
        group_codes=("A",),
        passport_number="NI1234567",
        passport_expiry=date(2031, 1, 31),
        dietary="Végétarien",
    )
    _add(
        demo_workspace,
        trip_id,
        "Õunapuu",
        "Liina",
        group_codes=("B",),
        passport_number="OU7654321",
        passport_expiry=date(2030, 6, 30),
    )
    _add(
        demo_workspace, trip_id, "Παπαδόπουλος", "Αλέξανδρος", group_codes=("A",), nationality="GR"
    )
    _add(demo_workspace, trip_id, "Иванова", "Мария", group_codes=("B",))
    _add(demo_workspace, trip_id, "כהן", "דוד", group_codes=("A",), nationality="IL")


def test_participant_pdf_keeps_sensitive_data_out_by_default(demo_workspace, travellers, tmp_path):
    plain, full = tmp_path / "plain.pdf", tmp_path / "full.pdf"
    assert lists.export_participant_pdf(demo_workspace, TRIP, plain) >= 2
    lists.export_participant_pdf(demo_workspace, TRIP, full, include_sensitive=True)
    plain_text, full_text = " ".join(_pages(plain)), " ".join(_pages(full))
    for name in ("NICOLAÏ Élodie", "ÕUNAPUU Liina", "ΠΑΠΑΔΟΠΟΥΛΟΣ Αλέξανδρος", "ИВАНОВА Мария"):
        assert name in plain_text and name in full_text
    assert "NI1234567" not in plain_text and "NI1234567" in full_text
    # The need typed in French is written in the (English) document's language.
    assert "Vegetarian" not in plain_text and "Vegetarian" in full_text
    assert "67 participants" in plain_text


def test_the_document_language_is_given_back(demo_workspace, tmp_path):
    set_language("en")
    lists.export_participant_pdf(demo_workspace, TRIP, tmp_path / "fr.pdf", language="fr")
    assert current_language() == "en"
    assert "Liste des participants" in _pages(tmp_path / "fr.pdf")[0]
    assert Locale.parse("fr_FR").territories["EE"] in _pages(tmp_path / "fr.pdf")[0]


def test_a_pdf_list_must_be_a_pdf(demo_workspace, tmp_path):
    with pytest.raises(ValidationError, match=r"\.pdf"):
        lists.export_badges(demo_workspace, TRIP, tmp_path / "badges.csv")
    with pytest.raises(ValidationError, match="layout"):
        lists.export_badges(demo_workspace, TRIP, tmp_path / "badges.pdf", layout="A7")


@pytest.mark.parametrize(("layout", "per_sheet"), [("90x54", 8), ("85x55", 10)])
def test_a_badge_per_confirmed_participant(demo_workspace, trip_id, travellers, tmp_path,
                                           layout, per_sheet):  # fmt: skip
    confirmed = [
        row for row in list_participants(demo_workspace, trip_id)
        if row.details.status == ParticipantStatus.CONFIRMED
    ]  # fmt: skip
    target = tmp_path / "badges.pdf"
    pages = lists.export_badges(demo_workspace, TRIP, target, layout=layout, language="fr")
    assert pages == math.ceil(len(confirmed) / per_sheet) == len(PdfReader(target).pages)
    text = " ".join(_pages(target))
    assert "Élodie Nicolaï" in text and "Αλέξανδρος Παπαδόπουλος" in text
    assert "Universitaire · Academic" in text and "Mission Tallinn 2023" in text


def test_organisers_badges_name_their_role_on_the_band(demo_workspace, trip_id):
    staff = {
        row.details.last_name
        for row in list_participants(demo_workspace, trip_id)
        if row.details.category == ParticipantCategory.STAFF
        and row.details.status == ParticipantStatus.CONFIRMED
    }
    assert staff
    for language, words in (("fr", "Équipe organisatrice"), ("en", "Staff")):
        set_language(language)
        try:
            badges = lists.build_badges(demo_workspace, TRIP).badges
        finally:
            set_language("en")
        organisers = [badge for badge in badges if badge.organiser]
        assert {badge.last_name for badge in organisers} == staff
        assert all(badge.category == words for badge in organisers)
        assert all(badge.category for badge in badges)  # a band never without words


def test_identity_numbers_only_for_sites_that_require_them(demo_workspace, travellers, tmp_path):
    target = tmp_path / "visitors.pdf"
    lists.export_visitor_lists(demo_workspace, TRIP, target)
    pages = _pages(target)
    required = [p for p in pages if "Passport number" in p]
    others = [p for p in pages if "Passport number" not in p]
    assert required and others
    assert any("NATO Cooperative" in p for p in required)
    assert any("e-Estonia Briefing Centre" in p for p in others)
    assert not any("NI1234567" in p for p in others)
    assert any("NI1234567" in p for p in required)
    estonia = Locale.parse("en_GB").territories["EE"]  # the country's name in English
    assert "ÕUNAPUU" in " ".join(pages) and estonia in " ".join(pages)


def test_visitors_are_the_confirmed_members_of_the_visiting_groups(demo_workspace, trip_id,
                                                                  travellers):  # fmt: skip
    data = lists.build_visitor_lists(demo_workspace, TRIP)
    rows = list_participants(demo_workspace, trip_id)
    confirmed = {
        r.details.last_name for r in rows if r.details.status == ParticipantStatus.CONFIRMED
    }
    group_a = {
        r.details.last_name for r in rows
        if r.details.status == ParticipantStatus.CONFIRMED and "A" in r.details.group_codes
    }  # fmt: skip
    for visit in data.visits:
        names = {visitor.last_name for visitor in visit.visitors}
        assert names <= confirmed
        if visit.groups is None:
            assert names == confirmed
        if not visit.identity_required:
            assert all(v.passport_number is None for v in visit.visitors)
    nato = next(v for v in data.visits if v.venue_name.startswith("NATO"))
    assert {v.last_name for v in nato.visitors} == group_a
    assert all(v.passport_number for v in nato.visitors if v.last_name == "Nicolaï")


def test_rooming_pdf_per_hotel(demo_workspace, tmp_path):
    target = tmp_path / "rooming.pdf"
    assert lists.export_rooming_pdf(demo_workspace, TRIP, target, language="fr") >= 1
    text = " ".join(_pages(target))
    assert "Hotel Telegraaf" in text and "Chambre" in text and "ROUMANILLE" in text
    assert format_date(date(2023, 5, 7), "medium", locale="fr_FR") in text  # the check-in day


def test_dietary_counts_of_a_constructed_trip(workspace, tmp_path):
    trip = add_trip(
        workspace,
        NewTrip("riga-2024", "Mission Riga", "Riga", "LV", date(2024, 9, 1), date(2024, 9, 3)),
    )
    for last, first, need, status in [
        ("Nicolaï", "Élodie", "Végétarien", ParticipantStatus.CONFIRMED),
        ("Õunapuu", "Jüri", "végétarien ", ParticipantStatus.CONFIRMED),
        ("Bérard", "Océane", "végétarien ; sans gluten", ParticipantStatus.CONFIRMED),
        ("Иванов", "Дмитрий", None, ParticipantStatus.CONFIRMED),
        ("Saar", "Liis", "halal", ParticipantStatus.CANCELLED),  # not expected
        ("Tamm", "Kadri", "vegan", ParticipantStatus.INVITED),  # not expected
    ]:
        _add(workspace, trip.id, last, first, dietary=need, status=status)
    for title, kind in (("Dîner de gala", AgendaKind.MEAL), ("Visite", AgendaKind.VISIT)):
        add_item(
            workspace,
            trip.id,
            AgendaItemDetails(day=date(2024, 9, 1), start_time=time(19), title_fr=title, kind=kind),
        )
    data = lists.build_dietary_counts(workspace, "riga-2024")
    (meal,) = data.meals
    assert len(meal.diners) == 4
    target = tmp_path / "meals.pdf"
    lists.export_dietary_counts(workspace, "riga-2024", target, language="fr")
    text = " ".join(_pages(target))
    assert "Dîner de gala" in text and "Visite" not in text.replace("Visites", "")
    assert "Végétarien × 3" in text and "Sans gluten × 1" in text
    assert "Halal" not in text and "Végétalien" not in text
    assert "BÉRARD Océane, NICOLAÏ Élodie, ÕUNAPUU Jüri" in text
