"""Typed settings with their defaults in one place (an INI file in the data folder).

Settings are per install, not per book: the salesperson's name, the UI
language, the window's size and place, the books opened lately.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from crm_desktop.paths import settings_path

RECENT_BOOKS = 8


class AppSettings:
    """``user_name``: the salesperson (owner of new records); ``person_id``: their person in the team's books
    (empty on an install older than persons: the services then use the id a person of that name has); ``language``:
    "zh_CN", "en" or "" for the system's; ``last_db``: the book opened last;
    ``geometry`` / ``window_state`` / ``maximized`` / ``splitter``: the main window as it was left;
    ``saved_views``: the customer list's saved views (:meth:`saved_views`)."""

    DEFAULTS = {"user_name": "", "person_id": "", "language": "", "last_db": "", "geometry": None,
                "window_state": None, "maximized": False, "splitter": None, "recent_books": None, "saved_views": None}

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self._s = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _get(self, key: str) -> Any:
        return self._s.value(key, self.DEFAULTS[key])

    def _set(self, key: str, value: object) -> None:
        self._s.setValue(key, value)
        self._s.sync()

    user_name = property(lambda self: str(self._get("user_name") or ""), lambda self, v: self._set("user_name", v))
    person_id = property(lambda self: str(self._get("person_id") or ""), lambda self, v: self._set("person_id", v))
    language = property(lambda self: str(self._get("language") or ""), lambda self, v: self._set("language", v))
    last_db = property(lambda self: str(self._get("last_db") or ""), lambda self, v: self._set("last_db", v))
    geometry = property(lambda self: self._get("geometry"), lambda self, v: self._set("geometry", v))
    window_state = property(lambda self: self._get("window_state"), lambda self, v: self._set("window_state", v))
    maximized = property(lambda self: str(self._get("maximized")).lower() == "true",
                         lambda self, v: self._set("maximized", bool(v)))
    splitter = property(lambda self: self._get("splitter"), lambda self, v: self._set("splitter", v))

    def recent_books(self) -> list[str]:
        """Books opened lately, newest first, that still exist."""
        value = self._get("recent_books") or []
        if isinstance(value, str):
            value = [value]
        return [p for p in value if p and ("://" in p or Path(p).exists())]

    def remember_book(self, path: str) -> None:
        """*path* was just opened: it becomes the last book and tops the recent list."""
        self.last_db = path
        books = [path] + [p for p in self.recent_books() if p != path]
        self._set("recent_books", books[:RECENT_BOOKS])

    def saved_views(self) -> list[object] | None:
        """The saved views as plain data (see :func:`crm_desktop.domain.views.view_from_dict`, which checks
        each); None when none were ever saved (the list then offers suggestions), [] for an unreadable value."""
        raw = self._get("saved_views")
        if raw is None or raw == "":
            return None
        try:
            data = json.loads(str(raw))
        except ValueError:
            return []
        return data if isinstance(data, list) else []

    def set_saved_views(self, views: list[dict[str, object]]) -> None:
        self._set("saved_views", json.dumps(views, ensure_ascii=False))
