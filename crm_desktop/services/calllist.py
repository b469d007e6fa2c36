"""The daily call list: whom to call today, and why.

:class:`CallListService` combines, for one moment ``now``:

* commitments, read fresh on every build: open follow-ups due today or
  overdue, and open complaints (overdue ones weigh most);
* value reasons from the fitted scores (:func:`crm_desktop.scoring.score_book`:
  BG/NBD × Gamma-Gamma, or its RFM fallback): valuable customers at risk, the
  top customers by expected value, growth chances (MGC);
* birthdays and anniversaries (customer's and contacts') within the lookahead;
* quiet deals: an open deal whose customer nobody contacted for longer than its
  stage usually takes (:meth:`crm_desktop.services.deals.DealService.quiet_deals`).

Weights and limits are :class:`~crm_desktop.domain.calllist.CallListSettings`
(team settings, defaults documented there).  Do-not-contact and snoozed
customers are never listed; a customer contacted within the rest period is listed only for commitments.
A call session ranks a chosen set alike (:mod:`crm_desktop.services.calllist_session`).

Speed: fitting the scores is the expensive part (about a second on 100k customers / 1M orders), so the
day's scores are kept in the book (:mod:`crm_desktop.services.score_store`: derived, never merged, computed
again when the orders, customers or settings they came from changed) and in memory until :meth:`invalidate`.
Follow-ups are cached and refreshed for the customers a contact touched (:meth:`touch`, and any interaction
inserted since the last build, found by its SQLite rowid); what *admits* a customer (do-not-contact, snooze,
last contact, name, phone) is read fresh for the few hundred best candidates only, in score order until
``top_n`` entries are certain.  So rebuilding after one logged contact costs milliseconds.
"""

from __future__ import annotations

import heapq
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from crm_desktop.db import calllist as q
from crm_desktop.db import complaints as cq
from crm_desktop.db import settings as team
from crm_desktop.db import timeline as tq
from crm_desktop.db.database import Tx
from crm_desktop.domain import calllist as d
from crm_desktop.domain.calllist import CallListEntry, CallListSettings, Reason, WhyNot
from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.followups import FollowUp
from crm_desktop.lazy import LazyModule
from crm_desktop.services.calllist_quiet import QuietDeals, StageMismatches
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.whose import customers_of, team_people

if TYPE_CHECKING:
    import numpy as np

    from crm_desktop.scoring import BookScores, SegmentRules
    from crm_desktop.services import calllist_ranking as ranking
    from crm_desktop.services import score_store
    from crm_desktop.services.calllist_ranking import DayFit
    from crm_desktop.services.calllist_session import CallSession
else:
    np = LazyModule("numpy")  # imported on first use: the window shows without numpy
    ranking = LazyModule("crm_desktop.services.calllist_ranking")
    score_store = LazyModule("crm_desktop.services.score_store")


def score_book(*args: Any, **kwargs: Any) -> BookScores:
    """:func:`crm_desktop.scoring.score_book`, imported on first use (it needs numpy)."""
    from crm_desktop.scoring import score_book as fit_and_score

    return fit_and_score(*args, **kwargs)


SETTINGS_PREFIX = "calllist."
"""Setting keys are this prefix + a CallListSettings field name."""


_BATCH = 200  # candidates admitted per round of fresh reads

_Accepted = tuple[float, str, str, list[Reason], q.CustomerFacts]
"""An admitted candidate: (score, id, name, reasons, facts)."""


@dataclass(frozen=True)
class Snoozed:
    """A customer kept off the list ``until`` (aware), and the change."""

    until: datetime
    changes: Changes


@dataclass
class _Others:
    """The reasons read fresh on every build, by customer: open complaints, quiet deals, stage mismatches."""

    complaints: dict[str, Reason]
    deals: dict[str, Reason]
    mismatches: dict[str, Reason]


@dataclass
class _FollowUpState:
    """Follow-up reasons for one fit (one day): strongest reason per customer and its score array."""

    fit: DayFit
    reasons: dict[str, Reason]
    score: np.ndarray  # aligned with fit.ids
    extra: dict[str, float]  # customers created after the fit


class CallListService:
    """Builds the ranked call list and explains it (see the module docstring).

    ``tz`` is the time zone whose calendar days count ("today", "due today",
    "done for today"); None means this computer's.  Thread-safe: the UI builds
    on its worker thread while writes come from the UI thread.
    """

    def __init__(self, ctx: ServiceContext, tz: tzinfo | None = None) -> None:
        self.ctx = ctx
        self.tz = tz
        self._lock = threading.RLock()
        self._settings: CallListSettings | None = None
        self._fit: DayFit | None = None
        self._followups: dict[str, list[FollowUp]] | None = None
        self._fu_rowid: int | None = None
        self._touched: set[str] = set()
        self._fu_state: _FollowUpState | None = None
        self._quiet = QuietDeals(ctx, tz)
        self._mismatch = StageMismatches(ctx)

    # --- settings -------------------------------------------------------------------------------
    def settings(self) -> CallListSettings:
        """The team's call-list settings (defaults for anything not stored or unreadable)."""
        with self._lock:
            if self._settings is None:
                with self.ctx.db.reading() as tx:
                    stored = team.read_settings(tx, SETTINGS_PREFIX)
                values = {}
                for name in CallListSettings.field_names():
                    if name in stored:
                        try:
                            values[name] = CallListSettings.clamp(name, stored[name])
                        except (ValueError, TypeError):
                            pass  # an unreadable value (e.g. from a newer version) means the default
                self._settings = CallListSettings(**values)
            return self._settings

    def save_settings(self, new: CallListSettings) -> Changes:
        """Store the fields that differ from the current settings (clamped to their ranges)."""
        old = self.settings()
        stamp = self.ctx.stamp()
        changed = False
        with self.ctx.db.writing() as tx:
            for name in CallListSettings.field_names():
                value = CallListSettings.clamp(name, getattr(new, name))
                if value != getattr(old, name):
                    changed |= team.write_setting(tx, SETTINGS_PREFIX + name, value, stamp)
        with self._lock:
            self._settings = None
            self._fit = None
        return Changes.of(Kind.SETTING) if changed else Changes()

    # --- cache control ---------------------------------------------------------------------------
    def invalidate(self, changes: Changes | None = None) -> None:
        """*changes* were written elsewhere (None: anything may have changed): drop what they may have changed.

        Orders change the fitted scores (a merge of two duplicates moves orders too); team settings are
        read again; logged contacts and next steps are read again for the customers they name (all of
        them for anyone's).  Everything else (names, do-not-contact, snoozes, complaints) is read fresh
        on every build anyway.
        """
        changes = Changes.everything() if changes is None else changes
        with self._lock:
            if changes.touches(Kind.ORDER):
                self._fit = None
            if changes.touches(Kind.SETTING):
                self._settings = None
            self._quiet.invalidate(changes)
            self._mismatch.invalidate(changes)
            if changes.touches(Kind.INTERACTION):
                if changes.customers is None:
                    self._followups = None
                else:
                    self._touched.update(changes.customers)

    def touch(self, customer_ids: Iterable[str]) -> None:
        """These customers' contacts or follow-ups changed: re-read only theirs on the next build."""
        with self._lock:
            ids = set(customer_ids)
            self._touched.update(ids)
            self._quiet.touch(ids)

    def has_fit_for(self, now: datetime | None = None) -> bool:
        """Whether a build for *now* will reuse the cached scores (no long fit needed)."""
        now = now or self.ctx.now()
        with self._lock:
            return self._fit is not None and self._fit.day == d.local_day(now, self.tz)

    # --- writes -----------------------------------------------------------------------------------
    def snooze(self, customer_id: str, until: datetime | None) -> Changes:
        """Keep the customer off the list until *until* (None: back on); a stamped, merge-able edit."""
        with self.ctx.db.writing() as tx:
            changed = q.set_snoozed_until(tx, customer_id, until, self.ctx.stamp())
        self.touch([customer_id])
        return Changes.of(Kind.SNOOZE, customers=[customer_id]) if changed else Changes()

    def snoozed_until(self, customer_id: str) -> datetime | None:
        """Until when the customer is kept off the list (None: not snoozed)."""
        with self.ctx.db.reading() as tx:
            return q.snoozed_until(tx, customer_id)

    def done_for_today(self, customer_id: str, now: datetime | None = None) -> Snoozed:
        """Snooze until the start of tomorrow (local calendar)."""
        until = d.next_local_midnight(now or self.ctx.now(), self.tz)
        return Snoozed(until, self.snooze(customer_id, until))

    def snooze_week(self, customer_id: str, now: datetime | None = None) -> Snoozed:
        """Snooze for a week (until the start of the day a week after tomorrow)."""
        until = d.next_local_midnight(now or self.ctx.now(), self.tz) + timedelta(days=7)
        return Snoozed(until, self.snooze(customer_id, until))

    # --- scores -----------------------------------------------------------------------------------
    def scores(self, as_of: datetime, *, horizon_days: float = 365.0, before: datetime | None = None,
               progress: Callable[[int, int], None] | None = None) -> tuple[BookScores, str]:
        """Fit and score the whole book as of *as_of* (orders at or after *before* ignored).

        Returns (scores, currency).  Not cached: the call list caches its own fit.
        """
        res, arrays = self.scores_with_orders(as_of, horizon_days=horizon_days, before=before, progress=progress)
        return res, arrays.currency

    def scores_with_orders(self, as_of: datetime, *, horizon_days: float = 365.0, before: datetime | None = None,
                           progress: Callable[[int, int], None] | None = None) -> tuple[BookScores, q.OrderArrays]:
        """:meth:`scores`, with the order arrays the book was scored on instead of only their currency."""
        with self.ctx.db.reading() as tx:
            arrays = q.order_arrays(tx, before)
        if progress:
            progress(1, 3)
        res = score_book(arrays.customer_ids, arrays.customer_index, arrays.ordered_days, arrays.amount_minor,
                         as_of, horizon_days=horizon_days, segment_rules=self.segment_rules(horizon_days))
        if progress:
            progress(2, 3)
        return res, arrays

    def segment_rules(self, horizon_days: float | None = None) -> SegmentRules:
        """The team's value-segment rules, in minor units over the horizon (see CallListSettings)."""
        from crm_desktop.scoring import SegmentRules

        st = self.settings()
        horizon = st.horizon_days if horizon_days is None else horizon_days
        return SegmentRules(cost_per_order=st.cost_per_order * 100.0,
                            cost_per_customer=st.cost_per_customer_year * 100.0 * horizon / 365.0,
                            mvc_share=st.mvc_share, mgc_ratio=st.mgc_ratio)

    def day_fit(self, now: datetime | None = None, progress: Callable[[int, int], None] | None = None) -> DayFit:
        """Today's fitted scores and reasons, shared by the call list and the dashboard (fitted once per day
        and settings, cached until orders change; see :meth:`invalidate`)."""
        return self._ensure_fit(now or self.ctx.now(), progress)

    def customer_names(self, customer_ids: Iterable[str]) -> dict[str, str]:
        with self.ctx.db.reading() as tx:
            return q.customer_names(tx, list(customer_ids))

    def _ensure_fit(self, now: datetime, progress: Callable[[int, int], None] | None) -> DayFit:
        day = d.local_day(now, self.tz)
        st = self.settings()
        with self._lock:
            fit = self._fit
            if fit is not None and fit.day == day and fit.settings == st:
                return fit
        if progress:
            progress(0, 4)
        key = f"{st.horizon_days}|{self.segment_rules(st.horizon_days)}|{self.tz}"  # what the scores depend on
        scores, currency, orders = score_store.fit_or_keep(self.ctx, day.isoformat(), key, lambda: (
            self.scores_with_orders(now, horizon_days=st.horizon_days, before=d.next_local_midnight(now, self.tz),
                                    progress=(lambda a, b: progress(a, 4)) if progress else None)))
        with self.ctx.db.reading() as tx:  # only the days of the year the lookahead can reach
            events = q.dated_events(tx, d.days_of_year_ahead(day, st.birthday_lookahead_days))
        fit = ranking.day_fit(day, st, scores, currency, events)
        fit.orders = orders  # None when the scores were kept: score_store.with_orders reads them if needed
        if progress:
            progress(4, 4)
        with self._lock:
            self._fit = fit
        return fit

    # --- commitments ------------------------------------------------------------------------------
    def _ensure_followups(self, tx: Tx) -> tuple[dict[str, list[FollowUp]], set[str] | None]:
        """All open follow-ups by customer, cached; re-read only for touched customers.

        Touched: those passed to :meth:`touch`, plus the customers of any
        interaction inserted since the last read (SQLite rowids only grow).
        Without rowids (PostgreSQL) every build re-reads them all.  Returns
        (cache, customers re-read), the set None after a full read.
        """
        touched: set[str] | None
        with self._lock:
            cache, touched, rowid = self._followups, set(self._touched), self._fu_rowid
            self._touched.clear()
        new_rowid = q.max_interaction_rowid(tx)
        if cache is None or rowid is None or new_rowid is None:
            touched = None
            cache = {}
            for f in tq.open_followups(tx):
                cache.setdefault(f.customer_id, []).append(f)
        else:
            if new_rowid > rowid:
                touched |= q.customers_with_interactions_after(tx, rowid)
            if touched:
                cache = dict(cache)
                for cid in touched:
                    cache.pop(cid, None)
                for f in tq.open_followups(tx, customer_ids=sorted(touched)):
                    cache.setdefault(f.customer_id, []).append(f)
        with self._lock:
            self._followups, self._fu_rowid = cache, new_rowid
        return cache, touched

    def _followup_state(self, tx: Tx, fit: DayFit, now: datetime) -> _FollowUpState:
        """The strongest due follow-up per customer; recomputed only for re-read customers."""
        fus, changed = self._ensure_followups(tx)
        end = d.end_of_local_day(now, self.tz)
        end_days = d.epoch_days(end)
        w = fit.settings.w_followup
        todo: Iterable[str]
        with self._lock:
            state = self._fu_state
        if state is None or state.fit is not fit or changed is None:
            state = _FollowUpState(fit, {}, np.zeros(fit.ids.shape[0]), {})
            todo = fus.keys()
        else:
            state = _FollowUpState(fit, dict(state.reasons), state.score.copy(), dict(state.extra))
            todo = changed
        for cid in todo:
            best = None
            for f in fus.get(cid, ()):
                if f.due >= end:
                    continue
                r = self._followup_reason(f, end_days, w)
                if best is None or r.score > best.score or (
                        r.score == best.score and r.params["due_days"] < best.params["due_days"]):
                    best = r
            i = fit.index.get(cid)
            if best is None:
                state.reasons.pop(cid, None)
                state.extra.pop(cid, None)
                if i is not None:
                    state.score[i] = 0.0
                continue
            state.reasons[cid] = best
            if i is None:
                state.extra[cid] = best.score
            else:
                state.score[i] = best.score
        with self._lock:
            self._fu_state = state
        return state

    @staticmethod
    def _followup_reason(f: FollowUp, end_days: float, weight: float) -> Reason:
        return ranking.followup_reason(f.id, f.what, d.epoch_days(f.due), end_days, weight)

    def _complaint_reasons(self, tx: Tx, now: datetime, st: CallListSettings,
                           customer_id: str | None = None) -> dict[str, Reason]:
        """The strongest open-complaint reason per customer (read fresh: a small table)."""
        out: dict[str, Reason] = {}
        for c in cq.open_complaints(tx, now, customer_id):
            r = ranking.complaint_reason(c, st)
            old = out.get(c.customer_id)
            if old is None or r.score > old.score:
                out[c.customer_id] = r
        return out

    def _commitments_of(self, tx: Tx, now: datetime, st: CallListSettings, customer_id: str) -> list[Reason]:
        """Follow-up and complaint reasons of one customer, read fresh."""
        end = d.end_of_local_day(now, self.tz)
        fus = [self._followup_reason(f, d.epoch_days(end), st.w_followup)
               for f in tq.open_followups(tx, customer_ids=[customer_id]) if f.due < end]
        out = [max(fus, key=lambda r: (r.score, -r.params["due_days"]))] if fus else []
        c = self._complaint_reasons(tx, now, st, customer_id).get(customer_id)
        return out + ([c] if c else [])

    # --- building -----------------------------------------------------------------------------------
    def build(self, now: datetime | None = None, *, top_n: int | None = None,
              progress: Callable[[int, int], None] | None = None, whose: str | None = None) -> list[CallListEntry]:
        """Today's ranked list for *now* (default ctx.now()): at most top_n (default the setting) entries.

        *whose*: a salesperson's name — only their customers and nobody's (None: the whole team's).
        """
        now = now or self.ctx.now()
        self._ensure_fit(now, progress)
        return self._run(now, top_n, self._allowed(whose))

    def people(self) -> list[str]:
        """The salespeople the book's customers belong to (:func:`crm_desktop.services.whose.team_people`)."""
        return team_people(self.ctx)

    def _allowed(self, whose: str | None) -> set[str] | None:
        return customers_of(self.ctx, whose)

    def _candidates(self, tx: Tx, now: datetime, fit: DayFit
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, _FollowUpState, _Others]:
        """(ids, best possible score, commitment score, follow-up state, commitment and quiet-deal reasons by
        customer), best first."""
        fu, others = self.reasons_now(tx, fit, now)
        ids, tot, com = ranking.candidates(fit, fu.score, fu.extra, others.complaints, others.deals,
                                           others.mismatches)
        return ids, tot, com, fu, others

    def reasons_now(self, tx: Tx, fit: DayFit, now: datetime) -> tuple[_FollowUpState, _Others]:
        """Every customer's due follow-ups (cached), open complaints (fresh), quiet deals and stage mismatches
        at *now*."""
        fu = self._followup_state(tx, fit, now)
        return fu, _Others(self._complaint_reasons(tx, now, fit.settings), self._quiet.reasons(now, fit.settings),
                           self._mismatch.reasons(fit))

    def session(self, customer_ids: Sequence[str], title: str, now: datetime | None = None, *,
                started_at: datetime | None = None, done_ids: Iterable[str] = ()) -> CallSession:
        """A call session through *customer_ids* (:func:`crm_desktop.services.calllist_session.build_session`)."""
        from crm_desktop.services.calllist_session import build_session
        return build_session(self, customer_ids, title, now or self.ctx.now(), started_at or now or self.ctx.now(),
                             done_ids)

    def reasons_of(self, fit: DayFit, cid: str, fu: _FollowUpState, others: _Others,
                    resting: bool) -> list[Reason]:
        reasons = [r for r in (fu.reasons.get(cid), others.complaints.get(cid)) if r is not None]
        if not resting:
            reasons += [r for r in (others.deals.get(cid), others.mismatches.get(cid)) if r is not None]
            i = fit.index.get(cid)
            if i is not None:
                reasons += fit.value_reasons(i)
            reasons += fit.events.get(cid, [])
        reasons.sort(key=lambda r: -r.score)
        return reasons

    def _run(self, now: datetime, top_n: int | None, allowed: set[str] | None = None) -> list[CallListEntry]:
        fit = self._ensure_fit(now, None)
        st = fit.settings
        limit = st.top_n if top_n is None else max(1, int(top_n))
        with self.ctx.db.reading() as tx:
            ids, tot, com, fu, others = self._candidates(tx, now, fit)
            accepted = self._walk(tx, now, fit, ids, tot, com, fu, others, limit, allowed)
        return [CallListEntry(cid, name, facts.phone, score, tuple(reasons[:st.max_reasons]), rank,
                              facts.preferred_channel, facts.owner)
                for rank, (score, cid, name, reasons, facts) in enumerate(accepted, 1)]

    def _walk(self, tx: Tx, now: datetime, fit: DayFit, ids: np.ndarray, tot: np.ndarray, com: np.ndarray,
              fu: _FollowUpState, others: _Others, limit: int,
              allowed: set[str] | None = None) -> list[_Accepted]:
        """Admit candidates in order of their best possible score until the top *limit* are certain.

        Admission reads fresh facts (do-not-contact, snooze, last contact) for a
        batch at a time; a resting customer keeps only their commitment score; with *allowed*, only
        those customers are admitted (one salesperson's list).
        Returns [(score, id, name, reasons, facts)] sorted by score, then name.
        """
        st = fit.settings
        now_days = d.epoch_days(now)
        heap: list[float] = []  # min-heap of the best `limit` scores admitted so far
        accepted: list[_Accepted] = []
        pos, n = 0, len(ids)
        while pos < n:
            batch = ids[pos:pos + _BATCH].tolist()
            btot, bcom = tot[pos:pos + _BATCH].tolist(), com[pos:pos + _BATCH].tolist()
            pos += len(batch)
            if allowed is not None:
                kept = [i for i, c in enumerate(batch) if c in allowed]
                batch, btot, bcom = [batch[i] for i in kept], [btot[i] for i in kept], [bcom[i] for i in kept]
            facts = q.customer_facts(tx, batch)
            last = q.last_contacts(tx, batch, until=now)
            for cid, t, c in zip(batch, btot, bcom):
                f = facts.get(cid)
                if f is None or f.deleted or f.do_not_contact:
                    continue
                if f.snoozed_until is not None and f.snoozed_until > now:
                    continue
                resting = cid in last and now_days - last[cid] < st.rest_days
                score = c if resting else t
                if score <= 0:
                    continue
                accepted.append((score, cid, f.name, self.reasons_of(fit, cid, fu, others, resting), f))
                if len(heap) < limit:
                    heapq.heappush(heap, score)
                elif score > heap[0]:
                    heapq.heapreplace(heap, score)
            next_best = float(tot[pos]) if pos < n else -1.0
            if len(heap) >= limit and heap[0] > next_best:
                break
        accepted.sort(key=lambda a: (-a[0], a[2], a[1]))
        return accepted[:limit]

    # --- explaining ----------------------------------------------------------------------------------
    def why_not(self, customer_id: str, now: datetime | None = None, whose: str | None = None) -> WhyNot:
        """Why *customer_id* is or is not on *whose* list (None: the team's) for *now*: the deciding
        explanation first.

        Below the cut, the rank counts the admitted customers with a higher
        score (ties share a rank), from two bulk reads rather than a full walk.
        """
        now = now or self.ctx.now()
        fit = self._ensure_fit(now, None)
        st = fit.settings
        with self.ctx.db.reading() as tx:
            facts = q.customer_facts(tx, [customer_id]).get(customer_id)
            if facts is None or facts.deleted:
                return WhyNot(customer_id, False, (Reason(d.WHY_NOT_FOUND),))
            commit = self._commitments_of(tx, now, st, customer_id)
            last = q.last_contacts(tx, [customer_id], until=now).get(customer_id)
        reasons = list(commit)
        i = fit.index.get(customer_id)
        if i is not None:
            reasons += fit.value_reasons(i)
        reasons += [r for r in (self._quiet.reasons(now, st).get(customer_id),
                                self._mismatch.reasons(fit).get(customer_id)) if r is not None]
        cand = tuple(sorted(reasons + fit.events.get(customer_id, []), key=lambda r: -r.score))
        allowed = self._allowed(whose)
        if allowed is not None and customer_id not in allowed:
            return WhyNot(customer_id, False, (Reason(d.WHY_NOT_THEIRS, {"owner": facts.owner,
                                                                        "showing": whose}),), cand)
        if facts.do_not_contact:
            return WhyNot(customer_id, False, (Reason(d.WHY_DO_NOT_CONTACT),), cand)
        if facts.snoozed_until is not None and facts.snoozed_until > now:
            return WhyNot(customer_id, False, (Reason(d.WHY_SNOOZED, {"until": facts.snoozed_until}),), cand)
        resting = last is not None and d.epoch_days(now) - last < st.rest_days
        if resting and not commit and last is not None:
            last_day = d.local_day(datetime.fromtimestamp(last * 86400.0, UTC), self.tz)
            days_ago = max(0, (d.local_day(now, self.tz) - last_day).days)
            return WhyNot(customer_id, False, (Reason(d.WHY_RESTING, {"days_ago": days_ago,
                                                                      "rest_days": st.rest_days}),), cand)
        if not cand:
            s = fit.scores
            params = ({"stage": str(s.lifecycle[i]), "p_alive": float(s.p_alive[i]), "decile": int(s.decile[i])}
                      if i is not None else {"stage": "prospect", "p_alive": 0.0, "decile": 0})
            return WhyNot(customer_id, False, (Reason(d.WHY_NOTHING_DUE, params),), cand)
        entries = self._run(now, st.top_n, allowed)
        for e in entries:
            if e.customer_id == customer_id:
                return WhyNot(customer_id, True, (Reason(d.WHY_ON_LIST, {"rank": e.rank, "top_n": st.top_n}),), cand)
        rank = self._rank_below_cut(fit, now, customer_id, allowed)
        return WhyNot(customer_id, False, (Reason(d.WHY_BELOW_CUT, {"rank": rank, "top_n": st.top_n}),), cand)

    def _rank_below_cut(self, fit: DayFit, now: datetime, customer_id: str, allowed: set[str] | None = None) -> int:
        st = fit.settings
        since = now - timedelta(days=st.rest_days)
        with self.ctx.db.reading() as tx:
            ids, tot, com, _, _ = self._candidates(tx, now, fit)
            unavailable = q.unavailable_customers(tx, now)
            resting = q.customers_contacted_between(tx, since, now)
        return ranking.rank_of(customer_id, ids, tot, com, resting, unavailable, allowed)
