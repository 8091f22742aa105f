"""What a PDF says about itself: title, author, subject, creator and language."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from delegation.i18n import current_language

PROGRAM = "Delegation"

# Who a document drawn now is by: the association organising the trip, set by the
# service that draws it (the reports' dataclasses do not carry it).
_author: ContextVar[str | None] = ContextVar("document_author", default=None)


@contextmanager
def document_author(organisers: str | None) -> Iterator[None]:
    """The first line of the trip's organisers as the author of the documents drawn within."""
    token = _author.set(first_line(organisers))
    try:
        yield
    finally:
        _author.reset(token)


def first_line(text: str | None) -> str | None:
    return next((line.strip() for line in (text or "").splitlines() if line.strip()), None)


@dataclass(frozen=True)
class DocumentInfo:
    """The properties a PDF viewer shows, and the language a screen reader speaks it in."""

    title: str
    subject: str
    author: str = ""  # empty: the organisers in force (document_author), else the program
    language: str = ""  # empty: the language in force

    def resolved(self) -> "DocumentInfo":
        return DocumentInfo(
            self.title,
            self.subject,
            self.author or _author.get() or PROGRAM,
            self.language or current_language(),
        )


def describe(canvas: Canvas, info: DocumentInfo) -> None:
    """Writes the document information and the catalog's language into the canvas's PDF."""
    info = info.resolved()
    canvas.setTitle(info.title)
    canvas.setAuthor(info.author)
    canvas.setSubject(info.subject)
    canvas.setCreator(PROGRAM)
    canvas.setCatalogEntry("Lang", info.language)
    # Viewers show the title in their window bar rather than the file's name.
    canvas.setViewerPreference("DisplayDocTitle", "true")
