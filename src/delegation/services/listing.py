"""A long list read in two steps: at once what each row is searched by, its rows when shown."""

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

Row = TypeVar("Row")

# Reading more rows than this by id, one pass over the whole list beats many IN lists.
WHOLE_LIST_FROM = 5_000


@dataclass(frozen=True)
class Listing(Generic[Row]):
    """Enough to search and sort 100,000 rows without reading them whole.

    `searched` holds, field by field, the text a table searches in each row: each field is
    a sequence as long as `ids`, and a row read later gives the same fields through the
    `searched_fields` function beside the listing's query. `read` reads rows as stored now,
    in one transaction of its own; rows removed since the listing are left out.

    `keys` holds, the same way, values some columns sort by that are not searched (a day,
    a time: typing "10" must not find every item at 10:00); a row read gives them through
    the `sort_keys` function beside the listing's query.
    """

    ids: Sequence[int]
    searched: Sequence[Sequence[str]]
    read: Callable[[Sequence[int]], list[Row]]
    keys: Sequence[Sequence[Any]] = field(default=(), kw_only=True)


@contextmanager
def without_collection() -> Iterator[None]:
    """Python's cycle collector held back while a listing's columns are made: 100,000 rows
    of plain values hold no cycle, and its passes, more and longer as they pile up, took
    a third of the time of opening a table."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
