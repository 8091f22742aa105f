"""Undoable edits of hotels, rooms and travel legs."""

from delegation.domain.enums import RoomType
from delegation.i18n import _, ngettext
from delegation.services import hotels, travel
from delegation.services.changes import Changes, Kind
from delegation.services.hotels import HotelDetails, HotelRow
from delegation.services.travel import SegmentDetails, SegmentRow
from delegation.ui.commands import Describe, EditCommand, EditContext, RecordSave


def _rooms_taken(trip_id: int | None, rooms: list[hotels.RemovedRoom]) -> Changes:
    """Rooms taken out or put back, and who slept in them."""
    return Changes.of(trip_id, Kind.ROOM, [room.id for room in rooms]) | Changes.of(
        trip_id, Kind.PARTICIPANT, [person for room in rooms for person in room.occupant_ids]
    )


class SaveHotelCommand(EditCommand):
    def __init__(
        self, context: EditContext, trip_id: int, before: HotelRow | None, details: HotelDetails
    ) -> None:
        super().__init__(
            context,
            lambda: (_("Add hotel {name}") if before is None else _("Edit hotel {name}")).format(
                name=details.name
            ),
        )
        self._trip_id = trip_id
        workspace = self.workspace
        self._save: RecordSave[HotelRow, HotelDetails, hotels.RemovedHotel] = RecordSave(
            before,
            details,
            add=lambda new: hotels.save_hotel(workspace, trip_id, None, None, new),
            update=lambda hotel_id, expected, new: hotels.save_hotel(
                workspace, trip_id, hotel_id, expected, new
            ),
            remove=lambda hotel_id: hotels.remove_hotel(workspace, hotel_id),
            restore=lambda taken: hotels.restore_hotel(workspace, taken),
        )

    def do(self) -> None:
        row = self._save.do()
        self.changes = Changes.of(self._trip_id, Kind.HOTEL, [row.id])

    def undo(self) -> None:
        self._save.undo()

    def changed_nothing(self) -> bool:
        return self._save.changed_nothing()


class RemoveHotelCommand(EditCommand):
    def __init__(self, context: EditContext, hotel: HotelRow) -> None:
        super().__init__(context, lambda: _("Remove hotel {name}").format(name=hotel.name))
        self._id = hotel.id
        self._taken: hotels.RemovedHotel | None = None

    def do(self) -> None:
        self._taken = hotels.remove_hotel(self.workspace, self._id)
        trip_id = self._taken.trip_id
        self.changes = Changes.of(trip_id, Kind.HOTEL, [self._id]) | _rooms_taken(
            trip_id, self._taken.rooms
        )

    def undo(self) -> None:
        assert self._taken is not None
        hotels.restore_hotel(self.workspace, self._taken)


class AddRoomsCommand(EditCommand):
    def __init__(
        self, context: EditContext, hotel_id: int, labels: list[str], room_type: RoomType,
        capacity: int,
    ) -> None:  # fmt: skip
        count = len(labels)
        super().__init__(
            context, lambda: ngettext("Add {n} room", "Add {n} rooms", count).format(n=count)
        )
        self._hotel_id = hotel_id
        self._labels, self._type, self._capacity = labels, room_type, capacity
        self._ids: list[int] = []
        self._taken: list[hotels.RemovedRoom] | None = None  # as the undo took them out

    def do(self) -> None:
        if self._taken is not None:  # a redo: the same ids
            hotels.restore_rooms(self.workspace, self._taken)
        else:
            self._ids = hotels.add_rooms(
                self.workspace, self._hotel_id, self._labels, self._type, self._capacity
            )
        self.changes = Changes.of(self.trip_id, Kind.ROOM, self._ids)

    def undo(self) -> None:
        self._taken = hotels.remove_rooms(self.workspace, self._ids)


class RemoveRoomsCommand(EditCommand):
    def __init__(self, context: EditContext, room_ids: list[int]) -> None:
        count = len(room_ids)
        super().__init__(
            context, lambda: ngettext("Remove {n} room", "Remove {n} rooms", count).format(n=count)
        )
        self._ids = room_ids
        self._taken: list[hotels.RemovedRoom] = []

    def do(self) -> None:
        self._taken = hotels.remove_rooms(self.workspace, self._ids)
        self.changes = _rooms_taken(self.trip_id, self._taken)

    def undo(self) -> None:
        hotels.restore_rooms(self.workspace, self._taken)


def _leg_name(details: SegmentDetails) -> str:
    return " ".join(p for p in (details.carrier, details.number) if p) or _("travel leg")


class SaveSegmentCommand(EditCommand):
    def __init__(
        self, context: EditContext, trip_id: int, before: SegmentRow | None,
        details: SegmentDetails,
    ) -> None:  # fmt: skip
        super().__init__(
            context,
            lambda: (_("Add {name}") if before is None else _("Edit {name}")).format(
                name=_leg_name(details)
            ),
        )
        self._trip_id = trip_id
        workspace = self.workspace
        # A redo brings a new leg back as its undo took it: same calendar UID and sequence.
        self._save: RecordSave[SegmentRow, SegmentDetails, travel.RemovedSegment] = RecordSave(
            before,
            details,
            add=lambda new: travel.save_segment(workspace, trip_id, None, None, new),
            update=lambda segment_id, expected, new: travel.save_segment(
                workspace, trip_id, segment_id, expected, new
            ),
            remove=lambda segment_id: travel.remove_segment(workspace, segment_id),
            restore=lambda taken: travel.restore_segment(workspace, taken),
        )

    def do(self) -> None:
        row = self._save.do()
        self.changes = Changes.of(self._trip_id, Kind.SEGMENT, [row.id])

    def undo(self) -> None:
        self._save.undo()

    def changed_nothing(self) -> bool:
        return self._save.changed_nothing()


class RemoveSegmentCommand(EditCommand):
    def __init__(self, context: EditContext, segment: SegmentRow) -> None:
        super().__init__(
            context, lambda: _("Remove {name}").format(name=_leg_name(segment.details))
        )
        self._id = segment.id
        self._taken: travel.RemovedSegment | None = None

    def do(self) -> None:
        self._taken = travel.remove_segment(self.workspace, self._id)
        self.changes = Changes.of(self._taken.trip_id, Kind.SEGMENT, [self._id])

    def undo(self) -> None:
        assert self._taken is not None
        travel.restore_segment(self.workspace, self._taken)


class SetPassengersCommand(EditCommand):
    def __init__(
        self, context: EditContext, segment: SegmentRow, participant_ids: list[int],
        describe: Describe,
    ) -> None:  # fmt: skip
        super().__init__(context, describe)
        self._id = segment.id
        self._after = participant_ids
        self._before: list[int] | None = None  # who was on the leg, once done
        self.changes = Changes.of(self.trip_id, Kind.SEGMENT, [segment.id])

    def do(self) -> None:
        if self._before is None:
            self._before = travel.set_passengers(self.workspace, self._id, self._after)
        else:  # a redo, over whom the undo put back
            travel.restore_passengers(self.workspace, self._id, self._after, left=self._before)

    def changed_nothing(self) -> bool:
        return sorted(self._before or []) == sorted(self._after)

    def undo(self) -> None:
        assert self._before is not None
        travel.restore_passengers(self.workspace, self._id, self._before, left=self._after)
