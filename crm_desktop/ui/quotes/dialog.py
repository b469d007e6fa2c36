"""The quote dialog of a deal: its lines (product, quantity, the customer's unit price, discount, tax rate),
how long it holds and its language; *Save as v2* freezes them as the next version.  The versions made so far
are listed; the selected one is saved as PDF or Excel, sent by e-mail (the PDF is written to the exports
folder, the mail client opens with the message and the folder shows the file to attach: a mail link cannot
attach files), or accepted, which makes the order with its lines (one undo step).

Reads and writes run on the task runner; the PDF is drawn on the UI thread (Qt's text layout), from what the
worker read."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QUrl, QUrlQuery
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.changes import Changes
from crm_desktop.domain.errors import UserError
from crm_desktop.domain.quotes import QuoteDocument, QuoteInput, QuoteRow
from crm_desktop.paths import data_dir
from crm_desktop.services import quote_document as sheet
from crm_desktop.services.orders import format_amount
from crm_desktop.services.quotes import Accepted, QuoteDraft, QuoteService
from crm_desktop.ui.quotes.lines import QuoteLinesEditor
from crm_desktop.ui.quotes.render import write_pdf
from crm_desktop.ui.shell.files import choose_save
from crm_desktop.ui.shell.labels import error_text
from crm_desktop.ui.shell.saving import ERROR_STYLE
from crm_desktop.ui.shell.undo import WriteCommand

Role = 256  # Qt.ItemDataRole.UserRole: the version's QuoteRow


def exports_dir() -> Path:
    """Where quotes sent by e-mail are written (the folder the file manager then shows)."""
    folder = data_dir() / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class QuoteDialog(QDialog):
    """The quotes of one deal (see the module docstring).  *window* gives the runner, the undo stack and
    ``notify_changed``; *service* the quote use cases; *draft* what the dialog starts from."""

    def __init__(self, window: Any, service: QuoteService, draft: QuoteDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quoteDialog")
        self.window_ = window
        self.service = service
        self.deal = draft.deal
        self.setWindowTitle(self.tr("Quote “{title}” for {name}").format(title=draft.deal.title,
                                                                         name=draft.deal.customer_name))
        self.lines = QuoteLinesEditor(draft.products, draft.prices, draft.lines, draft.deal.currency, self)
        self.valid_until = QDateEdit(self)
        self.valid_until.setObjectName("quoteValidUntil")
        self.valid_until.setCalendarPopup(True)
        self.valid_until.setDisplayFormat("yyyy-MM-dd")
        v = draft.valid_until
        self.valid_until.setDate(QDate(v.year, v.month, v.day))
        self.language = QComboBox(self)
        self.language.setObjectName("quoteLanguage")
        self.language.addItem(self.tr("Chinese (报价单)"), "zh")
        self.language.addItem(self.tr("English (Quotation)"), "en")
        if draft.quotes:  # the language the deal was quoted in last
            self.language.setCurrentIndex(max(0, self.language.findData(draft.quotes[0].language)))
        self.versions = QListWidget(self)
        self.versions.setObjectName("quoteVersions")
        self.versions.setMaximumHeight(110)
        self.versions.currentRowChanged.connect(lambda _r: self._enable())
        self.save_button = self._button("saveQuote", "", self.save)
        self.pdf_button = self._button("saveQuotePdf", self.tr("Save &PDF…"), self.save_pdf)
        self.excel_button = self._button("saveQuoteExcel", self.tr("Save E&xcel…"), self.save_excel)
        self.send_button = self._button("sendQuote", self.tr("Send by &e-mail…"), self.send)
        self.accept_button = self._button("acceptQuote", self.tr("&Accept → order"), self.accept_quote)
        self.close_button = self._button("closeQuote", self.tr("Close"), self.reject)
        self.error = QLabel(self)
        self.error.setObjectName("quoteError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.note = QLabel(self)
        self.note.setObjectName("quoteNote")
        self.note.setWordWrap(True)
        self.last_file: Path | None = None
        self._busy = False
        self._layout()
        self.show_quotes(list(draft.quotes))
        self.resize(860, 620)

    def _button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.setAutoDefault(False)
        b.clicked.connect(slot)
        return b

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Products"), self.lines)
        row = QHBoxLayout()
        row.addWidget(self.valid_until)
        row.addWidget(QLabel(self.tr("Language"), self))
        row.addWidget(self.language)
        row.addStretch(1)
        row.addWidget(self.save_button)
        form.addRow(self.tr("Valid until"), row)
        form.addRow(self.tr("Versions"), self.versions)
        files = QHBoxLayout()
        for b in (self.pdf_button, self.excel_button, self.send_button, self.accept_button):
            files.addWidget(b)
        files.addStretch(1)
        files.addWidget(self.close_button)
        lay = QVBoxLayout(self)
        lay.addLayout(form, 1)
        lay.addWidget(QLabel(self.tr("Files, e-mail and the order are made from the selected version."), self))
        lay.addLayout(files)
        lay.addWidget(self.note)
        lay.addWidget(self.error)

    # --- the versions -------------------------------------------------------------------------------------
    def show_quotes(self, quotes: list[QuoteRow], select: str | None = None) -> None:
        """List *quotes* (newest first) and select *select*, else the newest."""
        self.versions.clear()
        for quote in quotes:
            parts = [quote.label, format_amount(quote.gross_minor, quote.currency),
                     f"{quote.created_at.astimezone():%Y-%m-%d}"]
            if quote.sent_at:
                parts.append(self.tr("sent"))
            if quote.order_id:
                parts.append(self.tr("accepted"))
            item = QListWidgetItem(" · ".join(parts))
            item.setData(Role, quote)
            self.versions.addItem(item)
            if quote.id == select:
                self.versions.setCurrentItem(item)
        if self.versions.currentRow() < 0 and quotes:
            self.versions.setCurrentRow(0)
        following = (quotes[0].version if quotes else 0) + 1
        self.save_button.setText(self.tr("&Save as v{version}").format(version=following))
        self._enable()

    def selected(self) -> QuoteRow | None:
        item = self.versions.currentItem()
        quote = item.data(Role) if item is not None else None
        return quote if isinstance(quote, QuoteRow) else None

    def _enable(self) -> None:
        quote = self.selected()
        for b in (self.pdf_button, self.excel_button, self.send_button):
            b.setEnabled(quote is not None and not self._busy)
        self.accept_button.setEnabled(quote is not None and not quote.order_id and not self._busy)
        self.save_button.setEnabled(not self._busy)

    # --- running ------------------------------------------------------------------------------------------
    def _run(self, job: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self._busy = True
        self._enable()
        self.error.hide()

        def finished(result: Any) -> None:
            self._busy = False
            self._enable()
            done(result)

        def failed(exc: BaseException) -> None:
            self._busy = False
            self._enable()
            self.show_error(error_text(exc))

        self.window_.runner.run(job, finished, failed, urgent=True)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _reload(self, select: str | None, changes: Changes | None = None) -> None:
        if changes:
            self.window_.notify_changed(changes)
        svc, deal_id = self.service, self.deal.id
        self._run(lambda: svc.for_deal(deal_id), lambda quotes: self.show_quotes(quotes, select))

    # --- actions ------------------------------------------------------------------------------------------
    def data(self) -> QuoteInput:
        d = self.valid_until.date()
        return QuoteInput(self.lines.quote_lines(), date(d.year(), d.month(), d.day()),
                          str(self.language.currentData()))

    def save(self) -> None:
        """Save the lines as the next version (a refusal stays in the dialog with everything typed)."""
        try:
            data = self.data()
        except UserError as exc:
            self.show_error(error_text(exc))
            return
        svc, deal_id = self.service, self.deal.id
        self._run(lambda: svc.create(deal_id, data),
                  lambda created: self._saved(created.id, created.changes))

    def _saved(self, quote_id: str, changes: Changes) -> None:
        self.note.setText(self.tr("Quote saved."))
        self._reload(quote_id, changes)

    def _with_document(self, then: Callable[[QuoteDocument], None]) -> None:
        quote = self.selected()
        if quote is None:
            return
        svc = self.service
        self._run(lambda: svc.document(quote.id), then)

    def save_pdf(self) -> None:
        """Save the selected version as a PDF where the person chooses."""
        def chosen(doc: QuoteDocument) -> None:
            picked = choose_save(self, "quotes", self.tr("Save PDF"), sheet.file_stem(doc) + ".pdf",
                                 [self.tr("PDF files (*.pdf)")], ".pdf")
            if picked:
                self._write_pdf(doc, Path(picked[0]))

        self._with_document(chosen)

    def _write_pdf(self, doc: QuoteDocument, path: Path) -> bool:
        try:
            self.last_file = write_pdf(doc, path)
        except UserError as exc:
            self.show_error(error_text(exc))
            return False
        self.note.setText(self.tr("Saved {path}.").format(path=path))
        return True

    def save_excel(self) -> None:
        """Save the selected version as an Excel workbook (written on the worker)."""
        def chosen(doc: QuoteDocument) -> None:
            picked = choose_save(self, "quotes", self.tr("Save Excel"), sheet.file_stem(doc) + ".xlsx",
                                 [self.tr("Excel workbooks (*.xlsx)")], ".xlsx")
            if not picked:
                return
            path = Path(picked[0])

            def written(result: Path) -> None:
                self.last_file = result
                self.note.setText(self.tr("Saved {path}.").format(path=result))

            self._run(lambda: sheet.save_xlsx(doc, path), written)

        self._with_document(chosen)

    def mail_url(self, doc: QuoteDocument) -> QUrl:
        subject, body = sheet.mail_text(doc, self.service.ctx.user)
        url = QUrl("mailto:")
        query = QUrlQuery()
        query.addQueryItem("subject", subject)
        query.addQueryItem("body", body)
        url.setQuery(query)
        return url

    def send(self) -> None:
        """Write the PDF to the exports folder, open the mail client and the folder, log the e-mail."""
        def ready(doc: QuoteDocument) -> None:
            path = exports_dir() / (sheet.file_stem(doc) + ".pdf")
            if not self._write_pdf(doc, path):
                return
            QDesktopServices.openUrl(self.mail_url(doc))
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
            svc, quote_id = self.service, doc.quote.id
            self._run(lambda: svc.mark_sent(quote_id), lambda changes: self._sent(quote_id, path, changes))

        self._with_document(ready)

    def _sent(self, quote_id: str, path: Path, changes: Changes) -> None:
        self._reload(quote_id, changes)
        self.note.setText(self.tr("The quote is saved as {path}; attach it to the message (a mail link cannot "
                                  "attach files). The e-mail is logged on the customer.").format(path=path))

    def accept_quote(self) -> None:
        """The customer accepted the selected version: the order with its lines, the deal won; one undo step."""
        quote = self.selected()
        if quote is None:
            return
        svc, window = self.service, self.window_
        text = self.tr("Accept quote {version} of “{title}”").format(version=quote.label, title=self.deal.title)
        state: dict[str, Accepted] = {}

        def redo() -> Changes:
            state["accepted"] = svc.accept(quote.id)
            return state["accepted"].changes

        def undo() -> Changes:
            return svc.undo_accept(state["accepted"])

        def done(changes: Changes) -> None:
            window.undo_stack.push(WriteCommand(window, text, redo, undo, changes))
            self.note.setText(self.tr("Order of {amount} made from {version}; the deal is won.").format(
                amount=format_amount(quote.gross_minor, quote.currency), version=quote.label))
            self._reload(quote.id, changes)

        self._run(redo, done)
