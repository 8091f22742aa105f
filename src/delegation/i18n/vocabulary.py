"""Known values people type in French or English (diets, emergency labels), shown in the
language in force; anything else is left as typed."""

import re
import unicodedata
from functools import cache

from delegation.i18n.formatting import babel_locale
from delegation.i18n.translation import N_, _

# Each known value: its msgid, then the spellings (both languages) that mean it.
_DIETS: dict[str, tuple[str, ...]] = {
    N_("Vegetarian"): ("végétarien", "végétarienne", "vegetarian", "veggie", "végé"),
    N_("Vegan"): ("végétalien", "végétalienne", "vegan", "végan", "végane"),
    N_("Gluten-free"): ("sans gluten", "gluten-free", "gluten free", "no gluten"),
    N_("Lactose-free"): ("sans lactose", "lactose-free", "lactose free", "no lactose"),
    N_("Halal"): ("halal",),
    N_("Kosher"): ("casher", "cacher", "kasher", "kosher"),
    N_("No pork"): ("sans porc", "no pork", "pork-free", "pork free"),
    N_("Pescatarian"): ("pescétarien", "pescétarienne", "pescatarian", "pescetarian"),
    N_("No alcohol"): ("sans alcool", "no alcohol", "alcohol-free", "alcohol free"),
    N_("Diabetic"): ("diabétique", "diabetic"),
}
_EMERGENCY_LABELS: dict[str, tuple[str, ...]] = {
    N_("Emergencies"): ("urgences", "urgence", "emergency", "emergencies", "emergency number"),
    N_("Police"): ("police",),
    N_("Ambulance"): ("ambulance", "samu"),
    N_("Fire brigade"): ("pompiers", "fire brigade", "fire department"),
    N_("French embassy"): ("ambassade de france", "french embassy", "embassy of france"),
    N_("French consulate"): ("consulat de france", "french consulate", "consulate of france"),
    N_("Travel assistance"): ("assistance voyage", "assistance", "travel assistance"),
    N_("Hospital"): ("hôpital", "hospital"),
    N_("Pharmacy"): ("pharmacie", "pharmacy"),
    N_("Poison control centre"): ("centre antipoison", "poison control", "poison centre"),
}

_SPACES = re.compile(r"[\s\-‐‑–]+")
# "Urgences (Estonie) : 112": a label, perhaps a place in brackets, a colon, then the value.
# A colon must be followed by a space, so "10:30" and "https://…" are not labels.
_LABELLED = re.compile(
    r"^\s*(?P<label>[^:\d(][^:(]*?)\s*(?:\((?P<place>[^()]+)\))?\s*:\s+(?P<value>\S.*)$"
)


def comparison_key(text: str) -> str:
    """What two spellings of a value share: no case, no accents, hyphens read as spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACES.sub(" ", plain).strip(" .")


@cache
def _index(table: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, str]:
    return {comparison_key(spelling): msgid for msgid, spellings in table for spelling in spellings}


def _diets() -> dict[str, str]:
    return _index(tuple(_DIETS.items()))


def _labels() -> dict[str, str]:
    return _index(tuple(_EMERGENCY_LABELS.items()))


def is_known_diet(text: str) -> bool:
    """Whether the text is a diet of the vocabulary ("Végétarienne", "gluten free")."""
    return comparison_key(text) in _diets()


def diet_key(text: str) -> str:
    """What every spelling of the same need shares: "sans gluten" and "Gluten free" alike."""
    key = comparison_key(text)
    return _diets().get(key, key)


def diet_in_language(text: str) -> str:
    """A known diet in the language in force ("sans gluten" → "Gluten-free"); other text
    as typed."""
    msgid = _diets().get(comparison_key(text))
    return _(msgid) if msgid else text


def label_in_language(text: str) -> str:
    """A known emergency label in the language in force; other text as typed."""
    msgid = _labels().get(comparison_key(text))
    return _(msgid) if msgid else text


@cache
def _territories() -> dict[str, str]:
    from babel import Locale

    codes: dict[str, str] = {}
    for language in ("en", "fr"):
        for code, name in Locale.parse(language).territories.items():
            if len(code) == 2 and code.isalpha():
                codes.setdefault(comparison_key(name), code)
    return codes


def country_in_language(text: str) -> str:
    """A country's name ("Estonie", "Estonia") in the language in force; other text as typed."""
    from babel import Locale

    code = _territories().get(comparison_key(text))
    if code is None:
        return text
    return Locale.parse(babel_locale()).territories.get(code, text)


def labelled_line(line: str) -> str:
    """A typed "Label : value" line in the language in force: a known label and country
    translated, and the colon spaced as the language wants ("Emergencies (Estonia): 112",
    "Urgences (Estonie) : 112"). A line without a label is left as typed."""
    match = _LABELLED.match(line)
    if not match:
        return line
    label = label_in_language(match["label"].strip())
    if match["place"]:
        label = f"{label} ({country_in_language(match['place'].strip())})"
    return _("{label}: {value}").format(label=label, value=match["value"].strip())
