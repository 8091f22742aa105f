"""What an edit expects of the record it changes: a version, or the details left there."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Unchanged:
    """What an undo or redo step expects a record to hold: the details it left there.

    Versions cannot serve here: other steps of the same history (a status set on many
    rows, a removal undone) move them, though the details they leave are the same.
    """

    details: object


Expected = int | Unchanged | None
