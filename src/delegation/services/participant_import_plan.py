"""What a participant import will do: the registrations it makes and changes, each from a
row of the file, and the key that tells one person from another without an email."""

from dataclasses import dataclass

from delegation.interchange.columns import fold
from delegation.services.import_groups import NewGroup
from delegation.services.imports import FieldChange, ImportProblem, PlanCounts
from delegation.services.participant_details import ParticipantDetails
from delegation.services.source_files import SourceFile


@dataclass(frozen=True)
class PlannedRow:
    line: int
    details: ParticipantDetails  # cleaned; for an update, what is known merged with the row
    participant_id: int | None = None  # the registration it updates; None: a new one
    version: int | None = None  # that registration's version when the file was read
    contact_id: int | None = None  # for a new one, the directory's contact to register
    differences: tuple[FieldChange, ...] = ()  # for an update, what it changes

    @property
    def label(self) -> str:
        return self.details.full_name


@dataclass(frozen=True)
class ParticipantImportPlan(PlanCounts):
    trip_id: int
    file: SourceFile
    creations: tuple[PlannedRow, ...]
    changes: tuple[PlannedRow, ...]
    unchanged: int
    problems: tuple[ImportProblem, ...]
    new_groups: tuple[NewGroup, ...] = ()

    def changed_ids(self) -> list[int]:
        """The registrations the changes update, in their order."""
        return [row.participant_id for row in self.changes if row.participant_id is not None]


def name_key(details: ParticipantDetails) -> tuple[str, str, str]:
    """Who a registration without email is: first name, last name and organization."""
    return (fold(details.first_name), fold(details.last_name), fold(details.organization or ""))
