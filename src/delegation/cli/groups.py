"""delegation groups: list a trip's visit groups, add, change and remove them."""

import argparse
from collections.abc import Callable, Sequence

from delegation.i18n import _, ngettext

ACTIONS = ("list", "add", "edit", "remove")


def add_groups_command(commands) -> None:
    groups = commands.add_parser(
        "groups", help=_("list a trip's groups, or add, change and remove one")
    )
    actions = groups.add_subparsers(dest="groups_command", metavar="ACTION")
    listing = actions.add_parser("list", help=_("the trip's groups (the default)"))
    listing.add_argument("trip", metavar="TRIP", help=_("the trip's key or numeric id"))

    add = actions.add_parser("add", help=_("add a group at the end of the trip's"))
    add.add_argument("trip", metavar="TRIP", help=_("the trip's key or numeric id"))
    add.add_argument("--code", required=True, help=_("short code, e.g. A"))
    add.add_argument("--name", required=True, help=_('e.g. "Cybersécurité & IA"'))
    add.add_argument(
        "--colour", metavar="#RRGGBB", help=_("default: the first colour of the palette unused")
    )

    edit = actions.add_parser("edit", help=_("rename or recolour a group"))
    edit.add_argument("trip", metavar="TRIP", help=_("the trip's key or numeric id"))
    edit.add_argument("group", metavar="GROUP", help=_("the group's code or name"))
    edit.add_argument("--code", help=_("the new code"))
    edit.add_argument("--name", help=_("the new name"))
    edit.add_argument("--colour", metavar="#RRGGBB", help=_("the new colour"))

    remove = actions.add_parser("remove", help=_("remove a group nobody uses"))
    remove.add_argument("trip", metavar="TRIP", help=_("the trip's key or numeric id"))
    remove.add_argument("group", metavar="GROUP", help=_("the group's code or name"))
    remove.add_argument(
        "--from-everyone",
        action="store_true",
        help=_(
            "remove it even while in use: its members leave it, and an item of this group"
            " alone becomes the whole delegation's"
        ),
    )


def with_default_action(raw: Sequence[str]) -> list[str]:
    """'groups TRIP' lists: argparse needs the action named, so "list" is put in."""
    arguments = list(raw)
    if "groups" in arguments:
        index = arguments.index("groups") + 1
        if index < len(arguments) and arguments[index] not in (*ACTIONS, "-h", "--help"):
            arguments.insert(index, "list")
    return arguments


def run_groups(workspace, arguments: argparse.Namespace, print_table: Callable[..., None]) -> int:
    from delegation.services.groups import (
        GroupDetails,
        add_group,
        group_by_code,
        list_group_summaries,
        remove_group,
        update_group,
    )
    from delegation.services.trips import find_trip

    trip = find_trip(workspace, arguments.trip)
    action = arguments.groups_command
    if action == "add":
        group = add_group(workspace, trip.id, GroupDetails(arguments.code, arguments.name,
                                                        arguments.colour))  # fmt: skip
        print(_("Added group {code}: {name} ({colour}).").format(
            code=group.code, name=group.name, colour=group.colour))  # fmt: skip
        return 0
    if action == "edit":
        group = group_by_code(workspace, trip.id, arguments.group)
        changes = {
            field: value
            for field, value in (
                ("code", arguments.code), ("name", arguments.name), ("colour", arguments.colour)
            )
            if value is not None
        }  # fmt: skip
        changed = update_group(workspace, group.id, group.version, changes)
        print(_("Group {code}: {name} ({colour}).").format(
            code=changed.code, name=changed.name, colour=changed.colour))  # fmt: skip
        return 0
    if action == "remove":
        group = group_by_code(workspace, trip.id, arguments.group)
        removed = remove_group(workspace, group.id, from_everyone=arguments.from_everyone)
        print(_("Removed group {code}.").format(code=removed.code))
        if removed.participant_ids or removed.item_ids:
            print(
                _("It was taken from {people} and {items}.").format(
                    people=ngettext("{n} participant", "{n} participants",
                                    len(removed.participant_ids)).format(
                        n=len(removed.participant_ids)),
                    items=ngettext("{n} agenda item", "{n} agenda items",
                                   len(removed.item_ids)).format(n=len(removed.item_ids)),
                )
            )  # fmt: skip
        return 0
    groups = list_group_summaries(workspace, trip.id)
    if not groups:
        print(
            _("No groups in {trip} yet. Add one with 'delegation groups add'.").format(
                trip=trip.key
            )
        )
        return 0
    print_table(
        [_("CODE"), _("NAME"), _("COLOUR"), _("MEMBERS"), _("ITEMS")],
        [[g.code, g.name, g.colour or "", str(g.members), str(g.items)] for g in groups],
    )
    return 0
