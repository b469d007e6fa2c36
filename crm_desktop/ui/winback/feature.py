"""The win-back page in the main window: ``install(window)`` adds

* a **Win back** page (View ▸ Win back, Ctrl+Shift+W) listing formerly valuable customers who stopped
  buying, ranked by spent so far × P(active) (:mod:`crm_desktop.services.winback`), for the window's
  "whose" switch (mine, a colleague's, the team's); Enter opens the card, Ctrl+L logs a contact;
* "Set churn reason…" on the page (a button and the context menu): why they stopped buying, saved as
  a customer edit that Ctrl+Z takes back;
* a line on the customer card with the reason, once it is known.

The list is read on the task runner whenever the page is shown after a write that changes customers,
orders or settings (or at once when it is in front), and when the "whose" switch moves.  Asking the
reason on the first logged call is the log dialog's part (:mod:`crm_desktop.ui.timeline.feature`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel

from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.services.winback import WinBackService
from crm_desktop.ui.shell.undo import WriteCommand
from crm_desktop.ui.winback.labels import churn_name
from crm_desktop.ui.winback.page import ChurnReasonDialog, WinBackPage

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""

SHOWN_KINDS = (Kind.CUSTOMER, Kind.ORDER, Kind.SETTING, Kind.PERSON)
"""What the list is made of: customers (names, owners, reasons), their orders, the team's settings, who I am."""


class WinBackFeature(QObject):
    """The wiring between the window, the page and the service (``window.feature(WinBackFeature)``).

    ``last_dialog``: the churn-reason dialog opened last (tests drive it)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.service: WinBackService = window.services.get(WinBackService)
        self.last_dialog: Any = None
        self.stale = True
        self.page = WinBackPage(window.runner)
        self.page.installEventFilter(self)
        window.add_page(self.page, translate("winback", "Win back"))
        self.show_action = QAction(translate("winback", "&Win back"), window)
        self.show_action.setObjectName("action_show_winback")
        self.show_action.setShortcut(QKeySequence("Ctrl+Shift+W"))
        self.show_action.triggered.connect(lambda _c=False: window.show_page(self.page))
        window.add_actions("view", [self.show_action], separate=False)
        self.page.open_requested.connect(window.open_customer)
        self.page.log_requested.connect(lambda cid: window.log_contact(cid))
        self.page.churn_requested.connect(self.ask_reason)
        window.data_changed.connect(self.on_data_changed)
        window.whose_changed.connect(lambda _w: self.reload())
        self.card_line = QLabel(window)
        self.card_line.setObjectName("churnReasonLine")
        self.card_line.hide()
        window.add_card_header(self.card_line)
        window.customer_changed.connect(self.show_card_reason)
        self._card_generation = 0

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.page and event.type() == QEvent.Type.Show and self.stale:
            self.reload()
        return False

    def on_data_changed(self, changes: Changes) -> None:
        if changes.touches(*SHOWN_KINDS):
            self.stale = True
            if self.page.isVisible():
                self.reload()
        current = self.window.current_customer_id()
        if changes.touches(Kind.CUSTOMER) and changes.touches_customer(current):
            self.show_card_reason(current)

    def show_card_reason(self, customer_id: str | None) -> None:
        """The card's line "Why they stopped buying: …" for *customer_id* (hidden while not known)."""
        self._card_generation += 1
        generation, service, line = self._card_generation, self.service, self.card_line
        if not customer_id:
            line.hide()
            return

        def shown(reason: str | None) -> None:
            if generation != self._card_generation:
                return
            line.setText(translate("winback", "Why they stopped buying: {reason}").format(reason=churn_name(reason)))
            line.setVisible(reason is not None)

        self.window.runner.run(lambda: service.churn_reason(customer_id), shown, lambda _exc: line.hide())

    def reload(self) -> None:
        """Read the list again (the window's "whose" as it is now)."""
        self.stale = False
        service, whose = self.service, self.window.whose
        self.page.load(lambda: service.rows(whose=whose))

    def ask_reason(self, customer_id: str) -> None:
        """Ask why *customer_id* stopped buying and save it (one undo step)."""
        row = next((r for r in self.page.model.rows if r.customer_id == customer_id), None)
        if row is None:
            return
        dialog = ChurnReasonDialog(row.name, row.churn_reason, self.window)
        self.last_dialog = dialog
        if not dialog.exec():
            return
        self.set_reason(customer_id, row.name, dialog.reason())

    def set_reason(self, customer_id: str, name: str, reason: str | None) -> None:
        """Save *reason* for *customer_id* on the runner and put it on the undo stack."""
        service, window = self.service, self.window

        def saved(result: tuple[str | None, Changes]) -> None:
            before, changes = result
            if not changes:
                return
            text = translate("winback", "Churn reason of “{name}”: {reason}").format(name=name,
                                                                                     reason=churn_name(reason))
            window.undo_stack.push(WriteCommand(window, text, lambda: service.set_churn_reason(customer_id, reason)[1],
                                                lambda: service.set_churn_reason(customer_id, before)[1], changes))
            window.notify_changed(changes)
            window.statusBar().showMessage(text, 5000)

        window.runner.run(lambda: service.set_churn_reason(customer_id, reason), saved,
                          lambda exc: window.show_error(exc, translate("winback", "Win back")), urgent=True)


def install(window: Any) -> WinBackFeature:
    """Add the win-back page to *window* (see the module docstring)."""
    return WinBackFeature(window)
