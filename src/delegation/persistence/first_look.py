"""What the window shows first, read straight from an SQLite file.

Loading SQLAlchemy costs more than Qt itself; reading these few counts with the
standard library lets the window paint the trip at once while SQLAlchemy loads.
Read-only, and only for a file at this program's schema revision: anything else
(a URL, an older or damaged file) goes the full way and is reported there.
The counts follow the same rules as services.trips (a test compares the two).
"""

import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from delegation.persistence.revision import SCHEMA_HEAD

_TRIPS = """
SELECT t.id, t.key, t.title, t.destination_city, t.destination_country, t.start_date,
       t.end_date, t.timezone, t.home_timezone, t.version,
       (SELECT count(*) FROM participants p WHERE p.trip_id = t.id AND p.status != 'cancelled')
FROM trips t ORDER BY t.start_date DESC, t.key
"""
_BY_STATUS = "SELECT status, count(*) FROM participants WHERE trip_id = ? GROUP BY status"
_BY_CATEGORY = """
SELECT category, count(*) FROM participants
WHERE trip_id = ? AND status != 'cancelled' GROUP BY category
"""
_BY_GROUP = """
SELECT g.name, count(p.id) FROM trip_groups g
LEFT JOIN participant_groups pg ON pg.group_id = g.id
LEFT JOIN participants p ON p.id = pg.participant_id AND p.status != 'cancelled'
WHERE g.trip_id = ? GROUP BY g.id, g.name, g.position ORDER BY g.position
"""
_AGENDA = "SELECT count(*) FROM agenda_items WHERE trip_id = ?"


@dataclass(frozen=True)
class TripRecord:
    id: int
    key: str
    title: str
    destination_city: str
    destination_country: str
    start_date: date
    end_date: date
    timezone: str
    home_timezone: str
    version: int
    active_count: int


@dataclass(frozen=True)
class FirstLook:
    trips: list[TripRecord]
    shown: TripRecord | None  # the trip asked for, else the first
    by_status: dict[str, int]
    by_category: dict[str, int]
    by_group: dict[str, int]
    agenda_items: int


def _trip(row: tuple) -> TripRecord:
    trip_id, key, title, city, country, start, end, timezone, home, version, active = row
    # SQLite hands dates back as the ISO text they are stored as.
    return TripRecord(
        trip_id,
        key,
        title,
        city,
        country,
        date.fromisoformat(start),
        date.fromisoformat(end),
        timezone,
        home,
        version,
        active,
    )


def read_first_look(path: Path, trip_key: str | None) -> FirstLook | None:
    """The trips and the counts of one of them; None when the quick way does not apply."""
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        if connection.execute("SELECT version_num FROM alembic_version").fetchone() != (
            SCHEMA_HEAD,
        ):
            return None
        trips = [_trip(row) for row in connection.execute(_TRIPS)]
        shown = next((t for t in trips if t.key == trip_key), trips[0] if trips else None)
        if shown is None:
            return FirstLook(trips, None, {}, {}, {}, 0)
        return FirstLook(
            trips,
            shown,
            dict(connection.execute(_BY_STATUS, (shown.id,)).fetchall()),
            dict(connection.execute(_BY_CATEGORY, (shown.id,)).fetchall()),
            dict(connection.execute(_BY_GROUP, (shown.id,)).fetchall()),
            connection.execute(_AGENDA, (shown.id,)).fetchone()[0],
        )
    except (sqlite3.Error, ValueError):
        return None
    finally:
        connection.close()
