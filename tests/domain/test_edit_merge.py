"""A colleague's save merged into an editor still open: each keeps what they changed."""

from dataclasses import dataclass

from delegation.domain.edit_merge import merge_edits


@dataclass(frozen=True)
class Card:
    name: str
    phone: str | None = None
    title: str | None = None
    groups: tuple[str, ...] = ()


def test_each_keeps_the_fields_they_changed():
    opened = Card("Kadri Tamm", phone="+372 5555 0100", title="CEO")
    theirs = Card("Kadri Tamm", phone="+372 5555 0101", title="CEO", groups=("A",))
    mine = Card("Kadri Tamm", phone="+372 5555 0100", title="CTO")
    merged, clashes = merge_edits(opened, theirs, mine)
    assert merged == Card("Kadri Tamm", phone="+372 5555 0101", title="CTO", groups=("A",))
    assert clashes == []


def test_a_field_both_changed_keeps_what_the_user_typed_and_is_named():
    opened = Card("王芳", phone=None, title="Professor")
    theirs = Card("王芳", phone=None, title="Dean")
    mine = Card("王芳", phone="", title="Vice-dean")
    merged, clashes = merge_edits(opened, theirs, mine)
    assert merged.title == "Vice-dean" and clashes == ["title"]
    assert merged.phone is None  # "" typed over None is no change: the colleague's value


def test_the_same_change_made_by_both_is_no_clash():
    opened = Card("Yossi Cohen", title=None)
    theirs = Card("Yossi Cohen", title="CTO")
    mine = Card("Yossi Cohen", title=" CTO ")
    assert merge_edits(opened, theirs, mine)[1] == []
