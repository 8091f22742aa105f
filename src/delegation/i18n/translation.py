"""gettext catalogs for French and English, switchable while the program runs."""

import contextlib
import gettext
import locale
import os
from collections.abc import Iterator
from contextlib import contextmanager

from delegation.resources import resource

DOMAIN = "delegation"
SUPPORTED_LANGUAGES = ("fr", "en")
FALLBACK_LANGUAGE = "en"

_language = FALLBACK_LANGUAGE
_catalog: gettext.NullTranslations = gettext.NullTranslations()


def system_language() -> str:
    """The user's language if we speak it (French or English), else English."""
    candidates = [
        os.environ.get(name, "") for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
    ]
    with contextlib.suppress(ValueError):  # an unparsable locale setting
        candidates.append(locale.getlocale()[0] or "")
    for candidate in candidates:
        for part in candidate.split(":"):
            code = part[:2].lower()
            if code in SUPPORTED_LANGUAGES:
                return code
            if part and part not in ("C", "POSIX") and not part.startswith("C."):
                return FALLBACK_LANGUAGE
    return FALLBACK_LANGUAGE


def set_language(language: str | None) -> str:
    """Switch every later translation to this language; returns the one in force."""
    global _language, _catalog
    language = (language or system_language()).lower()
    if language not in SUPPORTED_LANGUAGES:
        language = FALLBACK_LANGUAGE
    localedir = str(resource("locale"))
    _catalog = gettext.translation(DOMAIN, localedir, languages=[language], fallback=True)
    _language = language
    return language


def current_language() -> str:
    return _language


@contextmanager
def speaking(language: str | None) -> Iterator[str]:
    """Translations in `language` (None: the one in force) within the block, which
    receives it: a document in the language of its reader, whatever the window's."""
    previous = _language
    chosen = set_language(language or previous) if language != previous else previous
    try:
        yield chosen
    finally:
        if chosen != previous:
            set_language(previous)


def _(message: str) -> str:
    return _catalog.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _catalog.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a string for extraction where it is defined; translate it where shown."""
    return message
