"""Alphabetical order as people expect it, the same in every list, file and booklet."""

import unicodedata


def collation_key(text: str) -> str:
    """A sort key that files "Bérard" before "Brémond", "Élodie" among the e's and
    "Õunapuu" among the o's (the binary order of the letters would put it last)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def name_key(last_name: str, first_name: str) -> tuple[str, str, str, str]:
    """People in alphabetical order of last name, then first name; accents break ties."""
    return (collation_key(last_name), collation_key(first_name), last_name, first_name)
