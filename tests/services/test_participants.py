"""Participants: each edit the window offers, and its exact undo."""

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from delegation.domain.enums import ParticipantCategory, ParticipantStatus
from delegation.domain.errors import ConflictError, ValidationError
from delegation.persistence.base import current_user
from delegation.services import directory, registrations
from delegation.services import participants as service
from delegation.services.expected import Unchanged
from delegation.services.participant_details import ParticipantDetails, validate_details
from delegation.services.participant_rows import get_participant, list_participants
from delegation.services.trips import NewTrip, add_trip, find_trip


@pytest.fixture
def trip_id(demo_workspace) -> int:
    return find_trip(demo_workspace, "tallinn-2023").id


def _by_name(workspace, trip_id, last_name):
    return next(
        row for row in list_participants(workspace, trip_id) if row.details.last_name == last_name
    )


def test_list_gives_every_registration_with_its_groups(demo_workspace, trip_id):
    rows = list_participants(demo_workspace, trip_id)
    assert len(rows) == 62
    kadri = next(row for row in rows if row.details.first_name == "Kadri")
    assert kadri.details.group_codes == ("B",)
    assert kadri.room_label is not None
    assert kadri.details.email == "kadri.tamm@mistral-data.example"


def test_add_then_refuse_the_same_person_twice(demo_workspace, trip_id):
    details = ParticipantDetails(
        last_name="Õunapuu",
        first_name="Liina",
        email=" Liina.Ounapuu@Example.EE ",
        organization="Tallinna Tehnikaülikool",
        status=ParticipantStatus.CONFIRMED,
        group_codes=("A",),
        passport_number="KE1234567",
        passport_expiry=date(2030, 1, 31),
    )
    row = service.add_participant(demo_workspace, trip_id, details).row
    assert row.details.email == "liina.ounapuu@example.ee"
    assert row.details.organization == "Tallinna Tehnikaülikool"
    assert row.details.group_codes == ("A",)
    with pytest.raises(ValidationError, match="already registered"):
        service.add_participant(demo_workspace, trip_id, details)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"last_name": "  "}, "last_name"),
        ({"email": "liina@"}, "email"),
        ({"nationality": "EST"}, "nationality"),
        ({"passport_expiry": date(2030, 1, 1)}, "passport_number"),
    ],
)
def test_validation_names_the_field(changes, field):
    problems = validate_details(replace(ParticipantDetails(last_name="Saar"), **changes))
    assert [problem.field for problem in problems] == [field]


def test_a_stale_edit_is_refused_and_names_who_won(demo_workspace, trip_id):
    row = _by_name(demo_workspace, trip_id, "Tamm")
    service.update_participant(
        demo_workspace, row.id, row.version, replace(row.details, dietary="vegan")
    )
    with pytest.raises(ConflictError, match="Kadri Tamm was changed by"):
        service.update_participant(
            demo_workspace, row.id, row.version, replace(row.details, dietary="halal")
        )
    assert _by_name(demo_workspace, trip_id, "Tamm").details.dietary == "vegan"


def test_remove_and_restore_bring_back_everything(demo_workspace, trip_id):
    row = next(
        r
        for r in list_participants(demo_workspace, trip_id)
        if r.details.status == ParticipantStatus.CONFIRMED and r.details.room_id
    )
    removed = service.remove_participant(demo_workspace, row.id)
    assert removed.segment_ids  # flights
    assert all(r.id != row.id for r in list_participants(demo_workspace, trip_id))
    restored = service.restore_participant(demo_workspace, removed)
    assert restored.id == row.id
    assert restored.details == row.details
    assert restored.room_label == row.room_label
    again = service.remove_participant(demo_workspace, row.id)
    assert again.segment_ids == removed.segment_ids
    assert again.roommate_id == removed.roommate_id


def test_status_changes_and_their_undo(demo_workspace, trip_id):
    rows = [r for r in list_participants(demo_workspace, trip_id)
            if r.details.status == ParticipantStatus.CONFIRMED][:2]  # fmt: skip
    ids = [r.id for r in rows]
    changes = registrations.set_status(demo_workspace, ids, ParticipantStatus.WAITLISTED)
    waiting = [r for r in list_participants(demo_workspace, trip_id) if r.id in ids]
    assert all(r.waitlist_position and r.waitlist_position > 4 for r in waiting)
    registrations.restore_statuses(demo_workspace, changes, ParticipantStatus.WAITLISTED)
    back = {r.id: r for r in list_participants(demo_workspace, trip_id)}
    assert all(back[i].details.status == ParticipantStatus.CONFIRMED for i in ids)
    assert all(back[i].waitlist_position is None for i in ids)


def test_group_membership_reports_only_real_changes(demo_workspace, trip_id):
    rows = list_participants(demo_workspace, trip_id)
    in_a = next(r for r in rows if r.details.group_codes == ("A",))
    in_b = next(r for r in rows if r.details.group_codes == ("B",))
    changed = registrations.set_group_membership(demo_workspace, [in_a.id, in_b.id], "A", True)
    assert changed == [in_b.id]
    after = {r.id: r for r in list_participants(demo_workspace, trip_id)}
    assert after[in_b.id].details.group_codes == ("A", "B")
    assert after[in_b.id].version == in_b.version + 1
    with pytest.raises(ValidationError, match="no such group"):
        registrations.set_group_membership(demo_workspace, [in_a.id], "Z", True)


def test_waiting_list_order_can_be_changed(demo_workspace, trip_id):
    def order():
        rows = list_participants(demo_workspace, trip_id)
        waiting = [r for r in rows if r.details.status == ParticipantStatus.WAITLISTED]
        return [r.id for r in sorted(waiting, key=lambda r: r.waitlist_position)]

    before = order()
    assert registrations.move_in_waiting_list(demo_workspace, before[2], -1)
    assert order() == [before[0], before[2], before[1], before[3]]
    assert not registrations.move_in_waiting_list(demo_workspace, before[0], -1)
    assert registrations.move_in_waiting_list(demo_workspace, before[2], 1)
    assert order() == before


def test_a_contact_from_an_earlier_trip_is_one_action_away(demo_workspace, trip_id):
    from delegation.services.directory import list_contacts
    from delegation.services.trips import NewTrip, add_trip

    riga = add_trip(
        demo_workspace,
        NewTrip("riga-2024", "Mission Riga", "Riga", "LV", date(2024, 6, 3), date(2024, 6, 6)),
    )
    kadri = next(c for c in list_contacts(demo_workspace) if c.first_name == "Kadri")
    row = service.add_contact_to_trip(demo_workspace, riga.id, kadri.id)
    assert row.details.status == ParticipantStatus.INVITED
    assert row.details.category == ParticipantCategory.ENTREPRENEUR
    assert row.details.full_name == "Kadri Tamm"
    with pytest.raises(ValidationError, match="already registered"):
        service.add_contact_to_trip(demo_workspace, riga.id, kadri.id)


def _riga() -> NewTrip:
    return NewTrip("riga-2024", "Mission Riga", "Riga", "LV", date(2024, 6, 3), date(2024, 6, 6))


def _contact(workspace, email):
    return next(c for c in directory.list_contacts(workspace) if c.email == email)


def test_an_email_of_someone_else_in_the_directory_is_refused_by_name(demo_workspace, trip_id):
    kadri = _by_name(demo_workspace, trip_id, "Tamm")
    riga = add_trip(demo_workspace, _riga())
    with pytest.raises(ValidationError, match="Kadri Tamm") as refused:
        service.add_participant(
            demo_workspace,
            riga.id,
            ParticipantDetails(last_name="Other", email=kadri.details.email),
        )
    assert refused.value.field == "email"
    assert _contact(demo_workspace, kadri.details.email).last_name == "Tamm"


def test_adding_a_known_person_fills_their_contact_and_undo_puts_it_back(demo_workspace, trip_id):
    kadri = _by_name(demo_workspace, trip_id, "Tamm")
    service.update_participant(demo_workspace, kadri.id, None, replace(kadri.details, phone=None))
    before = _contact(demo_workspace, kadri.details.email)
    riga = add_trip(demo_workspace, _riga())
    registration = service.add_participant(
        demo_workspace,
        riga.id,
        ParticipantDetails(
            last_name="TAMM",
            first_name="kadri",
            email=kadri.details.email,
            job_title="CTO",
            phone="+372 5555 0000",
            organization="Another Company",
        ),
    )
    assert registration.row.contact_id == kadri.contact_id
    changed = _contact(demo_workspace, kadri.details.email)
    assert changed.phone == "+372 5555 0000"  # what the directory lacked is filled in
    assert (changed.first_name, changed.last_name) == ("Kadri", "Tamm")  # the rest is kept
    assert (changed.job_title, changed.organization) == (before.job_title, before.organization)
    removed = service.withdraw_registration(demo_workspace, registration)
    assert _contact(demo_workspace, kadri.details.email) == before
    service.restore_participant(demo_workspace, removed)  # redo
    assert _contact(demo_workspace, kadri.details.email).phone == "+372 5555 0000"


def test_undoing_an_addition_takes_away_the_organization_it_brought(demo_workspace, trip_id):
    details = ParticipantDetails(last_name="Nõmm", organization="Brand New OÜ")
    registration = service.add_participant(demo_workspace, trip_id, details)
    removed = service.withdraw_registration(demo_workspace, registration)
    names = {c.organization for c in directory.list_contacts(demo_workspace)}
    assert "Brand New OÜ" not in names
    row = service.restore_participant(demo_workspace, removed)
    assert row.details.organization == "Brand New OÜ"


def test_an_undo_refuses_to_overwrite_a_colleagues_change(demo_workspace, trip_id):
    rows = [r for r in list_participants(demo_workspace, trip_id)][:2]
    ids = [r.id for r in rows]
    changes = registrations.set_status(demo_workspace, ids, ParticipantStatus.CANCELLED)
    registrations.set_status(demo_workspace, [rows[0].id], ParticipantStatus.INVITED)  # a colleague
    with pytest.raises(ConflictError, match="since"):
        registrations.restore_statuses(demo_workspace, changes, ParticipantStatus.CANCELLED)
    assert get_participant(demo_workspace, rows[1].id).details.status == (
        ParticipantStatus.CANCELLED
    )  # all or nothing


def test_removing_several_is_all_or_nothing(demo_workspace, trip_id):
    rows = list_participants(demo_workspace, trip_id)[:3]
    service.remove_participant(demo_workspace, rows[2].id)
    with pytest.raises(Exception, match="no longer exists"):
        service.remove_participants(demo_workspace, [r.id for r in rows])
    assert get_participant(demo_workspace, rows[0].id).id == rows[0].id


def test_undoing_an_addition_leaves_no_contact_behind(demo_workspace, trip_id):
    details = ParticipantDetails(last_name="Nõmm", first_name="Ülle")
    count = len(directory.list_contacts(demo_workspace))
    registration = service.add_participant(demo_workspace, trip_id, details)
    removed = service.withdraw_registration(demo_workspace, registration)
    assert len(directory.list_contacts(demo_workspace)) == count
    row = service.restore_participant(demo_workspace, removed)
    assert row.id == registration.row.id
    assert row.contact_id == registration.row.contact_id
    assert len(directory.list_contacts(demo_workspace)) == count + 1


def test_undoing_an_edit_puts_someone_back_at_their_place_in_the_waiting_list(
    demo_workspace, trip_id
):
    waiting = sorted(
        (r for r in list_participants(demo_workspace, trip_id) if r.waitlist_position),
        key=lambda r: r.waitlist_position,
    )
    first = waiting[0]
    confirmed = service.update_participant(
        demo_workspace,
        first.id,
        first.version,
        replace(first.details, status=ParticipantStatus.CONFIRMED),
    )
    assert confirmed.waitlist_position is None
    back = service.revert_participant(demo_workspace, first.id, confirmed.details, first)
    assert back.waitlist_position == first.waitlist_position


def test_an_undo_step_checks_the_details_it_left_not_the_version(demo_workspace, trip_id):
    kadri = _by_name(demo_workspace, trip_id, "Tamm")
    edited = service.update_participant(
        demo_workspace, kadri.id, kadri.version, replace(kadri.details, phone="+372 5555 0000")
    )
    # Another step of the history moves the version without changing the details.
    changes = registrations.set_status(demo_workspace, [kadri.id], ParticipantStatus.CANCELLED)
    registrations.restore_statuses(demo_workspace, changes, ParticipantStatus.CANCELLED)
    assert get_participant(demo_workspace, kadri.id).version != edited.version
    undone = service.update_participant(
        demo_workspace, kadri.id, Unchanged(edited.details), kadri.details
    )
    assert undone.details == kadri.details
    # A colleague's change since is refused, naming who made it.
    service.update_participant(
        demo_workspace, kadri.id, None, replace(kadri.details, job_title="Colleague's")
    )
    with pytest.raises(ConflictError, match="since"):
        service.update_participant(
            demo_workspace, kadri.id, Unchanged(kadri.details), kadri.details
        )


def test_saving_the_same_details_writes_nothing(demo_workspace, trip_id):
    kadri = _by_name(demo_workspace, trip_id, "Tamm")
    again = service.update_participant(demo_workspace, kadri.id, kadri.version, kadri.details)
    assert again.version == kadri.version


def test_a_person_edited_from_two_trips_keeps_the_first_edit_and_refuses_the_second(
    demo_workspace, trip_id
):
    riga = add_trip(demo_workspace, _riga())
    kadri = _by_name(demo_workspace, trip_id, "Tamm")
    in_riga = service.add_contact_to_trip(demo_workspace, riga.id, kadri.contact_id)
    from_tallinn = get_participant(demo_workspace, kadri.id)
    from_riga = get_participant(demo_workspace, in_riga.id)  # both editors open
    service.update_participant(
        demo_workspace, from_tallinn.id, from_tallinn.version,
        replace(from_tallinn.details, phone="+372 5555 0101"), opened=from_tallinn,
    )  # fmt: skip
    with pytest.raises(ConflictError) as refused:
        service.update_participant(
            demo_workspace, from_riga.id, from_riga.version,
            replace(from_riga.details, job_title="CTO"), opened=from_riga,
        )  # fmt: skip
    saved = datetime.now().strftime("%H:%M")  # the colleague saved it just now, today
    assert str(refused.value) in {
        f"Kadri Tamm was changed by {current_user()} at {clock} since you opened it (Phone);"
        " nothing was saved"
        for clock in (saved, (datetime.now() - timedelta(minutes=1)).strftime("%H:%M"))
    }
    again = get_participant(demo_workspace, in_riga.id)
    assert again.details.phone == "+372 5555 0101" and again.details.job_title != "CTO"
    # Opened again, the edit goes through and keeps the colleague's phone.
    service.update_participant(
        demo_workspace, again.id, again.version, replace(again.details, job_title="CTO"),
        opened=again,
    )  # fmt: skip
    saved = get_participant(demo_workspace, kadri.id).details
    assert (saved.phone, saved.job_title) == ("+372 5555 0101", "CTO")


def test_a_contact_field_left_as_read_is_not_written_back(demo_workspace, trip_id):
    kadri = _by_name(demo_workspace, trip_id, "Tamm")
    stale = replace(kadri, details=replace(kadri.details, phone="+372 0000 0000"))
    # The editor read an older phone, the user changed only the diet: the phone held now
    # stays, though the details handed over carry the old one.
    service.update_participant(
        demo_workspace, kadri.id, kadri.version,
        replace(stale.details, dietary="vegan"), opened=stale,
    )  # fmt: skip
    saved = get_participant(demo_workspace, kadri.id).details
    assert saved.phone == kadri.details.phone and saved.dietary == "vegan"


def test_the_row_an_edit_hands_back_is_the_row_as_read(demo_workspace, trip_id):
    from delegation.services.hotels import list_rooms

    kadri = _by_name(demo_workspace, trip_id, "Tamm")
    room = next(room for room in list_rooms(demo_workspace, trip_id) if room.label)
    details = replace(
        kadri.details, organization="Another Company", group_codes=("B", "A"),
        room_id=room.id, phone="+372 5555 0000", status=ParticipantStatus.WAITLISTED,
    )  # fmt: skip
    saved = service.update_participant(demo_workspace, kadri.id, kadri.version, details)
    assert saved == get_participant(demo_workspace, kadri.id)
    assert saved.room_label == room.label and saved.details.group_codes == ("A", "B")
    back = service.revert_participant(demo_workspace, kadri.id, saved.details, kadri)
    assert back == get_participant(demo_workspace, kadri.id)
    assert back.details == kadri.details
