"""Typed settings with their defaults in one place (an INI file in the data folder).

Settings are per install, not per database: the salesperson's name, the UI
language, window geometry, the last database opened.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from crm_desktop.paths import data_dir


class AppSettings:
    """``user_name``: the salesperson (owner of new records); ``language``:
    "zh_CN", "en" or "" for the system's; ``last_db``: the file opened last."""

    DEFAULTS = {"user_name": "", "language": "", "last_db": "", "geometry": None, "splitter": None}

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / "settings.ini"
        self._s = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _get(self, key: str):
        return self._s.value(key, self.DEFAULTS[key])

    def _set(self, key: str, value) -> None:
        self._s.setValue(key, value)
        self._s.sync()

    user_name = property(lambda self: str(self._get("user_name") or ""), lambda self, v: self._set("user_name", v))
    language = property(lambda self: str(self._get("language") or ""), lambda self, v: self._set("language", v))
    last_db = property(lambda self: str(self._get("last_db") or ""), lambda self, v: self._set("last_db", v))
    geometry = property(lambda self: self._get("geometry"), lambda self, v: self._set("geometry", v))
    splitter = property(lambda self: self._get("splitter"), lambda self, v: self._set("splitter", v))
