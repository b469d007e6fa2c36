"""Shared fixtures: offscreen Qt, a fresh database file per test, a fixed clock."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

from datetime import datetime, timezone  # noqa: E402

import pytest  # noqa: E402

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc)


class Clock:
    """A clock tests move by hand; services call it as ``now()``."""

    def __init__(self, start: datetime = NOW) -> None:
        self.value = start

    def __call__(self) -> datetime:
        return self.value


@pytest.fixture(autouse=True)
def _data_dir(tmp_path, monkeypatch):
    """Every test gets its own data folder (settings, default database)."""
    monkeypatch.setenv("CRM_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def db(tmp_path):
    from crm_desktop.db.database import open_database

    database = open_database(tmp_path / "crm.sqlite")
    yield database
    database.close()


@pytest.fixture
def ctx(db, clock):
    from crm_desktop.services.context import ServiceContext

    return ServiceContext(db, user="李娜", now=clock)


@pytest.fixture
def services(ctx):
    from crm_desktop.services import Services

    return Services(ctx)


@pytest.fixture
def customers(services):
    return services.customers


@pytest.fixture
def chinese_sheet(tmp_path):
    """The usual Chinese customer sheet, as a GBK CSV and as .xlsx (see tests/exchange/samples.py).

    Returns the samples module; call ``write_chinese_sheet_csv(path)`` / ``write_chinese_sheet_xlsx(path)``
    and compare with ``SHEET_EXPECTED``.
    """
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("crm_test_samples", Path(__file__).parent / "exchange" / "samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
