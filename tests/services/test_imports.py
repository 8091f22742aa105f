"""Imports as use cases: matching, refusals that change nothing, undo and redo."""

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from delegation.domain.enums import ParticipantStatus
from delegation.domain.errors import DelegationError
from delegation.services import participants
from delegation.services.agenda import list_agenda
from delegation.services.agenda_import_planning import plan_agenda_import
from delegation.services.agenda_import_writing import (
    apply_agenda_import,
    undo_agenda_import,
)
from delegation.services.directory import list_contacts
from delegation.services.imports import ImportRefusedError
from delegation.services.participant_details import ParticipantDetails
from delegation.services.participant_import_planning import plan_participant_import
from delegation.services.participant_import_writing import (
    apply_participant_import,
    redo_participant_import,
    undo_participant_import,
)
from delegation.services.participant_rows import get_participant, list_participants
from delegation.services.trips import find_trip

HEADER = "Prénom;Nom;E-mail;Organisation;Statut;Groupes\n"


@pytest.fixture
def trip_id(demo_workspace) -> int:
    return find_trip(demo_workspace, "tallinn-2023").id


def _file(tmp_path, text: str, name: str = "inscrits.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _snapshot(workspace) -> list:
    with workspace.reading() as session:
        return [
            [tuple(row) for row in session.execute(text(f"SELECT * FROM {table} ORDER BY 1"))]
            for table in ("participants", "contacts", "organizations", "participant_groups")
        ]


def test_rows_without_email_are_matched_on_name_and_organization(demo_workspace, trip_id, tmp_path):
    path = _file(tmp_path, HEADER + "Jaan;Kivi;;Pärnu Sadam;Confirmé;A\n")
    first = apply_participant_import(
        demo_workspace, plan_participant_import(demo_workspace, trip_id, path)
    )
    assert first.counts.created == 1
    path = _file(tmp_path, HEADER + "JAAN;kivi;;Pärnu Sadam;Invité;A\n")
    plan = plan_participant_import(demo_workspace, trip_id, path)
    assert (plan.counts.created, plan.counts.changed) == (0, 1)


def test_waitlisted_rows_join_the_end_of_the_waiting_list(demo_workspace, trip_id, tmp_path):
    path = _file(
        tmp_path,
        HEADER + "A;Un;a1@example.ee;;Liste d'attente;\nB;Deux;b2@example.ee;;waitlisted;\n",
    )
    apply_participant_import(demo_workspace, plan_participant_import(demo_workspace, trip_id, path))
    waiting = sorted(
        (r for r in list_participants(demo_workspace, trip_id) if r.waitlist_position),
        key=lambda r: r.waitlist_position,
    )
    assert [r.details.last_name for r in waiting[-2:]] == ["Un", "Deux"]
    assert all(r.details.status == ParticipantStatus.WAITLISTED for r in waiting)


def test_an_email_of_someone_else_in_the_directory_is_a_problem(demo_workspace, trip_id, tmp_path):
    from delegation.services.trips import NewTrip, add_trip

    riga = add_trip(
        demo_workspace,
        NewTrip("riga-2024", "Riga", "Riga", "LV", date(2024, 6, 3), date(2024, 6, 6)),
    )
    path = _file(tmp_path, HEADER + "Someone;Else;kadri.tamm@mistral-data.example;;;\n")
    plan = plan_participant_import(demo_workspace, riga.id, path)
    [problem] = plan.problems
    assert problem.located("inscrits.csv") == (
        "inscrits.csv:2: email: this email belongs to Kadri Tamm in the contacts"
    )
    path = _file(tmp_path, HEADER + "Kadri;Tamm;kadri.tamm@mistral-data.example;;;\n")
    plan = plan_participant_import(demo_workspace, riga.id, path)
    assert plan.creations[0].contact_id is not None  # the directory's Kadri, registered


def test_a_refused_file_changes_nothing_and_lists_every_problem(demo_workspace, trip_id, tmp_path):
    before = _snapshot(demo_workspace)
    path = _file(
        tmp_path,
        HEADER + "A;Un;a1@example.ee;;Zorglub;Z\nB;;b2@example.ee;;;\nC;Trois;pas-un-email;;;\n",
    )
    plan = plan_participant_import(demo_workspace, trip_id, path)
    assert [p.located("f") for p in plan.problems] == [
        "f:2: status: Zorglub is not a status (invited, confirmed, waitlisted, cancelled)",
        "f:3: last_name: a last name is required",
        "f:4: email: not an email address",
    ]
    with pytest.raises(ImportRefusedError, match="3 problems"):
        apply_participant_import(demo_workspace, plan)
    assert _snapshot(demo_workspace) == before


def test_an_import_undone_leaves_the_database_as_it_was_and_redone_keeps_ids(
    demo_workspace, trip_id, tmp_path
):
    kadri = next(
        r for r in list_participants(demo_workspace, trip_id)
        if r.details.first_name == "Kadri"
    )  # fmt: skip
    before = _snapshot(demo_workspace)
    path = _file(
        tmp_path,
        HEADER
        + "Hélène;Saar;helene@example.ee;Nouvelle Org;Confirmé;A\n"
        + f"Kadri;Tamm;{kadri.details.email};;Annulé;\n",
    )
    plan = plan_participant_import(demo_workspace, trip_id, path)
    result = apply_participant_import(demo_workspace, plan)
    assert (result.counts.created, result.counts.changed) == (1, 1)
    undo_participant_import(demo_workspace, result)
    after_undo = _snapshot(demo_workspace)
    assert [len(table) for table in after_undo] == [len(table) for table in before]
    back = get_participant(demo_workspace, kadri.id)
    assert back.details == kadri.details
    assert "Nouvelle Org" not in {c.organization for c in list_contacts(demo_workspace)}
    again = redo_participant_import(demo_workspace, result)
    assert again.participant_ids == result.participant_ids


def test_a_programme_import_undone_takes_its_venue_back(demo_workspace, trip_id, tmp_path):
    path = _file(
        tmp_path,
        "Date;Heure de début;Heure de fin;Titre;Lieu;Adresse\n"
        "08/05/2023;20h;21h30;Concert à l'église Saint-Nicolas;Niguliste;Niguliste 3\n",
        "programme.csv",
    )
    result = apply_agenda_import(demo_workspace, plan_agenda_import(demo_workspace, trip_id, path))
    concert = next(r for r in list_agenda(demo_workspace, trip_id) if r.venue_name == "Niguliste")
    assert concert.details.title_fr == "Concert à l'église Saint-Nicolas"
    assert concert.venue_address == "Niguliste 3"
    undo_agenda_import(demo_workspace, result)
    assert len(list_agenda(demo_workspace, trip_id)) == 19


_VALID = (HEADER + "Hélène;Saar;helene@example.ee;Tartu Ülikool;Confirmé;A\n").encode("utf-8")


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.data())
def test_any_damaged_file_is_refused_cleanly_or_imported(demo_workspace, trip_id, tmp_path, data):
    content = bytearray(_VALID)
    for _ in range(data.draw(st.integers(1, 6))):
        position = data.draw(st.integers(0, len(content) - 1))
        action = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip":
            content[position] = data.draw(st.integers(0, 255))
        elif action == "cut":
            del content[position:]
            if not content:
                break
        else:
            content[position:position] = data.draw(st.binary(min_size=1, max_size=8))
    path = tmp_path / "damaged.csv"
    path.write_bytes(bytes(content))
    before = _snapshot(demo_workspace)
    try:
        plan = plan_participant_import(demo_workspace, trip_id, path)
        result = apply_participant_import(demo_workspace, plan)
    except DelegationError:
        assert _snapshot(demo_workspace) == before
    else:
        undo_participant_import(demo_workspace, result)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_exported_list_reads_back_unchanged(demo_workspace, trip_id, tmp_path, language, suffix):
    from delegation.i18n import set_language
    from delegation.services.exports import export_participants

    set_language(language)
    first = list_participants(demo_workspace, trip_id)[0]
    participants.update_participant(
        demo_workspace, first.id, None, replace(first.details, notes='=HYPERLINK("x")')
    )
    path = tmp_path / f"list{suffix}"
    export_participants(demo_workspace, trip_id, path, include_sensitive=True)
    plan = plan_participant_import(demo_workspace, trip_id, path)
    assert plan.problem_lines() == []
    assert plan.file.ignored == (("Chambre",) if language == "fr" else ("Room",))
    assert (plan.counts.created, plan.counts.changed, plan.counts.unchanged) == (0, 0, 62)


def test_an_undo_refuses_to_overwrite_a_colleagues_later_change(demo_workspace, trip_id, tmp_path):
    path = _file(tmp_path, HEADER + "Hélène;Saar;helene@example.ee;;Confirmé;a\n")
    result = apply_participant_import(
        demo_workspace, plan_participant_import(demo_workspace, trip_id, path)
    )
    row = get_participant(demo_workspace, result.participant_ids[0])
    assert row.details.group_codes == ("A",)  # "a" is group A
    participants.update_participant(
        demo_workspace, row.id, None, replace(row.details, dietary="Végétarienne")
    )  # a colleague, after the import
    with pytest.raises(DelegationError, match="since"):
        undo_participant_import(demo_workspace, result)
    assert get_participant(demo_workspace, row.id).details.dietary == "Végétarienne"


# The refusal needs a freed id given again, as SQLite does; a PostgreSQL sequence never
# gives one twice, so there the redo cannot meet it.
@pytest.mark.sqlite_only
def test_a_redo_refuses_when_the_ids_were_taken(demo_workspace, trip_id, tmp_path):
    path = _file(tmp_path, HEADER + "Hélène;Saar;helene@example.ee;;;\n")
    plan = plan_participant_import(demo_workspace, trip_id, path)
    result = apply_participant_import(demo_workspace, plan)
    undo_participant_import(demo_workspace, result)
    participants.add_participant(demo_workspace, trip_id, ParticipantDetails("Kivi"))
    with pytest.raises(DelegationError, match="import the file again"):
        redo_participant_import(demo_workspace, result)


def test_an_undo_puts_back_the_directory_contact_it_filled_in(demo_workspace, tmp_path):
    from delegation.services.trips import NewTrip, add_trip

    riga = add_trip(
        demo_workspace,
        NewTrip("riga-2024", "Riga", "Riga", "LV", date(2024, 6, 3), date(2024, 6, 6)),
    )
    path = _file(
        tmp_path,
        "Prénom;Nom;E-mail;Date de naissance\n"
        "Kadri;Tamm;kadri.tamm@mistral-data.example;12/04/1985\n",
    )
    result = apply_participant_import(
        demo_workspace, plan_participant_import(demo_workspace, riga.id, path)
    )
    assert get_participant(demo_workspace, result.participant_ids[0]).details.birth_date == date(
        1985, 4, 12
    )
    undo_participant_import(demo_workspace, result)
    tallinn = find_trip(demo_workspace, "tallinn-2023").id
    kadri = next(
        r for r in list_participants(demo_workspace, tallinn)
        if r.details.first_name == "Kadri"
    )  # fmt: skip
    assert kadri.details.birth_date is None


def test_an_email_finds_the_person_first_listed_without_one(demo_workspace, trip_id, tmp_path):
    path = _file(tmp_path, HEADER + "Hélène;Dupré;;Université d'Aix;;\n")
    apply_participant_import(demo_workspace, plan_participant_import(demo_workspace, trip_id, path))
    path = _file(tmp_path, HEADER + "Hélène;Dupré;helene.dupre@univ.example;Université d'Aix;;\n")
    plan = plan_participant_import(demo_workspace, trip_id, path)
    assert (plan.counts.created, plan.counts.changed) == (0, 1)


def test_a_row_repeated_as_is_counts_once(demo_workspace, trip_id, tmp_path):
    row = "Hélène;Saar;helene@example.ee;;Confirmé;A\n"
    plan = plan_participant_import(demo_workspace, trip_id, _file(tmp_path, HEADER + row + row))
    assert plan.problems == () and plan.counts.created == 1
    other = row.replace("Confirmé", "Annulé")
    plan = plan_participant_import(demo_workspace, trip_id, _file(tmp_path, HEADER + row + other))
    assert [problem.located("f") for problem in plan.problems] == [
        "f:3: email: the same person as on line 2, with other details"
    ]


def test_groups_written_in_any_order_undo_without_a_false_conflict(
    demo_workspace, trip_id, tmp_path
):
    path = _file(tmp_path, HEADER + 'Hélène;Saar;helene@example.ee;;Confirmé;"B, A"\n')
    result = apply_participant_import(
        demo_workspace, plan_participant_import(demo_workspace, trip_id, path)
    )
    row = get_participant(demo_workspace, result.participant_ids[0])
    assert row.details.group_codes == ("A", "B")
    undo_participant_import(demo_workspace, result)


@pytest.mark.parametrize("with_email", [True, False])
def test_two_previews_of_one_file_applied_in_turn_add_each_person_once(
    demo_workspace, trip_id, tmp_path, with_email
):
    email = "ilmar.kivi@example.ee" if with_email else ""
    path = _file(tmp_path, HEADER + f"Ilmar;Kivi;{email};Tartu Ülikool;;\n")
    first = plan_participant_import(demo_workspace, trip_id, path)
    second = plan_participant_import(demo_workspace, trip_id, path)  # another window
    apply_participant_import(demo_workspace, first)
    count = len(list_participants(demo_workspace, trip_id))
    with pytest.raises(DelegationError, match="Ilmar Kivi was added by someone else meanwhile"):
        apply_participant_import(demo_workspace, second)
    assert len(list_participants(demo_workspace, trip_id)) == count
    again = plan_participant_import(demo_workspace, trip_id, path)
    assert again.counts.created == 0 and again.counts.unchanged == 1


def test_two_previews_of_one_programme_applied_in_turn_add_each_item_once(
    demo_workspace, trip_id, tmp_path
):
    path = _file(
        tmp_path, "Date;Début;Fin;Intitulé\n09/05/2023;21:00;22:00;Concert d'orgue\n", "prog.csv"
    )
    first = plan_agenda_import(demo_workspace, trip_id, path)
    second = plan_agenda_import(demo_workspace, trip_id, path)
    apply_agenda_import(demo_workspace, first)
    count = len(list_agenda(demo_workspace, trip_id))
    with pytest.raises(DelegationError, match="was added by someone else meanwhile"):
        apply_agenda_import(demo_workspace, second)
    assert len(list_agenda(demo_workspace, trip_id)) == count


def test_a_contact_taken_out_of_the_directory_after_the_preview_is_refused_whole(
    demo_workspace, trip_id, tmp_path
):
    from sqlalchemy import delete

    from delegation.persistence.models import Contact

    with demo_workspace.transaction() as session:
        session.add(Contact(first_name="Maarja", last_name="Ilves", email="maarja@example.ee"))
    path = _file(tmp_path, HEADER + "Maarja;Ilves;maarja@example.ee;;;\n")
    plan = plan_participant_import(demo_workspace, trip_id, path)
    with demo_workspace.transaction() as session:
        session.execute(delete(Contact).where(Contact.email == "maarja@example.ee"))
    count = len(list_participants(demo_workspace, trip_id))
    with pytest.raises(DelegationError, match="Maarja Ilves was removed from the directory"):
        apply_participant_import(demo_workspace, plan)
    assert len(list_participants(demo_workspace, trip_id)) == count
