"""The tables of a delegation database, one module per area of the product."""

from delegation.persistence.models.feed import CommittedChange
from delegation.persistence.models.imports import ImportValueMap
from delegation.persistence.models.logistics import Hotel, Room, TravelSegment, segment_passengers
from delegation.persistence.models.people import Contact, Organization
from delegation.persistence.models.programme import AgendaItem, Venue, agenda_item_groups
from delegation.persistence.models.registration import Participant, participant_groups
from delegation.persistence.models.trips import Trip, TripGroup

__all__ = [
    "AgendaItem",
    "CommittedChange",
    "Contact",
    "Hotel",
    "ImportValueMap",
    "Organization",
    "Participant",
    "Room",
    "TravelSegment",
    "Trip",
    "TripGroup",
    "Venue",
    "agenda_item_groups",
    "participant_groups",
    "segment_passengers",
]

# Registers the flush events that keep calendar sequences (after every model is defined).
from delegation.persistence import calendar_sequence  # noqa: F401
