"""Loading a record for an edit: it must still exist and be the version the user saw."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.interfaces import ORMOption

from delegation.domain.errors import ConflictError, NotFoundError, ValidationError
from delegation.i18n import _
from delegation.i18n.formatting import format_saved_at
from delegation.persistence.base import Versioned
from delegation.services.expected import Expected, Unchanged

Record = TypeVar("Record", bound=Versioned)


def load_for_edit(
    session: Session,
    model: type[Record],
    record_id: int,
    expected: Expected,
    *,
    missing: str,
    name: Callable[[Record], str],
    details: Callable[[Record], object] | None = None,
    options: Sequence[ORMOption] = (),
) -> Record:
    """The record, or NotFoundError(missing); ConflictError naming who changed it since.

    `expected` is the version an editor read, or the details an undo step left (read
    back with `details`), or None for changes that do not replace what a user read.
    `options` load what the edit needs along with the record, in the same query.
    """
    record = session.get(model, record_id, options=options)
    if record is None:
        raise NotFoundError(missing)
    if isinstance(expected, Unchanged):
        if details is not None and details(record) != expected.details:
            raise changed_since_step(name(record), record)
    elif expected is not None and record.version != expected:
        raise ConflictError(
            _("{name} was changed by {who} since you opened it; nothing was saved").format(
                name=name(record), who=saved_by(record)
            )
        )
    return record


def saved_by(record: Versioned) -> str:
    """Who last saved the record, and when: "ana at 14:32"."""
    return _("{user} at {when}").format(
        user=record.updated_by or _("someone else"), when=format_saved_at(record.updated_at)
    )


class _Updated(Protocol):
    @property
    def updated_by(self) -> str | None: ...  # read only: a service's rows are frozen


def changed_since_step(name: str, record: _Updated) -> ConflictError:
    """The refusal of an undo or redo: the record (a row of the database, or a service's
    row read from it) is no longer as the step left it."""
    return ConflictError(
        _("{name} was changed by {user} since; this step can no longer be replayed").format(
            name=name, user=record.updated_by or _("someone else")
        )
    )


class _Row(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def details(self) -> Any: ...
    @property
    def updated_by(self) -> str | None: ...


Row = TypeVar("Row", bound=_Row)


def check_rows_as_left(
    rows: Iterable[Row],
    expected: Mapping[int, object],
    *,
    missing: str,
    name: Callable[[Row], str],
) -> None:
    """Each record (read as `rows`) still holds the details a step left in it (`expected`,
    by id), or the step cannot be replayed: NotFoundError(missing) for one gone,
    ConflictError naming who changed one."""
    current = {row.id: row for row in rows}
    for record_id, details in expected.items():
        row = current.get(record_id)
        if row is None:
            raise NotFoundError(missing)
        if row.details != details:
            raise changed_since_step(name(row), row)


def refuse_taken_ids(
    session: Session,
    model: type[Any],  # a mapped class with an integer id
    ids: Iterable[int | None],
) -> None:
    """A redo gives records the ids they had: refused whole when another record has
    taken one of them since the undo."""
    wanted = [record_id for record_id in ids if record_id is not None]
    if wanted and session.scalar(select(model.id).where(model.id.in_(wanted)).limit(1)):
        raise ConflictError(
            _("records were added since this import was undone; import the file again")
        )


Details = TypeVar("Details")


def trimmed_text(details: Details, *, keep_empty: tuple[str, ...]) -> dict[str, Any]:
    """Every text field of an editor's dataclass trimmed; empty text becomes None except
    in the fields named in keep_empty (required names and titles stay strings). Any: the
    changes go to dataclasses.replace, each for a field of its own type."""
    changes: dict[str, Any] = {}
    for name, value in vars(details).items():  # an import cleans thousands: no fields()
        if isinstance(value, str):
            trimmed: str | None = value.strip()
            if name not in keep_empty:
                trimmed = trimmed or None
            if trimmed != value:  # only what changes: most of an import's values are clean
                changes[name] = trimmed
    return changes


def one_line_problem(
    field: str, value: str, length: int, required_message: str | None
) -> ValidationError | None:
    """A one-line text that fits its column (a newline would break every list)."""
    text = value.strip()
    if not text and required_message:
        return ValidationError(field, required_message)
    if "\n" in text or "\r" in text:
        return ValidationError(field, _("write it on one line"))
    if len(text) > length:
        return ValidationError(
            field,
            _("at most {length} characters, not {count}").format(length=length, count=len(text)),
        )
    return None
