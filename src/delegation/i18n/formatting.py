"""Dates, times and numbers written the way each language writes them (Babel)."""

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from delegation.domain.scheduling import end_date, ends_next_day
from delegation.i18n.translation import _, current_language

# English documents follow British usage: "Sunday 7 May 2023", day before month.
_BABEL_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def babel_locale(language: str | None = None) -> str:
    return _BABEL_LOCALES.get(language or current_language(), "en_GB")


def format_date(value: date, style: str = "long", language: str | None = None) -> str:
    from babel.dates import format_date as babel_format_date

    locale = babel_locale(language)
    if value.day == 1 and locale == "fr_FR":
        style = _first_of_month(style)
    return babel_format_date(value, format=style, locale=locale)


def _first_of_month(style: str) -> str:
    """The French pattern writing the first of a month "1er": "lundi 1er avril"."""
    from babel import Locale

    formats = Locale.parse("fr_FR").date_formats
    pattern = formats[style].pattern if style in formats else style
    # The day alone ("d", not "dd"), outside the quoted literal text of the pattern.
    parts = pattern.split("'")
    parts[::2] = [_LONE_DAY.sub("d'er'", part) for part in parts[::2]]
    return "'".join(parts)


_LONE_DAY = re.compile(r"(?<!d)d(?!d)")


def format_date_range(start: date, end: date, language: str | None = None) -> str:
    """ "7–10 May 2023" / "7–10 mai 2023": the shortest unambiguous range."""
    from babel.dates import format_interval

    return format_interval(start, end, skeleton="yMMMd", locale=babel_locale(language))


def format_number(value: int | float, language: str | None = None) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=babel_locale(language))


def format_saved_at(utc: datetime, now: datetime | None = None) -> str:
    """When a record was saved, as a colleague reads it on their own clock: "14:32" today,
    else "1 Dec 2026, 14:32". `utc` is naive UTC, as the database stores it."""
    local = utc.replace(tzinfo=ZoneInfo("UTC")).astimezone()
    today = (now or datetime.now().astimezone()).date()
    clock = format_time(local.time())
    if local.date() == today:
        return clock
    return _("{date}, {time}").format(date=format_date(local.date(), "medium"), time=clock)


def format_time(value: time, language: str | None = None) -> str:
    """24-hour clock in both languages: "09:30"."""
    from babel.dates import format_time as babel_format_time

    return babel_format_time(value, format="HH:mm", locale=babel_locale(language))


def next_day_mark() -> str:
    """What follows a time on the next day, "01:30 (+1)": the one place it is written."""
    return _("(+1)")


def format_end_time(start: time, end: time, language: str | None = None) -> str:
    """An item's end on its own: "11:00", or "01:30 (+1)" when it ends the next day."""
    text = format_time(end, language)
    return f"{text} {next_day_mark()}" if ends_next_day(start, end) else text


def format_time_range(start: time, end: time | None, language: str | None = None) -> str:
    """An item's times: "09:30", "09:30–11:00", or "22:30–01:30 (+1)" past midnight."""
    text = format_time(start, language)
    return f"{text}–{format_end_time(start, end, language)}" if end is not None else text


def format_moment_range(start: datetime, end: datetime | None, language: str | None = None) -> str:
    """Two wall-clock moments as times, the end marked when it falls on a later date."""
    text = format_time(start.time(), language)
    if end is None:
        return text
    text += "–" + format_time(end.time(), language)
    return f"{text} {next_day_mark()}" if end.date() > start.date() else text


def format_utc_offset(offset: timedelta) -> str:
    """ "UTC+3", "UTC+5:30", "UTC−4": how far a zone's clock is from UTC."""
    minutes = int(offset.total_seconds() // 60)
    hours, rest = divmod(abs(minutes), 60)
    sign = "+" if minutes >= 0 else "−"
    return f"UTC{sign}{hours}:{rest:02d}" if rest else f"UTC{sign}{hours}"


def format_duration(minutes: int, language: str | None = None) -> str:
    """ "2 h 35" in French, "2 hr 35 min" in English; "45 min" in both."""
    hours, rest = divmod(minutes, 60)
    if (language or current_language()) == "fr":
        if hours and rest:
            return f"{hours} h {rest:02d}"
        return f"{hours} h" if hours else f"{rest} min"
    if hours and rest:
        return f"{hours} hr {rest} min"
    return f"{hours} hr" if hours else f"{rest} min"


def home_time(day: date, local: time, zone: str, home_zone: str) -> datetime:
    """The wall-clock time at home when it is `local` on `day` at the destination."""
    return datetime.combine(day, local, ZoneInfo(zone)).astimezone(ZoneInfo(home_zone))


def home_time_range(day: date, start: time, end: time | None, zone: str, home_zone: str) -> str:
    """An item's times on the clock at home: "21:30–00:30 (+1)" for 22:30–01:30 in Tallinn.

    The end is read on its own date (the next day past midnight), and marked when it falls
    on a later date at home than the start.
    """
    begins = home_time(day, start, zone, home_zone)
    ends = home_time(end_date(day, start, end), end, zone, home_zone) if end else None
    return format_moment_range(begins, ends)
