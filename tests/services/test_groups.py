"""A trip's groups: added, renamed, recoloured, reordered, removed and brought back."""

from datetime import date

import pytest

from delegation.domain.errors import ConflictError, NotFoundError, ValidationError
from delegation.services.groups import (
    PALETTE,
    GroupDetails,
    add_group,
    group_by_code,
    list_group_summaries,
    move_group,
    remove_group,
    restore_group,
    update_group,
)
from delegation.services.participant_rows import list_participants
from delegation.services.trips import NewTrip, add_trip, find_trip


@pytest.fixture
def new_trip(workspace) -> int:
    """A trip made from nothing, as an organiser's first one: no group yet."""
    trip = add_trip(
        workspace,
        NewTrip(
            key="jerusalem-2024", title="Mission Jérusalem", destination_city="Jérusalem",
            destination_country="IL", start_date=date(2024, 3, 27), end_date=date(2024, 3, 30),
        ),
    )  # fmt: skip
    return trip.id


def _codes(workspace, trip_id) -> list[str]:
    return [group.code for group in list_group_summaries(workspace, trip_id)]


def test_a_new_trip_gets_groups_in_order_with_distinct_palette_colours(workspace, new_trip):
    assert list_group_summaries(workspace, new_trip) == []
    first = add_group(workspace, new_trip, GroupDetails("A", "Cybersécurité & IA"))
    second = add_group(workspace, new_trip, GroupDetails(" B ", "  Startups ", "#AA3300"))
    third = add_group(workspace, new_trip, GroupDetails("ג", "קבוצה עברית"))
    assert _codes(workspace, new_trip) == ["A", "B", "ג"]
    assert (second.code, second.name, second.colour) == ("B", "Startups", "#aa3300")
    assert first.colour == PALETTE[0]
    assert third.colour == PALETTE[1]  # the first colour no other group has
    assert (first.members, first.items) == (0, 0)


@pytest.mark.parametrize(
    ("code", "name", "colour", "field"),
    [
        ("", "Nobody", None, "code"),
        ("A", "", None, "name"),
        ("A, B", "Two", None, "code"),
        ("A" * 21, "Long", None, "code"),
        ("C", "Two\nlines", None, "name"),
        ("C", "Colour", "blue", "colour"),
        ("a", "Other", None, "code"),  # A exists: a file's "a" would mean it
        ("C", "cybersecurite & ia", None, "name"),  # A's name, accents and case aside
        ("cybersécurité & IA", "Other", None, "code"),
    ],
)
def test_refused_details_name_their_field(workspace, new_trip, code, name, colour, field):
    add_group(workspace, new_trip, GroupDetails("A", "Cybersécurité & IA"))
    with pytest.raises(ValidationError) as refused:
        add_group(workspace, new_trip, GroupDetails(code, name, colour))
    assert refused.value.field == field
    assert _codes(workspace, new_trip) == ["A"]


def test_rename_and_recolour_refuse_a_stale_copy(workspace, new_trip):
    group = add_group(workspace, new_trip, GroupDetails("A", "Cyber"))
    renamed = update_group(workspace, group.id, group.version, {"name": "Cybersécurité"})
    assert renamed.name == "Cybersécurité" and renamed.code == "A"
    with pytest.raises(ConflictError):
        update_group(workspace, group.id, group.version, {"colour": "#123456"})
    recoloured = update_group(workspace, group.id, renamed.version, {"colour": "#123456"})
    assert recoloured.colour == "#123456" and recoloured.name == "Cybersécurité"


def test_reorder_moves_one_group_and_stops_at_the_ends(workspace, new_trip):
    ids = {
        code: add_group(workspace, new_trip, GroupDetails(code, f"Group {code}")).id
        for code in "ABC"
    }
    assert move_group(workspace, ids["C"], -1) == -1
    assert _codes(workspace, new_trip) == ["A", "C", "B"]
    assert move_group(workspace, ids["A"], 10) == 2  # to the end, no further
    assert _codes(workspace, new_trip) == ["C", "B", "A"]
    positions = [g.position for g in list_group_summaries(workspace, new_trip)]
    assert positions == [0, 1, 2]
    assert move_group(workspace, ids["C"], -1) == 0  # the first already


def test_a_group_in_use_is_kept_unless_removed_from_everyone(demo_workspace):
    trip = find_trip(demo_workspace, "tallinn-2023")
    group_a = group_by_code(demo_workspace, trip.id, "a")
    assert group_a.members > 0 and group_a.items > 0
    with pytest.raises(ValidationError) as refused:
        remove_group(demo_workspace, group_a.id)
    assert f"{group_a.members} participants" in str(refused.value)
    assert f"{group_a.items} agenda items" in str(refused.value)
    assert _codes(demo_workspace, trip.id) == ["A", "B"]

    members_before = {
        p.id: p.details.group_codes for p in list_participants(demo_workspace, trip.id)
    }
    removed = remove_group(demo_workspace, group_a.id, from_everyone=True)
    assert _codes(demo_workspace, trip.id) == ["B"]
    assert len(removed.participant_ids) == group_a.members
    assert all("A" not in p.details.group_codes for p in list_participants(demo_workspace, trip.id))

    restored = restore_group(demo_workspace, removed)
    assert (restored.id, restored.members, restored.items) == (
        group_a.id, group_a.members, group_a.items,
    )  # fmt: skip
    assert _codes(demo_workspace, trip.id) == ["A", "B"]
    after = {p.id: p.details.group_codes for p in list_participants(demo_workspace, trip.id)}
    assert after == members_before


def test_an_unused_group_goes_at_once(workspace, new_trip):
    group = add_group(workspace, new_trip, GroupDetails("A", "Alone"))
    removed = remove_group(workspace, group.id)
    assert removed.participant_ids == removed.item_ids == ()
    assert _codes(workspace, new_trip) == []
    with pytest.raises(NotFoundError):
        group_by_code(workspace, new_trip, "A")
    with pytest.raises(NotFoundError):
        remove_group(workspace, group.id)
