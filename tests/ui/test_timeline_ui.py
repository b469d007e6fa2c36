"""Timeline UI: Ctrl+L logging with qtbot, the card header, the paged model, follow-ups page, orders dialogs."""

from datetime import timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.models import CustomerInput
from crm_desktop.services.followups import FollowUpService
from crm_desktop.services.orders import OrderService
from crm_desktop.services.timeline import ContactLogInput, TimelineService
from crm_desktop.ui.timeline.feature import TimelineFeature
from crm_desktop.ui.timeline.log_contact import LogContactDialog
from crm_desktop.ui.timeline.panel import TimelineModel


def _idle(qtbot, window):
    qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=10000)


def _select(qtbot, window, cid):
    window.list_panel.refresh(select=cid)
    qtbot.waitUntil(lambda: window.current_customer_id() == cid)
    feature = window.feature(TimelineFeature)
    _idle(qtbot, window)
    return feature


def _in_dialog(fn):
    """Run *fn(dialog)* once the modal dialog is up."""
    def go():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, go)
            return
        fn(dialog)
    QTimer.singleShot(0, go)


def test_ctrl_l_logs_a_contact_and_header_shows_next_step(qtbot, window, customers, services):
    """Ctrl+L opens the dialog prefilled with the preferred channel; Enter saves; timeline and header update."""
    cid = customers.create(CustomerInput(name="张伟", preferred_channel="wechat")).id
    feature = _select(qtbot, window, cid)
    seen = {}

    def fill(dialog: LogContactDialog):
        seen["channel"] = dialog.channel.currentData()
        dialog.summary.setPlainText("问了新品价格")
        dialog.outcome.setCurrentIndex(dialog.outcome.findData("call_back"))
        dialog.next_step.setText("发送报价单")
        dialog._propose_due("发送报价单")
        dialog.summary.setFocus()
        qtbot.keyClick(dialog.summary, Qt.Key.Key_Return)

    _in_dialog(fill)
    feature.log_action.trigger()
    qtbot.waitUntil(lambda: "channel" in seen)
    _idle(qtbot, window)
    assert seen["channel"] == "wechat"
    entries = services.get(TimelineService).page(cid).entries
    assert entries[0].body == "问了新品价格" and entries[0].next_step == "发送报价单"
    qtbot.waitUntil(lambda: feature.panel.model.rowCount() == 1)
    qtbot.waitUntil(lambda: "发送报价单" in feature.header.text())
    assert "问了新品价格" in feature.header.text() and feature.header.isVisibleTo(window)
    window.undo_stack.undo()
    _idle(qtbot, window)
    assert services.get(TimelineService).page(cid).entries == ()
    qtbot.waitUntil(lambda: feature.panel.model.rowCount() == 0)


def test_dialog_keeps_text_and_shows_error(qtbot, services, customers, clock):
    """An invalid contact (next step without a summary) shows the reason and keeps the dialog open."""
    cid = customers.create(CustomerInput(name="张伟")).id
    tl = services.get(TimelineService)
    dialog = LogContactDialog(tl.defaults(cid), tl.log_contact, now=clock())
    qtbot.addWidget(dialog)
    dialog.next_step.setText("call again")
    dialog.save()
    assert dialog.error.text() and dialog.saved is None and dialog.next_step.text() == "call again"
    dialog.summary.setPlainText("line one")
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert dialog.saved is None  # Shift+Enter is a new line, not save
    dialog.has_due.setChecked(True)
    dialog.save()
    assert dialog.saved and tl.get(dialog.saved.id).next_due_at is not None


def test_window_log_contact_callable_for_other_features(qtbot, window, customers):
    """The window's log_contact(customer_id, then), provided by the timeline, opens the dialog; cancelling
    calls then(False)."""
    cid = customers.create(CustomerInput(name="李娜")).id
    titles, logged = [], []

    def cancel(dialog):
        titles.append(dialog.objectName())
        dialog.reject()

    _in_dialog(cancel)
    assert window.log_contact(cid, logged.append) is True
    qtbot.waitUntil(lambda: logged == [False])
    assert titles == ["logContactDialog"]


def test_model_pages_with_fetch_more(qtmodeltester, services, customers, clock):
    """The timeline model loads a page, says canFetchMore, and appends the next page on fetchMore."""
    cid = customers.create(CustomerInput(name="张伟")).id
    tl = services.get(TimelineService)
    for i in range(250):
        tl.log_contact(ContactLogInput(cid, summary=f"c{i}", occurred_at=clock() - timedelta(hours=i)))
    model = TimelineModel(lambda c, k, cur: tl.page(c, k, cur, limit=100))
    model.set_customer(cid)
    assert model.rowCount() == 100 and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 250 and not model.canFetchMore()
    assert model.data(model.index(0, 2)).endswith("c0")
    qtmodeltester.check(model)


def test_kind_filter_in_panel(qtbot, window, customers, services, clock):
    """Unticking Contacts leaves only orders in the timeline tab."""
    cid = customers.create(CustomerInput(name="张伟")).id
    services.get(TimelineService).log_contact(ContactLogInput(cid, summary="hello"))
    from crm_desktop.services.orders import OrderInput

    services.get(OrderService).create(OrderInput(cid, clock() - timedelta(days=1), "10"))
    feature = _select(qtbot, window, cid)
    qtbot.waitUntil(lambda: feature.panel.model.rowCount() == 2)
    feature.panel.filters["interaction"].setChecked(False)
    qtbot.waitUntil(lambda: feature.panel.model.rowCount() == 1)
    assert feature.panel.model.entry(0).kind == "order"


def test_followups_page_snooze_done_and_badge(qtbot, window, customers, services, clock):
    """The page lists an overdue step with a badge; snooze moves it; done asks the outcome and closes it."""
    cid = customers.create(CustomerInput(name="张伟")).id
    tl = services.get(TimelineService)
    iid = tl.log_contact(ContactLogInput(cid, summary="talked", occurred_at=clock() - timedelta(days=2),
                                         next_step="send quote", next_due_at=clock() - timedelta(days=1))).id
    feature = window.feature(TimelineFeature)
    panel = feature.followups.panel
    # as every write does: the page reloads, the due steps are counted
    window.notify_changed(Changes.of(Kind.INTERACTION, customers=[cid]))
    qtbot.waitUntil(lambda: len(panel.items) == 1)
    qtbot.waitUntil(lambda: "(1)" in window.pages.tabText(window.pages.indexOf(panel)))
    assert "1 due now" in panel.status.text()
    assert panel.items[0].bucket == "overdue"
    assert panel.select_id(iid)
    panel.day_button.click()
    qtbot.waitUntil(lambda: panel.items and panel.items[0].bucket != "overdue")
    assert tl.get(iid).next_due_at == clock() + timedelta(days=1)
    assert panel.select_id(iid)

    def finish(dialog):
        assert dialog.summary.toPlainText() == "send quote"
        dialog.outcome.setCurrentIndex(dialog.outcome.findData("reached"))
        dialog.save()

    _in_dialog(finish)
    panel.done_button.click()
    qtbot.waitUntil(lambda: tl.get(iid).next_done)
    qtbot.waitUntil(lambda: panel.items == [])
    window.undo_stack.undo()
    _idle(qtbot, window)
    assert not tl.get(iid).next_done


def test_reminder_without_tray_uses_status_bar(qtbot, window, customers, services, clock):
    """A follow-up that falls due while the app is open is announced once (status bar when no tray)."""
    cid = customers.create(CustomerInput(name="张伟")).id
    services.get(TimelineService).log_contact(ContactLogInput(
        cid, summary="x", next_step="call back", next_due_at=clock() + timedelta(minutes=5)))
    reminders = window.feature(TimelineFeature).reminders
    reminders.tray = None  # a desktop without a system tray, whatever this one has
    reminders.check()
    _idle(qtbot, window)
    assert reminders.last_reminder is None, "not due yet: nothing is announced"
    assert "call back" not in window.statusBar().currentMessage()
    clock.value += timedelta(minutes=6)
    reminders.check()
    qtbot.waitUntil(lambda: reminders.last_reminder is not None)
    assert "call back" in str(reminders.last_reminder)
    assert "call back" in window.statusBar().currentMessage()
    reminders.last_reminder = None
    reminders.check()
    _idle(qtbot, window)
    assert reminders.last_reminder is None  # announced once


def test_order_dialog_saves_exact_amount(qtbot, window, customers, services):
    """New order from the Customer menu stores the typed amount exactly."""
    cid = customers.create(CustomerInput(name="张伟")).id
    feature = _select(qtbot, window, cid)

    def fill(dialog):
        dialog.amount.setText("1,280.50")
        dialog.description.setText("打印纸")
        dialog.save()

    _in_dialog(fill)
    feature.order_action.trigger()
    qtbot.waitUntil(lambda: feature.last_dialog is not None and feature.last_dialog.saved is not None)
    entries = services.get(TimelineService).page(cid, kinds={"order"}).entries
    assert entries[0].amount_minor == 128050 and entries[0].body == "打印纸"


def test_import_dialog_blocks_bad_files_and_imports_good_ones(qtbot, ctx, customers, tmp_path):
    """The preview lists row problems and keeps Import disabled; a clean file imports."""
    from crm_desktop.services.imports import OrdersImporter
    from crm_desktop.ui.timeline.orders_import_dialog import OrdersImportDialog

    customers.create(CustomerInput(name="张伟", external_id="C1"))
    imp = OrdersImporter(ctx)
    dialog = OrdersImportDialog(lambda p, c: imp.prepare_file(p, create_missing=c), imp.run)
    qtbot.addWidget(dialog)
    bad = tmp_path / "bad.csv"
    bad.write_text("customer,date,amount\nC1,2026-01-01,abc\n", encoding="utf-8")
    dialog.load(str(bad))
    assert not dialog.import_button.isEnabled() and "Row 2" in dialog.problems.item(0).text()
    good = tmp_path / "good.csv"
    good.write_text("customer,date,amount\nC1,2026-01-01,12.5\nnew one,2026-01-02,3\n", encoding="utf-8")
    dialog.load(str(good))
    assert not dialog.import_button.isEnabled()
    dialog.create_missing.setChecked(True)
    assert dialog.import_button.isEnabled() and dialog.preview.rowCount() == 2
    with qtbot.waitSignal(dialog.imported):
        dialog.start_import()
    assert dialog.result_data.orders == 2 and dialog.result_data.customers == 1


def test_birthday_greeting_from_followups(qtbot, window, customers, services, clock):
    """A birthday this week shows on the page; Send greetings logs a contact and removes it."""
    from datetime import date

    customers.create(CustomerInput(name="张伟", birthday=date(1980, 11, 25)))
    panel = window.feature(TimelineFeature).followups.panel
    panel.refresh()
    qtbot.waitUntil(lambda: len(panel.items) == 1)
    f = panel.items[0]
    assert f.kind == "birthday"
    panel.select_id(f.id)
    assert panel.done_button.text() != "Done…" and not panel.day_button.isEnabled()
    _in_dialog(lambda d: d.save())
    panel.done_button.click()
    qtbot.waitUntil(lambda: panel.items == [])
    _idle(qtbot, window)
    assert services.get(FollowUpService).upcoming() == []
