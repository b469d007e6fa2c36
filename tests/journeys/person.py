"""A person at the keyboard: what the journey tests may do, and nothing else.

They reach actions where a person does (the menu bar, by each menu's and action's
``objectName``), press keys on the focused widget, type (Chinese through the input
method, as a pinyin IME commits it), click buttons and table rows, and answer the
dialogs that open.  They read what is on the screen: labels, the status bar, the
rows of the views.  They never call a feature's methods.

Modal dialogs are answered by :meth:`Person.expect`: each answer is a function
taking the dialog; a poller hands every new modal dialog to the next answer.  A
modal dialog that nobody expected is recorded and closed (so a test fails instead
of hanging).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QTableView,
    QWidget,
)

Answer = Callable[[QWidget], None]


class Person:
    """Drives the app's window (``controller.window``, which changes when the window is rebuilt)."""

    def __init__(self, qtbot, controller) -> None:
        self.qtbot = qtbot
        self.controller = controller
        self._answers: deque[tuple[str, Answer]] = deque()
        self.answered: list[str] = []
        self.unexpected: list[str] = []
        self._seen: dict[int, QWidget] = {}
        """Dialogs answered, by id; the wrapper is kept so that its id cannot be reused by a later dialog (a
        file dialog's wrapper goes when its function returns while the dialog itself lives on)."""
        self.auto_cancel = False  # cancel every modal dialog nobody expected (the all-actions walk)
        self.cancelled: list[str] = []
        self.too_big: list[str] = []  # dialogs that did not fit the screen
        self._poller = QTimer()
        self._poller.setInterval(10)
        self._poller.timeout.connect(self._poll)
        self._poller.start()

    @property
    def window(self):
        return self.controller.window

    # --- dialogs -------------------------------------------------------------------
    def expect(self, *answers: Answer | tuple[str, Answer]) -> None:
        """Answer the next modal dialogs in this order (each answer gets the dialog)."""
        for a in answers:
            name, fn = a if isinstance(a, tuple) else (getattr(a, "__name__", "answer"), a)
            self._answers.append((name, fn))

    def _poll(self) -> None:
        w = QApplication.activeModalWidget()
        if w is None or id(w) in self._seen or not w.isVisible():
            return
        key = id(w)
        self._seen[key] = w
        w.destroyed.connect(lambda *_a, key=key: self._seen.pop(key, None))
        if isinstance(w, QProgressDialog):
            return  # a person waits for it; nothing to answer
        screen = (w.screen() or QApplication.primaryScreen()).availableGeometry()
        if not screen.contains(w.frameGeometry()):
            self.too_big.append(f"{type(w).__name__} “{w.windowTitle()}” {w.frameGeometry()} on {screen}")
        if not self._answers:
            note = f"{type(w).__name__} “{w.windowTitle()}”: {_dialog_text(w)}"
            (self.cancelled if self.auto_cancel else self.unexpected).append(note)
            cancel(w) if self.auto_cancel else later(w.close, w)
            return
        name, fn = self._answers.popleft()
        self.answered.append(name)
        try:
            fn(w)
        except BaseException as exc:  # the journey fails; the dialog must not stay open and hang it
            self.unexpected.append(f"answer {name!r} failed on “{w.windowTitle()}”: {exc!r}")
            later(w.close, w)
            raise

    def all_answered(self) -> bool:
        return not self._answers

    def wait_answered(self, timeout: int = 10000) -> None:
        self.qtbot.waitUntil(self.all_answered, timeout=timeout)

    def finish(self) -> None:
        """End of the journey: every expected dialog came, and none other."""
        self._poller.stop()
        self.unexpected += _FAILURES
        _FAILURES.clear()
        assert not self.unexpected, "dialogs nobody expected: " + "; ".join(self.unexpected)
        assert not self._answers, "dialogs that never came: " + ", ".join(n for n, _ in self._answers)

    # --- the menu bar ---------------------------------------------------------------
    def action(self, menu: str, name: str):
        """The action ``action_<name>`` in the menu bar's menu ``menu_<menu>`` (or one of its submenus)."""
        bar = self.window.menuBar()
        top = next((a.menu() for a in bar.actions() if a.menu() and a.menu().objectName() == f"menu_{menu}"), None)
        assert top is not None, f"no menu {menu!r} in the menu bar"
        found = _find_in_menu(top, f"action_{name}")
        assert found is not None, f"no action {name!r} in the {menu!r} menu"
        return found

    def choose(self, menu: str, name: str) -> None:
        """Pick a menu item, as a person does (it must be enabled)."""
        a = self.action(menu, name)
        assert a.isEnabled(), f"{menu} › {a.text()} is disabled"
        assert a.isVisible(), f"{menu} › {a.text()} is hidden"
        a.trigger()

    # --- keyboard and mouse ---------------------------------------------------------
    def activate(self) -> None:
        """Click on the main window's title bar: it becomes the active window."""
        top = self.window
        if not top.isActiveWindow():
            top.activateWindow()
            self.qtbot.waitUntil(top.isActiveWindow, timeout=2000)

    def _bring_to_front(self, widget: QWidget) -> None:
        top = widget.window()
        if not top.isActiveWindow():
            top.activateWindow()
            self.qtbot.waitUntil(top.isActiveWindow, timeout=2000)
        widget.setFocus(Qt.FocusReason.MouseFocusReason)

    def focus(self) -> QWidget:
        w = QApplication.focusWidget()
        assert w is not None, "nothing has the keyboard focus"
        return w

    def key(self, key, modifiers=Qt.KeyboardModifier.NoModifier, widget: QWidget | None = None) -> None:
        QTest.keyClick(widget or self.focus(), key, modifiers)

    def shortcut(self, sequence: str) -> None:
        """Press a key combination such as "Ctrl+L" where the keyboard focus is."""
        from PySide6.QtGui import QKeySequence

        combo = QKeySequence(sequence)[0]
        QTest.keyClick(self.focus(), combo.key(), combo.keyboardModifiers())

    def type(self, text: str, widget: QWidget | None = None) -> None:
        """Type *text*: ASCII key by key, anything else committed by the input method."""
        target = widget or self.focus()
        for chunk in _runs(text):
            if chunk.isascii():
                QTest.keyClicks(target, chunk)
            else:
                QApplication.sendEvent(target, QInputMethodEvent("", []))
                event = QInputMethodEvent()
                event.setCommitString(chunk)
                QApplication.sendEvent(target, event)

    def click(self, widget: QWidget) -> None:
        assert widget.isVisible(), f"{widget!r} is not on the screen"
        assert widget.isEnabled(), f"{_widget_text(widget)!r} is disabled"
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)

    def click_row(self, view: QAbstractItemView, row: int, column: int = 0, double: bool = False,
                  modifiers=Qt.KeyboardModifier.NoModifier) -> None:
        """Click a row of a list or table (the window comes to the front and the view takes the focus);
        *modifiers*: with Ctrl or Shift held."""
        self._bring_to_front(view)
        index = view.model().index(row, column)
        view.scrollTo(index)
        pos = view.visualRect(index).center()
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifiers, pos)
        if double:
            QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)

    # --- waiting and looking --------------------------------------------------------
    def wait(self, condition: Callable[[], bool], timeout: int = 10000) -> None:
        self.qtbot.waitUntil(condition, timeout=timeout)

    def idle(self, timeout: int = 20000) -> None:
        """Wait until the background work the person started is done."""
        self.qtbot.waitUntil(lambda: self.window.runner.pending == 0, timeout=timeout)
        QApplication.processEvents()

    def open_card(self, name: str) -> None:
        """Back in the window, Ctrl+F, type *name*, Enter once it is the first row: its card is in front."""
        self.activate()
        self.shortcut("Ctrl+F")
        self.type(name)
        table = self.find(QTableView, "customerTable")
        self.wait(lambda: table.model().rowCount() >= 1 and table.model().index(0, 0).data() == name)
        self.idle()
        self.key(Qt.Key.Key_Return)
        self.idle()
        self.wait(lambda: name in self.find(QLabel, "cardTitle").text())

    def find(self, cls, name: str, parent: QWidget | None = None):
        w = (parent or self.window).findChild(cls, name)
        assert w is not None, f"no {cls.__name__} named {name!r} on the screen"
        return w

    def top_level(self, cls, name: str | None = None):
        """A visible top-level window of *cls* (a non-modal dialog such as the import wizard)."""
        for w in QApplication.topLevelWidgets():
            if isinstance(w, cls) and w.isVisible() and (name is None or w.objectName() == name):
                return w
        return None

    @staticmethod
    def text(label) -> str:
        """What a label shows, as plain text (rich text rendered, entities decoded)."""
        from PySide6.QtGui import QTextDocumentFragment

        return QTextDocumentFragment.fromHtml(label.text()).toPlainText()

    def status(self) -> str:
        return self.window.statusBar().currentMessage()

    def rows(self, view: QAbstractItemView, column: int | None = None) -> list:
        """The texts of a view's rows (one column, or every column as a tuple)."""
        m = view.model()
        cols = [column] if column is not None else range(m.columnCount())
        out = []
        for r in range(m.rowCount()):
            texts = tuple(str(m.index(r, c).data() or "") for c in cols)
            out.append(texts[0] if column is not None else texts)
        return out


# --- answers to dialogs ---------------------------------------------------------------------------
def press(button: str | QDialogButtonBox.StandardButton | QMessageBox.StandardButton) -> Answer:
    """Press a button of the dialog: a standard one, or the one whose text (without &) is *button*."""

    def answer(dialog: QWidget) -> None:
        assert _button(dialog, button) is not None, \
            f"no button {button!r} in {type(dialog).__name__} “{dialog.windowTitle()}”"

        def click() -> None:
            # looked up again: some dialogs (QInputDialog) rebuild their buttons once shown
            target = _button(dialog, button)
            if target is not None and target.isEnabled():
                target.click()
                return
            # a person cannot press it: fail the journey instead of waiting forever
            _FAILURES.append(f"button {button!r} of “{dialog.windowTitle()}” is disabled or gone; "
                             f"the dialog says: {_visible_errors(dialog)}")
            dialog.close()

        later(click, dialog)

    answer.__name__ = f"press {button!r}"
    return answer


def file_path(path) -> Answer:
    """Type *path* into a file dialog and accept it."""

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog), f"expected a file dialog, got {type(dialog).__name__}"
        dialog.findChild(QLineEdit, "fileNameEdit").setText(str(path))
        later(dialog.accept, dialog)

    answer.__name__ = f"file {path}"
    return answer


def passphrase(text: str) -> Answer:
    """Type the team passphrase (twice when the dialog asks to repeat it) and press OK."""

    def answer(dialog: QWidget) -> None:
        edits = [e for e in dialog.findChildren(QLineEdit) if e.isVisible()]
        assert edits, f"no passphrase field in “{dialog.windowTitle()}”"
        for e in edits:
            e.setText(text)
        press("ok")(dialog)

    answer.__name__ = "passphrase"
    return answer


def cancel(dialog: QWidget) -> None:
    """Escape: the dialog goes away, nothing done."""
    if isinstance(dialog, QMessageBox):
        later(lambda: QTest.keyClick(dialog, Qt.Key.Key_Escape), dialog)
    else:
        later(dialog.reject, dialog)


def fill(fields: dict[str, str], then: str | None = "ok") -> Answer:
    """Type into the dialog's line edits by objectName (or the only one, key ""), then press OK/Save."""

    def answer(dialog: QWidget) -> None:
        for name, text in fields.items():
            edit = dialog.findChild(QLineEdit, name) if name else dialog.findChild(QLineEdit)
            assert edit is not None, f"no field {name!r} in “{dialog.windowTitle()}”"
            edit.setFocus()
            edit.selectAll()
            edit.insert(text)
        if then:
            press(then)(dialog)

    answer.__name__ = f"fill {sorted(fields)}"
    return answer


_FAILURES: list[str] = []
"""Problems found after an answer returned (a button that could not be pressed); Person.finish reports them."""


def _visible_errors(dialog: QWidget) -> str:
    from PySide6.QtWidgets import QLabel

    texts = [lbl.text() for lbl in dialog.findChildren(QLabel)
             if lbl.isVisible() and lbl.text() and "c62828" in lbl.styleSheet()]
    return "; ".join(texts) or "(no error shown)"


def later(fn, widget: QWidget) -> None:
    """Run *fn* once the event loop is back (outside the poll), if *widget* still exists then."""
    import shiboken6

    QTimer.singleShot(0, lambda: fn() if shiboken6.isValid(widget) else None)


def _button(dialog: QWidget, which):
    if isinstance(which, (QDialogButtonBox.StandardButton, QMessageBox.StandardButton)):
        if isinstance(dialog, QMessageBox):
            return dialog.button(QMessageBox.StandardButton(which))
        for box in dialog.findChildren(QDialogButtonBox):
            b = box.button(QDialogButtonBox.StandardButton(which))
            if b is not None:
                return b
        return None
    wanted = str(which).replace("&", "").casefold()
    standard = {"ok": QDialogButtonBox.StandardButton.Ok, "save": QDialogButtonBox.StandardButton.Save,
                "cancel": QDialogButtonBox.StandardButton.Cancel, "yes": QDialogButtonBox.StandardButton.Yes,
                "no": QDialogButtonBox.StandardButton.No, "close": QDialogButtonBox.StandardButton.Close}
    if wanted in standard:
        found = _button(dialog, standard[wanted]) if not isinstance(dialog, QMessageBox) else \
            dialog.button(QMessageBox.StandardButton(standard[wanted].value))
        if found is not None:
            return found
    for b in dialog.findChildren(QAbstractButton):
        if b.isVisible() and b.text().replace("&", "").casefold() == wanted:
            return b
    return None


def _find_in_menu(menu: QMenu, name: str):
    for a in menu.actions():
        if a.objectName() == name:
            return a
        if a.menu() is not None:
            found = _find_in_menu(a.menu(), name)
            if found is not None:
                return found
    return None


def _runs(text: str):
    run = ""
    for ch in text:
        if run and ch.isascii() != run[-1].isascii():
            yield run
            run = ""
        run += ch
    if run:
        yield run


def _widget_text(w: QWidget) -> str:
    return w.text() if hasattr(w, "text") else type(w).__name__


def _dialog_text(w: QWidget) -> str:
    if isinstance(w, QMessageBox):
        return w.text()
    if isinstance(w, QDialog):
        return w.objectName()
    return ""
