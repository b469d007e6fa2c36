"""The one way the app asks for a file: a QFileDialog the person (or a test) answers.

Every "Open…", "Save as…" and "Choose a file" goes through :func:`choose_open`
or :func:`choose_save`, which build a dialog object and ``exec()`` it instead of
the static helpers.  On Windows and macOS the platform's own dialog still
shows; where there is none (offscreen, some Linux desktops) Qt's widget dialog
does, which the journey tests fill in and accept like a person.
The folder last used is remembered per purpose (``files/<key>`` in settings).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from crm_desktop.paths import data_dir


def _settings() -> QSettings:
    return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def _start_folder(key: str) -> str:
    folder = _settings().value(f"files/{key}", "")
    if folder and Path(str(folder)).is_dir():
        return str(folder)
    home = Path.home()
    documents = home / "Documents"
    return str(documents if documents.is_dir() else home)


def _remember(key: str, path: str) -> None:
    s = _settings()
    s.setValue(f"files/{key}", str(Path(path).parent))
    s.sync()


def _run(dialog: QFileDialog, key: str) -> str | None:
    dialog.setObjectName(f"fileDialog_{key}")
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    path = dialog.selectedFiles()[0]
    _remember(key, path)
    return path


def choose_open(parent: QWidget | None, key: str, title: str, filters: list[str]) -> str | None:
    """An existing file the person picked, or None when they cancelled."""
    dialog = QFileDialog(parent, title, _start_folder(key))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilters(filters)
    return _run(dialog, key)


def choose_save(parent: QWidget | None, key: str, title: str, suggested: str, filters: list[str],
                default_suffix: str = "") -> tuple[str, str] | None:
    """(path, chosen filter) to write to, or None when cancelled; *default_suffix* is added when none was typed."""
    dialog = QFileDialog(parent, title, _start_folder(key))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilters(filters)
    if default_suffix:
        dialog.setDefaultSuffix(default_suffix.lstrip("."))
    dialog.selectFile(suggested)
    path = _run(dialog, key)
    if path is None:
        return None
    return path, dialog.selectedNameFilter()
