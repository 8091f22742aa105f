"""What colleagues' programs changed on the database since this one last looked."""

from delegation.persistence.change_feed import KEPT, CommitSignal, lines_after, newest_line
from delegation.persistence.models import CommittedChange
from delegation.services.changes import Changes, Kind
from delegation.services.workspace import Workspace

# The tables a colleague's change is read from, and what each means to a page. A link
# table names no row of its own: any record of its kind may have changed.
_KINDS = {
    "trips": Kind.TRIP,
    "trip_groups": Kind.GROUP,
    "participants": Kind.PARTICIPANT,
    "participant_groups": Kind.PARTICIPANT,
    "contacts": Kind.CONTACT,
    "organizations": Kind.CONTACT,
    "agenda_items": Kind.AGENDA_ITEM,
    "agenda_item_groups": Kind.AGENDA_ITEM,
    "venues": Kind.VENUE,
    "hotels": Kind.HOTEL,
    "rooms": Kind.ROOM,
    "travel_segments": Kind.SEGMENT,
    "segment_passengers": Kind.SEGMENT,
}
_LINKS = {"participant_groups", "agenda_item_groups", "segment_passengers"}


class ColleagueChanges:
    """Asked every moment (`take`), says what other programs committed since the last
    time: nothing, at the cost of a counter read, while no one else writes."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        with workspace.reading() as session:
            self._seen = newest_line(session)
        self._signal = CommitSignal(workspace.engine)

    def take(self) -> list[Changes]:
        """The changes other programs committed since last asked, one set per trip (None:
        the directory, or a trip not known without reading it), each naming who."""
        if not self._signal.moved():
            return []
        with self._workspace.reading() as session:
            lines = lines_after(session, self._seen)
        if not lines:
            return []
        fell_behind = lines[-1].id - self._seen >= KEPT // 2
        self._seen = lines[-1].id
        theirs = [line for line in lines if line.origin != self._workspace.origin]
        if not theirs:
            return []
        if fell_behind:  # older lines may have been let go: read everything again
            return [Changes.everything(None, trips_listed=True, by=theirs[-1].committed_by)]
        by_trip: dict[int | None, Changes] = {}
        for line in theirs:
            for trip_id, changes in _changes_of(line):
                by_trip[trip_id] = by_trip[trip_id] | changes if trip_id in by_trip else changes
        return list(by_trip.values())

    def close(self) -> None:
        self._signal.close()


def _changes_of(line: CommittedChange) -> list[tuple[int | None, Changes]]:
    ids: dict[Kind, frozenset[int] | None] = {}
    for table, rows in line.rows.items():
        kind = _KINDS.get(table)
        if kind is None:
            continue
        mine = None if rows is None or table in _LINKS else frozenset(rows)
        known = ids.get(kind, frozenset())
        ids[kind] = None if mine is None or known is None else known | mine
    if not ids:
        return []
    listed = Kind.TRIP in ids
    trips: list[int | None] = list(line.trip_ids) if line.trip_ids else [None]
    return [
        (trip_id, Changes(trip_id, ids, trips_listed=listed, by=line.committed_by))
        for trip_id in trips
    ]
