"""The itinerary report on its own: scripts, long content, fonts, what is shown in parallel."""

import io
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

import pytest
from babel.dates import format_date
from pypdf import PdfReader

from delegation.domain.enums import AgendaKind, AgendaStatus, RoomType, TravelMode
from delegation.reports.base import build_pdf, styles
from delegation.reports.elements import map_url, written_date_range
from delegation.reports.itinerary import draw_itinerary, parallel_clusters
from delegation.reports.itinerary_model import (
    Host,
    HotelStay,
    Itinerary,
    ItineraryDay,
    ItineraryItem,
    Place,
    TravelLeg,
)
from delegation.reports.text import escape, visual


def pdf_text(source) -> str:
    reader = PdfReader(source)
    return "\n".join(page.extract_text() for page in reader.pages)


def page_count(source) -> int:
    return len(PdfReader(source).pages)


def fonts_not_embedded(source: str | Path) -> set[str]:
    """The fonts of the pages' resources that have no embedded TrueType file."""
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


DAY = "EEEE d MMMM y"  # how the documents write a day: "Sunday 7 May 2023"
HOTEL = Place("Hotel Telegraaf", "Vene 9, 10123 Tallinn", 59.4377, 24.7469, "Reception")


def _item(title: str, start: int, end: int | None = None, **changes) -> ItineraryItem:
    return ItineraryItem(
        time(start), time(end) if end else None, title, AgendaKind.VISIT, **changes
    )


def _itinerary(days=(), **changes) -> Itinerary:
    base = Itinerary(
        language="en",
        trip_title="Mission Tallinn 2023",
        destination="Tallinn",
        country="EE",
        start=date(2023, 5, 7),
        end=date(2023, 5, 10),
        timezone="Europe/Tallinn",
        home_timezone="Europe/Paris",
        home_offset_minutes=60,
        currency="EUR",
        organisers=("Camille Icard — +33 6 59 50 88 83",),
        emergency_numbers=("Emergencies: 112",),
        hotels=(HotelStay(HOTEL, "+372 600 0600", room="104", room_type=RoomType.TWIN),),
        travel=(
            TravelLeg(
                TravelMode.FLIGHT,
                "Air France",
                "AF1124",
                "Paris-CDG",
                datetime(2023, 5, 7, 8, 5),
                "Europe/Paris",
                "Tallinn (TLL)",
                datetime(2023, 5, 7, 11, 40),
                "Europe/Tallinn",
            ),
        ),
        days=tuple(days) or (ItineraryDay(date(2023, 5, 7), (_item("Old Town", 15, 17),)),),
    )
    return replace(base, **changes)


def _draw(itinerary: Itinerary) -> io.BytesIO:
    stream = io.BytesIO()
    draw_itinerary(itinerary, stream)
    stream.seek(0)
    return stream


def test_dates_are_written_out_in_each_language():
    start, end = date(2023, 5, 7), date(2023, 5, 10)

    def days(locale: str) -> tuple[str, str]:
        """ "Sunday 7", "Wednesday 10 May 2023": the names of days and months are Babel's."""
        return format_date(start, "EEEE d", locale=locale), format_date(end, DAY, locale=locale)

    assert written_date_range(start, end, "en") == "{} to {}".format(*days("en_GB"))
    from delegation.i18n import set_language

    set_language("fr")
    assert written_date_range(start, end, "fr") == "du {} au {}".format(*days("fr_FR"))


def test_a_map_link_uses_the_coordinates_else_the_address():
    assert map_url("x", "y", 59.4377, 24.7469) == (
        "https://www.openstreetmap.org/?mlat=59.43770&mlon=24.74690#map=17/59.43770/24.74690"
    )
    assert map_url("F-hoone", "Telliskivi 60a, Tallinn", None, None) == (
        "https://www.openstreetmap.org/search?query=Telliskivi+60a%2C+Tallinn"
    )
    assert map_url(None, None, None, None) is None


def test_hebrew_is_put_in_display_order_and_latin_is_untouched():
    assert visual("Kadri Tamm") == "Kadri Tamm"
    assert visual("שלום") == "םולש"
    assert escape("R&D <b>") == "R&amp;D &lt;b&gt;"


def test_every_script_prints_with_embedded_fonts(tmp_path):
    names = "Õunapuu Jäägup Šmigun Žurakovski — Παπαδόπουλος — Иванова — כהן"
    itinerary = _itinerary(participant=names, emergency_numbers=("Hädaabi: 112",))
    path = tmp_path / "scripts.pdf"
    draw_itinerary(itinerary, path)
    text = pdf_text(path)
    for word in ("Õunapuu", "Jäägup", "Šmigun", "Žurakovski", "Παπαδόπουλος", "Иванова"):
        assert word in text
    assert fonts_not_embedded(path) == set()


def test_page_x_of_y_and_the_running_header(tmp_path):
    path = tmp_path / "it.pdf"
    pages = draw_itinerary(_itinerary(), path)
    assert pages == page_count(path) == 3
    assert "Page 2 of 3" in pdf_text(path)
    assert "Page 1 of 3" not in pdf_text(path)  # the cover is plain


def test_parallel_visits_share_a_row_and_everyone_else_follows():
    a = _item("Visit A", 9, 11, groups=("Group A",))
    b = _item("Visit B", 9, 11, groups=("Group B",))
    lunch = _item("Lunch", 12, 13)
    later_a = _item("Workshop A", 10, 12, groups=("Group A",))
    assert parallel_clusters([lunch, a, b]) == [[a, b], [lunch]]
    assert parallel_clusters([a, later_a]) == [[a], [later_a]]


def test_items_past_midnight_end_last_and_say_so():
    dinner_a = _item("Dinner A", 21, 1, groups=("Group A",))  # ends at 01:00 the next day
    dinner_b = _item("Dinner B", 21, 23, groups=("Group B",))
    late_a = _item("Night walk A", 23, 0, groups=("Group A",))  # runs while Dinner A does
    # Dinner B ends first: 23:00 comes before 01:00 the next day.
    assert parallel_clusters([dinner_a, dinner_b, late_a]) == [[dinner_b, dinner_a], [late_a]]
    text = " ".join(pdf_text(_draw(_itinerary(days=[
        ItineraryDay(date(2023, 5, 8), (dinner_a, dinner_b)),
        ItineraryDay(date(2023, 5, 9), (_item("Gala", 22, 2),)),
    ]))).split())  # fmt: skip
    assert "21:00 – 01:00 (+1) in parallel" in text  # the row ends with Dinner A
    assert "21:00–01:00 (+1) · Visit · Group A" in text
    assert "21:00–23:00 · Visit · Group B" in text
    assert "22:00 – 02:00 (+1) Gala" in text


def test_cancelled_and_tentative_items_are_marked():
    day = ItineraryDay(
        date(2023, 5, 8),
        (
            _item("Boat trip", 9, 10, status=AgendaStatus.CANCELLED),
            _item("Sauna", 18, 19, status=AgendaStatus.TENTATIVE),
        ),
    )
    text = pdf_text(_draw(_itinerary(days=[day])))
    assert "Boat trip — Cancelled" in text
    assert "(to be confirmed)" in text


@pytest.mark.parametrize(
    "case",
    ["a 5,000-word note", "a 300-character venue name", "60 items in one day", "parallel notes"],
)
def test_long_content_flows_over_pages(case, tmp_path):
    words = " ".join(f"word{n % 97}" for n in range(5000))
    host = Host("Tallinn University of Technology", "Maarja Ilves", "Head", "+372 5555 0103")
    if case == "a 5,000-word note":
        items = (_item("Briefing", 9, 11, notes=words, host=host, place=HOTEL),)
    elif case == "a 300-character venue name":
        long_place = Place("Õ" * 300, "ä" * 300)
        items = (_item("Visit", 9, 11, place=long_place),)
    elif case == "60 items in one day":
        items = tuple(_item(f"Item {n}", 8 + n % 12, notes="Bring ID.") for n in range(60))
    else:
        items = (
            _item("Visit A", 9, 11, groups=("A",), notes=words, place=HOTEL),
            _item("Visit B", 9, 11, groups=("B",), notes=words),
        )
    path = tmp_path / "long.pdf"
    pages = draw_itinerary(_itinerary(days=[ItineraryDay(date(2023, 5, 8), items)]), path)
    assert 3 <= pages < 60
    text = pdf_text(path)
    if case == "60 items in one day":
        assert all(f"Item {n}\n" in text or f"Item {n} " in text for n in range(60))
    elif case == "a 300-character venue name":
        assert "Õ" * 40 in text
    else:
        assert "word96" in text


def test_an_over_long_word_in_a_narrow_cell_still_builds():
    stream = io.BytesIO()
    from reportlab.platypus import Paragraph

    from delegation.reports.base import table

    cell = Paragraph("x" * 3000, styles()["cell"])
    pages = build_pdf(stream, [table([[cell, cell]], [40, 40])], title="t", header="h")
    assert pages >= 1


def test_a_failed_build_leaves_the_previous_file(tmp_path):
    path = tmp_path / "it.pdf"
    path.write_bytes(b"previous")
    with pytest.raises(AttributeError):
        build_pdf(path, [object()], title="t", header="h")
    assert path.read_bytes() == b"previous"
    assert list(tmp_path.iterdir()) == [path]


def test_a_qr_code_draws_exactly_its_dark_modules():
    from reportlab.graphics.barcode import qrencoder

    from delegation.reports.elements import _qr_operators

    url = map_url("Hotel Telegraaf", "Vene 9, 10123 Tallinn", None, None)
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(url)
    code.make()
    count, border = code.getModuleCount(), 2
    drawn = [[False] * count for _ in range(count)]
    for line in _qr_operators(url, 51.0, border).splitlines():
        if line.endswith(" re"):
            x, y, width, height = (int(n) for n in line.split()[:4])
            for row in range(count + border - y - height, count + border - y):
                for column in range(x - border, x - border + width):
                    assert not drawn[row][column]  # no module is painted twice
                    drawn[row][column] = True
    assert drawn == [[bool(m) for m in row] for row in code.modules]


def test_items_drawn_again_in_another_language_or_width_are_not_mixed_up():
    visit = _item(
        "Old Town", 15, 17, place=HOTEL, host=Host("City of Tallinn"), notes="Comfortable shoes."
    )
    a = _item("Visit A", 9, 11, groups=("Group A",), place=HOTEL)
    b = _item("Visit B", 9, 11, groups=("Group B",))
    days = [ItineraryDay(date(2023, 5, 7), (visit, a, b)), ItineraryDay(date(2023, 5, 8), (a,))]
    english = flat_text(_draw(_itinerary(days=days)))
    french = flat_text(_draw(_itinerary(days=days, language="fr")))
    again = flat_text(_draw(_itinerary(days=days)))
    assert english == again
    assert "Whole delegation" in english and "Whole delegation" not in french
    assert "Toute la délégation" in french
    assert "Host: City of Tallinn" in english and "Hôte : City of Tallinn" in french
    # Visit A shown in parallel on day 1 (with its times), alone on day 2 (without).
    assert english.count("09:00–11:00 · Visit · Group A") == 1
    assert english.count("Visit A") == 2 and french.count("Visit A") == 2


def flat_text(source) -> str:
    return " ".join(pdf_text(source).split())
