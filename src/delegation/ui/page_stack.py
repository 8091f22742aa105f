"""The window's pages, one tab each: built when first shown, told of the trip shown and
of what each edit changed. A hidden page takes the changes in when it is shown again."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from delegation.domain.errors import DelegationError
from delegation.i18n import _
from delegation.services.changes import Changes
from delegation.services.summaries import TripSummary
from delegation.ui.commands import EditContext

if TYPE_CHECKING:
    from delegation.ui.overview_panel import OverviewPanel
    from delegation.ui.pages.logistics_page import LogisticsPage
    from delegation.ui.pages.participants_page import ParticipantsPage
    from delegation.ui.pages.programme_page import ProgrammePage


class Page(Protocol):
    """What every page answers."""

    def show_trip(self, trip: TripSummary | None) -> None:
        """Show this trip (or none), read whole."""

    def apply_changes(self, changes: Changes) -> None:
        """Show what an edit changed; a page reads again only what it shows of it.

        A change of the trip's own settings or of its groups never comes this way: those
        show on every page, which are all shown the trip again (show_trip)."""


def _make_page(name: str, context: EditContext) -> QWidget:
    # Imported here: opening the window costs only the page shown first.
    if name == "overview":
        from delegation.ui.overview_panel import OverviewPanel

        return OverviewPanel(context)
    if name == "participants":
        from delegation.ui.pages.participants_page import ParticipantsPage

        return ParticipantsPage(context)
    if name == "programme":
        from delegation.ui.pages.programme_page import ProgrammePage

        return ProgrammePage(context)
    if name == "venues":
        from delegation.ui.pages.venues_page import VenuesPage

        return VenuesPage(context)
    if name == "logistics":
        from delegation.ui.pages.logistics_page import LogisticsPage

        return LogisticsPage(context)
    from delegation.ui.pages.contacts_page import ContactsPage

    return ContactsPage(context)


def page_titles() -> list[tuple[str, str]]:
    """Each page's name and tab title, in the language in force."""
    return [
        ("overview", _("&Overview")),
        ("participants", _("&Participants")),
        ("programme", _("P&rogramme")),
        ("venues", _("&Venues && hosts")),
        ("logistics", _("&Logistics")),
        ("contacts", _("&Contacts")),
    ]


class PageStack(QTabWidget):
    """The tabs of the window and the pages built in them so far."""

    failed = Signal(str)  # a page could not read what it shows: one message for all

    def __init__(self, context: EditContext, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("pages")
        self.setDocumentMode(True)
        self._context = context
        self.pages: dict[str, QWidget] = {}
        self._holders: dict[str, QWidget] = {}
        self._pending: dict[str, Changes] = {}  # what a hidden page has yet to show
        self.trip: TripSummary | None = None
        self.live = False  # the database is open: pages may read it
        self._readiness: tuple[int | None, int] | None = None  # the checks' last counts
        for name, title in page_titles():
            holder = QWidget()
            holder.setObjectName(f"{name}Holder")
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self._holders[name] = holder
            self.addTab(holder, title)
        self.currentChanged.connect(self._on_current_changed)

    def page(self, name: str) -> QWidget:
        """A page, built and filled the first time it is needed: start-up builds one."""
        if name not in self.pages:
            built = _make_page(name, self._context)
            from delegation.ui.pages.table_page import allow_editing

            allow_editing(built, self._context.may_edit)
            cast(QVBoxLayout, self._holders[name].layout()).addWidget(built)
            self.pages[name] = built
            if self.live:
                self._read([_reading(built, self.trip)])
            if name == "overview" and self._readiness is not None:
                cast("OverviewPanel", built).show_readiness(*self._readiness)
        return self.pages[name]

    def participants(self) -> "ParticipantsPage":
        return cast("ParticipantsPage", self.page("participants"))

    def current_name(self) -> str:
        current = self.currentWidget()
        return next(name for name, holder in self._holders.items() if holder is current)

    def show_page(self, name: str) -> QWidget:
        self.setCurrentWidget(self._holders[name])
        return self.page(name)

    def show_readiness(self, blocking: int | None, warnings: int) -> None:
        """What the checks found, on the overview (now, or once it is built)."""
        self._readiness = (blocking, warnings)
        if "overview" in self.pages:
            cast("OverviewPanel", self.pages["overview"]).show_readiness(blocking, warnings)

    def go_to(self, kind: str, target_id: int) -> None:
        """Show the object a problem is about, selected, on its page."""
        from delegation.ui.pages.table_page import select_ids

        if kind == "participant":
            self.show_page("participants")
            participants = self.participants()
            if participants.model.visible_row_of(target_id) is None:
                participants.clear_filters()
            participants.select_ids([target_id])
            participants.table.setFocus()
        elif kind == "agenda_item":
            cast("ProgrammePage", self.show_page("programme")).show_item(target_id)
        elif kind == "segment":
            logistics = cast("LogisticsPage", self.show_page("logistics"))
            select_ids(logistics.segment_table, [target_id])
            logistics.segment_table.setFocus()
        else:
            self.show_page("overview")

    def selected_email(self) -> str | None:
        """The email of the one participant selected on the Participants page, if any."""
        rows = self.participants().selected_rows() if "participants" in self.pages else []
        return rows[0].details.email if len(rows) == 1 else None

    def show_trip(self, trip: TripSummary | None) -> None:
        """Every page built so far shows this trip; the others will when built."""
        self.trip = trip
        self._pending.clear()
        if self.live:
            self._read([_reading(page, trip) for page in self.pages.values()])

    def apply_changes(self, changes: Changes) -> None:
        """The page shown takes the changes in now, the others when next shown."""
        if changes.trip_id is not None and (self.trip is None or changes.trip_id != self.trip.id):
            return  # another trip's: read whole when it is shown
        current = self.current_name()
        for name in self.pages:
            if name != current:
                pending = self._pending.get(name)
                self._pending[name] = changes if pending is None else pending | changes
        if current in self.pages:
            self._read([_taking(self.pages[current], changes)])

    def _on_current_changed(self, _index: int) -> None:
        name = self.current_name()
        page = self.page(name)
        pending = self._pending.pop(name, None)
        if pending is not None and self.live:
            self._read([_taking(page, pending)])

    def _read(self, reads: list[Callable[[], None]]) -> None:
        # A page that cannot be read says so once; the others are filled all the same.
        errors = []
        for read in reads:
            try:
                read()
            except DelegationError as error:
                errors.append(str(error))
        if errors:
            self.failed.emit("\n".join(dict.fromkeys(errors)))


def _reading(page: QWidget, trip: TripSummary | None) -> Callable[[], None]:
    return lambda: cast(Page, page).show_trip(trip)


def _taking(page: QWidget, changes: Changes) -> Callable[[], None]:
    return lambda: cast(Page, page).apply_changes(changes)
