"""Icons shipped in resources/icons, loaded once."""

from functools import cache

from PySide6.QtGui import QIcon

from delegation.resources import resource


@cache
def icon(name: str) -> QIcon:
    return QIcon(str(resource("icons", f"{name}.svg")))
