"""The daily call list as plain data: entries, their reasons, the settings, and how reasons read.

A reason is stored as a *kind* plus numbers (:class:`Reason`), never as
English text: the UI and the command line render it in the user's language
with :func:`render_reason`, from the templates in :data:`REASON_TEMPLATES`
(marked with ``QT_TRANSLATE_NOOP`` in the context ``"calllist"``, so
``lupdate`` collects them).  Standard library only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from crm_desktop.domain.deals import STAGE_NAMES
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP

CONTEXT = "calllist"
"""Translation context of every call-list text."""

# --- reason kinds --------------------------------------------------------------------------------------
FOLLOWUP = "followup"
"""A promised next step is due today or overdue. params: days_overdue (0 = due today), step (text)."""
COMPLAINT_OVERDUE = "complaint_overdue"
"""An open complaint past its deadline. params: ref, hours_open, deadline_hours, answered (bool)."""
COMPLAINT_OPEN = "complaint_open"
"""An open complaint still within its deadline (same params as COMPLAINT_OVERDUE)."""
AT_RISK = "at_risk"
"""A valuable customer who is past their usual gap or whose P(active) fell. params:
gap_days (usual gap), since_days (days since the last order), p_alive (0..1), own_gap (bool:
False means one order so far and gap_days is the book's typical gap), stage."""
TOP_VALUE = "top_value"
"""Among the top customers by expected value over the horizon. params: top_percent, value_minor,
currency, months."""
GROWTH = "growth"
"""Most growable (MGC): the model expects more than they have spent so far. params: value_minor,
spent_minor, currency, months."""
BIRTHDAY = "birthday"
"""The customer's birthday is within the lookahead. params: days (0 = today)."""
CONTACT_BIRTHDAY = "contact_birthday"
"""A contact person's birthday is within the lookahead. params: days, name."""
ANNIVERSARY = "anniversary"
"""The customer's anniversary is within the lookahead. params: days, years (0 when unknown)."""

QUIET_DEAL = "quiet_deal"
"""An open deal whose customer nobody contacted for longer than its stage usually takes. params: deal_id,
title, stage (key), stage_name (the team's name for it, "" for a default stage), days (in the stage),
quiet_days (since the later of the last contact and entering the stage), usual (days), sample (closed deals
the usual time was learned from; 0: the stage's setting), min_history."""

STAGE_MISMATCH = "stage_mismatch"
"""The relationship stage a salesperson set says the customer is committed (承诺) or expanding (扩大), while
what they buy says dormant or lost (at risk has its own reason). params: stage (relationship stage), lifecycle."""
MISMATCH_STAGES = ("commitment", "expansion")
"""Relationship stages that promise buying: a customer there who stopped buying is a mismatch worth a call."""
MISMATCH_LIFECYCLES = frozenset({"dormant", "lost"})
"""Lifecycle stages that contradict :data:`MISMATCH_STAGES`."""
IN_SESSION = "in_session"
"""In a call session through a chosen set and nothing else to call about. params: title (the set's name)."""
SESSION_VALUE = "session_value"
"""The value line of a session customer without other reasons. params: value_minor, currency, months,
p_alive (0..1), has_orders (bool: False means no orders yet, the other params unused)."""
WIN_BACK = "win_back"
"""A formerly valuable customer who stopped buying (lost or dormant; see :mod:`crm_desktop.services.winback`),
listed only with ``include_winback``. params: segment ("" when neither MVC nor MGC), stage, spent_minor,
currency."""

COMMITMENT_KINDS = frozenset({FOLLOWUP, COMPLAINT_OVERDUE, COMPLAINT_OPEN})
"""Reasons that are promises to the customer: they put a customer on the list even during the
rest period after a contact (a follow-up promised yesterday for today must still be called)."""

# --- why-not kinds -----------------------------------------------------------------------------------------
WHY_ON_LIST = "on_list"  # params: rank, top_n
WHY_NOT_FOUND = "not_found"
WHY_DO_NOT_CONTACT = "do_not_contact"
WHY_SNOOZED = "snoozed"  # params: until (aware datetime)
WHY_RESTING = "resting"  # params: days_ago, rest_days
WHY_NOTHING_DUE = "nothing_due"  # params: stage, p_alive, decile (0 = no orders)
WHY_BELOW_CUT = "below_cut"  # params: rank, top_n
WHY_NOT_THEIRS = "not_theirs"  # params: owner (whose customer it is), showing (whose list is shown)


URGENT_OVERDUE_DAYS = 7
"""A next step more than a week late is urgent (shown red); a day or two late is an ordinary call."""


@dataclass(frozen=True)
class Reason:
    """One reason (or one explanation of why not), as a kind plus the numbers to show.

    ``kind``: one of the constants above; ``params``: the values its template
    needs (numbers, short texts, datetimes); ``score``: what this reason added
    to the customer's rank score (0 for explanations).  Not hashable (params is a dict).
    """

    kind: str
    params: dict[str, Any] = field(default_factory=dict)
    score: float = 0.0

    @property
    def urgent(self) -> bool:
        """True for reasons the UI marks red: a complaint past its deadline, or a promised next step more than
        :data:`URGENT_OVERDUE_DAYS` late.  Most rows are due today or a little overdue; red must stay rare to
        mean anything."""
        return self.kind == COMPLAINT_OVERDUE or (
            self.kind == FOLLOWUP and self.params.get("days_overdue", 0) > URGENT_OVERDUE_DAYS)


@dataclass(frozen=True)
class CallListEntry:
    """One row of today's list: whom to call and why.

    ``rank`` is 1-based; ``score`` the sum of all the customer's reasons'
    scores (one per kind, see :class:`CallListSettings`; the list is ordered by
    it, ties by name); ``reasons`` the strongest one to three of them, strongest
    first; ``preferred_channel`` the customer's (may be None).
    """

    customer_id: str
    name: str
    phone: str
    score: float
    reasons: tuple[Reason, ...]
    rank: int = 0
    preferred_channel: str | None = None
    owner: str = ""
    """Whose customer (as stored; "" for nobody's), so a list of the team's can say so."""
    done: bool = False
    """In a call session: contacted since the session began (today's list never marks anyone done)."""

    @property
    def urgent(self) -> bool:
        return any(r.urgent for r in self.reasons)


@dataclass(frozen=True)
class WhyNot:
    """Why a customer is (not) on the list for a given moment.

    ``on_list``: whether they are; ``explanations``: why-not reasons (kinds
    ``WHY_*``), first the deciding one; ``candidate_reasons``: the reasons
    they would have had (empty when nothing is due).
    """

    customer_id: str
    on_list: bool
    explanations: tuple[Reason, ...]
    candidate_reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True)
class CallListSettings:
    """Weights and limits of the call list.  These defaults are the only place defaults live.

    Stored as team settings (``Setting`` rows, key ``"calllist.<field>"``,
    value JSON) so the whole team ranks alike; a missing or unreadable row
    means the default.

    Ranking: a customer's score is the sum of their reasons' scores, counting
    only the strongest reason of each kind (five overdue follow-ups are one
    reason, not five); each reason scores its weight times a factor:

    * follow-up due: ``w_followup`` × (1 + 0.1 × days overdue, at most 3);
    * open complaint past its deadline: ``w_complaint_overdue`` × (1 + 0.02 ×
      hours past the deadline, at most 3); within its deadline: ``w_complaint_open``;
    * valuable customer at risk: ``w_at_risk`` × (2 − P(active)) — "valuable"
      means among the top ``at_risk_top_share`` of buyers by amount spent so
      far; "at risk" means lifecycle stage at risk or dormant (see
      :mod:`crm_desktop.scoring.segments`: P(active) < 0.70 or at least 1.5×
      the usual gap without an order); lost customers are left out;
    * top value: ``w_top_value`` × (1.5 − top share) for the top
      ``top_value_share`` by expected value over ``horizon_days``;
    * growth chance (segment MGC): ``w_growth``;
    * quiet deal (an open deal whose customer nobody contacted for longer than its stage usually takes, see
      :func:`crm_desktop.domain.deals.quiet_deal`): ``w_quiet_deal`` × (1 + 0.1 × days beyond the usual
      time, at most 3); not a commitment, so a customer resting after a contact keeps only their commitments;
    * stage mismatch (relationship stage commitment or expansion, lifecycle dormant or lost):
      ``w_stage_mismatch``; not a commitment either;
    * win back (only with ``include_winback``, off by default): a customer who was valuable and stopped
      buying (lost or dormant, see :mod:`crm_desktop.services.winback`): ``w_winback`` × (1.5 − their
      share from the top by amount spent);
    * birthday / contact's birthday / anniversary within
      ``birthday_lookahead_days`` days: ``w_birthday`` / ``w_contact_birthday``
      / ``w_anniversary`` × (1 + 1 on the day itself).

    Limits: ``top_n`` rows; nobody contacted in the last ``rest_days`` days is
    listed for non-commitment reasons (follow-ups and complaints still list
    them); customers marked do-not-contact or snoozed are never listed; at most
    ``max_reasons`` reasons per row.
    """

    top_n: int = 30
    rest_days: float = 3.0
    birthday_lookahead_days: int = 3
    horizon_days: int = 365
    at_risk_top_share: float = 0.20
    top_value_share: float = 0.10
    max_reasons: int = 3
    w_followup: float = 100.0
    w_complaint_overdue: float = 150.0
    w_complaint_open: float = 70.0
    w_at_risk: float = 50.0
    w_top_value: float = 30.0
    w_growth: float = 20.0
    w_birthday: float = 25.0
    w_contact_birthday: float = 15.0
    w_anniversary: float = 20.0
    w_quiet_deal: float = 60.0
    w_stage_mismatch: float = 40.0
    include_winback: bool = False
    w_winback: float = 40.0
    cost_per_order: float = 0.0
    cost_per_customer_year: float = 0.0
    mvc_share: float = 0.20
    mgc_ratio: float = 1.0
    """Value segments (:mod:`crm_desktop.scoring.segments`): the cost to serve — per order and per customer
    and year, in the book's currency, 0 (no BZ) until the team sets them — the MVC share of buyers by net
    value, and how many times their spending so far an MGC is expected to buy."""

    LIMITS = {
        "top_n": (1, 1000), "rest_days": (0, 365), "birthday_lookahead_days": (0, 60), "horizon_days": (30, 3650),
        "at_risk_top_share": (0.01, 1.0), "top_value_share": (0.01, 1.0), "max_reasons": (1, 3),
        "cost_per_order": (0.0, 1_000_000.0), "cost_per_customer_year": (0.0, 1_000_000.0),
        "mvc_share": (0.01, 1.0), "mgc_ratio": (0.0, 100.0),
    }
    """Accepted range of each limit; weights accept 0..10000.  Out-of-range values are clamped."""

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @classmethod
    def clamp(cls, name: str, value: Any) -> Any:
        """*value* converted to the field's type and kept inside its range."""
        default = getattr(cls(), name)
        lo, hi = cls.LIMITS.get(name, (0.0, 10000.0))
        v = type(default)(value)
        return type(default)(min(max(v, lo), hi))


# --- rendering ---------------------------------------------------------------------------------------------
T = QT_TRANSLATE_NOOP
REASON_TEMPLATES: dict[str, str] = {
    "followup_today": T("calllist", "follow-up due today: {step}"),
    "followup_today_nostep": T("calllist", "follow-up due today"),
    "followup_yesterday": T("calllist", "follow-up due yesterday: {step}"),
    "followup_yesterday_nostep": T("calllist", "follow-up due yesterday"),
    "followup_days": T("calllist", "follow-up due {days} days ago: {step}"),
    "followup_days_nostep": T("calllist", "follow-up due {days} days ago"),
    "complaint_unanswered": T("calllist", "complaint #{ref} unanswered for {open} (deadline {deadline})"),
    "complaint_unresolved": T("calllist", "complaint #{ref} unresolved for {open} (deadline {deadline})"),
    "complaint_unanswered_nodeadline": T("calllist", "complaint #{ref} unanswered for {open}"),
    "complaint_unresolved_nodeadline": T("calllist", "complaint #{ref} unresolved for {open}"),
    "at_risk": T("calllist", "usually orders every {gap}; nothing for {since} (P(active) {p} %)"),
    "at_risk_once": T("calllist", "one order so far, {since} ago; customers usually reorder within {gap}"),
    "top_value": T("calllist", "top {pct} % by expected {months}-month value ({value})"),
    "growth": T("calllist", "room to grow: expected {value} in {months} months, {spent} so far"),
    "win_back": T("calllist", "{segment} · {stage} · spent {spent} so far: win back"),
    "win_back_nosegment": T("calllist", "{stage} · spent {spent} so far: win back"),
    "birthday_today": T("calllist", "birthday today"),
    "birthday_tomorrow": T("calllist", "birthday tomorrow"),
    "birthday_days": T("calllist", "birthday in {days} days"),
    "contact_birthday_today": T("calllist", "{name}'s birthday today"),
    "contact_birthday_tomorrow": T("calllist", "{name}'s birthday tomorrow"),
    "contact_birthday_days": T("calllist", "{name}'s birthday in {days} days"),
    "anniversary_today": T("calllist", "anniversary today ({years} years)"),
    "anniversary_days": T("calllist", "anniversary in {days} days ({years} years)"),
    "anniversary_today_noyears": T("calllist", "anniversary today"),
    "anniversary_days_noyears": T("calllist", "anniversary in {days} days"),
    IN_SESSION: T("calllist", "In “{title}”"),
    "session_value": T("calllist", "expected {value} in {months} months (P(active) {p} %)"),
    "session_no_orders": T("calllist", "no orders yet"),
    "quiet_deal": T("calllist", "in {stage} for {days} days; deals usually move on within {usual} days"),
    "quiet_deal_learned": T("calllist", "Deal “{title}”: the usual time is the median of the team's {n} closed "
                                        "deals that went through this stage."),
    "quiet_deal_setting": T("calllist", "Deal “{title}”: the usual time is the team's setting for this stage "
                                        "(fewer than {n} closed deals went through it so far)."),
    "stage_mismatch": T("calllist", "stage “{stage}”, but {lifecycle} by what they buy: ask what changed"),
    # why not
    WHY_ON_LIST: T("calllist", "On today's list at #{rank} (the list shows the top {top_n})."),
    WHY_NOT_FOUND: T("calllist", "This customer no longer exists."),
    WHY_DO_NOT_CONTACT: T("calllist", "Marked do-not-contact: never on the call list."),
    WHY_SNOOZED: T("calllist", "Snoozed until {until}."),
    WHY_RESTING: T("calllist", "Contacted {days} days ago; resting for {rest} days after a contact."),
    "resting_today": T("calllist", "Contacted today; resting for {rest} days after a contact."),
    WHY_NOTHING_DUE: T("calllist", "Nothing to call about: no follow-up due, no open complaint, not a valuable "
                                   "customer at risk, no birthday soon (stage: {stage}, P(active) {p} %, "
                                   "value decile {decile})."),
    "nothing_due_prospect": T("calllist", "Nothing to call about: no follow-up due, no open complaint, no orders "
                                          "yet, no birthday soon."),
    WHY_BELOW_CUT: T("calllist", "Ranks #{rank}; the list shows only the top {top_n}."),
    WHY_NOT_THEIRS: T("calllist", "{owner}'s customer; the list shows {showing}'s customers (switch to the team's "
                                  "to see everyone's)."),
    # duration units
    "dur_hours": T("calllist", "{n} h"),
    "dur_days": T("calllist", "{n} days"),
    "dur_day": T("calllist", "1 day"),
    "dur_weeks": T("calllist", "{n} weeks"),
    "dur_week": T("calllist", "1 week"),
    "dur_months": T("calllist", "{n} months"),
    "dur_month": T("calllist", "1 month"),
}
"""Every text the call list shows, by template key (English source, translated at display time)."""

STAGE_TEMPLATES = {
    "prospect": T("calllist", "prospect"),
    "new": T("calllist", "new"),
    "active": T("calllist", "active"),
    "complaint_unanswered_nodeadline": T("calllist", "complaint #{ref} unanswered for {hours} h"),
    "complaint_unresolved_nodeadline": T("calllist", "complaint #{ref} unresolved for {hours} h"),
    "at_risk": T("calllist", "at risk"),
    "dormant": T("calllist", "dormant"),
    "lost": T("calllist", "lost"),
}
"""Lifecycle stage names (see crm_desktop.scoring.segments)."""

RELATIONSHIP_TEMPLATES = {
    "commitment": T("calllist", "commitment"),
    "expansion": T("calllist", "expansion"),
}
"""Names of the relationship stages a mismatch names (:data:`MISMATCH_STAGES`)."""

CURRENCY_SYMBOLS = {"CNY": "¥", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "HKD": "HK$", "TWD": "NT$"}

Translate = Callable[[str, str], str]


def _identity(_context: str, text: str) -> str:
    return text


def format_money(amount_minor: float, currency: str = "CNY") -> str:
    """Whole currency units with thousands separators, e.g. 4820000 CNY → "¥48,200"."""
    units = int(round(float(amount_minor) / 100.0))
    sym = CURRENCY_SYMBOLS.get(currency)
    return f"{sym}{units:,}" if sym else f"{units:,} {currency}"


def duration_unit(days: float) -> str:
    """The unit a gap of *days* reads best in: "days" below 14, "weeks" below 120, else "months"."""
    return "days" if days < 14 else "weeks" if days < 120 else "months"


def format_duration(days: float, unit: str, translate: Translate = _identity) -> str:
    """*days* in *unit* ("days", "weeks", "months" of 30.4 days), rounded, at least 1."""
    n = max(1, int(round(days / {"days": 1.0, "weeks": 7.0, "months": 30.4}[unit])))
    key = f"dur_{unit}" if n != 1 else f"dur_{unit[:-1]}"
    return translate(CONTEXT, REASON_TEMPLATES[key]).format(n=n)


def format_hours(hours: float, translate: Translate = _identity) -> str:
    """A complaint's age or deadline: whole hours below 72 h ("5 h"), else days ("3 days")."""
    if hours < 72:
        return translate(CONTEXT, REASON_TEMPLATES["dur_hours"]).format(n=int(round(hours)))
    return format_duration(hours / 24.0, "days", translate)


def _fmt(translate: Translate, key: str, **values: Any) -> str:
    template = translate(CONTEXT, REASON_TEMPLATES[key])
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return REASON_TEMPLATES[key].format(**values)


def render_reason(
    reason: Reason, translate: Translate = _identity, format_datetime: Callable[[datetime], str] | None = None
) -> str:
    """The reason as one short phrase in the user's language.

    *translate(context, text)* looks a template up (``QCoreApplication.translate``
    in the UI, the CLI's translator on the command line); the identity gives English.
    *format_datetime* formats datetimes (default: local time, ``YYYY-MM-DD HH:MM``).
    """
    k, p = reason.kind, reason.params
    if k == FOLLOWUP:
        days = int(p.get("days_overdue", 0))
        step = (p.get("step") or "").strip()
        base = "followup_today" if days <= 0 else "followup_yesterday" if days == 1 else "followup_days"
        return _fmt(translate, base if step else base + "_nostep", days=days, step=step)
    if k in (COMPLAINT_OVERDUE, COMPLAINT_OPEN):
        state = "complaint_unresolved" if p.get("answered") else "complaint_unanswered"
        opened = format_hours(float(p.get("hours_open", 0)), translate)
        if p.get("deadline_hours") is None:
            return _fmt(translate, state + "_nodeadline", ref=p.get("ref", ""), open=opened)
        return _fmt(translate, state, ref=p.get("ref", ""), open=opened,
                    deadline=format_hours(float(p["deadline_hours"]), translate))
    if k == AT_RISK:
        gap, since = float(p.get("gap_days", 0)), float(p.get("since_days", 0))
        unit = duration_unit(gap)
        if not p.get("own_gap", True):
            return _fmt(translate, "at_risk_once", since=format_duration(since, duration_unit(since), translate),
                        gap=format_duration(gap, unit, translate))
        return _fmt(translate, "at_risk", gap=format_duration(gap, unit, translate),
                    since=format_duration(since, unit, translate),
                    p=int(round(100 * float(p.get("p_alive", 0)))))
    if k == TOP_VALUE:
        return _fmt(translate, "top_value", pct=p.get("top_percent", 10), months=p.get("months", 12),
                    value=format_money(p.get("value_minor", 0), p.get("currency", "CNY")))
    if k == GROWTH:
        cur = p.get("currency", "CNY")
        return _fmt(translate, "growth", months=p.get("months", 12), value=format_money(p.get("value_minor", 0), cur),
                    spent=format_money(p.get("spent_minor", 0), cur))
    if k == SESSION_VALUE:
        if not p.get("has_orders", True):
            return _fmt(translate, "session_no_orders")
        return _fmt(translate, "session_value", months=p.get("months", 12),
                    p=int(round(100 * float(p.get("p_alive", 0)))),
                    value=format_money(p.get("value_minor", 0), p.get("currency", "CNY")))
    if k == WIN_BACK:
        stage = translate(CONTEXT, STAGE_TEMPLATES.get(p.get("stage", ""), p.get("stage", "")))
        spent = format_money(p.get("spent_minor", 0), p.get("currency", "CNY"))
        segment = str(p.get("segment") or "")
        return _fmt(translate, "win_back" if segment else "win_back_nosegment", segment=segment, stage=stage,
                    spent=spent)
    if k in (BIRTHDAY, CONTACT_BIRTHDAY):
        days = int(p.get("days", 0))
        prefix = "birthday" if k == BIRTHDAY else "contact_birthday"
        key = f"{prefix}_today" if days == 0 else f"{prefix}_tomorrow" if days == 1 else f"{prefix}_days"
        return _fmt(translate, key, days=days, name=p.get("name", ""))
    if k == ANNIVERSARY:
        days, years = int(p.get("days", 0)), int(p.get("years", 0))
        key = ("anniversary_today" if days == 0 else "anniversary_days") + ("" if years > 0 else "_noyears")
        return _fmt(translate, key, days=days, years=years)
    if k == QUIET_DEAL:
        key = str(p.get("stage", ""))
        name = str(p.get("stage_name") or "") or translate("deals", STAGE_NAMES.get(key, key))
        return _fmt(translate, "quiet_deal", stage=name, days=int(p.get("days", 0)),
                    usual=_num(round(float(p.get("usual", 0)), 1)))
    if k == STAGE_MISMATCH:
        stage, life = str(p.get("stage", "")), str(p.get("lifecycle", ""))
        return _fmt(translate, "stage_mismatch", stage=translate(CONTEXT, RELATIONSHIP_TEMPLATES.get(stage, stage)),
                    lifecycle=translate(CONTEXT, STAGE_TEMPLATES.get(life, life)))
    if k == WHY_SNOOZED:
        until = p.get("until")
        text = (format_datetime or _default_dt)(until) if isinstance(until, datetime) else str(until)
        return _fmt(translate, WHY_SNOOZED, until=text)
    if k == WHY_RESTING:
        days = int(p.get("days_ago", 0))
        rest = _num(p.get("rest_days", 0))
        return _fmt(translate, "resting_today" if days == 0 else WHY_RESTING, days=days, rest=rest)
    if k == WHY_NOTHING_DUE:
        if p.get("stage") == "prospect":
            return _fmt(translate, "nothing_due_prospect")
        stage = translate(CONTEXT, STAGE_TEMPLATES.get(p.get("stage", ""), p.get("stage", "")))
        return _fmt(translate, WHY_NOTHING_DUE, stage=stage, p=int(round(100 * float(p.get("p_alive", 0)))),
                    decile=p.get("decile", 0))
    if k in REASON_TEMPLATES:
        return _fmt(translate, k, **p)
    return k


def reason_tooltip(reason: Reason, translate: Translate = _identity) -> str:
    """More about a reason, for its tooltip ("" when the phrase says it all): for a quiet deal, the deal and
    where its stage's usual time comes from (the sample size of the team's history, or the setting)."""
    p = reason.params
    if reason.kind == QUIET_DEAL:
        sample = int(p.get("sample", 0))
        if sample:
            return _fmt(translate, "quiet_deal_learned", title=p.get("title", ""), n=sample)
        return _fmt(translate, "quiet_deal_setting", title=p.get("title", ""), n=int(p.get("min_history", 0)))
    return ""


def _num(v: Any) -> str:
    f = float(v)
    return str(int(f)) if f == int(f) else f"{f:g}"


def _default_dt(value: datetime) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


# --- days in the user's time zone ---------------------------------------------------------------------
def epoch_days(value: datetime) -> float:
    """An aware datetime as *epoch days* (float days since 1970-01-01 UTC): the scale the scores and the
    call list's reads compare times on."""
    return value.timestamp() / 86400.0


def local_day(now: datetime, tz: tzinfo | None = None) -> date:
    """The calendar day of *now* in *tz* (None: this computer's time zone)."""
    return now.astimezone(tz).date()


def next_local_midnight(now: datetime, tz: tzinfo | None = None) -> datetime:
    """The start of the next calendar day in *tz* (None: local), as an aware datetime: "done for today"."""
    local = now.astimezone(tz)
    nxt = datetime.combine(local.date() + timedelta(days=1), time(0, 0))
    return nxt.replace(tzinfo=local.tzinfo) if tz is not None else nxt.astimezone()


def end_of_local_day(now: datetime, tz: tzinfo | None = None) -> datetime:
    """Same as :func:`next_local_midnight`: follow-ups due before it count as due today."""
    return next_local_midnight(now, tz)


def days_until_anniversary(d: date, today: date) -> int:
    """Days from *today* to the next yearly return of *d* (0 = today); 29 February falls on the 28th in other years."""
    def in_year(y: int) -> date:
        try:
            return d.replace(year=y)
        except ValueError:
            return date(y, 2, 28)

    nxt = in_year(today.year)
    if nxt < today:
        nxt = in_year(today.year + 1)
    return (nxt - today).days


def days_of_year_ahead(day: date, lookahead: int) -> list[str]:
    """The "MM-DD" of *day* and the *lookahead* days after it, with "02-29" when February's end is among them
    (a leap-day birthday is remembered on another day in other years): the dates a reminder may fall on."""
    found = [(day + timedelta(days=k)).strftime("%m-%d") for k in range(max(0, lookahead) + 1)]
    if {"02-28", "03-01"} & set(found) and "02-29" not in found:
        found.append("02-29")
    return found
