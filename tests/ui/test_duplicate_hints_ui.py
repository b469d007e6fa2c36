"""The new-customer dialog's live duplicate hints: shown as typed, newest answer only, click to open instead."""

from PySide6.QtWidgets import QPushButton

from crm_desktop.domain.models import CustomerInput
from crm_desktop.services.duplicate_hints import DuplicateHint, DuplicateHintService, HintResult
from crm_desktop.ui.customers.dialog import CustomerDialog
from crm_desktop.ui.customers.hints import DuplicateHintsPanel


def _dialog(qtbot, services, runner):
    hints = services.get(DuplicateHintService)
    d = CustomerDialog(services.customers.validate, save=services.customers.create, runner=runner,
                       hints=lambda n, p, c, e: hints.hints(n, p, c, e))
    qtbot.addWidget(d)
    return d


def _buttons(dialog):
    return [b for b in dialog.findChildren(QPushButton, "duplicateHint") if not b.isHidden()]


def test_typing_a_known_email_shows_the_customer_and_their_owner(qtbot, services, runner):
    """An e-mail already in the book: one hint naming the customer, their owner and "never contacted"."""
    services.customers.create(CustomerInput(name="张伟", email="zw@example.com", owner="王磊"))
    d = _dialog(qtbot, services, runner)
    assert d.hints is not None and d.hints.isHidden()
    d.email.setText("zw@example.com")
    qtbot.waitUntil(lambda: len(_buttons(d)) == 1)
    text = _buttons(d)[0].text()
    assert "张伟" in text and "owner: 王磊" in text and "never contacted" in text and "same e-mail" in text


def test_clicking_a_hint_closes_the_dialog_with_that_customer_and_saves_nothing(qtbot, services, runner):
    """Click the hint: the dialog is rejected, open_instead is the existing customer, the count is unchanged."""
    cid = services.customers.create(CustomerInput(name="周明", phone="13800138000")).id
    d = _dialog(qtbot, services, runner)
    d.name.setText("新客户")
    d.phone.setText("13800138000")
    qtbot.waitUntil(lambda: len(_buttons(d)) == 1)
    _buttons(d)[0].click()
    assert d.result() == CustomerDialog.DialogCode.Rejected and d.open_instead == cid
    assert services.customers.count() == 1


def test_an_answer_for_older_typing_is_dropped(qtbot, runner):
    """Two keystrokes: the answer to the first arrives late and is not shown; the newest one is."""
    hint = DuplicateHint("a" * 32, "周明", "", "陈静", "", "", ("phone",), None)
    panel = DuplicateHintsPanel(lambda *_typed: HintResult(), runner)
    qtbot.addWidget(panel)
    panel.typed("周", "", "", "")
    first = panel._generation
    panel.typed("周明", "", "", "")
    panel._answered(first, HintResult((hint,)))
    assert panel.result.hints == () and panel.isHidden()
    panel._answered(panel._generation, HintResult((hint,), more=2))
    assert panel.result.hints == (hint,) and panel.more.text() == "… and 2 more"
