"""gettext catalogs for French and English, switchable while the program runs.

The language in force is the program's (the window's, set by `set_language`), except
inside `speaking(language)`, which holds for its own thread only: a document drawn in its
reader's language off the GUI thread leaves the window in the user's.
"""

import contextlib
import gettext
import locale
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from delegation.resources import resource

DOMAIN = "delegation"
SUPPORTED_LANGUAGES = ("fr", "en")
FALLBACK_LANGUAGE = "en"

_language = FALLBACK_LANGUAGE
_catalog: gettext.NullTranslations = gettext.NullTranslations()
# The language a `speaking` block of this thread (this context) chose, and its catalog.
_spoken: ContextVar[tuple[str, gettext.NullTranslations] | None] = ContextVar(
    "spoken", default=None
)


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


def _supported(language: str | None) -> str:
    language = (language or system_language()).lower()
    return language if language in SUPPORTED_LANGUAGES else FALLBACK_LANGUAGE


@cache
def _catalog_of(language: str) -> gettext.NullTranslations:
    localedir = str(resource("locale"))
    return gettext.translation(DOMAIN, localedir, languages=[language], fallback=True)


def set_language(language: str | None) -> str:
    """Switch every later translation to this language; returns the one in force."""
    global _language, _catalog
    _language = _supported(language)
    _catalog = _catalog_of(_language)
    return _language


def current_language() -> str:
    spoken = _spoken.get()
    return _language if spoken is None else spoken[0]


@contextmanager
def speaking(language: str | None) -> Iterator[str]:
    """Translations in `language` (None: the one in force) within the block, in this
    thread only, which receives it: a document in the language of its reader, whatever
    the window's."""
    chosen = _supported(language or current_language())
    token = _spoken.set((chosen, _catalog_of(chosen)))
    try:
        yield chosen
    finally:
        _spoken.reset(token)


def _(message: str) -> str:
    spoken = _spoken.get()
    return (_catalog if spoken is None else spoken[1]).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    spoken = _spoken.get()
    return (_catalog if spoken is None else spoken[1]).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a string for extraction where it is defined; translate it where shown."""
    return message
