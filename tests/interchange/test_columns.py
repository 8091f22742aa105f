"""match_columns: French and English headers, however they are typed."""

import pytest

from delegation.interchange.columns import (
    AGENDA_FIELDS,
    PARTICIPANT_FIELDS,
    ColumnChoice,
    fold,
    match_columns,
)
from delegation.interchange.profiles import recognise_profile


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Prénom", "prenom"),
        ("  NOM  de   FAMILLE ", "nom de famille"),
        ("E-mail", "e mail"),
        ("Adresse e-mail :", "adresse e mail"),
        ("Group(s)", "group s"),
        ("N° passeport", "n passeport"),
        ("Nº passeport", "n passeport"),
        ("Date d’expiration du passeport", "date d expiration du passeport"),
        ("first_name", "first name"),
        ("Œuvre", "oeuvre"),
        ("#Réf.", "ref"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("nom", "last_name"),
        ("NOM", "last_name"),
        ("Nom de famille", "last_name"),
        ("Surname", "last_name"),
        ("prénom", "first_name"),
        ("Prenom", "first_name"),
        ("First Name", "first_name"),
        ("e-mail", "email"),
        ("Adresse e-mail", "email"),
        ("Courriel", "email"),
        ("mail", "email"),
        ("Société", "organization"),
        ("Fonction", "job_title"),
        ("Téléphone", "phone"),
        ("Cell phone", "phone"),
        ("Collège", "category"),
        ("Attendee status", "status"),
        ("Group(s)", "groups"),
        ("Groupes", "groups"),
        ("Régime alimentaire", "dietary"),
        ("Nationalité", "nationality"),
        ("Date de naissance", "birth_date"),
        ("N° passeport", "passport_number"),
        ("Numéro de passeport", "passport_number"),
        ("Date d'expiration du passeport", "passport_expiry"),
        ("Passport expiry", "passport_expiry"),
        ("Langue", "language"),
        ("Commentaires", "notes"),
        ("Civilité", "civility"),
        ("emergency contact", "emergency_contact_name"),
        ("Emergency phone", "emergency_contact_phone"),
        ("Mobilité réduite", "accessibility"),
        ("passport_number", "passport_number"),
    ],
)
def test_participant_headers(header, field):
    match = match_columns(["Foo", header], PARTICIPANT_FIELDS)
    assert match.fields.get(1) == field, match


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Jour", "date"),
        ("Début", "start"),
        ("Heure de début", "start"),
        ("Fin", "end"),
        ("Intitulé", "title"),
        ("Titre", "title"),
        ("Type", "kind"),
        ("Lieu", "venue"),
        ("Adresse", "address"),
        ("Groupe", "groups"),
        ("Organisation hôte", "host"),
        ("Remarques", "notes"),
    ],
)
def test_agenda_headers(header, field):
    assert match_columns([header], AGENDA_FIELDS).fields == {0: field}


def test_first_column_wins_and_the_rest_is_reported():
    headers = ["Nom", "E-mail", "Courriel", "Horodateur", "", "Prénom"]
    match = match_columns(headers, PARTICIPANT_FIELDS)
    assert match.fields == {0: "last_name", 1: "email", 5: "first_name"}
    assert match.ignored == ("Horodateur",)
    assert match.choices == (ColumnChoice("email", 1, ((2, "first"),)),)
    assert match.missing == ()


def test_an_empty_column_never_takes_a_field_from_a_filled_one():
    headers = ["Nom", "Téléphone", "Portable", "Mobile"]
    match = match_columns(headers, PARTICIPANT_FIELDS, filled=[True, False, True, True])
    assert match.fields == {0: "last_name", 2: "phone"}
    assert match.choices == (ColumnChoice("phone", 2, ((1, "empty"), (3, "first"))),)


def test_a_full_name_column_stands_in_for_the_names():
    assert match_columns(["NOM Prénom", "Email"], PARTICIPANT_FIELDS).missing == ()
    # Separate, filled name columns are preferred to splitting a full name…
    both = match_columns(["Name", "First name", "Last name"], PARTICIPANT_FIELDS)
    assert both.fields == {1: "first_name", 2: "last_name"}
    assert ColumnChoice("full_name", 2, ((0, "names"),)) in both.choices
    # …but empty ones give way to it.
    empty = match_columns(
        ["Name", "First name", "Last name"], PARTICIPANT_FIELDS, filled=[True, False, False]
    )
    assert empty.fields == {0: "full_name"}


def test_a_profile_keeps_a_tool_s_own_columns_out_and_its_respondent_as_a_fallback():
    headers = ["ID", "Heure de début", "Heure de fin", "Adresse de messagerie", "Nom", "Nom"]
    headers += ["Prénom", "Adresse e-mail", "Groupe"]
    profile = recognise_profile(headers)
    assert profile is not None and profile.name == "Microsoft Forms"
    match = match_columns(headers, PARTICIPANT_FIELDS, profile=profile)
    assert match.fields == {5: "last_name", 6: "first_name", 7: "email", 8: "groups"}
    assert ColumnChoice("email", 7, ((3, "fallback"),)) in match.choices
    assert match.ignored == ("ID", "Heure de début", "Heure de fin")
    eventbrite = ["Order #", "First Name", "Last Name", "Email", "Ticket Type", "Group"]
    eventbrite += ["Attendee Status"]
    match = match_columns(eventbrite, PARTICIPANT_FIELDS, profile=recognise_profile(eventbrite))
    assert "groups" not in match.fields.values()
    assert match.fields[6] == "status"


def test_missing_required_fields_are_listed_in_order():
    match = match_columns(["Lieu", "Fin"], AGENDA_FIELDS)
    assert match.missing == ("date", "start", "title")
    assert match_columns(["Prénom"], PARTICIPANT_FIELDS).missing == ("last_name",)


@pytest.mark.parametrize("specs", [PARTICIPANT_FIELDS, AGENDA_FIELDS])
def test_no_synonym_names_two_fields(specs):
    owners: dict[str, set[str]] = {}
    for spec in specs:
        for synonym in spec.synonyms:
            owners.setdefault(fold(synonym), set()).add(spec.name)
    assert {word: names for word, names in owners.items() if len(names) > 1} == {}


def test_participant_fields_listed_by_the_spec():
    names = [spec.name for spec in PARTICIPANT_FIELDS]
    assert [name for name in names if name != "full_name"][:17] == [
        *("civility", "first_name", "last_name", "email", "organization", "job_title"),
        *("phone", "category", "status", "groups", "dietary", "nationality", "birth_date"),
        *("passport_number", "passport_expiry", "language", "notes"),
    ]
    assert [spec.name for spec in PARTICIPANT_FIELDS if spec.required] == ["last_name"]
    assert [spec.name for spec in AGENDA_FIELDS if spec.required] == ["date", "start", "title"]
