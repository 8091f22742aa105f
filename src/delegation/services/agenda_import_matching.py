"""Which of the trip's items each row of a programme updates, surest matches first."""

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import Any

from delegation.domain.scheduling import minutes_of_day
from delegation.interchange.columns import fold
from delegation.services.agenda import AgendaItemRow

# A row's values as read from the file, by field name ("date", "start", "title"…).
ParsedRow = dict[str, Any]
_Candidates = Callable[[ParsedRow, list[AgendaItemRow]], list[AgendaItemRow]]


class ItemMatcher:
    """The trip's items as the file was read, each updated by one row at most."""

    def __init__(self, existing: Sequence[AgendaItemRow]) -> None:
        self.by_id = {row.id: row for row in existing}
        self.by_day: dict[date, list[AgendaItemRow]] = {}
        for row in existing:
            self.by_day.setdefault(row.details.day, []).append(row)
        self.matched: set[int] = set()

    def matches(self, rows: Sequence[tuple[int, ParsedRow]]) -> dict[int, AgendaItemRow]:
        """The item each row updates, by line. In passes over all rows, surest first, so
        that a row's order in the file never lets it take another row's item: the export's
        reference; the same day, title and start; the same day and title (the nearest
        start); the same day, start and venue. Each item is updated by one row at most."""
        matches: dict[int, AgendaItemRow] = {}
        passes: tuple[_Candidates, ...] = (
            self._by_reference, self._named_at_start, self._named, self._placed,
        )  # fmt: skip
        for candidates in passes:
            for line, parsed in rows:
                if line in matches:
                    continue
                free = [r for r in self.by_day.get(parsed["date"], []) if r.id not in self.matched]
                found = candidates(parsed, free)
                if found:
                    best = min(found, key=partial(_distance, parsed=parsed))
                    matches[line] = best
                    self.matched.add(best.id)
        return matches

    def _by_reference(self, parsed: ParsedRow, _free: list[AgendaItemRow]) -> list[AgendaItemRow]:
        """The item the export named, while it is still that item: on the row's day or
        under its title (an id deleted then given to a new item is not the one meant)."""
        row = self.by_id.get(parsed.get("reference") or 0)
        if row is None or row.id in self.matched:
            return []
        title = fold(parsed["title"])
        return (
            [row] if row.details.day == parsed["date"] or title in map(fold, _titles(row)) else []
        )

    @staticmethod
    def _named(parsed: ParsedRow, free: list[AgendaItemRow]) -> list[AgendaItemRow]:
        title = fold(parsed["title"])
        return [row for row in free if title in map(fold, _titles(row))]

    @classmethod
    def _named_at_start(cls, parsed: ParsedRow, free: list[AgendaItemRow]) -> list[AgendaItemRow]:
        return [r for r in cls._named(parsed, free) if r.details.start_time == parsed["start"]]

    @staticmethod
    def _placed(parsed: ParsedRow, free: list[AgendaItemRow]) -> list[AgendaItemRow]:
        venue = fold(parsed.get("venue") or "")
        return [
            row
            for row in free
            if venue and row.details.start_time == parsed["start"]
            and fold(row.venue_name or "") == venue
            and row.details.group_codes == (parsed.get("groups") or row.details.group_codes)
        ]  # fmt: skip


def _distance(row: AgendaItemRow, parsed: ParsedRow) -> tuple[bool, bool, int, int]:
    """How far an item is from a row that may update it: other groups, another venue,
    then minutes apart."""
    minutes = abs(minutes_of_day(row.details.start_time) - minutes_of_day(parsed["start"]))
    return (
        bool(parsed.get("groups")) and row.details.group_codes != parsed["groups"],
        bool(parsed.get("venue")) and fold(row.venue_name or "") != fold(parsed["venue"]),
        minutes,
        row.id,
    )  # fmt: skip


def _titles(row: AgendaItemRow) -> tuple[str, str]:
    return row.details.title_fr, row.details.title_en
