"""Lists for hosts and suppliers: visitors per site, rooms per hotel, dietary needs per meal."""

from datetime import date, time

from babel.dates import format_date
from pypdf import PdfReader

from delegation.domain.enums import RoomType
from delegation.i18n import set_language
from delegation.reports.dietary import (
    DietaryCounts,
    Diner,
    Meal,
    count_needs,
    dietary_needs,
    draw_dietary_counts,
)
from delegation.reports.rooming_list import (
    RoomingHotel,
    RoomingList,
    RoomingRoom,
    draw_rooming_list,
)
from delegation.reports.visitor_list import SiteVisit, Visitor, VisitorLists, draw_visitor_lists

DELEGATION = "Mission Tallinn 2023 — Tallinn, Estonia, 7–10 May 2023"  # given, never checked
VISIT_DAY = date(2023, 5, 8)


def _day(value: date, locale: str, style: str = "EEEE d MMMM y") -> str:
    """A day as Babel writes it in this locale: "EEEE d MMMM y" is the lists' own pattern."""
    return format_date(value, style, locale=locale)


def _pages(path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


VISITORS = (
    Visitor("Nicolaï", "Élodie", "Ocre & Pixel", "France", "19EB38389", date(2031, 5, 2)),
    Visitor("Õunapuu", "Jüri", "Tallinna Tehnikaülikool", "Estonia", "KE1234567", None),
    Visitor("Иванов", "Дмитрий", "Huveaune Énergie", "Ukraine", "FA998877", date(2029, 1, 1)),
)


def _visit(site, *, required, visitors=VISITORS, **changes):
    values = dict(
        venue_name=site, venue_address="Filtri tee 12, 10132 Tallinn", day=VISIT_DAY,
        start_time=time(9, 30), end_time=time(11, 0), title="Briefing", host="e-Estonia",
        host_contact="Kadri Tamm", identity_required=required, visitors=tuple(visitors),
    )  # fmt: skip
    values.update(changes)
    return SiteVisit(**values)


def _visitor_pdf(tmp_path, visits, contact=None):
    target = tmp_path / "visitors.pdf"
    draw_visitor_lists(VisitorLists("Mission Tallinn 2023", DELEGATION, visits, contact), target)
    return _pages(target)


def test_identity_numbers_only_for_the_sites_that_require_them(tmp_path):
    pages = _visitor_pdf(
        tmp_path,
        (
            _visit("e-Estonia Briefing Centre", required=False),
            _visit("NATO CCDCOE", required=True, groups="Groupe A"),
        ),
        contact="Camille Icard — +33 6 59 50 88 83",
    )
    assert len(pages) == 2  # one page per site
    briefing, nato = pages
    assert "e-Estonia Briefing Centre" in briefing and "NATO CCDCOE" in nato
    for number in ("19EB38389", "KE1234567", "FA998877"):
        assert number not in briefing
        assert number in nato
    assert "Passport" not in briefing and "Passport number" in nato
    for page in pages:
        assert "NICOLAÏ" in page and "ÕUNAPUU" in page and "ИВАНОВ" in page
        assert f"{_day(VISIT_DAY, 'en_GB')}, 09:30–11:00" in page
        assert "e-Estonia — Kadri Tamm" in page
        assert "3 visitors" in page
        assert "Camille Icard" in page
    assert "The whole delegation" in briefing and "Groupe A" in nato


def test_visitor_list_in_french(tmp_path):
    set_language("fr")
    (page,) = _visitor_pdf(tmp_path, (_visit("F-hoone", required=False),))
    assert f"{_day(VISIT_DAY, 'fr_FR')}, 09:30–11:00" in page
    assert "Liste des visiteurs" in page


def test_hundreds_of_visitors_and_long_names_flow_over_pages(tmp_path):
    crowd = [
        Visitor(f"Nom{index}", "Prénom", "Organisation " * 25, "France", "X" * 60, None)
        for index in range(300)
    ]
    pages = _visitor_pdf(tmp_path, (_visit("Site " * 60, required=True, visitors=crowd),))
    assert len(pages) > 5
    assert "300 visitors" in pages[0]
    assert "NOM99" in pages[-1]  # the last by name


def test_an_empty_programme_still_gives_a_page(tmp_path):
    assert len(_visitor_pdf(tmp_path, ())) == 1


def test_rooming_list_per_hotel(tmp_path):
    target = tmp_path / "rooming.pdf"
    hotels = (
        RoomingHotel(
            "Hotel Telegraaf", "Vene 9, 10123 Tallinn", "+372 600 0600", None,
            date(2023, 5, 7), date(2023, 5, 10),
            (
                RoomingRoom("101", RoomType.TWIN, 2, ("NICOLAÏ Élodie", "ÕUNAPUU Jüri")),
                RoomingRoom("102", RoomType.SINGLE, 1, ("ИВАНОВ Дмитрий",)),
                RoomingRoom("103", RoomType.DOUBLE, 2, ()),
            ),
        ),
        RoomingHotel("Hotel Palace", None, None, None, None, None, ()),
    )  # fmt: skip
    assert draw_rooming_list(RoomingList("Mission Tallinn 2023", DELEGATION, hotels), target) == 2
    telegraaf, palace = _pages(target)
    assert "Rooming list — Hotel Telegraaf" in telegraaf
    for text in ("101", "Twin", "NICOLAÏ Élodie", "ÕUNAPUU Jüri", "ИВАНОВ Дмитрий", "Double"):
        assert text in telegraaf
    check_in = _day(date(2023, 5, 7), "en_GB", "medium")  # the room lines' dates
    check_out = _day(date(2023, 5, 10), "en_GB", "medium")
    assert check_in in telegraaf and check_out in telegraaf and "3 nights" in telegraaf
    assert "Rooms without a guest 1" in telegraaf and "Guests 3" in telegraaf
    assert "No room booked" in palace


def texts(field: str | None) -> tuple[str, ...]:
    return tuple(need.text for need in dietary_needs(field))


def test_dietary_needs_are_normalised():
    set_language("fr")
    assert texts(None) == ()
    assert texts("  Végétarien. ") == ("Végétarien",)
    assert texts("Sans  gluten ; sans lactose, sans gluten") == ("Sans gluten", "Sans lactose")
    assert texts("Aucun") == ()
    # The same word typed in two Unicode forms is one need.
    assert texts("ve\u0301ge\u0301tarien") == ("Végétarien",)


def test_dietary_counts_for_a_constructed_meal(tmp_path):
    diners = (
        Diner("NICOLAÏ Élodie", "Végétarien"),
        Diner("ÕUNAPUU Jüri", "végétarien "),
        Diner("BÉRARD Océane", "végétarien; sans gluten"),
        Diner("IVANOV Dmitri", None),
        Diner("COHEN David", "aucun"),
    )
    assert [(need.text, people) for need, people in count_needs(diners)] == [
        ("Vegetarian", ["BÉRARD Océane", "NICOLAÏ Élodie", "ÕUNAPUU Jüri"]),
        ("Gluten-free", ["BÉRARD Océane"]),
    ]
    target = tmp_path / "meals.pdf"
    meal = Meal(date(2023, 5, 7), time(19, 30), "Dîner de bienvenue", "Olde Hansa", diners)
    lunch = Meal(date(2023, 5, 8), time(12, 30), "Lunch", None, diners[3:], "Groupe B")
    draw_dietary_counts(DietaryCounts("Mission Tallinn 2023", DELEGATION, (meal, lunch)), target)
    text = " ".join(_pages(target))
    assert "Dîner de bienvenue" in text
    assert "5 guests expected · 2 without a particular need" in text
    assert "Vegetarian × 3 BÉRARD Océane, NICOLAÏ Élodie, ÕUNAPUU Jüri" in text
    assert "Gluten-free × 1 BÉRARD Océane" in text
    assert "2 guests expected" in text and "No particular dietary need" in text
