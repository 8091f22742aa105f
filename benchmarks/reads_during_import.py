"""How long `delegation trips` takes while a 20,000-row import writes, beside an idle database.

Run: python benchmarks/reads_during_import.py [--participants N] [--runs R]
The import runs in a process of its own, as a second window or command would; once it
reports progress its write transaction is open, and `delegation trips` is started as a
separate process and timed to its exit. Baselines in the same run: the same command on
the same database with no import going on, and while the importer plans (a busy core,
no lock held). Only runs whose listing ended before the import committed count as
"writes"; the others are reported apart. A listing during the write should take about
as long as during the planning, and show the trip being filled as still empty.
"""

import argparse
import csv
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from delegation.services.participant_import_planning import plan_participant_import
from delegation.services.participant_import_writing import apply_participant_import
from delegation.services.trips import NewTrip, add_trip
from delegation.services.workspace import open_workspace

HEADERS = ["Prénom", "Nom", "Courriel", "Société", "Statut"]


def write_file(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(HEADERS)
        for n in range(count):
            writer.writerow(
                [f"Kadri {n}", f"Tamm {n}", f"person{n}@example.ee", f"Org {n // 10}", "Confirmé"]
            )


def new_trip(database: Path, key: str) -> int:
    workspace = open_workspace(str(database))
    try:
        new = NewTrip(key, key.title(), "Tallinn", "EE", date(2026, 5, 4), date(2026, 5, 8))
        return add_trip(workspace, new).id
    finally:
        workspace.close()


def import_in_background(
    database: str, source: str, key: str, planning, planned, writing, committed
) -> None:
    """The other program: plans, then writes the whole file in one transaction."""
    trip_id = new_trip(Path(database), key)
    workspace = open_workspace(database)
    try:
        planning.set()
        plan = plan_participant_import(workspace, trip_id, Path(source))
        assert not plan.problems, plan.problem_lines()[:3]
        planned.set()
        # Progress is reported from inside the write transaction, the write lock held.
        apply_participant_import(workspace, plan, progress=lambda _done, _total: writing.set())
        committed.set()
    finally:
        workspace.close()


def program() -> list[str]:
    installed = Path(sys.executable).with_name("delegation")
    if installed.exists():
        return [str(installed)]
    found = shutil.which("delegation")
    return [found] if found else [sys.executable, "-m", "delegation"]


def list_trips(database: Path) -> tuple[float, subprocess.CompletedProcess]:
    environment = {**os.environ, "LANG": "C.UTF-8", "LANGUAGE": ""}
    start = time.perf_counter()
    result = subprocess.run(
        [*program(), "--db", str(database), "trips"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    spawn = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        database = folder / "busy.sqlite3"
        source = folder / "inscrits.csv"
        write_file(source, arguments.participants)
        new_trip(database, "listed-2026")
        idle, busy, during, late, failed = [], [], [], [], []
        for run in range(arguments.runs):
            seconds, result = list_trips(database)
            (idle if result.returncode == 0 else failed).append(seconds)
            planning, planned, writing, committed = (spawn.Event() for _ in range(4))
            writer = spawn.Process(
                target=import_in_background,
                args=(
                    str(database), str(source), f"big-{run}", planning, planned, writing,
                    committed,
                ),
            )  # fmt: skip
            writer.start()
            # A second baseline: the importer's planning keeps a core busy but writes
            # nothing, so it shows what the shared processor alone costs the listing.
            planning.wait(timeout=600)
            seconds, result = list_trips(database)
            if result.returncode == 0 and not planned.is_set():
                busy.append(seconds)
            if not writing.wait(timeout=600):
                writer.terminate()
                print("the import never started writing", file=sys.stderr)
                return 1
            seconds, result = list_trips(database)
            overlapped = not committed.is_set()
            writer.join()
            if result.returncode != 0:
                failed.append(seconds)
                print(f"run {run}: trips failed: {result.stderr.strip()}")
            elif overlapped:
                during.append(seconds)
                # The trip being filled is listed as it was before the import: empty.
                [line] = [x for x in result.stdout.splitlines() if x.startswith(f"big-{run} ")]
                assert line.split()[-1] == "0", result.stdout
            else:
                late.append(seconds)

    def median(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:7.0f} ms" if values else "      —"

    print(f"{arguments.participants} participants imported per run, {arguments.runs} runs")
    print(f"trips, idle database (baseline)   {median(idle)}   ({len(idle)} runs)")
    print(f"trips, while the import plans     {median(busy)}   ({len(busy)} runs, no lock)")
    print(f"trips, while the import writes    {median(during)}   ({len(during)} runs)")
    if idle and during:
        ratio = statistics.median(during) / statistics.median(idle)
        print(f"ratio writing / idle              {ratio:7.2f}")
    if busy and during:
        ratio = statistics.median(during) / statistics.median(busy)
        print(f"ratio writing / planning          {ratio:7.2f}")
    if late:
        print(f"trips ended after the commit      {median(late)}   ({len(late)} runs, not counted)")
    if failed:
        print(f"trips failed                      {len(failed)} runs")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
