"""Recognises the columns of an imported table from their header texts, French or English."""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class FieldSpec:
    """A field an importer fills, the header texts that name it, and whether it must be."""

    name: str
    synonyms: tuple[str, ...]
    required: bool = False


@dataclass(frozen=True)
class ColumnMatch:
    """Which column feeds which field, the headers left unused, the required fields absent."""

    fields: dict[int, str]
    ignored: tuple[str, ...]
    missing: tuple[str, ...]


def _spec(name: str, *synonyms: str, required: bool = False) -> FieldSpec:
    # The canonical name ("last_name" → "last name") is always accepted too.
    return FieldSpec(name=name, synonyms=(name, *synonyms), required=required)


PARTICIPANT_FIELDS: tuple[FieldSpec, ...] = (
    _spec("civility", "civilité", "title", "prefix", "salutation", "M./Mme"),
    _spec("first_name", "prénom", "prénoms", "first name", "firstname", "given name"),
    _spec(
        "last_name",
        "nom",
        "nom de famille",
        "last name",
        "lastname",
        "surname",
        "family name",
        required=True,
    ),
    _spec(
        "email",
        "e-mail",
        "email",
        "courriel",
        "mail",
        "mél",
        "adresse e-mail",
        "adresse email",
        "adresse mail",
        "adresse électronique",
        "email address",
        "e-mail address",
    ),
    _spec(
        "organization",
        "société",
        "entreprise",
        "organisme",
        "structure",
        "company",
        "organisation",
        "organization",
        "établissement",
        "institution",
        "employer",
    ),
    _spec("job_title", "fonction", "poste", "job title", "position", "job", "function"),
    _spec(
        "phone",
        "téléphone",
        "tél",
        "tel",
        "portable",
        "mobile",
        "cell phone",
        "phone",
        "phone number",
        "mobile phone",
        "numéro de téléphone",
        "téléphone portable",
    ),
    _spec("category", "catégorie", "collège", "profil", "category", "profile"),
    _spec("status", "statut", "status", "attendee status", "registration status"),
    _spec("groups", "groupe", "groupes", "group(s)", "group", "groups", "groupe(s)"),
    _spec(
        "dietary",
        "régime alimentaire",
        "régime",
        "dietary needs",
        "besoins alimentaires",
        "allergies",
        "allergies alimentaires",
        "dietary requirements",
        "dietary restrictions",
        "diet",
    ),
    _spec("nationality", "nationalité", "nationality", "citizenship"),
    _spec("birth_date", "date de naissance", "birth date", "date of birth", "birthdate"),
    _spec(
        "passport_number",
        "n° passeport",
        "n° de passeport",
        "numéro de passeport",
        "numéro passeport",
        "passeport",
        "passport number",
        "passport no",
        "passport",
    ),
    _spec(
        "passport_expiry",
        "expiration passeport",
        "expiration du passeport",
        "date d'expiration du passeport",
        "date d'expiration",
        "passport expiry",
        "passport expiry date",
        "passport expiration date",
    ),
    _spec("language", "langue", "language", "langue préférée", "preferred language"),
    _spec(
        "notes",
        "remarques",
        "remarque",
        "commentaires",
        "commentaire",
        "notes",
        "note",
        "comments",
        "remarks",
    ),
    _spec(
        "emergency_contact_name",
        "emergency contact",
        "emergency contact name",
        "contact d'urgence",
        "personne à prévenir",
        "personne à prévenir en cas d'urgence",
    ),
    _spec(
        "emergency_contact_phone",
        "emergency phone",
        "emergency contact phone",
        "téléphone d'urgence",
        "téléphone contact d'urgence",
        "téléphone de la personne à prévenir",
    ),
    _spec(
        "accessibility",
        "accessibility",
        "accessibilité",
        "mobilité réduite",
        "PMR",
        "besoins d'accessibilité",
        "accessibility needs",
    ),
)

AGENDA_FIELDS: tuple[FieldSpec, ...] = (
    _spec("date", "date", "jour", "day", required=True),
    _spec("start", "début", "heure de début", "heure début", "start", "start time", required=True),
    _spec("end", "fin", "heure de fin", "heure fin", "end", "end time"),
    _spec("title", "intitulé", "titre", "title", "objet", "activité", "activity", required=True),
    _spec("kind", "type", "kind", "nature", "catégorie", "category"),
    _spec("status", "statut", "status", "état"),
    _spec("venue", "lieu", "venue", "place", "location", "site"),
    _spec("address", "adresse", "address"),
    _spec("groups", "groupe", "groupes", "group(s)", "group", "groups", "groupe(s)"),
    _spec("host", "hôte", "organisation hôte", "host", "host organization", "accueil"),
    _spec("notes", "remarques", "remarque", "notes", "note", "commentaires", "comments"),
    _spec("reference", "référence", "réf", "ref"),
)

# Every character that is neither a letter nor a digit separates words: "E-mail :",
# "Group(s)", "N° passeport" and "Date d'expiration" fold like their plain spellings.
_SEPARATORS = re.compile(r"[\W_]+")
# "°" and "º" (N°, Nº) would otherwise fold to a letter "o" or vanish inconsistently.
_DEGREE_SIGNS = str.maketrans({"°": " ", "º": " ", "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"})


def fold(text: str) -> str:
    """Lower case, no accents, runs of spaces and punctuation as one space, stripped."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_DEGREE_SIGNS).casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SEPARATORS.sub(" ", plain).strip()


def match_columns(headers: Sequence[str], specs: Sequence[FieldSpec]) -> ColumnMatch:
    """Each field takes the first column whose header names it; the rest are ignored."""
    by_folded: dict[str, str] = {}
    for spec in specs:
        for synonym in spec.synonyms:
            by_folded.setdefault(fold(synonym), spec.name)  # the first spec listed wins
    fields: dict[int, str] = {}
    ignored: list[str] = []
    for index, header in enumerate(headers):
        name = by_folded.get(fold(header))
        if name is not None and name not in fields.values():
            fields[index] = name
        elif header.strip():  # an untitled column is layout, not worth a warning
            ignored.append(header)
    missing = tuple(
        spec.name for spec in specs if spec.required and spec.name not in fields.values()
    )
    return ColumnMatch(fields=fields, ignored=tuple(ignored), missing=missing)
