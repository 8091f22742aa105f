"""The user's settings, each declared once with its type and default (QSettings)."""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    type: type[T]
    default: T


WINDOW_GEOMETRY: Setting[QByteArray] = Setting("window/geometry", QByteArray, QByteArray())
WINDOW_STATE: Setting[QByteArray] = Setting("window/state", QByteArray, QByteArray())
LAST_TRIP: Setting[str] = Setting("session/last_trip", str, "")
LAST_PAGE: Setting[int] = Setting("session/last_page", int, 0)
LANGUAGE: Setting[str] = Setting("interface/language", str, "")  # "": the system's
EXPORT_FOLDER: Setting[str] = Setting("documents/export_folder", str, str(Path.home()))
OPEN_WHEN_DONE: Setting[bool] = Setting("documents/open_when_done", bool, True)


# scheme://user:password@ — the user kept, the password dropped.
_PASSWORD_IN_URL = re.compile(r"(\w://[^\s/:@]*):[^\s/@]*@")


class Settings:
    """Typed access to QSettings: a wrong or missing stored value gives the default."""

    def __init__(self, backend: QSettings | None = None) -> None:
        self._backend = backend or QSettings("Delegation", "Delegation")

    def get(self, setting: Setting[T]) -> T:
        value: Any = self._backend.value(setting.key, setting.default)
        if isinstance(value, setting.type):
            return value
        if setting.type is bool:  # INI files and the registry give back "true"/"false"
            return cast(T, str(value).strip().lower() in ("true", "1", "yes"))  # T is bool
        # Each class a setting names (str, int, QByteArray) is made from a stored value.
        convert: type = setting.type
        try:
            return convert(value)
        except (TypeError, ValueError):
            return setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        if isinstance(value, str):
            # A database's URL may hold its password: libpq's pgpass file keeps it, never
            # the settings, which are a plain file (or the registry) anyone may read.
            value = cast(T, _PASSWORD_IN_URL.sub(r"\1@", value))
        self._backend.setValue(setting.key, value)

    def sync(self) -> None:
        self._backend.sync()
