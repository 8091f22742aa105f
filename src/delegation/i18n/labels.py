"""How the enums of the domain are named to a user, in the language in force."""

from delegation.domain.enums import ParticipantCategory, ParticipantStatus
from delegation.i18n.translation import N_, _

_STATUS_LABELS = {
    ParticipantStatus.INVITED: N_("Invited"),
    ParticipantStatus.CONFIRMED: N_("Confirmed"),
    ParticipantStatus.WAITLISTED: N_("Waiting list"),
    ParticipantStatus.CANCELLED: N_("Cancelled"),
}
_CATEGORY_LABELS = {
    ParticipantCategory.ENTREPRENEUR: N_("Entrepreneur"),
    ParticipantCategory.ACADEMIC: N_("Academic"),
    ParticipantCategory.INSTITUTIONAL: N_("Institutional"),
    ParticipantCategory.STAFF: N_("Staff"),
    ParticipantCategory.PRESS: N_("Press"),
}


def status_label(status: ParticipantStatus) -> str:
    return _(_STATUS_LABELS[status])


def category_label(category: ParticipantCategory) -> str:
    return _(_CATEGORY_LABELS[category])
