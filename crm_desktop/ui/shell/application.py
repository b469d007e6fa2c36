"""Wiring: settings, translations, the book, the services and the main window.

This is the only place that knows all layers.  :func:`launch` builds the
window exactly as a start of the app does (the journey tests call it too);
:func:`run_gui` adds the event loop.  Errors opening a book are one sentence
in a dialog, and the window stays on the book it had.

Which book opens: the one given with ``--db``; else the book opened last; else
the data folder's book; on a first start (none of them exists) the start
dialog asks whether to try the demo book, start an empty book or open a file.
Set ``CRM_STARTUP_PROBE=1`` to print the seconds from process start (the
package's import, ``STARTED`` in ``crm_desktop/__init__.py``) to the first page of the
customer list and quit (used by the start-up benchmark).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_desktop import STARTED

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QWidget

    from crm_desktop.ui.shell.main_window import MainWindow
    from crm_desktop.ui.shell.settings import AppSettings

def _utcnow() -> datetime:
    return datetime.now(UTC)


def _startup_probe(window: MainWindow, app: QCoreApplication) -> None:
    def on_first(_n: int) -> None:
        window.list_panel.view.viewport().repaint()
        app.processEvents()
        print(f"first-page {time.perf_counter() - STARTED:.3f}", flush=True)
        app.quit()

    window.list_panel.searched.connect(on_first)


class GuiSession:
    """One open book (:class:`crm_desktop.services.books.OpenBook`) and its task runner."""

    def __init__(self, path: str, user: str, *, now: Callable[[], datetime], create: bool = False,
                 person_id: str = "") -> None:
        from crm_desktop.services.books import OpenBook
        from crm_desktop.ui.shell.tasks import TaskRunner

        self.book = OpenBook(path, user, now=now, create=create, person_id=person_id)
        self.path = path
        self.services = self.book.services
        self.runner = TaskRunner()

    def close(self) -> None:
        """Finish the queued work, then release the book."""
        self.runner.shutdown()
        self.book.close()


class Controller:
    """The app while it runs: the settings, the open book and its window.

    Opening another book or switching the language builds a new window (same
    wiring) and closes the old one cleanly: its pending callbacks are dropped
    first, so nothing lands on a deleted widget.
    """

    def __init__(self, settings: AppSettings, *, now: Callable[[], datetime] = _utcnow) -> None:
        self.settings = settings
        self.now = now
        self.session: GuiSession | None = None
        self.window: MainWindow | None = None

    # --- books ---------------------------------------------------------------------------------
    def open_book(self, path: str, *, create: bool = False, parent: QWidget | None = None) -> bool:
        """Open *path* in a new window; on failure say why and keep what was open.  Returns success."""
        from crm_desktop.domain.errors import UserError
        from crm_desktop.ui.shell.books import show_open_error

        path = str(Path(path).expanduser()) if "://" not in path else path
        if self.session is not None and Path(self.session.path) == Path(path):
            return True
        try:
            session = GuiSession(path, self.settings.user_name, now=self.now, create=create,
                                 person_id=self.settings.person_id)
        except UserError as exc:
            show_open_error(parent or self.window, exc)
            return False
        state = self._close_window()
        old = self.session
        self.session = session
        if old is not None:
            old.close()
        self.settings.remember_book(path)
        self._make_window(state)
        return True

    def _make_window(self, state: dict[str, Any] | None = None) -> MainWindow:
        """Build the window of the open book, show it as *state* says; returns it."""
        from crm_desktop.ui.shell.main_window import MainWindow

        session = self.session
        assert session is not None, "a window is made only for an open book"
        window = MainWindow(session.services, session.runner, self.settings, db_label=session.path)
        window.language_change_requested.connect(self.switch_language)
        window.open_book_requested.connect(self._open_from_window)
        self.window = window
        session.runner.hold()  # background work (scoring, reminders) waits for the first page
        window.list_panel.searched.connect(self._release_runner)
        window.restore_window_state(state)
        window.start()
        return window

    def _release_runner(self, _n: int) -> None:
        if self.session is not None:
            self.session.runner.release()

    def _open_from_window(self, path: str, create: bool) -> None:
        self.open_book(path, create=create)

    def _close_window(self) -> dict[str, Any] | None:
        """Close the current window (keeping the book open); returns its state for the next window."""
        window, self.window = self.window, None
        if window is None:
            return None
        state = window.window_state()
        if self.session is not None:
            self.session.runner.drop_callbacks()
        window.close_for_rebuild()
        window.deleteLater()
        return state

    def switch_language(self, code: str) -> None:
        """Install the other language and rebuild the window on the same book, same place."""
        from PySide6.QtWidgets import QApplication

        from crm_desktop.ui.shell.i18n import install_translators, resolve_language

        self.settings.language = code
        app = QApplication.instance()
        assert app is not None, "the language is switched from a running window"
        install_translators(app, resolve_language(code))
        if self.window is None or self.session is None:
            return
        old = self.window
        selected = old.current_customer_id()
        search = old.list_panel.search.text()
        state = self._close_window()
        window = self._make_window(state)
        window.list_panel.search.setText(search)
        window.list_panel.refresh(select=selected)

    def close(self) -> None:
        self._close_window()
        if self.session is not None:
            self.session.close()
            self.session = None


def _first_book(db: str | None, settings: AppSettings) -> tuple[str | None, bool]:
    """(path, must ask) — the book to open at start, or that the start dialog must ask."""
    from crm_desktop.paths import default_db_path

    if db:
        return db, False
    for candidate in (settings.last_db, str(default_db_path())):
        if candidate and ("://" in candidate or Path(candidate).exists()):
            return candidate, False
    return None, True


def launch(db: str | None = None, language: str | None = None, *, settings: AppSettings | None = None,
           now: Callable[[], datetime] = _utcnow) -> Controller | None:
    """Set up the application and show the main window on the right book (see the module docstring).

    Returns the controller, or None when the person quit at the start dialog
    or the book given could not be opened.
    """
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from crm_desktop import APP_DISPLAY_NAME, APP_NAME, ORG_NAME
    from crm_desktop.paths import resource_path
    from crm_desktop.ui.shell.books import ask_first_book
    from crm_desktop.ui.shell.i18n import install_translators, resolve_language
    from crm_desktop.ui.shell.settings import AppSettings

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setDesktopFileName(APP_NAME)  # lets Wayland match the window to the menu entry's icon
    app.setWindowIcon(QIcon(str(resource_path("icons", "crm-desktop-256.png"))))
    settings = settings or AppSettings()
    install_translators(app, resolve_language(language or settings.language))
    controller = Controller(settings, now=now)
    path, ask = _first_book(db, settings)
    create = False
    if path is None:
        choice = ask_first_book(now)
        if choice is None:
            return None
        path, create = choice
    first_start = not settings.user_name and not os.environ.get("CRM_STARTUP_PROBE")
    if not controller.open_book(path, create=create):
        if db or ask:
            return None
        # the last book is gone or broken: offer the start dialog instead of quitting
        choice = ask_first_book(now)
        if choice is None or not controller.open_book(choice[0], create=choice[1]):
            return None
    if first_start and controller.window is not None and not settings.user_name:
        controller.window.ask_user_name()  # once the book is open: the team's names are offered to pick from
    if os.environ.get("CRM_STARTUP_PROBE") and controller.window is not None:
        _startup_probe(controller.window, app)
    return controller


def run_gui(db: str | None = None, language: str | None = None) -> int:
    """Open the main window (see :func:`launch`) and run until it closes."""
    from PySide6.QtWidgets import QApplication

    controller = launch(db, language)
    if controller is None:
        return 2 if db else 0
    code = QApplication.exec()
    controller.close()
    return code
