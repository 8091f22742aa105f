"""One cell to one value, or a short reason quoting what was typed."""

from datetime import date, datetime, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delegation.domain.enums import AgendaKind, Language, ParticipantCategory, ParticipantStatus
from delegation.interchange.values import (
    DateOrder,
    date_order_of,
    has_ambiguous_dates,
    parse_category,
    parse_date,
    parse_email,
    parse_groups,
    parse_int,
    parse_kind,
    parse_language,
    parse_status,
    parse_text,
    parse_time,
    split_full_name,
)


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (None, None),
        ("", None),
        ("  Dupont  ", "Dupont"),
        (33612345678.0, "33612345678"),
        (42, "42"),
        (2.5, "2.5"),
        (datetime(2027, 3, 4), "2027-03-04"),
        (time(9, 30), "09:30"),
    ],
)
def test_parse_text(cell, text):
    assert parse_text(cell) == text


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        ("03/04/2023", date(2023, 4, 3)),  # French order: 3 April
        ("3/4/2023", date(2023, 4, 3)),
        ("03.04.2023", date(2023, 4, 3)),
        ("03-04-2023", date(2023, 4, 3)),
        ("2023-04-03", date(2023, 4, 3)),
        (" 2023-04-03T00:00:00 ", date(2023, 4, 3)),
        ("03/04/2023 00:00", date(2023, 4, 3)),
        ("29/02/2028", date(2028, 2, 29)),
        (datetime(2027, 3, 4, 10, 0), date(2027, 3, 4)),
        (date(2027, 3, 4), date(2027, 3, 4)),
        (46000, date(2025, 12, 9)),  # an Excel serial that lost its date format
        (None, None),
        ("  ", None),
    ],
)
def test_parse_date(cell, day):
    assert parse_date(cell) == day


@pytest.mark.parametrize(
    "cell", ["31/02/2027", "29/02/2027", "13/13/2023", "03/04/123", "1850-01-01", "demain", 2027]
)
def test_parse_date_refuses_with_the_value_quoted(cell):
    with pytest.raises(ValueError) as refused:
        parse_date(cell)
    assert str(refused.value) == f"{cell} is not a date"


@pytest.mark.parametrize(
    ("cell", "moment"),
    [
        ("09:30", time(9, 30)),
        ("9:30", time(9, 30)),
        ("09:30:15", time(9, 30, 15)),
        ("09h30", time(9, 30)),
        ("9h30", time(9, 30)),
        ("9h", time(9, 0)),
        ("14H00", time(14, 0)),
        ("9 h 30", time(9, 30)),
        ("2:30 PM", time(14, 30)),
        ("12:15 am", time(0, 15)),
        (time(9, 30), time(9, 30)),
        (datetime(1899, 12, 30, 18, 45), time(18, 45)),
        (0.375, time(9, 0)),
        (0.5, time(12, 0)),
        (None, None),
    ],
)
def test_parse_time(cell, moment):
    assert parse_time(cell) == moment


@pytest.mark.parametrize("cell", ["25:00", "9:60", "9", "midi", "13:00 pm", 1.5, date(2027, 1, 1)])
def test_parse_time_refuses(cell):
    with pytest.raises(ValueError, match="is not a time"):
        parse_time(cell)


@pytest.mark.parametrize(
    ("cell", "status"),
    [
        ("invited", ParticipantStatus.INVITED),
        ("Invité(e)", ParticipantStatus.INVITED),
        ("INVITEE", ParticipantStatus.INVITED),
        ("confirmé", ParticipantStatus.CONFIRMED),
        ("Confirmée", ParticipantStatus.CONFIRMED),
        ("Attending", ParticipantStatus.CONFIRMED),
        ("oui", ParticipantStatus.CONFIRMED),
        ("Yes", ParticipantStatus.CONFIRMED),
        ("Liste d’attente", ParticipantStatus.WAITLISTED),
        ("waiting list", ParticipantStatus.WAITLISTED),
        ("waitlisted", ParticipantStatus.WAITLISTED),
        ("Annulé", ParticipantStatus.CANCELLED),
        ("canceled", ParticipantStatus.CANCELLED),
        ("Not attending", ParticipantStatus.CANCELLED),
        ("non", ParticipantStatus.CANCELLED),
        (None, None),
    ],
)
def test_parse_status(cell, status):
    assert parse_status(cell) == status


@pytest.mark.parametrize(
    ("cell", "category"),
    [
        ("Entreprise", ParticipantCategory.ENTREPRENEUR),
        ("business", ParticipantCategory.ENTREPRENEUR),
        ("Universitaire", ParticipantCategory.ACADEMIC),
        ("chercheur", ParticipantCategory.ACADEMIC),
        ("Académique", ParticipantCategory.ACADEMIC),
        ("Élu", ParticipantCategory.INSTITUTIONAL),
        ("government", ParticipantCategory.INSTITUTIONAL),
        ("Équipe", ParticipantCategory.STAFF),
        ("organisateur", ParticipantCategory.STAFF),
        ("Presse", ParticipantCategory.PRESS),
        ("journaliste", ParticipantCategory.PRESS),
    ],
)
def test_parse_category(cell, category):
    assert parse_category(cell) == category


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        ("Visite", AgendaKind.VISIT),
        ("réunion", AgendaKind.MEETING),
        ("Rencontre", AgendaKind.MEETING),
        ("Déjeuner", AgendaKind.MEAL),
        ("dinner", AgendaKind.MEAL),
        ("Transport", AgendaKind.TRANSPORT),
        ("Conférence", AgendaKind.CONFERENCE),
        ("Réception", AgendaKind.RECEPTION),
        ("Temps libre", AgendaKind.FREE_TIME),
        ("free_time", AgendaKind.FREE_TIME),
    ],
)
def test_parse_kind(cell, kind):
    assert parse_kind(cell) == kind


@pytest.mark.parametrize(
    ("cell", "language"),
    [("fr", Language.FRENCH), ("Français", Language.FRENCH), ("ENGLISH", Language.ENGLISH)],
)
def test_parse_language(cell, language):
    assert parse_language(cell) == language


@pytest.mark.parametrize(
    ("parse", "cell", "reason"),
    [
        (parse_status, "peut-être", "peut-être is not a status"),
        (parse_category, "astronaute", "astronaute is not a category"),
        (parse_kind, "sieste", "sieste is not a kind of agenda item"),
        (parse_language, "de", "de is not a language"),
        (parse_int, "douze", "douze is not a whole number"),
    ],
)
def test_unknown_words_are_refused_quoting_them(parse, cell, reason):
    with pytest.raises(ValueError, match=reason):
        parse(cell)


def test_long_values_are_cut_short_in_messages():
    with pytest.raises(ValueError) as refused:
        parse_date("x" * 500)
    assert len(str(refused.value)) < 80


@pytest.mark.parametrize(
    ("cell", "groups"),
    [
        ("A, B", ("A", "B")),
        ("A;B / C", ("A", "B", "C")),
        ("A B", ("A", "B")),
        ("Groupe A, Groupe  B", ("Groupe A", "Groupe B")),
        ("A, a, B, A", ("A", "B")),
        (" , ", ()),
        (None, ()),
        (1.0, ("1",)),
    ],
)
def test_parse_groups(cell, groups):
    assert parse_groups(cell) == groups


def test_parse_email():
    assert parse_email("  Jean.Dupont@Example.FR ") == "jean.dupont@example.fr"
    assert parse_email("mailto:A@B.fr") == "a@b.fr"
    assert parse_email("") is None
    assert parse_email(None) is None


@pytest.mark.parametrize(
    ("cell", "number"), [("12", 12), (" 1 000 ", 1000), ("-3", -3), (7, 7), (7.0, 7), ("3.0", 3)]
)
def test_parse_int(cell, number):
    assert parse_int(cell) == number


@pytest.mark.parametrize("cell", ["1,5", "2.5", 2.5, True, "1e3"])
def test_parse_int_refuses(cell):
    with pytest.raises(ValueError, match="is not a whole number"):
        parse_int(cell)


CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.text(alphabet="0123456789/.-:hH ", max_size=12),
    st.dates(),
    st.datetimes(),
    st.times(),
)
PARSERS = [
    parse_text,
    parse_date,
    split_full_name,
    parse_time,
    parse_status,
    parse_category,
    parse_kind,
    parse_language,
    parse_groups,
    parse_email,
    parse_int,
]


@settings(max_examples=200, deadline=None)
@given(CELLS, st.sampled_from(PARSERS))
def test_any_cell_gives_a_value_or_a_one_line_reason(cell, parse):
    try:
        parse(cell)
    except ValueError as refused:
        assert str(refused) and "\n" not in str(refused)


def test_a_date_is_read_in_the_order_its_column_writes():
    assert parse_date("11/2/1985", DateOrder.MONTH_FIRST) == date(1985, 11, 2)
    assert parse_date("11/2/1985", DateOrder.DAY_FIRST) == date(1985, 2, 11)
    assert parse_date("11/2/1985 10:04:12", DateOrder.MONTH_FIRST) == date(1985, 11, 2)
    with pytest.raises(ValueError, match="is not a date"):
        parse_date("20/07/1985", DateOrder.MONTH_FIRST)  # never swapped to make it fit


def test_two_digit_years_as_libreoffice_writes_them():
    assert parse_date("20/07/24") == date(2024, 7, 20)
    assert parse_date("20/07/85", past=True) == date(1985, 7, 20)
    next_year = (date.today().year + 1) % 100
    assert parse_date(f"01/01/{next_year:02}", past=True).year == 1900 + next_year
    assert parse_date(f"01/01/{next_year:02}").year == 2000 + next_year


@pytest.mark.parametrize(
    ("cells", "order"),
    [
        (["20/07/1985", "03/04/1990"], DateOrder.DAY_FIRST),
        (["11/2/1985", "12/31/1970", None, 31000], DateOrder.MONTH_FIRST),
        (["03/04/1990", "1985-07-20"], None),  # every value fits both orders
        (["20/07/1985", "12/31/1970"], None),  # the column contradicts itself
        ([], None),
    ],
)
def test_the_order_a_column_proves(cells, order):
    assert date_order_of(cells) is order


def test_ambiguous_dates_are_told_from_harmless_ones():
    assert has_ambiguous_dates(["03/04/1990"])
    assert not has_ambiguous_dates(["03/03/1990", "20/07/1985", "1985-07-20", None])


@pytest.mark.parametrize(
    ("cell", "status"),
    [
        ("Checked In", ParticipantStatus.CONFIRMED),  # Eventbrite
        ("Not Attending", ParticipantStatus.CANCELLED),
        ("Paid", ParticipantStatus.CONFIRMED),  # pretix
        ("Pending", ParticipantStatus.INVITED),
        ("Expired", ParticipantStatus.CANCELLED),
        ("Validé", ParticipantStatus.CONFIRMED),  # HelloAsso
        ("Remboursé", ParticipantStatus.CANCELLED),
        ("Refusé", ParticipantStatus.CANCELLED),
        ("Withdrawn", ParticipantStatus.CANCELLED),  # Indico
        ("Awaiting payment", ParticipantStatus.INVITED),
    ],
)
def test_statuses_as_registration_tools_write_them(cell, status):
    assert parse_status(cell) == status


def test_an_anonymous_respondent_has_no_email():
    assert parse_email("anonymous") is None
    assert parse_email("Anonyme") is None


@pytest.mark.parametrize(
    ("cell", "family_first", "names"),
    [
        ("DUPONT Jean", False, ("Jean", "DUPONT")),
        ("Jean DUPONT", False, ("Jean", "DUPONT")),
        ("Marie-Claire DE LA FONTAINE", False, ("Marie-Claire", "DE LA FONTAINE")),
        ("D'AUVERGNE Anne Sophie", False, ("Anne Sophie", "D'AUVERGNE")),
        ("Jean de La Fontaine", False, ("Jean", "de La Fontaine")),
        ("Pieter van der Berg", False, ("Pieter", "van der Berg")),
        ("Tõnu Mägi", False, ("Tõnu", "Mägi")),
        ("Mägi Tõnu", True, ("Tõnu", "Mägi")),
        ("Papadopoulos, Giorgos", False, ("Giorgos", "Papadopoulos")),
        ("王小明", False, ("小明", "王")),
        ("欧阳修文", False, ("修文", "欧阳")),
        ("דוד לוי", False, ("דוד", "לוי")),
        ("ليلى حداد", False, ("ليلى", "حداد")),
        ("Γιώργος Παπαδόπουλος", False, ("Γιώργος", "Παπαδόπουλος")),
        ("de La Fontaine Jean", True, ("Jean", "de La Fontaine")),
        ("Hélène Le Goff", False, ("Hélène", "Le Goff")),
        ("JP Dupont", False, ("JP", "Dupont")),  # initials are no family name in capitals
        ("J.-P. DUPONT", False, ("J.-P.", "DUPONT")),
        ("NG Wei", False, ("Wei", "NG")),
        ("Jean Dupont, PhD", False, ("Jean", "Dupont")),
        ("John SMITH Jr.", False, ("John", "SMITH")),
        ("Dr Jean DUPONT", False, ("Jean", "DUPONT")),
        ("Madonna", False, ("", "Madonna")),
        ("  ", False, ("", "")),
    ],
)
def test_a_full_name_is_split_into_first_and_family_name(cell, family_first, names):
    assert split_full_name(cell, family_first) == names
