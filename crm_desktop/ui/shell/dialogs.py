"""What every dialog of the app does the same way: fit the screen, remember its size.

A 1366×768 laptop leaves about 700 pixels of height for a dialog; a dialog
that is taller puts its Save button off the screen.  :func:`fit_and_remember`
sizes a dialog to what it was last time (or its default), never more than the
screen's free area, and keeps the new size when it closes.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from crm_desktop.paths import data_dir

MARGIN = 40
"""Pixels left free around a dialog (its frame and the taskbar)."""


def _settings() -> QSettings:
    return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def available_size(dialog: QDialog) -> QSize:
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    return QSize(area.width() - MARGIN, area.height() - MARGIN)


def fit_and_remember(dialog: QDialog, key: str, default: QSize) -> None:
    """Size *dialog* as the person left it last time (else *default*), within the screen; remember it."""
    saved = _settings().value(f"dialogs/{key}")
    size = saved if isinstance(saved, QSize) and saved.isValid() else default
    room = available_size(dialog)
    dialog.resize(min(size.width(), room.width()), min(size.height(), room.height()))

    def keep(_result: int) -> None:
        s = _settings()
        s.setValue(f"dialogs/{key}", dialog.size())
        s.sync()

    dialog.finished.connect(keep)
