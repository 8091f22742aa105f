"""Rows per second importing 10,000 participants from CSV and XLSX, and exporting them back.

Run: python benchmarks/import_export.py [--participants N] [--runs R]
Each import goes into a fresh trip of a fresh database, end to end: the file read, every
row parsed, checked and matched, then written in one transaction. Baselines in the same
run: reading the same file with the standard library's csv module (for CSV) and with
openpyxl (for XLSX), writing the same rows with csv and openpyxl (for exports), so each
figure shows as a ratio. Targets: a 10,000-row CSV import under a second, its re-import
with every row changed under two, and the XLSX file read at least 3 times as fast as
openpyxl reads it.
"""

import argparse
import csv
import gc
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from openpyxl import Workbook, load_workbook

from delegation.interchange.tables import read_table
from delegation.services.exports import export_participants
from delegation.services.participant_import_planning import plan_participant_import
from delegation.services.participant_import_writing import apply_participant_import
from delegation.services.trips import NewTrip, add_trip
from delegation.services.workspace import open_workspace

FIRST = ["Hélène", "Kadri", "Jüri", "Loïc", "Anaïs", "Tõnu", "Zoé", "Mart", "Noël", "Liis"]
LAST = ["Tamm", "Saar", "Õunapuu", "Bérard", "Mägi", "Quéré", "Kask", "Dupré", "Väljaots"]
HEADERS = [
    "Civilité", "Prénom", "Nom", "Courriel", "Société", "Fonction", "Téléphone", "Catégorie",
    "Statut", "Régime alimentaire", "Nationalité", "Date de naissance",
]  # fmt: skip


def row(n: int) -> list[object]:
    return [
        "Mme" if n % 2 else "M.", FIRST[n % len(FIRST)], f"{LAST[n % len(LAST)]} {n}",
        f"person{n}@example.ee", f"Organisation {n // 10:04d}", "Directrice",
        f"+372 5{n:07d}", "Entreprise", "Confirmé" if n % 3 else "Invité",
        "Végétarien" if n % 7 == 0 else "", "EE", date(1960 + n % 40, 1 + n % 12, 1 + n % 28),
    ]  # fmt: skip


def rows(count: int) -> list[list[object]]:
    return [row(n) for n in range(count)]


def write_files(folder: Path, count: int) -> tuple[Path, Path]:
    data = rows(count)
    csv_path = folder / "inscrits.csv"
    with csv_path.open("w", encoding="cp1252", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(HEADERS)
        # What Excel writes on a French Windows.
        writer.writerows([*cells[:-1], cells[-1].strftime("%d/%m/%Y")] for cells in data)
    xlsx_path = folder / "inscrits.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADERS)
    for cells in data:
        sheet.append(cells)
    book.save(xlsx_path)
    return csv_path, xlsx_path


def fresh_trip(folder: Path, name: str):
    workspace = open_workspace(str(folder / f"{name}.sqlite3"))
    trip = add_trip(
        workspace,
        NewTrip("big-2026", "Big trip", "Tallinn", "EE", date(2026, 5, 4), date(2026, 5, 8)),
    )
    return workspace, trip.id


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def parse_csv(path: Path) -> None:
    with path.open(encoding="cp1252", newline="") as stream:
        for _row in csv.reader(stream, delimiter=";"):
            pass


def parse_xlsx(path: Path) -> None:
    book = load_workbook(path, read_only=True, data_only=True)
    for _row in book.active.iter_rows(values_only=True):
        pass
    book.close()


def write_csv(path: Path, data: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(HEADERS)
        writer.writerows(data)


def write_xlsx(path: Path, data: list[list[object]]) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADERS)
    for cells in data:
        sheet.append(cells)
    book.save(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    count = arguments.participants
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        csv_path, xlsx_path = write_files(folder, count)
        data = rows(count)
        results: dict[str, list[float]] = {}

        def measure(name: str, action) -> None:
            # Each figure its own: the files the previous step wrote flushed to disk and
            # its garbage collected before the clock starts, not during the next commit.
            gc.collect()
            if hasattr(os, "sync"):
                os.sync()
            results.setdefault(name, []).append(timed(action))

        for run in range(arguments.runs):
            measure("XLSX read, openpyxl", lambda: parse_xlsx(xlsx_path))
            measure("XLSX read, read_table", lambda: read_table(xlsx_path))
            measure("export .csv, csv module", lambda: write_csv(folder / "plain.csv", data))
            measure("export .xlsx, openpyxl", lambda: write_xlsx(folder / "plain.xlsx", data))
            for label, path, baseline in (
                ("CSV", csv_path, parse_csv),
                ("XLSX", xlsx_path, parse_xlsx),
            ):
                measure(f"{label} baseline", lambda b=baseline, p=path: b(p))
                workspace, trip_id = fresh_trip(folder, f"{label}-{run}")

                def import_file(workspace=workspace, trip_id=trip_id, path=path) -> None:
                    plan = plan_participant_import(workspace, trip_id, path)
                    assert not plan.problems, plan.problem_lines()[:3]
                    result = apply_participant_import(workspace, plan)
                    assert result.counts.created == count

                measure(f"{label} import", import_file)
                for suffix in (".csv", ".xlsx"):
                    target = folder / f"out-{run}{suffix}"
                    measure(
                        f"export {suffix}",
                        lambda t=target, w=workspace, i=trip_id: export_participants(w, i, t),
                    )
                if label == "CSV":  # the same people again, each with a new function
                    changed = folder / "changed.csv"
                    changed.write_bytes(path.read_bytes().replace(b";Directrice;", b";Presidente;"))

                    def reimport(w=workspace, i=trip_id, p=changed) -> None:
                        result = apply_participant_import(w, plan_participant_import(w, i, p))
                        assert result.counts.changed == count

                    measure("CSV re-import, every row changed", reimport)
                if label == "XLSX":
                    measure(
                        "XLSX re-check, nothing to change",
                        lambda w=workspace, i=trip_id, p=path: plan_participant_import(w, i, p),
                    )
                workspace.close()
    median = {name: statistics.median(times) for name, times in results.items()}
    print(f"{count} participants, median of {arguments.runs} runs (rows per second)")

    def line(name: str, baseline: str) -> None:
        ours, base = median[name], median[baseline]
        print(
            f"{name}: {count / ours:10,.0f} rows/s ({ours * 1000:6.0f} ms)"
            f"   {baseline}: {count / base:10,.0f} rows/s ({base * 1000:6.0f} ms)"
            f"   ratio {ours / base:5.1f}x"
        )

    line("CSV import", "CSV baseline")
    line("CSV re-import, every row changed", "CSV import")
    line("XLSX import", "XLSX baseline")
    line("XLSX re-check, nothing to change", "XLSX baseline")
    line("XLSX read, read_table", "XLSX read, openpyxl")
    line("export .csv", "export .csv, csv module")
    line("export .xlsx", "export .xlsx, openpyxl")
    targets = (
        (f"a {count}-row CSV import under 1 s", median["CSV import"] < 1),
        (
            "its re-import, every row changed, under 2 s",
            median["CSV re-import, every row changed"] < 2,
        ),
        (
            "the XLSX file read 3 times as fast as openpyxl reads it",
            median["XLSX read, openpyxl"] >= 3 * median["XLSX read, read_table"],
        ),
    )
    for text, met in targets:
        print(f"target: {text}: {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
