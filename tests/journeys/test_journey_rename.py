"""Settings › Your name…: renaming myself keeps my customers mine (they are mine by person id, and show under
the new name); becoming a teammate — picking their name — offers to move my old person's customers (with my
open follow-ups and complaints) to me in one undoable step; declining leaves them where they are."""

from person import fill, press
from PySide6.QtWidgets import QListView


def _rows(person):
    view = person.find(QListView, "calllistView")
    person.idle()
    return [view.model().index(r, 0).data() for r in range(view.model().rowCount())]


def _with_teammate(path, clock):
    """李娜 is a person of the book: she owns 孙丽."""
    from crm_desktop.db.database import open_database
    from crm_desktop.domain.models import CustomerInput
    from crm_desktop.services import Services
    from crm_desktop.services.context import ServiceContext

    db = open_database(path)
    Services(ServiceContext(db, user="王磊", now=clock)).customers.create(CustomerInput(name="孙丽", owner="李娜"))
    db.close()


def test_renaming_myself_keeps_my_customers_mine(launch_app, call_book, settings):
    """王磊 becomes 王小磊: nothing is asked, and today's calls are still all mine, 周明 first."""
    path, _ids = call_book
    person = launch_app(path)
    person.wait(lambda: len(_rows(person)) > 0, timeout=20000)
    before = _rows(person)
    person.expect(fill({"": "王小磊"}))
    person.choose("settings", "user_name")
    person.wait_answered()
    person.idle()
    assert settings.user_name == "王小磊"
    person.wait(lambda: _rows(person) == before)
    assert any(r.startswith("1. 周明") for r in _rows(person)) and not any("'s customer" in r for r in before)


def test_becoming_a_teammate_moves_my_customers_and_undo_puts_them_back(launch_app, call_book, settings, clock):
    """王磊 picks 李娜 (he is her now): yes → his 5 customers are hers, on today's calls; Edit › Undo → they are
    王磊's again, and so no longer on 李娜's list."""
    path, _ids = call_book
    _with_teammate(path, clock)
    person = launch_app(path)
    person.wait(lambda: len(_rows(person)) > 0, timeout=20000)
    asked = []
    person.expect(fill({"": "李娜"}), lambda box: (asked.append(box.text()), press("Yes")(box)))
    person.choose("settings", "user_name")
    person.wait_answered()
    person.idle()
    assert settings.user_name == "李娜"
    assert asked and asked[0].startswith("5 customers are under “王磊”")
    person.wait(lambda: any(r.startswith("1. 周明") for r in _rows(person)))
    assert not any("'s customer" in r for r in _rows(person))

    person.choose("edit", "undo")
    person.idle()
    person.wait(lambda: not any("周明" in r for r in _rows(person)), timeout=20000)


def test_declining_leaves_the_customers_under_the_old_name(launch_app, call_book, settings, clock):
    """No → the customers stay 王磊's, and today's calls (mine = 李娜) no longer hold them."""
    path, _ids = call_book
    _with_teammate(path, clock)
    person = launch_app(path)
    person.wait(lambda: len(_rows(person)) > 0, timeout=20000)
    person.expect(fill({"": "李娜"}), press("No"))
    person.choose("settings", "user_name")
    person.wait_answered()
    person.idle()
    person.wait(lambda: not any("周明" in r for r in _rows(person)))
