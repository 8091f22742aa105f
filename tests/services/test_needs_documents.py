"""Accessibility needs reach those who act on them, and stay off the documents for all."""

import csv

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from delegation.domain.enums import ParticipantStatus
from delegation.services import lists
from delegation.services.exports import export_participants, export_rooming_list
from delegation.services.itineraries import export_itinerary
from delegation.services.participant_details import ParticipantDetails
from delegation.services.participant_import_planning import plan_participant_import
from delegation.services.participant_import_writing import apply_participant_import
from delegation.services.participant_rows import list_participants
from delegation.services.participants import add_participant
from delegation.services.trips import find_trip

TRIP = "tallinn-2023"
# The sample's Françoise Tournier has a room at the Telegraaf and this need.
LIFT = "prévoir ascenseur et trajets courts"
TOURNIER = "francoise.tournier@huveaune.example"
WHEELCHAIR = "Fauteuil roulant, rampe d'accès"
PRINTED_WHEELCHAIR = WHEELCHAIR.replace("'", "’")  # documents print typographic apostrophes


def _text(path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


@pytest.fixture
def trip_id(demo_workspace) -> int:
    trip_id = find_trip(demo_workspace, TRIP).id
    details = ParticipantDetails(
        last_name="Benhamou", first_name="Sarah", status=ParticipantStatus.CONFIRMED,
        email="sarah.benhamou@example.com", group_codes=("A",), accessibility=WHEELCHAIR,
    )  # fmt: skip
    add_participant(demo_workspace, trip_id, details)
    return trip_id


@pytest.mark.parametrize("language", ["fr", "en"])
def test_hotels_and_hosts_are_told(demo_workspace, trip_id, tmp_path, language):
    rooming, visitors = tmp_path / "rooming.pdf", tmp_path / "visitors.pdf"
    lists.export_rooming_pdf(demo_workspace, TRIP, rooming, language=language)
    lists.export_visitor_lists(demo_workspace, TRIP, visitors, language=language)
    rooming_text, visitors_text = _text(rooming), _text(visitors)
    heading = "Besoins d’accessibilité" if language == "fr" else "Accessibility needs"
    assert heading in rooming_text and "TOURNIER Françoise" in rooming_text
    assert LIFT in rooming_text
    assert heading in visitors_text
    assert PRINTED_WHEELCHAIR in visitors_text and LIFT in visitors_text


def test_the_person_reads_their_own_needs_and_nobody_else_does(demo_workspace, trip_id, tmp_path):
    own, other, whole = tmp_path / "own.pdf", tmp_path / "other.pdf", tmp_path / "all.pdf"
    export_itinerary(demo_workspace, TRIP, own, language="en", participant_email=TOURNIER)
    export_itinerary(
        demo_workspace, TRIP, other, language="en", participant_email="sarah.benhamou@example.com"
    )
    export_itinerary(demo_workspace, TRIP, whole, language="en")
    own_text, other_text, whole_text = _text(own), _text(other), _text(whole)
    assert "Your accessibility needs" in own_text and LIFT in own_text
    assert PRINTED_WHEELCHAIR not in own_text
    assert PRINTED_WHEELCHAIR in other_text and LIFT not in other_text
    assert LIFT not in whole_text and PRINTED_WHEELCHAIR not in whole_text
    # The practical page's typed labels are in the document's language, English spacing.
    assert "Emergencies (Estonia): 112" in own_text and "Urgences" not in own_text
    assert "Travel assistance: +33 1 55 98 57 57" in own_text


def test_only_the_confidential_participant_list_carries_them(demo_workspace, trip_id, tmp_path):
    plain, full, badges = tmp_path / "plain.pdf", tmp_path / "full.pdf", tmp_path / "badges.pdf"
    lists.export_participant_pdf(demo_workspace, TRIP, plain)
    lists.export_participant_pdf(demo_workspace, TRIP, full, include_sensitive=True)
    lists.export_badges(demo_workspace, TRIP, badges)
    full_text = _text(full)
    assert "Accessibility" in full_text and "Fauteuil roulant" in full_text
    for text in (_text(plain), _text(badges)):
        assert "BENHAMOU" in text.upper()
        assert "Fauteuil" not in text and "ascenseur" not in text
        assert "Accessibility" not in text and "♿" not in text


def test_the_spreadsheet_export_keeps_them_with_sensitive_data_only(
    demo_workspace, trip_id, tmp_path
):
    plain, full = tmp_path / "plain.csv", tmp_path / "full.csv"
    export_participants(demo_workspace, TRIP, plain)
    export_participants(demo_workspace, TRIP, full, include_sensitive=True)
    assert "Fauteuil" not in plain.read_text(encoding="utf-8-sig")
    with full.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=","))
    (sarah,) = [row for row in rows if row["Last name"] == "Benhamou"]
    assert sarah["Accessibility"] == WHEELCHAIR


@pytest.mark.parametrize("header", ["Mobilité réduite", "Accessibility needs", "Accessibilité"])
def test_an_import_column_fills_the_need(demo_workspace, trip_id, tmp_path, header):
    path = tmp_path / "people.csv"
    path.write_text(
        f"Prénom;Nom;Email;Statut;{header}\nJaan;Kivi;jaan@example.ee;Confirmé;Ascenseur\n",
        encoding="utf-8",
    )
    apply_participant_import(demo_workspace, plan_participant_import(demo_workspace, trip_id, path))
    (jaan,) = [
        r for r in list_participants(demo_workspace, trip_id) if r.details.last_name == "Kivi"
    ]
    assert jaan.details.accessibility == "Ascenseur"


def test_the_rooming_workbook_tells_the_hotel(demo_workspace, trip_id, tmp_path):
    target = tmp_path / "rooming.xlsx"
    export_rooming_list(demo_workspace, TRIP, target)
    header, *rows = load_workbook(target).active.iter_rows(values_only=True)
    column = header.index("Accessibility")
    needs = {row[3]: row[column] for row in rows if row[column]}
    assert needs == {"Tournier": "Mobilité réduite : " + LIFT}
