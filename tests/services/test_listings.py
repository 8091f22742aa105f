"""The listings of the long tables: the same rows, ids and searched fields as the rows read
whole, read again by id, by IN lists or in one pass."""

import pytest

from delegation.domain.enums import ParticipantStatus
from delegation.services import directory, participant_rows
from delegation.services.directory import (
    contact_listing,
    contact_searched_fields,
    list_contacts,
)
from delegation.services.participant_rows import (
    list_participants,
    participant_listing,
    searched_fields,
)
from delegation.services.trips import list_trips


@pytest.fixture(params=[5_000, 10], ids=["by-ids", "one-pass"])
def whole_list_from(request, monkeypatch) -> int:
    monkeypatch.setattr(participant_rows, "WHOLE_LIST_FROM", request.param)
    monkeypatch.setattr(directory, "WHOLE_LIST_FROM", request.param)
    return request.param


def test_a_trips_listing_is_its_registrations_read_whole(demo_workspace, whole_list_from):
    trip = list_trips(demo_workspace)[0]
    rows = list_participants(demo_workspace, trip.id)
    listing = participant_listing(demo_workspace, trip.id)
    assert list(listing.ids) == [row.id for row in rows]
    assert [tuple(fields) for fields in zip(*listing.searched, strict=True)] == [
        searched_fields(row) for row in rows
    ]
    assert listing.waiting == {
        row.id: row.waitlist_position
        for row in rows
        if row.details.status == ParticipantStatus.WAITLISTED
    }
    assert listing.waiting
    again = {row.id: row for row in listing.read(list(reversed(listing.ids)))}
    assert [again[row.id] for row in rows] == rows
    assert listing.read([rows[3].id, -1]) == [rows[3]]  # an id since removed: left out


def test_the_directorys_listing_is_its_contacts_read_whole(demo_workspace, whole_list_from):
    rows = list_contacts(demo_workspace)
    listing = contact_listing(demo_workspace)
    assert list(listing.ids) == [row.id for row in rows]
    assert [tuple(fields) for fields in zip(*listing.searched, strict=True)] == [
        contact_searched_fields(row) for row in rows
    ]
    assert any(row.trips for row in rows)
    again = {row.id: row for row in listing.read(list(listing.ids))}
    assert [again[row.id] for row in rows] == rows
    assert listing.read([-1, rows[0].id]) == [rows[0]]
