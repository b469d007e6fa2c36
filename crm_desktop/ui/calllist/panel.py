"""The "Today's calls" dock: the ranked call list and the call-session keyboard.

The dock shows today's list, or a call session through a chosen set of customers in its place
(:meth:`CallListPanel.start_session`; :mod:`crm_desktop.ui.calllist.session`).

Keys on the list: Enter opens the customer; Ctrl+L logs the outcome and the
next step (the window's ``log_contact``, which the timeline provides) and moves
to the next customer; D = done for today (snoozed until tomorrow); S = snooze
for a week (both undoable with Ctrl+Z).  Moving through the list by keyboard or
mouse makes that row's customer the window's current customer, so the card
shows whom you call.  Building, snoozing and undoing run on the task runner
(with progress while the scores are fitted), and the list refreshes by itself
when ``window.data_changed`` says something it shows changed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.calllist import CallListEntry, Reason, reason_tooltip, render_reason
from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.people import same_person
from crm_desktop.services.validation import format_phone
from crm_desktop.ui.calllist.session import SessionBar, SessionState
from crm_desktop.ui.shell.labels import error_text
from crm_desktop.ui.shell.undo import WriteCommand

_ROOT = QModelIndex()  # the invisible root, default parent of a flat model (one shared value, B008)


def tr_reason(reason: Reason) -> str:
    """A reason in the UI's language."""
    return render_reason(reason, QCoreApplication.translate)


URGENT_COLOR = QColor(190, 30, 30)
DONE_COLOR = QColor(120, 120, 120)

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CallListModel(QAbstractListModel):
    """Rows of today's list: display text "rank. name  phone" plus one line per reason."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: list[CallListEntry] = []
        self._texts: list[str] = []

    def set_entries(self, entries: list[CallListEntry], me: str = "") -> None:
        """Show *entries*; a customer who is not *me*'s says whose they are (or that they are nobody's)."""
        self.beginResetModel()
        self.entries = list(entries)
        self._texts = [self._text(e, me) for e in self.entries]
        self.endResetModel()

    @staticmethod
    def _text(e: CallListEntry, me: str = "") -> str:
        lines = [("✓ " if e.done else f"{e.rank}. ") + e.name + (f"   {format_phone(e.phone)}" if e.phone else "")]
        if not e.owner.strip():
            lines.append("   ◦ " + QCoreApplication.translate("CallListModel", "nobody's customer"))
        elif not same_person(e.owner, me):
            lines.append("   ◦ " + QCoreApplication.translate("CallListModel", "{owner}'s customer").format(
                owner=e.owner))
        return "\n".join(lines + ["   • " + tr_reason(r) for r in e.reasons])

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        e = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            notes = [reason_tooltip(r, QCoreApplication.translate) for r in e.reasons]
            return "\n".join([self._texts[index.row()], *(n for n in notes if n)])
        if role == Qt.ItemDataRole.ForegroundRole and (e.done or e.urgent):
            return QBrush(DONE_COLOR if e.done else URGENT_COLOR)
        if role == ID_ROLE:
            return e.customer_id
        return None

    def remove_id(self, customer_id: str) -> int:
        """Drop a row at once (done/snoozed); returns its former row or -1."""
        for i, e in enumerate(self.entries):
            if e.customer_id == customer_id:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self.entries[i]
                del self._texts[i]
                self.endRemoveRows()
                return i
        return -1

    def row_of(self, customer_id: str) -> int:
        return next((i for i, e in enumerate(self.entries) if e.customer_id == customer_id), -1)


class CallListView(QListView):
    """The list; claims its keys before window shortcuts (e.g. a global Ctrl+L) can take them."""

    activated_key = Signal(str)  # "open", "log", "done", "snooze"

    KEYS = {
        (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier): "open",
        (Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier): "open",
        (Qt.Key.Key_Enter, Qt.KeyboardModifier.NoModifier): "open",
        (Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier): "log",
        (Qt.Key.Key_D, Qt.KeyboardModifier.NoModifier): "done",
        (Qt.Key.Key_S, Qt.KeyboardModifier.NoModifier): "snooze",
    }

    def _action(self, event: QKeyEvent) -> str | None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        return self.KEYS.get((Qt.Key(event.key()), mods))

    def event(self, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and self._action(event)):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self._action(event)
        if action:
            self.activated_key.emit(action)
            event.accept()
            return
        super().keyPressEvent(event)


class CallListPanel(QWidget):
    """Today's calls for *window* (a MainWindow: runner, undo_stack, open_customer, set_current_customer,
    log_contact, notify_changed and data_changed)."""

    entries_shown = Signal(int)

    def __init__(self, window: Any, service: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calllist")
        self.window_ = window
        self.service = service
        self.runner = window.runner
        self.model = CallListModel(self)
        self.view = CallListView(self)
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSpacing(2)
        # rows wrap to the view's width: a scroll bar that comes and goes would change that width after
        # the rows were measured (a row cut short, another with a gap)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        # a session may hold thousands of wrapped rows: laid out a batch at a time, the window stays responsive
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(50)
        self.view.setObjectName("calllistView")
        self.view.activated_key.connect(self._on_key)
        self.view.doubleClicked.connect(lambda _i: self._on_key("open"))
        self.view.selectionModel().currentChanged.connect(self._moved)
        self.status = QLabel(self)
        self.status.setObjectName("calllistStatus")
        self.status.setWordWrap(True)
        refresh = QPushButton(self.tr("Refresh"), self)
        refresh.setObjectName("calllistRefresh")
        refresh.clicked.connect(lambda: self.refresh(force=True))
        self.whose_box = QComboBox(self)
        self.whose_box.setObjectName("calllistWhose")
        self.whose_box.setToolTip(self.tr("Whose customers today's calls are for: yours (and nobody's), the "
                                          "whole team's, or a colleague's while you cover for them."))
        self._people: list[str] = []
        self._fill_whose()
        self.whose_box.currentIndexChanged.connect(lambda _i: self._whose_chosen())
        hint = QLabel(self.tr("Enter: open · Ctrl+L: log the call · D: done for today · S: snooze a week"), self)
        hint.setWordWrap(True)
        hint.setEnabled(False)
        self.session_bar = SessionBar(self)
        self.session_bar.back.clicked.connect(lambda: self.end_session())
        self.session: SessionState | None = None
        """The call session shown instead of today's list (None: today's list)."""
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(refresh)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addWidget(self.session_bar)
        lay.addWidget(self.whose_box)
        lay.addWidget(self.view, 1)
        lay.addWidget(hint)
        self._generation = 0
        self._note = ""  # what the last key did ("Snoozed until …"), shown under the count
        self._select_after: str | None = None
        self._select_row: int = 0
        self.loading = False
        window.data_changed.connect(self.data_changed)

    # --- whose list ----------------------------------------------------------------------------------
    def me(self) -> str:
        return self.service.ctx.user or ""

    def whose(self) -> str | None:
        """The salesperson whose customers the list shows (None: the team's)."""
        data = self.whose_box.currentData()
        return self.me() if data == "" else data

    def _whose_chosen(self) -> None:
        """The switch moved: this list, and the window's other pages, show whose it says."""
        set_whose = getattr(self.window_, "set_whose", None)
        if set_whose is not None:
            set_whose(self.whose())
        self.refresh()

    def _fill_whose(self) -> None:
        """Mine, the team's, then one "covering for" per colleague the book's customers belong to."""
        current = self.whose_box.currentData() if self.whose_box.count() else ""
        self.whose_box.blockSignals(True)
        self.whose_box.clear()
        self.whose_box.addItem(self.tr("My customers"), "")
        self.whose_box.addItem(self.tr("The team's customers"), None)
        for name in self._people:
            if not same_person(name, self.me()):
                self.whose_box.addItem(self.tr("Covering for {name}").format(name=name), name)
        i = self.whose_box.findData(current)
        self.whose_box.setCurrentIndex(i if i >= 0 else 0)
        self.whose_box.blockSignals(False)

    def _people_read(self, people: list[str]) -> None:
        if people != self._people:
            self._people = people
            self._fill_whose()

    # --- a call session ---------------------------------------------------------------------------------
    def start_session(self, ids: list[str], title: str) -> None:
        """Call through *ids* (a set named *title*) in place of today's list, until :meth:`end_session`."""
        self.session = SessionState.of(ids, title, self.service.ctx.now())
        self._note = ""
        self._select_after, self._select_row = None, 0
        self.session_bar.starting(title)
        self.whose_box.setVisible(False)
        self.refresh()

    def end_session(self) -> None:
        """Back to today's calls."""
        self.session = None
        self._note = ""
        self._select_after, self._select_row = None, 0
        self.session_bar.setVisible(False)
        self.whose_box.setVisible(True)
        self.refresh()

    # --- building ------------------------------------------------------------------------------------
    def refresh(self, force: bool = False) -> None:
        """Rebuild the list (or the session) off the UI thread; fitting the scores (first time each day) shows
        progress."""
        service = self.service
        if force:
            service.invalidate()
        self._generation += 1
        gen = self._generation
        now = service.ctx.now()
        whose = self.whose()
        session = self.session
        self.loading = True
        logged = set(session.logged) if session is not None else set()

        def job(progress: Any) -> Any:
            report = progress.report if progress is not None else None
            if session is None:
                return service.people(), service.build(now, progress=report, whose=whose)
            service.day_fit(now, report)  # the day's scores first (with progress when they need fitting)
            return service.session(session.ids, session.title, now, started_at=session.started_at,
                                   done_ids=logged)

        def shown(found: Any) -> None:
            if session is None:
                self._show(gen, *found)
            else:
                self._show_session(gen, session, found)

        if not service.has_fit_for(now):
            self.status.setText(self.tr("Scoring customers…"))
            self.runner.run_long(self.tr("Scoring customers"), job, shown, lambda exc: self._failed(gen, exc))
        else:
            self.runner.run(lambda: job(None), shown, lambda exc: self._failed(gen, exc))

    def _display(self, entries: list[CallListEntry] | tuple[CallListEntry, ...]) -> None:
        """Rows of *entries*, keeping (or moving to) the customer to select."""
        self.loading = False
        keep = self._select_after or self.current_id()
        row = self._select_row
        self._select_after = None
        self.model.set_entries(list(entries), self.me())
        if entries:
            r = self.model.row_of(keep) if keep else -1
            if r < 0:
                r = min(max(row, 0), len(entries) - 1)
            self.view.setCurrentIndex(self.model.index(r, 0))
        self.entries_shown.emit(len(entries))

    def _show_session(self, gen: int, session: SessionState, built: Any) -> None:
        if gen != self._generation or session is not self.session:
            return
        self._display(built.entries)
        self.session_bar.show_session(built, session.set_size)
        count = (self.tr("%n customer(s) in this session", "", len(built.entries)) if built.entries
                 else self.tr("Nobody in this set may be called."))
        self.status.setText(f"{count}\n{self._note}" if self._note else count)

    def _show(self, gen: int, people: list[str], entries: list[CallListEntry]) -> None:
        if gen != self._generation or self.session is not None:
            return
        self._people_read(people)
        self._display(entries)
        count = (self.tr("%n customer(s) to call", "", len(entries)) if entries
                 else self.tr("Nobody to call today."))
        if whose_shown := self.whose():
            if not same_person(whose_shown, self.me()):
                count = self.tr("{count} (covering for {name})").format(count=count, name=whose_shown)
        else:
            count = self.tr("{count} (the team's)").format(count=count)
        self.status.setText(f"{count}\n{self._note}" if self._note else count)

    def _failed(self, gen: int, exc: BaseException) -> None:
        if gen == self._generation:
            self.loading = False
            self.status.setText(error_text(exc))

    def data_changed(self, changes: Changes) -> None:
        """A write may change a reason to call: forget what it touched, build again; a new name for "me"
        changes whose list "mine" is (nothing cached depends on it)."""
        if changes.touches(*(set(Kind) - {Kind.PERSON, Kind.CONFLICT})):
            self._forget(changes)
        elif not changes.touches(Kind.PERSON):
            return
        self._fill_whose()
        self.refresh()

    def _forget(self, changes: Changes) -> None:
        """Drop the cached parts *changes* may have made stale: a logged contact re-reads only those
        customers' next steps; orders (an import, a merge that moved them, a restore) refit the scores
        (:meth:`crm_desktop.services.calllist.CallListService.invalidate`)."""
        self.service.invalidate(changes)

    def written(self, changes: Changes, select: str | None = None) -> None:
        """A snooze was written: tell the window (the list rebuilds), and select *select* in the new list."""
        self._select_after = select
        self.window_.notify_changed(changes)

    # --- session keys ---------------------------------------------------------------------------------
    def current_id(self) -> str | None:
        idx = self.view.currentIndex()
        return self.model.data(idx, ID_ROLE) if idx.isValid() else None

    def _moved(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """The person moved in the list (not a refresh): that customer becomes the current one."""
        if self.view.hasFocus() and current.isValid():
            self.window_.set_current_customer(self.model.data(current, ID_ROLE))

    def _next_id(self) -> str | None:
        """The next customer still to call below the current row (a session's done ones are skipped)."""
        row = self.view.currentIndex().row()
        return next((e.customer_id for e in self.model.entries[row + 1:] if not e.done), None)

    def _on_key(self, action: str) -> None:
        cid = self.current_id()
        if not cid:
            return
        self._note = ""
        if action == "open":
            self.window_.open_customer(cid)
        elif action == "log":
            self.log_current(cid)
        elif action in ("done", "snooze"):
            self.snooze_current(cid, week=action == "snooze")

    def log_current(self, cid: str) -> None:
        """Log the outcome through the window's ``log_contact``; then move to the next customer."""
        self._select_after = self._next_id()
        self._select_row = self.view.currentIndex().row()

        def logged(done: bool) -> None:
            if not done:  # cancelled: stay on this customer
                self._select_after = None
                return
            if self.session is not None and cid not in self.session.logged:
                self.session.logged.add(cid)  # done even if the contact was dated before the session
                self.refresh()
            self._advance()

        if not self.window_.log_contact(cid, logged):
            self.window_.open_customer(cid)
            self.status.setText(self.tr("Logging a contact is not available here; the customer was opened instead."))
            self._advance()

    def _advance(self) -> None:
        nxt = self._select_after
        if nxt:
            r = self.model.row_of(nxt)
            if r >= 0:
                self.view.setCurrentIndex(self.model.index(r, 0))

    def snooze_current(self, cid: str, week: bool) -> None:
        """D / S: off the list until tomorrow / for a week; the row leaves at once, the next one is selected.

        The write runs on the task runner and goes on the window's undo stack: Ctrl+Z puts the customer
        back on the list.  A refused write brings the row back with its sentence."""
        row = self.view.currentIndex().row()
        entry = self.model.entries[row] if 0 <= row < len(self.model.entries) else None
        name = entry.name if entry else ""
        service = self.service
        self.model.remove_id(cid)
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), 0))
        self._select_row = row

        def job() -> tuple[datetime | None, datetime]:
            before = service.snoozed_until(cid)
            return before, (service.snooze_week(cid) if week else service.done_for_today(cid)).until

        def done(found: tuple[datetime | None, datetime]) -> None:
            before, until = found
            text = (self.tr("Snooze “{name}” for a week") if week else self.tr("Done for today: “{name}”")).format(
                name=name)
            self.window_.undo_stack.push(SnoozeCommand(self, cid, until, before, text))
            self._note = self.tr("Snoozed until {when}. Undo with Ctrl+Z.").format(
                when=until.astimezone(service.tz).strftime("%Y-%m-%d %H:%M"))
            self.status.setText(self._note)
            self.written(Changes.of(Kind.SNOOZE, customers=[cid]))

        def failed(exc: BaseException) -> None:
            self.status.setText(error_text(exc))  # one sentence in the status line, nothing lost
            self.refresh()

        self.runner.run(job, done, failed, urgent=True)

    def focus_list(self) -> None:
        self.view.setFocus()


class SnoozeCommand(WriteCommand):
    """A snooze (D, S, or Customer › Back on today's calls), already done when pushed: undo puts the customer
    back as they were (*before*), redo snoozes them until *until* again (None: back on the list)."""

    def __init__(self, panel: CallListPanel, cid: str, until: datetime | None, before: datetime | None,
                 text: str) -> None:
        service = panel.service
        super().__init__(panel.window_, text, lambda: service.snooze(cid, until), lambda: service.snooze(cid, before),
                         Changes.of(Kind.SNOOZE, customers=[cid]))
        self.panel, self.cid, self.until, self.before = panel, cid, until, before

    def redo(self) -> None:
        self.panel._select_after = self.cid if self.until is None else None
        super().redo()

    def undo(self) -> None:
        self.panel._select_after = self.cid if self.before is None else None
        super().undo()
