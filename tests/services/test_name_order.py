"""One alphabetical order everywhere: the booklet, the exported list and the printed list."""

import csv

from delegation.domain.enums import ParticipantStatus
from delegation.services.exports import export_participants
from delegation.services.itinerary_data import read_trip_snapshot
from delegation.services.participant_details import ParticipantDetails
from delegation.services.participants import add_participant
from delegation.services.trips import find_trip

NAMES = ("Brémond", "Bérard", "Õunapuu", "Oja", "Zola", "élodie-Ernst", "Eder")
MARK = "Ordrealphabétique"  # a first name no one in the sample has
EXPECTED = ["Bérard", "Brémond", "Eder", "élodie-Ernst", "Oja", "Õunapuu", "Zola"]


def _trip_with_names(workspace) -> int:
    trip_id = find_trip(workspace, "tallinn-2023").id
    for name in NAMES:
        add_participant(
            workspace,
            trip_id,
            ParticipantDetails(name, MARK, status=ParticipantStatus.CONFIRMED),
        )
    return trip_id


def _ours(people: list[tuple[str, str]]) -> list[str]:
    return [last for last, first in people if first == MARK]


def test_the_booklet_follows_the_lists_order(demo_workspace):
    _trip_with_names(demo_workspace)
    people = read_trip_snapshot(demo_workspace, "tallinn-2023").people
    assert _ours([(person.last_name, person.first_name) for person in people]) == EXPECTED


def test_the_exported_list_follows_the_same_order(demo_workspace, tmp_path):
    _trip_with_names(demo_workspace)
    target = tmp_path / "list.csv"
    export_participants(demo_workspace, "tallinn-2023", target)
    with target.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream, delimiter=","))
    assert _ours([(row[0], row[1]) for row in rows[1:]]) == EXPECTED
