"""Shared fixtures: offscreen Qt, a fresh database file per test, a fixed clock."""

from __future__ import annotations

import os
from pathlib import Path

# Before anything imports Qt: offscreen, on the smallest screen our users have (a 1366×768 laptop).
# An explicit other platform (xcb under Xvfb, to watch a journey) is left alone.
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={Path(__file__).with_name('offscreen-1366x768.json')}"

import pytest
from helpers.clock import Clock


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


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server for the session (a throwaway cluster; see tests/helpers/postgres.py)."""
    from helpers.postgres import start_throwaway

    server = start_throwaway()
    if server is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have the PostgreSQL server binaries (.ci/run installs them)")
        pytest.skip("no PostgreSQL server binaries on this machine (install the postgresql package)")
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server, request):
    """A fresh, empty PostgreSQL database for this test; its SQLAlchemy URL."""
    import re

    name = "t_" + re.sub(r"\W", "_", request.node.name)[:40].lower() + f"_{os.getpid()}_{id(request) % 100000}"
    return pg_server.create_database(name)
