"""A colleague's program: another process, another login name, the same database."""

import os
import subprocess
import sys

_SCRIPT = """
import sys
from dataclasses import replace
from delegation.services.participant_rows import get_participant
from delegation.services.participants import update_participant
from delegation.services.workspace import open_workspace

database, participant_id, field, value = sys.argv[1:]
workspace = open_workspace(database)
row = get_participant(workspace, int(participant_id))
update_participant(
    workspace, row.id, row.version, replace(row.details, **{field: value}), opened=row
)
workspace.close()
"""

COLLEAGUE = "kadri.kask"


def colleague_saves(database: str, participant_id: int, field: str, value: str) -> None:
    """The colleague opens the participant's editor, changes one field and saves."""
    environment = {**os.environ, "LOGNAME": COLLEAGUE, "USER": COLLEAGUE}
    subprocess.run(
        [sys.executable, "-c", _SCRIPT, database, str(participant_id), field, value],
        env=environment,
        check=True,
        timeout=120,
    )
