"""Undo commands without the window: what each says it changed, redo under the same ids,
and how lean the save of one participant's details is."""

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import event

from delegation.domain.enums import ParticipantStatus
from delegation.services.agenda import list_agenda
from delegation.services.changes import Changes, Kind
from delegation.services.participant_rows import get_participant, list_participants
from delegation.services.summaries import NewTrip
from delegation.services.trips import find_trip, list_trips
from delegation.ui.commands import EditContext
from delegation.ui.participant_commands import (
    AddParticipantCommand,
    EditParticipantCommand,
    SetStatusCommand,
)
from delegation.ui.trip_commands import CreateTripCommand, EditTripSettingsCommand


@pytest.fixture
def context(qapp, demo_workspace) -> EditContext:
    made = EditContext(demo_workspace)
    made.trip_id = find_trip(demo_workspace, "tallinn-2023").id
    return made


@pytest.fixture
def announced(context) -> list[Changes]:
    heard: list[Changes] = []
    context.changed.connect(heard.append)
    return heard


def _someone(context: EditContext, last_name: str = "Tamm"):
    return next(
        row
        for row in list_participants(context.workspace, context.trip_id)
        if row.details.last_name == last_name
    )


@pytest.fixture
def statements(context):
    """The SQL statements the workspace's database runs from now on."""
    run: list[str] = []
    engine = context.workspace._engine

    def count(_connection, _cursor, statement, *_rest) -> None:
        run.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    yield run
    event.remove(engine, "before_cursor_execute", count)


def test_a_diet_edited_is_saved_in_three_statements_and_says_so(context, announced, statements):
    kadri = _someone(context)
    statements.clear()
    command = EditParticipantCommand(context, kadri, replace(kadri.details, dietary="vegan"))
    assert context.execute(command)
    # The transaction's start, the registration read with its contact, organization, room
    # and groups, one UPDATE; the row handed back is built from what was read.
    assert len(statements) <= 5, statements
    assert sum(statement.startswith("UPDATE") for statement in statements) == 1
    assert announced == [Changes.of(context.trip_id, Kind.PARTICIPANT, [kadri.id])]
    saved = get_participant(context.workspace, kadri.id)
    assert saved.details.dietary == "vegan" and command.in_database

    statements.clear()
    context.undo_stack.undo()
    assert len(statements) <= 5, statements
    assert get_participant(context.workspace, kadri.id).details == kadri.details
    assert not command.in_database
    context.undo_stack.redo()
    assert get_participant(context.workspace, kadri.id).details.dietary == "vegan"
    assert announced[1:] == [announced[0]] * 2


def test_a_changed_name_or_phone_is_the_contacts_change_too(context, announced):
    kadri = _someone(context)
    command = EditParticipantCommand(context, kadri, replace(kadri.details, phone="+372 5555 0000"))
    assert context.execute(command)
    expected = Changes.of(context.trip_id, Kind.PARTICIPANT, [kadri.id]) | Changes.of(
        context.trip_id, Kind.CONTACT, [kadri.contact_id]
    )
    assert announced == [expected]
    context.undo_stack.undo()
    assert announced[-1] == expected


def test_statuses_set_undone_and_redone_name_whom_they_changed(context, announced):
    people = list_participants(context.workspace, context.trip_id)[:3]
    ids = [row.id for row in people]
    already = [row.id for row in people if row.details.status == ParticipantStatus.CANCELLED]
    assert context.execute(SetStatusCommand(context, ids, ParticipantStatus.CANCELLED))
    changed = Changes.of(context.trip_id, Kind.PARTICIPANT, set(ids) - set(already))
    context.undo_stack.undo()
    context.undo_stack.redo()
    assert announced == [changed] * 3


def test_a_person_added_is_made_again_under_the_same_ids(context, announced):
    from delegation.services.participant_details import ParticipantDetails

    command = AddParticipantCommand(
        context, context.trip_id, ParticipantDetails(last_name="Nõmm", first_name="Ülle")
    )
    assert context.execute(command)
    first = command.row
    context.undo_stack.undo()
    assert first.id not in {row.id for row in list_participants(context.workspace, first.trip_id)}
    context.undo_stack.redo()
    assert command.row == first
    made = Changes.of(first.trip_id, Kind.PARTICIPANT, [first.id]) | Changes.of(
        first.trip_id, Kind.CONTACT, [first.contact_id]
    )
    assert announced == [made] * 3


def test_new_dates_moving_the_programme_say_any_item_may_have_moved(context, announced):
    trip = find_trip(context.workspace, context.trip_id)
    settings = replace(
        trip.settings, start_date=date(2023, 5, 14), end_date=date(2023, 5, 17)
    )  # fmt: skip
    assert context.execute(EditTripSettingsCommand(context, trip, settings, move_programme=True))
    [changes] = announced
    assert changes.trips_listed and changes.ids_of(Kind.TRIP) == {trip.id}
    assert changes.touches(Kind.AGENDA_ITEM) and changes.ids_of(Kind.AGENDA_ITEM) is None
    assert changes.touches(Kind.HOTEL) and not changes.touches(Kind.PARTICIPANT)


def test_a_trip_copied_then_undone_and_redone_keeps_its_ids(context, announced):
    template = find_trip(context.workspace, context.trip_id)
    command = CreateTripCommand(
        context, NewTrip("tallinn-2024", "Again", "Tallinn", "EE", date(2024, 5, 12),
                         date(2024, 5, 15)), template.id,
    )  # fmt: skip
    assert context.execute(command)
    copy = command.trip
    items = {row.id for row in list_agenda(context.workspace, copy.id)}
    [made] = announced
    assert made.trips_listed and made.trip_id == copy.id
    assert made.ids_of(Kind.AGENDA_ITEM) == items and made.touches(Kind.GROUP, Kind.HOTEL)

    context.undo_stack.undo()
    assert [trip.key for trip in list_trips(context.workspace)] == ["tallinn-2023"]
    context.undo_stack.redo()
    assert command.trip == copy
    assert {row.id for row in list_agenda(context.workspace, copy.id)} == items
    assert announced == [made] * 3
