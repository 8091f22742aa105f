"""Change sets: merged, asked about by kind."""

from delegation.services.changes import Changes, Kind


def test_one_kind_with_ids_and_any_record():
    edit = Changes.of(3, Kind.PARTICIPANT, [7])
    assert edit.touches(Kind.PARTICIPANT) and not edit.touches(Kind.AGENDA_ITEM)
    assert edit.ids_of(Kind.PARTICIPANT) == {7}
    assert Changes.of(3, Kind.AGENDA_ITEM).ids_of(Kind.AGENDA_ITEM) is None


def test_merging_keeps_every_id_and_any_record_wins():
    merged = Changes.of(3, Kind.PARTICIPANT, [7]) | Changes.of(3, Kind.PARTICIPANT, [8])
    assert merged.ids_of(Kind.PARTICIPANT) == {7, 8}
    assert (merged | Changes.of(3, Kind.PARTICIPANT)).ids_of(Kind.PARTICIPANT) is None
    both = merged | Changes.of(None, Kind.CONTACT, [1], trips_listed=True)
    assert both.trip_id == 3 and both.trips_listed
    assert both.touches(Kind.CONTACT, Kind.ROOM) and not both.touches(Kind.ROOM)


def test_everything_touches_every_kind():
    assert all(Changes.everything(1).touches(kind) for kind in Kind)
    assert Changes.everything(1).ids_of(Kind.GROUP) is None
