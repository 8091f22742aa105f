"""Imports on a trip started from nothing: the groups and venues a file names are created
once, and a programme read again updates its items instead of doubling them."""

from datetime import date, time

import pytest
from openpyxl import load_workbook

from delegation.domain.enums import AgendaKind
from delegation.domain.errors import ConflictError, ValidationError
from delegation.i18n import set_language
from delegation.services.agenda import AgendaItemDetails, add_item, list_agenda, remove_item
from delegation.services.agenda_import_planning import plan_agenda_import
from delegation.services.agenda_import_writing import (
    apply_agenda_import,
    undo_agenda_import,
)
from delegation.services.directory import list_venues
from delegation.services.exports import export_programme
from delegation.services.groups import GroupDetails, add_group, list_group_summaries
from delegation.services.participant_import_planning import plan_participant_import
from delegation.services.participant_import_writing import (
    apply_participant_import,
    redo_participant_import,
    undo_participant_import,
)
from delegation.services.participant_rows import list_participants
from delegation.services.trips import NewTrip, add_trip
from delegation.services.workspace import Workspace


@pytest.fixture
def trip_id(workspace: Workspace) -> int:
    new = NewTrip(
        "tel-aviv-2024", "Mission Israël", "Tel Aviv", "IL", date(2024, 3, 26), date(2024, 3, 29)
    )
    return add_trip(workspace, new).id


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _groups(workspace, trip_id) -> list[tuple[str, str]]:
    return [(g.code, g.name) for g in list_group_summaries(workspace, trip_id)]


REGISTRATIONS = (
    "Prénom;Nom;Courriel;Société;Groupe\n"
    "Noa;Levi;noa.levi@example.il;Start-Up Nation;A\n"
    "王;小明;xiaoming.wang@example.cn;清华大学;b\n"
    "Κώστας;Παπαδόπουλος;kostas@example.gr;;A, B\n"
    "Mart;Kask;mart.kask@example.ee;;Groupe B\n"
    "Layla;Haddad;layla@example.lb;;Cybersécurité & IA\n"
    "Élodie;Martin;elodie@example.fr;;CYBERSECURITE & ia\n"
)


def test_a_registration_file_creates_the_groups_it_names_once_each(
    workspace, trip_id, tmp_path, database_backend
):
    set_language("fr")
    path = _write(tmp_path, "inscrits.csv", REGISTRATIONS)
    plan = plan_participant_import(workspace, trip_id, path)
    assert not plan.problems
    assert [g.code for g in plan.new_groups] == ["A", "B", "CI"]
    assert plan.creation_lines() == [
        "Crée les groupes A (Groupe A), B (Groupe B), CI (Cybersécurité & IA)."
    ]
    assert _groups(workspace, trip_id) == []  # a plan writes nothing
    result = apply_participant_import(workspace, plan)
    assert _groups(workspace, trip_id)[:2] == [("A", "Groupe A"), ("B", "Groupe B")]
    members = {
        r.details.last_name: r.details.group_codes for r in list_participants(workspace, trip_id)
    }
    assert members["Levi"] == ("A",) and members["小明"] == ("B",)
    assert members["Παπαδόπουλος"] == ("A", "B") and members["Kask"] == ("B",)
    assert members["Haddad"] == members["Martin"] == ("CI",)
    # The colours are the palette's, one each.
    assert len({g.colour for g in list_group_summaries(workspace, trip_id)}) == 3
    made = [g.id for g in list_group_summaries(workspace, trip_id)]
    undo_participant_import(workspace, result)
    assert _groups(workspace, trip_id) == [] and not list_participants(workspace, trip_id)
    # The redo gives the groups their ids back, which later steps of the history
    # (renaming one, say) refer to.
    again = redo_participant_import(workspace, result)
    assert [g.id for g in list_group_summaries(workspace, trip_id)] == made
    undo_participant_import(workspace, again)
    if database_backend != "sqlite":
        return  # a PostgreSQL sequence never gives a freed id again: none can be taken
    # Unless another group took one of them meanwhile: then the redo is refused whole.
    other = add_trip(workspace, NewTrip("riga-2024", "Riga", "Riga", "LV", date(2024, 6, 3),
                                        date(2024, 6, 6)))  # fmt: skip
    add_group(workspace, other.id, GroupDetails("X", "Autre"))
    with pytest.raises(ConflictError, match="importez de nouveau le fichier"):
        redo_participant_import(workspace, again)
    assert _groups(workspace, trip_id) == [] and not list_participants(workspace, trip_id)


def test_the_group_editor_refuses_a_near_miss_of_a_group(workspace, trip_id):
    add_group(workspace, trip_id, GroupDetails("A", "Agritech"))
    with pytest.raises(ValidationError, match="already used by group A"):
        add_group(workspace, trip_id, GroupDetails("GA", "Groupe A"))


def test_a_near_miss_of_an_existing_group_is_that_group(workspace, trip_id, tmp_path):
    add_group(workspace, trip_id, GroupDetails("ECO", "Économie numérique"))
    add_group(workspace, trip_id, GroupDetails("A", "Agritech"))
    path = _write(
        tmp_path,
        "inscrits.csv",
        "Nom;Courriel;Groupes\n"
        "Un;un@example.fr;economie NUMERIQUE\n"
        "Deux;deux@example.fr;eco\n"
        "Trois;trois@example.fr;groupe a\n"
        "Quatre;quatre@example.fr;AGRITECH / Eco\n",
    )
    plan = plan_participant_import(workspace, trip_id, path)
    assert plan.new_groups == () and plan.creation_lines() == []
    assert [row.details.group_codes for row in plan.creations] == [
        ("ECO",), ("ECO",), ("A",), ("ECO", "A"),
    ]  # fmt: skip


def test_a_programme_creates_its_groups_and_matches_venues_by_name_or_address(
    workspace, trip_id, tmp_path
):
    set_language("en")
    path = _write(
        tmp_path,
        "programme.csv",
        "Date,Start,End,Title,Venue,Address,Group(s)\n"
        '27/03/2024,09:00,11:00,Visit Check Point,Check Point HQ,"5 Shlomo Kaplan St, Tel Aviv",A\n'
        '27/03/2024,09:00,11:00,Visit Mobileye,Mobileye,"1 Shlomo Momo HaLevi, Jerusalem",B\n'
        "27/03/2024,14:00,15:00,Debrief,check point hq,,\n"
        '28/03/2024,10:00,12:00,Meeting,Check Point Software,"5, Shlomo Kaplan st. Tel-Aviv",\n',
    )
    plan = plan_agenda_import(workspace, trip_id, path)
    assert not plan.problems, plan.problem_lines()
    assert plan.creation_lines() == [
        "Creates groups A (Group A), B (Group B).",
        "Creates venues Check Point HQ, Mobileye.",
    ]
    result = apply_agenda_import(workspace, plan)
    assert sorted(v.details.name for v in list_venues(workspace)) == ["Check Point HQ", "Mobileye"]
    items = list_agenda(workspace, trip_id)
    assert {i.venue_name for i in items} == {"Check Point HQ", "Mobileye"}
    assert [i.details.group_codes for i in items][:2] == [("A",), ("B",)]
    undo_agenda_import(workspace, result)
    assert list_venues(workspace) == [] and _groups(workspace, trip_id) == []


def _programme(workspace, trip_id, tmp_path) -> list[int]:
    add_group(workspace, trip_id, GroupDetails("A", "Cyber"))
    add_group(workspace, trip_id, GroupDetails("B", "Santé"))
    ids = []
    for start, end, title, groups in (
        (time(9), time(11), "Visite", ("A",)),
        (time(9), time(11), "Visite", ("B",)),
        (time(12, 30), time(14), "Déjeuner à l'ambassade", ()),
        (time(22, 30), time(1, 30), "Dîner de gala", ()),
    ):
        details = AgendaItemDetails(
            date(2024, 3, 27), start, end, title_fr=title, kind=AgendaKind.VISIT,
            group_codes=groups,
        )  # fmt: skip
        ids.append(add_item(workspace, trip_id, details).id)
    return ids


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_programme_exported_edited_and_read_again_changes_what_was_edited(
    workspace, trip_id, tmp_path, language
):
    set_language(language)
    ids = _programme(workspace, trip_id, tmp_path)
    path = tmp_path / "programme.xlsx"
    export_programme(workspace, trip_id, path)
    again = plan_agenda_import(workspace, trip_id, path)
    assert (again.counts.created, again.counts.changed, again.counts.unchanged) == (0, 0, 4)

    book = load_workbook(path)
    sheet = book.active
    sheet["B3"] = time(9, 30)  # group B's visit starts later
    sheet["D4"] = "Déjeuner à la résidence"
    book.save(path)
    plan = plan_agenda_import(workspace, trip_id, path)
    assert (plan.counts.created, plan.counts.changed) == (0, 2)
    assert [p.item_id for p in plan.changes] == [ids[1], ids[2]]
    start, title = (sheet.cell(1, column).value for column in (2, 4))
    quoted = "« {} »" if language == "fr" else "“{}”"
    assert plan.change_lines() == [
        f"{path}:3: {quoted.format('Visite')}: {start} 09:00 → 09:30",
        f"{path}:4: {quoted.format('Déjeuner à la résidence')}: {title} "
        "Déjeuner à l'ambassade → Déjeuner à la résidence",
    ]
    apply_agenda_import(workspace, plan)
    items = {i.id: i.details for i in list_agenda(workspace, trip_id)}
    assert items[ids[1]].start_time == time(9, 30) and items[ids[1]].group_codes == ("B",)
    assert items[ids[2]].title(language) == "Déjeuner à la résidence"
    twice = plan_agenda_import(workspace, trip_id, path)
    assert (twice.counts.created, twice.counts.changed, twice.counts.unchanged) == (0, 0, 4)


def test_without_references_rows_match_on_day_and_title_then_start_and_venue(
    workspace, trip_id, tmp_path
):
    set_language("fr")
    ids = _programme(workspace, trip_id, tmp_path)
    path = _write(
        tmp_path,
        "programme.csv",
        "Date;Début;Fin;Titre;Groupe\n"
        "27/03/2024;09:00;11:00;VISITE;A\n"  # the same, in capitals
        "27/03/2024;09:15;11:00;Visite;B\n"  # B's, moved: told apart by its group
        "27/03/2024;12:30;14:00;Dejeuner a l'ambassade;\n"
        "27/03/2024;22:30;01:30;Dîner de gala;\n",
    )
    plan = plan_agenda_import(workspace, trip_id, path)
    assert not plan.problems, plan.problem_lines()
    assert plan.counts.created == 0
    assert [p.item_id for p in plan.changes] == [ids[0], ids[1], ids[2]]


def test_a_programme_row_at_a_time_the_clocks_skip_is_refused_saying_why(
    workspace, trip_id, tmp_path
):
    path = _write(
        tmp_path,
        "programme.csv",
        "Date,Start,End,Title\n"
        "28/03/2024,22:30,01:30,Gala dinner\n"
        "29/03/2024,02:30,04:00,Night flight check-in\n",
    )
    plan = plan_agenda_import(workspace, trip_id, path)
    assert plan.problem_lines() == [
        f"{path}:3: Start: 02:30 does not exist on 29/03/2024 in this trip’s time zone: clocks "
        "go forward from 02:00 to 03:00; the next valid time is 03:00"
    ]
    assert plan.counts.created == 1


def _counts(plan) -> tuple[int, int, int]:
    return plan.counts.created, plan.counts.changed, plan.counts.unchanged


def test_parallel_visits_of_one_title_and_start_are_told_apart(workspace, trip_id, tmp_path):
    add_group(workspace, trip_id, GroupDetails("A", "Cyber"))
    add_group(workspace, trip_id, GroupDetails("B", "Santé"))
    first = _write(
        tmp_path,
        "programme.csv",
        "Date;Début;Fin;Titre;Lieu;Groupe\n"
        "27/03/2024;14:00;16:00;Atelier;Check Point HQ;A\n"
        "27/03/2024;14:00;16:00;Atelier;Mobileye;B\n"
        "27/03/2024;08:00;08:45;Transfert;;\n"
        "27/03/2024;18:00;18:45;Transfert;;\n",
    )
    apply_agenda_import(workspace, plan_agenda_import(workspace, trip_id, first))
    assert _counts(plan_agenda_import(workspace, trip_id, first)) == (0, 0, 4)
    # Rows in another order, one workshop renamed, the evening transfer later: each row
    # updates its own item, whatever comes first in the file.
    again = _write(
        tmp_path,
        "programme2.csv",
        "Date;Début;Fin;Titre;Lieu;Groupe\n"
        "27/03/2024;18:30;19:15;Transfert;;\n"
        "27/03/2024;14:00;16:00;Atelier santé;Mobileye;B\n"
        "27/03/2024;08:00;08:45;Transfert;;\n"
        "27/03/2024;14:00;16:00;Atelier;Check Point HQ;A\n",
    )
    plan = plan_agenda_import(workspace, trip_id, again)
    assert _counts(plan) == (0, 2, 2)
    assert [line.split(": ", 2)[2] for line in plan.change_lines()] == [
        "Début 18:00 → 18:30; Fin 18:45 → 19:15",
        "Titre Atelier → Atelier santé",
    ]


# The refusal needs a freed id given again, as SQLite does; a PostgreSQL sequence never
# gives one twice, so there the redo cannot meet it.
@pytest.mark.sqlite_only
def test_a_reference_names_its_item_only_while_it_is_that_item(workspace, trip_id, tmp_path):
    set_language("en")
    add_item(
        workspace, trip_id,
        AgendaItemDetails(date(2024, 3, 27), time(10), time(11), title_en="Port visit"),
    )  # fmt: skip
    gala = add_item(
        workspace, trip_id,
        AgendaItemDetails(date(2024, 3, 27), time(20), time(23), title_en="Gala dinner"),
    )  # fmt: skip
    path = tmp_path / "programme.xlsx"
    export_programme(workspace, trip_id, path)
    book = load_workbook(path)
    book.active.insert_rows(2)  # a visit typed above, without reference
    for column, value in enumerate(["27/03/2024", "08:00", "09:00", "Port visit"], start=1):
        book.active.cell(2, column, value)
    book.save(path)
    plan = plan_agenda_import(workspace, trip_id, path)
    assert _counts(plan) == (1, 0, 2)  # the referenced row keeps its item
    # An id freed, then given to another item, is not the one the export meant.
    remove_item(workspace, gala.id)
    other = add_item(
        workspace, trip_id,
        AgendaItemDetails(date(2024, 3, 28), time(10), time(12), title_en="Factory visit"),
    )  # fmt: skip
    assert other.id == gala.id  # SQLite gives the freed id again
    plan = plan_agenda_import(workspace, trip_id, path)
    assert all(change.item_id != other.id for change in plan.changes)


def test_an_end_far_before_the_start_is_a_slip_not_a_night(workspace, trip_id, tmp_path):
    set_language("en")
    path = _write(tmp_path, "programme.csv", "Date,Start,End,Title\n27/03/2024,14:00,13:00,Talk\n")
    assert plan_agenda_import(workspace, trip_id, path).problem_lines() == [
        f"{path}:2: End: the item ends before it starts; an end on the next day is read only"
        " for an item of up to 12 hours, e.g. 22:30–01:30"
    ]


def test_a_venue_name_alone_finds_no_venue_of_another_city(workspace, trip_id, tmp_path):
    from delegation.services.directory import VenueDetails, save_venue

    save_venue(workspace, None, None, VenueDetails(
        name="Résidence de France", address="Toom-Rüütli 1, Tallinn", city="Tallinn"
    ))  # fmt: skip
    path = _write(
        tmp_path,
        "programme.csv",
        "Date;Début;Titre;Lieu\n27/03/2024;19:00;Réception;Résidence de France\n",
    )
    plan = plan_agenda_import(workspace, trip_id, path)
    assert plan.new_venues == ("Résidence de France",)


def test_a_change_report_says_next_day_and_names_languages(workspace, trip_id, tmp_path):
    set_language("fr")
    _programme(workspace, trip_id, tmp_path)
    path = _write(
        tmp_path, "programme.csv", "Date;Début;Fin;Titre\n27/03/2024;22:30;02:00;Dîner de gala\n"
    )
    [line] = plan_agenda_import(workspace, trip_id, path).change_lines()
    assert line.endswith("« Dîner de gala »: Fin 01:30 (+1) → 02:00 (+1)")
    people = _write(tmp_path, "inscrits.csv", "Nom;Courriel;Langue\nTamm;tamm@example.ee;fr\n")
    apply_participant_import(workspace, plan_participant_import(workspace, trip_id, people))
    people.write_text("Nom;Courriel;Langue\nTamm;tamm@example.ee;anglais\n", encoding="utf-8")
    [line] = plan_participant_import(workspace, trip_id, people).change_lines()
    assert line.endswith("Tamm: Langue Français → Anglais")
