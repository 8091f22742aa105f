"""Writes a table as CSV (delimiter, encoding, BOM, quoting of the tool) or as a fixed xlsx."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook

# Where the files go: this folder, unless make_files.py is given another one (the tests do).
OUTPUT = [Path(__file__).resolve().parent]
# Every xlsx part gets this date, and the workbook this modification time, so that a
# regenerated archive is identical to the committed one.
ZIP_DATE = (2026, 3, 2, 0, 0, 0)
FIXED_TIME = datetime(2026, 3, 2, 8, 0, 0)


def write_csv(
    name: str,
    rows: Sequence[Sequence[Any]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    bom: bool = False,
    quoting: int = csv.QUOTE_MINIMAL,
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    (OUTPUT[0] / name).write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def write_xlsx(name: str, sheet_title: str, rows: Sequence[Sequence[Any]], creator: str) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    for row in rows:
        sheet.append(list(row))
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, datetime):
                cell.number_format = "dd/mm/yyyy hh:mm:ss"
            elif isinstance(cell.value, date):
                cell.number_format = "dd/mm/yyyy"
    workbook.properties.creator = creator
    workbook.properties.created = FIXED_TIME
    path = OUTPUT[0] / name
    workbook.save(path)
    _freeze_archive(path)


def _freeze_archive(path: Path) -> None:
    """Rewrites the archive with one entry date and a fixed modification time."""
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w") as target:
        for filename, data in entries:
            if filename == "docProps/core.xml":
                # openpyxl stamps the save time here whatever the properties say.
                stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            info = zipfile.ZipInfo(filename, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
