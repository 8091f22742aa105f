"""Two organisers, two programs, one database: the one who saves second is told who saved
first and when, nothing of theirs is written, and what they typed can be saved again."""

from dataclasses import replace

import pytest
from tests.colleague import COLLEAGUE, colleague_saves

from delegation.domain.edit_merge import merge_edits
from delegation.domain.errors import ConflictError
from delegation.services.participant_rows import get_participant, list_participants
from delegation.services.participants import update_participant
from delegation.services.trips import find_trip


@pytest.fixture
def opened(demo_workspace):
    """A registration as this organiser's editor read it: Greek and Hebrew names met too."""
    trip = find_trip(demo_workspace, "tallinn-2023")
    row = list_participants(demo_workspace, trip.id)[0]
    return update_participant(
        demo_workspace, row.id, row.version,
        replace(row.details, first_name="Νίκος", last_name="כהן"), opened=row,
    )  # fmt: skip


def test_the_second_save_is_refused_naming_who_saved_first(demo_workspace, database, opened):
    colleague_saves(database, opened.id, "phone", "+372 5555 0199")
    with pytest.raises(ConflictError) as refused:
        update_participant(
            demo_workspace, opened.id, opened.version,
            replace(opened.details, job_title="Chief Tea Officer"), opened=opened,
        )  # fmt: skip
    text = str(refused.value)
    assert text.startswith(f"Νίκος כהן was changed by {COLLEAGUE} at ")
    assert text.endswith("since you opened it; nothing was saved")
    now = get_participant(demo_workspace, opened.id)
    assert now.details.phone == "+372 5555 0199"
    assert now.details.job_title == opened.details.job_title
    assert now.updated_by == COLLEAGUE


def test_what_was_typed_is_saved_over_the_colleagues_save(demo_workspace, database, opened):
    typed = replace(opened.details, job_title="Chief Tea Officer")
    colleague_saves(database, opened.id, "phone", "+372 5555 0199")
    with pytest.raises(ConflictError):
        update_participant(demo_workspace, opened.id, opened.version, typed, opened=opened)
    again = get_participant(demo_workspace, opened.id)
    merged, clashes = merge_edits(opened.details, again.details, typed)
    assert clashes == []
    saved = update_participant(demo_workspace, again.id, again.version, merged, opened=again)
    assert (saved.details.phone, saved.details.job_title) == ("+372 5555 0199", "Chief Tea Officer")
