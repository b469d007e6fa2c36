"""File › Merge a teammate's backup… with the rule "from 王磊, take only changes to customers 王磊 owns":
the preview says what it leaves out, the manager's record keeps her notes, and the rule is remembered."""

import re
from datetime import timedelta

from helpers.backups import edit_customer, fast_backups, teammate_book
from person import file_path, passphrase, press
from PySide6.QtWidgets import QCheckBox, QLabel

from crm_desktop.domain.models import CustomerInput

PASSPHRASE = "橙子 tiger 7 lamp river"



def _books(tmp_path, clock):
    """李娜's (the manager's) book with 大客户 (hers) and 小客户 (王磊's), and 王磊's backup after he edited
    both."""
    hers = teammate_book(tmp_path / "li.sqlite", "李娜", clock)
    his = teammate_book(tmp_path / "wang.sqlite", "王磊", clock)
    her_backups, his_backups = fast_backups(hers), fast_backups(his)
    big = hers.customers.create(CustomerInput(name="大客户", notes="经理的备注")).id
    small = hers.customers.create(CustomerInput(name="小客户", owner="王磊")).id
    her_backups.backup(tmp_path / "li.crmbak", PASSPHRASE)
    his_backups.merge(tmp_path / "li.crmbak", PASSPHRASE)
    clock.value += timedelta(minutes=5)
    edit_customer(his.customers, big, notes="王磊改的")
    edit_customer(his.customers, small, notes="王磊的新备注")
    his_backups.backup(tmp_path / "wang.crmbak", PASSPHRASE)
    for s in (hers, his):
        s.ctx.db.close()
    return tmp_path / "li.sqlite", tmp_path / "wang.crmbak", big, small


def test_merge_only_his_own_customers(launch_app, tmp_path, clock, monkeypatch):
    """Tick the rule in the preview → it is shown again saying 1 change is left out → Merge → 大客户 keeps
    经理的备注, 小客户 has 王磊's notes; the next preview of his backup has the rule ticked already."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    book, backup, big, _small = _books(tmp_path, clock)
    person = launch_app(book)
    seen = {}

    def tick_the_rule(dialog):
        box = dialog.findChild(QCheckBox, "mergeOnlyOwn")
        assert box is not None and not box.isChecked()
        box.click()

    def read_and_merge(dialog):
        seen["withheld"] = dialog.findChild(QLabel, "mergeWithheld").text()
        seen["ticked"] = dialog.findChild(QCheckBox, "mergeOnlyOwn").isChecked()
        press("Merge")(dialog)

    person.expect(file_path(backup), passphrase(PASSPHRASE), tick_the_rule, read_and_merge)
    person.choose("file", "merge")
    person.wait_answered(timeout=30000)
    person.idle()
    assert seen == {"withheld": "1 change to customers 王磊 does not own is left out.", "ticked": True}
    person.activate()
    person.shortcut("Ctrl+F")
    person.type("大客户")
    person.idle()
    from PySide6.QtWidgets import QTableView

    table = person.find(QTableView, "customerTable")
    person.wait(lambda: table.model().rowCount() == 1)
    person.click_row(table, 0)
    person.wait(lambda: "经理的备注" in _card(person))

    later = {}
    person.expect(file_path(backup), passphrase(PASSPHRASE),
                  lambda d: (later.update(ticked=d.findChild(QCheckBox, "mergeOnlyOwn").isChecked()),
                             press("cancel")(d)))
    person.choose("file", "merge")
    person.wait_answered(timeout=30000)
    assert later == {"ticked": True}


def _card(person) -> str:
    texts = [lbl.text() for lbl in person.window.card.findChildren(QLabel) if lbl.isVisible()]
    return " ".join(re.sub(r"<[^>]+>", " ", " ".join(texts)).split())
