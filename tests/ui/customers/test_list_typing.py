"""Typing into the customer search box: searched at once, and only the newest text while a search is under way."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from crm_desktop.ui.customers.list_panel import CustomerListPanel


class SlowSearch:
    """A customer service whose search of *slow* waits until :attr:`go` is set; it lists "id-<text>"."""

    def __init__(self, slow: str) -> None:
        self.slow = slow
        self.go = threading.Event()
        self.searched: list[str] = []

    def search(self, query):
        self.searched.append(query.text)
        if query.text == self.slow:
            assert self.go.wait(10), "the test never let the slow search return"
        return [f"id-{query.text}"]

    def rows(self, ids, text=""):
        return {}

    def owners(self):
        return []

    def tags(self):
        return []


def _panel(qtbot, runner, service):
    panel = CustomerListPanel(service, runner)
    qtbot.addWidget(panel)
    panel.show()
    shown: list[list[str]] = []
    panel.searched.connect(lambda _n: shown.append(panel.model.ids()))
    return panel, shown


def test_an_older_keystrokes_result_never_overwrites_a_newer_one(qtbot, runner):
    """Keys typed while the first letter's search is under way are searched once, as the newest text, when it
    returns; the first letter's result, older than the box, is never shown."""
    service = SlowSearch(slow="a")
    panel, shown = _panel(qtbot, runner, service)
    QTest.keyClick(panel.search, "a")
    qtbot.waitUntil(lambda: service.searched == ["a"])
    QTest.keyClicks(panel.search, "bc")
    qtbot.wait(20)
    assert runner.pending == 1, "a search was queued for each key typed meanwhile"
    service.go.set()
    qtbot.waitUntil(lambda: shown == [["id-abc"]])
    qtbot.wait(20)
    assert service.searched == ["a", "abc"]
    assert shown == [["id-abc"]] and panel.model.ids() == ["id-abc"]


def test_enter_while_a_search_is_under_way_opens_the_newest_texts_first_result(qtbot, runner):
    """Enter typed right after a letter, while the search before it is still under way, opens the first
    customer found by the whole text, not by the text of the search under way."""
    service = SlowSearch(slow="z")
    panel, _shown = _panel(qtbot, runner, service)
    opened: list[str] = []
    panel.open_requested.connect(opened.append)
    QTest.keyClick(panel.search, "z")
    qtbot.waitUntil(lambda: service.searched == ["z"])
    QTest.keyClick(panel.search, "w")
    QTest.keyClick(panel.search, Qt.Key.Key_Return)
    service.go.set()
    qtbot.waitUntil(lambda: opened == ["id-zw"])
    assert service.searched == ["z", "zw"]


class TwoHits(SlowSearch):
    def search(self, query):
        self.searched.append(query.text)
        return [f"id-{query.text}", "id-other"]


def test_a_typed_searchs_first_result_becomes_current_once_typing_pauses(qtbot, runner):
    """While typing, the first result is selected but becomes the window's current customer (its card read)
    only once typing pauses, so the card's reads never hold up the next key's search; a row chosen in the
    list is current at once."""
    service = TwoHits(slow="")
    panel, shown = _panel(qtbot, runner, service)
    current: list[str | None] = []
    panel.current_changed.connect(current.append)
    QTest.keyClick(panel.search, "a")
    qtbot.waitUntil(lambda: shown == [["id-a", "id-other"]])
    assert panel.current_id() == "id-a" and current == [] and panel._settle.isActive()
    qtbot.waitUntil(lambda: current == ["id-a"], timeout=2000)
    panel.view.selectRow(1)
    assert current == ["id-a", "id-other"]
