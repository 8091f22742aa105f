"""The same commands on an SQLite file and on a PostgreSQL server give the same answers."""

from pathlib import Path

import pytest
from tests.cli.test_import_export import FRENCH_EXCEL
from tests.server_databases import SKIP_REASON, ServerDatabases

# The French Excel export of the import tests, and one more registration in a new group.
REGISTRATIONS = FRENCH_EXCEL + "Mme;zoé;Ärm;zoe.arm@example.ee;;;;;Confirmé;C;;;\r\n"
TRIP = "tallinn-2023"


def _session(cli, database: str, folder: Path, source: Path) -> dict[str, object]:
    """What a user sees of demo, import, export and check run on one database."""
    folder.mkdir()

    def answer(*arguments: str) -> tuple[int, str, str]:
        done = cli("--db", database, "--lang", "fr", *arguments)
        # Each database's files are written to a folder of its own.
        return done.returncode, done.stdout.replace(str(folder), "…"), done.stderr

    seen: dict[str, object] = {
        "demo": answer("demo"),
        "demo again": answer("demo"),
        "dry run": answer("import", "participants", TRIP, str(source), "--dry-run"),
        "import": answer("import", "participants", TRIP, str(source)),
        "import again": answer("import", "participants", TRIP, str(source)),
        "trips": answer("trips"),
        "groups": answer("groups", TRIP),
        "check": answer("check", TRIP),
    }
    for name in ("participants.csv", "participants.xlsx", "programme.ics"):
        kind = "calendar" if name.endswith(".ics") else "participants"
        seen[f"export {name}"] = answer("export", kind, TRIP, "-o", str(folder / name))
    seen["participants.csv"] = (folder / "participants.csv").read_bytes()
    seen["demo reset"] = answer("demo", "--reset")
    seen["trips after reset"] = answer("trips")
    return seen


def test_demo_import_export_and_check_answer_alike_on_both(
    cli, tmp_path, server_databases: ServerDatabases | None
):
    if server_databases is None:
        pytest.skip(SKIP_REASON)
    source = tmp_path / "inscrits.csv"
    source.write_text(REGISTRATIONS, encoding="utf-8")
    on_file = _session(cli, str(tmp_path / "trips.sqlite3"), tmp_path / "sqlite", source)
    server = server_databases.create(migrated=False)  # the command line creates the schema
    try:
        on_server = _session(cli, server, tmp_path / "postgresql", source)
    finally:
        server_databases.drop(server)
    for step, seen in on_file.items():
        if isinstance(seen, tuple):
            assert seen[0] in (0, 1), f"{step}: {seen[2]}"  # 1: check's blocking problems
    # A reset copies an SQLite file first and says where; a server is backed up by its
    # administrator: the statuses are compared, not that line.
    for seen in (on_file, on_server):
        seen["demo reset"] = seen["demo reset"][0]
    assert on_server == on_file
