"""The Follow-ups page's actions: mark done (or send greetings), snooze, reschedule, open the customer.

Part of the timeline feature (:mod:`crm_desktop.ui.timeline.feature`, which also
exports the page to a calendar): it adds the page and View › Show follow-ups;
every read and write runs on the task runner, and each write goes on the
window's undo stack and tells the window what it changed.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.followups import FollowUp
from crm_desktop.domain.people import same_person
from crm_desktop.services.timeline import ContactLogInput, LogDefaults
from crm_desktop.ui.timeline.followups_panel import FollowupsPanel, what_text

if TYPE_CHECKING:
    from crm_desktop.ui.timeline.feature import TimelineFeature

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


class FollowupsFeature:
    """The Follow-ups page of one window and what its buttons do (*feature*: the timeline feature)."""

    def __init__(self, feature: TimelineFeature) -> None:
        self.feature = feature
        window = feature.window
        self.window = window
        self.service = feature.followups_service
        self.ctx = feature.ctx
        self.runner = feature.runner
        self.covering: str | None = None  # the colleague whose follow-ups "only …" shows while I cover for them
        self.panel = FollowupsPanel(self._load, window.runner, self.ctx.now, window)
        self.panel.setObjectName("followupsPanel")
        window.add_page(self.panel, translate("timeline", "Follow-ups"))
        self.panel.done_requested.connect(self.complete)
        self.panel.snooze_requested.connect(self.snooze_by)
        self.panel.reschedule_requested.connect(self.reschedule)
        self.panel.open_requested.connect(self.open_customer)
        self.show_action = QAction(translate("timeline", "Show &follow-ups"), window)
        self.show_action.setObjectName("action_show_followups")
        self.show_action.triggered.connect(self.show)
        window.whose_changed.connect(self.follow_whose)

    def owner(self, only_mine: bool = True) -> str | None:
        """Whose follow-ups the page shows when "only …" is ticked: mine, or the colleague I cover for
        (None: everyone's)."""
        if not only_mine:
            return None
        return self.covering or self.ctx.user or None

    def follow_whose(self, whose: str | None) -> None:
        """The window's switch (today's calls) moved: mine, a colleague's while covering, or the team's."""
        me = self.ctx.user or ""
        self.covering = whose if whose and not same_person(whose, me) else None
        box = self.panel.only_mine
        box.blockSignals(True)
        box.setText(translate("FollowupsFeature", "Only {name}'s").format(name=self.covering) if self.covering
                    else translate("FollowupsPanel", "Only mine"))
        box.setChecked(whose is not None)
        box.blockSignals(False)
        self.panel.refresh()

    def _load(self, only_mine: bool) -> tuple[list[FollowUp], int]:
        """The page's follow-ups, and (when "only mine" finds none) how many the whole team has (on the worker)."""
        owner = self.owner(only_mine)
        items = self.service.upcoming(owner)
        team = len(self.service.upcoming(None)) if owner is not None and not items else 0
        return items, team

    def show(self) -> None:
        self.window.show_page(self.panel)
        self.window.raise_()
        self.window.activateWindow()

    def open_customer(self, customer_id: str) -> None:
        self.window.open_customer(customer_id, self.feature.panel)

    # --- done and greetings --------------------------------------------------------
    def complete(self, f: FollowUp) -> None:
        """Mark done (asking the outcome, offering a new next step) or, for an occasion, log the greeting."""
        self.feature.read(lambda: self.feature.timeline.defaults(f.customer_id),
                          lambda defaults: self._complete(f, defaults), translate("timeline", "Follow-up"))

    def _complete(self, f: FollowUp, defaults: LogDefaults) -> None:
        if f.kind != "next_step":
            self._greet(f, defaults)
            return
        svc, timeline = self.service, self.feature.timeline
        initial = ContactLogInput(f.customer_id, channel=f.channel or defaults.channel, summary=f.what,
                                  complaint_id=f.complaint_id)
        dialog = self.feature.log_dialog(
            defaults, lambda data, score: svc.complete(f.id, data, score), initial=initial, with_score=True,
            title=translate("timeline", "Done: {what}").format(what=f.what), ask_satisfaction=bool(f.complaint_id),
            answering=None)
        if not dialog.exec():
            return
        result = dialog.saved

        def redo() -> None:
            svc.complete(f.id)
            if result.new_id:
                timeline.restore(result.new_id)

        kinds = (Kind.INTERACTION, Kind.COMPLAINT) if f.complaint_id else (Kind.INTERACTION,)
        self.feature.push(translate("timeline", "Mark done: {what}").format(what=f.what), redo,
                          lambda: svc.reopen(f.id, result.new_id), Changes.of(*kinds, customers=[f.customer_id]))
        if result.satisfaction is False:
            self.window.statusBar().showMessage(translate(
                "timeline", "The satisfaction score was not recorded: complaint handling is not installed."), 10000)

    def _greet(self, f: FollowUp, defaults: LogDefaults) -> None:
        svc, timeline = self.service, self.feature.timeline
        summary = (translate("timeline", "Birthday greetings") if f.kind == "birthday"
                   else translate("timeline", "Anniversary greetings"))
        initial = ContactLogInput(f.customer_id, channel=f.channel or defaults.channel,
                                  summary=f"{summary}: {f.person_name}", outcome="reached")
        dialog = self.feature.log_dialog(defaults, lambda data: svc.greet(f, data), initial=initial,
                                         title=what_text(f), answering=None)
        if not dialog.exec():
            return
        gid = dialog.saved.id
        self.feature.push(summary, lambda: timeline.restore(gid), lambda: timeline.delete(gid),
                          Changes.of(Kind.INTERACTION, customers=[f.customer_id]))

    # --- snoozing ------------------------------------------------------------------
    def snooze_by(self, f: FollowUp, delta: timedelta) -> None:
        svc, old = self.service, f.due

        def snoozed(new: datetime) -> None:
            self.feature.push(translate("timeline", "Snooze “{what}”").format(what=f.what),
                              lambda: svc.snooze(f.id, new), lambda: svc.reschedule_back(f.id, old),
                              Changes.of(Kind.INTERACTION, customers=[f.customer_id]))

        self.feature.read(lambda: svc.snooze_by(f.id, delta).due, snoozed, translate("timeline", "Snooze"))

    def reschedule(self, f: FollowUp, when: datetime) -> None:
        svc = self.service

        def rescheduled(old: datetime) -> None:
            self.feature.push(translate("timeline", "Reschedule “{what}”").format(what=f.what),
                              lambda: svc.snooze(f.id, when), lambda: svc.reschedule_back(f.id, old),
                              Changes.of(Kind.INTERACTION, customers=[f.customer_id]))

        self.feature.read(lambda: svc.snooze(f.id, when).previous, rescheduled, translate("timeline", "Reschedule"))
