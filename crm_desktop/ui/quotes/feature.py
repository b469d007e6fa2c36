"""Quotes in the main window: ``install(window)`` adds

* *Quote…* on a deal: a button in the deal dialog (beside the deal's versions) and on a board card's menu,
  opening :class:`~crm_desktop.ui.quotes.dialog.QuoteDialog`;
* *Settings ▸ Company details…*: what quotes print at the top, and the seal.

Every read and write runs on the task runner.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from crm_desktop.domain.changes import Changes
from crm_desktop.services.company import CompanyService
from crm_desktop.services.quotes import QuoteService
from crm_desktop.ui.deals.feature import DealsFeature
from crm_desktop.ui.quotes.company import CompanyDialog
from crm_desktop.ui.quotes.dialog import QuoteDialog
from crm_desktop.ui.shell.labels import error_text

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


class QuotesFeature(QObject):
    """The wiring of quotes (``window.feature(QuotesFeature)``); ``last_dialog`` is the dialog opened last."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.service: QuoteService = window.services.get(QuoteService)
        self.company: CompanyService = window.services.get(CompanyService)
        self.last_dialog: Any = None
        deals = window.feature(DealsFeature)
        self.deals = deals
        deals.quote_opener = self.open
        deals.quotes_of = self.service.for_deal
        deals.won_hooks = (self.service.order_on_won, self.service.undo_accept)
        self.card_action = QAction(translate("quotes", "Quote…"), deals.panel)
        self.card_action.triggered.connect(self._quote_current)
        deals.panel.card_actions.append(self.card_action)
        self.company_action = QAction(translate("quotes", "Company &details…"), window)
        self.company_action.setObjectName("action_company_details")
        self.company_action.triggered.connect(self.edit_company)
        window.add_actions("settings", [self.company_action], separate=False)

    def _quote_current(self) -> None:
        row = self.deals.panel.current()
        if row is not None:
            self.open(row.id)

    def _read(self, job: Any, then: Any, parent: QWidget) -> None:
        self.window.runner.run(job, then, lambda exc: QMessageBox.warning(
            parent, translate("quotes", "Quote"), error_text(exc)), urgent=True)

    def open(self, deal_id: str, parent: QWidget | None = None) -> None:
        """The quote dialog of *deal_id* (its draft is read first), over *parent* (the window by default)."""
        svc = self.service
        over = parent or self.window

        def opened(draft: Any) -> None:
            dialog = QuoteDialog(self.window, svc, draft, over)
            self.last_dialog = dialog
            dialog.exec()
            shown = getattr(over, "show_quotes", None)
            if callable(shown):  # the deal dialog lists the versions made meanwhile
                self.window.runner.run(lambda: svc.for_deal(deal_id), shown, lambda _exc: None)

        self._read(lambda: svc.draft(deal_id), opened, over)

    def edit_company(self) -> None:
        """Settings ▸ Company details…"""
        company = self.company

        def opened(details: Any) -> None:
            dialog = CompanyDialog(details, company.save, runner=self.window.runner, parent=self.window)
            self.last_dialog = dialog
            if dialog.exec() and isinstance(dialog.saved, Changes) and dialog.saved:
                self.window.notify_changed(dialog.saved)
                self.window.statusBar().showMessage(translate("quotes", "Company details saved."), 6000)

        self._read(company.details, opened, self.window)


def install(window: Any) -> QuotesFeature:
    """Add quotes to *window* (see the module docstring)."""
    return QuotesFeature(window)
