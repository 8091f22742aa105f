"""The window's menus and their actions, declared in one place: text, shortcut, what
they do, and whether they need a trip."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from delegation.i18n import _
from delegation.ui import settings as declared
from delegation.ui.file_actions import EDITING, needing
from delegation.ui.page_stack import PageStack

if TYPE_CHECKING:
    from delegation.ui.main_window import MainWindow

Shortcut = QKeySequence.StandardKey | str | None


@dataclass
class WindowActions:
    """The actions the window and its tests reach by name."""

    undo: QAction
    redo: QAction
    trip_settings: QAction
    logo: QAction
    groups: QAction
    needing_trip: list[QAction] = field(default_factory=list)  # disabled without a trip


def _add(menu: QMenu, text: str, slot: Callable[[], object], shortcut: Shortcut = None):
    action = QAction(text, menu)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def build_menus(window: "MainWindow") -> WindowActions:
    """A new menu bar for the window, in the language in force (the old one goes)."""
    bar = QMenuBar()
    window.setMenuBar(bar)
    trips, needing_trip = window.trips, []

    file_menu = bar.addMenu(_("&File"))
    new_trip = _add(file_menu, _("&New trip…"), trips.new_trip, QKeySequence.StandardKey.New)
    needing_trip += [
        _add(file_menu, _("&Duplicate trip as template…"), trips.duplicate_trip),
        _add(file_menu, _("De&lete trip…"), trips.delete_trip),
    ]
    needing(EDITING, new_trip, *needing_trip)
    file_menu.addSeparator()
    if window.transfers is not None and window.documents is not None:  # the database is open
        needing_trip += window.transfers.add_to(file_menu)
        needing_trip += window.documents.add_to(file_menu)
    file_menu.addSeparator()
    _add(file_menu, _("&Reload"), window.reload_all, QKeySequence.StandardKey.Refresh)
    file_menu.addSeparator()
    _add(file_menu, _("&Quit"), window.close, QKeySequence.StandardKey.Quit)

    edit_menu = bar.addMenu(_("&Edit"))
    stack = window.context.undo_stack
    undo = stack.createUndoAction(edit_menu, _("&Undo"))
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = stack.createRedoAction(edit_menu, _("&Redo"))
    usual = QKeySequence("Ctrl+Shift+Z")  # Ctrl+Y on Windows too, but never twice
    redo.setShortcuts(
        [usual] + [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo) if k != usual]
    )
    edit_menu.addActions([undo, redo])
    edit_menu.addSeparator()
    pages = window.pages
    adding = [
        _add(edit_menu, _("Add &participant…"), lambda: _page(pages, "participants").add(),
             "Ctrl+Shift+N"),
        _add(edit_menu, _("Add programme &item…"), lambda: _page(pages, "programme").add(),
             "Ctrl+Shift+I"),
    ]  # fmt: skip
    edit_menu.addSeparator()
    settings = _add(edit_menu, _("Trip &settings…"), trips.edit_settings)
    logo = _add(edit_menu, _("Cover &logo…"), trips.choose_logo)
    groups = _add(edit_menu, _("Trip &groups…"), trips.edit_groups, "Ctrl+Shift+G")
    trip_edits = [
        settings, groups, logo, _add(edit_menu, _("Remove the cover logo"), trips.remove_logo)
    ]  # fmt: skip
    needing(EDITING, *adding, *trip_edits)
    needing_trip += trip_edits

    view_menu = bar.addMenu(_("&View"))
    for index in range(pages.count()):
        action = _add(view_menu, pages.tabText(index), _showing(pages, index), f"Ctrl+{index + 1}")
        action.setData(index)
    view_menu.addSeparator()
    if window.problems is not None:
        problems = window.problems.toggleViewAction()
        problems.setShortcut(QKeySequence("F8"))
        view_menu.addAction(problems)
        view_menu.addSeparator()
    _add_languages(view_menu.addMenu(_("&Language")), window)

    help_menu = bar.addMenu(_("&Help"))
    _add(help_menu, _("&About Delegation"), lambda: _about(window))
    return WindowActions(undo, redo, settings, logo, groups, needing_trip)


def _add_languages(menu: QMenu, window: "MainWindow") -> None:
    group = QActionGroup(menu)
    chosen = window.settings.get(declared.LANGUAGE)
    for code, name in (("", _("System default")), ("fr", "Français"), ("en", "English")):
        action = _add(menu, name, _switching(window, code))
        action.setCheckable(True)
        action.setChecked(code == chosen)
        group.addAction(action)


def _about(window: "MainWindow") -> None:
    from delegation.ui.about import show_about

    show_about(window)


class _Adding(Protocol):
    def add(self) -> None: ...


def _page(pages: PageStack, name: str) -> _Adding:
    """A page that adds records (participants, programme items), shown."""
    return cast(_Adding, pages.show_page(name))


def _showing(pages: PageStack, index: int) -> Callable[[], None]:
    return lambda: pages.setCurrentIndex(index)


def _switching(window: "MainWindow", code: str) -> Callable[[], None]:
    return lambda: window.switch_language(code)
