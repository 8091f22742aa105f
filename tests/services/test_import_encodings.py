"""Planning an import of a CSV file that mixes encodings: refused, or repaired and said."""

import pytest

from delegation.domain.errors import MixedEncodingError
from delegation.services.agenda_import_planning import plan_agenda_import
from delegation.services.participant_import_planning import plan_participant_import
from delegation.services.trips import find_trip


@pytest.fixture
def trip_id(demo_workspace) -> int:
    return find_trip(demo_workspace, "tallinn-2023").id


def _mixed_participants(tmp_path):
    path = tmp_path / "inscrits.csv"
    path.write_bytes(
        "Prénom;Nom;E-mail;Société\nZoé;Ménard;zoe.menard@example.fr;Société Générale\n".encode()
        + b"H\xe9l\xe8ne;Lef\xe8vre;helene.lefevre@example.fr;Cr\xe9dit Agricole\n"
    )
    return path


def test_a_plan_is_refused_without_repair_and_repaired_with_it(demo_workspace, trip_id, tmp_path):
    path = _mixed_participants(tmp_path)
    with pytest.raises(MixedEncodingError) as refused:
        plan_participant_import(demo_workspace, trip_id, path)
    assert refused.value.lines == (3,)
    plan = plan_participant_import(demo_workspace, trip_id, path, repair_encoding=True)
    names = [(row.details.first_name, row.details.last_name) for row in plan.creations]
    assert names == [("Zoé", "Ménard"), ("Hélène", "Lefèvre")]
    assert plan.file.table.repaired_lines == (3,)
    assert plan.file.notes() == [
        "Line 3 held bytes that are not UTF-8; they were read as Windows-1252: check its accents."
    ]


def test_a_programme_plan_takes_the_repair_too(demo_workspace, trip_id, tmp_path):
    path = tmp_path / "programme.csv"
    path.write_bytes(
        "Date;Début;Fin;Intitulé\n".encode()
        + b"12/06/2023;09:00;10:00;R\xe9ception\n"
        + "12/06/2023;11:00;12:00;Visite guidée\n".encode()
    )
    with pytest.raises(MixedEncodingError):
        plan_agenda_import(demo_workspace, trip_id, path)
    plan = plan_agenda_import(demo_workspace, trip_id, path, repair_encoding=True)
    assert plan.file.table.rows[0].cells[3] == "Réception"
    assert "Line 2 held bytes" in plan.file.notes()[0]
