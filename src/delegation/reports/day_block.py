"""A day of the programme as one flowable: cut between rows at a page end, the next page
opening with the day's heading again, marked as continued.

A heading thus never stands alone at a page foot (it leaves with the day's first rows),
and a reader who opens the document on any page of the programme sees which day it is.
"""

from copy import copy

from reportlab.platypus import Flowable


def _outer_height(flowable: Flowable, width: float, height: float, canv=None) -> float:
    # On the canvas when the block knows it: a row's height depends on its page (a venue's
    # QR code is printed once a page).
    wrapped = flowable.wrapOn(canv, width, height) if canv else flowable.wrap(width, height)
    return flowable.getSpaceBefore() + wrapped[1] + flowable.getSpaceAfter()


def _forced_split(row: Flowable, width: float, height: float) -> list[Flowable]:
    """A row that would move whole, cut anyway: it does not fit under the heading even on
    a page of its own."""
    if height <= 0 or not hasattr(type(row), "frame_height"):
        return []
    loose = copy(row)
    loose.frame_height = 0.0
    return loose.split(width, height)


def _heading_over(heading: list[Flowable], rows: list[Flowable]) -> list[Flowable]:
    """The heading, without its row of column labels when none of these rows is in columns."""
    if any(getattr(row, "in_columns", False) for row in rows):
        return heading
    return [f for f in heading if not getattr(f, "labels_columns", False)]


class DayBlock(Flowable):
    """The heading flowables, then the rows; `continued` heads the part on the next page."""

    def __init__(
        self,
        heading: list[Flowable],
        continued: list[Flowable],
        rows: list[Flowable],
        *,
        keep: int = 1,
    ) -> None:
        super().__init__()
        self.heading = heading
        self.continued = continued
        self.rows = rows
        self.keep = keep  # the rows that stay with the heading, when the day has as many
        self._frame_height = 0.0
        self._heights: list[float] = []
        # The day's bookmark (reports/pages.py), carried by the block's first part only: its
        # heading is drawn inside the block, out of the document's sight.
        self.outline_entry = getattr(heading[0], "outline_entry", None) if heading else None

    # build_pdf tells the frame's height: rows shorter than a page then move whole.
    @property
    def frame_height(self) -> float:
        return self._frame_height

    @frame_height.setter
    def frame_height(self, value: float) -> None:
        self._frame_height = value
        for row in self.rows:
            if hasattr(type(row), "frame_height"):
                row.frame_height = value

    def _children(self) -> list[Flowable]:
        return [*self.heading, *self.rows]

    def wrap(self, available_width, available_height):
        self.width = available_width
        canv = getattr(self, "canv", None)
        self._heights = [
            _outer_height(f, available_width, available_height, canv) for f in self._children()
        ]
        self.height = sum(self._heights)
        return self.width, self.height

    def draw(self) -> None:
        y = self.height
        for flowable, height in zip(self._children(), self._heights, strict=True):
            y -= height
            flowable.drawOn(self.canv, 0, y + flowable.getSpaceAfter())

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        width, canv = available_width, getattr(self, "canv", None)
        used = sum(_outer_height(f, width, available_height, canv) for f in self.heading)
        at_top = self._frame_height and available_height >= self._frame_height * 0.95
        taken: list[Flowable] = []
        rest: list[Flowable] = []
        for index, row in enumerate(self.rows):
            height = _outer_height(row, width, available_height, canv)
            if used + height <= available_height:
                taken.append(row)
                used += height
                continue
            # A row taller than a page is cut inside; a shorter one moves whole.
            parts = row.split(width, available_height - used) if used < available_height else []
            if not parts and not taken and at_top:
                parts = _forced_split(row, width, available_height - used)
            if len(parts) > 1:
                taken.append(parts[0])
                rest = [*parts[1:], *self.rows[index + 1 :]]
            else:
                rest = self.rows[index:]
            break
        if not rest:
            return [self]
        keep = 1 if at_top else min(self.keep, len(self.rows))
        if len(taken) < keep:
            return []  # the heading goes to the next page with its rows
        first = DayBlock(_heading_over(self.heading, taken), self.continued, taken, keep=self.keep)
        second = DayBlock(_heading_over(self.continued, rest), self.continued, rest, keep=1)
        for part in (first, second):
            part.frame_height = self._frame_height
        return [first, second]
