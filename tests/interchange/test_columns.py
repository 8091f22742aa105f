"""match_columns: French and English headers, however they are typed."""

import pytest

from delegation.interchange.columns import (
    AGENDA_FIELDS,
    PARTICIPANT_FIELDS,
    fold,
    match_columns,
)


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
    assert match.ignored == ("Courriel", "Horodateur")
    assert match.missing == ()


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
    assert names[:17] == [
        *("civility", "first_name", "last_name", "email", "organization", "job_title"),
        *("phone", "category", "status", "groups", "dietary", "nationality", "birth_date"),
        *("passport_number", "passport_expiry", "language", "notes"),
    ]
    assert [spec.name for spec in PARTICIPANT_FIELDS if spec.required] == ["last_name"]
    assert [spec.name for spec in AGENDA_FIELDS if spec.required] == ["date", "start", "title"]
