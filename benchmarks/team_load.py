"""Edits per second of a team working on one trip at once, on PostgreSQL beside SQLite.

Run: python benchmarks/team_load.py [--clients 5] [--edits 1000] [--db URL]
The server is --db, else DELEGATION_TEST_POSTGRESQL (tools/test_postgresql.sh starts
one); a new database is made on it for the run and dropped afterwards. The baseline is
the same run on an SQLite file in a temporary folder.

Each client is a process of its own with its own workspace, as a colleague's window would
be. It makes its edits as the participant editor does: it reads the registration
(get_participant), then saves it with the version it read (update_participant). Half of
its edits go to 20 registrations every client edits (contended), half to 20 of its own.
Each edit appends a token unique to that edit to the registration's notes. A conflict
(ConflictError: someone saved the registration since it was read, or the database was
busy) is counted, and the client reads the registration again and retries until its edit
is saved: every edit is saved in the end.

Counted: edits saved, conflicts, any other exception (must be 0: a raw driver error is a
failure), and lost updates (must be 0): a token whose save the client saw succeed but
which is missing from the notes at the end, and registrations whose version did not
move once for each save.
"""

import argparse
import multiprocessing
import os
import random
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from delegation.domain.errors import ConflictError
from delegation.services.participant_details import ParticipantDetails
from delegation.services.participant_rows import get_participant, list_participants
from delegation.services.participants import add_participant, update_participant
from delegation.services.trips import NewTrip, add_trip
from delegation.services.workspace import open_workspace

SHARED = 20  # registrations every client edits
OWN = 20  # registrations each client alone edits


@dataclass
class ClientResult:
    saved: int = 0
    conflicts: int = 0
    other: int = 0
    other_examples: list[str] = field(default_factory=list)
    tokens: dict[int, list[str]] = field(default_factory=dict)  # by participant id
    started: float = 0.0
    ended: float = 0.0


def prepare(database: str, clients: int) -> tuple[int, list[int], list[list[int]]]:
    """A trip with the shared registrations and each client's own; the ids of all."""
    workspace = open_workspace(database)
    try:
        trip = add_trip(
            workspace,
            NewTrip("team-load", "Team load", "Vilnius", "LT", date(2026, 9, 7), date(2026, 9, 11)),
        )
        for number in range(SHARED + clients * OWN):
            add_participant(
                workspace,
                trip.id,
                ParticipantDetails(last_name=f"Kazlauskas {number}", first_name="Jonas"),
            )
        ids = sorted(row.id for row in list_participants(workspace, trip.id))
    finally:
        workspace.close()
    shared = ids[:SHARED]
    own = [ids[SHARED + client * OWN : SHARED + (client + 1) * OWN] for client in range(clients)]
    return trip.id, shared, own


def one_edit(workspace, participant_id: int, token: str, result: ClientResult) -> None:
    """Read, then save with the version read; on a conflict read again and retry."""
    while True:
        row = get_participant(workspace, participant_id)
        notes = f"{row.details.notes or ''} {token}".strip()
        details: ParticipantDetails = replace(row.details, notes=notes)
        try:
            update_participant(workspace, row.id, row.version, details, opened=row)
        except ConflictError:
            result.conflicts += 1
            continue
        result.saved += 1
        result.tokens.setdefault(participant_id, []).append(token)
        return


def client(
    database: str, number: int, shared: list[int], own: list[int], edits: int, start, results
) -> None:
    result = ClientResult()
    workspace = open_workspace(database)
    chance = random.Random(number)
    start.wait()
    result.started = time.perf_counter()
    try:
        for edit in range(edits):
            participant_id = chance.choice(shared if edit % 2 == 0 else own)
            try:
                one_edit(workspace, participant_id, f"c{number}e{edit}", result)
            except Exception as error:
                result.other += 1
                if len(result.other_examples) < 3:
                    result.other_examples.append(
                        "".join(traceback.format_exception_only(error)).strip()
                    )
    finally:
        result.ended = time.perf_counter()
        workspace.close()
        results.put(result)


@dataclass
class Outcome:
    seconds: float
    saved: int
    conflicts: int
    other: int
    lost_tokens: int
    version_mismatches: int
    examples: list[str]

    @property
    def rate(self) -> float:
        return self.saved / self.seconds if self.seconds else 0.0


def run(database: str, clients: int, edits: int) -> Outcome:
    trip_id, shared, own = prepare(database, clients)
    workspace = open_workspace(database)
    versions_before = {row.id: row.version for row in list_participants(workspace, trip_id)}
    context = multiprocessing.get_context("spawn")  # each its own engine, nothing inherited
    start = context.Barrier(clients)
    results = context.Queue()
    processes = [
        context.Process(
            target=client, args=(database, number, shared, own[number], edits, start, results)
        )
        for number in range(clients)
    ]
    for process in processes:
        process.start()
    gathered: list[ClientResult] = [results.get() for _ in processes]
    for process in processes:
        process.join()

    after = {row.id: row for row in list_participants(workspace, trip_id)}
    workspace.close()
    saves: dict[int, int] = {}
    lost = 0
    for result in gathered:
        for participant_id, tokens in result.tokens.items():
            saves[participant_id] = saves.get(participant_id, 0) + len(tokens)
            present = set((after[participant_id].details.notes or "").split())
            lost += sum(token not in present for token in tokens)
    mismatches = sum(
        after[participant_id].version - versions_before[participant_id] != count
        for participant_id, count in saves.items()
    )
    return Outcome(
        seconds=max(r.ended for r in gathered) - min(r.started for r in gathered),
        saved=sum(r.saved for r in gathered),
        conflicts=sum(r.conflicts for r in gathered),
        other=sum(r.other for r in gathered),
        lost_tokens=lost,
        version_mismatches=mismatches,
        examples=[example for r in gathered for example in r.other_examples][:3],
    )


def report(name: str, outcome: Outcome) -> None:
    print(
        f"{name:<11} {outcome.rate:>8.1f} edits/s  {outcome.saved:>6} saved in"
        f" {outcome.seconds:6.1f} s  {outcome.conflicts:>6} conflicts (re-read, retried)"
        f"  {outcome.other} other errors  {outcome.lost_tokens} lost updates"
        f"  {outcome.version_mismatches} versions off"
    )
    for example in outcome.examples:
        print(f"    {example}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=5)
    parser.add_argument("--edits", type=int, default=1000, help="edits per client")
    parser.add_argument("--db", default=os.environ.get("DELEGATION_TEST_POSTGRESQL"))
    options = parser.parse_args()
    if not options.db:
        print("give --db URL or set DELEGATION_TEST_POSTGRESQL", file=sys.stderr)
        return 2

    print(
        f"{options.clients} client processes x {options.edits} edits on one trip, half on"
        f" {SHARED} registrations all edit, half on {OWN} of their own ({os.cpu_count()} cores)"
    )
    server = make_url(options.db)
    name = f"delegation_team_load_{os.getpid()}"
    admin = create_engine(server, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        database = server.set(database=name).render_as_string(hide_password=False)
        on_server = run(database, options.clients, options.edits)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    with tempfile.TemporaryDirectory() as folder:
        on_file = run(str(Path(folder) / "team.sqlite3"), options.clients, options.edits)

    report("PostgreSQL", on_server)
    report("SQLite", on_file)
    failed = any(
        outcome.other or outcome.lost_tokens or outcome.version_mismatches
        for outcome in (on_server, on_file)
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
