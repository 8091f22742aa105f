"""A trip's visit groups: list, add, change, reorder and remove them, and undo a removal."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from delegation.domain.errors import NotFoundError, ValidationError
from delegation.i18n import _, ngettext
from delegation.interchange.columns import fold
from delegation.persistence.models import (
    AgendaItem,
    Participant,
    Trip,
    TripGroup,
    agenda_item_groups,
    participant_groups,
)
from delegation.services.expected import Expected
from delegation.services.records import load_for_edit, one_line_problem
from delegation.services.workspace import Workspace

# Dark enough for white text (contrast 4.5:1 or more) and apart from each other on
# screen, in print and in greyscale copies; a new group takes the first one unused.
PALETTE = (
    "#1f5fa8",  # blue
    "#b35900",  # amber
    "#2e7d32",  # green
    "#7b3fa0",  # purple
    "#c62828",  # red
    "#00695c",  # teal
    "#5d4037",  # brown
    "#ad1457",  # magenta
)
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
CODE_LENGTH = 20
NAME_LENGTH = 100


@dataclass(frozen=True)
class GroupDetails:
    """What a person edits of a group."""

    code: str
    name: str
    colour: str | None = None


@dataclass(frozen=True)
class GroupSummary:
    id: int
    code: str
    name: str
    colour: str | None
    position: int
    members: int
    items: int
    version: int

    @property
    def details(self) -> GroupDetails:
        return GroupDetails(self.code, self.name, self.colour)


@dataclass(frozen=True)
class RemovedGroup:
    """What a removal took away, for its undo: the group and who and what used it."""

    trip_id: int
    group_id: int
    code: str
    name: str
    colour: str | None
    position: int
    participant_ids: tuple[int, ...]
    item_ids: tuple[int, ...]


def _trip_id(session: Session, trip_id: int) -> int:
    if session.get(Trip, trip_id) is None:
        raise NotFoundError(_("unknown trip: {reference}").format(reference=trip_id))
    return trip_id


def _summaries(session: Session, trip_id: int) -> list[GroupSummary]:
    members = (
        select(func.count())
        .select_from(participant_groups)
        .where(participant_groups.c.group_id == TripGroup.id)
        .scalar_subquery()
    )
    items = (
        select(func.count())
        .select_from(agenda_item_groups)
        .where(agenda_item_groups.c.group_id == TripGroup.id)
        .scalar_subquery()
    )
    rows = session.execute(
        select(TripGroup, members, items)
        .where(TripGroup.trip_id == trip_id)
        .order_by(TripGroup.position, TripGroup.id)
    )
    return [
        GroupSummary(
            g.id, g.code, g.name, g.colour, g.position, member_count, item_count, g.version
        )
        for g, member_count, item_count in rows
    ]


def list_group_summaries(workspace: Workspace, trip_id: int) -> list[GroupSummary]:
    """The trip's groups in their order, with how many people and items use each."""
    with workspace.reading() as session:
        return _summaries(session, _trip_id(session, trip_id))


def _summary(session: Session, group: TripGroup) -> GroupSummary:
    session.flush()
    return next(g for g in _summaries(session, group.trip_id) if g.id == group.id)


def detail_problems(details: GroupDetails) -> list[ValidationError]:
    """The problems of a group's details on their own, each naming its field (an editor
    shows them as the user types; the names of the trip's other groups are checked on
    saving)."""
    code, name, colour = details.code.strip(), details.name.strip(), details.colour
    problems = [
        problem
        for problem in (
            one_line_problem("code", code, CODE_LENGTH, _("a group needs a code, e.g. A")),
            one_line_problem("name", name, NAME_LENGTH, _("a group needs a name")),
        )
        if problem
    ]
    if "," in code or ";" in code:
        # A registration file lists several groups in one cell: "A, B".
        problems.append(ValidationError("code", _("a code cannot hold a comma or a semicolon")))
    if colour is not None and not _COLOUR.fullmatch(colour.strip()):
        problems.append(ValidationError("colour", _("write the colour as #RRGGBB, e.g. #1f5fa8")))
    return problems


def _problems(
    session: Session, trip_id: int, code: str, name: str, colour: str | None, own_id: int | None
) -> list[ValidationError]:
    """Every problem with a group's details, each naming its field."""
    problems = detail_problems(GroupDetails(code, name, colour))
    # Files name a group by its code or its name, in any case and with or without accents:
    # no two groups may be named alike.
    for other in session.scalars(
        select(TripGroup).where(TripGroup.trip_id == trip_id, TripGroup.id != (own_id or -1))
    ):
        taken = {fold(other.code), fold(other.name), group_key(other.code), group_key(other.name)}
        for field, text in (("code", code), ("name", name)):
            if text and {fold(text), group_key(text)} & taken:
                problems.append(
                    ValidationError(
                        field,
                        _("already used by group {code} ({name})").format(
                            code=other.code, name=other.name
                        ),
                    )
                )
    return problems


def first_free_colour(used: Iterable[str | None]) -> str:
    """The first colour of the palette that no group uses, else the palette's first."""
    taken = set(used)
    return next((colour for colour in PALETTE if colour not in taken), PALETTE[0])


def add_group(
    workspace: Workspace, trip_id: int, new: GroupDetails, *, new_id: int | None = None
) -> GroupSummary:
    """A new group at the end of the trip's; new_id makes it again under its old id (redo)."""
    code, name = new.code.strip(), new.name.strip()
    colour = new.colour.strip().lower() if new.colour else None
    with workspace.transaction() as session:
        _trip_id(session, trip_id)
        problems = _problems(session, trip_id, code, name, colour, None)
        if problems:
            raise problems[0]
        last = session.scalar(
            select(func.max(TripGroup.position)).where(TripGroup.trip_id == trip_id)
        )
        group = TripGroup(
            id=new_id,
            trip_id=trip_id,
            code=code,
            name=name,
            colour=colour
            or first_free_colour(
                session.scalars(select(TripGroup.colour).where(TripGroup.trip_id == trip_id))
            ),
            position=0 if last is None else last + 1,
        )
        session.add(group)
        return _summary(session, group)


def _load(session: Session, group_id: int, expected: Expected) -> TripGroup:
    return load_for_edit(
        session, TripGroup, group_id, expected,
        missing=_("unknown group: {reference}").format(reference=group_id),
        name=lambda group: _("group {code}").format(code=group.code),
        details=lambda group: GroupDetails(group.code, group.name, group.colour),
    )  # fmt: skip


def update_group(
    workspace: Workspace, group_id: int, expected: Expected, changes: dict[str, str | None]
) -> GroupSummary:
    """Rename or recolour a group; refused if it changed since the caller read it."""
    unknown = set(changes) - {"code", "name", "colour"}
    if unknown:
        raise ValidationError(", ".join(sorted(unknown)), _("this field cannot be changed here"))
    with workspace.transaction() as session:
        group = _load(session, group_id, expected)
        code = (changes.get("code") or group.code).strip()
        name = (changes.get("name") or group.name).strip()
        colour = changes.get("colour", group.colour)
        colour = colour.strip().lower() if colour else None
        problems = _problems(session, group.trip_id, code, name, colour, group.id)
        if problems:
            raise problems[0]
        group.code, group.name, group.colour = code, name, colour
        return _summary(session, group)


def save_group(
    workspace: Workspace,
    trip_id: int,
    group_id: int | None,
    expected: Expected,
    details: GroupDetails,
    *,
    new_id: int | None = None,
) -> GroupSummary:
    """Add a group (group_id None) or change one: what an editor's OK does."""
    if group_id is None:
        return add_group(workspace, trip_id, details, new_id=new_id)
    changes = {"code": details.code, "name": details.name, "colour": details.colour}
    return update_group(workspace, group_id, expected, changes)


def move_group(workspace: Workspace, group_id: int, steps: int) -> int:
    """Move a group earlier (negative steps) or later in the trip's order, not past either
    end; returns how far it went. The order of groups is that of lanes, legends, lists."""
    with workspace.transaction() as session:
        group = _load(session, group_id, None)
        ordered = list(
            session.scalars(
                select(TripGroup)
                .where(TripGroup.trip_id == group.trip_id)
                .order_by(TripGroup.position, TripGroup.id)
            )
        )
        index = ordered.index(group)
        target = min(max(index + steps, 0), len(ordered) - 1)
        ordered.insert(target, ordered.pop(index))
        for position, each in enumerate(ordered):
            if each.position != position:
                each.position = position
        return target - index


def remove_group(
    workspace: Workspace, group_id: int, *, from_everyone: bool = False
) -> RemovedGroup:
    """Delete a group. While people or items use it, refused unless from_everyone: then
    they lose this group (an item of this group alone becomes the whole delegation's)."""
    with workspace.transaction() as session:
        group = _load(session, group_id, None)
        people = _users(session, Participant, group)
        items = _users(session, AgendaItem, group)
        participant_ids = tuple(person.id for person in people)
        item_ids = tuple(item.id for item in items)
        if (participant_ids or item_ids) and not from_everyone:
            raise ValidationError(
                "group",
                _("group {code} is still used by {people} and {items}").format(
                    code=group.code,
                    people=ngettext("{n} participant", "{n} participants", len(participant_ids))
                    .format(n=len(participant_ids)),
                    items=ngettext("{n} agenda item", "{n} agenda items", len(item_ids))
                    .format(n=len(item_ids)),
                ),
            )  # fmt: skip
        removed = RemovedGroup(
            group.trip_id, group.id, group.code, group.name, group.colour, group.position,
            participant_ids, item_ids,
        )  # fmt: skip
        # Through the relationships, so that each person and item counts as edited (its
        # version moves): an editor open on one elsewhere is told, not overwritten.
        for user in (*people, *items):
            user.groups.remove(group)
        session.flush()
        session.delete(group)
        return removed


def _users(session: Session, model, group: TripGroup) -> list:
    """The participants or agenda items (model) that have the group."""
    return list(
        session.scalars(
            select(model).where(model.groups.any(TripGroup.id == group.id)).order_by(model.id)
        )
    )


def restore_group(workspace: Workspace, removed: RemovedGroup) -> GroupSummary:
    """Undo of a removal: the group again, under its id and at its place, with the people
    and items that had it and still exist."""
    with workspace.transaction() as session:
        _trip_id(session, removed.trip_id)
        problems = _problems(
            session, removed.trip_id, removed.code, removed.name, removed.colour, None
        )
        if problems:
            raise problems[0]
        later = session.scalars(
            select(TripGroup).where(
                TripGroup.trip_id == removed.trip_id, TripGroup.position >= removed.position
            )
        )
        for group in later:
            group.position += 1
        group = TripGroup(
            id=removed.group_id, trip_id=removed.trip_id, code=removed.code, name=removed.name,
            colour=removed.colour, position=removed.position,
        )  # fmt: skip
        session.add(group)
        for person in session.scalars(
            select(Participant).where(Participant.id.in_(removed.participant_ids))
        ):
            person.groups.append(group)
        for item in session.scalars(select(AgendaItem).where(AgendaItem.id.in_(removed.item_ids))):
            item.groups.append(group)
        return _summary(session, group)


def group_by_code(workspace: Workspace, trip_id: int, code: str) -> GroupSummary:
    """A trip's group by its code or name as a person types it (any case, accents)."""
    wanted = fold(code)
    with workspace.reading() as session:
        for group in _summaries(session, _trip_id(session, trip_id)):
            if wanted in (fold(group.code), fold(group.name)):
                return group
    raise NotFoundError(_("no group {code} in this trip").format(code=code.strip()))


# A cell saying "Groupe A" or "Group A" names group A.
_GROUP_WORDS = ("groupe ", "group ", "grp ")


def group_key(text: str) -> str:
    """How a file's name for a group is compared: folded, without a leading "groupe"."""
    key = fold(text)
    for word in _GROUP_WORDS:
        if key.startswith(word) and key[len(word) :]:
            return key[len(word) :]
    return key
