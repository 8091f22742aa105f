"""The PDF as a file: what it says about itself, its bookmarks, its fonts, its map codes."""

import io
from dataclasses import replace
from datetime import date, time

import pytest
from pypdf import PdfReader

from delegation.domain.enums import AgendaKind
from delegation.i18n import set_language
from delegation.reports.elements import map_url
from delegation.reports.fonts import BOLD, FALLBACK, REGULAR, subset_tag
from delegation.reports.itinerary import draw_itinerary
from delegation.reports.itinerary_booklet import booklet_language, draw_booklet
from delegation.reports.itinerary_model import Itinerary, ItineraryDay, ItineraryItem, Place

TOWN_HALL = Place("Town Hall", "Raekoja plats 1, Tallinn", 59.4372, 24.7454)
TEHNOPOL = Place("Tehnopol", "Mäealuse 2/1, Tallinn", 59.3960, 24.6650)
F_HOONE = Place("F-hoone", "Telliskivi 60a, Tallinn")  # no coordinates: a search by address
NOWHERE = Place("Somewhere")  # a name only: still a search, by name
ORGANISER = "Chambre de commerce franco-estonienne"


def _item(title: str, hour: int, place: Place | None = None, groups=()) -> ItineraryItem:
    return ItineraryItem(
        time(hour), time(hour, 45), title, AgendaKind.VISIT, place=place, groups=groups
    )


def _itinerary(language: str = "en", **changes) -> Itinerary:
    base = Itinerary(
        language=language,
        trip_title="Mission Tallinn 2023",
        destination="Tallinn",
        country="EE",
        start=date(2023, 5, 7),
        end=date(2023, 5, 8),
        timezone="Europe/Tallinn",
        home_timezone="Europe/Paris",
        home_offset_minutes=60,
        organisers=(ORGANISER, "Camille Icard — +33 6 59 50 88 83"),
        days=(
            ItineraryDay(date(2023, 5, 7), (_item("Welcome", 9, TOWN_HALL),)),
            ItineraryDay(date(2023, 5, 8), (_item("Start-ups", 10, TEHNOPOL),)),
        ),
        participant="Kadri Tamm",
    )
    return replace(base, **changes)


def _draw(itinerary: Itinerary) -> PdfReader:
    stream = io.BytesIO()
    draw_itinerary(itinerary, stream)
    stream.seek(0)
    return PdfReader(stream)


def _outline(reader: PdfReader, entries=None) -> list:
    """The outline as [(title, page index, [children…]), …]."""
    entries = reader.outline if entries is None else entries
    tree: list = []
    for entry in entries:
        if isinstance(entry, list):
            tree[-1][2].extend(_outline(reader, entry))
        else:
            tree.append((entry.title, reader.get_destination_page_number(entry), []))
    return tree


def _map_links(page) -> list[str]:
    """The map addresses the page's QR codes link to, one per code."""
    links = []
    for annotation in page.get("/Annots") or []:
        action = annotation.get_object().get("/A")
        if action is not None and "openstreetmap" in str(action.get("/URI", "")):
            links.append(str(action["/URI"]))
    return links


def _url(place: Place) -> str:
    url = map_url(place.name, place.address, place.latitude, place.longitude)
    assert url is not None
    return url


@pytest.mark.parametrize(
    ("language", "subject", "day"),
    [
        ("en", "Personal itinerary of Kadri Tamm, Tallinn, Sunday 7 to Monday 8 May 2023",
         "Day 2 — Monday 8 May 2023"),
        ("fr", "Programme personnel de Kadri Tamm, Tallinn, du dimanche 7 au lundi 8 mai 2023",
         "Jour 2 — lundi 8 mai 2023"),
    ],
)  # fmt: skip
def test_an_itinerary_says_what_it_is_who_made_it_and_its_language(language, subject, day):
    reader = _draw(_itinerary(language))
    info = reader.metadata
    assert info["/Title"] == "Mission Tallinn 2023 — Kadri Tamm"
    assert info["/Author"] == ORGANISER  # the first line of the organisers
    assert info["/Subject"] == subject
    assert info["/Creator"] == "Delegation"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == language
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert root["/PageMode"] == "/UseOutlines"
    titles = [title for title, _page, _children in _outline(reader)]
    assert titles[-1] == day and len(titles) == 3  # practical page, then one per day
    # Each day's bookmark leads to the page that has its heading.
    for title, page, _children in _outline(reader)[1:]:
        assert title in reader.pages[page].extract_text()


def test_without_organisers_the_program_is_the_author():
    assert _draw(_itinerary(organisers=())).metadata["/Author"] == "Delegation"


def test_a_day_s_bookmark_follows_it_to_the_next_page():
    crowded = ItineraryDay(
        date(2023, 5, 7), tuple(_item(f"Meeting {n}", 8 + n % 12) for n in range(30))
    )
    last = ItineraryDay(date(2023, 5, 8), (_item("Farewell", 9),))
    reader = _draw(_itinerary(days=(crowded, last)))
    outline = _outline(reader)
    assert [title for title, _page, _children in outline][1:] == [
        "Day 1 — Sunday 7 May 2023",
        "Day 2 — Monday 8 May 2023",
    ]
    assert outline[2][1] > outline[1][1]  # day 2 is not bookmarked on day 1's first page
    assert "Day 2 — Monday 8 May 2023" in reader.pages[outline[2][1]].extract_text()


def _fonts(reader: PdfReader) -> dict[str, int]:
    """BaseFont of every font object, and the object number of its embedded file."""
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            assert descriptor["/FontName"] == font["/BaseFont"]
            fonts[str(font["/BaseFont"]).lstrip("/")] = descriptor.raw_get("/FontFile2").idnum
    return fonts


def test_each_font_subset_has_its_own_tag():
    reader = _draw(_itinerary(participant="王小明 — Παπαδόπουλος — כהן"))
    names = list(_fonts(reader))
    tags = [name.split("+")[0] for name in names]
    faces = {name.split("+")[1] for name in names}
    # By their PostScript names: Noto Sans, its Hebrew companion, Droid for the Chinese.
    assert {"NotoSans-Regular", "NotoSans-Bold", "NotoSansHebrew-Regular", FALLBACK} <= faces
    assert len(set(tags)) == len(tags)
    assert all(len(tag) == 6 and tag.isalpha() and tag.isupper() for tag in tags)
    assert "AAAAAA" not in tags
    # The tag follows the characters: the same subset is named alike, another one not.
    assert subset_tag(REGULAR, [32, 65]) == subset_tag(REGULAR, [32, 65])
    assert subset_tag(REGULAR, [32, 65]) != subset_tag(REGULAR, [32, 66])
    assert subset_tag(REGULAR, [32, 65]) != subset_tag(BOLD, [32, 65])


def _programme_pages(reader: PdfReader) -> list:
    return [page for page in reader.pages[2:]]  # after the cover and the practical page


@pytest.mark.parametrize(("language", "label"), [("en", "Map"), ("fr", "Plan")])
def test_a_venue_s_code_is_printed_once_on_a_page_labelled(language, label):
    items = (
        _item("Welcome", 8, TOWN_HALL),
        _item("Coffee", 9, TOWN_HALL),
        _item("Start-ups", 10, TEHNOPOL),
        _item("Lunch", 12, F_HOONE),
        _item("Talks", 13, TEHNOPOL),
        _item("Walk", 15),  # no venue: no code
        _item("Dinner", 19, TOWN_HALL),
    )
    reader = _draw(_itinerary(language, days=(ItineraryDay(date(2023, 5, 7), items),)))
    (page,) = _programme_pages(reader)
    links = _map_links(page)
    assert sorted(links) == sorted({_url(TOWN_HALL), _url(TEHNOPOL), _url(F_HOONE)})
    assert page.extract_text().split().count(label) == len(links)


def test_parallel_visits_at_one_venue_show_one_code():
    items = (
        _item("Lab tour", 10, TEHNOPOL, groups=("A",)),
        _item("Incubator", 10, TEHNOPOL, groups=("B",)),
        _item("Old town", 10, NOWHERE, groups=("C",)),
    )
    reader = _draw(_itinerary(days=(ItineraryDay(date(2023, 5, 7), items),)))
    (page,) = _programme_pages(reader)
    assert sorted(_map_links(page)) == sorted([_url(TEHNOPOL), _url(NOWHERE)])


def test_a_venue_s_code_is_printed_again_on_each_page_it_appears_on():
    venues = (TOWN_HALL, TEHNOPOL, F_HOONE)
    items = tuple(_item(f"Meeting {n}", 8 + n % 12, venues[n % 3]) for n in range(36))
    reader = _draw(_itinerary(days=(ItineraryDay(date(2023, 5, 7), items),)))
    pages = _programme_pages(reader)
    assert len(pages) >= 3
    for page in pages:
        text = page.extract_text()
        # The venues of the items on this page (each item's venue cycles with its number).
        numbers = {n for n in range(36) if f"Meeting {n}\n" in text + "\n"}
        shown = {_url(venues[n % 3]) for n in numbers}
        links = _map_links(page)
        assert len(links) == len(set(links)) == len(shown)
        assert set(links) == shown


def test_a_booklet_is_in_the_language_of_most_of_its_itineraries():
    english, french = _itinerary("en"), _itinerary("fr")
    assert booklet_language([english, french, french]) == "fr"
    assert booklet_language([english, french]) == "en"  # as many: the first one's


def test_a_booklet_numbers_and_bookmarks_each_person_on_their_own():
    set_language("en")
    people = [
        _itinerary("en", participant="Kadri Tamm"),
        _itinerary("fr", participant="Loïc Bérard"),
        _itinerary("fr", participant="王小明"),
    ]
    stream = io.BytesIO()
    pages = draw_booklet(people, stream)
    reader = PdfReader(stream)
    assert pages == len(reader.pages)
    outline = _outline(reader)
    assert [title for title, _page, _children in outline] == [p.participant for p in people]
    firsts = [page for _title, page, _children in outline]
    assert all(first % 2 == 0 for first in firsts)  # every one starts on a right-hand page
    assert [title for title, _p, _c in outline[1][2]][-1] == "Jour 2 — lundi 8 mai 2023"
    assert [title for title, _p, _c in outline[0][2]][-1] == "Day 2 — Monday 8 May 2023"
    lengths = [b - a for a, b in zip(firsts, [*firsts[1:], pages], strict=True)]
    own = len(_draw(people[1]).pages)
    second = reader.pages[firsts[1] + 1].extract_text()
    assert f"Page 2 sur {own}" in second and "Loïc Bérard" in second
    assert lengths[1] == own + own % 2  # a blank page after an odd-length one
    info = reader.metadata
    assert info["/Title"] == "Programmes personnels — Mission Tallinn 2023"
    assert info["/Subject"].startswith("Les programmes personnels de 3 participants, Tallinn")
    assert reader.trailer["/Root"]["/Lang"] == "fr"
