"""Choosing the book: the first-start dialog, New book / Open book, the salesperson's name.

A book is one ``.sqlite`` file.  Only the demo choice and "New book…" make a
file; opening a file that does not exist says so instead of creating an empty one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.paths import default_db_path, demo_db_path
from crm_desktop.ui.shell.files import choose_open, choose_save
from crm_desktop.ui.shell.labels import error_text

if TYPE_CHECKING:
    from crm_desktop.ui.shell.settings import AppSettings

BOOK_SUFFIX = ".sqlite"
DEMO_CUSTOMERS = 2000


translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


def book_filters() -> list[str]:
    return [translate("Books", "CRM books (*.sqlite)"), translate("Books", "All files (*)")]


def show_open_error(parent: QWidget | None, exc: BaseException) -> None:
    """The one sentence saying why a book could not be opened."""
    QMessageBox.warning(parent, translate("Books", "Cannot open the book"), error_text(exc))


def choose_book_to_open(parent: QWidget | None) -> str | None:
    return choose_open(parent, "books", translate("Books", "Open a book"), book_filters())


def choose_new_book(parent: QWidget | None) -> str | None:
    """Where to make a new, empty book (an existing file is never overwritten)."""
    chosen = choose_save(parent, "books", translate("Books", "New book"), "crm" + BOOK_SUFFIX, book_filters(),
                         BOOK_SUFFIX)
    if chosen is None:
        return None
    path = chosen[0]
    if Path(path).exists():
        QMessageBox.warning(parent, translate("Books", "New book"),
                            translate("Books",
                                      "“{path}” already exists; open it with File › Open book… or choose another name.")
                            .format(path=path))
        return None
    return path


class StartDialog(QDialog):
    """First start: try the demo book, start an empty book, or open a book file."""

    DEMO, EMPTY, OPEN = "demo", "empty", "open"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startDialog")
        self.setWindowTitle(self.tr("Welcome"))
        self.choice: str | None = None
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr("<h3>Welcome to CRM Desktop</h3>Your customers are kept in a <b>book</b>: one file "
                               "on this computer. Where do you want to start?"), self)
        intro.setWordWrap(True)
        lay.addWidget(intro)
        for key, text, hint in (
                (self.DEMO, self.tr("Try the &demo book"),
                 self.tr("{n} sample customers with contacts, orders and complaints, to look around safely.")
                 .format(n=f"{DEMO_CUSTOMERS:,}")),
                (self.EMPTY, self.tr("Start an &empty book"), self.tr("For your own customers.")),
                (self.OPEN, self.tr("&Open a book file…"), self.tr("A book you or a teammate made before."))):
            button = QPushButton(text, self)
            button.setObjectName(f"start_{key}")
            button.clicked.connect(lambda _c=False, key=key: self._choose(key))
            note = QLabel(hint, self)
            note.setWordWrap(True)
            note.setEnabled(False)
            lay.addWidget(button)
            lay.addWidget(note)
        quit_button = QPushButton(self.tr("&Quit"), self)
        quit_button.setObjectName("start_quit")
        quit_button.clicked.connect(self.reject)
        lay.addWidget(quit_button)

    def _choose(self, key: str) -> None:
        self.choice = key
        self.accept()


def make_demo_book(path: Path, now: Callable[[], datetime], parent: QWidget | None = None) -> bool:
    """Write the demo book at *path* on a worker thread, with a progress dialog; returns success."""
    from PySide6.QtCore import QLocale

    from crm_desktop.services.books import create_demo_book
    from crm_desktop.ui.shell.tasks import TaskRunner

    # the demo reads in the language the window speaks (install_translators sets the default locale)
    language = "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"
    runner = TaskRunner()
    progress = QProgressDialog(translate("Books", "Making the demo book…"), "", 0, DEMO_CUSTOMERS, parent)
    progress.setObjectName("demoProgress")
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(0)
    loop = QEventLoop()
    outcome: list[BaseException | None] = []

    def finished(error: BaseException | None) -> None:
        outcome.append(error)
        loop.quit()

    runner.progressed.connect(lambda _label, done, total: progress.setValue(min(done, total)))
    runner.run_long(translate("Books", "Making the demo book"),
                    lambda p: create_demo_book(path, now=now(), customers=DEMO_CUSTOMERS, language=language,
                                               progress=p.report),
                    lambda _counts: finished(None), finished)
    if not outcome:
        loop.exec()
    progress.close()
    runner.shutdown()
    if outcome and outcome[0] is not None:
        show_open_error(parent, outcome[0])
        return False
    return True


def ask_first_book(now: Callable[[], datetime], parent: QWidget | None = None) -> tuple[str, bool] | None:
    """Ask where to start; returns (path, create) or None when the person quit."""
    while True:
        dialog = StartDialog(parent)
        if not dialog.exec():
            return None
        if dialog.choice == StartDialog.DEMO:
            path = demo_db_path()
            if path.exists() or make_demo_book(path, now, parent):
                return str(path), False
        elif dialog.choice == StartDialog.EMPTY:
            path = default_db_path()
            return str(path), not path.exists()
        elif dialog.choice == StartDialog.OPEN:
            chosen = choose_book_to_open(parent)
            if chosen:
                return chosen, False


def ask_user_name(parent: QWidget | None, settings: AppSettings, team: list[str] | None = None) -> bool:
    """Ask the salesperson's name (owner of the customers they add); returns whether one was given.

    *team*: the names the book's customers already belong to — offered to pick from (one may be me, on a
    new laptop), and a new name can still be typed.
    """
    dialog = QInputDialog(parent)
    dialog.setObjectName("userNameDialog")
    dialog.setWindowTitle(translate("Books", "Your name"))
    if team:
        dialog.setLabelText(translate("Books", "Your name, as teammates should see it on the customers you own "
                                               "(pick yourself if you are already on the team):"))
        dialog.setComboBoxItems([settings.user_name] * bool(settings.user_name)
                                + [n for n in team if n != settings.user_name])
        dialog.setComboBoxEditable(True)
        if not settings.user_name:
            dialog.setTextValue("")
    else:
        dialog.setLabelText(translate("Books", "Your name, as teammates should see it on the customers you own:"))
        dialog.setTextValue(settings.user_name)
    if dialog.exec() and dialog.textValue().strip():
        settings.user_name = dialog.textValue().strip()
        return True
    return False
