"""The Deals page: a board (a column of cards per open stage, drag a card to move it) and a list of the same deals.

Each column is a list view over a small model of that stage's deals, painted by
:class:`CardDelegate` (fixed-height cards, so 50,000 deals lay out at once).
Dragging a card carries the deal's id (:data:`MIME`); dropping it on another
column asks the page to move it (:attr:`DealsPanel.move_requested`) — the page
never writes itself: the feature does, on the task runner, as one undo step.
The Won and Lost stages end the board as places to drop a card (closed deals leave
it).  The keyboard does the same: Enter opens a card, Ctrl+→ moves it to the next
stage, the context menu marks it won or lost, and the List tab sorts by any column.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QByteArray,
    QEvent,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QFont, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain import deals as d
from crm_desktop.domain.deals import DealRow, DealSettings, Stage
from crm_desktop.ui.deals.dialog import amount_text, stage_label
from crm_desktop.ui.deals.summary import pipeline_text, rate_text, total_text

MIME = "application/x-crm-deal"
"""What a dragged card carries: the deal's id (UTF-8)."""
DealRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
CARD_HEIGHT = 66
COLUMN_WIDTH = 210
CLOSING_WIDTH = 150

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
"""The invalid index: a default argument made once (its value is never changed)."""


def matches(row: DealRow, needle: str) -> bool:
    """Whether the filter text *needle* (lower case) is in the deal's customer, title or owner."""
    return not needle or needle in row.customer_name.lower() or needle in row.title.lower() or \
        needle in row.owner.lower()


class StageModel(QAbstractListModel):
    """The cards of one stage (``stage``); a drop of another stage's card emits :attr:`dropped`."""

    dropped = Signal(str, str)  # deal id, this stage's key

    def __init__(self, stage: Stage, now: Callable[[], datetime], parent: Any = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.now = now
        self.rows: list[DealRow] = []
        self._ids: set[str] = set()

    def set_rows(self, rows: list[DealRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._ids = {r.id for r in rows}
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        r = self.rows[index.row()]
        if role == DealRole:
            return r
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{r.customer_name} — {r.title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(x for x in (r.customer_name, r.title, amount_text(r.amount_minor, r.currency),
                                         r.owner, r.notes[:200]) if x)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 - Qt's name
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = [self.rows[i.row()] for i in indexes if i.isValid() and i.row() < len(self.rows)]
        if rows:
            mime.setData(MIME, QByteArray(rows[0].id.encode("utf-8")))
        return mime

    @staticmethod
    def deal_id(mime: QMimeData) -> str | None:
        if not mime.hasFormat(MIME):
            return None
        raw = bytes(mime.data(MIME).data()).decode("utf-8", "replace")
        return raw or None

    def canDropMimeData(self, mime: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                        parent: Index) -> bool:
        deal = self.deal_id(mime)
        return deal is not None and deal not in self._ids

    def dropMimeData(self, mime: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        deal = self.deal_id(mime)
        if deal is None or deal in self._ids:
            return False
        self.dropped.emit(deal, self.stage.key)
        return False  # the card moves when the write is done and the board reloads


class CardDelegate(QStyledItemDelegate):
    """Paints a deal as a card: the customer (bold), the title, the amount and the days in its stage."""

    def __init__(self, now: Callable[[], datetime], parent: Any = None) -> None:
        super().__init__(parent)
        self.now = now

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(COLUMN_WIDTH - 24, CARD_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = index.data(DealRole)
        if not isinstance(row, DealRow):
            return
        painter.save()
        rect = option.rect.adjusted(3, 3, -3, -3)
        pal = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor("#1565c0") if selected else QColor("#c5cae9"))
        painter.setBrush(QColor("#e3f2fd") if selected else pal.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect, 5, 5)
        inner = rect.adjusted(8, 4, -8, -4)
        line = inner.height() // 3
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setPen(pal.color(QPalette.ColorRole.Text))
        painter.setFont(bold)
        fm = painter.fontMetrics()
        painter.drawText(QRect(inner.left(), inner.top(), inner.width(), line), Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(row.customer_name, Qt.TextElideMode.ElideRight, inner.width()))
        painter.setFont(option.font)
        fm = painter.fontMetrics()
        painter.drawText(QRect(inner.left(), inner.top() + line, inner.width(), line), Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(row.title, Qt.TextElideMode.ElideRight, inner.width()))
        days = row.days_in_stage(self.now())
        painter.setPen(QColor("#616161"))
        third = QRect(inner.left(), inner.top() + 2 * line, inner.width(), line)
        painter.drawText(third, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         amount_text(row.amount_minor, row.currency))
        painter.drawText(third, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                         self.tr("%n day(s)", "", days))
        painter.restore()


class StageColumn(QWidget):
    """One column of the board: the stage's name, count and total, and its cards."""

    def __init__(self, stage: Stage, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"stage_{stage.key}")
        self.stage = stage
        self.model = StageModel(stage, now, self)
        self.title = QLabel(self)
        self.title.setObjectName("stageTitle")
        self.title.setWordWrap(True)
        self.view = QListView(self)
        self.view.setObjectName(f"cards_{stage.key}")
        self.view.setModel(self.model)
        self.view.setItemDelegate(CardDelegate(now, self.view))
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setAccessibleName(stage_label(stage))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.title)
        lay.addWidget(self.view, 1)
        self.setFixedWidth(COLUMN_WIDTH)

    def set_rows(self, rows: list[DealRow], rate: d.WinRate | None = None) -> None:
        self.model.set_rows(rows)
        total = total_text(rows)
        head = self.tr("{stage} · {count}").format(stage=stage_label(self.stage), count=len(rows))
        chance = self.tr("won {p} %").format(p=round(rate.percent)) if rate is not None else ""
        line = " · ".join(x for x in (total, chance) if x)
        self.title.setText(f"<b>{head}</b><br><span style='color:#616161'>{line or '&nbsp;'}</span>")
        self.title.setToolTip(rate_text(rate) if rate is not None else "")


class ClosingZone(StageColumn):
    """The Won or Lost stage at the board's end: no cards (closed deals leave the board), a place to drop one."""

    def __init__(self, stage: Stage, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(stage, now, parent)
        self.view.setDragEnabled(False)
        self.view.setStyleSheet("QListView { background: %s; }" % ("#e8f5e9" if stage.outcome == d.WON
                                                                    else "#ffebee"))
        self.setMinimumWidth(0)
        self.setMaximumWidth(16777215)

    def set_rows(self, rows: list[DealRow], rate: d.WinRate | None = None) -> None:
        self.model.set_rows([])
        hint = self.tr("Drop a card here when the deal is won.") if self.stage.outcome == d.WON else \
            self.tr("Drop a card here when the deal is lost.")
        self.title.setText(f"<b>{stage_label(self.stage)}</b><br><span style='color:#616161'>{hint}</span>")


class DealsListModel(QAbstractTableModel):
    """The same open deals as rows: customer, title, amount, stage, days in stage, expected close, owner."""

    COLUMNS = 7

    def __init__(self, now: Callable[[], datetime], parent: Any = None) -> None:
        super().__init__(parent)
        self.now = now
        self.rows: list[DealRow] = []
        self.settings = DealSettings()

    def set_rows(self, rows: list[DealRow], settings: DealSettings) -> None:
        self.beginResetModel()
        self.rows = rows
        self.settings = settings
        self._order = {s.key: i for i, s in enumerate(settings.stages)}
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Customer"), self.tr("Title"), self.tr("Amount"), self.tr("Stage"),
                    self.tr("Days in stage"), self.tr("Expected close"), self.tr("Owner")][section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        r, c = self.rows[index.row()], index.column()
        if role == DealRole:
            return r
        if role == SortRole:
            return (r.customer_name, r.title, r.amount_minor, self._order.get(r.stage, 0), -r.stage_since.timestamp(),
                    r.expected_close.isoformat() if r.expected_close else "9999", r.owner)[c]
        if role == Qt.ItemDataRole.DisplayRole:
            if c == 0:
                return r.customer_name
            if c == 1:
                return r.title
            if c == 2:
                return amount_text(r.amount_minor, r.currency)
            if c == 3:
                return stage_label(self.settings.stage(r.stage))
            if c == 4:
                return r.days_in_stage(self.now())
            if c == 5:
                return r.expected_close.isoformat() if r.expected_close else ""
            return r.owner
        if role == Qt.ItemDataRole.TextAlignmentRole and c in (2, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class DealsPanel(QTabWidget):
    """The Deals page (Board and List tabs).  Emits :attr:`move_requested` (deal, stage key) for a drop or
    Ctrl+→, :attr:`open_requested` (deal) for Enter or a double click; ``show(settings, columns)`` fills it."""

    move_requested = Signal(object, str)
    open_requested = Signal(object)

    def __init__(self, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deals_page")
        self.now = now
        self.settings = DealSettings()
        self.columns_data: dict[str, list[DealRow]] = {}
        self.columns: list[StageColumn] = []
        self.closing: QWidget | None = None
        self._by_id: dict[str, DealRow] = {}
        self.rates: dict[str, d.WinRate] = {}

        self.board = QWidget(self)
        self.board.setObjectName("dealBoard")
        self.filter = QLineEdit(self.board)
        self.filter.setObjectName("dealFilter")
        self.filter.setPlaceholderText(self.tr("Filter by customer, title or owner"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._refill)
        self.summary = QLabel(self.board)
        self.summary.setObjectName("dealSummary")
        self.strip = QWidget()
        self.strip_layout = QHBoxLayout(self.strip)
        self.strip_layout.setContentsMargins(0, 0, 0, 0)
        self.strip_layout.addStretch(1)
        scroll = QScrollArea(self.board)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.strip)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.summary)
        lay = QVBoxLayout(self.board)
        lay.addLayout(top)
        lay.addWidget(scroll, 1)

        self.list_model = DealsListModel(now, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.list_model)
        self.proxy.setSortRole(SortRole)
        self.table = QTableView(self)
        self.table.setObjectName("dealTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in ((0, 220), (2, 120), (3, 130), (4, 100), (5, 110), (6, 100)):
            self.table.setColumnWidth(column, width)  # set, not measured: measuring 35,000 rows takes seconds
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda i: self._open(i.data(DealRole)))
        self.addTab(self.board, self.tr("Board"))
        self.addTab(self.table, self.tr("List"))
        self._list_stale = True
        self.currentChanged.connect(lambda _i: self._fill_list())

        # the keys are read by eventFilter: a list view takes Ctrl+→ and Enter before any shortcut sees them
        self.open_action = QAction(self.tr("Open deal") + "\tEnter", self)
        self.open_action.triggered.connect(lambda: self._open(self.current()))
        self.next_action = QAction(self.tr("Move to the next stage") + "\tCtrl+→", self)
        self.next_action.triggered.connect(self._next_stage)
        self.table.installEventFilter(self)
        self.won_action = QAction(self.tr("Mark as won"), self)
        self.won_action.triggered.connect(lambda: self._close(d.WON))
        self.lost_action = QAction(self.tr("Mark as lost…"), self)
        self.lost_action.triggered.connect(lambda: self._close(d.LOST))
        self.card_actions = [self.open_action, self.next_action, self.won_action, self.lost_action]

    def set_header(self, widget: QWidget) -> None:
        """Put *widget* (the month's target) above the board's filter."""
        layout = self.board.layout()
        assert isinstance(layout, QVBoxLayout)  # made in __init__
        layout.insertWidget(0, widget)

    # --- filling ---------------------------------------------------------------------------------
    def show_deals(self, settings: DealSettings, columns: dict[str, list[DealRow]],
                   rates: Mapping[str, d.WinRate] | None = None) -> None:
        """Show the open deals by stage (columns made again when the stages changed), with each stage's win
        probability and the weighted pipeline when *rates* are given."""
        self.rates = dict(rates or {})
        keep = self.current()
        if settings.stages != self.settings.stages or not self.columns:
            self._build_columns(settings)
        self.settings = settings
        self.columns_data = columns
        self._by_id = {r.id: r for rows in columns.values() for r in rows}
        self._list_stale = True
        self._refill()
        if keep is not None:
            self.select(keep.id)

    def _build_columns(self, settings: DealSettings) -> None:
        for col in self.columns:
            col.setParent(None)
            col.deleteLater()
        self.columns = []
        if self.closing is not None:
            self.closing.setParent(None)
            self.closing.deleteLater()
        self.closing = QWidget(self.strip)
        self.closing.setObjectName("closingZones")
        self.closing.setFixedWidth(CLOSING_WIDTH)
        closing = QVBoxLayout(self.closing)
        closing.setContentsMargins(0, 0, 0, 0)
        for i, stage in enumerate((*settings.open_stages, settings.won, settings.lost)):
            col = StageColumn(stage, self.now, self.strip) if stage.outcome == d.OPEN else \
                ClosingZone(stage, self.now, self.closing)
            col.model.dropped.connect(self._dropped)
            col.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            col.view.addActions(self.card_actions)
            col.view.doubleClicked.connect(lambda idx: self._open(idx.data(DealRole)))
            col.view.installEventFilter(self)
            if stage.outcome == d.OPEN:
                self.strip_layout.insertWidget(i, col)
            else:
                closing.addWidget(col, 1)
            self.columns.append(col)
        self.strip_layout.insertWidget(len(settings.open_stages), self.closing)

    def _refill(self) -> None:
        needle = self.filter.text().strip().lower()
        shown: list[DealRow] = []
        for col in self.columns:
            rows = self.columns_data.get(col.stage.key, [])
            if needle:
                rows = [r for r in rows if matches(r, needle)]
            col.set_rows(rows, self.rates.get(col.stage.key))
            shown += rows
        self.summary.setText(pipeline_text(shown, self.rates))
        if self.currentWidget() is self.table:
            self._fill_list()

    def _fill_list(self) -> None:
        if self.currentWidget() is not self.table:
            return
        needle = self.filter.text().strip().lower()
        rows = [r for rows in self.columns_data.values() for r in rows if matches(r, needle)]
        self.list_model.set_rows(rows, self.settings)
        self._list_stale = False

    # --- where things are ------------------------------------------------------------------------
    def column(self, key: str) -> StageColumn | None:
        return next((c for c in self.columns if c.stage.key == key), None)

    def current(self) -> DealRow | None:
        """The selected deal (on the board: the card with focus; on the list: the selected row)."""
        if self.currentWidget() is self.table:
            idx = self.table.currentIndex()
            row = idx.data(DealRole) if idx.isValid() else None
            return row if isinstance(row, DealRow) else None
        for col in self.columns:
            if col.view.hasFocus() and col.view.currentIndex().isValid():
                row = col.view.currentIndex().data(DealRole)
                return row if isinstance(row, DealRow) else None
        for col in self.columns:
            sel = col.view.selectionModel().selectedIndexes()
            if sel:
                row = sel[0].data(DealRole)
                return row if isinstance(row, DealRow) else None
        return None

    def select(self, deal_id: str) -> bool:
        """Select the card of *deal_id* (and scroll to it); False when the board does not show it."""
        for col in self.columns:
            for i, r in enumerate(col.model.rows):
                if r.id == deal_id:
                    idx = col.model.index(i)
                    col.view.setCurrentIndex(idx)
                    col.view.scrollTo(idx)
                    return True
            col.view.clearSelection()
        return False

    def deal(self, deal_id: str) -> DealRow | None:
        return self._by_id.get(deal_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter opens the selected deal, Ctrl+→ moves it on (on the board's columns and on the list)."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, mods = event.key(), event.modifiers()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods & Qt.KeyboardModifier.ControlModifier:
                self._open(self.current())
                return True
            if key == Qt.Key.Key_Right and mods & Qt.KeyboardModifier.ControlModifier:
                self._next_stage()
                return True
        return super().eventFilter(watched, event)

    # --- requests --------------------------------------------------------------------------------
    def _dropped(self, deal_id: str, stage: str) -> None:
        row = self._by_id.get(deal_id)
        if row is not None:
            self.move_requested.emit(row, stage)

    def _next_stage(self) -> None:
        row = self.current()
        if row is None:
            return
        nxt = self.settings.next_open(row.stage)
        if nxt is not None:
            self.move_requested.emit(row, nxt.key)

    def _close(self, outcome: str) -> None:
        row = self.current()
        if row is not None:
            self.move_requested.emit(row, (self.settings.won if outcome == d.WON else self.settings.lost).key)

    def _open(self, row: object) -> None:
        if isinstance(row, DealRow):
            self.open_requested.emit(row)

