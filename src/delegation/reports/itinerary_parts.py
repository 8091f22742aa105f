"""The itinerary's first pages: the cover, the practical information and the travel legs."""

import io
from datetime import datetime

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Spacer

from delegation.domain.scheduling import duration, minutes
from delegation.i18n import _, ngettext
from delegation.i18n.formatting import babel_locale, format_duration, format_time
from delegation.i18n.vocabulary import labelled_line
from delegation.reports.base import (
    ACCENT,
    MUTED,
    RULE,
    SHADE,
    TYPE_SCALE,
    line_height,
    styles,
    table,
)
from delegation.reports.elements import (
    map_url,
    markup,
    qr_code,
    time_zone_city,
    written_date_range,
    written_day,
)
from delegation.reports.fallback import Paragraph, draw_string, shorten
from delegation.reports.fonts import BOLD, REGULAR
from delegation.reports.itinerary_model import Itinerary, Place, TravelLeg
from delegation.reports.pages import outlined
from delegation.reports.text import visual

FRAME_WIDTH = A4[0] - 2 * 15 * mm
QR_SIZE = 18 * mm
LABEL_WIDTH = 42 * mm


QR_LABEL_SIZE = 6.5
QR_LABEL_HEIGHT = 9  # the label's line under the code


class LabelledQr(Flowable):
    """A venue's map as a QR code, "Map" / "Plan" written under it (in the document's
    language, fixed when it is made), aligned in the width it is given."""

    def __init__(self, url: str, label: str, align: str = "CENTER") -> None:
        super().__init__()
        self.url, self.label, self.hAlign = url, label, align
        self.code = qr_code(url, QR_SIZE)
        self.width, self.height = QR_SIZE, QR_SIZE + QR_LABEL_HEIGHT

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self) -> None:
        self.code.drawOn(self.canv, 0, QR_LABEL_HEIGHT)
        self.canv.saveState()
        self.canv.setFillColor(MUTED)
        draw_string(self.canv, QR_SIZE / 2, 2, self.label, REGULAR, QR_LABEL_SIZE, anchor="middle")
        self.canv.restoreState()


def venue_map_url(place: Place) -> str | None:
    """The address of the place's map, or None when neither coordinates nor address are known."""
    return map_url(place.name, place.address, place.latitude, place.longitude)


def qr_cell(place: Place, *, align: str = "CENTER") -> LabelledQr | str:
    """The labelled QR code of a place's map, or nothing when it has no map."""
    url = venue_map_url(place)
    if url is None:
        return ""
    return LabelledQr(url, _("Map"), align)


def _line(text: str, style: str = "body") -> Paragraph:
    return Paragraph(markup(text), styles()[style])


def cover(itinerary: Itinerary) -> list[Flowable]:
    """The first page: a band naming the document, the trip's title, place and dates (the
    person and their groups on a personal itinerary), the trip at a glance, and who
    organises it."""
    st = styles()
    cover, person = TYPE_SCALE["cover"], TYPE_SCALE["person"]
    big = ParagraphStyle(
        "cover_title", parent=st["title"], fontSize=cover, leading=line_height(BOLD, cover)
    )
    person = ParagraphStyle(
        "person", parent=st["h1"], fontSize=person, leading=line_height(BOLD, person),
        keepWithNext=0,
    )  # fmt: skip
    label = _("Personal itinerary") if itinerary.participant else _("Itinerary")
    flowables: list[Flowable] = [
        CoverBand(label.upper(), itinerary.destination, itinerary.logo),
        Spacer(1, 14 * mm),
        Paragraph(markup(itinerary.trip_title), big),
        Paragraph(markup(_destination(itinerary)), st["subtitle"]),
        Paragraph(
            markup(written_date_range(itinerary.start, itinerary.end, itinerary.language)),
            ParagraphStyle(
                "dates", parent=st["subtitle"], fontName=BOLD, textColor=st["body"].textColor
            ),
        ),
    ]
    if itinerary.participant:
        flowables += [Spacer(1, 8 * mm), Paragraph(markup(itinerary.participant), person)]
        if itinerary.participant_groups:
            flowables.append(_line(", ".join(itinerary.participant_groups), "subtitle"))
    flowables += [
        Spacer(1, 6 * mm),
        HRFlowable(width="35%", thickness=2, color=ACCENT, hAlign="LEFT", spaceAfter=8 * mm),
    ]
    glance = _at_a_glance(itinerary)
    if glance is not None:
        flowables += [glance, Spacer(1, 8 * mm)]
    for heading, lines in (
        (_("Organisers"), itinerary.organisers),
        (_("Partners"), itinerary.partners),
    ):
        if lines:
            flowables.append(Paragraph(markup(heading), st["h2"]))
            flowables += [_line(line) for line in lines]
    return flowables


class CoverBand(Flowable):
    """A band in the house colour across the top of the cover: the association's logo on
    a white tile when there is one, what the document is, and the destination, in white."""

    HEIGHT = 16 * mm
    WITH_LOGO = 24 * mm
    _PAD = 3 * mm

    def __init__(self, label: str, destination: str, logo: bytes | None = None) -> None:
        super().__init__()
        self.label, self.destination, self.logo = label, destination, logo
        self.height = self.WITH_LOGO if logo else self.HEIGHT

    def wrap(self, available_width, available_height):
        self.width = available_width
        return available_width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(ACCENT)
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        text_left = 5 * mm
        if self.logo:
            text_left = self._draw_logo(self.logo) + 5 * mm
        canvas.setFillColorRGB(1, 1, 1)
        baseline = (self.height - 9) / 2 + 1.5
        room = (self.width - text_left) / 2 - 6 * mm
        label = shorten(self.label, BOLD, 9, room)
        draw_string(canvas, text_left, baseline, label, BOLD, 9)
        destination = shorten(visual(self.destination.upper()), BOLD, 9, room)
        draw_string(canvas, self.width - 5 * mm, baseline, destination, BOLD, 9, anchor="end")
        canvas.restoreState()

    def _draw_logo(self, logo: bytes) -> float:
        """The logo, its proportions kept, on a white tile at the band's left; returns the
        tile's right edge."""
        from reportlab.lib.utils import ImageReader

        image = ImageReader(io.BytesIO(logo))
        pixels_wide, pixels_high = image.getSize()
        high = self.height - 2 * self._PAD - 2 * mm
        wide = min(high * pixels_wide / pixels_high, 55 * mm)
        high = wide * pixels_high / pixels_wide
        tile = wide + 2 * mm
        canvas = self.canv
        canvas.setFillColorRGB(1, 1, 1)
        canvas.roundRect(
            self._PAD, self._PAD, tile, self.height - 2 * self._PAD, 1.5 * mm, stroke=0, fill=1
        )
        canvas.drawImage(
            image, self._PAD + 1 * mm, (self.height - high) / 2, wide, high, mask="auto"
        )
        return self._PAD + tile


def _at_a_glance(itinerary: Itinerary) -> Flowable | None:
    """The trip's essentials on a shaded panel: how long, where the nights are spent, the
    first appointment, the time difference, whom to call in an emergency."""
    st = styles()
    days = (itinerary.end - itinerary.start).days + 1
    items = sum(1 for day in itinerary.days for item in day.items if item.tag is None)
    facts = [
        (
            _("Programme"),
            ngettext("{days} day", "{days} days", days).format(days=days)
            + " · "
            + ngettext("{count} appointment", "{count} appointments", items).format(count=items),
        )
    ]
    if itinerary.hotels:
        facts.append(
            (
                ngettext("Hotel", "Hotels", len(itinerary.hotels)),
                " · ".join(stay.place.name for stay in itinerary.hotels),
            )
        )
    # The programme's first item, not a line of the person's own (their flight landing).
    first = next(
        ((day, item) for day in itinerary.days for item in day.items if item.tag is None), None
    )
    if first is not None:
        day, item = first
        where = f", {item.place.name}" if item.place else ""
        facts.append(
            (
                _("First appointment"),
                f"{written_day(day.day, itinerary.language)}, "
                f"{format_time(item.start)} — {item.title}{where}",
            )
        )
    facts.append((_("Time difference"), time_difference(itinerary)))
    if itinerary.emergency_numbers:
        numbers = [labelled_line(line) for line in itinerary.emergency_numbers]
        facts.append((_("Emergency numbers"), "\n".join(numbers)))
    rows = [
        [Paragraph(markup(label), st["cell_bold"]), Paragraph(markup(text), st["cell"])]
        for label, text in facts
    ]
    heading = Paragraph(markup(_("At a glance")), ParagraphStyle(
        "glance", parent=st["h2"], textColor=ACCENT, spaceBefore=0,
    ))  # fmt: skip
    return table(
        [[heading, ""], *rows],
        [LABEL_WIDTH, FRAME_WIDTH - LABEL_WIDTH],
        style=[
            ("SPAN", (0, 0), (-1, 0)),
            ("BACKGROUND", (0, 0), (-1, -1), SHADE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, 0), 3 * mm),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 3 * mm),
        ],
    )


def _destination(itinerary: Itinerary) -> str:
    from babel import Locale

    country = Locale.parse(babel_locale(itinerary.language)).territories.get(itinerary.country)
    return f"{itinerary.destination}, {country}" if country else itinerary.destination


def time_difference(itinerary: Itinerary) -> str:
    """ "Tallinn: Paris + 1 h" / "Tallinn : Paris + 1 h"; a change during the trip follows:
    "New York: Paris − 6 h; − 5 h from Sunday 10 March 2024"."""
    home = time_zone_city(itinerary.home_timezone, itinerary.language)
    text = _offset_text(itinerary.destination, home, itinerary.home_offset_minutes)
    for day, offset in itinerary.offset_changes:
        text += _("; {offset} from {day}").format(
            offset=_signed(offset), day=written_day(day, itinerary.language)
        )
    return text


def _signed(minutes: int) -> str:
    return f"{'+' if minutes > 0 else '−'} {format_duration(abs(minutes))}" if minutes else "± 0"


def _offset_text(destination: str, home: str, minutes: int) -> str:
    if minutes == 0:
        return _("{destination}: same time as {home}").format(destination=destination, home=home)
    return _("{destination}: {home} {sign} {amount}").format(
        destination=destination,
        home=home,
        sign="+" if minutes > 0 else "−",
        amount=format_duration(abs(minutes)),
    )


def _currency(code: str, language: str) -> str:
    from babel.numbers import get_currency_name, get_currency_symbol

    locale = babel_locale(language)
    name = get_currency_name(code, locale=locale)
    symbol = get_currency_symbol(code, locale=locale)
    return f"{name} ({code}, {symbol})" if symbol != code else f"{name} ({code})"


def _own_needs(itinerary: Itinerary) -> tuple[str, ...]:
    """The person's accessibility needs as they typed them, and who was told of them."""
    if not (itinerary.participant and itinerary.accessibility):
        return ()
    told = _("Passed on to the hotel and to the sites you visit.")
    return (*itinerary.accessibility.splitlines(), told)


def practical_page(itinerary: Itinerary) -> list[Flowable]:
    st = styles()
    title = _("Practical information")
    flowables: list[Flowable] = [outlined(Paragraph(markup(title), st["h1"]), title)]
    if itinerary.hotels:
        heading = ngettext("Hotel", "Hotels", len(itinerary.hotels))
        flowables.append(Paragraph(markup(heading), st["h2"]))
        for stay in itinerary.hotels:
            flowables.append(_hotel_block(stay, itinerary.language))
    rows = []
    for label, lines in (
        (_("Your accessibility needs"), _own_needs(itinerary)),
        (
            _("Emergency numbers"),
            tuple(labelled_line(line) for line in itinerary.emergency_numbers),
        ),
        (_("Organisers"), tuple(labelled_line(line) for line in itinerary.organisers)),
        (_("Time difference"), (time_difference(itinerary),)),
        (_("Currency"), (_currency(itinerary.currency, itinerary.language),))
        if itinerary.currency
        else (None, ()),
    ):
        if label and lines:
            rows.append(
                [
                    Paragraph(markup(label), st["cell_bold"]),
                    [Paragraph(markup(line), st["cell"]) for line in lines],
                ]
            )
    if rows:
        flowables.append(Spacer(1, 4 * mm))
        flowables.append(
            table(
                rows,
                [LABEL_WIDTH, FRAME_WIDTH - LABEL_WIDTH],
                style=[
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ],
            )
        )
    return flowables


def _hotel_block(stay, language: str) -> Flowable:
    from delegation.i18n.labels import room_type_label

    st = styles()
    place = stay.place
    lines = [Paragraph(f"<b>{markup(place.name)}</b>", st["body"])]
    if place.address:
        lines.append(_line(place.address, "cell"))
    contact = " — ".join(p for p in (stay.phone, stay.email) if p)
    if contact:
        lines.append(_line(contact, "cell"))
    if stay.check_in and stay.check_out:
        lines.append(
            _line(
                _("From {arrival} to {departure}").format(
                    arrival=written_day(stay.check_in, language),
                    departure=written_day(stay.check_out, language),
                ),
                "cell",
            )
        )
    if stay.room:
        room = _("Room {room}").format(room=stay.room)
        if stay.room_type:
            room += f" ({room_type_label(stay.room_type)})"
        if stay.roommates:
            room += " — " + _("shared with {names}").format(names=", ".join(stay.roommates))
        lines.append(Spacer(1, 2))
        lines.append(Paragraph(markup(room), st["cell_bold"]))
    qr = qr_cell(place)
    width = FRAME_WIDTH - QR_SIZE - 6 * mm
    return table(
        [[lines, qr]],
        [width, QR_SIZE + 6 * mm],
        style=[
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, -1), SHADE),
            ("LEFTPADDING", (0, 0), (0, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ],
    )


def _zone_time(moment: datetime, zone: str, language: str, *, day: bool) -> str:
    text = _("{time} ({city} time)").format(
        time=format_time(moment.time(), language), city=time_zone_city(zone, language)
    )
    if day:
        text = f"{written_day(moment.date(), language)}, {text}"
    return text


def _duration(leg: TravelLeg) -> str:
    # Real time on the way, across clock changes too (not the difference of the clocks).
    spent = duration(leg.departure_at, leg.departure_zone, leg.arrival_at, leg.arrival_zone)
    return format_duration(max(0, minutes(spent)))


def travel_section(itinerary: Itinerary) -> list[Flowable]:
    from delegation.i18n.labels import travel_mode_label

    if not itinerary.travel:
        return []
    st = styles()
    language = itinerary.language
    header = [
        Paragraph(markup(text), st["cell_bold"])
        for text in (_("Journey"), _("Departure"), _("Arrival"), _("Duration"))
    ]
    rows: list[list] = [header]
    for leg in sorted(itinerary.travel, key=lambda leg: leg.departure_at):
        journey = " ".join(p for p in (travel_mode_label(leg.mode), leg.number) if p)
        cells = [Paragraph(f"<b>{markup(journey)}</b>", st["cell"])]
        if leg.carrier:
            cells.append(_line(leg.carrier, "small"))
        if leg.passenger_count is not None:
            count = ngettext("{n} passenger", "{n} passengers", leg.passenger_count)
            cells.append(_line(count.format(n=leg.passenger_count), "small"))
        same_day = leg.arrival_at.date() == leg.departure_at.date()
        departure = [
            _line(leg.departure_place, "cell"),
            _line(_zone_time(leg.departure_at, leg.departure_zone, language, day=True), "small"),
        ]
        arrival = [
            _line(leg.arrival_place, "cell"),
            _line(
                _zone_time(leg.arrival_at, leg.arrival_zone, language, day=not same_day), "small"
            ),
        ]
        if leg.notes:
            arrival.append(_line(leg.notes, "note"))
        rows.append([cells, departure, arrival, _line(_duration(leg), "cell")])
    widths = [38 * mm, 61 * mm, 61 * mm, FRAME_WIDTH - 160 * mm]
    return [
        Spacer(1, 6 * mm),
        outlined(Paragraph(markup(_("Travel")), st["h1"]), _("Travel")),
        table(
            rows,
            widths,
            repeat_rows=1,
            style=[
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
            ],
        ),
    ]
