"""Whose calls: today's list is mine by default; the switch above it shows the team's (each row saying whose
customer it is) or a colleague's while covering for them; Why not? says whose a missing customer is."""

from datetime import timedelta

from pages import tree_items
from person import press
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QListView, QTableView, QTreeWidget


def _add_colleagues_customer(path, clock):
    """李娜's customer 孙悦, with a step five days late (on the team's list, not on 王磊's)."""
    from crm_desktop.db.database import open_database
    from crm_desktop.domain.models import CustomerInput
    from crm_desktop.services import Services
    from crm_desktop.services.context import ServiceContext
    from crm_desktop.services.timeline import ContactLogInput, TimelineService

    db = open_database(path, create=False)
    services = Services(ServiceContext(db, user="李娜", now=clock))
    cid = services.customers.create(CustomerInput(name="孙悦", phone="13800000009", owner="李娜")).id
    now = clock()
    services.get(TimelineService).log_contact(ContactLogInput(
        cid, occurred_at=now - timedelta(days=12), summary="电话沟通", outcome="reached", next_step="寄合同",
        next_due_at=now - timedelta(days=5)))
    db.close()
    return cid


def _rows(person, view) -> list[str]:
    person.idle()
    return [view.model().index(r, 0).data() for r in range(view.model().rowCount())]


def _choose(person, combo: QComboBox, text: str) -> None:
    """Open the switch and pick *text* with the keyboard, as a person does."""
    combo.setFocus()
    target = combo.findText(text)
    assert target >= 0, f"no “{text}” in {[combo.itemText(i) for i in range(combo.count())]}"
    while combo.currentIndex() != target:
        person.key(Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up, widget=combo)
    person.idle()


def test_mine_the_teams_and_covering(launch_app, call_book, clock):
    """Mine hides 李娜's customer; the team's lists him marked "李娜's customer"; covering for 李娜 shows only
    hers; Why not? on my list names her."""
    path, _ids = call_book
    _add_colleagues_customer(path, clock)
    person = launch_app(path)
    view = person.find(QListView, "calllistView")
    person.wait(lambda: view.model().rowCount() > 0, timeout=20000)
    combo = person.find(QComboBox, "calllistWhose")
    assert combo.currentText() == "My customers"
    mine = _rows(person, view)
    assert mine[0].startswith("1. 周明") and not any("孙悦" in r for r in mine)

    _choose(person, combo, "The team's customers")
    person.wait(lambda: any("孙悦" in r for r in _rows(person, view)))
    sun_row = next(r for r in _rows(person, view) if "孙悦" in r)
    assert "李娜's customer" in sun_row and "follow-up due 5 days ago: 寄合同" in sun_row
    assert not any("周明" in r and "'s customer" in r for r in _rows(person, view)), "mine say nothing of whose"

    _choose(person, combo, "Covering for 李娜")
    person.wait(lambda: [r.split("   ")[0] for r in _rows(person, view)] == ["1. 孙悦"])
    # the one switch: the follow-ups and the complaints follow it
    only = person.find(QCheckBox, "followupsOnlyMine")
    assert only.text() == "Only 李娜's" and only.isChecked()
    person.choose("view", "show_followups")
    tree = person.find(QTreeWidget, "followupsTree")
    person.wait(lambda: {item.text(1) for _group, item in tree_items(tree)} == {"孙悦"})
    owner_filter = person.find(QComboBox, "complaintsOwner")
    assert owner_filter.currentText() == "李娜"

    # back on my list, Customer › Why not on today's list? for 孙悦 says whose she is
    _choose(person, combo, "My customers")
    person.wait(lambda: not any("孙悦" in r for r in _rows(person, view)))
    person.shortcut("Ctrl+F")
    person.type("孙悦")
    table = person.find(QTableView, "customerTable")
    person.wait(lambda: table.model().rowCount() == 1 and table.model().index(0, 0).data() == "孙悦")
    person.click_row(table, 0)
    person.wait(lambda: "孙悦" in person.find(QLabel, "cardTitle").text())
    said = []
    person.expect(lambda box: (said.append(box.text()), press("ok")(box)))
    person.choose("customer", "why_not_on_list")
    person.wait_answered()
    assert said and said[0].startswith("李娜's customer; the list shows 王磊's customers")

