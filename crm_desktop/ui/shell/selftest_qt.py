"""The self-test's steps that need Qt (``crm-desktop --self-test``; the steps are run by
:mod:`crm_desktop.cli.selftest`, which owns the report, the folder and the order)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication


class SelfTestRun(Protocol):
    """What the Qt steps need of the running self-test (:class:`crm_desktop.cli.selftest.SelfTest`)."""

    folder: Path
    services: Any  # the book's Services, once the database step made it
    app: Any  # the Qt application, made by :func:`qt_app` (None until then)


class StepFailed(Exception):
    """A check of a Qt step did not hold; the message says what was expected (reported like any step)."""


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise StepFailed(message)

def qt_app(test: SelfTestRun, widgets: bool = True) -> QCoreApplication:
    """The process's Qt application, made as a QApplication if there is none yet."""
    app: QCoreApplication | None = test.app
    if app is None:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QApplication

        from crm_desktop import APP_DISPLAY_NAME, APP_NAME, ORG_NAME

        app = QCoreApplication.instance()
        if app is None:
            made = QApplication([sys.argv[0] if sys.argv else APP_NAME])
            made.setApplicationName(APP_NAME)
            made.setOrganizationName(ORG_NAME)
            made.setApplicationDisplayName(APP_DISPLAY_NAME)
            app = made
        test.app = app
    if widgets:
        from PySide6.QtWidgets import QApplication

        _check(isinstance(app, QApplication),
               "a non-GUI Qt application already runs in this process; run the test-test on its own")
    return app

# --- steps -----------------------------------------------------------------------


def window(test: SelfTestRun) -> str:
    from PySide6.QtCore import QElapsedTimer

    from crm_desktop.ui.shell.main_window import MainWindow
    from crm_desktop.ui.shell.settings import AppSettings
    from crm_desktop.ui.shell.tasks import TaskRunner

    app = qt_app(test)
    settings = AppSettings(test.folder / "settings.ini")
    settings.user_name = "test-test"
    runner = TaskRunner()
    window = MainWindow(test.services, runner, settings, db_label="selftest.sqlite")
    try:
        window.show()
        window.start()
        timer = QElapsedTimer()
        timer.start()
        while (runner.pending or window.list_panel.view.model().rowCount() < 2) and timer.elapsed() < 20000:
            app.processEvents()
            time.sleep(0.005)
        rows = window.list_panel.view.model().rowCount()
        _check(rows == 2, f"the customer list shows {rows} rows, expected 2")
        app.processEvents()
        pixmap = window.grab()
        png = test.folder / "window.png"
        _check(pixmap.save(str(png), "PNG"), "grab() could not be saved as PNG")
        size = png.stat().st_size
        _check(size > 0, "the window PNG is empty")
        image = pixmap.toImage()
        colors = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)}
        _check(len(colors) > 3, "the window rendered as a blank image")
        return f"{image.width()}x{image.height()}, {rows} rows, {size} bytes PNG"
    finally:
        runner.shutdown()
        window.close()
        window.deleteLater()
        app.processEvents()



def translations(test: SelfTestRun) -> str:
    from PySide6.QtCore import QCoreApplication

    from crm_desktop.paths import resource_path
    from crm_desktop.ui.shell.i18n import install_translators

    qm = resource_path("translations", "crm_desktop_zh_CN.qm")
    _check(qm.is_file(), f"translation file missing: {qm} (build it with resources/translations/)")
    from PySide6.QtCore import QLocale

    app = qt_app(test, widgets=False)
    saved_locale = QLocale()  # the default locale, restored after the check
    try:
        install_translators(app, "zh_CN")
        text = QCoreApplication.translate("labels", "Business")
        _check(text != "Business", f"{qm.name} is present but did not translate 'Business'")
    finally:
        install_translators(app, "en")  # removes the translators it installed
        QLocale.setDefault(saved_locale)
    return f"'Business' -> '{text}'"


def plugin_file(name: str) -> Path | None:
    try:
        from PySide6.QtCore import QLibraryInfo

        folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    except Exception:  # noqa: BLE001 - no Qt at all: nothing to inspect
        return None
    path = folder / f"libq{name}.so"
    return path if path.exists() else None



def probe_platform(name: str) -> int:
    """``crm-desktop --probe-platform NAME`` (the self-test's child): start Qt on *name*, print it, exit 0."""
    os.environ["QT_QPA_PLATFORM"] = name
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication([sys.argv[0] if sys.argv else "crm-desktop"])
    screen = app.primaryScreen()
    size = screen.size() if screen is not None else None
    print(f"started, screen {size.width()}x{size.height()}" if size is not None else "started")
    sys.stdout.flush()
    return 0

