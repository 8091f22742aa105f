"""PDF files merged into one booklet for double-sided printing (pypdf)."""

from pathlib import Path

from delegation.interchange.safe_files import write_atomically


def merge_booklet(files: list[Path], target: Path) -> int:
    """Appends the files, a blank page after each odd-length one, so that every document
    starts on a right-hand page; returns the booklet's page count."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for file in files:
        reader = PdfReader(file)
        writer.append(reader)
        if len(reader.pages) % 2:
            box = reader.pages[-1].mediabox
            writer.add_blank_page(width=float(box.width), height=float(box.height))
    write_atomically(target, writer.write)
    return len(writer.pages)
