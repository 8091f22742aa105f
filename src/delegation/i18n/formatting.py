"""Dates, times and numbers written the way each language writes them (Babel)."""

from datetime import date

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
