"""What a file's unknown values mean, as users said in a preview: remembered per header."""

import hashlib
from collections.abc import Callable, Sequence

from babel import Locale
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from delegation.domain.enums import (
    AgendaKind,
    AgendaStatus,
    Language,
    ParticipantCategory,
    ParticipantStatus,
)
from delegation.i18n import _, current_language
from delegation.i18n.labels import value_label
from delegation.interchange.columns import fold
from delegation.interchange.values import country_codes, parse_nationality
from delegation.persistence.models import ImportValueMap
from delegation.services.source_files import ValueMap
from delegation.services.workspace import Workspace


def header_key(headers: Sequence[str]) -> str:
    """The same for two files whose headers read alike, whatever their case or accents."""
    joined = "\x1f".join(fold(header) for header in headers)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def remembered_values(
    workspace: Workspace, headers: Sequence[str]
) -> dict[tuple[str, str], str | None]:
    """The meanings users gave to values of files with these headers."""
    with workspace.reading() as session:
        rows = session.execute(
            select(ImportValueMap.field, ImportValueMap.value, ImportValueMap.target).where(
                ImportValueMap.header_key == header_key(headers)
            )
        )
        return {(field, value): target for field, value, target in rows}


def meanings_for(
    workspace: Workspace, chosen: ValueMap | None
) -> Callable[[Sequence[str]], ValueMap]:
    """What users said a file's values mean: the meanings remembered for its headers, with
    those chosen for this file over them (open_source's `told`)."""
    return lambda headers: {**remembered_values(workspace, headers), **(chosen or {})}


def remember_values(session: Session, headers: Sequence[str], values: ValueMap) -> None:
    """Keep `values` for the next file with these headers, replacing what was said before."""
    key = header_key(headers)
    for (field, value), target in values.items():
        session.execute(
            delete(ImportValueMap).where(
                ImportValueMap.header_key == key,
                ImportValueMap.field == field,
                ImportValueMap.value == value,
            )
        )
        session.add(ImportValueMap(header_key=key, field=field, value=value, target=target))


def value_choices(field: str, programme: bool = False) -> list[tuple[str, str]]:
    """The values a field can be given, as (code, label), in the order a list shows them."""
    if field == "nationality":
        names = Locale.parse(current_language()).territories
        countries = [(code, names.get(code, code)) for code in country_codes()]
        return sorted(countries, key=lambda country: fold(country[1]))
    listed = {
        "status": AgendaStatus if programme else ParticipantStatus,
        "category": ParticipantCategory,
        "language": Language,
        "kind": AgendaKind,
    }.get(field)
    return [(value.value, value_label(value) or value.value) for value in listed or ()]


def meaning_of(field: str, text: str, programme: bool = False) -> str | None:
    """The code a user's word names among a field's values (its code or its label, any
    case or accents; for a nationality, a country as the importer reads one); "" is None.
    Raises ValueError listing the values when it names none."""
    if not text.strip():
        return None
    choices = value_choices(field, programme)
    folded = fold(text)
    for code, label in choices:
        if folded in (fold(code), fold(label)):
            return code
    if field == "nationality":
        try:
            return parse_nationality(text)
        except ValueError:
            pass
    listed = ", ".join(code for code, _label in choices[:12]) + ("…" if len(choices) > 12 else "")
    raise ValueError(_("{value} is none of: {values}").format(value=text, values=listed))
