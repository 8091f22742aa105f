"""The characters of a trip that no font of the documents draws are named, once, with what
would draw them."""

import pytest
from sqlalchemy import select, update

from delegation.persistence.models import AgendaItem, Contact, Participant
from delegation.reports import fonts
from delegation.services.printable import font_notice


def _set(workspace, model, column: str, value: str) -> None:
    with workspace.transaction() as session:
        first = session.scalar(select(model.id).order_by(model.id).limit(1))
        session.execute(update(model).where(model.id == first).values({column: value}))


@pytest.fixture
def bare_system(monkeypatch):
    """A computer without a Korean font nor one with emoji."""
    monkeypatch.setattr(fonts, "SYSTEM_FILES", {fonts.KOREAN: (), fonts.EMOJI: ()})
    monkeypatch.setattr(fonts, "_registered", set(fonts._registered) - {fonts.KOREAN, fonts.EMOJI})
    fonts.system_file.cache_clear()
    fonts.coverage.cache_clear()
    yield
    fonts.system_file.cache_clear()
    fonts.coverage.cache_clear()


def test_the_sample_prints_whole(demo_workspace):
    assert font_notice(demo_workspace, "tallinn-2023") is None


def test_every_script_of_the_world_trip_prints(demo_workspace):
    names = "Ἑλένη 海伦 עמר عمر Õunapuu Мария 김민준 ‎‏\u200d"  # direction marks, a joiner
    _set(demo_workspace, Contact, "first_name", names)
    assert font_notice(demo_workspace, "tallinn-2023") is None


def test_a_script_without_a_font_is_named_in_a_name_a_title_or_an_organisation(
    demo_workspace,
):
    _set(demo_workspace, AgendaItem, "title_fr", "Visite ಬೆಂಗಳೂರು")
    with demo_workspace.transaction() as session:
        contact = session.scalar(
            select(Participant.contact_id).order_by(Participant.id.desc()).limit(1)
        )
        session.execute(update(Contact).where(Contact.id == contact).values(last_name="अनिल"))
    notice = font_notice(demo_workspace, "tallinn-2023")
    assert notice is not None and "\n" not in notice
    assert "ಬ" in notice and "अ" in notice
    assert "symbol font" not in notice  # an emoji font would not draw Kannada nor Devanagari


def test_without_the_system_faces_korean_and_emoji_are_named_with_the_font_to_install(
    demo_workspace, bare_system
):
    _set(demo_workspace, Contact, "first_name", "민준 🎉")
    notice = font_notice(demo_workspace, "tallinn-2023")
    assert "민 준 🎉" in notice
    assert "fonts-nanum" in notice and "fonts-symbola" in notice


def test_many_missing_characters_keep_the_message_to_one_short_line(demo_workspace):
    _set(demo_workspace, Contact, "first_name", "".join(map(chr, range(0x0C85, 0x0CB9))))
    notice = font_notice(demo_workspace, "tallinn-2023")
    assert notice.count(" ") < 40 and "…" in notice
