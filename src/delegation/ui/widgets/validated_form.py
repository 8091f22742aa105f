"""A form layout whose fields carry their validation message right under them."""

from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, ClassVar, TypeVar

from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from delegation.domain.errors import ConflictError, ValidationError
from delegation.i18n import _
from delegation.ui.error_text import error_text

if TYPE_CHECKING:
    from delegation.ui.commands import EditCommand, EditContext

Command = TypeVar("Command", bound="EditCommand")


class ValidatedForm(QFormLayout):
    """Rows keyed by field name; show_errors() puts each message under its field."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._errors: dict[str, QLabel] = {}
        self._fields: dict[str, QWidget] = {}

    def add_field(self, name: str, label: str, widget: QWidget, *, required: bool = False) -> None:
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setStyleSheet("color: #b00020;")
        error.setWordWrap(True)
        error.hide()
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        text = f"{label} *" if required else label
        title = QLabel(_("{label}:").format(label=text))
        title.setBuddy(widget)
        widget.setAccessibleName(label)
        self.addRow(title, holder)
        self._errors[name] = error
        self._fields[name] = widget

    def field(self, name: str) -> QWidget:
        return self._fields[name]

    def has_field(self, name: str) -> bool:
        return name in self._fields

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, label in self._errors.items():
            message = errors.get(name)
            label.setText(message or "")
            label.setVisible(bool(message))
            self._fields[name].setAccessibleDescription(message or "")


def date_placeholder() -> str:
    return _("DD/MM/YYYY")


def parse_date(text: str) -> date | None:
    """DD/MM/YYYY as written in France, or ISO YYYY-MM-DD; empty means no date.

    Raises ValueError on anything else, for the form to say so under the field.
    """
    text = text.strip()
    if not text:
        return None
    if "/" in text:
        day, month, year = (int(part) for part in text.split("/"))
        return date(year, month, day)
    return date.fromisoformat(text)


def format_date_field(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


class DateField(QLineEdit):
    """A date typed as people write it; empty is allowed, wrong input is reported."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(date_placeholder())
        self.setMaxLength(10)

    def set_date(self, value: date | None) -> None:
        self.setText(format_date_field(value))

    def date_or_error(self) -> tuple[date | None, str | None]:
        try:
            return parse_date(self.text()), None
        except ValueError:
            return None, _("not a date: write it as {pattern}").format(pattern=date_placeholder())


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """The OK and Cancel buttons of an editor, wired to accept and reject it."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class EditorDialog(QDialog):
    """An editor that closes only once its edit is saved.

    `save` (set by whoever opens it) makes the edit; when the database refuses it (an
    email or a key already taken), the reason shows under the field it names and what
    the user typed stays there to be corrected.
    """

    save: Callable[[], bool] | None = None
    field_aliases: ClassVar[Mapping[str, str]] = {}  # a service's field name -> the editor's

    def accept(self) -> None:
        if self.save is None or self.save():
            super().accept()

    def show_notice(self, text: str) -> None:
        """A sentence above the fields, kept until the editor closes: a colleague's save
        laid under what the user typed."""
        notice = self.findChild(QLabel, "notice")
        if notice is None:
            notice = QLabel(self)
            notice.setObjectName("notice")
            notice.setWordWrap(True)
            notice.setStyleSheet(
                "background: #fff4ce; color: #3b2f00; border: 1px solid #e0c96b;"
                " border-radius: 4px; padding: 6px;"
            )
            layout = self.layout()
            assert isinstance(layout, QBoxLayout), "editors lay their fields out in a column"
            layout.insertWidget(0, notice)
        notice.setText(text)

    def show_refusal(self, error: ValidationError) -> None:
        name = self.field_aliases.get(error.field, error.field)
        for form in self.findChildren(ValidatedForm):
            if form.has_field(name):
                form.show_errors({name: error.reason})
                form.field(name).setFocus()
                return
        QMessageBox.warning(self, self.windowTitle(), error_text(error))


def run_editor(
    dialog: EditorDialog,
    context: "EditContext",
    make_command: Callable[[], Command],
    rebase: Callable[[ConflictError], bool] | None = None,
) -> Command | None:
    """Show the editor until its edit is saved (the command, done) or cancelled (None).

    A refused value keeps the editor open. So does a colleague's save made meanwhile
    when the editor can `rebase` on it: read the record again and lay what the user
    typed over it (False when it cannot, the record gone). Any other failure closes it,
    since what it was opened on no longer holds.
    """
    done: list[Command] = []

    def save() -> bool:
        command = make_command()
        if context.execute(command, refused=dialog.show_refusal, overtaken=rebase):
            done.append(command)
            return True
        if command.failure is not None:
            dialog.reject()
        return False

    dialog.save = save
    dialog.exec()
    return done[0] if done else None
