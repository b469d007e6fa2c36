"""UI fixtures: settings in the test's data folder, a task runner, a main window."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def _english(qapp):
    """English as the app installs it (its plural forms included): "1 customer", not "1 customer(s)"."""
    from crm_desktop.ui.shell.i18n import install_translators

    install_translators(qapp, "en")


@pytest.fixture
def settings(tmp_path):
    from crm_desktop.ui.shell.settings import AppSettings

    s = AppSettings(tmp_path / "settings.ini")
    s.user_name = "李娜"
    return s


@pytest.fixture
def runner(qtbot):
    from crm_desktop.ui.shell.tasks import TaskRunner

    r = TaskRunner()
    yield r
    r.shutdown()


@pytest.fixture
def window(qtbot, services, runner, settings):
    from crm_desktop.ui.shell.main_window import MainWindow

    w = MainWindow(services, runner, settings, db_label="test.sqlite")
    qtbot.addWidget(w)
    w.show()
    w.start()
    qtbot.waitUntil(lambda: runner.pending == 0)
    return w
