"""The delegates the registration exports of this folder list, and how they land in the app."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Person:
    """One delegate as the organiser knows them; each file shows them in its tool's words."""

    key: str
    first: str
    last: str
    email: str
    birth: date
    nationality: str  # ISO 3166-1 alpha-2
    organization: str
    mobile: str
    group_fr: str
    group_en: str
    nationality_fr: str  # adjective, in the person's grammatical gender
    nationality_en: str
    country_en: str
    country_de: str


# One person per entry, columns in the order of Person's fields.
# fmt: off
_TABLE = [
    ("mcdlf", "Marie-Claire", "de La Fontaine", "marie-claire.delafontaine@bretagne.example.fr",
     date(1985, 7, 20), "FR", "Région Bretagne", "+33 6 12 34 56 78", "Énergie", "Energy",
     "Française", "French", "France", "Frankreich"),
    ("tonu", "Tõnu", "Mägi", "tonu.magi@taltech.example.ee", date(1979, 3, 4), "EE",
     "Tallinna Tehnikaülikool", "+372 5123 4567", "Numérique", "Digital", "Estonien",
     "Estonian", "Estonia", "Estland"),
    ("kart", "Kärt", "Õunapuu", "kart.ounapuu@eas.example.ee", date(1991, 11, 2), "EE",
     "Enterprise Estonia", "+372 5876 5432", "Numérique", "Digital", "Estonienne", "Estonian",
     "Estonia", "Estland"),
    ("wang", "小明", "王", "wang.xiaoming@example.cn", date(1983, 2, 11), "CN",
     "Shanghai Electric", "+86 139 1234 5678", "Énergie", "Energy", "Chinois", "Chinese",
     "China", "China"),
    ("levi", "דוד", "לוי", "david.levi@example.il", date(1977, 12, 9), "IL",
     "Israel Innovation Authority", "+972 52 123 4567", "Santé", "Health", "Israélien",
     "Israeli", "Israel", "Israel"),
    ("haddad", "ليلى", "حداد", "leila.haddad@example.lb", date(1988, 5, 30), "LB",
     "Chambre de commerce franco-libanaise", "+961 3 123 456", "Santé", "Health", "Libanaise",
     "Lebanese", "Lebanon", "Libanon"),
    ("papa", "Γιώργος", "Παπαδόπουλος", "g.papadopoulos@example.gr", date(1972, 10, 8), "GR",
     "Hellenic Energy", "+30 694 123 4567", "Énergie", "Energy", "Grec", "Greek", "Greece",
     "Griechenland"),
    ("vdberg", "Pieter", "van der Berg", "p.vanderberg@example.nl", date(1968, 1, 17), "NL",
     "Port of Rotterdam", "+31 6 1234 5678", "Numérique", "Digital", "Néerlandais", "Dutch",
     "Netherlands", "Niederlande"),
    ("lefevre", "Jean-Baptiste", "Lefèvre", "jb.lefevre@example.fr", date(1990, 6, 5), "FR",
     "CCI Normandie", "+33 7 81 22 33 44", "Énergie", "Energy", "Français", "French", "France",
     "Frankreich"),
    ("dubois", "Éloïse", "Dubois-Martin", "eloise.dubois-martin@example.fr", date(1995, 9, 12),
     "FR", "Bpifrance", "+33 6 98 76 54 32", "Santé", "Health", "Française", "French", "France",
     "Frankreich"),
    ("nguyen", "François", "Nguyen", "francois.nguyen@example.fr", date(1982, 4, 3), "FR",
     "Ville de Rennes", "+33 6 45 67 89 01", "Numérique", "Digital", "Français", "French",
     "France", "Frankreich"),
    ("legoff", "Hélène", "Le Goff", "helene.legoff@example.fr", date(1975, 8, 25), "FR",
     "Brittany Ferries", "+33 6 23 45 67 89", "Santé", "Health", "Française", "French",
     "France", "Frankreich"),
    ("kask", "Mart", "Kask", "mart.kask@elering.example.ee", date(1986, 10, 1), "EE", "Elering",
     "+372 5555 1234", "Énergie", "Energy", "Estonien", "Estonian", "Estonia", "Estland"),
    ("aubigne", "Charlotte", "d'Aubigné", "charlotte.daubigne@example.fr", date(1993, 2, 7), "FR",
     "Airbus", "+33 6 11 22 33 44", "Numérique", "Digital", "Française", "French", "France",
     "Frankreich"),
]
# fmt: on

PEOPLE = {row[0]: Person(*row) for row in _TABLE}

# Marks an expected field that keeps the person's own value.
SAME: Any = object()


def expect(
    person: Person,
    status: str | None,
    *,
    first: str | None = None,
    last: str | None = None,
    email: Any = SAME,
    groups: list[str] | None = None,
    phone: Any = SAME,
) -> dict[str, Any]:
    """The person as they should land in the app after importing one file."""
    return {
        "first_name": first if first is not None else person.first,
        "last_name": last if last is not None else person.last,
        "email": person.email if email is SAME else email,
        "status": status,
        "groups": groups if groups is not None else [],
        "birth_date": person.birth.isoformat(),
        "nationality": person.nationality,
        "phone": person.mobile if phone is SAME else phone,
        "organization": person.organization,
    }


def dmy(day: date) -> str:
    """French usage, DD/MM/YYYY."""
    return day.strftime("%d/%m/%Y")


def mdy_us(day: date) -> str:
    """A sheet in the United States locale: month first, no leading zeros (11/2/1985)."""
    return f"{day.month}/{day.day}/{day.year}"


def e164(phone: str) -> str:
    """The phone as pretix stores it: + and digits only."""
    return "+" + "".join(character for character in phone if character.isdigit())


def entry(
    profile: str, language: str, layout: dict[str, str], notes: list[str], people: list[dict]
) -> dict[str, Any]:
    """One file's record in expected.json."""
    return {"profile": profile, "language": language, **layout, "notes": notes, "people": people}
