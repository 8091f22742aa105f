"""Rules on a trip's identity and calendar that hold whatever stores it."""

import re
from datetime import date
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

# At least one letter: an all-digit key could not be told from a trip's numeric id.
TRIP_KEY_PATTERN = re.compile(r"^(?=[a-z0-9-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)*$")
COUNTRY_CODE_PATTERN = re.compile(r"^[A-Z]{2}$")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


# Han ideographs, kana and Hangul: names written in them put the family name first.
_EAST_ASIAN = re.compile(
    "[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]"
)


def full_name(first_name: str, last_name: str) -> str:
    """A person's name as it is written: "Noa Levi", but 王小明 (the family name first,
    no space) when both parts are in Chinese, Japanese or Korean script."""
    first, last = first_name.strip(), last_name.strip()
    if first and last and _EAST_ASIAN.match(first) and _EAST_ASIAN.match(last):
        return f"{last}{first}"
    return f"{first} {last}".strip()


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
