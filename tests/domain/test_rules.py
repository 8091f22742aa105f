from datetime import date

import pytest

from delegation.domain.errors import ValidationError
from delegation.domain.rules import (
    full_name,
    is_valid_country_code,
    is_valid_email,
    is_valid_timezone,
    is_valid_trip_key,
    normalize_email,
    trip_length_in_days,
)


@pytest.mark.parametrize("key", ["tallinn-2023", "tel-aviv-2019", "x1"])
def test_trip_keys_accepted(key):
    assert is_valid_trip_key(key)


@pytest.mark.parametrize(
    "key", ["", "Tallinn-2023", "tallinn 2023", "-x", "x-", "a--b", "é", "a" * 41]
)
def test_trip_keys_refused(key):
    assert not is_valid_trip_key(key)


def test_timezones_are_checked_against_the_iana_database():
    assert is_valid_timezone("Europe/Tallinn")
    assert not is_valid_timezone("Europe/Atlantis")
    assert not is_valid_timezone("posixrules")
    assert not is_valid_timezone("../etc/passwd")


def test_country_codes_and_emails():
    assert is_valid_country_code("EE")
    assert not is_valid_country_code("ee")
    assert not is_valid_country_code("EST")
    assert is_valid_email("kadri.tamm@example.ee")
    assert not is_valid_email("kadri.tamm@")


def test_emails_are_compared_trimmed_and_lowercased():
    assert normalize_email("  Kadri.Tamm@Example.EE ") == "kadri.tamm@example.ee"
    assert normalize_email("   ") is None
    assert normalize_email(None) is None


def test_trip_length_counts_both_ends():
    assert trip_length_in_days(date(2023, 5, 7), date(2023, 5, 10)) == 4


def test_validation_error_names_location_and_field():
    error = ValidationError("end", "the trip ends before it starts", location="trips.csv:3")
    assert str(error) == "trips.csv:3: end: the trip ends before it starts"


@pytest.mark.parametrize(
    ("first", "last", "written"),
    [
        ("Noa", "Levi", "Noa Levi"),
        ("小明", "王", "王小明"),
        ("娜", "李", "李娜"),
        ("太郎", "山田", "山田太郎"),
        ("민준", "김", "김민준"),
        ("Xiaoming", "王", "Xiaoming 王"),  # one part in Latin letters: as given
        ("Layla", "حداد", "Layla حداد"),
        ("", "王", "王"),
        (" Mart ", "Kask", "Mart Kask"),
    ],
)
def test_a_name_is_written_in_its_own_order(first, last, written):
    assert full_name(first, last) == written
