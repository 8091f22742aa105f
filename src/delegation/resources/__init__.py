"""Files shipped with the program: sample data, catalogs, fonts, reference tables."""

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    """A file under resources/, wherever the package is installed."""
    return files(__name__).joinpath(*parts)
