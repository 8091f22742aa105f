"""One day of the programme drawn on a time axis, parallel items side by side.

On a day where groups have items at the same time, each group keeps one lane all day;
items for the whole delegation span the width. An item ending past midnight runs to the
bottom of the day, its lower edge torn, with an arrow down. An item can be moved with
the mouse (5-minute steps) or with Alt+Up / Alt+Down (15 minutes); its end follows. What
is selected is said in words too (accessible description, `selection_described`).
"""

from datetime import datetime, time, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QScrollArea, QToolTip, QWidget

from delegation.domain.enums import AgendaStatus
from delegation.i18n import _, current_language, ngettext
from delegation.i18n.formatting import format_time, format_time_range, home_time_range
from delegation.i18n.labels import agenda_status_label
from delegation.services.agenda import AgendaItemRow
from delegation.services.participant_rows import GroupRow
from delegation.ui.widgets.day_layout import Placed, place_items

AXIS_WIDTH = 56
PIXELS_PER_MINUTE = 1.1
DRAG_STEP_MINUTES = 5
KEY_STEP_MINUTES = 15
EVERYONE_COLOUR = "#5a6b7b"


class DayTimeline(QWidget):
    item_selected = Signal(object)  # item id or None
    item_activated = Signal(int)
    move_requested = Signal(int, int)  # item id, minutes (+ later, - earlier)
    selection_described = Signal(str)  # the selected item in words, "" when none

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reached with Tab, like the list
        self.setMouseTracking(True)
        self.setAccessibleName(_("Programme of the day"))
        self.setWhatsThis(self.keys_help())
        self.setMinimumWidth(420)
        self._placed: list[Placed] = []
        self._groups: list[GroupRow] = []
        self._selected: int | None = None
        self._first_hour = 7
        self._last_hour = 23
        self._timezone = "UTC"
        self._home_timezone = "UTC"
        self._drag_item: Placed | None = None
        self._drag_origin_y = 0.0
        self._drag_minutes = 0
        self._describe_selection()

    def set_day(
        self,
        rows: list[AgendaItemRow],
        groups: list[GroupRow],
        timezone: str,
        home_timezone: str,
    ) -> None:
        self._groups = groups
        self._timezone, self._home_timezone = timezone, home_timezone
        self._placed = place_items(rows, groups)
        starts = [item.start for item in self._placed] or [7 * 60]
        ends = [item.end for item in self._placed] or [23 * 60]
        self._first_hour = min(7, min(starts) // 60)
        self._last_hour = max(23, -(-max(ends) // 60))
        if self._selected not in {item.row.id for item in self._placed}:
            self._selected = None
        self.setMinimumHeight(self._y(self._last_hour * 60) + 10)
        self.updateGeometry()
        self.update()
        self._describe_selection()  # the item may have moved, been renamed or gone

    def selected_id(self) -> int | None:
        return self._selected

    def item_ids(self) -> list[int]:
        """The items drawn, in order of their start."""
        return [item.row.id for item in self._placed]

    def select(self, item_id: int | None) -> None:
        if item_id != self._selected:
            self._selected = item_id
            self.update()
            self._describe_selection()
            self._scroll_to_selected()
            self.item_selected.emit(item_id)

    # In words, for whoever does not see the drawing.
    @staticmethod
    def keys_help() -> str:
        return _(
            "Up and Down arrows choose the previous or next item; Enter edits it. "
            "Alt+Up and Alt+Down move it 15 minutes earlier or later; "
            "Alt+Left and Alt+Right move it to the day before or after."
        )

    def describe(self, row: AgendaItemRow) -> str:
        """An item as the list shows it: times, title, groups, venue, status, home time."""
        details = row.details
        local = format_time_range(details.start_time, details.end_time)
        title = details.title(current_language())
        codes = details.group_codes
        if codes:
            names = {group.code: group.name for group in self._groups}
            text = ngettext(
                "{time}, {title}, group {groups}", "{time}, {title}, groups {groups}", len(codes)
            ).format(time=local, title=title, groups=", ".join(names.get(c, c) for c in codes))
        else:
            text = _("{time}, {title}, whole delegation").format(time=local, title=title)
        parts = [text]
        if row.venue_name:
            parts.append(row.venue_name)
        if details.status != AgendaStatus.CONFIRMED:
            parts.append(agenda_status_label(details.status))
        if self._home_timezone != self._timezone:
            parts.append(
                _("{time} at home ({zone})").format(
                    time=self._home_range(row), zone=self._home_timezone
                )
            )
        return " — ".join(parts)

    def selection_text(self) -> str:
        item = next((item for item in self._placed if item.row.id == self._selected), None)
        return "" if item is None else self.describe(item.row)

    def _describe_selection(self) -> None:
        text = self.selection_text()
        self.setAccessibleDescription(
            _("Selected: {item}").format(item=text)
            if text
            else _("No item selected. {keys}").format(keys=self.keys_help())
        )
        self.selection_described.emit(text)

    def _home_range(self, row: AgendaItemRow) -> str:
        d = row.details
        return home_time_range(d.day, d.start_time, d.end_time, self._timezone, self._home_timezone)

    def _scroll_to_selected(self) -> None:
        # After the pending layout: a page just built does not know its size yet.
        QTimer.singleShot(0, self, self._scroll_now)

    def _scroll_now(self) -> None:
        area = self._scroll_area()
        item = next((item for item in self._placed if item.row.id == self._selected), None)
        if area is not None and item is not None:
            rect = self._rect(item)
            area.ensureVisible(
                int(rect.center().x()), int(rect.center().y()), 0, int(rect.height() / 2) + 16
            )

    def _scroll_area(self) -> QScrollArea | None:
        parent = self.parentWidget()  # the scroll area's viewport
        area = parent.parentWidget() if parent is not None else None
        return area if isinstance(area, QScrollArea) else None

    def show_first_item(self) -> None:
        """Scroll so that the day's first item shows near the top, once laid out."""

        def scroll() -> None:
            area = self._scroll_area()
            if area is not None and self._placed:
                first = min(item.start for item in self._placed)
                area.verticalScrollBar().setValue(max(0, self._y(first) - 24))

        QTimer.singleShot(0, self, scroll)

    def sizeHint(self) -> QSize:
        return QSize(640, self._y(self._last_hour * 60) + 10)

    # Geometry.
    def _y(self, minutes: float) -> int:
        return int(8 + (minutes - self._first_hour * 60) * PIXELS_PER_MINUTE)

    def _rect(self, item: Placed, offset_minutes: int = 0) -> QRectF:
        width = self.width() - AXIS_WIDTH - 8
        return QRectF(
            AXIS_WIDTH + item.lane * width + 2,
            self._y(item.start + offset_minutes),
            item.width * width - 4,
            max(18, self._y(item.end + offset_minutes) - self._y(item.start + offset_minutes) - 2),
        )

    def _item_at(self, x: float, y: float) -> Placed | None:
        for item in reversed(self._placed):
            if self._rect(item).contains(x, y):
                return item
        return None

    # Drawing.
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        grid = QPen(QColor("#d8dde3"))
        for hour in range(self._first_hour, self._last_hour + 1):
            y = self._y(hour * 60)
            painter.setPen(grid)
            painter.drawLine(AXIS_WIDTH - 4, y, self.width(), y)
            painter.setPen(self.palette().text().color())
            painter.drawText(4, y + 4, format_time(time(hour % 24, 0)))
        colours = {group.code: group.colour or EVERYONE_COLOUR for group in self._groups}
        for item in self._placed:
            offset = self._drag_minutes if item is self._drag_item else 0
            self._paint_item(painter, item, colours, offset)
        if not self._placed:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.rect().adjusted(AXIS_WIDTH, 0, 0, 0),
                Qt.AlignmentFlag.AlignCenter,
                _("Nothing planned on this day."),
            )
        if self.hasFocus():  # where the arrow keys will act
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(self.palette().highlight().color(), 2, Qt.PenStyle.DotLine))
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))

    def _paint_item(self, painter: QPainter, item: Placed, colours, offset: int) -> None:
        details = item.row.details
        codes = details.group_codes
        colour = QColor(colours.get(codes[0], EVERYONE_COLOUR) if codes else EVERYONE_COLOUR)
        rect = self._rect(item, offset)
        fill = QColor(colour)
        fill.setAlpha(60 if details.status == AgendaStatus.CANCELLED else 200)
        painter.setBrush(fill)
        pen = QPen(colour.darker(130), 2 if item.row.id == self._selected else 1)
        if details.status == AgendaStatus.TENTATIVE:
            pen.setStyle(Qt.PenStyle.DashLine)
        if item.row.id == self._selected:
            pen.setColor(self.palette().highlight().color())
            pen.setWidth(3)
        painter.setPen(pen)
        if item.continues:
            painter.drawPath(_torn_at_the_bottom(rect))
        else:
            painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(
            QColor("white") if details.status != AgendaStatus.CANCELLED else QColor("#555")
        )
        font = QFont(self.font())
        font.setBold(True)
        font.setStrikeOut(details.status == AgendaStatus.CANCELLED)
        painter.setFont(font)
        start = _shift(details.start_time, offset)
        end = _shift(details.end_time, offset) if details.end_time else None
        times = format_time_range(start, end)
        title = details.title(current_language())
        text_rect = rect.adjusted(6, 3, -6, -3)
        painter.drawText(
            text_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            f"{times}  {title}",
        )
        if item.row.venue_name and rect.height() > 40:
            font.setBold(False)
            painter.setFont(font)
            painter.drawText(
                text_rect.adjusted(0, 18, 0, 0),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                item.row.venue_name,
            )
        painter.setFont(self.font())
        if item.continues:
            _paint_arrow_down(painter, rect)

    # Interaction.
    def tooltip_for(self, row: AgendaItemRow) -> str:
        details = row.details
        local = format_time_range(details.start_time, details.end_time)
        home = self._home_range(row)
        return _("{title}\n{local} local time ({zone})\n{home} at home ({home_zone})").format(
            title=details.title(current_language()),
            local=local,
            zone=self._timezone,
            home=home,
            home_zone=self._home_timezone,
        )

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            item = self._item_at(event.pos().x(), event.pos().y())
            if item is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_for(item.row), self)
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        item = self._item_at(event.position().x(), event.position().y())
        self.select(item.row.id if item else None)
        if item is not None and event.button() == Qt.MouseButton.LeftButton:
            self._drag_item = item
            self._drag_origin_y = event.position().y()
            self._drag_minutes = 0

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_item is None:
            return
        minutes = (event.position().y() - self._drag_origin_y) / PIXELS_PER_MINUTE
        snapped = int(round(minutes / DRAG_STEP_MINUTES) * DRAG_STEP_MINUTES)
        if snapped != self._drag_minutes:
            self._drag_minutes = snapped
            self.update()

    def mouseReleaseEvent(self, _event: QMouseEvent) -> None:
        item, minutes = self._drag_item, self._drag_minutes
        self._drag_item, self._drag_minutes = None, 0
        self.update()
        if item is not None and minutes:
            self.move_requested.emit(item.row.id, minutes)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self._item_at(event.position().x(), event.position().y())
        if item is not None:
            self.item_activated.emit(item.row.id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if self._selected is not None and alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -KEY_STEP_MINUTES if key == Qt.Key.Key_Up else KEY_STEP_MINUTES
            self.move_requested.emit(self._selected, step)
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self._placed:
            ids = [item.row.id for item in self._placed]
            if self._selected in ids:
                index = ids.index(self._selected) + (1 if key == Qt.Key.Key_Down else -1)
            else:
                index = 0
            self.select(ids[max(0, min(len(ids) - 1, index))])
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._selected is not None:
            self.item_activated.emit(self._selected)
            return
        super().keyPressEvent(event)


TOOTH = 5  # width and height of the teeth of a torn edge


def _torn_at_the_bottom(rect: QRectF) -> QPainterPath:
    """An item's outline that goes on past the day: rounded on top, a torn lower edge."""
    left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
    path = QPainterPath()
    path.moveTo(left, bottom)
    path.lineTo(left, top + TOOTH)
    path.quadTo(left, top, left + TOOTH, top)
    path.lineTo(right - TOOTH, top)
    path.quadTo(right, top, right, top + TOOTH)
    path.lineTo(right, bottom)
    x, up = right, True
    while x > left:
        x = max(left, x - TOOTH)
        path.lineTo(x, bottom - TOOTH if up else bottom)
        up = not up
    path.closeSubpath()
    return path


def _paint_arrow_down(painter: QPainter, rect: QRectF) -> None:
    """A small white arrow in the lower right corner: the item goes on the next day."""
    x, tip, size = rect.right() - 14, rect.bottom() - TOOTH - 4, 6
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("white"))
    arrow = [QPointF(x - size, tip - size), QPointF(x + size, tip - size), QPointF(x, tip)]
    painter.drawPolygon(QPolygonF(arrow))
    painter.restore()


def _shift(value: time, minutes: int) -> time:
    return (datetime.combine(datetime(2000, 1, 1), value) + timedelta(minutes=minutes)).time()
