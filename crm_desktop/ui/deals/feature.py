"""Deals in the main window: ``install(window)`` adds

* a **Deals** page: the board (a column per open stage; drag a card to move it) and a sortable list;
* a **Deals** tab beside the customer card (that customer's deals, "New deal…");
* *View ▸ Go to deals*, *Customer ▸ New deal…* and *Settings ▸ Deal stages…*.

A move (a drop, Ctrl+→ on a card) is one undo step (:class:`~crm_desktop.ui.shell.undo.WriteCommand`);
moving to Lost asks why first, Won asks nothing.  Every read and write runs on the task runner; the page
and the tab reload for changes to deals, customers' names and the team's settings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from crm_desktop.domain import deals as d
from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.deals import DealRow, DealSettings
from crm_desktop.services.deal_lines import DealLineService
from crm_desktop.services.deals import DealService, Moved
from crm_desktop.services.products import ProductService
from crm_desktop.services.targets import TargetService
from crm_desktop.ui.deals.board import DealsPanel
from crm_desktop.ui.deals.dialog import DealDialog, LostReasonDialog, StagesDialog, stage_label
from crm_desktop.ui.deals.tab import CustomerDealsTab
from crm_desktop.ui.deals.targets import TargetsDialog, TargetStrip
from crm_desktop.ui.shell.labels import error_text
from crm_desktop.ui.shell.undo import WriteCommand

SHOWN_KINDS = (Kind.DEAL, Kind.CUSTOMER, Kind.SETTING, Kind.ORDER)
"""What the page and the tab show: deals, customers' names, the team's stages and targets, orders (achieved)."""
translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


class DealProducts:
    """What the deal dialog reads to edit the products on a deal (on the worker)."""

    def __init__(self, products: ProductService, lines: DealLineService) -> None:
        self.products_service = products
        self.lines_service = lines

    def choice(self, customer_id: str, deal_id: str | None = None) -> Any:
        """(the active catalogue, the customer's price of each product, the deal's stored lines)."""
        stored = self.lines_service.lines(deal_id) if deal_id else []
        return (self.products_service.products(include_inactive=False), self.products_service.prices_for(customer_id),
                stored)


class DealsFeature(QObject):
    """The wiring between the window, the deal widgets and the service (``window.feature(DealsFeature)``).

    ``last_dialog`` is the dialog opened last (tests drive it)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.service: DealService = window.services.get(DealService)
        ctx = self.service.ctx
        self.now = ctx.now
        self.last_dialog: Any = None
        self.quote_opener: Callable[[str, Any], None] | None = None
        """Opens the quote dialog of a deal id over a parent widget (set by the quotes feature)."""
        self.quotes_of: Callable[[str], Any] = lambda _deal_id: ()
        """The deal's quotes, newest first (read on the worker; set by the quotes feature)."""
        self.won_hooks: tuple[Callable[[str], Any], Callable[[Any], Changes]] | None = None
        """(write, undo) run on the worker with a move to Won: the order of the deal's latest quote (set by
        the quotes feature); ``write(deal_id)`` returns what ``undo`` takes back (an object with ``changes``)
        or None."""
        self._stale = True
        self._generation = 0
        self._select_next: str | None = None
        self._target_generation = 0

        self.panel = DealsPanel(ctx.now)
        self.targets: TargetService = window.services.get(TargetService)
        self.products = DealProducts(window.services.get(ProductService), window.services.get(DealLineService))
        self.strip = TargetStrip(self.panel)
        self.panel.set_header(self.strip)
        self.strip.edit_requested.connect(self.edit_targets)
        self.strip.call_requested.connect(lambda ids, title: window.call_customers(ids, title))
        window.whose_changed.connect(lambda _w: self._targets_shown())
        window.add_page(self.panel, translate("deals", "Deals"))
        self.panel.move_requested.connect(self.move)
        self.panel.open_requested.connect(self.edit)
        window.pages.currentChanged.connect(lambda _i: self._shown())

        svc = self.service
        self.tab = CustomerDealsTab(lambda cid: (svc.settings(), svc.for_customer(cid)), window.runner, ctx.now)
        window.add_customer_tab(self.tab, translate("deals", "Deals"))
        window.customer_changed.connect(self.tab.set_customer)
        self.tab.new_requested.connect(self.new_deal)
        self.tab.open_requested.connect(self.edit)

        self.show_action = QAction(translate("deals", "Go to &deals"), window)
        self.show_action.setObjectName("action_show_deals")
        self.show_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.show_action.triggered.connect(self.show)
        window.add_actions("view", [self.show_action], separate=False)
        self.new_action = QAction(translate("deals", "New &deal…"), window)
        self.new_action.setObjectName("action_new_deal")
        self.new_action.triggered.connect(self._new_for_current)
        window.add_actions("customer", [self.new_action], separate=False, for_customer=True)
        self.settings_action = QAction(translate("deals", "Deal &stages…"), window)
        self.settings_action.setObjectName("action_deal_stages")
        self.settings_action.triggered.connect(self.edit_stages)
        self.targets_action = QAction(translate("deals", "Sales tar&gets…"), window)
        self.targets_action.setObjectName("action_sales_targets")
        self.targets_action.triggered.connect(self.edit_targets)
        window.add_actions("settings", [self.settings_action, self.targets_action], separate=False)
        window.data_changed.connect(self.on_data_changed)
        # read the open deals in the background once the window is up, so the board paints from memory when
        # the page is first opened (tens of thousands of deals take a few hundred milliseconds to read)
        window.runner.run(lambda: (svc.open_deals(), svc.win_rates()), lambda _rows: None, lambda _exc: None)

    # --- refreshing ----------------------------------------------------------------
    def show(self) -> None:
        """Bring the Deals page to the front (its board loads then, if it has not yet)."""
        self.window.show_page(self.panel)
        self._shown()
        self.panel.setFocus()

    def _shown(self) -> None:
        if self.window.pages.currentWidget() is self.panel and self._stale:
            self.refresh()

    def refresh(self, select: str | None = None) -> None:
        """Read the board on the worker and show it (only the answer of the latest read is shown)."""
        self._stale = False
        self._generation += 1
        generation, svc = self._generation, self.service
        select = select or self._select_next
        self._select_next = None

        def shown(result: tuple[DealSettings, dict[str, list[DealRow]], dict[str, d.WinRate]]) -> None:
            if generation != self._generation:
                return
            self.panel.show_deals(*result)
            if select:
                self.panel.select(select)

        self.window.runner.run(lambda: (*svc.board(), svc.win_rates()), shown,
                               lambda exc: self.window.show_error(exc, translate("deals", "Deals")))
        self.refresh_targets()

    def _targets_shown(self) -> None:
        if self.window.pages.currentWidget() is self.panel:
            self.refresh_targets()

    def refresh_targets(self) -> None:
        """Read the month's target figures of whoever the window shows (the team's for everyone's)."""
        targets, person = self.targets, self.window.whose or ""
        self._target_generation += 1
        generation = self._target_generation

        def shown(progress: Any) -> None:
            if generation == self._target_generation:
                self.strip.show_progress(progress)

        self.window.runner.run(lambda: targets.progress(person), shown,
                               lambda exc: self.strip.show_failure(error_text(exc)))

    def edit_targets(self) -> None:
        """Settings ▸ Sales targets…: the month's targets of the team and of each salesperson."""
        targets = self.targets

        def opened(found: tuple[list[str], Any, str]) -> None:
            people, stored, month = found
            dialog = TargetsDialog(targets, people, stored, month, runner=self.window.runner, parent=self.window)
            self.last_dialog = dialog
            if dialog.exec() and dialog.saved:
                self.window.notify_changed(dialog.saved)
                self.refresh_targets()

        self._read(lambda: (targets.people(), targets.targets(), targets.progress_month()), opened)

    def on_data_changed(self, changes: Changes) -> None:
        if not changes.touches(*SHOWN_KINDS):
            return
        if changes.touches(Kind.CUSTOMER, Kind.SETTING) or changes.customers is None:
            self.service.invalidate()  # names, stages, or a merge / import: read again
        if self.window.pages.currentWidget() is self.panel:
            self.refresh()
        else:
            self._stale = True
        if changes.touches_customer(self.tab.customer_id) or changes.touches(Kind.SETTING):
            self.tab.refresh()

    def _read(self, job: Callable[[], Any], then: Callable[[Any], None]) -> None:
        self.window.runner.run(job, then, lambda exc: QMessageBox.warning(
            self.window, translate("deals", "Deal"), error_text(exc)), urgent=True)

    # --- actions -------------------------------------------------------------------
    def _new_for_current(self) -> None:
        cid = self.window.current_customer_id()
        if not cid:
            QMessageBox.information(self.window, translate("deals", "New deal"),
                                    translate("deals", "Select the customer first."))
            return
        self.new_deal(cid)

    def new_deal(self, customer_id: str) -> None:
        """A new deal of *customer_id* (their name, contacts and the team's stages are read first)."""
        svc, customers = self.service, self.window.customers

        products = self.products

        def read() -> tuple[Any, DealSettings, Any]:
            return customers.get(customer_id), svc.settings(), products.choice(customer_id)

        def opened(found: tuple[Any, DealSettings, Any]) -> None:
            detail, settings, choice = found
            dialog = DealDialog(lambda data: svc.create(data).id, settings, customer_id, detail.name, svc.ctx.user,
                                [(c.id, c.name) for c in detail.contacts], today=self.now().astimezone().date(),
                                runner=self.window.runner, parent=self.window, products=choice)
            self.last_dialog = dialog
            if not dialog.exec():
                return
            self.window.statusBar().showMessage(translate("deals", "Deal “{title}” added.").format(
                title=dialog.data().title.strip()), 6000)
            self._written(customer_id, dialog.saved)

        self._read(read, opened)

    def edit(self, row: DealRow | None) -> None:
        if row is None:
            return
        svc, customers, products, quotes_of = self.service, self.window.customers, self.products, self.quotes_of

        def opened(found: tuple[Any, DealSettings, DealRow, Any, Any]) -> None:
            detail, settings, full, choice, quotes = found
            opener = self.quote_opener
            dialog = DealDialog(lambda data: svc.update(full.id, data), settings, full.customer_id, detail.name,
                                svc.ctx.user, [(c.id, c.name) for c in detail.contacts], initial=full,
                                runner=self.window.runner, parent=self.window, products=choice, quotes=quotes,
                                on_quote=None if opener is None else lambda: opener(full.id, dialog))
            self.last_dialog = dialog
            if dialog.exec() and dialog.saved:
                self._written(full.customer_id, full.id)

        # the board's rows leave out the notes and the source: the dialog edits the deal as stored
        self._read(lambda: (customers.get(row.customer_id), svc.settings(), svc.get(row.id),
                            products.choice(row.customer_id, row.id), quotes_of(row.id)), opened)

    def _written(self, customer_id: str, select: str | None = None) -> None:
        self._select_next = select
        self.window.notify_changed(Changes.of(Kind.DEAL, customers=[customer_id]))

    def move(self, row: DealRow, stage: str) -> None:
        """Move *row* to *stage* (Lost asks why first); one undo step."""
        settings = self.panel.settings
        target = settings.stage(stage)
        reason: str | None = None
        if target.outcome == d.LOST:
            dialog = LostReasonDialog(row, self.window)
            self.last_dialog = dialog
            if not dialog.exec():
                return
            reason = dialog.reason()
        svc, window = self.service, self.window
        state: dict[str, Moved] = {}
        text = translate("deals", "Move “{title}” to {stage}").format(title=row.title, stage=stage_label(target))

        hooks = self.won_hooks if target.outcome == d.WON else None
        extra: dict[str, Any] = {}

        def redo() -> Changes:
            moved = svc.move(row.id, stage, reason)
            state["moved"] = moved
            changes = moved.changes
            if hooks is not None:  # the deal's latest quote becomes its order
                extra["order"] = hooks[0](row.id)
                if extra["order"] is not None:
                    changes = changes | extra["order"].changes
            return changes

        def undo() -> Changes:
            if hooks is not None and extra.get("order") is not None:
                hooks[1](extra.pop("order"))
            return svc.undo_move(state["moved"].undo)

        def done(changes: Changes) -> None:
            window.undo_stack.push(WriteCommand(window, text, redo, undo, changes))
            self._select_next = row.id if target.outcome == d.OPEN else None
            window.notify_changed(changes)
            said = text if extra.get("order") is None else translate(
                "deals", "{move}: the order was made from its latest quote.").format(move=text)
            window.statusBar().showMessage(said, 6000)

        window.runner.run(redo, done, lambda exc: window.show_error(exc, text), urgent=True)

    def edit_stages(self) -> None:
        svc = self.service

        def opened(settings: DealSettings) -> None:
            dialog = StagesDialog(settings, svc.save_settings, runner=self.window.runner, parent=self.window)
            self.last_dialog = dialog
            if dialog.exec():
                self.window.notify_changed(Changes.of(Kind.SETTING, Kind.DEAL, customers=None))

        self._read(svc.settings, opened)


def install(window: Any) -> DealsFeature:
    """Add deals to *window* (see the module docstring)."""
    return DealsFeature(window)
