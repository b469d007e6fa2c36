"""Journeys: the real window, built as a start of the app builds it, driven as a person drives it.

Each test gets a data folder and settings of its own, a book (a small demo book
plus the customers the journey needs), the app's clock fixed at ``NOW``, and a
:class:`~person.Person`.  The screen is a 1366×768 laptop.  A journey fails on
any Qt warning or anything printed to stderr, on a dialog nobody expected, and
when a service method or a database connection ran on the GUI thread (the
guard of tests/helpers/ui_thread.py watches every book the app opens).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from person import Person

DEMO_CUSTOMERS = 300

# Qt's offscreen test platform says these about every dock widget and window raise; real platforms don't.
PLATFORM_NOISE = ("This plugin does not support propagateSizeHints()", "This plugin does not support raise()")


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory):
    """A small demo book, made once per run and copied for each journey."""
    from helpers.clock import NOW

    from crm_desktop.services.books import create_demo_book

    path = tmp_path_factory.mktemp("template") / "book.sqlite"
    create_demo_book(path, now=NOW, customers=DEMO_CUSTOMERS, seed=7)
    return path


@pytest.fixture
def book(tmp_path, _demo_template):
    """This journey's own copy of the demo book."""
    path = tmp_path / "book.sqlite"
    shutil.copy(_demo_template, path)
    return path


@pytest.fixture
def book_services(book, clock):
    """Services on the book, to set up what a journey starts from (closed before the app opens it)."""
    from crm_desktop.db.database import open_database
    from crm_desktop.services import Services
    from crm_desktop.services.context import ServiceContext

    opened = []

    def make(user: str = "王磊"):
        db = open_database(book, create=False)
        opened.append(db)
        return Services(ServiceContext(db, user=user, now=clock))

    yield make
    for db in opened:
        db.close()


@pytest.fixture
def settings():
    from crm_desktop.ui.shell.settings import AppSettings

    s = AppSettings()  # in the test's own data folder (CRM_DATA_DIR)
    s.user_name = "王磊"
    s.language = "en"
    return s


@pytest.fixture
def ui_thread_guard(monkeypatch):
    """Watches the services and the engine of every book the app opens (see tests/helpers/ui_thread.py)."""
    from helpers.ui_thread import UiThreadGuard

    from crm_desktop.ui.shell import application as app_module

    guard = UiThreadGuard()

    class GuardedSession(app_module.GuiSession):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)  # opening the book happens before there is a window
            guard.watch(self.services)

        def close(self) -> None:
            with guard.paused():  # its window is gone: the exit backup, the book's clock written at closing
                super().close()

    monkeypatch.setattr(app_module, "GuiSession", GuardedSession)
    return guard


@pytest.fixture
def launch_app(qtbot, clock, settings, capfd, qtlog, ui_thread_guard):
    """``launch_app(db=..., expect=[answers…])`` starts the app as ``crm-desktop --db`` does and returns a Person."""
    from PySide6.QtWidgets import QApplication

    from crm_desktop.ui.shell import application as app_module

    started = []

    def start(db=None, *, expect=(), language=None) -> Person:
        person = Person(qtbot, None)
        person.expect(*expect)
        controller = app_module.launch(db=str(db) if db else None, language=language, settings=settings, now=clock)
        assert controller is not None, "the app did not start"
        person.controller = controller
        started.append((person, controller))
        qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible())
        person.idle()
        return person

    yield start
    for person, controller in started:  # the journey is over: what the app did on the GUI thread until now
        if controller.window is not None:
            person.idle()
    ui_thread_guard.active = False
    for person, controller in started:
        try:
            person.finish()
        finally:
            controller.close()
            QApplication.processEvents()
    assert not ui_thread_guard.calls, "database work ran on the GUI thread:\n" + ui_thread_guard.report()
    warnings = [r.message for r in qtlog.records
                if r.type.name in ("QtWarningMsg", "QtCriticalMsg", "QtFatalMsg")
                and not any(n in r.message for n in PLATFORM_NOISE)]
    assert not warnings, "Qt warned during the journey:\n" + "\n".join(warnings)
    err = capfd.readouterr().err
    lines = [line for line in err.splitlines() if line.strip() and not any(n in line for n in PLATFORM_NOISE)]
    assert not lines, "printed to stderr during the journey:\n" + "\n".join(lines)


@pytest.fixture
def person(launch_app, book):
    """The app opened on this journey's book, at 1366×768, in English, as 王磊."""
    return launch_app(book)


@pytest.fixture
def call_book(tmp_path, clock):
    """A small book for a morning of calls, as 王磊 left it: who is due, and why.

    周明: promised to send the quote, 20 days ago — top of the list.  李芳: a step 2 days overdue.
    陈刚: a step due today.  吴静, 郑强: nothing due.  Returns (path, {name: customer id}).
    """
    from datetime import timedelta

    from crm_desktop.db.database import open_database
    from crm_desktop.domain.models import CustomerInput
    from crm_desktop.services import Services
    from crm_desktop.services.context import ServiceContext
    from crm_desktop.services.timeline import ContactLogInput, TimelineService

    path = tmp_path / "calls.sqlite"
    db = open_database(path, create=True)
    services = Services(ServiceContext(db, user="王磊", now=clock))
    ids = {}
    for name, phone in (("周明", "13800000001"), ("李芳", "13800000002"), ("陈刚", "13800000003"),
                        ("吴静", "13800000004"), ("郑强", "13800000005")):
        ids[name] = services.customers.create(CustomerInput(name=name, phone=phone)).id
    timeline = services.get(TimelineService)
    now = clock()
    for name, ago, step, due_in in (("周明", 25, "发送报价单", -20), ("李芳", 9, "确认交货时间", -2),
                                    ("陈刚", 6, "回访满意度", 0), ("吴静", 30, "", None)):
        timeline.log_contact(ContactLogInput(
            ids[name], occurred_at=now - timedelta(days=ago), summary="电话沟通", outcome="reached",
            next_step=step, next_due_at=(now + timedelta(days=due_in, hours=-1)) if due_in is not None else None))
    db.close()
    return path, ids
