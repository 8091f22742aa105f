"""The programme laid out by measured height, read back word by word from the PDF.

A hard trip built here: Tel Aviv from 28 March to 2 April 2024, across Israel's clock change
(29 March, 02:00), three groups splitting, 25 items on one day, names in Hebrew, Arabic,
Chinese and Greek, a host e-mail address of more than 60 characters, a dinner past
midnight. The delegation's itinerary and a personal one, in English and French, are drawn
and read back with poppler's pdftotext (word boxes): no two words overlap, nothing leaves
the page's frame, every continuation page names its day, a group keeps its column all day,
and no page ends with a heading.
"""

import html
import re
import shutil
import subprocess
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from delegation.domain.enums import AgendaKind, AgendaStatus, TravelMode
from delegation.reports.breaking import SMALLEST, break_long_words, fitting_size
from delegation.reports.fonts import REGULAR
from delegation.reports.itinerary import _spans, day_columns, draw_itinerary
from delegation.reports.itinerary_model import (
    Host,
    HotelStay,
    Itinerary,
    ItineraryDay,
    ItineraryItem,
    Place,
    TravelLeg,
)

GROUPS = ("Énergie", "Santé", "Tech")
CODES = {"EN": "Énergie", "SA": "Santé", "TE": "Tech"}
LONG_EMAIL = "relations.internationales.delegations@ministry-of-economy-and-industry.gov.il"
PERSON = "Νικόλαος Παπαδόπουλος"
PERSON_GROUPS = ("Énergie", "Santé")

HOSTS = [
    Host("Israel Innovation Authority", "יוסף כהן", "מנהל", "+972 3 555 0101", LONG_EMAIL),
    Host("Jaffa Municipality", "فاطمة الزهراء", "مديرة", "+972 3 555 0102", "f.zahra@jaffa.il"),
    Host("Sino-Israeli Tech Fund", "王小明", "总经理", "+972 3 555 0103", LONG_EMAIL),
    Host("Hellenic Chamber", "Ελένη Παπαδοπούλου-Κωνσταντινίδου", None, None, LONG_EMAIL),
    Host("Institut français", "Jean-Baptiste D'AUVERGNE-LAFAYETTE", "Attaché", None, None),
]
PLACES = [
    Place("Sarona Market", "Kalman Magen St 3, Tel Aviv-Yafo", 32.0714, 34.7869),
    Place("מגדל עזריאלי", "Derech Menachem Begin 132, Tel Aviv-Yafo", 32.0741, 34.7922),
    Place("ميناء يافا", "Jaffa Port, Tel Aviv-Yafo", None, None, "Omar Haddad", "+972 50 555"),
    Place("Weizmann Institute of Science", "Herzl St 234, Rehovot", 31.9077, 34.8105),
]
NOTE = (
    "Passport required at the gate; the security check takes twenty minutes, come early. "
    "Contact before arrival: https://www.example.org/delegations/tel-aviv/2024/registration"
)


def _item(token: str, start: tuple[int, int], end: tuple[int, int] | None, n: int, *groups):
    """An item whose title opens with a token that says its group: "EN3", "SA12", "ALL4"."""
    return ItineraryItem(
        time(*start),
        time(*end) if end else None,
        f"{token} " + ["Meeting on water and energy", "Hospital visit", "Start-up pitch"][n % 3],
        list(AgendaKind)[n % len(AgendaKind)],
        status=AgendaStatus.TENTATIVE if n % 7 == 3 else AgendaStatus.CONFIRMED,
        place=PLACES[n % len(PLACES)],
        host=HOSTS[n % len(HOSTS)],
        groups=groups,
        notes=NOTE if n % 2 else None,
    )


def _busy_day() -> tuple[ItineraryItem, ...]:
    """25 items: the groups start in a different order morning and afternoon, one item for
    two neighbouring groups, one for two that are not neighbours."""
    items = [_item("ALL1", (7, 30), (8, 15), 0)]
    morning = [("TE", 8, 30), ("SA", 8, 45), ("EN", 9, 0)]  # Tech first in the morning
    afternoon = [("EN", 14, 0), ("TE", 14, 10), ("SA", 14, 20)]  # Énergie first after lunch
    n = 1
    for slot in range(3):
        for code, hour, minute in morning:
            start, finish = (hour + slot, minute), (hour + slot, 59)
            items.append(_item(f"{code}{n}", start, finish, n, CODES[code]))
            n += 1
    items.append(_item("ALL2", (12, 0), (13, 30), n))
    n += 1
    for slot in range(3):
        for code, hour, minute in afternoon:
            start, finish = (hour + slot, minute), (hour + slot, 55)
            items.append(_item(f"{code}{n}", start, finish, n, CODES[code]))
            n += 1
    items.append(_item(f"ENSA{n}", (17, 0), (18, 0), n, "Énergie", "Santé"))
    items.append(_item(f"TE{n + 1}", (17, 0), (18, 0), n + 1, "Tech"))
    items.append(_item(f"ENTE{n + 2}", (18, 15), (19, 0), n + 2, "Énergie", "Tech"))
    items.append(_item(f"SA{n + 3}", (18, 15), (19, 0), n + 3, "Santé"))
    items.append(_item("ALL3", (20, 0), (23, 30), n + 4))
    assert len(items) == 25
    return tuple(items)


def _trip(language: str) -> Itinerary:
    days = (
        ItineraryDay(
            date(2024, 3, 28),
            (
                _item("ALL5", (15, 0), (17, 0), 1),
                _item("EN30", (17, 30), (19, 0), 2, "Énergie"),
                _item("SA31", (17, 30), (19, 0), 4, "Santé"),
                _item("TE32", (17, 45), (19, 0), 5, "Tech"),
                # Past midnight, into the night the clocks go forward.
                _item("ALL6", (21, 0), (1, 30), 6),
            ),
        ),
        ItineraryDay(
            date(2024, 3, 29),
            (
                _item("SA33", (9, 0), (12, 0), 7, "Santé"),
                _item("EN34", (10, 0), (12, 0), 8, "Énergie"),
                _item("ALL7", (13, 0), (14, 0), 9),
            ),
        ),
        ItineraryDay(date(2024, 3, 30), _busy_day()),
        ItineraryDay(date(2024, 3, 31), (_item("ALL8", (9, 0), (18, 0), 11),)),
        ItineraryDay(date(2024, 4, 1), ()),
        ItineraryDay(date(2024, 4, 2), (_item("ALL9", (8, 0), (10, 0), 12),)),
    )
    hotel = Place("מלון דן תל אביב", "HaYarkon St 99, Tel Aviv-Yafo", 32.0853, 34.7683)
    return Itinerary(
        language=language,
        trip_title="Mission Tel Aviv 2024 — santé, énergie, technologies",
        destination="Tel Aviv",
        country="IL",
        start=date(2024, 3, 28),
        end=date(2024, 4, 2),
        timezone="Asia/Jerusalem",
        home_timezone="Europe/Paris",
        home_offset_minutes=60,
        offset_changes=((date(2024, 3, 29), 120), (date(2024, 3, 31), 60)),
        currency="ILS",
        organisers=("Camille Icard — +33 6 59 50 88 83", f"张伟 — {LONG_EMAIL}"),
        partners=("غرفة التجارة العربية", "Ελληνογαλλικό Επιμελητήριο"),
        emergency_numbers=("Police: 100", "Magen David Adom: 101"),
        hotels=(HotelStay(hotel, "+972 3 520 2525", LONG_EMAIL),),
        travel=(
            TravelLeg(
                TravelMode.FLIGHT,
                "Air France",
                "AF988",
                "Paris-CDG",
                datetime(2024, 3, 28, 7, 45),
                "Europe/Paris",
                "Tel Aviv (TLV)",
                datetime(2024, 3, 28, 13, 0),
                "Asia/Jerusalem",
            ),
            TravelLeg(
                TravelMode.FLIGHT,
                "Air France",
                "AF989",
                "Tel Aviv (TLV)",
                datetime(2024, 4, 2, 14, 0),
                "Asia/Jerusalem",
                "Paris-CDG",
                datetime(2024, 4, 2, 18, 0),
                "Europe/Paris",
            ),
        ),
        days=days,
        groups=GROUPS,
    )


def _personal(language: str) -> Itinerary:
    """As the services cut it: the person's groups' items and the whole delegation's."""
    trip = _trip(language)

    def mine(item: ItineraryItem) -> bool:
        return not item.groups or bool(set(item.groups) & set(PERSON_GROUPS))

    days = tuple(replace(day, items=tuple(filter(mine, day.items))) for day in trip.days)
    return replace(trip, days=days, participant=PERSON, participant_groups=PERSON_GROUPS)


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class Page:
    width: float
    height: float
    words: list[Word]


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def read_pages(path: Path) -> list[Page]:
    """Every page's words and their boxes (points, from the top left), as poppler reads them."""
    out = path.with_suffix(".html")
    subprocess.run(["pdftotext", "-bbox", str(path), str(out)], check=True)
    pages = []
    for width, height, body in _PAGE.findall(out.read_text(encoding="utf-8")):
        words = [
            Word(html.unescape(text), float(x0), float(top), float(x1), float(bottom))
            for x0, top, x1, bottom, text in _WORD.findall(body)
        ]
        pages.append(Page(float(width), float(height), words))
    return pages


MARGIN = 15 * mm
FRAME_TOP = MARGIN + 4 * mm  # under the running header
TOLERANCE = 1.0  # points


def body_words(page: Page) -> list[Word]:
    """The words of the frame: not the running header above it, nor the page number below."""
    return [w for w in page.words if w.bottom > FRAME_TOP and w.top < page.height - MARGIN]


def word_lines(words: list[Word]) -> list[list[Word]]:
    """The words gathered into lines from the top (by their tops within 2 points), each
    from the left."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(lines[-1][0].top - word.top) < 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def lines_of(words: list[Word]) -> list[tuple[float, str]]:
    """The lines' tops and texts."""
    return [(line[0].top, " ".join(w.text for w in line)) for line in word_lines(words)]


def overlaps(page: Page) -> list[tuple[str, str]]:
    found = []
    words = sorted(page.words, key=lambda w: w.top)
    for index, word in enumerate(words):
        for other in words[index + 1 :]:
            if other.top >= word.bottom - TOLERANCE:
                break  # sorted by top: no later word reaches this one
            across = min(word.x1, other.x1) - max(word.x0, other.x0)
            down = min(word.bottom, other.bottom) - max(word.top, other.top)
            if across > TOLERANCE and down > TOLERANCE:
                found.append((word.text, other.text))
    return found


HEADINGS = {
    "en": {"Practical information", "Travel", "Hotel", "Hotels", "Organisers", "Partners"},
    "fr": {"Informations pratiques", "Voyages", "Hôtel", "Hôtels", "Organisateurs", "Partenaires"},
}
DAY_HEADING = re.compile(r"^(Day|Jour) (\d+) — .*?( \((continued|suite)\))?$")


def _drawn(kind: str, language: str, tmp_path: Path) -> tuple[Itinerary, list[Page]]:
    itinerary = _trip(language) if kind == "delegation" else _personal(language)
    path = tmp_path / f"{kind}-{language}.pdf"
    pages = draw_itinerary(itinerary, path)
    read = read_pages(path)
    assert len(read) == pages
    return itinerary, read


pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
CASES = [(k, lang) for k in ("delegation", "personal") for lang in ("en", "fr")]


@pytest.mark.parametrize(("kind", "language"), CASES)
def test_no_two_words_overlap_and_all_stay_in_the_frame(kind, language, tmp_path):
    _itinerary, pages = _drawn(kind, language, tmp_path)
    text = " ".join(w.text for page in pages for w in page.words)
    assert "ministry-of-economy-and-industry.gov.il" in text.replace(" ", "")
    for number, page in enumerate(pages, start=1):
        assert overlaps(page) == [], f"page {number}"
        width, height = A4
        for word in page.words:
            assert word.x0 >= MARGIN - TOLERANCE, f"page {number}: {word}"
            assert word.x1 <= width - MARGIN + TOLERANCE, f"page {number}: {word}"
            assert word.top >= 0, f"page {number}: {word}"
            assert word.bottom <= height, f"page {number}: {word}"
        for word in body_words(page):
            assert word.top >= FRAME_TOP - TOLERANCE, f"page {number}: {word} above the frame"
            assert word.bottom <= height - MARGIN + TOLERANCE, f"page {number}: {word} below"


@pytest.mark.parametrize(("kind", "language"), CASES)
def test_every_programme_page_opens_with_its_day(kind, language, tmp_path):
    itinerary, pages = _drawn(kind, language, tmp_path)
    current = None  # the day whose rows the last page ended in
    programme = False
    seen_days = set()
    continued = 0
    for number, page in enumerate(pages, start=1):
        lines = lines_of(body_words(page))
        first = DAY_HEADING.match(lines[0][1])
        programme = programme or bool(first)
        if not programme:
            continue
        assert first, f"page {number} opens with {lines[0][1]!r}, not its day"
        if first.group(2) == current:
            assert first.group(3), f"page {number}: day {current} goes on, marked continued"
            continued += 1
        else:
            assert not first.group(3), f"page {number}: a new day is not continued"
        for _top, line in lines:
            match = DAY_HEADING.match(line)
            if match:
                current = match.group(2)
                seen_days.add(current)
    assert seen_days == {str(n) for n in range(1, len(itinerary.days) + 1)}
    assert continued >= 2  # the busy day runs over pages


@pytest.mark.parametrize(("kind", "language"), CASES)
def test_a_group_keeps_its_column_all_day(kind, language, tmp_path):
    itinerary, pages = _drawn(kind, language, tmp_path)
    groups = GROUPS if kind == "delegation" else PERSON_GROUPS
    # Where each item's title starts, found by its token ("EN3"), and where the rows of
    # column labels put each group, day by day (a day's number from its headings).
    starts: dict[str, float] = {}
    labels: dict[str, dict[str, set[float]]] = {}
    day_number = None
    for page in pages:
        labelled = in_columns = False
        for line in word_lines(body_words(page)):
            heading = DAY_HEADING.match(" ".join(w.text for w in line))
            if heading:
                day_number = heading.group(2)
            elif len(line) >= 2 and {w.text for w in line} <= set(groups):
                labelled = True
                for word in line:
                    labels.setdefault(day_number, {}).setdefault(word.text, set()).add(word.x0)
            for word in line:
                if re.fullmatch(r"(EN|SA|TE|ENSA|ENTE|ALL)\d+", word.text):
                    starts[word.text] = word.x0
                    in_columns = in_columns or not word.text.startswith("ALL")
        # Labels stand above rows in columns only, not above the whole delegation's.
        assert labelled == in_columns
    for number, day in enumerate(itinerary.days, start=1):
        columns: dict[str, set[float]] = {}
        for item in day.items:
            token = item.title.split()[0]
            assert token in starts, token
            if len(item.groups) == 1:
                columns.setdefault(item.groups[0], set()).add(round(starts[token], 1))
        if len(columns) < 2:
            assert str(number) not in labels  # one group that day: its items take the width
            continue
        assert all(len(x) == 1 for x in columns.values()), (day.day, columns)
        # The columns in the trip's order, left to right, each under its label on every page.
        order = sorted(columns, key=lambda g: next(iter(columns[g])))
        assert order == [g for g in groups if g in columns]
        for group, (x,) in columns.items():
            places = labels[str(number)][group]
            assert max(places) - min(places) <= TOLERANCE, (day.day, group, places)
            assert abs(x - min(places)) <= TOLERANCE, (day.day, group, x, places)
    # An item for everyone starts where the first column does and takes the whole width.
    assert starts["ALL1"] == min(starts.values())


@pytest.mark.parametrize(("kind", "language"), CASES)
def test_no_page_ends_with_a_heading(kind, language, tmp_path):
    _itinerary, pages = _drawn(kind, language, tmp_path)
    groups = set(GROUPS)
    for number, page in enumerate(pages, start=1):
        lines = lines_of(body_words(page))
        last = lines[-1][1]
        assert last not in HEADINGS[language], f"page {number} ends with {last!r}"
        assert not DAY_HEADING.match(last), f"page {number} ends with {last!r}"
        assert not set(last.split()) <= groups, f"page {number} ends with the column labels"


UNBREAKABLE = [LONG_EMAIL, "https://www.example.org/delegations/tel-aviv/2024/registration",
               "Παπαδοπούλου-Κωνσταντινίδου", "D'AUVERGNE-LAFAYETTE", "Jean-Baptiste"]  # fmt: skip


@pytest.mark.parametrize(("kind", "language"), CASES)
def test_addresses_and_names_break_only_after_their_punctuation(kind, language, tmp_path):
    _itinerary, pages = _drawn(kind, language, tmp_path)
    pieces = 0
    for page in pages:
        for word in page.words:
            text = word.text.rstrip(",;")
            for whole in UNBREAKABLE:
                # A piece of a long word (a word of the text, "delegation", is no piece).
                if text == whole or text not in whole or not set(text) & set("@./-_'"):
                    continue
                pieces += 1
                start = whole.index(text)
                end = start + len(text)
                assert start == 0 or whole[start - 1] in "@./-_", (text, whole)
                assert end == len(whole) or text[-1] in "@./-_", (text, whole)
    assert pieces > 0  # the long ones did need breaking


def test_long_addresses_break_after_their_punctuation_and_names_stay_whole():
    width = 120.0
    broken = break_long_words(f"Host: {LONG_EMAIL} — end", REGULAR, 8.5, width)
    lines = broken.replace(" ", "\n").split("\n")
    assert "".join(broken.split()) == "".join(f"Host: {LONG_EMAIL} — end".split())
    assert all(line[-1] in "@./-_" for line in broken.split("\n")[:-1])
    from delegation.reports.fallback import string_width

    assert all(string_width(line, REGULAR, 8.5) <= width for line in lines)
    # A name without break points is set smaller rather than cut, down to a floor.
    name = "D'AUVERGNE"
    size = fitting_size(name, REGULAR, 10, 40)
    assert SMALLEST <= size < 10
    assert string_width(name, REGULAR, size) <= 40 or size == SMALLEST
    assert fitting_size("Short", REGULAR, 10, 40) == 10
    assert break_long_words("Jean Dupont", REGULAR, 10, 300) == "Jean Dupont"


def test_day_columns_follow_the_trip_order_and_spans_avoid_other_items():
    items = _busy_day()
    assert day_columns(items, GROUPS) == list(GROUPS)
    assert day_columns(items, ()) == ["Tech", "Santé", "Énergie"]  # as met: Tech first
    assert day_columns([i for i in items if i.groups in ((), ("Santé",))], GROUPS) == []
    both = _item("X", (9, 0), (10, 0), 0, "Énergie", "Tech")
    health = _item("Y", (9, 0), (10, 0), 0, "Santé")
    assert _spans([both, health], list(GROUPS)) == [(0, 0), (1, 1)]
    assert _spans([both], list(GROUPS)) == [(0, 2)]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_list_cells_keep_names_whole_and_short_labels_on_one_line(language, tmp_path):
    from delegation.domain.enums import ParticipantCategory, ParticipantStatus
    from delegation.i18n import set_language
    from delegation.reports.participant_list import (
        ListedParticipant,
        ParticipantList,
        draw_participant_list,
    )

    def person(last: str, first: str, status: ParticipantStatus) -> ListedParticipant:
        return ListedParticipant(
            last, first, "Israel Innovation Authority", LONG_EMAIL, ("EN",), status,
            ParticipantCategory.ACADEMIC,
        )  # fmt: skip

    people = (
        person("Παπαδοπούλου-Κωνσταντινίδου", "Ελένη", ParticipantStatus.WAITLISTED),
        person("D'AUVERGNE-LAFAYETTE-MONTMORENCY", "Jean-Baptiste", ParticipantStatus.CONFIRMED),
        person("Konstantinopoulou", "Hubert", ParticipantStatus.WAITLISTED),
    )
    set_language(language)
    try:
        path = tmp_path / "list.pdf"
        draw_participant_list(ParticipantList("Mission Tel Aviv 2024", "Tel Aviv", people), path)
        waiting = "Liste d’attente" if language == "fr" else "Waiting list"
    finally:
        set_language("en")
    (page,) = read_pages(path)[:1]
    assert overlaps(page) == []
    lines = lines_of(body_words(page))
    assert sum(line.count(waiting) for _top, line in lines) >= 2  # on one line each time
    words = {w.text for w in page.words}
    # The longest name has no break point: set smaller, it stays whole.
    assert "KONSTANTINOPOULOU" in words
    for text in {w.text for w in page.words}:
        for whole in (
            "ΠΑΠΑΔΟΠΟΎΛΟΥ-ΚΩΝΣΤΑΝΤΙΝΊΔΟΥ",
            "D'AUVERGNE-LAFAYETTE-MONTMORENCY",
            LONG_EMAIL,
        ):
            if text != whole and text in whole and set(text) & set("@./-_'"):
                start = whole.index(text)
                assert start == 0 or whole[start - 1] in "@./-_", (text, whole)
                assert start + len(text) == len(whole) or text[-1] in "@./-_", (text, whole)
