"""An editor's changes laid over a colleague's save made while it was open."""

from dataclasses import fields, replace
from typing import Any, TypeVar

Details = TypeVar("Details")


def _same(first: Any, second: Any) -> bool:
    # An editor writes an empty field as "", the database keeps it as None; spaces
    # around a value are trimmed when it is saved.
    if isinstance(first, str):
        first = first.strip() or None
    if isinstance(second, str):
        second = second.strip() or None
    return first == second


def merge_edits(opened: Details, theirs: Details, mine: Details) -> tuple[Details, list[str]]:
    """Each field as the user typed it where they changed it, else as the colleague left
    it; and the fields both changed to different values (the user's value is kept)."""
    taken: dict[str, Any] = {}
    clashes: list[str] = []
    for field in fields(mine):  # type: ignore[arg-type]  # details are dataclasses
        before, saved, typed = (getattr(each, field.name) for each in (opened, theirs, mine))
        if _same(typed, before):
            taken[field.name] = saved
        elif not _same(saved, before) and not _same(saved, typed):
            clashes.append(field.name)
    return replace(mine, **taken), clashes  # type: ignore[type-var]
