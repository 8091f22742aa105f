"""A trip made to be hard for the printed documents, built through the services.

Tel Aviv, 28 March – 2 April 2024 (Israel's clocks go forward on 29 March at 02:00):
three groups, one named partly in Hebrew; twenty confirmed people whose names are written
in Chinese, Korean, Hebrew, Arabic, Greek, Estonian, French with particles and apostrophes, and
one very long; a severe allergy written as a sentence with commas; wheelchair and lift
needs; a day of seventeen items with the groups apart; a dinner past midnight; venues
named in Hebrew and Arabic; a host with an Arabic name and a 77-character e-mail address;
a hotel of twin and single rooms; flights and a ferry with passengers.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from delegation.domain.enums import (
    AgendaKind,
    ParticipantCategory,
    ParticipantStatus,
    RoomType,
    TravelDirection,
    TravelMode,
)
from delegation.services.agenda import AgendaItemDetails, add_item
from delegation.services.directory import VenueDetails, list_organizations, save_venue
from delegation.services.groups import GroupDetails, add_group
from delegation.services.hotels import HotelDetails, add_rooms, save_hotel
from delegation.services.participant_details import ParticipantDetails
from delegation.services.participants import add_participant
from delegation.services.travel import SegmentDetails, save_segment, set_passengers
from delegation.services.trips import NewTrip, add_trip
from delegation.services.workspace import open_workspace

KEY = "tlv-2024"
START, END = date(2024, 3, 28), date(2024, 4, 2)
ZONE = "Asia/Jerusalem"
BUSY_DAY = date(2024, 3, 30)
LONG_EMAIL = "relations.internationales.delegations@ministry-of-economy-and-industry.gov.il"
ALLERGY = (
    "Allergie sévère aux fruits à coque (arachides, noix de cajou, pistaches) — "
    "porte un stylo d'adrénaline"
)
WHEELCHAIR = "Fauteuil roulant"
LIFT = "Mobilité réduite : prévoir ascenseur"
GATE_FR = "Passeport exigé à l'entrée ; contrôle de sécurité de vingt minutes."
GATE_EN = "Passport required at the gate; the security check takes twenty minutes."
HOST_PHONE, HOTEL_PHONE = "+972 3 724 1111", "+972 3 520 2525"
TOWER_PHONE, PORT_PHONE = "+972 3 608 1179", "+972 50 555 0101"  # venues' people on site
PHONES = (HOST_PHONE, HOTEL_PHONE, TOWER_PHONE, PORT_PHONE)
GROUPS = {"A": "Énergie", "B": "Groupe B (קבוצה ב)", "C": "Start-up Nation Track"}


@dataclass(frozen=True)
class Person:
    """A participant as typed by the organiser; family names first in Chinese and Korean."""

    first: str
    last: str
    organisation: str
    groups: tuple[str, ...]
    room: str
    dietary: str | None = None
    accessibility: str | None = None
    category: ParticipantCategory = ParticipantCategory.ENTREPRENEUR

    @property
    def email(self) -> str:
        return f"p{PEOPLE.index(self) + 1}@example.org"


PEOPLE: tuple[Person, ...] = (
    Person("小明", "王", "清华大学", ("A",), "101", "Végétarien"),
    Person("娜娜", "欧阳", "北京大学", ("B",), "102", "Sans gluten"),
    Person("נועה", "לוי", "אוניברסיטת תל אביב", ("C",), "201", accessibility=LIFT),
    Person("فاطمة الزهراء", "حداد", "غرفة التجارة العربية", ("B",), "102", ALLERGY),
    Person("Νικόλαος", "Παπαδόπουλος", "Ελληνικά Πετρέλαια", ("A", "C"), "103", "Végétarien"),
    Person("Tõnu", "Õunapuu", "Tartu Ülikool", ("A",), "202", accessibility=WHEELCHAIR),
    Person("Jean-Baptiste", "d'Auvergne-Lafayette", "Institut français", ("C",), "103"),
    Person(
        "Marie-Charlotte Anne-Sophie",
        "de La Rochefoucauld-Montmorency-Laval-Beauvilliers",
        "Compagnie générale d'électricité et d'hydraulique du Sud-Ouest",
        ("B",),
        "104",
        "Sans gluten",
    ),
    Person("Siobhán", "O'Brien", "University College Dublin", ("A",), "105"),
    Person("Łukasz", "Żółkiewski", "Politechnika Warszawska", ("B",), "106"),
    Person("Мария", "Иванова", "Сколково", ("C",), "104", "Végétarien"),
    Person("민준", "김", "서울대학교", ("A",), "107"),
    Person("Minh Khai", "Nguyễn Thị", "Đại học Bách khoa Hà Nội", ("B",), "106", "Halal"),
    Person("Øyvind", "Åsheim", "Norges teknisk-naturvitenskapelige universitet", ("C",), "108"),
    Person("יוסף", "כהן", "מכון ויצמן למדע", ("A",), "105"),
    Person("عمر", "الخوري", "جامعة بيرزيت", ("C",), "108", "Halal"),
    Person("Σοφία", "Γεωργίου", "Πανεπιστήμιο Αθηνών", ("B",), "203", "Sans gluten"),
    Person("Élodie", "Martin-Lefèvre", "Bpifrance", ("A", "B"), "107"),
    Person("Mart", "Kask", "Tallinna Tehnikaülikool", ("C",), "204"),
    Person("Émilie", "Aubanel", "Business France", (), "205", category=ParticipantCategory.STAFF),
)
HOST_FIRST, HOST_LAST = "سليم", "الشريف"
PERSONAL = PEOPLE[5]  # the wheelchair user's own itinerary is exported too
NEEDS = {WHEELCHAIR: PEOPLE[5], LIFT: PEOPLE[2]}


def _host(workspace) -> tuple[int, int]:
    """The host's contact and organisation: the directory learns them when the host comes
    to an earlier trip (the only way the services make a contact)."""
    earlier = add_trip(
        workspace,
        NewTrip("jaffa-2023", "Jaffa 2023", "Tel Aviv", "IL", date(2023, 6, 1), date(2023, 6, 2)),
    )
    details = ParticipantDetails(
        HOST_LAST, HOST_FIRST, email=LONG_EMAIL, organization="بلدية تل أبيب يافا",
        job_title="مدير العلاقات الدولية", phone=HOST_PHONE,
        status=ParticipantStatus.CONFIRMED,
    )  # fmt: skip
    row = add_participant(workspace, earlier.id, details).row
    (organisation,) = [
        o.id for o in list_organizations(workspace) if o.name == details.organization
    ]
    return row.contact_id, organisation


def _venues(workspace) -> list[int]:
    venues = [
        VenueDetails("מגדל עזריאלי", "Derech Menachem Begin 132", "Tel Aviv-Yafo", "IL",
                     32.0741, 34.7922, "דנה כהן", TOWER_PHONE, LONG_EMAIL),
        VenueDetails("ميناء يافا", "Jaffa Port", "Tel Aviv-Yafo", "IL", None, None,
                     "عمر حداد", PORT_PHONE),
        VenueDetails("Sarona Market", "Kalman Magen St 3", "Tel Aviv-Yafo", "IL",
                     32.0714, 34.7869),
        VenueDetails("Weizmann Institute of Science", "Herzl St 234", "Rehovot", "IL"),
    ]  # fmt: skip
    return [save_venue(workspace, None, None, venue).id for venue in venues]


def _rooms(workspace, trip_id: int) -> dict[str, int]:
    hotel = save_hotel(workspace, trip_id, None, None, HotelDetails(
        "מלון דן תל אביב — Dan Tel Aviv", "HaYarkon St 99, Tel Aviv-Yafo", HOTEL_PHONE,
        LONG_EMAIL, START, END,
    ))  # fmt: skip
    twins = [str(n) for n in range(101, 109)]
    singles = [str(n) for n in range(201, 206)]
    ids = add_rooms(workspace, hotel.id, twins, RoomType.TWIN, 2)
    ids += add_rooms(workspace, hotel.id, singles, RoomType.SINGLE, 1)
    return dict(zip(twins + singles, ids, strict=True))


def _programme(workspace, trip_id: int, venues: list[int], host: tuple[int, int]) -> None:
    tower, port, market, institute = venues
    contact, organisation = host

    def item(day, start, end, french, english, kind, venue, groups=(), hosted=False, **extra):
        details = AgendaItemDetails(
            day, start, end, title_fr=french, title_en=english, kind=kind, venue_id=venue,
            group_codes=groups, host_organization_id=organisation if hosted else None,
            host_contact_id=contact if hosted else None, **extra,
        )  # fmt: skip
        add_item(workspace, trip_id, details)

    item(START, time(18), time(19, 30), "Réception à l'ambassade", "Embassy reception",
         AgendaKind.RECEPTION, tower, hosted=True)  # fmt: skip
    # Past midnight, into the night the clocks go forward.
    item(START, time(22, 30), time(1, 30), "Dîner d’accueil", "Welcome dinner",
         AgendaKind.MEAL, port)  # fmt: skip
    item(date(2024, 3, 29), time(9), time(12), "Visite du port de Jaffa", "Jaffa port visit",
         AgendaKind.VISIT, port, ("A",), hosted=True,
         notes_fr=GATE_FR, notes_en=GATE_EN)  # fmt: skip
    item(date(2024, 3, 29), time(9, 30), time(11, 30), "Institut Weizmann", "Weizmann Institute",
         AgendaKind.VISIT, institute, ("B", "C"))  # fmt: skip
    visits = [("Rencontre énergie", "Energy meeting"), ("Visite d'hôpital", "Hospital visit"),
              ("Pitch de start-up", "Start-up pitch")]  # fmt: skip
    for slot, hour in enumerate((8, 10, 14, 16)):
        for offset, code in enumerate(GROUPS):
            french, english = visits[(slot + offset) % 3]
            item(BUSY_DAY, time(hour, 10 * offset), time(hour + 1, 30),
                 f"{french} {slot + 1}", f"{english} {slot + 1}", AgendaKind.VISIT,
                 venues[(slot + offset) % 4], (code,), hosted=offset == 0)  # fmt: skip
    item(BUSY_DAY, time(7, 15), time(7, 50), "Petit-déjeuner de travail", "Working breakfast",
         AgendaKind.MEAL, market)  # fmt: skip
    item(BUSY_DAY, time(12), time(13, 30), "Déjeuner au marché de Sarona", "Lunch at Sarona",
         AgendaKind.MEAL, market)  # fmt: skip
    item(BUSY_DAY, time(18), time(19), "Table ronde A et B", "Round table A and B",
         AgendaKind.MEETING, tower, ("A", "B"))  # fmt: skip
    item(BUSY_DAY, time(18), time(19), "Atelier C", "Workshop C", AgendaKind.CONFERENCE,
         institute, ("C",))  # fmt: skip
    item(BUSY_DAY, time(20), time(23, 30), "Dîner de gala", "Gala dinner", AgendaKind.MEAL,
         port, hosted=True)  # fmt: skip
    item(END, time(8), time(9, 30), "Bilan de la mission", "Mission review", AgendaKind.MEETING,
         tower)  # fmt: skip


def _travel(workspace, trip_id: int, ids: list[int]) -> None:
    outbound = save_segment(workspace, trip_id, None, None, SegmentDetails(
        "Paris CDG", "Europe/Paris", datetime(2024, 3, 28, 10, 20),
        "Tel Aviv TLV", ZONE, datetime(2024, 3, 28, 15, 5), carrier="Air France",
        number="AF1620",
    ))  # fmt: skip
    home = save_segment(workspace, trip_id, None, None, SegmentDetails(
        "Tel Aviv TLV", ZONE, datetime(2024, 4, 2, 16, 0), "Paris CDG", "Europe/Paris",
        datetime(2024, 4, 2, 19, 55), direction=TravelDirection.RETURN, carrier="El Al",
        number="LY325",
    ))  # fmt: skip
    ferry = save_segment(workspace, trip_id, None, None, SegmentDetails(
        "Haïfa", ZONE, datetime(2024, 3, 31, 8, 0), "Akko", ZONE, datetime(2024, 3, 31, 9, 30),
        mode=TravelMode.FERRY, direction=TravelDirection.LOCAL, carrier="Haifa Ferries",
    ))  # fmt: skip
    set_passengers(workspace, outbound.id, ids)
    set_passengers(workspace, home.id, ids)
    set_passengers(workspace, ferry.id, ids[:8])


def build_world_trip(database: Path) -> None:
    """The whole trip in a new database file."""
    workspace = open_workspace(str(database), sample_on_first_start=False)
    try:
        host = _host(workspace)
        trip = add_trip(workspace, NewTrip(KEY, "Mission Tel Aviv 2024 — énergie, santé",
                                           "Tel Aviv", "IL", START, END, ZONE))  # fmt: skip
        for code, name in GROUPS.items():
            add_group(workspace, trip.id, GroupDetails(code, name))
        rooms = _rooms(workspace, trip.id)
        ids = []
        for person in PEOPLE:
            details = ParticipantDetails(
                person.last, person.first, email=person.email, organization=person.organisation,
                status=ParticipantStatus.CONFIRMED, category=person.category,
                group_codes=person.groups, dietary=person.dietary,
                accessibility=person.accessibility, room_id=rooms[person.room],
            )  # fmt: skip
            ids.append(add_participant(workspace, trip.id, details).row.id)
        _programme(workspace, trip.id, _venues(workspace), host)
        _travel(workspace, trip.id, ids)
    finally:
        workspace.close()
