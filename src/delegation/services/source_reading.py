"""Opening a file for an import: its header found, its columns matched to fields (or as a
user corrected them), the tool it comes from recognised, and how its dates are written."""

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from delegation.domain.errors import FileRefusedError
from delegation.i18n import _, ngettext
from delegation.i18n.labels import field_label
from delegation.interchange.columns import (
    ColumnMatch,
    FieldSpec,
    fold,
    match_columns,
    missing_fields,
)
from delegation.interchange.profiles import SourceProfile, recognise_profile
from delegation.interchange.tables import Table, read_table
from delegation.interchange.values import (
    DateOrder,
    date_order_of,
    has_ambiguous_dates,
    is_blank_answer,
)
from delegation.services.source_files import DATE_FIELDS, DateReading, SourceFile, ValueMap


def open_source(
    path: str | Path,
    specs: Sequence[FieldSpec],
    *,
    fields: Mapping[int, str] | None = None,
    sheet: str | None = None,
    display_name: str | None = None,
    date_orders: Mapping[str, DateOrder] | None = None,
    told: Callable[[Sequence[str]], ValueMap] | None = None,
    repair_encoding: bool = False,
) -> SourceFile:
    """Read a file and match its columns (or take the mapping a user corrected), decide
    how its dates are written, and map the values the user or the file's tool named.
    `told(headers)`: what users said the file's values mean (remembered, or just chosen).
    `repair_encoding`: a CSV mixing encodings has its stray bytes read as Windows-1252
    (the notes name their lines) instead of being refused with MixedEncodingError.

    A required field without a column refuses the file in one line.
    """

    def score(texts: Sequence[str]) -> int:
        return len(match_columns(texts, specs).fields)

    table = read_table(
        path,
        sheet=sheet,
        display_name=display_name,
        header_score=score,
        repair_encoding=repair_encoding,
    )
    profile = recognise_profile(table.headers)
    filled = _filled_columns(table)
    match = match_columns(table.headers, specs, filled=filled, profile=profile)
    if fields is not None:  # the user's columns, and the tool's fallbacks they leave
        match = _corrected(table.headers, fields, specs, match)
    if match.missing:
        found = ", ".join(f"“{header}”" for header in table.headers if header)
        raise FileRefusedError(
            f"{table.source}:{table.header_line}",
            ngettext(
                "no column for the {fields} (columns found: {found})",
                "no columns for the {fields} (columns found: {found})",
                len(match.missing),
            ).format(
                fields=", ".join(field_label(name).lower() for name in match.missing), found=found
            ),
        )
    if not table.rows:
        raise FileRefusedError(table.source, _("the file has a header but no rows"))
    said = dict(told(table.headers)) if told else {}
    values: dict[tuple[str, str], str | None] = dict(profile.values) if profile else {}
    values.update(said)
    return SourceFile(
        table,
        dict(match.fields),
        match.ignored,
        tuple(specs),
        profile,
        match.choices,
        _date_readings(table, match.fields, profile, date_orders or {}),
        values,
        match.fallbacks,
        match.group_options,
        said,
    )


def _filled_columns(table: Table) -> list[bool]:
    """Whether each column holds a value in some row ("anonymous" is none)."""
    filled = [False] * len(table.headers)
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            if not filled[index] and cell is not None and not is_blank_answer(cell):
                filled[index] = True
    return filled


def _date_readings(
    table: Table,
    fields: Mapping[int, str],
    profile: SourceProfile | None,
    chosen: Mapping[str, DateOrder],
) -> tuple[DateReading, ...]:
    readings = []
    for index, name in fields.items():
        if name not in DATE_FIELDS:
            continue
        cells = [row.cells[index] for row in table.rows]
        ambiguous = has_ambiguous_dates(cells)
        proven = date_order_of(cells)
        if name in chosen:
            order = chosen[name]
        elif proven is not None:
            order = proven
        elif profile is not None and profile.date_order is not None:
            order = profile.date_order
        else:
            order = DateOrder.MONTH_FIRST if _in_english(table.headers) else DateOrder.DAY_FIRST
        readings.append(DateReading(name, order, proven is not None, ambiguous))
    return tuple(readings)


def _in_english(headers: Sequence[str]) -> bool:
    """Whether a file's headers are English rather than French (US dates go month first)."""
    words = {word for header in headers for word in fold(header).split()}
    return len(words & _ENGLISH_WORDS) > len(words & _FRENCH_WORDS)


# Words of one language only ("date", "email", "notes" are both).
_ENGLISH_WORDS = frozenset({
    "first", "last", "name", "company", "phone", "birth", "of", "status", "group", "title",
    "start", "end", "nationality", "organization", "organisation", "address", "surname",
    "mobile", "expiry", "emergency", "dietary", "requirements", "job", "day",
})  # fmt: skip
_FRENCH_WORDS = frozenset({
    "prenom", "nom", "courriel", "societe", "entreprise", "telephone", "naissance", "statut",
    "groupe", "intitule", "debut", "fin", "jour", "adresse", "nationalite", "organisme",
    "passeport", "fonction", "civilite", "remarques", "portable", "urgence", "regime",
    "de", "du", "des", "la", "le",
})  # fmt: skip


def _corrected(
    headers: Sequence[str],
    fields: Mapping[int, str],
    specs: Sequence[FieldSpec],
    detected: ColumnMatch,
) -> ColumnMatch:
    known = {spec.name for spec in specs}
    chosen = {index: name for index, name in fields.items() if name in known}
    kept = {name: index for name, index in detected.fallbacks.items() if index not in chosen}
    options = () if "groups" in chosen.values() else detected.group_options
    names = set(chosen.values()) | set(kept)
    return ColumnMatch(
        fields=chosen,
        ignored=tuple(
            header
            for index, header in enumerate(headers)
            if header
            and index not in chosen
            and index not in kept.values()
            and index not in {column for column, _option in options}
        ),
        missing=missing_fields(specs, names),
        fallbacks=kept,
        group_options=options,
    )
