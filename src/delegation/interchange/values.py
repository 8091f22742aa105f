"""Turns one imported cell into a field value, or a short translated reason it cannot be."""

import json
import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import cache
from typing import TypeVar

from babel import Locale
from babel.core import get_global

from delegation.domain.enums import (
    AgendaKind,
    AgendaStatus,
    Language,
    ParticipantCategory,
    ParticipantStatus,
)
from delegation.i18n import _
from delegation.interchange.columns import fold
from delegation.interchange.tables import Cell
from delegation.resources import resource

_FIRST_YEAR, _LAST_YEAR = 1900, 2100
# Excel counts days from 1899-12-30 (it believes 1900 was a leap year).
_EXCEL_EPOCH = datetime(1899, 12, 30)
# A bare number in a date column is read as an Excel serial only where it cannot be
# anything else: 10000 is 1927-05-18; a smaller one is more likely a year or a typo.
_SERIAL_RANGE = (10_000, (datetime(_LAST_YEAR, 12, 31) - _EXCEL_EPOCH).days)

_TIME_SUFFIX = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?"
# Day and month in either order, the year with four digits or two (LibreOffice's 20/07/24).
_NUMERIC_DATE = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})" + _TIME_SUFFIX)
_NO_DATE = re.compile(r"|0{1,4}([/.\-])0{1,2}(?:\1)0{1,4}(?: 0{1,2}:00(?::00)?)?")
_YEAR_FIRST = re.compile(r"(\d{4})([/.\-])(\d{1,2})\2(\d{1,2})" + _TIME_SUFFIX)
_TIME = re.compile(
    r"(\d{1,2})\s*(?:[hH]\s*(\d{2})?|:(\d{2})(?::(\d{2})(?:\.\d+)?)?)\s*"
    r"(?:([aApP])\.?\s*[mM]\.?)?"
)
_GROUP_SEPARATORS = re.compile(r"[,;/\n]")
_LONGEST_SHOWN = 40
_Word = TypeVar("_Word", bound=StrEnum)


def _shown(cell: Cell) -> str:
    """The value as quoted in a message: as typed, cut short when it is long."""
    text = " ".join((parse_text(cell) or "").split())  # one line, whatever was in the cell
    return text if len(text) <= _LONGEST_SHOWN else text[: _LONGEST_SHOWN - 1] + "…"


def parse_text(cell: Cell) -> str | None:
    """Text as typed; Excel's numbers lose their ".0" (phone 33612345678.0 → 33612345678)."""
    if cell is None:
        return None
    if isinstance(cell, bool):
        return _("yes") if cell else _("no")
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        if cell.time() == time():
            return cell.date().isoformat()
        return cell.isoformat(sep=" ", timespec="minutes")
    if isinstance(cell, time):
        return cell.strftime("%H:%M")
    return str(cell).strip() or None


class DateOrder(StrEnum):
    """How a column writes a numeric day: 20/07/1985 (French, British) or 07/20/1985 (US)."""

    DAY_FIRST = "day-first"
    MONTH_FIRST = "month-first"


def parse_date(
    cell: Cell, order: DateOrder = DateOrder.DAY_FIRST, *, past: bool = False
) -> date | None:
    """A day: DD/MM/YYYY or MM/DD/YYYY as `order` says, with . or - too, a two-digit year,
    ISO, or an Excel date. `past`: a two-digit year is the latest one not in the future
    (a birth date's 85 is 1985); otherwise 20yy (a passport's expiry, a trip's day)."""
    if cell is None or (isinstance(cell, str) and _NO_DATE.fullmatch(cell.strip())):
        return None  # blank, or the zeros some programs write for no date
    found: date | None = None
    if isinstance(cell, datetime):
        found = cell.date()
    elif isinstance(cell, date):
        found = cell
    elif isinstance(cell, int | float) and not isinstance(cell, bool):
        if _SERIAL_RANGE[0] <= cell <= _SERIAL_RANGE[1]:
            found = (_EXCEL_EPOCH + timedelta(days=int(cell))).date()
    elif isinstance(cell, str):
        found = _date_from_text(cell.strip(), order, past)
    if found is None or not _FIRST_YEAR <= found.year <= _LAST_YEAR:
        raise ValueError(_("{value} is not a date").format(value=_shown(cell)))
    return found


def _date_from_text(text: str, order: DateOrder, past: bool) -> date | None:
    numeric = _NUMERIC_DATE.fullmatch(text)
    year_first = _YEAR_FIRST.fullmatch(text)
    try:
        if numeric:
            first, second = int(numeric[1]), int(numeric[3])
            day, month = (first, second) if order is DateOrder.DAY_FIRST else (second, first)
            return date(_full_year(numeric[4], past), month, day)
        if year_first:
            return date(int(year_first[1]), int(year_first[3]), int(year_first[4]))
    except ValueError:  # 31/02/2027, month 13: an impossible day
        return None
    return None


def _full_year(digits: str, past: bool) -> int:
    if len(digits) == 4:
        return int(digits)
    year = 2000 + int(digits)
    return year - 100 if past and year > date.today().year else year


def date_order_of(cells: Iterable[Cell]) -> DateOrder | None:
    """The order a column's numeric dates prove: a first number over 12 is a day, a second
    one over 12 is a day too. None when no value decides (or values contradict each other,
    which the rows' own problems then show)."""
    proofs: set[DateOrder] = set()
    for cell in cells:
        if not isinstance(cell, str):
            continue
        numeric = _NUMERIC_DATE.fullmatch(cell.strip())
        if numeric is None:
            continue
        first, second = int(numeric[1]), int(numeric[3])
        if first > 12 >= second:
            proofs.add(DateOrder.DAY_FIRST)
        elif second > 12 >= first:
            proofs.add(DateOrder.MONTH_FIRST)
        if len(proofs) > 1:
            return None
    return proofs.pop() if proofs else None


def has_ambiguous_dates(cells: Iterable[Cell]) -> bool:
    """Whether some value reads as two different days (03/04/1985), so the order matters."""
    for cell in cells:
        if isinstance(cell, str):
            numeric = _NUMERIC_DATE.fullmatch(cell.strip())
            if (
                numeric
                and numeric[1].lstrip("0") != numeric[3].lstrip("0")
                and max(int(numeric[1]), int(numeric[3])) <= 12
            ):
                return True
    return False


def parse_time(cell: Cell) -> time | None:
    """A time of day: 09:30, 9:30, 09:30:00, 9h30, 9h, 14H00, 2:30 PM, or an Excel time."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, datetime):
        return cell.time()
    if isinstance(cell, time):
        return cell.replace(tzinfo=None)
    found: time | None = None
    if isinstance(cell, int | float) and not isinstance(cell, bool) and 0 <= cell < 1:
        # Excel stores a time as a fraction of a day: 0.375 is 09:00.
        seconds = min(round(cell * 86_400), 86_399)
        found = time(seconds // 3600, seconds // 60 % 60, seconds % 60)
    elif isinstance(cell, str):
        found = _time_from_text(cell.strip())
    if found is None:
        raise ValueError(_("{value} is not a time").format(value=_shown(cell)))
    return found


def _time_from_text(text: str) -> time | None:
    match = _TIME.fullmatch(text)
    if not match:
        return None
    hour = int(match[1])
    minute = int(match[2] or match[3] or 0)
    second = int(match[4] or 0)
    meridiem = (match[5] or "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def _choose(cell: Cell, table: dict[str, _Word], reason: str) -> _Word | None:
    """The value the cell names, whatever its case, accents and punctuation; `reason` is
    the translated refusal, with {value} for the cell as typed."""
    text = parse_text(cell)
    if text is None:
        return None
    found = table.get(fold(text))
    if found is None:
        raise ValueError(reason.format(value=_shown(cell)))
    return found


def _vocabulary(words: dict[_Word, tuple[str, ...]]) -> dict[str, _Word]:
    return {
        fold(word): value for value, synonyms in words.items() for word in (value.value, *synonyms)
    }


# As people and the registration tools write a status: Eventbrite ("Attending", "Checked
# In"), pretix ("Paid", "Pending", "Expired"), HelloAsso ("Validé", "Remboursé", "Refusé"),
# Weezevent, Indico ("Completed", "Withdrawn", "Awaiting payment"), a form's yes or no.
_STATUSES = _vocabulary(
    {
        ParticipantStatus.INVITED: (
            *("invité", "invitée", "invité(e)", "invitee", "invitation envoyée"),
            *("pending", "en cours", "awaiting payment", "unpaid", "non payé", "à payer"),
            *("en attente de paiement", "à confirmer", "to be confirmed", "pré-inscrit"),
            *("préinscrit", "pré-inscrite", "préinscrite", "interested", "intéressé"),
        ),
        ParticipantStatus.CONFIRMED: (
            *("confirmé", "confirmée", "confirmé(e)", "attending", "yes", "oui"),
            *("inscrit", "inscrite", "inscrit(e)", "registered", "checked in", "check-in"),
            *("paid", "payé", "payée", "validé", "validée", "valide", "valid", "completed"),
            *("complete", "complété", "accepted", "accepté", "acceptée", "approved"),
            *("approuvé", "approuvée", "présent", "présente", "present", "attended"),
        ),
        ParticipantStatus.WAITLISTED: (
            *("liste d'attente", "sur liste d'attente", "en attente"),
            *("waiting list", "waitlist", "wait list", "wait-listed", "waiting"),
        ),
        ParticipantStatus.CANCELLED: (
            *("canceled", "annulé", "annulée", "annulé(e)", "not attending", "no", "non"),
            *("declined", "désisté", "désistée", "désisté(e)", "désistement"),
            *("refunded", "remboursé", "remboursée", "refusé", "refusée", "rejected"),
            *("withdrawn", "expired", "expiré", "expirée", "deleted", "supprimé"),
            *("abandonné", "abandonnée", "absent", "absente", "no show", "no-show"),
        ),
    }
)

_CATEGORIES = _vocabulary(
    {
        ParticipantCategory.ENTREPRENEUR: (
            *("entreprise", "entrepreneuse", "chef d'entreprise", "company", "business"),
        ),
        ParticipantCategory.ACADEMIC: (
            *("universitaire", "chercheur", "chercheuse", "recherche", "académique"),
            *("université", "university", "research", "researcher"),
        ),
        ParticipantCategory.INSTITUTIONAL: (
            *("institutionnel", "institutionnelle", "institution", "élu", "élue", "élu(e)"),
            *("official", "government", "administration", "public"),
        ),
        ParticipantCategory.STAFF: (
            *("organisateur", "organisatrice", "organisation", "équipe", "team"),
            *("équipe organisatrice", "organising team", "organizing team"),
            *("organiser", "organizer"),
        ),
        ParticipantCategory.PRESS: ("presse", "journaliste", "journalist", "media", "média"),
    }
)

_KINDS = _vocabulary(
    {
        AgendaKind.VISIT: ("visite", "visite d'entreprise", "site visit"),
        AgendaKind.MEETING: ("rencontre", "réunion", "rendez-vous", "rdv", "meeting"),
        AgendaKind.MEAL: (
            *("repas", "déjeuner", "dîner", "petit-déjeuner", "petit déjeuner"),
            *("meal", "lunch", "dinner", "breakfast"),
        ),
        AgendaKind.TRANSPORT: ("transfert", "trajet", "transfer", "travel"),
        AgendaKind.CONFERENCE: ("conférence", "séminaire", "conference", "seminar", "talk"),
        AgendaKind.RECEPTION: ("réception", "cocktail", "reception"),
        AgendaKind.FREE_TIME: ("temps libre", "libre", "free time", "free"),
    }
)

_LANGUAGES = _vocabulary(
    {
        Language.FRENCH: ("français", "francais", "french", "fra", "fre", "fr-FR", "fr_FR"),
        Language.ENGLISH: ("anglais", "english", "eng", "en-GB", "en-US", "en_GB", "en_US"),
    }
)


def parse_status(cell: Cell) -> ParticipantStatus | None:
    """invited, confirmed, waitlisted, cancelled, in French or English."""
    reason = _("{value} is not a status (invited, confirmed, waitlisted, cancelled)")
    return _choose(cell, _STATUSES, reason)


def parse_category(cell: Cell) -> ParticipantCategory | None:
    """entrepreneur, academic, institutional, staff, press, in French or English."""
    reason = _("{value} is not a category (entrepreneur, academic, institutional, staff, press)")
    return _choose(cell, _CATEGORIES, reason)


_AGENDA_STATUSES = _vocabulary(
    {
        AgendaStatus.TENTATIVE: ("provisoire", "à confirmer", "option", "tentative"),
        AgendaStatus.CONFIRMED: ("confirmé", "confirmée", "confirmed"),
        AgendaStatus.CANCELLED: ("annulé", "annulée", "canceled", "cancelled"),
    }
)


def item_reference(item_id: int) -> str:
    """How an exported programme names an item, for its re-import: "#17"."""
    return f"#{item_id}"


def parse_reference(cell: Cell) -> int | None:
    """The item a row names by the reference an export wrote ("#17"); another tool's
    reference in a column of that name says nothing."""
    text = parse_text(cell)
    if text is None or not re.fullmatch(r"#\s*\d{1,12}", text):
        return None
    return int(text[1:])


def parse_agenda_status(cell: Cell) -> AgendaStatus | None:
    """tentative, confirmed, cancelled (an agenda item's)."""
    reason = _("{value} is not an item status (tentative, confirmed, cancelled)")
    return _choose(cell, _AGENDA_STATUSES, reason)


def parse_kind(cell: Cell) -> AgendaKind | None:
    """visit, meeting, meal, transport, conference, reception, free time."""
    reason = _(
        "{value} is not a kind of agenda item (visit, meeting, meal, transport, conference, "
        "reception, free time)"
    )
    return _choose(cell, _KINDS, reason)


def parse_language(cell: Cell) -> Language | None:
    """French or English, by code (fr, en) or by name in either language."""
    return _choose(cell, _LANGUAGES, _("{value} is not a language (fr, en)"))


def parse_groups(cell: Cell) -> tuple[str, ...]:
    """Group names separated by , ; / or line breaks ("A, B"); "A B" as single letters too."""
    text = parse_text(cell)
    if text is None:
        return ()
    names: list[str] = []
    for part in _GROUP_SEPARATORS.split(text):
        words = part.split()
        # "A B" lists two one-letter groups; "Groupe A" is one group with a two-word name.
        if len(words) > 1 and all(len(word) == 1 for word in words):
            names.extend(words)
        elif words:
            names.append(" ".join(words))
    unique: dict[str, str] = {}
    for name in names:
        unique.setdefault(name.casefold(), name)  # "a" after "A" is the same group
    return tuple(unique.values())


def parse_email(cell: Cell) -> str | None:
    """Trimmed and lower-cased, as emails are compared; whether it is valid is checked later."""
    text = parse_text(cell)
    if text is None:
        return None
    text = text.strip().strip("<>").strip()
    if text.casefold().startswith("mailto:"):  # a hyperlink pasted from a web page
        text = text[len("mailto:") :].strip()
    if "@" not in text and fold(text) in _NO_EMAIL:  # Microsoft Forms' anonymous respondent
        return None
    return text.lower() or None


def is_blank_answer(cell: Cell) -> bool:
    """Whether a cell says nothing: empty, or a form's "anonymous" respondent."""
    text = parse_text(cell)
    return text is None or fold(text) in _NO_EMAIL


_NO_EMAIL = frozenset({"anonymous", "anonyme", "anonyme anonyme", "n a", "none", "aucun", "aucune"})


_YES = frozenset({"yes", "oui", "true", "vrai", "x", "1", "ja", "y", "o"})
_NO = frozenset({"no", "non", "false", "faux", "0", "nein", "n"})


def parse_yes_no(cell: Cell) -> bool | None:
    """A box ticked or not, as a form or a spreadsheet writes it (yes, oui, x, TRUE, 1…)."""
    if isinstance(cell, bool):
        return cell
    text = parse_text(cell)
    if text is None:
        return None
    folded = fold(text)
    if folded in _YES or text in ("✓", "✔"):
        return True
    if folded in _NO:
        return False
    raise ValueError(_("{value} is neither yes nor no").format(value=_shown(cell)))


def parse_int(cell: Cell) -> int | None:
    """A whole number, typed with or without thousands spaces, or from an Excel number."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, int) and not isinstance(cell, bool):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    if isinstance(cell, str):
        text = re.sub(r"[\s\u00a0\u202f]", "", cell)  # "1 000", with French narrow spaces
        text = re.sub(r"\.0$", "", text)  # "3.0" written by a program that saw a float
        if re.fullmatch(r"[+-]?\d{1,18}", text):
            return int(text)
    raise ValueError(_("{value} is not a whole number").format(value=_shown(cell)))


# Codes CLDR names that are no country one holds the nationality of (the European Union,
# the world, Ceuta & Melilla, pseudo-locales…).
_NOT_COUNTRIES = frozenset(
    {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"}
)
_ARTICLE = re.compile(r"^(?:the|les|le|la|l) ")
_BRACKETS = re.compile(r"\([^)]*\)")


@cache
def _countries() -> dict[str, str]:
    """Folded code, name or nationality → ISO code; a word two countries claim is left out."""
    english, french = Locale.parse("en").territories, Locale.parse("fr").territories
    codes = {
        code for code in english if isinstance(code, str) and len(code) == 2 and code.isalpha()
    } - _NOT_COUNTRIES
    words = [(code, code) for code in codes]
    for code in codes:
        words += [(english[code], code), (english[code].replace("&", "and"), code)]
        words.append((french[code], code))
    # German too: pretix and other tools from German-speaking countries name countries so.
    german = Locale.parse("de").territories
    words += [(german[code], code) for code in codes if code in german]
    for alias, targets in get_global("territory_aliases").items():  # alpha-3: "FRA", "EST"
        if len(alias) == 3 and alias.isalpha() and len(targets) == 1 and targets[0] in codes:
            words.append((alias, targets[0]))
    table = json.loads(resource("nationalities.json").read_text(encoding="utf-8"))
    for section in ("names", "demonyms"):
        words += [(word, code) for code, listed in table[section].items() for word in listed]
    claims: dict[str, set[str]] = {}
    for word, code in words:
        claims.setdefault(fold(word), set()).add(code)
    return {word: claimed.pop() for word, claimed in claims.items() if len(claimed) == 1}


def country_codes() -> list[str]:
    """Every country a person can hold the nationality of, by its ISO code."""
    return sorted(set(_countries().values()))


def parse_nationality(cell: Cell) -> str | None:
    """A country as its two-letter ISO code, from that code, the three-letter one, the
    country's name or the nationality, in French or English ("Française", "French" → FR)."""
    text = parse_text(cell)
    if text is None:
        return None
    countries = _countries()
    for folded in (fold(text), fold(_BRACKETS.sub("", text))):  # "Israélien(ne)"
        for key in (folded, _ARTICLE.sub("", folded)):  # "la France", "the Netherlands"
            if key in countries:
                return countries[key]
    reason = _("{value} is not a country or nationality; write its ISO code, e.g. FR")
    raise ValueError(reason.format(value=_shown(cell)))


# Words that belong to the family name they come before: "Jean de La Fontaine".
_PARTICLES = frozenset(
    {"de", "du", "des", "d", "la", "le", "les", "van", "von", "der", "den", "ter", "da", "di"}
    | {"del", "della", "dos", "das", "do", "ben", "bin", "ibn", "al", "el", "abu", "bat", "st"}
)
# Two-character Chinese family names; every other is one character.
_COMPOUND_FAMILY_NAMES = frozenset(
    {"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "夏侯"}
    | {"令狐", "司徒", "歐陽", "諸葛", "東方", "長孫"}
)
_EAST_ASIAN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def split_full_name(cell: Cell, family_first: bool = False) -> tuple[str, str]:
    """(first name, family name) of a whole name as a registration tool writes it.

    Titles before it (Dr, Mme) and degrees after it (PhD, Jr.) are left out. A family name
    in capitals is recognised wherever it stands ("DUPONT Jean", "Jean DE LA FONTAINE");
    "Family, Given" by its comma; a Chinese, Japanese or Korean name written without
    spaces starts with the family name. Otherwise the family name is the last word with
    the particles before it, or the first word with its particles when the column's
    header says so ("NOM Prénom", `family_first`).
    """
    words = " ".join((parse_text(cell) or "").replace(",", " , ").split()).split(" ")
    while words and fold(words[-1]) in _DEGREES | {""}:
        words.pop()  # "Jean Dupont, PhD", "John SMITH Jr."
        while words and words[-1] == ",":
            words.pop()
    while len(words) > 1 and fold(words[0]) in _TITLES:
        words.pop(0)
    if "," in words:
        cut = words.index(",")
        family, given = words[:cut], [word for word in words[cut + 1 :] if word != ","]
        if family and given:
            return " ".join(given), " ".join(family)
        words = family + given
    text = " ".join(words)
    if not text:
        return "", ""
    if len(words) == 1:
        if _EAST_ASIAN.match(text) and len(text) > 1:
            cut = 2 if text[:2] in _COMPOUND_FAMILY_NAMES and len(text) > 2 else 1
            return text[cut:], text[:cut]
        return "", text
    capitals = [_in_capitals(word) for word in words]
    if any(capitals) and not all(capitals):
        if capitals[0]:
            cut = capitals.index(False)
            return " ".join(words[cut:]), " ".join(words[:cut])
        if capitals[-1]:
            cut = len(words) - capitals[::-1].index(False)
            return " ".join(words[:cut]), " ".join(words[cut:])
    if family_first:
        cut = 0
        while cut < len(words) - 2 and _is_particle(words, cut):
            cut += 1
        return " ".join(words[cut + 1 :]), " ".join(words[: cut + 1])
    cut = len(words) - 1
    while cut > 1 and _is_particle(words, cut - 1):
        cut -= 1
    return " ".join(words[:cut]), " ".join(words[cut:])


# Left out of a name: a title before it, a degree or generation after it.
_TITLES = frozenset(
    {"dr", "pr", "prof", "m", "mme", "mlle", "mr", "mrs", "ms", "miss", "me", "sir", "dame"}
)
_DEGREES = frozenset({"phd", "ph d", "md", "jr", "sr", "ii", "iii", "iv", "msc", "mba", "esq"})


def _is_particle(words: list[str], index: int) -> bool:
    """Whether a word is a particle of the family name, in any case: "de", "van", "Le"
    ("Hélène Le Goff", "Jan Van Damme")."""
    return fold(words[index]) in _PARTICLES


def _in_capitals(word: str) -> bool:
    """A word written in capitals on purpose ("DUPONT", "D'AUVERGNE", "LI"), not initials
    ("JP", "J.-P.", "MJ": two letters without a vowel, or with dots)."""
    letters = [char for char in word if char.isalpha()]
    if len(letters) < 2 or not all(char.isupper() for char in letters):
        return False
    initials = "." in word or (len(letters) == 2 and not set(fold(word)) & set("aeiouy"))
    return not initials or fold(word) == "ng"
