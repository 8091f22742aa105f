"""Translation of visible strings (gettext) and the language in force."""

from delegation.i18n.translation import (
    N_,
    SUPPORTED_LANGUAGES,
    _,
    current_language,
    ngettext,
    set_language,
    speaking,
    system_language,
)

__all__ = [
    "N_",
    "SUPPORTED_LANGUAGES",
    "_",
    "current_language",
    "ngettext",
    "set_language",
    "speaking",
    "system_language",
]
