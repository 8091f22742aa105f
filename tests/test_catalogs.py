"""The French and English catalogs are complete, consistent and compiled."""

import gettext
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from delegation.resources import resource

ROOT = Path(__file__).resolve().parents[1]
LOCALE = Path(str(resource("locale")))
PLACEHOLDER = re.compile(r"\{[a-z_]*(?:![rsa])?\}|%\([a-z_]+\)[sdr]|%[sdr]")


def _catalog(language: str):
    with (LOCALE / language / "LC_MESSAGES" / "delegation.po").open("rb") as handle:
        return read_po(handle, locale=language)


def _strings(value) -> list[str]:
    return list(value) if isinstance(value, tuple | list) else [value]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_message_is_translated_with_the_same_placeholders(language):
    catalog = _catalog(language)
    messages = [message for message in catalog if message.id]
    assert len(messages) > 50
    for message in messages:
        assert "fuzzy" not in message.flags, message.id
        ids = _strings(message.id)
        for form, text in enumerate(_strings(message.string)):
            assert text, f"untranslated in {language}: {message.id!r}"
            source = ids[min(form, len(ids) - 1)]  # singular with singular, plural with plural
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_compiled_catalogs_match_the_sources(language):
    compiled = gettext.GNUTranslations(
        (LOCALE / language / "LC_MESSAGES" / "delegation.mo").open("rb")
    )
    for message in _catalog(language):
        if not message.id:
            continue
        if isinstance(message.id, str):
            assert compiled.gettext(message.id) == message.string, "run make catalogs"
        else:
            singular, plural = message.id[0], message.id[1]
            assert compiled.ngettext(singular, plural, 1) == message.string[0]
            assert compiled.ngettext(singular, plural, 5) == message.string[-1]


def test_the_template_lists_every_string_of_the_code(tmp_path):
    template = tmp_path / "delegation.pot"
    subprocess.run(
        [
            sys.executable, "-m", "babel.messages.frontend", "extract",
            "-F", str(ROOT / "babel.cfg"), "-k", "_", "-k", "N_", "-k", "ngettext:1,2",
            "-o", str(template), str(ROOT / "src" / "delegation"),
        ],
        check=True,
    )  # fmt: skip
    with template.open("rb") as handle:
        in_code = {message.id for message in read_po(handle) if message.id}
    in_catalog = {message.id for message in _catalog("fr") if message.id}
    assert in_code - in_catalog == set(), "new strings: run make catalogs and translate them"
