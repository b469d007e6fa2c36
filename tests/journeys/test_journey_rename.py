"""Settings › Your name…: a new name for me offers to move my customers (with my open follow-ups and
complaints) to it in one undoable step, so "mine" stays mine; declining leaves them where they are."""

from person import fill, press
from PySide6.QtWidgets import QListView


def _rows(person):
    view = person.find(QListView, "calllistView")
    person.idle()
    return [view.model().index(r, 0).data() for r in range(view.model().rowCount())]


def test_rename_moves_my_customers_and_undo_puts_them_back(launch_app, call_book, settings):
    """王磊 becomes 王小磊: yes → today's calls are still all mine; Edit › Undo → they are 王磊's again (and
    so no longer on 王小磊's list)."""
    path, _ids = call_book
    person = launch_app(path)
    person.wait(lambda: len(_rows(person)) > 0, timeout=20000)
    asked = []
    person.expect(fill({"": "王小磊"}), lambda box: (asked.append(box.text()), press("Yes")(box)))
    person.choose("settings", "user_name")
    person.wait_answered()
    person.idle()
    assert settings.user_name == "王小磊"
    assert asked and asked[0].startswith("5 customers are under “王磊”")
    person.wait(lambda: _rows(person) and not any("'s customer" in r for r in _rows(person)))
    assert any(r.startswith("1. 周明") for r in _rows(person))

    person.choose("edit", "undo")
    person.idle()
    person.wait(lambda: _rows(person) == [], timeout=20000)  # 王磊's again: not on 王小磊's list


def test_declining_leaves_the_customers_under_the_old_name(launch_app, call_book, settings):
    """No → the customers stay 王磊's, and today's calls (mine = 王小磊) no longer hold them."""
    path, _ids = call_book
    person = launch_app(path)
    person.wait(lambda: len(_rows(person)) > 0, timeout=20000)
    person.expect(fill({"": "王小磊"}), press("No"))
    person.choose("settings", "user_name")
    person.wait_answered()
    person.idle()
    person.wait(lambda: _rows(person) == [])
