"""The call list's ranking math: which reasons a customer has, and what each adds to their score.

Pure numpy over the fitted :class:`~crm_desktop.scoring.BookScores` and plain rows (no database:
tested on plain values, imported by the service on first use, with numpy); the weights
and limits are :class:`~crm_desktop.domain.calllist.CallListSettings` (whose docstring states the
rules), the reasons :class:`~crm_desktop.domain.calllist.Reason`.  The call-list service caches a
:class:`DayFit` per calendar day and settings, and reads the commitments (follow-ups, complaints)
fresh.  Times compared here are *epoch days* (float days since 1970-01-01 UTC).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np

from crm_desktop.domain import calllist as d
from crm_desktop.domain.calllist import CallListSettings, Reason
from crm_desktop.domain.complaints import OpenComplaint
from crm_desktop.domain.deals import QuietDeal
from crm_desktop.services.winback import winback_mask

if TYPE_CHECKING:
    from crm_desktop.scoring import BookScores


@dataclass
class DayFit:
    """The expensive part of a day's list: the reasons that follow from the scores and the calendar.

    ``ids``/``index``: customers in scoring order; ``value_score``: per customer, the at-risk,
    top-value and growth scores together; ``at_risk``/``top_value``/``growth``: who has which
    reason; ``top_pct``: share from the top by expected value (0..1; 2 = not a buyer);
    ``events``: birthdays and anniversaries within the lookahead, ``event_score`` their scores;
    ``orders``: the :class:`~crm_desktop.db.calllist.OrderArrays` the scores were fitted on (the
    dashboard sums sales from them instead of reading a million orders again).
    """

    day: date
    settings: CallListSettings
    scores: BookScores
    ids: np.ndarray
    index: dict[str, int]
    currency: str
    value_score: np.ndarray
    at_risk: np.ndarray
    top_pct: np.ndarray
    top_value: np.ndarray
    growth: np.ndarray
    events: dict[str, list[Reason]]
    event_score: np.ndarray
    orders: Any = None
    value_cache: dict[int, list[Reason]] = field(default_factory=dict, repr=False, compare=False)
    """The value reasons made so far, by index (a call session asks for thousands on every rebuild)."""
    winback: Any = None
    winback_pct: Any = None
    """Who has the win-back reason (None or all False unless the setting includes them)."""

    def value_reasons(self, i: int) -> list[Reason]:
        """The value reasons of the customer at index *i* (at risk, top value, growth); a new list each call."""
        cached = self.value_cache.get(i)
        if cached is None:
            cached = self.value_cache[i] = self._value_reasons(i)
        return list(cached)

    def _value_reasons(self, i: int) -> list[Reason]:
        s, st = self.scores, self.settings
        out = []
        if self.at_risk[i]:
            out.append(Reason(d.AT_RISK, {
                "gap_days": float(s.usual_gap_days[i]), "since_days": float(s.days_since_last_order[i]),
                "p_alive": float(s.p_alive[i]), "own_gap": bool(s.usual_gap_is_own[i]), "stage": str(s.lifecycle[i]),
            }, float(st.w_at_risk * (2.0 - s.p_alive[i]))))
        months = max(1, int(round(st.horizon_days / 30.4)))
        if self.top_value[i]:
            pct = max(1, int(math.ceil(self.top_pct[i] * 100 - 1e-9)))
            out.append(Reason(d.TOP_VALUE, {"top_percent": pct, "value_minor": int(round(s.expected_value[i])),
                                            "currency": self.currency, "months": months},
                              float(st.w_top_value * (1.5 - min(self.top_pct[i], 1.0)))))
        if self.growth[i]:
            out.append(Reason(d.GROWTH, {"value_minor": int(round(s.expected_value[i])),
                                         "spent_minor": int(round(s.total_spent[i])), "currency": self.currency,
                                         "months": months}, float(st.w_growth)))
        if self.winback is not None and self.winback[i]:
            segment = str(s.segment[i])
            out.append(Reason(d.WIN_BACK, {"segment": segment if segment in ("MVC", "MGC") else "",
                                           "stage": str(s.lifecycle[i]), "spent_minor": int(round(s.total_spent[i])),
                                           "currency": self.currency},
                              float(st.w_winback * (1.5 - min(self.winback_pct[i], 1.0)))))
        return out


def day_fit(day: date, st: CallListSettings, s: BookScores, currency: str,
            events: list[tuple[str, str, date, str]]) -> DayFit:
    """The reasons of *day* from the scores *s* and the yearly dates *events* (customer id, kind, date,
    contact name; see :func:`event_reasons`)."""
    n = s.customer_ids.shape[0]
    has = s.has_orders
    m = int(has.sum())
    pct_spent = np.full(n, 2.0)
    top_pct = np.full(n, 2.0)
    if m:
        for arr, out in ((s.total_spent, pct_spent), (s.expected_value, top_pct)):
            v = np.where(has, np.nan_to_num(arr), -np.inf)
            order = np.argsort(-v, kind="stable")
            rank = np.empty(n)
            rank[order] = np.arange(1, n + 1)
            out[has] = rank[has] / m
    stage = s.lifecycle
    at_risk = has & (pct_spent <= st.at_risk_top_share) & ((stage == "at_risk") | (stage == "dormant"))
    top_value = has & (top_pct <= st.top_value_share) & (s.expected_value > 0)
    growth = has & (s.segment == "MGC") & (s.expected_value > 0)
    winback = winback_mask(s) if st.include_winback else np.zeros(n, bool)
    score = (np.where(winback, st.w_winback * (1.5 - np.minimum(pct_spent, 1.0)), 0.0)
             + np.where(at_risk, st.w_at_risk * (2.0 - s.p_alive), 0.0)
             + np.where(top_value, st.w_top_value * (1.5 - np.minimum(top_pct, 1.0)), 0.0)
             + np.where(growth, st.w_growth, 0.0))
    ids = s.customer_ids
    index = {c: i for i, c in enumerate(ids.tolist())}
    reasons = event_reasons(events, day, st)
    event_score = np.zeros(n)
    for cid, rs in reasons.items():
        i = index.get(cid)
        if i is not None:
            event_score[i] = sum(r.score for r in rs)
    return DayFit(day=day, settings=st, scores=s, ids=ids, index=index, currency=currency, value_score=score,
                  at_risk=at_risk, top_pct=top_pct, top_value=top_value, growth=growth, events=reasons,
                  event_score=event_score, winback=winback, winback_pct=pct_spent)


def event_reasons(events: list[tuple[str, str, date, str]], day: date,
                  st: CallListSettings) -> dict[str, list[Reason]]:
    """Birthday, contact's birthday and anniversary reasons within the lookahead of *day*, the strongest of
    each kind per customer.  *events*: (customer id, "birthday" / "anniversary" / "contact_birthday", the
    date, the contact's name)."""
    weights = {d.BIRTHDAY: st.w_birthday, d.ANNIVERSARY: st.w_anniversary, d.CONTACT_BIRTHDAY: st.w_contact_birthday}
    best: dict[tuple[str, str], Reason] = {}
    for cid, kind, when, name in events:
        days = d.days_until_anniversary(when, day)
        if days > st.birthday_lookahead_days:
            continue
        params: dict[str, object] = {"days": days}
        if kind == d.CONTACT_BIRTHDAY:
            params["name"] = name
        if kind == d.ANNIVERSARY:
            params["years"] = max(0, (day + timedelta(days=days)).year - when.year)
        r = Reason(kind, params, weights[kind] * (2.0 if days == 0 else 1.0))
        old = best.get((cid, kind))
        if old is None or r.score > old.score:
            best[(cid, kind)] = r
    out: dict[str, list[Reason]] = {}
    for (cid, _), r in best.items():
        out.setdefault(cid, []).append(r)
    return out


def followup_reason(interaction_id: str, step: str, due_days: float, end_days: float, weight: float) -> Reason:
    """The reason of a next step due at *due_days*, for a day ending at *end_days*."""
    today_start = end_days - 1.0  # the start of the local day (off by an hour at most on DST days)
    days = 0 if due_days >= today_start else int(math.ceil(today_start - due_days))
    return Reason(d.FOLLOWUP, {"days_overdue": days, "step": step, "interaction_id": interaction_id,
                               "due_days": due_days}, weight * min(3.0, 1.0 + 0.1 * days))


def complaint_reason(c: OpenComplaint, st: CallListSettings) -> Reason:
    """The reason of an open complaint: overdue as the Complaints page counts it
    (:class:`~crm_desktop.domain.complaints.OpenComplaint`), else open within its deadline."""
    deadline = c.deadline
    window = None if deadline is None else max(0.0, (deadline - c.opened_at).total_seconds() / 3600.0)
    params = {"ref": c.number, "complaint_id": c.complaint_id, "hours_open": c.open_seconds / 3600.0,
              "answered": c.answered, "severity": c.severity, "deadline_hours": window}
    if c.overdue:
        return Reason(d.COMPLAINT_OVERDUE, params,
                      st.w_complaint_overdue * min(3.0, 1.0 + 0.02 * c.overdue_seconds / 3600.0))
    return Reason(d.COMPLAINT_OPEN, params, st.w_complaint_open)


def quiet_deal_reason(q: QuietDeal, st: CallListSettings, min_history: int) -> Reason:
    """The reason of a quiet deal: more the longer it is past its stage's usual time (up to 3 times)."""
    stage = q.stage or q.deal.stage
    over = max(0.0, q.quiet_days - q.usual.days)
    return Reason(d.QUIET_DEAL, {"deal_id": q.deal.id, "title": q.deal.title, "stage": stage,
                                 "stage_name": q.stage_name, "days": q.days_in_stage, "quiet_days": q.quiet_days,
                                 "usual": q.usual.days, "sample": q.usual.sample, "min_history": min_history},
                  st.w_quiet_deal * min(3.0, 1.0 + 0.1 * over))


def candidates(fit: DayFit, followup_score: np.ndarray, followup_extra: dict[str, float],
               complaints: dict[str, Reason],
               deals: dict[str, Reason] | None = None,
               mismatches: dict[str, Reason] | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(ids, best possible score, commitment score) of everyone with a reason, best first.

    *followup_score* is aligned with ``fit.ids``; *followup_extra* holds customers made after the fit;
    *complaints* the strongest complaint reason per customer, *deals* the strongest quiet-deal reason per
    customer, *mismatches* the stage-mismatch reasons.  The commitment score is what a customer resting after a
    contact still has (follow-ups and complaints; a quiet deal or a mismatch is not a promise).
    """
    total = fit.value_score + fit.event_score + followup_score
    commit = followup_score.copy()
    extra: dict[str, list[float]] = {cid: [sc, sc] for cid, sc in followup_extra.items()}
    for cid, r in complaints.items():
        i = fit.index.get(cid)
        if i is None:
            e = extra.setdefault(cid, [0.0, 0.0])
            e[0] += r.score
            e[1] += r.score
        else:
            total[i] += r.score
            commit[i] += r.score
    for cid, r in [*(deals or {}).items(), *(mismatches or {}).items()]:
        i = fit.index.get(cid)
        if i is None:
            extra.setdefault(cid, [0.0, 0.0])[0] += r.score
        else:
            total[i] += r.score
    idx = np.flatnonzero(total > 0)
    ids = fit.ids[idx]
    tot, com = total[idx], commit[idx]
    if extra:
        ids = np.concatenate([ids, np.array(list(extra), dtype=object)])
        tot = np.concatenate([tot, [v[0] for v in extra.values()]])
        com = np.concatenate([com, [v[1] for v in extra.values()]])
    order = np.argsort(-tot, kind="stable")
    return ids[order], tot[order], com[order]


def rank_of(customer_id: str, ids: np.ndarray, total: np.ndarray, commit: np.ndarray, resting: set[str],
            unavailable: set[str], allowed: set[str] | None = None) -> int:
    """The rank *customer_id* would have among the candidates (:func:`candidates`): resting customers keep
    their commitment score, unavailable ones (and, with *allowed*, everyone else's) count as 0; ties share a
    rank."""
    ids_l = ids.tolist()
    rest = np.fromiter((c in resting for c in ids_l), dtype=bool, count=len(ids_l))
    gone = np.fromiter((c in unavailable or (allowed is not None and c not in allowed) for c in ids_l),
                       dtype=bool, count=len(ids_l))
    final = np.where(gone, 0.0, np.where(rest, commit, total))
    mine = final[ids_l.index(customer_id)] if customer_id in ids_l else 0.0
    return int((final > mine).sum()) + 1
