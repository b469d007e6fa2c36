"""Installs the call list: the "Today's calls" dock on the left, its View toggle, "Why not on
today's list?" in the Customer menu, and "Call list…" in Settings."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from crm_desktop.domain.calllist import render_reason
from crm_desktop.services.calllist import CallListService
from crm_desktop.ui.calllist.panel import CallListPanel, _SnoozeCommand
from crm_desktop.ui.calllist.settings_dialog import CallListSettingsDialog


class _Unsnooze(_SnoozeCommand):
    """Customer › Back on today's calls, already done when pushed; undo snoozes again as before."""

    def __init__(self, panel, cid, before) -> None:
        super().__init__(panel, cid, None, before,
                         QCoreApplication.translate("CallListFeature", "Back on today's calls"))
from crm_desktop.ui.shell.labels import error_text


def why_not_text(result) -> str:
    """The why-not answer as lines in the UI's language."""
    lines = [render_reason(r, QCoreApplication.translate) for r in result.explanations]
    if result.candidate_reasons and not result.on_list:
        lines.append(QCoreApplication.translate("CallListFeature", "Reasons to call them:"))
        lines += ["• " + render_reason(r, QCoreApplication.translate) for r in result.candidate_reasons[:3]]
    return "\n".join(lines)


def install(window) -> None:
    service = window.services.get(CallListService)
    panel = CallListPanel(window, service, window)
    dock = window.add_dock(panel, QCoreApplication.translate("CallListFeature", "Today's calls"), Qt.DockWidgetArea.LeftDockWidgetArea)
    window.calllist_panel = panel
    window.calllist_dock = dock

    toggle = dock.toggleViewAction()
    toggle.setText(QCoreApplication.translate("CallListFeature", "&Today's calls"))
    toggle.setObjectName("action_toggle_calllist")
    window.add_actions("view", [toggle], separate=False)

    def show_why_not() -> None:
        cid = window.current_customer_id()
        if not cid:
            window.statusBar().showMessage(QCoreApplication.translate("CallListFeature", "Select a customer first."), 5000)
            return
        window.runner.run(lambda: service.why_not(cid),
                          lambda res: QMessageBox.information(window, QCoreApplication.translate("CallListFeature", "Why not on today's list?"),
                                                              why_not_text(res)),
                          lambda exc: QMessageBox.warning(window, QCoreApplication.translate("CallListFeature", "Why not on today's list?"), error_text(exc)))

    why = QAction(QCoreApplication.translate("CallListFeature", "Why not on today's &list?"), window)
    why.setObjectName("action_why_not_on_list")
    why.triggered.connect(show_why_not)
    window.add_actions("customer", [why])
    window.customer_actions.append(why)
    window.calllist_why_action = why

    unsnooze = QAction(QCoreApplication.translate("CallListFeature", "&Back on today's calls"), window)
    unsnooze.setObjectName("action_unsnooze")
    unsnooze.setEnabled(False)

    def shown(detail) -> None:
        until = detail.snoozed_until if detail is not None else None
        unsnooze.setEnabled(until is not None and until > service.ctx.now())

    def put_back() -> None:
        cid = window.current_customer_id()
        if not cid:
            return
        before = service.snoozed_until(cid)
        panel.put_back(cid, None)
        window.undo_stack.push(_Unsnooze(panel, cid, before))
        unsnooze.setEnabled(False)
        window.statusBar().showMessage(QCoreApplication.translate(
            "CallListFeature", "Back on today's calls. Undo with Ctrl+Z."), 5000)

    unsnooze.triggered.connect(lambda _c=False: put_back())
    window.customer_shown.connect(shown)
    window.add_actions("customer", [unsnooze], separate=False)

    def edit_settings() -> None:
        dialog = CallListSettingsDialog(service.settings(), window)
        if dialog.exec():
            try:
                service.save_settings(dialog.values())
            except Exception as exc:  # noqa: BLE001
                QMessageBox.warning(window, QCoreApplication.translate("CallListFeature", "Call list settings"),
                                    error_text(exc))
                return
            window.notify_changed("setting")

    settings_action = QAction(QCoreApplication.translate("CallListFeature", "&Today's calls…"), window)
    settings_action.setObjectName("action_calllist_settings")
    settings_action.triggered.connect(edit_settings)
    window.add_actions("settings", [settings_action], separate=False)

    panel.refresh()
