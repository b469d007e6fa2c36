"""The follow-ups page as 张三: "mine" are the steps on customers 张三 owns and the steps 张三 logged, however
the name was typed; the tab badge, the status bar and the page say the same "due now" after marking a step
done and after snoozing one; a step shows the channel it was set on."""

import re
from datetime import timedelta

from pages import click_item, click_tab, tree_items
from person import press
from PySide6.QtWidgets import QCheckBox, QLabel, QPlainTextEdit, QPushButton, QTabWidget, QTreeWidget, QWidget

from crm_desktop.db.people import person_id_for
from crm_desktop.domain.models import CustomerInput
from crm_desktop.services.timeline import ContactLogInput, TimelineService

ME = "张三"


def _set_up(book_services, clock):
    """周婷's step is 19 days overdue, on a customer owned by "张三 " (typed with a space), logged by 王磊 over
    WeChat; 钱春's is 2 days overdue, logged by 张三 on 王磊's customer; 孙丽's (张三's) is due in 3 days."""
    services = book_services(user="王磊")
    svc = services.customers
    a = svc.create(CustomerInput(name="周婷", owner="张三 ", preferred_channel="email")).id
    b = svc.create(CustomerInput(name="钱春", owner="王磊")).id
    c = svc.create(CustomerInput(name="孙丽", owner="张三")).id
    tl = services.get(TimelineService)
    now = clock()
    tl.log_contact(ContactLogInput(a, channel="wechat", summary="聊了报价", occurred_at=now - timedelta(days=20),
                                   next_step="发正式报价", next_due_at=now - timedelta(days=19)))
    services.ctx.user, services.ctx.person_id = "张三", person_id_for("张三")  # 张三 at his own laptop
    tl.log_contact(ContactLogInput(b, summary="约了下次", occurred_at=now - timedelta(days=3),
                                   next_step="确认交货日期", next_due_at=now - timedelta(days=2)))
    tl.log_contact(ContactLogInput(c, summary="寄了样品", occurred_at=now - timedelta(days=1),
                                   next_step="问样品反馈", next_due_at=now + timedelta(days=3)))
    services.ctx.db.close()


def _counts(person, panel) -> tuple[int, int, int]:
    """(tab badge, status bar, page line) as a person reads them; 0 where no figure is shown."""
    pages = person.find(QTabWidget, "pages")
    tab = pages.tabText(pages.indexOf(panel))
    badge = int(m.group(1)) if (m := re.search(r"\((\d+)\)", tab)) else 0
    label = person.find(QLabel, "followupCounts")
    bar = int(re.search(r"(\d+)", label.text()).group(1)) if label.isVisible() else 0
    line = panel.findChild(QLabel, "followupsStatus").text()
    page = int(m.group(1)) if (m := re.search(r"(\d+) due now", line)) else 0
    return badge, bar, page


def _mine(tree) -> dict[str, tuple[str, str]]:
    return {item.text(1): (group, item) for group, item in tree_items(tree)}


def test_mine_badge_status_and_page_agree_after_done_and_snooze(book_services, launch_app, book, settings, clock):
    """As 张三: the page lists 张三's three steps (not "nothing to do"), badge = status bar = page = 2 due now;
    done from the page → 1 everywhere; snooze 1 day → 0 everywhere; undo → 1 again."""
    _set_up(book_services, clock)
    settings.user_name = ME
    person = launch_app(book)
    pages = person.find(QTabWidget, "pages")
    panel = person.find(QWidget, "followupsPanel")
    click_tab(person, pages, panel)
    tree = panel.findChild(QTreeWidget, "followupsTree")
    assert panel.findChild(QCheckBox, "followupsOnlyMine").isChecked()
    person.wait(lambda: set(_mine(tree)) == {"周婷", "钱春", "孙丽"})
    person.wait(lambda: _counts(person, panel) == (2, 2, 2))
    shown = _mine(tree)
    assert shown["周婷"][0].startswith("Overdue") and shown["孙丽"][0].startswith("This week")
    assert shown["周婷"][1].text(4) == "WeChat", "the channel is the step's own, not the customer's"

    # mark 周婷's step done from the page
    click_item(person, tree, _mine(tree)["周婷"][1])

    def done(dialog):
        summary = dialog.findChild(QPlainTextEdit)
        assert summary.toPlainText() == "发正式报价"
        press("save")(dialog)

    person.expect(done)
    person.click(panel.findChild(QPushButton, "followupDone"))
    person.wait_answered()
    person.idle()
    person.wait(lambda: "周婷" not in _mine(tree))
    person.wait(lambda: _counts(person, panel) == (1, 1, 1))

    # snooze 钱春's step by a day: nothing is due now
    click_item(person, tree, _mine(tree)["钱春"][1])
    person.click(panel.findChild(QPushButton, "followupSnoozeDay"))
    person.idle()
    person.wait(lambda: _mine(tree)["钱春"][0].startswith(("Today", "This week")))
    person.wait(lambda: _counts(person, panel) == (0, 0, 0))
    assert pages.tabText(pages.indexOf(panel)) == "Follow-ups"

    # undo the snooze from the Edit menu: due again, everywhere
    person.choose("edit", "undo")
    person.idle()
    person.wait(lambda: _mine(tree)["钱春"][0].startswith("Overdue"))
    person.wait(lambda: _counts(person, panel) == (1, 1, 1))

    # the whole team's list: more rows; the figure stays 张三's and the page says so
    person.click(panel.findChild(QCheckBox, "followupsOnlyMine"))
    person.idle()
    person.wait(lambda: len(tree_items(tree)) > 2)
    assert "1 of yours due now" in panel.findChild(QLabel, "followupsStatus").text()
    assert _counts(person, panel)[:2] == (1, 1)


def test_nothing_of_mine_says_the_team_has_some(book_services, launch_app, book, settings, clock):
    """A salesperson who owns nothing yet is told the team's follow-ups are there, not "Well done"."""
    _set_up(book_services, clock)
    settings.user_name = "赵敏"
    person = launch_app(book)
    panel = person.find(QWidget, "followupsPanel")
    click_tab(person, person.find(QTabWidget, "pages"), panel)
    status = panel.findChild(QLabel, "followupsStatus")
    person.wait(lambda: "the team has" in status.text())
    assert "Well done" not in status.text() and "Only mine" in status.text()
