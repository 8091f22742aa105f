"""Milliseconds per filter keystroke on a 10,000-participant trip, and per sort.

Run: python benchmarks/participant_filter.py [--participants N]
A generated trip is loaded into the participants page; then a name is typed one
letter at a time, as a user does, each keystroke followed by the repaint of the
table. Baseline in the same run: the same cells in a QStandardItemModel filtered and
sorted by a QSortFilterProxyModel (which ignores case but not accents). The target
is one frame (16 ms) per keystroke.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView
from sqlalchemy import insert

from delegation.domain.enums import ParticipantStatus
from delegation.persistence.models import Contact, Organization, Participant
from delegation.services.trips import NewTrip, add_trip
from delegation.services.workspace import open_workspace
from delegation.ui.commands import EditContext
from delegation.ui.pages.participants_page import ParticipantsPage

FIRST = ["Hélène", "Kadri", "Jüri", "Loïc", "Anaïs", "Tõnu", "Zoé", "Mart", "Noël", "Liis"]
LAST = ["Tamm", "Saar", "Õunapuu", "Bérard", "Mägi", "Quéré", "Kask", "Dupré", "Väljaots"]
TYPED = "helene saar"


def generate(workspace, count: int) -> int:
    trip = add_trip(
        workspace,
        NewTrip("big-2026", "Big trip", "Tallinn", "EE", date(2026, 5, 4), date(2026, 5, 8)),
    )
    with workspace.transaction() as session:
        session.execute(
            insert(Organization),
            [{"id": n + 1, "name": f"Organisation {n:04d}", "version": 1,
              "updated_at": date.today(), "updated_by": "bench"} for n in range(count // 10)],
        )  # fmt: skip
        session.execute(
            insert(Contact),
            [{"id": n + 1, "first_name": FIRST[n % len(FIRST)], "last_name": LAST[n % len(LAST)],
              "email": f"person{n}@example.ee", "organization_id": n // 10 + 1, "version": 1,
              "updated_at": date.today(), "updated_by": "bench"} for n in range(count)],
        )  # fmt: skip
        statuses = list(ParticipantStatus)
        session.execute(
            insert(Participant),
            [{"trip_id": trip.id, "contact_id": n + 1, "status": statuses[n % 4],
              "waitlist_position": n if statuses[n % 4] == ParticipantStatus.WAITLISTED else None,
              "version": 1, "updated_at": date.today(), "updated_by": "bench"}
             for n in range(count)],
        )  # fmt: skip
    return trip.id


class PaintCounter(QObject):
    """Counts the table's paints: each keystroke must end with the table painted."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def type_into(application, set_text, view) -> tuple[list[float], int]:
    """Each keystroke: the text changes, then one turn of the event loop, which lays out
    and paints the table as Qt does between two keys. Returns the times and the number
    of keystrokes after which the table was painted (a check that paint was measured)."""
    counter = PaintCounter()
    view.viewport().installEventFilter(counter)
    timings = []
    for length in range(1, len(TYPED) + 1):
        started = time.perf_counter()
        set_text(TYPED[:length])
        application.processEvents()
        timings.append((time.perf_counter() - started) * 1000)
    view.viewport().removeEventFilter(counter)
    set_text("")
    application.processEvents()
    return timings, counter.count


def proxy_baseline(application, model) -> tuple[list[float], float]:
    """The same cells in a QStandardItemModel behind a QSortFilterProxyModel."""
    rows, columns = model.rows(), model.columnCount()
    source = QStandardItemModel(len(rows), columns)
    for number, row in enumerate(rows):
        for column in range(columns):
            source.setItem(number, column, QStandardItem(model.display_text(row, column)))
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(source)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.resize(1400, 800)
    view.show()
    application.processEvents()
    timings, _painted = type_into(application, proxy.setFilterFixedString, view)
    started = time.perf_counter()
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    application.processEvents()
    return timings, (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=10_000)
    count = parser.parse_args().participants
    application = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        workspace = open_workspace(str(Path(folder) / "bench.sqlite3"))
        trip_id = generate(workspace, count)
        page = ParticipantsPage(EditContext(workspace))
        page.resize(1400, 800)
        page.show()
        started = time.perf_counter()
        page.show_trip(trip_id)
        application.processEvents()
        load_ms = (time.perf_counter() - started) * 1000
        ours, painted = type_into(application, page.search.setText, page.table)
        started = time.perf_counter()
        page.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        application.processEvents()
        sort_ms = (time.perf_counter() - started) * 1000
        baseline, proxy_sort_ms = proxy_baseline(application, page.model)
        workspace.close()
    print(f"{count} participants; typing {TYPED!r}, one keystroke at a time")
    print(f"(the table was painted after {painted} of {len(TYPED)} keystrokes)")
    print(f"load the page from the database:      {load_ms:8.1f} ms")
    print(f"our model, per keystroke:  median {statistics.median(ours):6.2f} ms, "
          f"worst {max(ours):6.2f} ms (target: 16 ms)")  # fmt: skip
    print(f"QSortFilterProxyModel:     median {statistics.median(baseline):6.2f} ms, "
          f"worst {max(baseline):6.2f} ms (baseline)")  # fmt: skip
    print(f"ratio: {statistics.median(ours) / statistics.median(baseline):.2f}x the proxy")
    print(f"sort by organization: ours {sort_ms:8.1f} ms, proxy {proxy_sort_ms:8.1f} ms")


if __name__ == "__main__":
    main()
