"""The association's logo on a trip's covers: checked, kept with the trip, printed on the
cover band."""

import io

import pytest
from PIL import Image
from pypdf import PdfReader

from delegation.domain.errors import ConflictError, FileRefusedError, ValidationError
from delegation.services.itineraries import export_itinerary
from delegation.services.trip_logo import checked_logo, read_logo_file, set_trip_logo, trip_logo
from delegation.services.trips import find_trip

TRIP = "tallinn-2023"


def _image(kind: str = "PNG", size: tuple[int, int] = (300, 100)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (31, 78, 121)).save(buffer, kind)
    return buffer.getvalue()


def _cover_images(path) -> int:
    return len(PdfReader(path).pages[0].images)


def test_a_logo_is_kept_with_the_trip_and_printed_on_the_cover(demo_workspace, tmp_path):
    trip = find_trip(demo_workspace, TRIP)
    plain = tmp_path / "plain.pdf"
    export_itinerary(demo_workspace, TRIP, plain, language="en")
    assert _cover_images(plain) == 0
    changed = set_trip_logo(demo_workspace, trip.id, trip.version, _image("JPEG"))
    assert changed.version == trip.version + 1
    assert trip_logo(demo_workspace, trip.id) == _image("JPEG")
    with_logo = tmp_path / "logo.pdf"
    export_itinerary(demo_workspace, TRIP, with_logo, language="fr")
    assert _cover_images(with_logo) == 1
    assert len(PdfReader(with_logo).pages[1].images) == 0  # the cover only
    # A stale copy of the trip is refused, naming it.
    with pytest.raises(ConflictError, match="Mission Tallinn 2023"):
        set_trip_logo(demo_workspace, trip.id, trip.version, None)
    set_trip_logo(demo_workspace, trip.id, changed.version, None)
    assert trip_logo(demo_workspace, trip.id) is None


def test_only_whole_png_and_jpeg_images_of_a_sensible_size_are_taken(tmp_path):
    assert checked_logo(_image()) == _image()
    for data, reason in (
        (b"GIF89a" + bytes(100), "PNG or JPEG"),
        (_image()[:120], "damaged or cut short"),
        (_image(size=(5000, 100)), "4000 pixels"),
    ):
        with pytest.raises(ValidationError, match=reason):
            checked_logo(data)
    big = tmp_path / "big.png"
    big.write_bytes(_image()[:8] + bytes(2_100_000))
    for path, reason in (
        (big, "up to 2 MB"),
        (tmp_path / "missing.png", "no such file"),
        (tmp_path, "a folder"),
    ):
        with pytest.raises(FileRefusedError, match=reason):
            read_logo_file(path)


def test_next_year_s_copy_of_a_trip_keeps_its_logo(demo_workspace):
    from datetime import date

    from delegation.services.trip_copies import duplicate_trip

    trip = find_trip(demo_workspace, TRIP)
    set_trip_logo(demo_workspace, trip.id, trip.version, _image())
    copy = duplicate_trip(
        demo_workspace, TRIP, "tallinn-2024", "Mission 2024", date(2024, 5, 12)
    ).trip
    assert trip_logo(demo_workspace, copy.id) == _image()
