"""Reliability suite: kill -9 during writes, two processes on the same records, hostile files.

Run: python tools/reliability.py [--seconds 120] [--mutations 40] [--damaged 40] [--seed N]

Each part prints its trials and failures; the exit status is 1 when any failure was seen.
- kill: an import, an edit, a reset of the sample or a schema upgrade is killed at a
  random moment; the database must then pass its integrity check and open, hold every
  edit that was reported done (lost edits), and hold an import whole or not at all
  (partial imports).
- concurrency: two processes change the same trip at once; both finish with 0 or 1, and
  what the one told "done" wrote is there.
- fuzz: hostile spreadsheets (zip bombs, entity bombs, huge cells, mixed encodings,
  full-width formula signs, mutations of good files) are imported with --dry-run; no
  traceback, no exit status but 0, 1 or 2, the database unchanged.
- damaged databases: copies of the sample truncated, with bytes flipped, a page zeroed or
  values no version writes; a check and an export of each must exit 0, 1 or 2 in one
  line, and leave the file byte for byte as it was, with no -wal or -shm beside it.
"""

import argparse
import contextlib
import io
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRIP = "tallinn-2023"
IMPORT_ROWS = 3000


@dataclass
class Tally:
    """Trials and what went wrong, by kind."""

    name: str
    trials: int = 0
    failures: dict[str, int] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)

    def fail(self, kind: str, example: str) -> None:
        self.failures[kind] = self.failures.get(kind, 0) + 1
        if len(self.examples) < 5:
            self.examples.append(f"{kind}: {example}")

    def report(self, counted: tuple[str, ...]) -> str:
        figures = ", ".join(f"{kind} {self.failures.get(kind, 0)}" for kind in counted)
        return f"{self.name}: {self.trials} trials; {figures}"


def _program() -> list[str]:
    installed = Path(sys.executable).with_name("delegation")
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "delegation"]


def _environment(home: Path) -> dict[str, str]:
    # Each run's log and data folders in a folder of its own, never the user's.
    return {
        **os.environ,
        "LANG": "C.UTF-8",
        "LANGUAGE": "",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }


def _run(home: Path, *arguments: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*_program(), *arguments],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_environment(home),
        timeout=timeout,
    )


def _start(home: Path, *arguments: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*_program(), *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_environment(home),
    )


def _count(db: Path, table: str) -> int:
    with contextlib.closing(sqlite3.connect(db)) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _healthy(db: Path, home: Path) -> str | None:
    """None when the database passes its check and the program opens it; else why not."""
    try:
        with contextlib.closing(sqlite3.connect(db)) as connection:
            if connection.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                return "integrity check failed"
    except sqlite3.DatabaseError as error:
        return f"unreadable: {error}"
    opened = _run(home, "--db", str(db), "trips")
    if opened.returncode != 0:
        return f"trips exits {opened.returncode}: {opened.stderr.strip()[:200]}"
    return None


def _registrations(path: Path, count: int, tag: str) -> None:
    lines = ["Nom;Prénom;Courriel;Société"]
    lines += [f"Kask{tag}{n};Mart;mart.{tag}.{n}@example.ee;Firma {n % 50}" for n in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _sample(home: Path, db: Path, tally: Tally) -> bool:
    """A database holding the sample delegation; False, counted as a failure, if none."""
    if _run(home, "--db", str(db), "demo").returncode == 0:
        return True
    tally.fail("set-up", "demo failed")
    return False


# --- kill -9 ---------------------------------------------------------------------------


def kill_trials(work: Path, until: float, rng: random.Random) -> Tally:
    tally = Tally("kill -9")
    home, db = work / "home", work / "kill.sqlite3"
    if not _sample(home, db, tally):
        return tally
    done_titles: list[str] = []
    trial = 0
    while time.monotonic() < until:
        kind = trial % 4
        if kind == 0:
            _kill_import(tally, db, home, rng, trial)
        elif kind == 1:
            _kill_edit(tally, db, home, rng, trial, done_titles)
        elif kind == 2:
            _kill_reset(tally, db, home, rng, trial)
        else:
            _kill_upgrade(tally, db, home, rng, trial)
        trial += 1
    return tally


def _killed(process: subprocess.Popen, delay: float) -> bool:
    """Kill the process after `delay` seconds; False when it had finished already."""
    try:
        process.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True


def _kill_import(tally: Tally, db: Path, home: Path, rng: random.Random, trial: int) -> None:
    source = db.parent / "kill-import.csv"
    _registrations(source, IMPORT_ROWS, f"k{trial}")
    before = _count(db, "participants")
    process = _start(home, "--db", str(db), "import", "participants", TRIP, str(source))
    killed = _killed(process, rng.uniform(0.2, 3.0))
    tally.trials += 1
    problem = _healthy(db, home)
    if problem:
        tally.fail("damaged database", f"import trial {trial}: {problem}")
        return
    after = _count(db, "participants")
    if after not in (before, before + IMPORT_ROWS):
        tally.fail("partial imports", f"trial {trial}: {after - before} of {IMPORT_ROWS} rows")
    if not killed and after != before + IMPORT_ROWS:
        tally.fail("lost edits", f"trial {trial}: an import reported done is missing")


def _kill_edit(
    tally: Tally, db: Path, home: Path, rng: random.Random, trial: int, done: list[str]
) -> None:
    title = f"Mission {trial}"
    process = _start(home, "--db", str(db), "trips", "edit", TRIP, "--title", title)
    killed = _killed(process, rng.uniform(0.05, 1.5))
    tally.trials += 1
    if not killed and process.returncode == 0:
        done.append(title)
    problem = _healthy(db, home)
    if problem:
        tally.fail("damaged database", f"edit trial {trial}: {problem}")
        return
    with contextlib.closing(sqlite3.connect(db)) as connection:
        now = connection.execute("SELECT title FROM trips WHERE key = ?", (TRIP,)).fetchone()
    if done and not killed and now[0] != done[-1]:
        tally.fail("lost edits", f"trial {trial}: {done[-1]!r} reported saved, {now[0]!r} held")


def _kill_reset(tally: Tally, db: Path, home: Path, rng: random.Random, trial: int) -> None:
    process = _start(home, "--db", str(db), "demo", "--reset")
    _killed(process, rng.uniform(0.1, 3.0))
    tally.trials += 1
    problem = _healthy(db, home)
    if problem:
        tally.fail("damaged database", f"reset trial {trial}: {problem}")
    for backup in db.parent.glob(f"{db.stem}-backup-*"):
        if backup.suffix == db.suffix and _healthy(backup, home):
            tally.fail("damaged backups", f"reset trial {trial}: {backup.name}")
        backup.unlink()


def _kill_upgrade(tally: Tally, db: Path, home: Path, rng: random.Random, trial: int) -> None:
    old = db.parent / f"old-{trial}.sqlite3"
    made = _run(home, "--db", str(old), "demo")
    people = _count(old, "participants") if made.returncode == 0 else 0
    if made.returncode != 0 or not _downgrade(old):
        tally.fail("set-up", f"upgrade trial {trial}: no older database to upgrade")
        return
    process = _start(home, "--db", str(old), "trips")
    _killed(process, rng.uniform(0.05, 2.0))
    tally.trials += 1
    problem = _healthy(old, home)
    if problem:
        tally.fail("damaged database", f"upgrade trial {trial}: {problem}")
    elif _count(old, "participants") != people:
        tally.fail("lost edits", f"upgrade trial {trial}: participants lost in the upgrade")
    for path in db.parent.glob(f"old-{trial}.sqlite3*"):
        path.unlink()


def _downgrade(path: Path) -> bool:
    """Take a database back to its first revision, as an older version left it."""
    code = (
        "import sys\n"
        "from alembic import command\n"
        "from sqlalchemy import create_engine\n"
        "from delegation.persistence import schema\n"
        "engine = create_engine('sqlite:///' + sys.argv[1])\n"
        "with engine.begin() as connection:\n"
        "    command.downgrade(schema._alembic_config(connection), '0002')\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True)
    return done.returncode == 0


# --- two processes ----------------------------------------------------------------------


def concurrency_trials(work: Path, until: float, rng: random.Random) -> Tally:
    tally = Tally("two processes")
    home, db = work / "home", work / "together.sqlite3"
    if not _sample(home, db, tally):
        return tally
    trial = 0
    while time.monotonic() < until:
        source = work / f"together-{trial}.csv"
        _registrations(source, 400, f"t{trial}")
        before = _count(db, "participants")
        runs = [
            _start(home, "--db", str(db), "import", "participants", TRIP, str(source)),
            _start(home, "--db", str(db), "import", "participants", TRIP, str(source)),
            _start(home, "--db", str(db), "trips", "edit", TRIP, "--title", f"Together {trial}"),
        ]
        results = [(run.wait(timeout=300), run.stderr.read()) for run in runs]
        tally.trials += 1
        for code, stderr in results:
            if code not in (0, 1) or "Traceback" in stderr:
                tally.fail("bad exits", f"trial {trial}: {code} {stderr.strip()[:200]}")
        if _count(db, "participants") != before + 400:
            tally.fail("duplicates", f"trial {trial}: {_count(db, 'participants') - before}")
        if results[2][0] == 0:
            with contextlib.closing(sqlite3.connect(db)) as connection:
                title = connection.execute(
                    "SELECT title FROM trips WHERE key = ?", (TRIP,)
                ).fetchone()[0]
            if title != f"Together {trial}":
                tally.fail("lost edits", f"trial {trial}: title {title!r}")
        trial += 1
    return tally


# --- hostile files ---------------------------------------------------------------------


def hostile_files(folder: Path, rng: random.Random, mutations: int) -> list[Path]:
    """Files an importer must refuse or read without a traceback."""
    made: dict[str, bytes] = {}
    good_csv = "Nom;Prénom;Courriel;Statut\nMägi;Tõnu;tonu@example.ee;Confirmé\n".encode()
    made["good.csv"] = good_csv
    made["stray-byte.csv"] = good_csv.replace("Mägi".encode(), b"M\xe4gi")
    made["full-width-formula.csv"] = "Nom;Prénom\n＝SUM(A1);＋33 6 12\n".encode()
    made["huge-cell.csv"] = b"Nom;Pr\xc3\xa9nom\n" + b"A" * 2_000_000 + b";B\n"
    made["wide.csv"] = (";".join(f"C{i}" for i in range(100_000)) + "\nx\n").encode()
    made["unclosed-quote.csv"] = b'Nom;Prenom\n"Dupont;Jean\n' + b"x" * 200_000
    made["nul-bytes.csv"] = b"Nom;Prenom\n\x00\x00\x00;\x00\n"
    made["utf16-no-bom.csv"] = "Nom;Prénom\nDupont;Jean\n".encode("utf-16-le")
    made["empty.csv"] = b""
    made["binary.csv"] = bytes(rng.randrange(256) for _ in range(4096))
    # Rows within Excel's limit, cells past what a list needs: refused before reading.
    made["zip-bomb.xlsx"] = _workbook(
        rows=b'<row><c t="inlineStr"><is><t>x</t></is></c><c t="inlineStr"><is><t>y</t>'
        b"</is></c></row>",
        repeat=1_000_000,
    )
    made["entity-bomb.xlsx"] = _entity_bomb()
    made["not-a-workbook.xlsx"] = _zip({"word/document.xml": b"<w/>"})
    made["truncated.xlsx"] = _workbook(rows=b"", repeat=0)[:300]
    base_xlsx = _workbook(
        rows=b'<row r="1"><c r="A1" t="inlineStr"><is><t>Nom</t></is></c></row>'
        b'<row r="2"><c r="A2" t="inlineStr"><is><t>Dupont</t></is></c></row>',
        repeat=1,
    )
    made["good.xlsx"] = base_xlsx
    for n in range(mutations):
        base = base_xlsx if n % 2 else good_csv
        data = bytearray(base)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        made[f"mutated-{n}.{'xlsx' if n % 2 else 'csv'}"] = bytes(data)
    paths = []
    for name, data in made.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _workbook(rows: bytes, repeat: int) -> bytes:
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>" + rows * repeat + b"</sheetData></worksheet>"
    )
    return _zip(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.'
            b'openxmlformats.org/package/2006/content-types"><Override PartName="/xl/'
            b'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            b'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
            b'worksheet+xml"/></Types>',
            "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.'
            b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
            b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
            b'officeDocument" Target="xl/workbook.xml"/></Relationships>',
            "xl/workbook.xml": b'<?xml version="1.0"?><workbook xmlns="http://schemas.'
            b'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.'
            b'openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet '
            b'name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>',
            "xl/_rels/workbook.xml.rels": b'<?xml version="1.0"?><Relationships xmlns="'
            b'http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            b'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
            "xl/worksheets/sheet1.xml": sheet,
        }
    )


def _entity_bomb() -> bytes:
    entities = "".join(
        f'<!ENTITY e{n} "{("&e" + str(n - 1) + ";") * 10 if n else "lol"}">' for n in range(10)
    )
    rows = (
        f'<!DOCTYPE worksheet [{entities}]><row r="1"><c r="A1" t="inlineStr"><is><t>&e9;'
        "</t></is></c></row>"
    ).encode()
    return _workbook(rows=rows, repeat=1)


def fuzz_trials(work: Path, rng: random.Random, mutations: int) -> Tally:
    tally = Tally("hostile files")
    home, db = work / "home", work / "fuzz.sqlite3"
    if not _sample(home, db, tally):
        return tally
    before = db.read_bytes()
    folder = work / "hostile"
    folder.mkdir()
    for path in hostile_files(folder, rng, mutations):
        for kind in ("participants", "agenda"):
            tally.trials += 1
            started = time.monotonic()
            try:
                done = _run(home, "--db", str(db), "import", kind, TRIP, str(path), "--dry-run",
                            timeout=60)  # fmt: skip
            except subprocess.TimeoutExpired:
                tally.fail("over a minute", path.name)
                continue
            if "Traceback" in done.stderr:
                tally.fail("tracebacks", f"{path.name}: {done.stderr.strip()[-200:]}")
            if done.returncode not in (0, 1, 2):
                tally.fail("exit codes outside 0/1/2", f"{path.name}: {done.returncode}")
            if time.monotonic() - started > 30:
                tally.fail("over 30 s", path.name)
    if db.read_bytes() != before:
        tally.fail("changed database", "a dry run wrote to the database")
    for path in sorted(folder.glob("*bomb*")):
        seconds, computing, megabytes = _measured(home, db, path)
        print(
            f"  {path.name} ({path.stat().st_size // 1024} KB): {seconds:.1f} s"
            f" ({computing:.1f} s of processor), {megabytes} MB"
        )
        # The processor's time, not the clock's: the machine may be busy with other work.
        if computing > 5 or megabytes > 500:
            tally.fail("bombs over 5 s or 500 MB", path.name)
    return tally


# --- damaged databases ------------------------------------------------------------------


def damaged_database_trials(work: Path, rng: random.Random, count: int) -> Tally:
    """Damaged copies of the sample, each opened for a check and an export."""
    tally = Tally("damaged databases")
    home, sample = work / "home", work / "intact.sqlite3"
    if not _sample(home, sample, tally):
        return tally
    with contextlib.closing(sqlite3.connect(sample)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the whole file in one
    folder = work / "damaged"
    folder.mkdir()
    for trial in range(count):
        db = folder / f"damaged-{trial}.sqlite3"
        shutil.copy(sample, db)
        how = _damage(db, rng)
        before = db.read_bytes()
        for command in (["check", TRIP], ["export", "participants", TRIP, "-o",
                                          str(folder / "list.csv"), "--force"]):  # fmt: skip
            tally.trials += 1
            done = _run(home, "--db", str(db), *command, timeout=60)
            example = f"{how}, {command[0]}: {done.stderr.strip()[-200:]}"
            if "Traceback" in done.stderr or "internal error" in done.stderr:
                tally.fail("tracebacks", example)
            if done.returncode not in (0, 1, 2):
                tally.fail("exit codes outside 0/1/2", example)
            if done.returncode == 2 and done.stderr.count("\n") != 1:
                tally.fail("messages over one line", example)
        if db.read_bytes() != before:
            tally.fail("changed database", how)
        if [path for path in folder.iterdir() if path.name.startswith(db.name + "-")]:
            tally.fail("companions left", how)
        for path in folder.glob(f"{db.name}*"):
            path.unlink()
    return tally


_SQL_DAMAGES = (
    "UPDATE trips SET title = CAST(X'FFFE41' AS TEXT)",
    "UPDATE trips SET start_date = 'soon'",
    "UPDATE participants SET status = 'maybe'",
    "UPDATE agenda_items SET start_time = 'noon'",
    "DROP TABLE rooms",
    "UPDATE sqlite_master SET sql = 'CREATE TABLE trips(' WHERE name = 'trips'",
)


def _damage(db: Path, rng: random.Random) -> str:
    """Damage `db` one way, chosen at random; says which."""
    data = bytearray(db.read_bytes())
    page = 4096
    kind = rng.choice(("flip", "truncate", "zero page", "sql"))
    if kind == "flip":
        for _ in range(rng.randint(1, 64)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    elif kind == "truncate":
        data = data[: rng.randrange(len(data))]
    elif kind == "zero page":
        start = rng.randrange(len(data) // page) * page
        data[start : start + page] = bytes(page)
    else:
        statement = rng.choice(_SQL_DAMAGES)
        with contextlib.closing(sqlite3.connect(db)) as connection:
            for pragma in ("ignore_check_constraints", "writable_schema"):
                connection.execute(f"PRAGMA {pragma} = ON")
            connection.execute("PRAGMA foreign_keys = OFF")
            with contextlib.suppress(sqlite3.Error):  # a table this version lacks
                connection.execute(statement)
            connection.commit()
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return f"sql: {statement}"
    db.write_bytes(bytes(data))
    return kind


def _measured(home: Path, db: Path, path: Path) -> tuple[float, float, int]:
    """Wall time, processor time and peak memory of one process importing `path` (dry
    run), from the start of the import, the program's start-up excluded."""
    code = (
        "import resource, sys, time\n"
        "from delegation.app import main\n"
        "start, cpu = time.perf_counter(), time.process_time()\n"
        "main(sys.argv[1:])\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024\n"
        "print(time.perf_counter() - start, time.process_time() - cpu, peak, file=sys.stderr)\n"
    )
    arguments = ["--db", str(db), "import", "participants", TRIP, str(path), "--dry-run"]
    done = subprocess.run(
        [sys.executable, "-c", code, *arguments],
        capture_output=True,
        text=True,
        env=_environment(home),
        timeout=120,
    )
    seconds, computing, megabytes = done.stderr.strip().splitlines()[-1].split()
    return float(seconds), float(computing), int(megabytes)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120, help="time for kills and pairs")
    parser.add_argument("--mutations", type=int, default=40, help="mutated files to import")
    parser.add_argument("--damaged", type=int, default=40, help="damaged databases to open")
    parser.add_argument("--seed", type=int, default=None)
    arguments = parser.parse_args()
    seed = arguments.seed if arguments.seed is not None else random.randrange(1_000_000)
    rng = random.Random(seed)
    print(f"reliability suite, seed {seed}")
    work = Path(tempfile.mkdtemp(prefix="delegation-reliability-"))
    try:
        now = time.monotonic()
        kills = kill_trials(work, now + arguments.seconds * 0.6, rng)
        print(kills.report(("lost edits", "partial imports", "damaged database")))
        pairs = concurrency_trials(work, time.monotonic() + arguments.seconds * 0.4, rng)
        print(pairs.report(("lost edits", "duplicates", "bad exits")))
        fuzz = fuzz_trials(work, rng, arguments.mutations)
        print(fuzz.report(("tracebacks", "exit codes outside 0/1/2", "changed database")))
        damaged = damaged_database_trials(work, rng, arguments.damaged)
        print(damaged.report(("tracebacks", "exit codes outside 0/1/2", "changed database")))
        failed = False
        for tally in (kills, pairs, fuzz, damaged):
            for example in tally.examples:
                print(f"  {tally.name}: {example}")
            failed = failed or bool(tally.failures)
        return 1 if failed else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
