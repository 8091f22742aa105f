"""Itineraries of the sample delegation, read back from the PDFs."""

from datetime import date
from pathlib import Path

import pytest
from babel.dates import format_date, get_timezone_location
from babel.numbers import get_currency_name
from pypdf import PdfReader

from delegation.domain.errors import NotFoundError, ValidationError
from delegation.services.itineraries import (
    build_itinerary,
    export_itineraries,
    export_itinerary,
)

GROUP_A = "solene.dupre@uem.example"
GROUP_B = "maelle.quere@uem.example"
ROOM_101 = ("loic.pelissier@phocee-robotique.example", "Guillaume Vidal")
FERRY = "guillaume.vidal@lavande-analytics.example"
FIRST_DAY, LAST_DAY = date(2023, 5, 7), date(2023, 5, 10)


def written(day: date, locale: str, pattern: str = "EEEE d MMMM y") -> str:
    """A day as Babel writes it in this locale with the documents' pattern."""
    return format_date(day, pattern, locale=locale)


def home_city(locale: str) -> str:
    return get_timezone_location("Europe/Paris", locale=locale, return_city=True)


def pdf_text(source) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(source).pages)


def fonts_not_embedded(source: str | Path) -> set[str]:
    missing = set()
    for page in PdfReader(source).pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        for font in fonts.get_object().values():
            font = font.get_object()
            described = font
            if font.get("/Subtype") == "/Type0":
                described = font["/DescendantFonts"][0].get_object()
            descriptor = described.get("/FontDescriptor")
            if descriptor is None or "/FontFile2" not in descriptor.get_object():
                missing.add(str(font.get("/BaseFont")))
    return missing


def flat(text: str) -> str:
    """Text with line breaks as spaces: titles may wrap in a narrow column."""
    return " ".join(text.split())


def test_the_french_itinerary_has_every_item_and_estonian_letters(demo_workspace, tmp_path):
    path = tmp_path / "it.pdf"
    pages = export_itinerary(demo_workspace, "tallinn-2023", path, language="fr")
    text = flat(pdf_text(path))
    assert written(FIRST_DAY, "fr_FR") in text
    assert f"du {written(FIRST_DAY, 'fr_FR', 'EEEE d')} au {written(LAST_DAY, 'fr_FR')}" in text
    itinerary = build_itinerary(demo_workspace, "tallinn-2023", language="fr")
    titles = [item.title for day in itinerary.days for item in day.items]
    assert len(titles) == 19
    for title in titles:
        assert flat(title) in text
    for address in ("Mäealuse 2/1, 12618 Tallinn", "Toom-Rüütli 1", "Raekoja plats 1"):
        assert address in text
    assert f"Tallinn : {home_city('fr_FR')} + 1 h" in text
    assert f"{get_currency_name('EUR', locale='fr_FR')} (EUR" in text
    assert "Urgences (Estonie) : 112" in text
    assert 4 <= pages <= 8
    assert fonts_not_embedded(path) == set()


def test_the_english_itinerary(demo_workspace, tmp_path):
    path = tmp_path / "it.pdf"
    export_itinerary(demo_workspace, "tallinn-2023", path, language="en")
    text = flat(pdf_text(path))
    assert written(FIRST_DAY, "en_GB") in text
    assert f"{written(FIRST_DAY, 'en_GB', 'EEEE d')} to {written(LAST_DAY, 'en_GB')}" in text
    assert "Welcome dinner" in text
    assert f"Tallinn: {home_city('en_GB')} + 1 h" in text


def test_a_group_a_participant_sees_their_visits_and_not_group_b(demo_workspace, tmp_path):
    path = tmp_path / "a.pdf"
    export_itinerary(demo_workspace, "tallinn-2023", path, language="en", participant_email=GROUP_A)
    text = flat(pdf_text(path))
    assert "Visit to the NATO Cyber Defence Centre of Excellence" in text
    assert "Visit to the TalTech AI lab" in text
    assert "Startup meet-up at the Lift99 hub" not in text
    assert "Tehnopol science park" not in text
    assert "Welcome dinner" in text
    assert "Medieval dinner at Olde Hansa" in text
    assert "Solène Dupré" in text


def test_group_b_sees_the_other_parallel_visit(demo_workspace):
    itinerary = build_itinerary(
        demo_workspace, "tallinn-2023", language="en", participant_email=GROUP_B
    )
    titles = {item.title for day in itinerary.days for item in day.items}
    assert "Startup meet-up at the Lift99 hub" in titles
    assert "Visit to the NATO Cyber Defence Centre of Excellence" not in titles


def test_a_personal_itinerary_has_the_room_roommate_and_own_legs(demo_workspace):
    email, roommate = ROOM_101
    itinerary = build_itinerary(
        demo_workspace, "tallinn-2023", language=None, participant_email=email
    )
    assert itinerary.language == "fr"  # the participant's own language
    (stay,) = itinerary.hotels
    assert (stay.room, stay.roommates) == ("101", (roommate,))
    assert [leg.number for leg in itinerary.travel] == ["AF1124", "AF1125"]
    ferry = build_itinerary(demo_workspace, "tallinn-2023", language="en", participant_email=FERRY)
    assert [leg.number for leg in ferry.travel] == ["AY1572", "Megastar", "AF1125"]


def test_an_unknown_email_or_a_wrong_suffix_is_refused(demo_workspace, tmp_path):
    with pytest.raises(NotFoundError):
        build_itinerary(
            demo_workspace, "tallinn-2023", language="en", participant_email="x@example.org"
        )
    with pytest.raises(ValidationError):
        export_itinerary(demo_workspace, "tallinn-2023", tmp_path / "it.txt", language="en")


def test_one_pdf_per_confirmed_participant_and_a_booklet(demo_workspace, tmp_path):
    seen = []
    files = export_itineraries(
        demo_workspace,
        "tallinn-2023",
        tmp_path / "out",
        booklet=tmp_path / "booklet.pdf",
        progress=lambda done, total: seen.append((done, total)),
        workers=2,
    )
    assert len(files) == len({f.name for f in files}) == seen[-1][0] == seen[-1][1]
    assert all(f.exists() and f.name.isascii() for f in files)
    assert any(f.name == "Dupre_Solene.pdf" for f in files)
    counts = [len(PdfReader(f).pages) for f in files]
    booklet = PdfReader(tmp_path / "booklet.pdf")
    assert len(booklet.pages) == sum(c + c % 2 for c in counts)
    kadri = next(f for f in files if f.name == "Tamm_Kadri.pdf")
    assert written(FIRST_DAY, "en_GB") in flat(pdf_text(kadri))  # Kadri reads English
    # Drawn by the workers from the trip they were given once: each sees only their groups.
    solene = flat(pdf_text(next(f for f in files if f.name == "Dupre_Solene.pdf")))
    assert "Solène Dupré" in solene
    assert "Visite du centre d'excellence OTAN de cyberdéfense" in solene
    assert "Lift99" not in solene
    export_itinerary(
        demo_workspace,
        "tallinn-2023",
        tmp_path / "one.pdf",
        language=None,
        participant_email=GROUP_A,
    )
    assert solene == flat(pdf_text(tmp_path / "one.pdf"))  # the same as drawn on its own


def test_a_batch_can_be_stopped(demo_workspace, tmp_path):
    files = export_itineraries(
        demo_workspace,
        "tallinn-2023",
        tmp_path / "out",
        progress=lambda done, total: done < 3,
        workers=1,
    )
    assert len(files) == 3


def test_times_are_real_across_clock_changes_and_a_cancelled_person_gets_no_itinerary(
    demo_workspace,
):
    from datetime import date, datetime

    import pytest

    from delegation.domain.errors import ValidationError
    from delegation.reports.itinerary_model import TravelLeg
    from delegation.reports.itinerary_parts import _duration
    from delegation.services.itineraries import build_itinerary
    from delegation.services.trips import NewTrip, add_trip

    night_train = TravelLeg(
        "train", "SNCF", "5773", "Paris", datetime(2023, 3, 25, 22), "Europe/Paris",
        "Nice", datetime(2023, 3, 26, 8), "Europe/Paris",
    )  # fmt: skip
    assert _duration(night_train) == "9 h"
    add_trip(
        demo_workspace,
        NewTrip("ny", "NY", "New York", "US", date(2024, 3, 8), date(2024, 3, 12)),
    )
    text = build_itinerary(demo_workspace, "ny", language="en")
    assert [offset for _day, offset in text.offset_changes] == [-300]
    with pytest.raises(ValidationError, match="cancelled"):
        build_itinerary(
            demo_workspace,
            "tallinn-2023",
            language="en",
            participant_email="cecile.coste@belle-de-mai.example",
        )
