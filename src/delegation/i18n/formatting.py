"""Dates, times and numbers written the way each language writes them (Babel)."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from delegation.i18n.translation import current_language

# English documents follow British usage: "Sunday 7 May 2023", day before month.
_BABEL_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def babel_locale(language: str | None = None) -> str:
    return _BABEL_LOCALES.get(language or current_language(), "en_GB")


def format_date(value: date, style: str = "long", language: str | None = None) -> str:
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format=style, locale=babel_locale(language))


def format_date_range(start: date, end: date, language: str | None = None) -> str:
    """ "7–10 May 2023" / "7–10 mai 2023": the shortest unambiguous range."""
    from babel.dates import format_interval

    return format_interval(start, end, skeleton="yMMMd", locale=babel_locale(language))


def format_number(value: int | float, language: str | None = None) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=babel_locale(language))


def format_time(value: time, language: str | None = None) -> str:
    """24-hour clock in both languages: "09:30"."""
    from babel.dates import format_time as babel_format_time

    return babel_format_time(value, format="HH:mm", locale=babel_locale(language))


def format_duration(minutes: int) -> str:
    """ "2 h 35": read the same way in French and in English."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} h {rest:02d}"
    return f"{hours} h" if hours else f"{rest} min"


def home_time(day: date, local: time, zone: str, home_zone: str) -> datetime:
    """The wall-clock time at home when it is `local` on `day` at the destination."""
    return datetime.combine(day, local, ZoneInfo(zone)).astimezone(ZoneInfo(home_zone))
