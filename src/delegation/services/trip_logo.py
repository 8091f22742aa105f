"""The association's logo that a trip's documents print on their cover: checked, kept in
the database with the trip (so the whole team prints the same one), read back."""

import io
from pathlib import Path

from delegation.domain.errors import FileRefusedError, ValidationError
from delegation.i18n import _
from delegation.i18n.system_errors import file_reason
from delegation.persistence.models import Trip
from delegation.services.expected import Expected
from delegation.services.records import load_for_edit
from delegation.services.summaries import TripSummary
from delegation.services.trips import find_trip
from delegation.services.workspace import Workspace

LARGEST_FILE = 2_000_000  # bytes: a logo, not a photograph
LARGEST_SIDE = 4000  # pixels
_FORMATS = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}


def read_logo_file(path: str | Path) -> bytes:
    """The image file's bytes once checked; FileRefusedError naming the file and why."""
    path = Path(path)
    try:
        if path.is_dir():
            raise FileRefusedError(str(path), _("this is a folder, not a file"))
        if path.stat().st_size > LARGEST_FILE:
            raise FileRefusedError(str(path), _("a logo may weigh up to 2 MB; this file is larger"))
        return checked_logo(path.read_bytes(), str(path))
    except ValidationError as error:
        raise FileRefusedError(str(path), error.reason) from None
    except FileNotFoundError:
        raise FileRefusedError(str(path), _("no such file")) from None
    except OSError as error:
        raise FileRefusedError(str(path), file_reason(error)) from None


def checked_logo(data: bytes, name: str = "logo") -> bytes:
    """The bytes if they are a whole PNG or JPEG image of a sensible size."""
    from PIL import Image, UnidentifiedImageError

    if not any(data.startswith(signature) for signature in _FORMATS):
        raise ValidationError(name, _("a logo must be a PNG or JPEG image"))
    if len(data) > LARGEST_FILE:
        raise ValidationError(name, _("a logo may weigh up to 2 MB; this file is larger"))
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if max(width, height) > LARGEST_SIDE:
                raise ValidationError(
                    name,
                    _("a logo may be up to {pixels} pixels wide and high").format(
                        pixels=LARGEST_SIDE
                    ),
                )
            image.load()  # decodes it all: a cut or damaged file is refused here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(name, _("the image is damaged or cut short")) from None
    return data


def set_trip_logo(
    workspace: Workspace, trip_id: int, expected: Expected, logo: bytes | None
) -> TripSummary:
    """Give the trip its logo (None: none), refusing a stale edit."""
    if logo is not None:
        logo = checked_logo(logo)
    with workspace.transaction() as session:
        trip = load_for_edit(
            session, Trip, trip_id, expected,
            missing=_("unknown trip: {reference}").format(reference=trip_id),
            name=lambda t: t.title,
        )  # fmt: skip
        trip.logo = logo
    return find_trip(workspace, trip_id)


def trip_logo(workspace: Workspace, trip_id: int) -> bytes | None:
    """The trip's logo, None when it has none."""
    with workspace.reading() as session:
        trip = session.get(Trip, trip_id)
        return None if trip is None else trip.logo
