"""Undoable edits of hotels, rooms and travel legs."""

from delegation.domain.enums import RoomType
from delegation.i18n import _, ngettext
from delegation.services import hotels, travel
from delegation.services.hotels import HotelDetails, HotelRow
from delegation.services.travel import SegmentDetails, SegmentRow
from delegation.ui.commands import (
    Describe,
    EditContext,
    RestorableCommand,
    SaveRecordCommand,
    ServiceCommand,
)


class SaveHotelCommand(SaveRecordCommand):
    area = "logistics"

    def __init__(
        self, context: EditContext, trip_id: int, before: HotelRow | None, details: HotelDetails
    ) -> None:
        super().__init__(
            context,
            lambda: (_("Add hotel {name}") if before is None else _("Edit hotel {name}")).format(
                name=details.name
            ),
            before,
            details,
        )
        self._trip_id = trip_id

    def save(self, record_id, expected, details, new_id) -> HotelRow:
        return hotels.save_hotel(
            self.workspace, self._trip_id, record_id, expected, details, new_id=new_id
        )

    def remove(self, record_id: int) -> None:
        hotels.remove_hotel(self.workspace, record_id)


class RemoveHotelCommand(RestorableCommand):
    area = "logistics"
    removes = True

    def __init__(self, context: EditContext, hotel: HotelRow) -> None:
        super().__init__(context, lambda: _("Remove hotel {name}").format(name=hotel.name))
        self._id = hotel.id

    def take_out(self) -> hotels.RemovedHotel:
        return hotels.remove_hotel(self.workspace, self._id)

    def put_back(self, taken: hotels.RemovedHotel) -> None:
        hotels.restore_hotel(self.workspace, taken)


class AddRoomsCommand(RestorableCommand):
    area = "logistics"

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

    def first(self) -> None:
        self._ids = hotels.add_rooms(
            self.workspace, self._hotel_id, self._labels, self._type, self._capacity
        )

    def take_out(self) -> list[hotels.RemovedRoom]:
        return hotels.remove_rooms(self.workspace, self._ids)

    def put_back(self, taken: list[hotels.RemovedRoom]) -> None:
        hotels.restore_rooms(self.workspace, taken)


class RemoveRoomsCommand(RestorableCommand):
    area = "logistics"
    removes = True

    def __init__(self, context: EditContext, room_ids: list[int]) -> None:
        count = len(room_ids)
        super().__init__(
            context, lambda: ngettext("Remove {n} room", "Remove {n} rooms", count).format(n=count)
        )
        self._ids = room_ids

    def take_out(self) -> list[hotels.RemovedRoom]:
        return hotels.remove_rooms(self.workspace, self._ids)

    def put_back(self, taken: list[hotels.RemovedRoom]) -> None:
        hotels.restore_rooms(self.workspace, taken)


def _leg_name(details: SegmentDetails) -> str:
    return " ".join(p for p in (details.carrier, details.number) if p) or _("travel leg")


class SaveSegmentCommand(SaveRecordCommand):
    area = "logistics"

    def __init__(
        self, context: EditContext, trip_id: int, before: SegmentRow | None,
        details: SegmentDetails,
    ) -> None:  # fmt: skip
        super().__init__(
            context,
            lambda: (_("Add {name}") if before is None else _("Edit {name}")).format(
                name=_leg_name(details)
            ),
            before,
            details,
        )
        self._trip_id = trip_id
        self._taken: travel.RemovedSegment | None = None  # the new leg, as its undo took it

    def save(self, record_id, expected, details, new_id) -> SegmentRow:
        if record_id is None and self._taken is not None:
            # A redo brings the leg back as the undo took it: same calendar UID and sequence.
            row, self._taken = travel.restore_segment(self.workspace, self._taken), None
            return row
        return travel.save_segment(
            self.workspace, self._trip_id, record_id, expected, details, new_id=new_id
        )

    def remove(self, record_id: int) -> None:
        self._taken = travel.remove_segment(self.workspace, record_id)


class RemoveSegmentCommand(RestorableCommand):
    area = "logistics"
    removes = True

    def __init__(self, context: EditContext, segment: SegmentRow) -> None:
        super().__init__(
            context, lambda: _("Remove {name}").format(name=_leg_name(segment.details))
        )
        self._id = segment.id

    def take_out(self) -> travel.RemovedSegment:
        return travel.remove_segment(self.workspace, self._id)

    def put_back(self, taken: travel.RemovedSegment) -> None:
        travel.restore_segment(self.workspace, taken)


class SetPassengersCommand(ServiceCommand):
    area = "logistics"

    def __init__(
        self, context: EditContext, segment: SegmentRow, participant_ids: list[int],
        describe: Describe,
    ) -> None:  # fmt: skip
        super().__init__(context, describe)
        self._id = segment.id
        self._after = participant_ids
        self._before: list[int] = []
        self._replaying = False

    def do(self) -> None:
        redo = self._before if self._replaying else None
        self._before = travel.set_passengers(self.workspace, self._id, self._after, expected=redo)
        self._replaying = True  # from now on, do() is a redo

    def changed_nothing(self) -> bool:
        return sorted(self._before) == sorted(self._after)

    def undo_it(self) -> None:
        travel.set_passengers(self.workspace, self._id, self._before, expected=self._after)
