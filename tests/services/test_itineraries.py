"""Itineraries of the sample delegation, read back from the PDFs."""

from datetime import date
from pathlib import Path

import pytest
from babel.dates import format_date, get_timezone_location
from babel.numbers import get_currency_name
from pypdf import PdfReader

from delegation.domain.errors import NotFoundError, ValidationError
from delegation.services.itineraries import ItineraryBuilder, build_itinerary, export_itinerary
from delegation.services.itinerary_batch import export_itineraries

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
    for title in titles:  # printed with typographic apostrophes
        assert flat(title).replace("'", "’") in text
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
    assert f"Tallinn: {home_city('en_GB')} + 1 hr" in text


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
    assert len(files) == len({f.name for f in files})
    # Each itinerary counted twice, its file and its pages in the booklet, in order.
    assert seen[-1] == (2 * len(files), 2 * len(files))
    assert [done for done, _total in seen] == sorted(done for done, _total in seen)
    assert (len(files) + 1, 2 * len(files)) in seen
    assert all(f.exists() for f in files)
    assert any(f.name == "Dupré_Solène.pdf" for f in files)  # the name as written
    counts = [len(PdfReader(f).pages) for f in files]
    booklet = PdfReader(tmp_path / "booklet.pdf")
    assert len(booklet.pages) == sum(c + c % 2 for c in counts)
    kadri = next(f for f in files if f.name == "Tamm_Kadri.pdf")
    assert written(FIRST_DAY, "en_GB") in flat(pdf_text(kadri))  # Kadri reads English
    # Drawn by the workers from the trip they were given once: each sees only their groups.
    solene = flat(pdf_text(next(f for f in files if f.name == "Dupré_Solène.pdf")))
    assert "Solène Dupré" in solene
    assert "Visite du centre d’excellence OTAN de cyberdéfense" in solene
    assert "Lift99" not in solene
    export_itinerary(
        demo_workspace,
        "tallinn-2023",
        tmp_path / "one.pdf",
        language=None,
        participant_email=GROUP_A,
    )
    assert solene == flat(pdf_text(tmp_path / "one.pdf"))  # the same as drawn on its own


@pytest.mark.parametrize("workers", [1, 2], ids=["here", "in a worker process"])
def test_a_booklet_stopped_while_drawn_is_not_written_and_the_files_stay(
    demo_workspace, tmp_path, workers
):
    booklet = tmp_path / "booklet.pdf"
    files = export_itineraries(
        demo_workspace,
        "tallinn-2023",
        tmp_path / "out",
        booklet=booklet,
        progress=lambda done, total: done < total // 2 + 5,
        workers=workers,
    )
    assert files and all(f.exists() for f in files)
    assert not booklet.exists()
    assert not [p for p in tmp_path.iterdir() if "booklet" in p.name]  # nor a half-written one


@pytest.mark.parametrize("workers", [1, 2], ids=["here", "in a worker process"])
def test_a_batch_stopped_at_its_last_itinerary_has_no_booklet(demo_workspace, tmp_path, workers):
    booklet = tmp_path / "booklet.pdf"
    files = export_itineraries(
        demo_workspace,
        "tallinn-2023",
        tmp_path / "out",
        booklet=booklet,
        progress=lambda done, total: done < total // 2,  # Stop as the last file is written
        workers=workers,
    )
    assert files and all(f.exists() for f in files)
    assert not booklet.exists()


def test_the_booklet_of_a_batch_on_several_cores_is_drawn_by_a_worker(
    demo_workspace, tmp_path, monkeypatch
):
    # The calling process (the window's) never draws it: its objects would stall the window.
    def refused(*_args, **_kwargs):
        raise AssertionError("the booklet was drawn by the calling process")

    monkeypatch.setattr(ItineraryBuilder, "draw_booklet", refused)
    export_itineraries(
        demo_workspace, "tallinn-2023", tmp_path / "out", booklet=tmp_path / "b.pdf", workers=2
    )
    assert len(PdfReader(tmp_path / "b.pdf").pages) > 1


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
    assert _duration(night_train) == "9 hr"  # English, as the tests run
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


WORLD = (
    ("小明", "王"), ("娜", "李"), ("Layla", "حداد"), ("Noa", "לוי"),
    ("Κώστας", "Παπαδόπουλος"), ("Mart", "Kask"), ("Jüri", "Õun"),
)  # fmt: skip


def test_itineraries_are_named_after_people_in_their_own_script(workspace, tmp_path):
    import unicodedata

    from delegation.domain.enums import ParticipantStatus
    from delegation.services.participant_details import ParticipantDetails
    from delegation.services.participants import add_participant
    from delegation.services.trips import NewTrip, add_trip

    trip = add_trip(workspace, NewTrip("world", "World", "Tallinn", "EE", FIRST_DAY, LAST_DAY))
    # A second Wang Xiaoming, his name typed with the Jüri's ü decomposed (as macOS gives it).
    people = [*WORLD, ("小明", "王"), (unicodedata.normalize("NFD", "Jüri"), "Õun")]
    for number, (first, last) in enumerate(people):
        details = ParticipantDetails(
            last, first, email=f"p{number}@example.org", status=ParticipantStatus.CONFIRMED
        )
        add_participant(workspace, trip.id, details)
    files = export_itineraries(workspace, "world", tmp_path / "out", language="en", workers=1)
    names = {f.name for f in files}
    assert names == {
        "王_小明.pdf", "李_娜.pdf", "حداد_Layla.pdf", "לוי_Noa.pdf", "Παπαδόπουλος_Κώστας.pdf",
        "Kask_Mart.pdf", "Õun_Jüri.pdf", "王_小明_2.pdf", "Õun_Jüri_2.pdf",
    }  # fmt: skip
    assert {p.name for p in (tmp_path / "out").iterdir()} == names
    wang = pdf_text(tmp_path / "out" / "王_小明.pdf")
    assert "王" in wang and "小明" in wang
    layla = unicodedata.normalize("NFKC", pdf_text(tmp_path / "out" / "حداد_Layla.pdf"))
    assert "حداد" in layla or "حداد"[::-1] in layla


def _person(last: str, first: str = "", person_id: int = 7):
    from delegation.domain.enums import Language, ParticipantStatus
    from delegation.services.itinerary_data import PersonRecord

    return PersonRecord(
        person_id, first, last, None, ParticipantStatus.CONFIRMED, Language.FRENCH, None, ()
    )


@pytest.mark.parametrize(
    ("last", "first", "expected"),
    [
        ("王", "小明", "王_小明.pdf"),
        ("حداد", "Layla", "حداد_Layla.pdf"),
        ("van der Berg", "Anna Lena", "van_der_Berg_Anna_Lena.pdf"),
        ('AC/DC: "Best"?', "<Bob>|*", "AC_DC_Best_Bob.pdf"),  # what Windows refuses
        ("Tab\tNew\nline\x7f", "", "Tab_New_line.pdf"),  # control characters
        ("Evil\u202efdp.exe", "", "Evilfdp.exe.pdf"),  # a mark that reverses the reading
        ("Smith Jr.", "", "Smith_Jr.pdf"),  # Windows drops a trailing dot
        ("...hidden", "", "hidden.pdf"),  # a leading dot hides a file
        ("Con", "", "Con_.pdf"),  # a device name on Windows, whatever the extension
        ("nul", "", "nul_.pdf"),
        ("LPT1", "", "LPT1_.pdf"),
        ("Console", "", "Console.pdf"),
        ("شیرزاد\u200cپور", "", "شیرزاد\u200cپور.pdf"),  # Persian's non-joiner is spelling
        ("???", "", "participant_7.pdf"),
        ("", "", "participant_7.pdf"),
    ],
)
def test_a_file_name_drops_only_what_file_systems_refuse(last, first, expected):
    from delegation.services.itinerary_batch import safe_file_name

    assert safe_file_name(_person(last, first), set()) == expected


def test_file_names_are_unique_as_file_systems_compare_them():
    import unicodedata

    from delegation.services.itinerary_batch import safe_file_name

    taken: set[str] = set()
    names = [
        safe_file_name(_person(last, first), taken)
        for last, first in [
            ("Kask", "Mart"),
            ("KASK", "MART"),  # the same file on Windows and macOS
            ("Õun", unicodedata.normalize("NFD", "Jüri")),
            ("Õun", "Jüri"),  # the same once composed
        ]
    ]
    assert names == ["Kask_Mart.pdf", "KASK_MART_2.pdf", "Õun_Jüri.pdf", "Õun_Jüri_2.pdf"]
    assert all(unicodedata.is_normalized("NFC", name) for name in names)


def test_a_long_name_is_cut_within_the_file_systems_limit_and_never_inside_a_letter():
    from delegation.services.itinerary_batch import safe_file_name

    chinese = safe_file_name(_person("欧阳" * 100), set())
    assert len(chinese.encode()) <= 255 - 20 and chinese.startswith("欧阳欧阳")
    # q with a dot above has no single character: the cut keeps the two together.
    dotted = safe_file_name(_person("q\u0307" * 100), set())
    assert dotted.removesuffix(".pdf").endswith("q\u0307")
