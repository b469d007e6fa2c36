"""Customer › Shared pool…: a customer whose owner left and nobody called for months is in the pool;
claiming makes them mine (the card says so), Edit › Undo gives them back; the pool's rule is a team setting."""

import re
from datetime import timedelta

from helpers.backups import PASS, fast_backups, teammate_book
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSpinBox, QTableWidget

from crm_desktop.ui.customers.pool import PoolDialog


def _left_behind(path, tmp_path, clock):
    """陈静's customer 孙悦, last called 200 days ago; her book was merged into ours before she left."""
    from crm_desktop.db.database import open_database
    from crm_desktop.domain.models import CustomerInput
    from crm_desktop.services import Services
    from crm_desktop.services.context import ServiceContext
    from crm_desktop.services.timeline import ContactLogInput, TimelineService

    clock.value -= timedelta(days=300)
    hers = teammate_book(tmp_path / "chen.sqlite", "陈静", clock)
    cid = hers.customers.create(CustomerInput(name="孙悦", phone="13800000009")).id
    clock.value += timedelta(days=100)
    hers.get(TimelineService).log_contact(ContactLogInput(cid, summary="电话沟通", outcome="reached"))
    fast_backups(hers).backup(tmp_path / "chen.crmbak", PASS)
    hers.ctx.db.close()
    clock.value += timedelta(days=200)
    ours = Services(ServiceContext(open_database(path, create=False), user="王磊", now=clock))
    fast_backups(ours).merge(tmp_path / "chen.crmbak", PASS)
    ours.ctx.db.close()
    return cid


def _card(person) -> str:
    """What the card says, as read on the screen (markup dropped, spaces collapsed)."""
    texts = [lbl.text() for lbl in person.window.card.findChildren(QLabel) if lbl.isVisible()]
    return " ".join(re.sub(r"<[^>]+>", " ", " ".join(texts)).split())


def test_claim_from_the_pool_and_undo(launch_app, call_book, clock, tmp_path):
    """The pool lists 孙悦 (陈静's, quiet 200 days) and none of my recently called customers; Claim for me →
    the card's owner is 王磊 and the pool is empty; Edit › Undo → 陈静's again; the rule typed in the dialog
    is kept."""
    path, _ids = call_book
    _left_behind(path, tmp_path, clock)
    person = launch_app(path)
    person.choose("customer", "shared_pool")
    person.wait(lambda: person.top_level(PoolDialog, "poolDialog") is not None)
    dialog = person.top_level(PoolDialog, "poolDialog")
    table = dialog.findChild(QTableWidget, "poolTable")
    person.wait(lambda: len(person.rows(table)) == 1, timeout=10000)
    name, _company, _phone, owner, last = person.rows(table)[0]
    assert (name, owner) == ("孙悦", "陈静") and last.startswith("20")
    assert dialog.findChild(QSpinBox, "poolAfterDays").value() == 90

    person.click_row(table, 0)
    person.click(dialog.findChild(QPushButton, "poolOpen"))
    person.idle()
    person.wait(lambda: "孙悦" in person.find(QLabel, "cardTitle").text())
    person.click(dialog.findChild(QPushButton, "poolClaim"))
    person.idle()
    person.wait(lambda: person.rows(table) == [])
    assert person.text(dialog.findChild(QLabel, "poolStatus")) == "The pool is empty."
    person.wait(lambda: "1 customer is yours now." in person.status())
    person.wait(lambda: "Owner 王磊" in _card(person))

    person.click(dialog.findChild(QPushButton, "poolClose"))
    person.activate()
    person.choose("edit", "undo")
    person.idle()
    person.wait(lambda: "Owner 陈静" in _card(person))
    person.choose("customer", "shared_pool")
    person.wait(lambda: person.text(dialog.findChild(QLabel, "poolStatus")) == "The pool is empty.")
    # (undoing a claim is an edit of the owner too: the pool's clock starts again from it)

    # the team's rule, typed into the dialog, is stored for the whole team
    days = dialog.findChild(QSpinBox, "poolAfterDays")
    days.setFocus()
    days.selectAll()
    person.type("30", days)
    person.key(Qt.Key.Key_Tab, widget=days)
    person.idle()
    person.click(dialog.findChild(QPushButton, "poolClose"))
    person.choose("customer", "shared_pool")
    person.wait(lambda: person.text(dialog.findChild(QLabel, "poolStatus")) == "The pool is empty.")
    assert days.value() == 30
