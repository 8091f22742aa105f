"""Recognises the columns of an imported table from their header texts, French or English."""

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class FieldSpec:
    """A field an importer fills, the header texts that name it, and whether it must be."""

    name: str
    synonyms: tuple[str, ...]
    required: bool = False


@dataclass(frozen=True)
class ColumnChoice:
    """Several columns name one field: the one that fills it, and why each other does not.

    A reason is "empty" (no row has a value), "fallback" (the tool's own account of the
    respondent or buyer, used only when nothing else fills the field), "first" (another
    column for the field comes first; a fallback still fills the rows the chosen one leaves
    blank) or "names" (separate first and last name columns
    are filled, so a full-name column is not split).
    """

    field: str
    chosen: int
    passed: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class ColumnMatch:
    """Which column feeds which field, the headers left unused, the required fields absent,
    and how the columns competing for one field were decided."""

    fields: dict[int, str]
    ignored: tuple[str, ...]
    missing: tuple[str, ...]
    choices: tuple[ColumnChoice, ...] = ()
    fallbacks: Mapping[str, int] = field(default_factory=dict)  # field -> column for blanks
    # A multiple-choice question split into one yes/no column per option, as pretix writes
    # "Visit group – Energy": (column, option) of each, read as the groups ticked.
    group_options: tuple[tuple[int, str], ...] = ()


def _spec(name: str, *synonyms: str, required: bool = False) -> FieldSpec:
    # The canonical name ("last_name" → "last name") is always accepted too.
    return FieldSpec(name=name, synonyms=(name, *synonyms), required=required)


PARTICIPANT_FIELDS: tuple[FieldSpec, ...] = (
    _spec("civility", "civilité", "title", "prefix", "salutation", "M./Mme"),
    _spec("first_name", "prénom", "prénoms", "first name", "firstname", "given name"),
    # A whole name in one cell, split into first and last name by the importer.
    _spec(
        "full_name",
        "nom complet",
        "nom et prénom",
        "nom prénom",
        "NOM Prénom",
        "prénom nom",
        "prénom et nom",
        "nom et prénom du participant",
        "nom du participant",
        "participant",
        "full name",
        "name",
        "attendee name",
        "attendee",
        "participant name",
        "registrant",
    ),
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
        "affiliation",
        "company name",
        "nom de l'entreprise",
        "nom de la société",
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
        "numéro de portable",
        "téléphone mobile",
        "work phone",
    ),
    _spec("category", "catégorie", "collège", "profil", "category", "profile"),
    _spec("status", "statut", "status", "attendee status", "registration status"),
    _spec(
        "groups",
        *("groupe", "groupes", "group(s)", "group", "groups", "groupe(s)", "groupe de visite"),
        *("groupes de visite", "visit group", "visit groups", "delegation group", "sous-groupe"),
    ),
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
_OPTION = re.compile(r"(.+?)(?:\s+[–—-]\s+|:\s+)(.+)")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# "°" and "º" (N°, Nº) would otherwise fold to a letter "o" or vanish inconsistently.
_DEGREE_SIGNS = str.maketrans({"°": " ", "º": " ", "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"})


def fold(text: str) -> str:
    """Lower case, no accents, runs of spaces and punctuation as one space, stripped."""
    if text.isascii():  # most headers and values: nothing to decompose
        return _SEPARATORS.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text.translate(_DEGREE_SIGNS).casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SEPARATORS.sub(" ", plain).strip()


class HeaderMeaning(Protocol):
    """What a source profile says of headers (see interchange/profiles.py)."""

    def field_of(self, header: str) -> tuple[bool, str | None]: ...

    def fallback_of(self, header: str) -> str | None: ...


# Fields a full-name column stands in for when no column gives them apart.
NAME_FIELDS = ("first_name", "last_name")


def match_columns(
    headers: Sequence[str],
    specs: Sequence[FieldSpec],
    *,
    filled: Sequence[bool] | None = None,
    profile: HeaderMeaning | None = None,
) -> ColumnMatch:
    """Each field takes one column whose header names it: of several, a filled one before
    an empty one (`filled[i]`: column i holds a value), before a fallback, the first."""
    known = {spec.name for spec in specs}
    by_folded: dict[str, str] = {}
    for spec in specs:
        for synonym in spec.synonyms:
            by_folded.setdefault(fold(synonym), spec.name)  # the first spec listed wins
    candidates: dict[str, list[tuple[int, bool]]] = {}
    ignored: list[str] = []
    options: list[tuple[int, str]] = []
    seen: set[str] = set()
    for index, header in enumerate(headers):
        folded = fold(header)
        # "Date of birth (DD/MM/YYYY)": a hint in brackets is no part of the name.
        name = by_folded.get(folded) or by_folded.get(fold(_BRACKETS.sub(" ", header)))
        fallback = False
        if profile is not None:
            decided, given = profile.field_of(header)
            backup = profile.fallback_of(header) if folded not in seen else None
            if decided:
                name = given
            elif backup is not None:
                name, fallback = backup, True
        seen.add(folded)
        option = _OPTION.fullmatch(header.strip())
        if name in known:
            candidates.setdefault(name, []).append((index, fallback))
        elif option and by_folded.get(fold(option[1])) == "groups" and "groups" in known:
            options.append((index, option[2].strip()))
        elif header.strip():  # an untitled column is layout, not worth a warning
            ignored.append(header)
    is_filled = (lambda index: True) if filled is None else (lambda index: filled[index])
    fields: dict[int, str] = {}
    fallbacks: dict[str, int] = {}
    choices: list[ColumnChoice] = []
    for name, columns in candidates.items():
        backups = [index for index, fallback in columns if fallback and is_filled(index)]
        own = [index for index, fallback in columns if not fallback]
        if backups:
            fallbacks[name] = backups[0]
        if not own:
            continue
        chosen = ([index for index in own if is_filled(index)] or own)[0]
        fields[chosen] = name
        passed = tuple(
            (index, "empty" if not is_filled(index) else "fallback" if fallback else "first")
            for index, fallback in columns
            if index != chosen
        )
        if passed:
            choices.append(ColumnChoice(name, chosen, passed))
    _prefer_separate_names(fields, choices, is_filled)
    if "groups" in set(fields.values()):
        ignored.extend(headers[index] for index, _option in options)
        options = []
    missing = missing_fields(specs, set(fields.values()) | set(fallbacks))
    return ColumnMatch(
        dict(sorted(fields.items())),
        tuple(ignored),
        missing,
        tuple(choices),
        fallbacks,
        tuple(options),
    )


def missing_fields(specs: Sequence[FieldSpec], names: set[str]) -> tuple[str, ...]:
    """The required fields no column fills (a full name gives the first and last names)."""
    return tuple(
        spec.name
        for spec in specs
        if spec.required
        and spec.name not in names
        and not (spec.name in NAME_FIELDS and "full_name" in names)
    )


def _prefer_separate_names(fields: dict[int, str], choices: list[ColumnChoice], is_filled) -> None:
    """A full-name column is split only when no filled last-name column gives the name."""
    where = {name: index for index, name in fields.items()}
    if "full_name" not in where or "last_name" not in where:
        return
    whole, last = where["full_name"], where["last_name"]
    if is_filled(last) or not is_filled(whole):
        del fields[whole]
        choices.append(ColumnChoice("full_name", last, ((whole, "names"),)))
        return
    for name in NAME_FIELDS:  # empty first and last name columns: the full name gives both
        if name in where and not is_filled(where[name]):
            del fields[where[name]]
            choices.append(ColumnChoice(name, whole, ((where[name], "empty"),)))
