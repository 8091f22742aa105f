"""The limits a workbook must keep before it is read, and how a check says it does not."""

EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384

# calamine lays a sheet out as one block from its first to its last cell, about 32 bytes
# a cell: five million cells (a 10,000-row list is 0.1 million) stay under 200 MB.
MAX_CELLS = 5_000_000
# Cells written in the sheet: each becomes a Python value of some 450 bytes once read, so
# half a million (a 10,000-row list of 20 columns has 0.2 million) keep under 500 MB.
MAX_WRITTEN_CELLS = 500_000
# Shared strings are all unpacked when the workbook opens, even those no cell uses.
MAX_SHARED_STRINGS = 2_000_000
# What a zip may unpack to: a 100,000-row sheet is some 60 MB of XML.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024


class WorkbookLimitError(Exception):
    """A workbook that must not be handed to the reader."""


class DamagedError(WorkbookLimitError):
    """The structure is inconsistent: sizes, checksums, references that cannot be."""


class TooLargeError(WorkbookLimitError):
    """Reading it would take more memory than any list of participants needs."""


class BeyondExcelError(WorkbookLimitError):
    """A cell beyond the last row or column a spreadsheet program can have."""


class NotAWorkbookError(WorkbookLimitError):
    """A container of another kind: a Word document, a zip of anything else."""


class ProtectedError(WorkbookLimitError):
    """The workbook is encrypted with a password."""
