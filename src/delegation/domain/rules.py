"""Rules on a trip's identity and calendar that hold whatever stores it."""

import re
from datetime import date
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

# At least one letter: an all-digit key could not be told from a trip's numeric id.
TRIP_KEY_PATTERN = re.compile(r"^(?=[a-z0-9-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)*$")
COUNTRY_CODE_PATTERN = re.compile(r"^[A-Z]{2}$")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def is_valid_trip_key(key: str) -> bool:
    """Keys are typed on command lines and used in file names: lowercase, digits, hyphens."""
    return bool(TRIP_KEY_PATTERN.match(key)) and len(key) <= 40


def is_valid_country_code(code: str) -> bool:
    return bool(COUNTRY_CODE_PATTERN.match(code))


@cache
def _known_timezones() -> frozenset[str]:
    return frozenset(available_timezones())


def is_valid_timezone(name: str) -> bool:
    # A lookup alone would accept tz database file names such as "posixrules".
    if name not in _known_timezones():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def is_valid_email(email: str) -> bool:
    return bool(EMAIL_PATTERN.match(email))


def normalize_email(email: str | None) -> str | None:
    """Emails are compared trimmed and case-insensitively; empty means none."""
    if email is None:
        return None
    email = email.strip().lower()
    return email or None


def trip_length_in_days(start: date, end: date) -> int:
    return (end - start).days + 1
