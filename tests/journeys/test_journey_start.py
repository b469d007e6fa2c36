"""Starting the app: which book opens, what a first start asks, the window on a 1366×768 screen."""

from person import fill, press
from PySide6.QtWidgets import QApplication, QLabel, QTableView


def _fits_the_screen(window) -> None:
    screen = QApplication.primaryScreen().availableGeometry()
    assert screen.width() == 1366 and screen.height() == 768
    frame = window.frameGeometry()
    assert screen.contains(frame.topLeft()) and frame.width() <= screen.width() and frame.height() <= screen.height()
    bar = window.statusBar()
    assert bar.isVisible() and screen.contains(bar.mapToGlobal(bar.rect().bottomRight()))


def test_first_start_offers_the_demo_and_asks_the_name_once(launch_app, settings):
    """A first start asks where to begin and the salesperson's name; the demo book opens, fitting the screen."""
    settings.user_name = ""

    def demo(dialog):
        press("Try the demo book")(dialog)

    person = launch_app(expect=[demo, fill({"": "张三"})])
    person.wait(lambda: person.find(QTableView, "customerTable").model().rowCount() == 2000, timeout=30000)
    person.wait_answered()
    person.idle()
    assert settings.user_name == "张三"
    assert "demo.sqlite" in person.find(QLabel, "fileLabel").text()
    _fits_the_screen(person.window)
    assert person.window.windowTitle().count("CRM Desktop") <= 1


def test_next_start_opens_the_last_book_without_asking(launch_app, book):
    """The book opened last opens again at the next start, with no questions."""
    first = launch_app(book)
    first.controller.close()
    again = launch_app()
    assert str(book) in again.find(QLabel, "fileLabel").text()


def test_a_missing_book_is_refused_not_created(launch_app, tmp_path, qtbot):
    """``--db`` naming a file that does not exist says so and makes nothing."""
    from crm_desktop.ui.shell import application as app_module

    missing = tmp_path / "no-such-folder" / "typo.sqlite"
    answers = []

    from person import Person

    watcher = Person(qtbot, None)
    watcher.expect(lambda d: (answers.append(d.text()), press("ok")(d)))
    assert app_module.launch(db=str(missing)) is None
    watcher.finish()
    assert "does not exist" in answers[0]
    assert not missing.parent.exists()


def test_first_start_on_a_team_book_offers_the_team_to_pick_from(launch_app, book, settings):
    """On a book the team already uses, the name prompt lists its salespeople; picking one makes their
    customers mine (today's calls show theirs)."""
    from PySide6.QtWidgets import QComboBox, QListView

    settings.user_name = ""
    offered = []

    def pick_chen_jing(dialog):
        combo = dialog.findChild(QComboBox)
        offered.extend(combo.itemText(i) for i in range(combo.count()))
        combo.setCurrentIndex(combo.findText("陈静"))
        press("ok")(dialog)

    person = launch_app(book, expect=[pick_chen_jing])
    person.wait_answered()
    person.idle()
    assert "陈静" in offered and "王磊" in offered
    assert settings.user_name == "陈静"
    import sqlite3

    from crm_desktop.services.people import person_id_for

    assert settings.person_id == person_id_for("陈静"), "I am the book's 陈静, under her id"
    conn = sqlite3.connect(book)
    try:
        assert conn.execute("SELECT name FROM person WHERE id = ?", (settings.person_id,)).fetchall() == [("陈静",)]
    finally:
        conn.close()
    view = person.find(QListView, "calllistView")
    person.wait(lambda: view.model().rowCount() > 0, timeout=20000)
    rows = [view.model().index(r, 0).data() for r in range(view.model().rowCount())]
    assert not any("陈静's customer" in r for r in rows) and not any("王磊's customer" in r for r in rows)
