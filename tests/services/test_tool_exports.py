"""Registration exports laid out as each tool writes them land as the people they list."""

import json
from datetime import date
from pathlib import Path

import pytest

from delegation.domain.errors import DelegationError
from delegation.interchange.values import DateOrder
from delegation.services.groups import list_group_summaries
from delegation.services.participant_import_planning import plan_participant_import
from delegation.services.participant_import_writing import apply_participant_import
from delegation.services.participant_rows import list_participants
from delegation.services.summaries import NewTrip
from delegation.services.trips import add_trip

FILES = Path(__file__).parents[1] / "data" / "registrations"
EXPECTED = json.loads((FILES / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def trip_id(workspace) -> int:
    new = NewTrip("tallinn-2026", "Tallinn", "Tallinn", "EE", date(2026, 5, 18), date(2026, 5, 22))
    return add_trip(workspace, new).id


def _landed(workspace, trip_id) -> dict[str, dict]:
    names = {group.code: group.name for group in list_group_summaries(workspace, trip_id)}
    people = {}
    for row in list_participants(workspace, trip_id):
        details = row.details
        people[f"{details.first_name}|{details.last_name}"] = {
            "email": details.email,
            "status": details.status.value,
            "groups": sorted(names[code] for code in details.group_codes),
            "birth_date": details.birth_date.isoformat() if details.birth_date else None,
            "nationality": details.nationality,
            "phone": details.phone,
            "organization": details.organization,
        }
    return people


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_tool_s_export_lands_as_the_people_it_lists(workspace, trip_id, name):
    expected = EXPECTED[name]
    plan = plan_participant_import(workspace, trip_id, FILES / name)
    recognised = plan.file.profile.key if plan.file.profile else "excel-fr"
    assert recognised.startswith(expected["profile"])
    assert plan.problem_lines() == []
    apply_participant_import(workspace, plan)
    landed = _landed(workspace, trip_id)
    for person in expected["people"]:
        key = f"{person['first_name']}|{person['last_name']}"
        assert key in landed, f"{key} not among {sorted(landed)}"
        got = landed[key]
        want = {field: person.get(field) for field in got}
        want["status"] = want["status"] or "invited"  # no status column: the default
        want["groups"] = sorted(want["groups"] or [])
        assert got == want, key
    assert len(landed) == len(expected["people"])


def _csv(tmp_path, text: str, name: str = "inscrits.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_values_are_listed_once_each_and_mapped_as_the_user_says(
    workspace, trip_id, tmp_path
):
    header = "Nom;Prénom;Nationalité;Statut\n"
    rows = "".join(f"Nom{n};P;Bretonne;Sponsor\n" for n in range(5)) + "Autre;Q;Corse;Sponsor\n"
    path = _csv(tmp_path, header + rows)
    plan = plan_participant_import(workspace, trip_id, path)
    unknown = {(value.field, value.text): value.lines for value in plan.unknown_values()}
    assert unknown == {
        ("nationality", "Bretonne"): (2, 3, 4, 5, 6),
        ("status", "Sponsor"): (2, 3, 4, 5, 6, 7),
        ("nationality", "Corse"): (7,),
    }
    summary = plan.problem_summary()
    assert len(summary) == 3 and "Nationalité: Bretonne is not a country" in summary[0]
    assert "(5 rows: lines 2, 3, 4, 5, 6)" in summary[0]
    said = {("nationality", "bretonne"): "FR", ("nationality", "corse"): None}
    said[("status", "sponsor")] = "confirmed"
    plan = plan_participant_import(workspace, trip_id, path, values=said)
    assert plan.problems == ()
    apply_participant_import(workspace, plan)
    people = {row.details.last_name: row.details for row in list_participants(workspace, trip_id)}
    assert people["Nom0"].nationality == "FR" and people["Autre"].nationality is None
    assert {details.status.value for details in people.values()} == {"confirmed"}
    # The next file with the same header is read the same way, without asking again.
    again = _csv(tmp_path, header + "Neuf;R;bretonne;SPONSOR\n", "suivants.csv")
    plan = plan_participant_import(workspace, trip_id, again)
    assert plan.problems == () and plan.creations[0].details.nationality == "FR"
    other = _csv(tmp_path, "Nom;Nationalité\nNeuf;Bretonne\n", "autres.csv")
    assert plan_participant_import(workspace, trip_id, other).problems != ()


def test_an_ambiguous_date_column_is_read_by_the_file_s_language_and_said(
    workspace, trip_id, tmp_path
):
    path = _csv(tmp_path, "First name,Last name,Date of birth\nAnn,Lee,03/04/1990\n", "en.csv")
    plan = plan_participant_import(workspace, trip_id, path)
    assert plan.creations[0].details.birth_date == date(1990, 3, 4)  # US order, said
    assert any("read month first" in note for note in plan.file.notes())
    plan = plan_participant_import(
        workspace, trip_id, path, date_orders={"birth_date": DateOrder.DAY_FIRST}
    )
    assert plan.creations[0].details.birth_date == date(1990, 4, 3)
    # One value over 12 proves the order of the whole column: nothing to say.
    proven = _csv(tmp_path, "Prénom;Nom;Date de naissance\nA;B;03/04/1990\nC;D;12/31/1985\n")
    plan = plan_participant_import(workspace, trip_id, proven)
    assert [row.details.birth_date for row in plan.creations] == [
        date(1990, 3, 4),
        date(1985, 12, 31),
    ]
    assert not any("read" in note for note in plan.file.notes())


def test_a_title_above_the_header_is_skipped_and_said(workspace, trip_id):
    plan = plan_participant_import(workspace, trip_id, FILES / "excel_fr_inscrits.xlsx")
    assert plan.file.table.header_line > 1
    assert plan.file.notes()[0].startswith("Line")
    assert "skipped" in plan.file.notes()[0]


def test_a_file_without_names_says_which_columns_it_found(workspace, trip_id, tmp_path):
    path = _csv(tmp_path, "Prénom;Courriel\nA;a@example.com\n")
    with pytest.raises(DelegationError) as refused:
        plan_participant_import(workspace, trip_id, path)
    assert "no column for the last name (columns found: “Prénom”, “Courriel”)" in str(refused.value)


def test_an_order_s_email_is_nobody_s_when_it_was_given_for_several_people(
    workspace, trip_id, tmp_path
):
    path = _csv(
        tmp_path,
        "Order code,Position ID,Attendee name,Attendee email,Email\n"
        "AB12C,1,Jean Dupont,,assistant@corp.fr\n"
        "AB12C,2,Paul Martin,,assistant@corp.fr\n"
        "XY34Z,1,Anne Roy,,anne.roy@corp.fr\n",
        "pretix.csv",
    )
    plan = plan_participant_import(workspace, trip_id, path)
    assert plan.problems == ()
    emails = {row.details.last_name: row.details.email for row in plan.creations}
    assert emails == {"Dupont": None, "Martin": None, "Roy": "anne.roy@corp.fr"}


def test_an_ordinary_sheet_is_no_tool_s_export_for_one_of_its_words(workspace, trip_id, tmp_path):
    path = _csv(tmp_path, "First name,Last name,Email,Position,Company,Order code\n"
                "Ann,Lee,ann@example.com,CEO,Acme,17\n")  # fmt: skip
    plan = plan_participant_import(workspace, trip_id, path)
    assert plan.file.profile is None
    assert plan.creations[0].details.job_title == "CEO"


def test_a_french_sheet_with_english_looking_words_reads_dates_day_first(
    workspace, trip_id, tmp_path
):
    path = _csv(
        tmp_path,
        "Participant;Email;Date de naissance;Organisme\n"
        "Jean DUPONT;jean@example.fr;03/04/1985;Bpifrance\n"
        "Anne ROY;anne@example.fr;05/06/1980;Région Bretagne\n",
    )
    plan = plan_participant_import(workspace, trip_id, path)
    assert plan.creations[0].details.birth_date == date(1985, 4, 3)


def test_a_wide_file_names_its_first_ignored_columns_only(workspace, trip_id, tmp_path):
    extra = ";".join(f"Q{n}" for n in range(500))
    path = _csv(tmp_path, f"Nom;Prénom;{extra}\nDupont;Jean;{';' * 499}\n")
    text = plan_participant_import(workspace, trip_id, path).file.ignored_text()
    assert text.startswith("Q0, Q1,") and text.endswith("Q19 and 480 more")
