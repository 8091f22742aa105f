"""What keeping calendar sequences costs: a 1,000-item programme moved, then exported.

Run: python benchmarks/calendar_sequence.py [--items N] [--runs R]
The programme is moved a week along with its trip (every item updated in one
transaction), alternately with the flush events that raise each item's sequence and
without them: the baseline, measured in the same run on the same database. The export
writes the .ics with each event's SEQUENCE, LAST-MODIFIED and GEO; its baseline writes
the same events without LAST-MODIFIED and GEO, as the file was before.
"""

import argparse
import csv
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import event

from delegation.interchange.ics_out import write_ics
from delegation.persistence import calendar_sequence
from delegation.persistence.models.columns import CalendarEntry
from delegation.services.agenda import list_agenda
from delegation.services.agenda_import_planning import plan_agenda_import
from delegation.services.agenda_import_writing import apply_agenda_import
from delegation.services.directory import list_venues, save_venue
from delegation.services.exports import _item_event, export_calendar
from delegation.services.trips import NewTrip, add_trip, find_trip, update_trip
from delegation.services.workspace import open_workspace

FIRST_DAY = date(2026, 5, 4)
DAYS = 5


def write_programme(path: Path, count: int) -> None:
    """count items over five days, a quarter of an hour each, at twenty venues."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Date", "Start", "End", "Title", "Venue", "Address"])
        for n in range(count):
            day = FIRST_DAY + timedelta(days=n % DAYS)
            minutes = 7 * 60 + (n // DAYS) % 56 * 15
            start, end = divmod(minutes, 60), divmod(minutes + 15, 60)
            writer.writerow([
                day.isoformat(), f"{start[0]:02d}:{start[1]:02d}", f"{end[0]:02d}:{end[1]:02d}",
                f"Visit {n}", f"Venue {n % 20}", f"Street {n % 20}, Tallinn",
            ])  # fmt: skip


def export_plain(workspace, trip_id: int, path: Path) -> None:
    """The same export, read and written alike, without LAST-MODIFIED and GEO."""
    summary = find_trip(workspace, trip_id)
    events = [
        replace(_item_event(row, summary.timezone, "en"), last_modified=None, geo=None)
        for row in list_agenda(workspace, trip_id)
    ]
    write_ics(path, summary.title, summary.timezone, events)


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    count = arguments.items
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        workspace = open_workspace(str(folder / "programme.sqlite3"))
        trip = add_trip(
            workspace,
            NewTrip("big-2026", "Big trip", "Tallinn", "EE", FIRST_DAY, FIRST_DAY + timedelta(4)),
        )
        source = folder / "programme.csv"
        write_programme(source, count)
        plan = plan_agenda_import(workspace, trip.id, source)
        assert not plan.problems, plan.problem_lines()[:3]
        assert apply_agenda_import(workspace, plan).counts.created == count
        for number, venue in enumerate(list_venues(workspace)):
            place = replace(venue.details, latitude=59.4 + number / 1000, longitude=24.7)
            save_venue(workspace, venue.id, venue.version, place)

        def move(weeks: int) -> None:
            summary = find_trip(workspace, trip.id)
            start = summary.start_date + timedelta(weeks=weeks)
            changes = {"start_date": start, "end_date": start + timedelta(DAYS - 1)}
            update_trip(workspace, trip.id, None, changes, move_programme=True)

        counted = (CalendarEntry, "before_update", calendar_sequence._note_shown_change)
        results: dict[str, list[float]] = {}
        for run in range(arguments.runs):
            results.setdefault("move, sequences kept", []).append(timed(lambda: move(1)))
            event.remove(*counted)
            try:
                results.setdefault("move, baseline", []).append(timed(lambda: move(-1)))
            finally:
                event.listen(*counted, propagate=True)
            target = folder / f"programme-{run}.ics"
            results.setdefault("export, sequences kept", []).append(
                timed(lambda t=target: export_calendar(workspace, trip.id, t))
            )
            results.setdefault("export, baseline", []).append(
                timed(lambda t=folder / "plain.ics": export_plain(workspace, trip.id, t))
            )
        sequences = {row.calendar.sequence for row in list_agenda(workspace, trip.id)}
        workspace.close()
    # One rise when the venues got their coordinates, one per counted move, none else.
    assert sequences == {1 + arguments.runs}, sequences
    median = {name: statistics.median(times) for name, times in results.items()}
    print(f"{count} agenda items, median of {arguments.runs} runs")
    for name in ("move", "export"):
        ours, base = median[f"{name}, sequences kept"], median[f"{name}, baseline"]
        print(
            f"{name:6}: {ours * 1000:7.1f} ms   baseline: {base * 1000:7.1f} ms"
            f"   ratio {ours / base:4.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
