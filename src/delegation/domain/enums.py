"""The closed vocabularies of a delegation, stored by their string values."""

from enum import StrEnum


class ParticipantStatus(StrEnum):
    INVITED = "invited"
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class ParticipantCategory(StrEnum):
    ENTREPRENEUR = "entrepreneur"
    ACADEMIC = "academic"
    INSTITUTIONAL = "institutional"
    STAFF = "staff"
    PRESS = "press"


class AgendaKind(StrEnum):
    VISIT = "visit"
    MEETING = "meeting"
    MEAL = "meal"
    TRANSPORT = "transport"
    CONFERENCE = "conference"
    RECEPTION = "reception"
    FREE_TIME = "free_time"


class AgendaStatus(StrEnum):
    TENTATIVE = "tentative"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


class TravelMode(StrEnum):
    FLIGHT = "flight"
    TRAIN = "train"
    COACH = "coach"
    FERRY = "ferry"
    CAR = "car"


class TravelDirection(StrEnum):
    OUTBOUND = "outbound"
    RETURN = "return"
    LOCAL = "local"


class RoomType(StrEnum):
    SINGLE = "single"
    DOUBLE = "double"
    TWIN = "twin"


class Language(StrEnum):
    FRENCH = "fr"
    ENGLISH = "en"
