"""Where files live: the user's data folder (platformdirs), overridable.

``CRM_DATA_DIR`` (or ``--db PATH`` on the command line) overrides the data
folder, which is also how a portable install keeps its data beside the app.
``resource_path()`` finds bundled files both from source and when frozen.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from crm_desktop import APP_NAME, ORG_NAME

DB_FILENAME = "crm.sqlite"
DEMO_DB_FILENAME = "demo.sqlite"
SETTINGS_FILENAME = "settings.ini"


def data_dir() -> Path:
    """The folder holding the database and local backups."""
    override = os.environ.get("CRM_DATA_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, ORG_NAME))


def cache_dir() -> Path:
    """Files the app can always make again (kept to save start-up work): the user's cache folder, or
    ``cache`` in the overridden data folder."""
    override = os.environ.get("CRM_DATA_DIR")
    if override:
        return Path(override).expanduser() / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, ORG_NAME))


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def demo_db_path() -> Path:
    return data_dir() / DEMO_DB_FILENAME


def settings_path() -> Path:
    """The window's settings (an INI file), per install."""
    return data_dir() / SETTINGS_FILENAME


def _base_dir() -> Path:
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, from source or from a frozen bundle."""
    return _base_dir().joinpath("resources", *parts)


def migrations_dir() -> Path:
    """The Alembic scripts folder (bundled as data when frozen)."""
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base) / "crm_desktop" / "db" / "migrations"
    return Path(__file__).resolve().parent / "db" / "migrations"
