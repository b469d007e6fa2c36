"""Reminders: follow-ups that fell due are announced once, and the Follow-ups page's badge counts them.

At start and every minute, follow-ups that fell due are announced once
through the system tray where the platform has one, in the status bar
otherwise; the page's badge, its status line and the status bar always show
how many of the person's next steps are due now.  Part of the timeline
feature; every read runs on the task runner.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QLabel, QStyle, QSystemTrayIcon

from crm_desktop import APP_DISPLAY_NAME
from crm_desktop.domain.followups import FollowUp
from crm_desktop.ui.timeline.followups_panel import what_text

if TYPE_CHECKING:
    from crm_desktop.ui.timeline.feature import TimelineFeature

REMINDER_INTERVAL_MS = 60_000

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


class Reminders:
    """The reminders of one window (*feature*: the timeline feature, whose follow-ups page they count)."""

    def __init__(self, feature: TimelineFeature) -> None:
        self.feature = feature
        window = feature.window
        self.window = window
        self.service = feature.followups_service
        self.ctx = feature.ctx
        self.runner = feature.runner
        self.page = feature.followups
        self.notified: set[str] = set()
        self._last_check = self.ctx.now()
        self._reminder_day: date | None = None
        self._reminder_owner: str | None = None
        self.badge_count = 0
        self.last_reminder: tuple[str, list[str]] | None = None
        self.due_label = QLabel(window)
        self.due_label.setObjectName("followupCounts")
        self.due_label.hide()
        window.add_status_widget(self.due_label)
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation),
                                        window)
            self.tray.setToolTip(APP_DISPLAY_NAME)
            self.tray.messageClicked.connect(self.page.show)
            self.tray.show()
        self.timer = QTimer(window)
        self.timer.setInterval(REMINDER_INTERVAL_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        """Fill the page and check once the window is up, then every minute."""
        self.timer.start()
        QTimer.singleShot(0, self.page.panel.refresh)
        QTimer.singleShot(0, self.check)

    def set_badge(self, n: int) -> None:
        """Show *n* = the person's next steps due now, the same figure in the tab, the status bar and the page."""
        self.badge_count = n
        title = translate("timeline", "Follow-ups")
        text = translate("timeline", "Follow-ups due now: %n", "", n)
        self.window.set_page_title(self.page.panel, translate("timeline", "{title} ({n})").format(title=title, n=n)
                                   if n else title, text)
        self.due_label.setText(text)
        self.due_label.setVisible(n > 0)
        self.page.panel.set_due_count(n)

    def recount(self) -> None:
        """Count the person's next steps due now again (after a write); badge, status bar and page follow."""
        svc, owner = self.service, self.page.owner()
        self.runner.run(lambda: svc.count_due(owner), self.set_badge)

    def check(self) -> None:
        """Announce follow-ups that fell due since the last check (each once per session).

        The first check of a day reads everything due and today's occasions; later ones only what
        fell due since the previous check (a few index entries), so a minute timer costs nothing.
        """
        svc, owner = self.service, self.page.owner()
        now = self.ctx.now()
        today = now.astimezone().date()
        first = self._reminder_day != today or self._reminder_owner != owner
        since = None if first else self._last_check - timedelta(minutes=1)
        self._last_check, self._reminder_day, self._reminder_owner = now, today, owner
        known = frozenset(self.notified)

        def job() -> tuple[list[FollowUp], int | None]:
            # the exact count walks every open step due (≈0.2 s on a million interactions): only at the
            # first check of the day and when a step newly fell due; writes recount through recount()
            items = svc.due_now(owner, since=since, occasions=first)
            newly_due = any(f.kind == "next_step" and f.id not in known for f in items)
            return items, svc.count_due(owner) if first or newly_due else None

        self.runner.run(job, self._remind)

    def _remind(self, found: tuple[list[FollowUp], int | None]) -> None:
        items, due_count = found
        fresh = [f for f in items if f.id not in self.notified]
        self.notified.update(f.id for f in items)
        if due_count is not None:
            self.set_badge(due_count)
        if not fresh:
            return
        lines = [translate("timeline", "{customer}: {what}").format(customer=f.customer_name, what=what_text(f))
                 for f in fresh[:5]]
        if len(fresh) > 5:
            lines.append(translate("timeline", "… and {n} more").format(n=len(fresh) - 5))
        title = translate("timeline", "%n follow-up(s) due", "", len(fresh))
        if self.tray is not None and self.tray.supportsMessages():
            self.tray.showMessage(title, "\n".join(lines), QSystemTrayIcon.MessageIcon.Information, 15000)
        else:
            # the status bar holds one short line (the rest was cut off on a laptop): the count, the first
            # one, and where the others are
            first = lines[0]
            more = (translate("timeline", "{first} … (View › Show follow-ups)").format(first=first)
                    if len(fresh) > 1 else first)
            self.window.statusBar().showMessage(translate("timeline", "{title}: {items}").format(
                title=title, items=more), 30000)
        self.last_reminder = (title, lines)
