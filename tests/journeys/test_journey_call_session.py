"""A morning of calls: today's list, the card, Ctrl+L, and snoozing with D and S."""

from person import press
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QListView, QPlainTextEdit, QPushButton


def _calls(person) -> QListView:
    view = person.find(QListView, "calllistView")
    person.wait(lambda: view.model().rowCount() > 0, timeout=20000)
    person.idle()
    return view


def _rows(view) -> list[str]:
    return [view.model().index(r, 0).data() for r in range(view.model().rowCount())]


def test_morning_call_answers_the_overdue_step(launch_app, call_book):
    """Top of the list → Enter → Ctrl+L answering the overdue step: the reason is gone, the card shows the new
    step, and the follow-ups page and its count agree."""
    path, ids = call_book
    person = launch_app(path)
    view = _calls(person)
    top = _rows(view)[0]
    assert top.startswith("1. 周明") and "follow-up due 20 days ago: 发送报价单" in top
    assert view.model().index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None, "20 days late is urgent"
    second = view.model().index(1, 0)
    assert second.data(Qt.ItemDataRole.ForegroundRole) is None, "2 days late is an ordinary call, not red"

    person.click_row(view, 0)
    person.key(Qt.Key.Key_Return)
    person.idle()
    person.wait(lambda: "周明" in person.find(QLabel, "cardTitle").text())
    header = person.find(QLabel, "timelineHeader")
    person.wait(lambda: "发送报价单" in header.text())

    def log_the_call(dialog):
        named = [lbl.text() for lbl in dialog.findChildren(QLabel) if "周明" in lbl.text()]
        assert named, "the dialog names the customer being called"
        answered = dialog.findChildren(QCheckBox)
        steps = [b for b in answered if b.objectName().startswith("answers_")]
        assert len(steps) == 1 and steps[0].isChecked() and "发送报价单" in steps[0].text()
        summary = dialog.findChild(QPlainTextEdit)
        summary.setFocus()
        person.type("报价单已发，客户下周答复", summary)
        outcome = dialog.findChildren(QComboBox)
        for combo in outcome:
            i = combo.findText("Reached")
            if i >= 0:
                combo.setCurrentIndex(i)
        step = next(e for e in dialog.findChildren(QLineEdit) if "next" in e.placeholderText().lower())
        step.setFocus()
        person.type("确认订单数量", step)
        tomorrow = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Next week")
        tomorrow.click()
        press("save")(dialog)

    person.expect(log_the_call)
    view.setFocus()
    person.shortcut("Ctrl+L")
    person.wait_answered()
    person.idle()
    person.wait(lambda: not any(r.startswith(("1. 周明", "2. 周明")) or "周明" in r.split("\n")[0]
                                for r in _rows(view)))
    assert all("发送报价单" not in r for r in _rows(view))
    person.wait(lambda: "确认订单数量" in header.text())
    assert "发送报价单" not in header.text()

    # the follow-ups page lists what is due, and its tab and status line count the same
    person.choose("view", "show_followups")
    person.idle()
    pages = person.window.pages
    assert pages.tabText(pages.currentIndex()).startswith("Follow-ups")
    badge = pages.tabText(pages.currentIndex())
    status = person.find(QLabel, "followupsStatus").text()
    due_now = int(badge.split("(")[1].rstrip(")")) if "(" in badge else 0
    assert f"{due_now} due now" in status
    assert "发送报价单" not in person.find(QLabel, "followupsStatus").parent().findChild(
        QLabel, "followupsStatus").text()


def test_snooze_from_the_call_list_and_undo(launch_app, call_book):
    """D takes the customer off today's list, S off for a week; Ctrl+Z puts each back; the card says so."""
    path, ids = call_book
    person = launch_app(path)
    view = _calls(person)
    before = _rows(view)
    person.click_row(view, 0)
    person.key(Qt.Key.Key_D)
    person.idle()
    person.wait(lambda: not _rows(view)[0].startswith("1. 周明"))
    assert "Snoozed until" in person.find(QLabel, "calllistStatus").text()
    # the next customer to call is on the card now
    nxt = _rows(view)[0].split("\n")[0].split(". ", 1)[1].split()[0]
    person.wait(lambda: nxt in person.find(QLabel, "cardTitle").text())
    person.choose("edit", "undo")
    person.idle()
    person.wait(lambda: _rows(view)[0].startswith("1. 周明"))

    # S, then Customer › Back on today's calls, which Undo reverts too
    person.click_row(view, 1)
    second = _rows(view)[1].split("\n")[0].split(". ", 1)[1].split()[0]
    person.key(Qt.Key.Key_S)
    person.idle()
    person.wait(lambda: all(second not in r.split("\n")[0] for r in _rows(view)))
    # find them again: their card says they are off the list, and the Customer menu puts them back
    person.shortcut("Ctrl+F")
    person.type(second)
    person.idle()
    person.wait(lambda: "Off today's calls until" in person.text(person.find(QLabel, "cardTitle")))
    person.choose("customer", "unsnooze")
    person.idle()
    person.wait(lambda: any(second in r.split("\n")[0] for r in _rows(view)))
    assert len(_rows(view)) == len(before)
