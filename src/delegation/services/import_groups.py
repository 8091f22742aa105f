"""The groups an import names: matched with the trip's by code or name ("Groupe A", "group
b", "A"), made when new, and dropped again when an undo leaves them unused."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from delegation.i18n import _
from delegation.interchange.columns import fold
from delegation.persistence.models import (
    TripGroup,
    agenda_item_groups,
    participant_groups,
)
from delegation.services.groups import CODE_LENGTH, NAME_LENGTH, first_free_colour, group_key
from delegation.services.records import refuse_taken_ids


@dataclass(frozen=True)
class NewGroup:
    """A group a file names that the trip lacks: the import creates it."""

    code: str
    name: str
    colour: str

    def described(self) -> str:
        return self.code if self.name == self.code else f"{self.code} ({self.name})"


class TripGroupNames:
    """The trip's groups as a file may name them (code or name, any case or accents, with
    or without a leading "Groupe"), and the groups to create for the names it lacks."""

    def __init__(self, session: Session, trip_id: int) -> None:
        self._codes: dict[str, str] = {}  # key -> code, in the trip's order of groups
        self._taken: set[str] = set()  # every group's code and name, folded
        colours: list[str | None] = []
        for code, name, colour in session.execute(
            select(TripGroup.code, TripGroup.name, TripGroup.colour)
            .where(TripGroup.trip_id == trip_id)
            .order_by(TripGroup.position, TripGroup.id)
        ):
            self._know(code, name)
            colours.append(colour)
        self._colours = colours
        self.created: list[NewGroup] = []

    def _know(self, code: str, name: str) -> None:
        for text in (code, name):
            self._codes.setdefault(fold(text), code)
            self._codes.setdefault(group_key(text), code)
            self._taken.add(fold(text))

    def codes(self, written: Sequence[str]) -> tuple[str, ...]:
        """The codes of the groups a cell names, in the trip's order (as the database gives
        them back); a name the trip lacks becomes a group to create, after the others."""
        for text in written:
            if fold(text) not in self._codes and group_key(text) not in self._codes:
                self._create(text)
        chosen = {self._codes.get(fold(text)) or self._codes[group_key(text)] for text in written}
        return tuple(code for code in dict.fromkeys(self._codes.values()) if code in chosen)

    def _create(self, text: str) -> None:
        text = " ".join(text.split())
        key = group_key(text)
        if len(key) <= 3 and " " not in key:  # "A", "b", "Groupe c", "Eco"
            code = key.upper()
            name = text if fold(text) != key else _("Group {code}").format(code=code)
        else:  # "Cybersécurité & IA": the initials, the text as its name
            code = "".join(word[0] for word in key.split()).upper()[:CODE_LENGTH]
            name = text[:NAME_LENGTH]
        base, number = code, 1
        while fold(code) in self._taken:
            number += 1
            code = f"{base}{number}"
        if fold(name) in self._taken:
            name = code
        colour = first_free_colour([*self._colours, *(g.colour for g in self.created)])
        self.created.append(NewGroup(code, name, colour))
        self._know(code, name)
        self._codes[key] = code


def create_groups(
    session: Session, trip_id: int, groups: Sequence[NewGroup], ids: Sequence[int] = ()
) -> list[int]:
    """Add the groups an import names, after the trip's; one made meanwhile under the same
    code is used as it is. `ids`: those they had before (a redo). Returns the ids made."""
    existing = dict(
        session.execute(
            select(TripGroup.code, TripGroup.id).where(TripGroup.trip_id == trip_id)
        ).all()
    )
    position = max(
        session.scalars(select(TripGroup.position).where(TripGroup.trip_id == trip_id)),
        default=-1,
    )
    refuse_taken_ids(session, TripGroup, ids)
    made = []
    reused = iter(ids)
    for group in groups:
        if group.code in existing:
            continue
        position += 1
        record = TripGroup(
            id=next(reused, None), trip_id=trip_id, code=group.code, name=group.name,
            colour=group.colour, position=position,
        )  # fmt: skip
        session.add(record)
        made.append(record)
    session.flush()
    return [record.id for record in made]


def drop_unused_groups(session: Session, group_ids: Sequence[int]) -> None:
    """The undo of create_groups: the groups it made go, unless someone uses them since."""
    for group_id in group_ids:
        used = session.scalar(
            select(participant_groups.c.group_id)
            .where(participant_groups.c.group_id == group_id)
            .limit(1)
        ) or session.scalar(
            select(agenda_item_groups.c.group_id)
            .where(agenda_item_groups.c.group_id == group_id)
            .limit(1)
        )
        group = session.get(TripGroup, group_id)
        if group is not None and used is None:
            session.delete(group)
