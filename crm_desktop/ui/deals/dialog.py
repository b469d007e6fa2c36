"""The deal dialogs: a deal's fields, why a deal was lost, and the team's stages."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain import deals as d
from crm_desktop.domain.deals import DealInput, DealRow, DealSettings, Stage
from crm_desktop.domain.errors import UserError
from crm_desktop.domain.products import DealLineRow, PriceSource, ProductRow
from crm_desktop.services.orders import format_amount
from crm_desktop.ui.deals.lines import LinesEditor
from crm_desktop.ui.shell.labels import error_text
from crm_desktop.ui.shell.saving import Job, SavingDialog

ProductChoice = tuple[Sequence[ProductRow], Mapping[str, PriceSource], Sequence[DealLineRow]]
"""What the deal dialog needs to edit products on the deal: the active catalogue, the customer's price of each,
the deal's stored lines."""

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


def stage_label(stage: Stage) -> str:
    return stage.label(translate)


def lost_reason_label(key: str | None) -> str:
    return translate("deals", d.LOST_REASONS[key]) if key in d.LOST_REASONS else ""


def amount_text(minor: int, currency: str) -> str:
    return format_amount(minor, currency) if minor else ""


def amount_input(minor: int, currency: str) -> str:
    """The amount as the dialog shows it for editing: the number without the currency."""
    return format_amount(minor, currency).rsplit(" ", 1)[0] if minor else ""


class DealDialog(SavingDialog):
    """A new deal of one customer (``initial`` None) or an edit of one.  ``save(DealInput)`` writes it;
    ``contacts`` are the customer's (id, name) pairs; ``products`` (:data:`ProductChoice`) adds the editor of the
    products on the deal."""

    def __init__(self, save: Callable[[DealInput], Any], settings: DealSettings, customer_id: str,
                 customer_name: str, user: str, contacts: Sequence[tuple[str, str]] = (),
                 initial: DealRow | None = None, *, today: date | None = None, runner: Any = None,
                 parent: QWidget | None = None, products: ProductChoice | None = None,
                 quotes: Sequence[Any] = (), on_quote: Callable[[], None] | None = None) -> None:
        super().__init__(parent, runner=runner, error_name="dealError")
        buttons = self.button_box(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.setObjectName("dealDialog")
        self.save = save
        self.customer_id = customer_id
        self.initial = initial
        self.setWindowTitle(self.tr("New deal for {name}").format(name=customer_name) if initial is None
                            else self.tr("Deal of {name}").format(name=customer_name))
        self.title = QLineEdit(initial.title if initial else "", self)
        self.title.setObjectName("dealTitle")
        self.title.setMaxLength(d.MAX_TITLE)
        self.title.setPlaceholderText(self.tr("What may be sold, e.g. annual supply contract"))
        self.amount = QLineEdit(amount_input(initial.amount_minor, initial.currency) if initial else "", self)
        self.amount.setObjectName("dealAmount")
        self.amount.setPlaceholderText(self.tr("e.g. 12,800"))
        self.currency = QComboBox(self)
        self.currency.setObjectName("dealCurrency")
        self.currency.setEditable(True)
        for code in ("CNY", "USD", "EUR", "HKD"):
            self.currency.addItem(code)
        self.currency.setCurrentText(initial.currency if initial else "CNY")
        money = QHBoxLayout()
        money.addWidget(self.amount, 1)
        money.addWidget(self.currency)
        self.stage = QComboBox(self)
        self.stage.setObjectName("dealStage")
        for s in settings.open_stages:
            self.stage.addItem(stage_label(s), s.key)
        self.stage.setEnabled(initial is None)  # a deal's stage moves on the board (its history)
        if initial is not None:
            self.stage.clear()
            self.stage.addItem(stage_label(settings.stage(initial.stage)), initial.stage)
        close_row = self._close_row(initial, today)
        self.contact = QComboBox(self)
        self.contact.setObjectName("dealContact")
        self.contact.addItem(self.tr("(nobody in particular)"), None)
        for cid, name in contacts:
            self.contact.addItem(name, cid)
        if initial and initial.contact_id:
            self.contact.setCurrentIndex(max(0, self.contact.findData(initial.contact_id)))
        self.owner = QLineEdit(initial.owner if initial else user, self)
        self.owner.setObjectName("dealOwner")
        self.source = QLineEdit(initial.source if initial else "", self)
        self.source.setObjectName("dealSource")
        self.source.setPlaceholderText(self.tr("e.g. trade fair, referral, website"))
        self.notes = QPlainTextEdit(initial.notes if initial else "", self)
        self.notes.setObjectName("dealNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(90)

        self.lines: LinesEditor | None = None
        if products is not None:
            catalogue, prices, stored = products
            self.lines = LinesEditor(catalogue, prices, stored, self.currency.currentText(), self)
            self.lines.changed.connect(self._lines_changed)
            self.currency.currentTextChanged.connect(lambda _t: self._lines_changed())
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Amount"), money)
        if self.lines is not None:
            form.addRow(self.tr("Products"), self.lines)
        form.addRow(self.tr("Stage"), self.stage)
        form.addRow("", close_row)
        form.addRow(self.tr("Contact"), self.contact)
        form.addRow(self.tr("Owner"), self.owner)
        form.addRow(self.tr("Source"), self.source)
        form.addRow(self.tr("Notes"), self.notes)
        if on_quote is not None and initial is not None:
            form.addRow(self.tr("Quotes"), self._quotes_row(quotes, on_quote))
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.resize(720 if self.lines is not None else 520, self.sizeHint().height())
        self._lines_changed()
        self.title.setFocus()

    def _quotes_row(self, quotes: Sequence[Any], on_quote: Callable[[], None]) -> QHBoxLayout:
        """The deal's quotes (v2 · 12,300.00 CNY …) and the button that opens the quote dialog."""
        self.quotes_label = QLabel(self)
        self.quotes_label.setObjectName("dealQuotes")
        self.show_quotes(quotes)
        self.quotes_label.setWordWrap(True)
        self.quote_button = QPushButton(self.tr("&Quote…"), self)
        self.quote_button.setObjectName("dealQuote")
        self.quote_button.setAutoDefault(False)
        self.quote_button.clicked.connect(on_quote)
        row = QHBoxLayout()
        row.addWidget(self.quotes_label, 1)
        row.addWidget(self.quote_button)
        return row

    def show_quotes(self, quotes: Sequence[Any]) -> None:
        """The deal's quotes, newest first, as "v2 · 12,300.00 CNY, v1 · …"."""
        self.quotes_label.setText(", ".join(f"{q.label} · {format_amount(q.gross_minor, q.currency)}"
                                            for q in quotes) or self.tr("none yet"))

    def _close_row(self, initial: DealRow | None, today: date | None) -> QHBoxLayout:
        """The expected close: a check box and its date."""
        self.has_close = QCheckBox(self.tr("Expected to close on"), self)
        self.has_close.setObjectName("dealHasClose")
        self.close_date = QDateEdit(self)
        self.close_date.setObjectName("dealExpectedClose")
        self.close_date.setCalendarPopup(True)
        self.close_date.setDisplayFormat("yyyy-MM-dd")
        when = initial.expected_close if initial and initial.expected_close else (today or date.today())
        self.close_date.setDate(QDate(when.year, when.month, when.day))
        self.has_close.setChecked(bool(initial and initial.expected_close))
        self.close_date.setEnabled(self.has_close.isChecked())
        self.has_close.toggled.connect(self.close_date.setEnabled)
        close_row = QHBoxLayout()
        close_row.addWidget(self.has_close)
        close_row.addWidget(self.close_date, 1)
        return close_row

    def _lines_changed(self) -> None:
        """With products on it the deal's amount is their total (not typed) and its currency theirs."""
        has = self.lines is not None and self.lines.count() > 0
        self.amount.setReadOnly(has)
        self.currency.setEnabled(not has)
        if self.lines is not None:
            self.lines.currency = self.currency.currentText()
        if has and self.lines is not None:
            total = self.lines.total()
            self.amount.setText(amount_input(total, self.lines.currency) if total is not None else "")

    def data(self) -> DealInput:
        q = self.close_date.date()
        close = date(q.year(), q.month(), q.day()) if self.has_close.isChecked() else None
        return DealInput(customer_id=self.customer_id, title=self.title.text(), amount=self.amount.text(),
                         currency=self.currency.currentText(), expected_close=close,
                         stage=self.stage.currentData() if self.initial is None else None,
                         contact_id=self.contact.currentData(), owner=self.owner.text(), source=self.source.text(),
                         notes=self.notes.toPlainText(), lines=self.lines.lines() if self.lines is not None else None)

    def job(self) -> Job | None:
        try:
            data = self.data()
        except UserError as exc:  # a unit price that is no amount: said here, nothing is saved
            self.error.setText(error_text(exc))
            self.error.show()
            return None
        save = self.save
        return lambda: save(data)


class LostReasonDialog(QDialog):
    """Why the deal was lost: one of the reasons (``reason()`` after it was accepted)."""

    def __init__(self, deal: DealRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lostReasonDialog")
        self.setWindowTitle(self.tr("Deal lost"))
        self.box = QComboBox(self)
        self.box.setObjectName("lostReason")
        for key, text in d.LOST_REASONS.items():
            self.box.addItem(translate("deals", text), key)
        intro = QLabel(self.tr("Why was “{title}” of {name} lost?").format(title=deal.title, name=deal.customer_name),
                       self)
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.box)
        lay.addWidget(buttons)

    def reason(self) -> str:
        return str(self.box.currentData())


class StagesDialog(SavingDialog):
    """Edit the team's stages: names, order, how long a deal usually stays (until the team's history says),
    open stages added or removed; Won and Lost stay last.  ``save(DealSettings)`` stores them."""

    NAME, DAYS, WIN = 0, 1, 2

    def __init__(self, settings: DealSettings, save: Callable[[DealSettings], Any], *, runner: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, runner=runner, error_name="stagesError")
        buttons = self.button_box(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.setObjectName("dealStagesDialog")
        self.setWindowTitle(self.tr("Deal stages"))
        self.save = save
        self.settings = settings
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("stagesTable")
        self.table.setHorizontalHeaderLabels([self.tr("Stage"), self.tr("Usually moves on within (days)"),
                                              self.tr("Chance of winning (%)")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        for s in settings.stages:
            self._add_row(self.table.rowCount(), s)
        self.add_button = QPushButton(self.tr("&Add stage"), self)
        self.add_button.setObjectName("addStage")
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        self.remove_button.setObjectName("removeStage")
        self.up_button = QPushButton(self.tr("Move &up"), self)
        self.down_button = QPushButton(self.tr("Move &down"), self)
        self.add_button.clicked.connect(self.add_stage)
        self.remove_button.clicked.connect(self.remove_stage)
        self.up_button.clicked.connect(lambda: self.move_stage(-1))
        self.down_button.clicked.connect(lambda: self.move_stage(1))
        self.min_history = QSpinBox(self)
        self.min_history.setObjectName("minHistory")
        self.min_history.setRange(1, 1000)
        self.min_history.setValue(settings.min_history)
        row = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            row.addWidget(b)
        row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Learn from the team's history after (closed deals)"), self.min_history)
        note = QLabel(self.tr("Won and Lost end every deal and stay last. A deal goes quiet on the call list when "
                              "nobody contacted its customer for longer than its stage usually takes. Both the "
                              "usual time and the chance of winning are learned from the team's closed deals once "
                              "enough went through a stage; until then the numbers here count."), self)
        note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addLayout(row)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.resize(640, 460)

    def _add_row(self, at: int, s: Stage) -> None:
        self.table.insertRow(at)
        item = QTableWidgetItem(stage_label(s))
        item.setData(Qt.ItemDataRole.UserRole, (s.key, s.outcome, s.name))
        self.table.setItem(at, self.NAME, item)
        spin = QSpinBox(self.table)
        spin.setRange(1, d.MAX_USUAL_DAYS)
        spin.setValue(max(1, s.usual_days))
        spin.setEnabled(s.outcome == d.OPEN)
        if s.outcome != d.OPEN:
            spin.setSpecialValueText("—")
            spin.setMinimum(0)
            spin.setValue(0)
        self.table.setCellWidget(at, self.DAYS, spin)
        win = QSpinBox(self.table)
        win.setRange(0, 100)
        win.setSuffix(" %")
        win.setValue(s.win_percent)
        win.setEnabled(s.outcome == d.OPEN)
        self.table.setCellWidget(at, self.WIN, win)

    def _stage(self, row: int) -> Stage:
        item = self.table.item(row, self.NAME)
        assert item is not None  # every row has its name cell
        key, outcome, _name = item.data(Qt.ItemDataRole.UserRole)
        text = item.text().strip()
        default = Stage(key).label(translate) if key in d.STAGE_NAMES else None
        name = "" if default is not None and text == default else text
        spin = self.table.cellWidget(row, self.DAYS)
        days = spin.value() if isinstance(spin, QSpinBox) else 7
        win = self.table.cellWidget(row, self.WIN)
        percent = win.value() if isinstance(win, QSpinBox) else 20
        if outcome != d.OPEN:
            percent = 100 if outcome == d.WON else 0
        return Stage(key, name, outcome, days if outcome == d.OPEN else 0, percent)

    def stages(self) -> tuple[Stage, ...]:
        return tuple(self._stage(r) for r in range(self.table.rowCount()))

    def _open_rows(self) -> int:
        return sum(1 for s in self.stages() if s.outcome == d.OPEN)

    def add_stage(self) -> None:
        """A new open stage after the selected open one (or before Won), its name ready to type."""
        row = self.table.currentRow()
        opened = self._open_rows()
        at = row + 1 if 0 <= row < opened else opened
        self._add_row(at, Stage(d.new_stage_key(), self.tr("New stage"), d.OPEN, 7))
        self.table.setCurrentCell(at, self.NAME)
        item = self.table.item(at, self.NAME)
        if item is not None:
            self.table.editItem(item)

    def remove_stage(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < self._open_rows():
            self.table.removeRow(row)

    def move_stage(self, step: int) -> None:
        """Move the selected open stage up or down among the open stages."""
        row = self.table.currentRow()
        target = row + step
        if not (0 <= row < self._open_rows() and 0 <= target < self._open_rows()):
            return
        stage = self._stage(row)
        self.table.removeRow(row)
        self._add_row(target, stage)
        self.table.setCurrentCell(target, self.NAME)

    def data(self) -> DealSettings:
        return DealSettings(self.stages(), self.min_history.value())

    def job(self) -> Job | None:
        data, save = self.data(), self.save
        return lambda: save(data)
