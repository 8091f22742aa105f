"""Importing a file again over registrations it made: what the bulk writing must keep."""

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import delete, text

from delegation.domain.enums import ParticipantStatus
from delegation.domain.errors import ConflictError, NotFoundError, ValidationError
from delegation.persistence.base import current_user
from delegation.persistence.models import Participant
from delegation.services import participants
from delegation.services.participant_import_planning import plan_participant_import
from delegation.services.participant_import_writing import (
    apply_participant_import,
    redo_participant_import,
    undo_participant_import,
)
from delegation.services.participant_rows import list_participants
from delegation.services.trips import NewTrip, add_trip

HEADER = "Prénom;Nom;E-mail;Organisation;Fonction;Régime alimentaire;Statut;Groupes\n"
PEOPLE = (
    "Hélène;Saar;helene@example.ee;Vieille Org;Directrice;;Confirmé;A\n"
    "Jüri;Õunapuu;juri@example.ee;Pärnu Sadam;Pilote;;Confirmé;A\n"
)


@pytest.fixture
def trip_id(workspace) -> int:
    trip = NewTrip("riga-2024", "Riga", "Riga", "LV", date(2024, 6, 3), date(2024, 6, 6))
    return add_trip(workspace, trip).id


def _import(workspace, trip_id, tmp_path, text: str):
    path = tmp_path / "inscrits.csv"
    path.write_text(HEADER + text, encoding="utf-8")
    return apply_participant_import(workspace, plan_participant_import(workspace, trip_id, path))


def _plan(workspace, trip_id, tmp_path, text: str):
    path = tmp_path / "again.csv"
    path.write_text(HEADER + text, encoding="utf-8")
    return plan_participant_import(workspace, trip_id, path)


def _query(workspace, sql: str) -> list[tuple]:
    with workspace.reading() as session:
        return [tuple(row) for row in session.execute(text(sql))]


def _snapshot(workspace) -> list[list[tuple]]:
    return [
        _query(workspace, f"SELECT * FROM {table} ORDER BY 1")
        for table in ("participants", "contacts", "organizations", "participant_groups")
    ]


def _versions(workspace) -> dict[str, tuple]:
    rows = _query(
        workspace,
        "SELECT c.last_name, p.version, c.version, p.updated_by, p.updated_at, c.updated_at "
        "FROM participants p JOIN contacts c ON c.id = p.contact_id",
    )
    return {row[0]: row[1:] for row in rows}


def test_versions_move_where_something_changed(workspace, trip_id, tmp_path):
    _import(workspace, trip_id, tmp_path, PEOPLE)
    before = _versions(workspace)
    # Hélène's job title is her contact's; Jüri's diet is his registration's.
    again = PEOPLE.replace("Directrice", "Présidente").replace("Pilote;;", "Pilote;Végétarien;")
    result = _import(workspace, trip_id, tmp_path, again)
    assert result.counts.changed == 2
    after = _versions(workspace)
    assert after["Saar"][:2] == (before["Saar"][0] + 1, before["Saar"][1] + 1)
    assert after["Õunapuu"][:2] == (before["Õunapuu"][0] + 1, before["Õunapuu"][1])
    assert after["Õunapuu"][4] == before["Õunapuu"][4]  # his contact was not written
    assert after["Saar"][2] == current_user()
    assert after["Saar"][3] >= before["Saar"][3]
    rows = {r.details.last_name: r.details for r in list_participants(workspace, trip_id)}
    assert rows["Saar"].job_title == "Présidente"
    assert rows["Õunapuu"].dietary == "Végétarien"


def test_a_registration_changed_since_the_file_was_read_refuses_it_whole(
    workspace, trip_id, tmp_path
):
    _import(workspace, trip_id, tmp_path, PEOPLE)
    plan = _plan(workspace, trip_id, tmp_path, PEOPLE.replace(";Confirmé;", ";Annulé;"))
    assert plan.counts.changed == 2
    juri = next(
        r for r in list_participants(workspace, trip_id)
        if r.details.first_name == "Jüri"
    )  # fmt: skip
    participants.update_participant(
        workspace, juri.id, None, replace(juri.details, notes="Arrive by ferry")
    )  # a colleague, after the file was read
    before = _snapshot(workspace)
    with pytest.raises(ConflictError, match="Jüri Õunapuu was changed since the file was read"):
        apply_participant_import(workspace, plan)
    assert _snapshot(workspace) == before


def test_an_email_of_another_contact_refuses_the_import(workspace, trip_id, tmp_path):
    other = NewTrip("oslo-2025", "Oslo", "Oslo", "NO", date(2025, 6, 3), date(2025, 6, 6))
    _import(
        workspace, add_trip(workspace, other).id, tmp_path, "Kadri;Tamm;kadri@example.ee;;;;;\n"
    )
    _import(workspace, trip_id, tmp_path, "Jaan;Kivi;;Pärnu Sadam;;;;\n" + PEOPLE)
    # Jaan, registered without an email, is given the email of Kadri, who is not on this trip.
    plan = _plan(workspace, trip_id, tmp_path, "Jaan;Kivi;kadri@example.ee;Pärnu Sadam;;;;\n")
    assert plan.counts.changed == 1
    before = _snapshot(workspace)
    with pytest.raises(ValidationError, match="belongs to another contact"):
        apply_participant_import(workspace, plan)
    assert _snapshot(workspace) == before


def test_an_organization_nobody_uses_any_more_goes_and_comes_back_with_undo(
    workspace, trip_id, tmp_path
):
    _import(workspace, trip_id, tmp_path, PEOPLE)

    def organizations() -> set[str]:
        return {name for (name,) in _query(workspace, "SELECT name FROM organizations")}

    assert organizations() == {"Vieille Org", "Pärnu Sadam"}
    plan = _plan(workspace, trip_id, tmp_path, PEOPLE.replace("Vieille Org", "Neuve Org"))
    result = apply_participant_import(workspace, plan)
    assert organizations() == {"Neuve Org", "Pärnu Sadam"}
    undo_participant_import(workspace, result)
    assert organizations() == {"Vieille Org", "Pärnu Sadam"}
    redo_participant_import(workspace, result)
    assert organizations() == {"Neuve Org", "Pärnu Sadam"}


def test_groups_change_and_undo_puts_them_back(workspace, trip_id, tmp_path):
    _import(workspace, trip_id, tmp_path, PEOPLE)
    before = _snapshot(workspace)
    plan = _plan(workspace, trip_id, tmp_path, PEOPLE.replace(";A\nJüri", ';"B, C"\nJüri'))
    result = apply_participant_import(workspace, plan)
    codes = {r.details.last_name: r.details.group_codes for r in list_participants(
        workspace, trip_id
    )}  # fmt: skip
    assert codes == {"Saar": ("B", "C"), "Õunapuu": ("A",)}
    undo_participant_import(workspace, result)
    assert _snapshot(workspace)[3] == before[3]  # the memberships
    codes = {r.details.last_name: r.details.group_codes for r in list_participants(
        workspace, trip_id
    )}  # fmt: skip
    assert codes == {"Saar": ("A",), "Õunapuu": ("A",)}


def test_people_joining_the_waiting_list_take_the_next_places_in_file_order(
    workspace, trip_id, tmp_path
):
    _import(workspace, trip_id, tmp_path, PEOPLE + "Kadri;Tamm;kadri@example.ee;;;;waitlisted;\n")
    waiting = PEOPLE.replace("Confirmé", "Liste d'attente") + (
        "Kadri;Tamm;kadri@example.ee;;;;waitlisted;\n"
    )
    lines = waiting.splitlines(keepends=True)
    _import(workspace, trip_id, tmp_path, lines[1] + lines[0] + lines[2])  # Jüri first
    places = {
        r.details.last_name: (r.details.status, r.waitlist_position)
        for r in list_participants(workspace, trip_id)
    }
    assert places == {
        "Tamm": (ParticipantStatus.WAITLISTED, 1),
        "Õunapuu": (ParticipantStatus.WAITLISTED, 2),
        "Saar": (ParticipantStatus.WAITLISTED, 3),
    }
    _import(workspace, trip_id, tmp_path, PEOPLE)  # confirmed again: off the list
    assert {r.waitlist_position for r in list_participants(workspace, trip_id)} == {
        1,
        None,
    }


def test_a_redo_over_a_registration_changed_since_the_undo_is_refused_whole(
    workspace, trip_id, tmp_path
):
    _import(workspace, trip_id, tmp_path, PEOPLE)
    result = apply_participant_import(
        workspace, _plan(workspace, trip_id, tmp_path, PEOPLE.replace(";Confirmé;", ";Annulé;"))
    )
    undo_participant_import(workspace, result)
    juri = next(r for r in list_participants(workspace, trip_id) if r.details.first_name == "Jüri")
    participants.update_participant(
        workspace, juri.id, None, replace(juri.details, notes="Arrive by ferry")
    )  # a colleague, after the undo
    before = _snapshot(workspace)
    with pytest.raises(ConflictError, match=r"Jüri Õunapuu was changed by .* since; this step"):
        redo_participant_import(workspace, result)
    assert _snapshot(workspace) == before
    with workspace.transaction() as session:
        session.execute(delete(Participant).where(Participant.id == juri.id))
    with pytest.raises(NotFoundError, match="this participant no longer exists"):
        redo_participant_import(workspace, result)
