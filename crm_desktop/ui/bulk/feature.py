"""Customer ▸ Change selected… and Hand over customers…: bulk edits as one undoable step.

Both actions are in the Customer menu and the customer list's context menu.
The dialog (:mod:`crm_desktop.ui.bulk.dialogs`) previews; the edit then runs
on the task runner with progress in the status bar, in one transaction
(:class:`crm_desktop.services.bulk_edit.BulkEditService`), and goes on the undo
stack as one step: Ctrl+Z puts every customer's previous value back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from crm_desktop.services.bulk_edit import BulkEdit, BulkEditService, BulkRecord, EditKind
from crm_desktop.ui.bulk.dialogs import ChangeSelectedDialog, HandoverDialog
from crm_desktop.ui.shell.undo import WriteCommand


class BulkEditFeature(QObject):
    """The bulk-edit actions of one main window."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.service = window.services.get(BulkEditService)
        self.last_dialog: Any = None
        self.change_action = QAction(self.tr("Change &selected…"), window)
        self.change_action.setObjectName("action_change_selected")
        self.change_action.triggered.connect(lambda _checked=False: self.ask_change())
        self.handover_action = QAction(self.tr("&Hand over customers…"), window)
        self.handover_action.setObjectName("action_hand_over")
        self.handover_action.triggered.connect(lambda _checked=False: self.ask_handover())
        window.add_actions("customer", [self.change_action, self.handover_action])
        view = window.list_panel.view
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        view.addAction(self.change_action)
        view.addAction(self.handover_action)
        window.user_renamed.connect(self.offer_rename)

    def offer_rename(self, old: str, new: str) -> None:
        """My name changed from *old* to *new* and I became another person (a teammate's name, picked on a new
        laptop): offer to move what my old person owns to me (one undoable handover, follow-ups and open
        complaints with it).  Renaming my own person asks nothing: my customers are mine by id."""
        svc = self.service

        def found(ids: list[str]) -> None:
            if not ids:
                return
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("Your name"), self.tr(
                "%n customer(s) are under “{old}”. Put them, with your open follow-ups and complaints, under "
                "“{new}” too?", "", len(ids)).format(old=old, new=new),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window)
            box.setObjectName("renameOwnerQuestion")
            if box.exec() == QMessageBox.StandardButton.Yes:
                text = self.tr("Hand over {source}'s customers to {target}").format(source=old, target=new)
                self._apply(lambda: ids, BulkEdit(EditKind.OWNER, new, followups=True, complaints=True), text)

        self.window.runner.run(lambda: svc.left_under(old), found,
                               lambda exc: self.window.show_error(exc, self.tr("Your name")), urgent=True)

    # --- the two dialogs ---------------------------------------------------------------
    def ask_change(self) -> None:
        panel = self.window.list_panel
        in_view = panel.model.ids()
        if not in_view:
            self.window.statusBar().showMessage(self.tr("No customers in this view to change."), 8000)
            return
        selected = panel.selected_ids()
        customers = self.window.customers

        def opened(found: tuple[list[str], list[str]]) -> None:
            owners, tags = found
            dialog = ChangeSelectedDialog(self.service, self.window.runner, selected, in_view, owners, tags,
                                          self.window)
            self.last_dialog = dialog
            if dialog.exec():
                ids, edit = dialog.ids(), dialog.edit()
                self._apply(lambda: ids, edit, self._change_text(edit, len(ids)))

        self.window.runner.run(lambda: (customers.owners(), customers.tags()), opened,
                               lambda exc: self.window.show_error(exc, self.tr("Change selected customers")),
                               urgent=True)

    def ask_handover(self) -> None:
        customers = self.window.customers
        current = self.window.list_panel.owner.currentData() or ""

        def opened(owners: list[str]) -> None:
            dialog = HandoverDialog(self.service, self.window.runner, owners, current, self.window)
            self.last_dialog = dialog
            if dialog.exec():
                source, edit, svc = dialog.from_owner(), dialog.edit(), self.service
                text = self.tr("Hand over {source}'s customers to {target}").format(source=source,
                                                                                   target=edit.value)
                self._apply(lambda: svc.owned_by(source), edit, text)

        self.window.runner.run(customers.owners, opened,
                               lambda exc: self.window.show_error(exc, self.tr("Hand over customers")), urgent=True)

    def _change_text(self, edit: BulkEdit, n: int) -> str:
        """The undo step's name."""
        if edit.kind == EditKind.OWNER:
            return self.tr("Give %n customer(s) to {owner}", "", n).format(owner=edit.value or "—")
        if edit.kind == EditKind.ADD_TAG:
            return self.tr("Tag %n customer(s) “{tag}”", "", n).format(tag=edit.value)
        if edit.kind == EditKind.REMOVE_TAG:
            return self.tr("Untag %n customer(s) “{tag}”", "", n).format(tag=edit.value)
        if edit.value:
            return self.tr("Mark %n customer(s) do-not-contact", "", n)
        return self.tr("Clear do-not-contact of %n customer(s)", "", n)

    # --- the write ---------------------------------------------------------------------
    def _apply(self, ids: Any, edit: BulkEdit, text: str) -> None:
        """Write *edit* on the customers ``ids()`` (read on the worker) with progress, then push the undo step."""
        svc, window = self.service, self.window
        state: dict[str, BulkRecord] = {}

        def first(progress: Any) -> BulkRecord:
            state["record"] = svc.apply(ids(), edit, progress.report)
            return state["record"]

        def redo() -> Any:
            state["record"] = svc.apply(state["record"].ids, edit)
            return state["record"].changes

        def undo() -> Any:
            return svc.undo(state["record"])

        def done(record: BulkRecord) -> None:
            window.undo_stack.push(WriteCommand(window, text, redo, undo, record.changes))
            window.notify_changed(record.changes)
            window.statusBar().showMessage(
                self.tr("Changed %n customer(s). Undo with Ctrl+Z.", "", record.changed), 8000)

        window.runner.run_long(text, first, done, lambda exc: window.show_error(exc, text))


def install(window: Any) -> BulkEditFeature:
    return BulkEditFeature(window)
