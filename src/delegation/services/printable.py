"""Whether the documents can draw every character of a trip's text, and what to tell the
user when they cannot: those characters print as empty boxes."""

import unicodedata

from sqlalchemy import Enum, String, Text, select
from sqlalchemy.orm import Session

from delegation.i18n import _
from delegation.persistence.models import (
    AgendaItem,
    Contact,
    Hotel,
    Organization,
    Participant,
    Room,
    TravelSegment,
    Trip,
    TripGroup,
    Venue,
)
from delegation.reports.fonts import EMOJI, KOREAN, system_file, unprintable
from delegation.services.trips import _load_trip
from delegation.services.workspace import Workspace

# At most this many characters are named: the message stays one line.
_NAMED = 12


def font_notice(workspace: Workspace, reference: str | int) -> str | None:
    """One line naming the characters of the trip's records that no font of the documents
    has, and how to get them drawn; None when every one prints."""
    with workspace.reading() as session:
        missing = unprintable("\n".join(_texts(session, _load_trip(session, reference).id)))
    if not missing:
        return None
    named = " ".join(missing[:_NAMED]) + (" …" if len(missing) > _NAMED else "")
    said = _("No font of the documents draws {characters}: they print as empty boxes").format(
        characters=named
    )
    # The faces the system may add: a Korean one for Hangul, a symbol one for emoji and
    # pictographs (category So).
    if system_file(KOREAN) is None and any("HANGUL" in unicodedata.name(c, "") for c in missing):
        said += _(
            "; for Korean, install a Korean font: Nanum Gothic (package fonts-nanum on Debian "
            "and Ubuntu); Windows has Malgun Gothic"
        )
    if system_file(EMOJI) is None and any(unicodedata.category(c) == "So" for c in missing):
        said += _(
            "; for emoji, install a symbol font: Symbola (package fonts-symbola on Debian "
            "and Ubuntu) or Segoe UI Symbol (Windows)"
        )
    return said


def _columns(model) -> list:
    """The model's text columns that a document may print (not codes, not who edited it)."""
    return [
        column
        for column in model.__table__.columns
        if isinstance(column.type, String | Text)
        and not isinstance(column.type, Enum)
        and column.name != "updated_by"
    ]


def _texts(session: Session, trip_id: int) -> list[str]:
    """Every text the trip's records hold: its own, its people's and their organisations',
    its programme's and venues', its hotels', rooms', groups' and journeys'."""
    queries = [
        select(*_columns(Trip)).where(Trip.id == trip_id),
        select(*_columns(TripGroup)).where(TripGroup.trip_id == trip_id),
        select(*_columns(Hotel)).where(Hotel.trip_id == trip_id),
        select(*_columns(Room)).join(Hotel).where(Hotel.trip_id == trip_id),
        select(*_columns(TravelSegment)).where(TravelSegment.trip_id == trip_id),
        select(*_columns(AgendaItem)).where(AgendaItem.trip_id == trip_id),
        select(*_columns(Venue)).join(AgendaItem).where(AgendaItem.trip_id == trip_id),
        select(*_columns(Participant)).where(Participant.trip_id == trip_id),
        select(*_columns(Contact))
        .join(Participant, Participant.contact_id == Contact.id)
        .where(Participant.trip_id == trip_id),
        select(*_columns(Contact))
        .join(AgendaItem, AgendaItem.host_contact_id == Contact.id)
        .where(AgendaItem.trip_id == trip_id),
        select(*_columns(Organization))
        .join(Contact, Contact.organization_id == Organization.id)
        .join(Participant, Participant.contact_id == Contact.id)
        .where(Participant.trip_id == trip_id),
    ]
    return [
        value
        for query in queries
        for row in session.execute(query)
        for value in row
        if isinstance(value, str)
    ]
