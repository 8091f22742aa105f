"""Write a new Alembic revision by comparing the models with a database at the head.

Run: python tools/new_migration.py "what changes"   (or: make migration MESSAGE=...)
Read the generated file before committing: autogenerate misses renames and data moves.
Then set SCHEMA_HEAD in src/delegation/persistence/revision.py to the new revision.
"""

import sys
import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from delegation.persistence import schema
from delegation.persistence.database import resolve_location
from delegation.persistence.schema import _alembic_config, upgrade_to_head


def main() -> None:
    if len(sys.argv) != 2 or not sys.argv[1].strip():
        raise SystemExit('usage: new_migration.py "what changes"')
    script = schema.known_revisions()
    next_id = f"{max(int(revision) for revision in script) + 1:04d}"
    with tempfile.TemporaryDirectory() as folder:
        location = resolve_location(str(Path(folder) / "head.sqlite3"))
        location.path.touch()
        upgrade_to_head(location)
        engine = create_engine(location.url)
        with engine.begin() as connection:
            command.revision(
                _alembic_config(connection), message=sys.argv[1], autogenerate=True, rev_id=next_id
            )
        engine.dispose()
    print(f"Now set SCHEMA_HEAD = {next_id!r} in src/delegation/persistence/revision.py")


if __name__ == "__main__":
    main()
