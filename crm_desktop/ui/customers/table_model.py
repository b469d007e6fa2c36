"""The customer list model: ordered ids of the current search, rows loaded as painted.

Like Anki's browser table: the model holds only ids (100k ids ≈ a few MB);
``data()`` asks the row loader for the page of rows around the one being
painted (a bounded primary-key query) and keeps a cache.  This is the one read
the UI makes on its own thread, by design: a page of 200 rows by primary key
takes about a millisecond, and painting cannot wait for the worker.  While a
restore or a merge swaps the book's file the model is *busy*
(:meth:`CustomerTableModel.set_busy`): it reads nothing and every row shows as
loading, until the swap is over.  Sorting does not shuffle rows here: it emits
:attr:`sort_requested` and the panel re-queries with ``ORDER BY``.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from crm_desktop.domain.models import CustomerRow
from crm_desktop.ui.shell.labels import label

_ROOT = QModelIndex()  # the invisible root, default parent of a flat model (one shared value, B008)

PAGE = 200
CACHE_PAGES = 50

SCORE_COLUMNS = ("segment", "decile", "stage", "expected_value", "p_alive", "rfm")
"""Today's scores (the dashboard's), shown once they are computed: see :meth:`CustomerTableModel.set_scores`."""
ACTIVITY_COLUMNS = ("last_contact", "next_step", "next_due")
"""The last contact, the open next step and its due date (read with each page of rows)."""
COLUMNS = ("name", "company", "kind", "phone", "email", "owner", "tags", "updated_at", "matched", *SCORE_COLUMNS,
           *ACTIVITY_COLUMNS)
MATCHED_COLUMN = COLUMNS.index("matched")
"""Shown only while searching: what of the customer the search text matched."""
SORT_KEYS = {"name": "name", "company": "company", "kind": "kind", "phone": "phone", "email": "email",
             "owner": "owner", "updated_at": "updated_at", **{c: c for c in SCORE_COLUMNS},
             "last_contact": "last_contact", "next_step": "next_due", "next_due": "next_due"}


class CustomerTableModel(QAbstractTableModel):
    """Rows of the customer list.  ``row_loader(ids, search_text) -> {id: CustomerRow}``."""

    sort_requested = Signal(str, bool)  # sort key, descending

    def __init__(self, row_loader: Callable[[list[str], str], dict[str, CustomerRow]],
                 phone_format: Callable[[str], str] = lambda p: p, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._load = row_loader
        self._phone_format = phone_format
        self._ids: list[str] = []
        self._rows: dict[str, int] | None = None
        self._text = ""
        self._pages: OrderedDict[int, dict[str, CustomerRow]] = OrderedDict()
        self._phones: dict[str, str] = {}
        self._busy = False
        self._scores: Mapping[str, Any] = {}
        self._score_text: Callable[[str, Any], str] | None = None

    # --- contents ----------------------------------------------------------------
    def set_ids(self, ids: list[str], search_text: str = "") -> None:
        """Show *ids*; *search_text* is what they were found by (the rows then say what matched)."""
        self.beginResetModel()
        self._ids = list(ids)
        self._rows = None
        self._text = search_text
        self._pages.clear()
        self.endResetModel()

    def set_scores(self, scores: Mapping[str, Any], text: Callable[[str, Any], str]) -> None:
        """Today's scores by customer id (in memory: painting reads no database) and how a score column
        shows them (``text(column, scores)``)."""
        self._scores, self._score_text = scores, text
        if self._ids:
            first = COLUMNS.index(SCORE_COLUMNS[0])
            self.dataChanged.emit(self.index(0, first), self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    def set_busy(self, busy: bool) -> None:
        """*busy*: the book's file is being swapped — read no rows, show every row as loading; not busy: read
        them again (the cached pages may be of the old file)."""
        self._busy = busy
        self._pages.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    def reload(self) -> None:
        """Forget every cached page and repaint (rows are read again as painted)."""
        self.set_busy(self._busy)

    @property
    def busy(self) -> bool:
        return self._busy

    def ids(self) -> list[str]:
        return list(self._ids)

    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, customer_id: str) -> int:
        if self._rows is None:
            self._rows = {cid: i for i, cid in enumerate(self._ids)}
        return self._rows.get(customer_id, -1)

    def refresh_row(self, customer_id: str) -> None:
        """Forget the cached page holding *customer_id* and repaint its row."""
        row = self.row_of(customer_id)
        if row >= 0:
            self._pages.pop(row // PAGE, None)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def remove_id(self, customer_id: str) -> None:
        row = self.row_of(customer_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._ids[row]
            self._rows = None
            self._pages = OrderedDict((p, v) for p, v in self._pages.items() if p < row // PAGE)
            self.endRemoveRows()

    def row_data(self, row: int) -> CustomerRow | None:
        """The row at *row* (None: deleted meanwhile, or the model is busy)."""
        cid = self.id_at(row)
        if cid is None or self._busy:
            return None
        page_no = row // PAGE
        page = self._pages.get(page_no)
        if page is None:
            page = self._load(self._ids[page_no * PAGE:(page_no + 1) * PAGE], self._text)
            self._pages[page_no] = page
            while len(self._pages) > CACHE_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page.get(cid)

    # --- Qt model API ------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        titles = {
            "name": self.tr("Name"), "company": self.tr("Company"), "kind": self.tr("Kind"),
            "phone": self.tr("Phone"), "email": self.tr("E-mail"), "owner": self.tr("Owner"),
            "tags": self.tr("Tags"), "updated_at": self.tr("Updated"), "matched": self.tr("Found by"),
            "segment": self.tr("Segment"), "decile": self.tr("Decile"), "stage": self.tr("Lifecycle"),
            "expected_value": self.tr("Expected value"), "p_alive": self.tr("P(active)"), "rfm": self.tr("RFM"),
            "last_contact": self.tr("Last contact"), "next_step": self.tr("Next step"), "next_due": self.tr("Due"),
        }
        return titles[COLUMNS[section]] if 0 <= section < len(COLUMNS) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if self._busy:
            return self.tr("Loading…") if role == Qt.ItemDataRole.DisplayRole and index.column() == 0 else None
        row = self.row_data(index.row())
        if row is None:
            return self.tr("(deleted)") if role == Qt.ItemDataRole.DisplayRole and index.column() == 0 else None
        col = COLUMNS[index.column()]
        if col in SCORE_COLUMNS:
            return self._score_data(row.id, col, role)
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "kind":
                return label(row.kind)
            if col == "phone":
                text = self._phones.get(row.phone)
                if text is None:
                    text = self._phones[row.phone] = self._phone_format(row.phone)
                return text
            if col == "tags":
                return ", ".join(row.tags)
            if col == "updated_at":
                return row.updated_at.astimezone().strftime("%Y-%m-%d")
            if col in ("last_contact", "next_due"):
                at = row.last_contact if col == "last_contact" else row.next_due_at
                return at.astimezone().strftime("%Y-%m-%d") if at else ""
            if col == "matched":
                return self.matched_text(row)
            return getattr(row, col)
        if role == Qt.ItemDataRole.ToolTipRole and col == "name" and row.do_not_contact:
            return self.tr("Do not contact: this customer opted out of direct marketing.")
        if role == Qt.ItemDataRole.ForegroundRole and row.do_not_contact:
            return QBrush(QColor("#8a8a8a"))
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _score_data(self, customer_id: str, col: str, role: int) -> Any:
        s = self._scores.get(customer_id)
        if s is None or self._score_text is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._score_text(col, s)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in ("decile", "expected_value", "p_alive"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def matched_text(self, row: CustomerRow) -> str:
        """"contact 张伟", "pinyin zw", "phone" … in the UI's language."""
        names = {"name": self.tr("name"), "pinyin": self.tr("pinyin"), "company": self.tr("company"),
                 "phone": self.tr("phone"), "email": self.tr("e-mail"), "wechat": self.tr("WeChat"),
                 "contact": self.tr("contact"), "other": self.tr("notes or other details")}
        what = names.get(row.matched, "")
        if row.matched in ("pinyin", "contact", "wechat") and row.matched_text:
            return self.tr("{what} {value}").format(what=what, value=row.matched_text)
        return what

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(COLUMNS[column]) if 0 <= column < len(COLUMNS) else None
        if key:
            self.sort_requested.emit(key, order == Qt.SortOrder.DescendingOrder)
