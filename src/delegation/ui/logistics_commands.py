"""Undoable edits of hotels, rooms and travel legs."""

from delegation.domain.enums import RoomType
from delegation.i18n import _, ngettext
from delegation.services import hotels, travel
from delegation.services.hotels import HotelDetails, HotelRow
from delegation.services.travel import SegmentDetails, SegmentRow
from delegation.ui.commands import EditContext, SaveRecordCommand, ServiceCommand


class SaveHotelCommand(SaveRecordCommand):
    area = "logistics"

    def __init__(
        self, context: EditContext, trip_id: int, before: HotelRow | None, details: HotelDetails
    ) -> None:
        text = _("Add hotel {name}") if before is None else _("Edit hotel {name}")
        workspace = context.workspace
        super().__init__(
            context,
            text.format(name=details.name),
            before,
            details,
            lambda hotel_id, version, d, new_id: hotels.save_hotel(
                workspace, trip_id, hotel_id, version, d, new_id=new_id
            ),
            lambda hotel_id: hotels.remove_hotel(workspace, hotel_id),
        )


class RemoveHotelCommand(ServiceCommand):
    area = "logistics"

    def __init__(self, context: EditContext, hotel: HotelRow) -> None:
        super().__init__(context, _("Remove hotel {name}").format(name=hotel.name))
        self._id = hotel.id
        self._removed: hotels.RemovedHotel | None = None

    def do(self) -> None:
        self._removed = hotels.remove_hotel(self.workspace, self._id)

    def undo_it(self) -> None:
        hotels.restore_hotel(self.workspace, self._removed)


class AddRoomsCommand(ServiceCommand):
    area = "logistics"

    def __init__(
        self, context: EditContext, hotel_id: int, labels: list[str], room_type: RoomType,
        capacity: int,
    ) -> None:  # fmt: skip
        super().__init__(
            context,
            ngettext("Add {n} room", "Add {n} rooms", len(labels)).format(n=len(labels)),
        )
        self._hotel_id = hotel_id
        self._labels, self._type, self._capacity = labels, room_type, capacity
        self._removed: list[hotels.RemovedRoom] = []
        self._ids: list[int] = []

    def do(self) -> None:
        if self._removed:
            hotels.restore_rooms(self.workspace, self._removed)
        else:
            self._ids = hotels.add_rooms(
                self.workspace, self._hotel_id, self._labels, self._type, self._capacity
            )

    def undo_it(self) -> None:
        self._removed = hotels.remove_rooms(self.workspace, self._ids)


class RemoveRoomsCommand(ServiceCommand):
    area = "logistics"

    def __init__(self, context: EditContext, room_ids: list[int]) -> None:
        super().__init__(
            context,
            ngettext("Remove {n} room", "Remove {n} rooms", len(room_ids)).format(n=len(room_ids)),
        )
        self._ids = room_ids
        self._removed: list[hotels.RemovedRoom] = []

    def do(self) -> None:
        self._removed = hotels.remove_rooms(self.workspace, self._ids)

    def undo_it(self) -> None:
        hotels.restore_rooms(self.workspace, self._removed)


class SaveSegmentCommand(SaveRecordCommand):
    area = "logistics"

    def __init__(
        self, context: EditContext, trip_id: int, before: SegmentRow | None,
        details: SegmentDetails,
    ) -> None:  # fmt: skip
        name = " ".join(p for p in (details.carrier, details.number) if p) or _("travel leg")
        text = _("Add {name}") if before is None else _("Edit {name}")
        workspace = context.workspace
        super().__init__(
            context,
            text.format(name=name),
            before,
            details,
            lambda segment_id, version, d, new_id: travel.save_segment(
                workspace, trip_id, segment_id, version, d, new_id=new_id
            ),
            lambda segment_id: travel.remove_segment(workspace, segment_id),
        )


class RemoveSegmentCommand(ServiceCommand):
    area = "logistics"

    def __init__(self, context: EditContext, segment: SegmentRow) -> None:
        super().__init__(context, _("Remove a travel leg"))
        self._id = segment.id
        self._removed: travel.RemovedSegment | None = None

    def do(self) -> None:
        self._removed = travel.remove_segment(self.workspace, self._id)

    def undo_it(self) -> None:
        travel.restore_segment(self.workspace, self._removed)


class SetPassengersCommand(ServiceCommand):
    area = "logistics"

    def __init__(
        self, context: EditContext, segment: SegmentRow, participant_ids: list[int], text: str
    ) -> None:
        super().__init__(context, text)
        self._id = segment.id
        self._after = participant_ids
        self._before: list[int] = []

    def do(self) -> None:
        self._before = travel.set_passengers(self.workspace, self._id, self._after)

    def undo_it(self) -> None:
        travel.set_passengers(self.workspace, self._id, self._before)
