"""Small pieces several documents use: QR codes to a map, dates written out, markup helpers."""

import hashlib
from functools import lru_cache
from itertools import groupby
from urllib.parse import quote_plus

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc
from reportlab.platypus import Flowable

from delegation.i18n import _
from delegation.i18n.formatting import babel_locale
from delegation.reports.shared_drawing import REMEMBERED_FLATE
from delegation.reports.text import escape, marked

DAY_PATTERN = "EEEE d MMMM y"  # "Sunday 7 May 2023", "dimanche 7 mai 2023"


def markup(text: str | None) -> str:
    """User text ready for a Paragraph: marked for display order, escaped, line breaks kept."""
    if not text:
        return ""
    return escape(marked(text)).replace("\n", "<br/>")


def map_url(
    name: str | None, address: str | None, latitude: float | None, longitude: float | None
) -> str | None:
    """The place on OpenStreetMap: its coordinates when known, else a search for its address."""
    if latitude is not None and longitude is not None:
        lat, lon = f"{latitude:.5f}", f"{longitude:.5f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
    query = address or name
    if not query:
        return None
    return f"https://www.openstreetmap.org/search?query={quote_plus(query)}"


@lru_cache(maxsize=1024)
def _qr_runs(url: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The code's size in modules, and its dark runs (row, column, length): encoded once."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(url)
    code.make()
    runs = []
    for row, modules in enumerate(code.modules):
        column = 0
        for dark, group in groupby(bool(m) for m in modules):
            length = len(list(group))
            if dark:
                runs.append((row, column, length))
            column += length
    return code.getModuleCount(), tuple(runs)


@lru_cache(maxsize=1024)
def _qr_operators(url: str, size: float, border: int) -> str:
    """The PDF drawing operators of the code's dark modules, in black.

    Drawn in module units under one scaling, and the same run in the rows below merged into
    one rectangle: a third of the bytes of rectangles in points, so pages are written and
    compressed faster, and the code looks the same.
    """
    count, runs = _qr_runs(url)
    box = size / (count + 2 * border)
    open_runs: dict[tuple[int, int], list[int]] = {}  # (column, length) -> [first row, rows]
    rects = []
    for row, column, length in runs:
        run = open_runs.get((column, length))
        if run is not None and run[0] + run[1] == row:
            run[1] += 1
            continue
        if run is not None:
            rects.append((run[0], column, length, run[1]))
        open_runs[(column, length)] = [row, 1]
    rects += [
        (first, column, length, rows) for (column, length), (first, rows) in open_runs.items()
    ]
    top = count + border
    operators = [
        f"{column + border} {top - first - rows} {length} {rows} re"
        for first, column, length, rows in sorted(rects)
    ]
    return f"q 0 g\n{fp_str(box, 0, 0, box, 0, 0)} cm\n" + "\n".join(operators) + "\nf Q"


class QrCode(Flowable):
    """A square QR code that links to `url` (clickable in a PDF viewer too)."""

    def __init__(self, url: str, size: float, border: int = 2) -> None:
        super().__init__()
        self.url, self.size, self.border = url, size, border
        self.width = self.height = size

    def wrap(self, available_width, available_height):
        return self.size, self.size

    def draw(self) -> None:
        # Drawn once per file as a form, from operators cached as text, then placed where
        # needed: a booklet of sixty people holds each venue's code once.
        canv = self.canv
        name = "qr" + hashlib.blake2s(f"{self.url}|{self.size}|{self.border}".encode()).hexdigest()
        if not canv.hasForm(name):
            canv.beginForm(name, 0, 0, self.size, self.size)
            canv._code.append(_qr_operators(self.url, self.size, self.border))
            canv.endForm()
            form = canv._doc.idToObject[pdfdoc.xObjectName(name)]
            form.Resources = pdfdoc.PDFDictionary()  # squares only: no fonts, no images
            if form.compression:  # compressed once for every file of a batch
                form.compression = 0
                form.Contents = pdfdoc.PDFStream(content=form.stream, filters=[REMEMBERED_FLATE])
        canv.doForm(name)
        canv._addAnnotation(_Link(self.url, canv._absRect((0, 0, self.size, self.size), 1)))


class _Link(pdfdoc.PDFObject):
    """A link to a web address over a rectangle of the page, as canvas.linkURL makes one
    (no border), written straight: ReportLab's nested dictionaries took longer to write
    than the page they are on, and an itinerary has a code on most items."""

    def __init__(self, url: str, rect: tuple[float, float, float, float]) -> None:
        self.url, self.rect = url, rect

    def format(self, document) -> bytes:
        address = pdfdoc.PDFString(self.url).format(document)
        rect = fp_str(*self.rect).encode()
        return (
            b"<< /A << /S /URI /Type /Action /URI "
            + address
            + b" >> /Border [ 0 0 0 ] /Rect [ "
            + rect
            + b" ] /Subtype /Link /Type /Annot >>"
        )


def qr_code(url: str, size: float) -> QrCode:
    """A QR code flowable of `size` points for the URL."""
    return QrCode(url, size)


def _format(day, pattern: str, language: str) -> str:
    from babel.dates import format_date

    return format_date(day, pattern, locale=babel_locale(language))


def written_day(day, language: str) -> str:
    """ "Sunday 7 May 2023" / "dimanche 7 mai 2023"."""
    return _format(day, DAY_PATTERN, language)


def written_date_range(start, end, language: str) -> str:
    """ "Sunday 7 to Wednesday 10 May 2023" / "du dimanche 7 au mercredi 10 mai 2023"."""
    if start == end:
        return written_day(start, language)
    if start.year != end.year:
        first = DAY_PATTERN
    elif start.month != end.month:
        first = "EEEE d MMMM"
    else:
        first = "EEEE d"
    return _("{start} to {end}").format(
        start=_format(start, first, language), end=written_day(end, language)
    )


def time_zone_city(zone: str, language: str) -> str:
    """ "Paris" for Europe/Paris, in the language's spelling where it has one."""
    from babel.dates import get_timezone_location

    try:
        return get_timezone_location(zone, locale=babel_locale(language), return_city=True)
    except (LookupError, ValueError):
        return zone.rsplit("/", 1)[-1].replace("_", " ")
