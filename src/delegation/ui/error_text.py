"""How a failure reads in the window: a refused value says why, without the field's
internal name (the field is on screen, or named in the sentence)."""

from delegation.domain.errors import DelegationError, ValidationError


def error_text(error: DelegationError | str) -> str:
    if isinstance(error, ValidationError):
        reason = error.reason
        return reason[:1].upper() + reason[1:]
    return str(error)
