"""Wiring: settings, translations, the database, the services and the main window.

This is the only place that knows all layers.  The window shows as soon as
possible; errors opening the database are one sentence in a dialog.
Set ``CRM_STARTUP_PROBE=1`` to print the seconds from process start to the
first page of the customer list and quit (used by the start-up benchmark).
"""

from __future__ import annotations

import os
import sys
import time

_T0 = time.perf_counter()


def _startup_probe(window, app) -> None:
    def on_first(_n: int) -> None:
        window.list_panel.view.viewport().repaint()
        app.processEvents()
        print(f"first-page {time.perf_counter() - _T0:.3f}", flush=True)
        app.quit()

    window.list_panel.searched.connect(on_first)


def run_gui(db: str | None = None, language: str | None = None) -> int:
    """Open the main window on *db* (default: the last file or the data folder's)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from crm_desktop import APP_DISPLAY_NAME, APP_NAME, ORG_NAME
    from crm_desktop.i18n import install_translators, resolve_language
    from crm_desktop.paths import default_db_path
    from crm_desktop.ui.settings import AppSettings

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setDesktopFileName(APP_NAME)  # lets Wayland match the window to the menu entry's icon
    from PySide6.QtGui import QIcon

    from crm_desktop.paths import resource_path

    app.setWindowIcon(QIcon(str(resource_path("icons", "crm-desktop-256.png"))))
    settings = AppSettings()
    install_translators(app, resolve_language(language or settings.language))
    path = db or str(default_db_path())

    from crm_desktop.domain.errors import UserError
    from crm_desktop.ui.labels import error_text

    try:
        session = open_session(path, settings)
    except UserError as exc:
        QMessageBox.critical(None, APP_DISPLAY_NAME, error_text(exc))
        print(exc.text(app.translate), file=sys.stderr)
        return 2
    if not settings.user_name and not os.environ.get("CRM_STARTUP_PROBE"):
        from PySide6.QtWidgets import QInputDialog

        name, ok = QInputDialog.getText(
            None, app.translate("MainWindow", "Your name"),
            app.translate("MainWindow", "Your name, as teammates should see it on the customers you own:"))
        if ok and name.strip():
            settings.user_name = name.strip()
            session.services.ctx.user = settings.user_name
    session.runner.hold()  # background work (scoring, reminders) waits for the first page
    window = session.make_window()
    if os.environ.get("CRM_STARTUP_PROBE"):
        _startup_probe(window, app)
    window.list_panel.searched.connect(lambda _n: session.runner.release())
    window.show()
    window.start()
    code = app.exec()
    session.close()
    return code


class GuiSession:
    """An open database with its lock, services, task runner and window."""

    def __init__(self, path: str, settings) -> None:
        from pathlib import Path

        from crm_desktop.db.database import open_database
        from crm_desktop.lock import DatabaseLock
        from crm_desktop.services import Services
        from crm_desktop.services.context import ServiceContext
        from crm_desktop.ui.tasks import TaskRunner

        self.settings = settings
        self.lock = None
        if "://" not in path:
            self.lock = DatabaseLock(Path(path))
            self.lock.acquire()
        try:
            self.db = open_database(path)
        except BaseException:
            if self.lock:
                self.lock.release()
            raise
        self.path = path
        self.services = Services(ServiceContext(self.db, user=settings.user_name))
        self.runner = TaskRunner()
        self.window = None
        settings.last_db = path

    def make_window(self):
        from crm_desktop.ui.main_window import MainWindow

        self.window = MainWindow(self.services, self.runner, self.settings, db_label=self.path)
        if self.settings.geometry is not None:
            self.window.restoreGeometry(self.settings.geometry)
        self.window.language_change_requested.connect(self.switch_language)
        return self.window

    def switch_language(self, code: str) -> None:
        """Install the other language and rebuild the window (keeping the selection)."""
        from PySide6.QtWidgets import QApplication

        from crm_desktop.i18n import install_translators, resolve_language

        self.settings.language = code
        install_translators(QApplication.instance(), resolve_language(code))
        old = self.window
        selected = old.list_panel.current_id() if old else None
        new = self.make_window()
        new.show()
        new.list_panel.search.setText(old.list_panel.search.text() if old else "")
        new.list_panel.reload_filters()
        new.list_panel.refresh(select=selected)
        if old:
            old.language_change_requested.disconnect()
            old.close()
            old.deleteLater()

    def close(self) -> None:
        self.runner.shutdown()
        self.db.close()
        if self.lock:
            self.lock.release()


def open_session(path: str, settings) -> GuiSession:
    return GuiSession(path, settings)
