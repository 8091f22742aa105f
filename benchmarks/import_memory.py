"""Peak memory of importing a 100 MB CSV, beside the csv module holding the same rows.

Run: python benchmarks/import_memory.py [--megabytes 100]
Two files of the given size: "many rows" (199,000 registrations of about 480 bytes, just
under the 200,000-row limit) and "long notes" (about 20,000 rows of 5,000-character
notes). Each is imported by `delegation import participants` in a process of its own,
and its peak resident memory read from the operating system. Baseline in the same run:
a process reading the same file with the csv module into a list of rows, the least any
importer that checks the whole file before writing must hold. The target is an import
within 1 GB; the ratio says what the importer costs beyond the rows themselves.
"""

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = "Nom;Prénom;Courriel;Société;Téléphone;Remarques\n"


def write_file(path: Path, megabytes: int, note_length: int) -> int:
    """New registrations with notes of `note_length` characters up to the size; their
    count (the file's name in the emails keeps each file's people new)."""
    count, tag = 0, path.stem
    with path.open("w", encoding="utf-8") as stream:
        stream.write(HEADER)
        while stream.tell() < megabytes * 1_000_000:
            stream.write(
                f"Kaskmaa{count};Mart-Jüri;mart.jyri.kaskmaa.{count}@{tag}.example.ee;"
                f"Firma Osaühing {count % 500};+372 5555 {count % 10000:04d};"
                f"{'Märkus ' * (note_length // 7)}\n"
            )
            count += 1
    return count


_PEAK = (
    "import resource, sys\n"
    "{body}\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, file=sys.stderr)\n"
)
_IMPORT = "from delegation.app import main\nstatus = main(sys.argv[1:])"
_CSV = (
    "import csv\n"
    "with open(sys.argv[1], encoding='utf-8', newline='') as f:\n"
    "    rows = list(csv.reader(f, delimiter=';'))"
)


def peak(body: str, *arguments: str) -> tuple[int, float, str]:
    """Peak megabytes and seconds of a fresh interpreter running `body`, and its output."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _PEAK.format(body=body), *arguments],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    lines = done.stderr.strip().splitlines()
    said = (done.stdout.strip().splitlines() or lines[:-1] or [""])[-1]
    return int(lines[-1]), seconds, said


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=100)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.sqlite3"
        subprocess.run(
            [sys.executable, "-m", "delegation", "--db", str(database), "demo"], check=True
        )
        for name, note_length in (("many rows", 380), ("long notes", 5000)):
            source = Path(folder) / f"{name.replace(' ', '-')}.csv"
            rows = write_file(source, arguments.megabytes, note_length)
            baseline, _seconds, _said = peak(_CSV, str(source))
            importer, seconds, said = peak(
                _IMPORT, "--db", str(database), "import", "participants", "tallinn-2023",
                str(source),
            )  # fmt: skip
            size = source.stat().st_size / 1_000_000
            print(
                f"{name}: {size:.0f} MB, {rows:,} rows; import {importer} MB peak in"
                f" {seconds:.1f} s ({said}); csv module {baseline} MB;"
                f" ratio {importer / baseline:.2f}"
            )
    own = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    print(f"largest child process: {own} MB (target: under 1024 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
