"""CSV export that Excel opens with its accents intact and without live formulas."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from delegation.interchange.safe_files import neutralise, write_atomically


def write_csv(
    path: str | Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    delimiter: str = ",",
) -> None:
    """Write `headers` then `rows` to `path` as UTF-8 with BOM, CRLF line ends, atomically.

    None becomes an empty cell, any other value its str(); every text is neutralised so that
    no cell starts with a live formula. The caller picks the delimiter and formats dates.
    """

    def write(stream: BinaryIO) -> None:
        # The BOM is what makes Excel read UTF-8 rather than the ANSI code page.
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        try:
            writer = csv.writer(
                text, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL
            )
            writer.writerow([_cell(header) for header in headers])
            writer.writerows([_cell(value) for value in row] for row in rows)
            text.flush()
        finally:
            # Detach so the wrapper does not close the stream that write_atomically still syncs.
            text.detach()

    write_atomically(path, write)


def _cell(value: object) -> str:
    """Text of one cell; str() of non-text values is neutralised too, as it may be anything."""
    if value is None:
        return ""
    return neutralise(value if isinstance(value, str) else str(value))
