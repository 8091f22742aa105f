"""The itinerary's cover, read back: the document and destination on its band, the trip
at a glance (length, hotel, first appointment, time difference, every emergency number),
in the document's language."""

import shutil
import subprocess
import unicodedata
from dataclasses import replace
from datetime import time

import pytest
from tests.reports.test_itinerary_layout import _personal, _trip

from delegation.domain.enums import AgendaKind
from delegation.reports.itinerary import draw_itinerary
from delegation.reports.itinerary_model import ItineraryItem

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def _cover(itinerary, tmp_path) -> str:
    path = tmp_path / "cover.pdf"
    draw_itinerary(itinerary, path)
    done = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(path), "-"], capture_output=True, check=True
    )
    text = unicodedata.normalize("NFKC", done.stdout.decode("utf-8"))
    return " ".join(text.translate(dict.fromkeys(range(0x202A, 0x202F))).split())


def test_the_cover_gives_the_trip_at_a_glance(tmp_path):
    itinerary = _trip("en")
    text = _cover(itinerary, tmp_path)
    assert text.startswith("ITINERARY TEL AVIV")
    days = (itinerary.end - itinerary.start).days + 1
    items = sum(1 for day in itinerary.days for item in day.items if item.tag is None)
    assert f"At a glance Programme {days} days · {items} appointments" in text
    assert f"Hotel {itinerary.hotels[0].place.name}" in text
    first = itinerary.days[0].items[0]
    assert f"First appointment Thursday 28 March 2024, 15:00 — {first.title}" in text
    assert "Time difference Tel Aviv: Paris + 1 hr" in text
    assert "Emergency numbers Police: 100 Magen David Adom: 101" in text


def test_a_personal_cover_in_french_names_the_person_and_speaks_french(tmp_path):
    itinerary = _personal("fr")
    text = _cover(itinerary, tmp_path)
    assert text.startswith("PROGRAMME PERSONNEL TEL AVIV")
    assert itinerary.participant in text
    assert "En bref Programme 6 jours ·" in text and "rendez-vous" in text
    assert "Premier rendez-vous jeudi 28 mars 2024" in text
    assert "Numéros d’urgence Police : 100" in text


def test_the_first_appointment_is_the_programme_s_not_the_person_s_landing(tmp_path):
    itinerary = _personal("en")
    first_day = itinerary.days[0]
    landing = ItineraryItem(
        time(12, 5), None, "Arrival: Flight LY318 from Paris CDG", AgendaKind.TRANSPORT,
        tag="Your journey",
    )  # fmt: skip
    days = (replace(first_day, items=(landing, *first_day.items)), *itinerary.days[1:])
    text = _cover(replace(itinerary, days=days), tmp_path)
    assert "First appointment Thursday 28 March 2024, 15:00 — ALL5" in text
    assert "LY318" not in text
