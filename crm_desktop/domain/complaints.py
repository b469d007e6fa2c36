"""Complaints (投诉): the status flow, deadlines per severity, and the rows services hand out.

Pure: stdlib only, every function that depends on the time takes ``now``.

Status flow (a transition table, :data:`TRANSITIONS`)::

    new ──► acknowledged ──► in_progress ──► resolved ──► closed
     │            │                ▲            │           │
     └────────────┴──► resolved    └── reopen ──┴───────────┘

* A complaint may skip forward (a quick fix can be resolved on the first call:
  new → resolved), never backwards except by *reopening*.
* Reopen: resolved or closed → in_progress.  The resolution deadline is
  recomputed from the reopening time with the severity's resolve window (the
  customer has been promised a new fix, so the clock restarts); the response
  deadline and the first answer stay as they were (the customer was answered).
* The first transition out of ``new`` (whatever its target) is the first
  answer: ``first_response_at`` is set then and never changed afterwards.
* Closing needs a resolution first; a complaint never goes back to ``new``.

Deadlines are calendar hours (not business hours): a salesperson's promise
"we answer within 4 hours" is made in wall-clock time, and a team of a few
people has no shared office calendar to count business hours against.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError, ValidationError
from crm_desktop.domain.people import person_key

NEW, ACKNOWLEDGED, IN_PROGRESS, RESOLVED, CLOSED = "new", "acknowledged", "in_progress", "resolved", "closed"
STATUSES: tuple[str, ...] = (NEW, ACKNOWLEDGED, IN_PROGRESS, RESOLVED, CLOSED)
OPEN_STATUSES = frozenset({NEW, ACKNOWLEDGED, IN_PROGRESS})
"""Statuses in which the complaint still needs work (counted as open, can be overdue)."""
DONE_STATUSES = frozenset({RESOLVED, CLOSED})

SEVERITIES: tuple[str, ...] = ("low", "medium", "high", "critical")
DEFAULT_CATEGORIES: tuple[str, ...] = ("quality", "delivery", "billing", "service", "other")
"""Built-in categories, stored by these keys and shown with translated labels;
teams add their own (stored by their name) in the ``complaints.categories`` setting."""

TRANSITIONS: dict[str, tuple[str, ...]] = {
    NEW: (ACKNOWLEDGED, IN_PROGRESS, RESOLVED),
    ACKNOWLEDGED: (IN_PROGRESS, RESOLVED),
    IN_PROGRESS: (RESOLVED,),
    RESOLVED: (CLOSED, IN_PROGRESS),
    CLOSED: (IN_PROGRESS,),
}
"""Allowed target statuses from each status.  resolved/closed → in_progress is a reopen."""

_ILLEGAL: dict[tuple[str | None, str], str] = {
    (NEW, CLOSED): QT_TRANSLATE_NOOP("errors", "Resolve the complaint before closing it."),
    (ACKNOWLEDGED, CLOSED): QT_TRANSLATE_NOOP("errors", "Resolve the complaint before closing it."),
    (IN_PROGRESS, CLOSED): QT_TRANSLATE_NOOP("errors", "Resolve the complaint before closing it."),
    (IN_PROGRESS, ACKNOWLEDGED): QT_TRANSLATE_NOOP("errors", "This complaint is already being worked on."),
    (RESOLVED, ACKNOWLEDGED): QT_TRANSLATE_NOOP("errors", "A resolved complaint can only be closed or reopened."),
    (CLOSED, ACKNOWLEDGED): QT_TRANSLATE_NOOP("errors", "A closed complaint can only be reopened."),
    (CLOSED, RESOLVED): QT_TRANSLATE_NOOP("errors", "A closed complaint can only be reopened."),
}
_BACK_TO_NEW = QT_TRANSLATE_NOOP("errors", "A complaint cannot go back to “new”; reopen it instead.")
_SAME = QT_TRANSLATE_NOOP("errors", "The complaint already has this status.")
_UNKNOWN = QT_TRANSLATE_NOOP("errors", "“{status}” is not a complaint status.")


class IllegalTransition(UserError):
    """A status change the flow does not allow; the message says what to do instead."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message, **params)


def transition_error(from_status: str, to_status: str) -> str | None:
    """The (untranslated) reason *from_status* → *to_status* is refused, or None when it is allowed."""
    if to_status not in STATUSES:
        return _UNKNOWN
    if from_status == to_status:
        return _SAME
    if to_status in TRANSITIONS.get(from_status, ()):
        return None
    if to_status == NEW:
        return _BACK_TO_NEW
    return _ILLEGAL.get((from_status, to_status), _UNKNOWN)


def check_transition(from_status: str, to_status: str) -> None:
    """Raise :class:`IllegalTransition` unless *from_status* → *to_status* is allowed."""
    message = transition_error(from_status, to_status)
    if message is not None:
        raise IllegalTransition(message, status=to_status if to_status not in STATUSES else from_status)


def is_reopen(from_status: str, to_status: str) -> bool:
    return from_status in DONE_STATUSES and to_status == IN_PROGRESS


def next_statuses(status: str) -> tuple[str, ...]:
    """What the complaint can become next (the actions to offer)."""
    return TRANSITIONS.get(status, ())


# --- deadlines ------------------------------------------------------------------------------------------------
DEFAULT_RESPONSE_HOURS: dict[str, int] = {"critical": 4, "high": 8, "medium": 24, "low": 48}
DEFAULT_RESOLVE_HOURS: dict[str, int] = {"critical": 24, "high": 72, "medium": 168, "low": 336}
DEFAULT_FOLLOWUP_DAYS = 3
DUE_SOON_FRACTION = 0.25
"""A deadline is "due soon" when less than this share of its window is left."""


@dataclass(frozen=True)
class ComplaintSettings:
    """Team settings for complaints (stored as ``Setting`` rows so they travel with merges).

    ``response_hours``/``resolve_hours``: hours from opening (or reopening, for
    resolve) per severity; ``followup_days``: days after resolving when the
    satisfaction call is due; ``custom_categories``: categories the team added
    to :data:`DEFAULT_CATEGORIES`, by name.  The defaults live here only.
    """

    response_hours: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_RESPONSE_HOURS))
    resolve_hours: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_RESOLVE_HOURS))
    followup_days: int = DEFAULT_FOLLOWUP_DAYS
    custom_categories: tuple[str, ...] = ()

    @property
    def categories(self) -> tuple[str, ...]:
        return DEFAULT_CATEGORIES + tuple(c for c in self.custom_categories if c not in DEFAULT_CATEGORIES)


def response_due(opened_at: datetime, severity: str, settings: ComplaintSettings) -> datetime:
    """When the first answer is due for a complaint opened at *opened_at*."""
    return opened_at + timedelta(hours=settings.response_hours.get(severity, DEFAULT_RESPONSE_HOURS["medium"]))


def resolve_due(start: datetime, severity: str, settings: ComplaintSettings) -> datetime:
    """When the resolution is due; *start* is the opening time, or the latest reopening."""
    return start + timedelta(hours=settings.resolve_hours.get(severity, DEFAULT_RESOLVE_HOURS["medium"]))


@dataclass(frozen=True)
class DueState:
    """The deadline that matters now for a complaint.

    ``kind``: "answer" (not yet answered), "resolve" (answered, not resolved),
    "done" (resolved/closed) or "none" (no deadline stored).  ``state``:
    "overdue", "soon" (less than :data:`DUE_SOON_FRACTION` of the window left),
    "ok", or for done complaints "in_time"/"late".  ``seconds``: how far past
    the deadline (overdue, late) or until it (soon, ok); 0 otherwise.
    """

    kind: str
    state: str
    seconds: float = 0.0


def due_state(status: str, opened_at: datetime, response_due_at: datetime | None, resolve_due_at: datetime | None,
              first_response_at: datetime | None, resolved_at: datetime | None, now: datetime) -> DueState:
    """Which deadline matters at *now*, and how it stands (see :class:`DueState`)."""
    if status in DONE_STATUSES:
        if resolved_at is None or resolve_due_at is None:
            return DueState("done", "in_time")
        late = (resolved_at - resolve_due_at).total_seconds()
        return DueState("done", "late", late) if late > 0 else DueState("done", "in_time")
    if first_response_at is None and response_due_at is not None:
        kind, due = "answer", response_due_at
    elif resolve_due_at is not None:
        kind, due = "resolve", resolve_due_at
    else:
        return DueState("none", "ok")
    left = (due - now).total_seconds()
    if left < 0:
        return DueState(kind, "overdue", -left)
    window = max(1.0, (due - opened_at).total_seconds())
    return DueState(kind, "soon" if left < window * DUE_SOON_FRACTION else "ok", left)


def complaint_number(complaint_id: str) -> str:
    """A short human reference: the first 6 hex digits of the id, upper-case.

    Deterministic (ids are UUIDs made on different laptops, so no shared counter
    exists); 16.7 million values, so two complaints of one small team sharing a
    number is very unlikely, and the customer's name is always shown beside it.
    """
    return complaint_id[:6].upper()


# --- rows -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ComplaintRow:
    """One complaint as the panels show it (all times aware UTC).

    ``number``: :func:`complaint_number`; ``customer_name``: the customer's
    name at load time; the other fields are the ``complaint`` columns:
    ``response_due_at``/``resolve_due_at`` the deadlines promised,
    ``first_response_at`` the first answer, ``satisfaction`` 1–5 or None.
    """

    id: str
    customer_id: str
    customer_name: str
    opened_at: datetime
    channel: str
    category: str
    severity: str
    status: str
    owner: str
    description: str
    response_due_at: datetime | None
    resolve_due_at: datetime | None
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    resolution: str
    satisfaction: int | None

    @property
    def number(self) -> str:
        return complaint_number(self.id)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def due(self, now: datetime) -> DueState:
        return due_state(self.status, self.opened_at, self.response_due_at, self.resolve_due_at,
                         self.first_response_at, self.resolved_at, now)

    def is_overdue(self, now: datetime) -> bool:
        return self.due(now).state == "overdue"

    def next_deadline(self) -> datetime | None:
        """The deadline to sort by: the answer deadline until answered, then the resolve deadline."""
        if self.status in DONE_STATUSES:
            return None
        if self.first_response_at is None and self.response_due_at is not None:
            return self.response_due_at
        return self.resolve_due_at


@dataclass(frozen=True, slots=True)
class OpenComplaint:
    """An open complaint (new, acknowledged or in progress) with its deadlines evaluated at ``now``.

    For the call list: an overdue complaint is a reason to call today.
    ``complaint_id``/``number``: the complaint and its short reference;
    ``answered``: a first answer was given; ``response_overdue``: not answered
    and the answer deadline passed; ``resolve_overdue``: the resolve deadline
    passed; ``overdue``: either; ``overdue_seconds``: how long past the
    deadline that matters now (the answer deadline until answered, then the
    resolve one; 0 when not overdue); ``due_in_seconds``: seconds until that
    deadline (negative when overdue, None when no deadline is stored);
    ``open_seconds``: how long the complaint has been open.
    """

    complaint_id: str
    number: str
    customer_id: str
    customer_name: str
    owner: str
    category: str
    severity: str
    status: str
    opened_at: datetime
    response_due_at: datetime | None
    resolve_due_at: datetime | None
    first_response_at: datetime | None
    answered: bool
    response_overdue: bool
    resolve_overdue: bool
    overdue: bool
    overdue_seconds: float
    due_in_seconds: float | None
    open_seconds: float

    @property
    def deadline(self) -> datetime | None:
        """The deadline that matters now: the answer deadline until answered, then the resolve deadline
        (as :meth:`ComplaintRow.next_deadline`)."""
        if not self.answered and self.response_due_at is not None:
            return self.response_due_at
        return self.resolve_due_at


def open_complaint(row: ComplaintRow, now: datetime) -> OpenComplaint:
    """*row* (an open complaint) evaluated at *now*."""
    answered = row.first_response_at is not None
    response_overdue = not answered and row.response_due_at is not None and now > row.response_due_at
    resolve_overdue = row.resolve_due_at is not None and now > row.resolve_due_at
    deadline = row.next_deadline()
    due_in = None if deadline is None else (deadline - now).total_seconds()
    return OpenComplaint(
        complaint_id=row.id, number=row.number, customer_id=row.customer_id, customer_name=row.customer_name,
        owner=row.owner, category=row.category, severity=row.severity, status=row.status, opened_at=row.opened_at,
        response_due_at=row.response_due_at, resolve_due_at=row.resolve_due_at,
        first_response_at=row.first_response_at, answered=answered, response_overdue=response_overdue,
        resolve_overdue=resolve_overdue, overdue=response_overdue or resolve_overdue,
        overdue_seconds=max(0.0, -due_in) if due_in is not None else 0.0, due_in_seconds=due_in,
        open_seconds=max(0.0, (now - row.opened_at).total_seconds()))


# --- filters --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ComplaintFilter:
    """What the Complaints page shows.

    ``status``: "open" (new/acknowledged/in progress), "all", or one status;
    ``due``: "any", "overdue", or "attention" (overdue or due soon);
    ``owner``/``category``/``severity``: None for any; ``opened_after``: only
    complaints opened at or after it (the period); ``text``: a substring of the
    customer's name, the number or the description (case-insensitive).
    """

    status: str = "open"
    due: str = "any"
    owner: str | None = None
    category: str | None = None
    severity: str | None = None
    opened_after: datetime | None = None
    text: str = ""


def matches(row: ComplaintRow, f: ComplaintFilter, now: datetime) -> bool:
    """Whether *row* passes *f* at *now* (the cheap tests first)."""
    if f.status == "open":
        if row.status not in OPEN_STATUSES:
            return False
    elif f.status != "all" and row.status != f.status:
        return False
    if f.owner is not None and person_key(row.owner) != person_key(f.owner):
        return False
    if f.category is not None and row.category != f.category:
        return False
    if f.severity is not None and row.severity != f.severity:
        return False
    if f.opened_after is not None and row.opened_at < f.opened_after:
        return False
    if f.text:
        needle = f.text.casefold()
        if (needle not in row.customer_name.casefold() and needle not in row.description.casefold()
                and needle not in row.number.casefold()):
            return False
    if f.due != "any":
        state = row.due(now).state
        if state != "overdue" and not (f.due == "attention" and state == "soon"):
            return False
    return True


def due_sort_key(row: ComplaintRow) -> tuple[int, float, str]:
    """Open complaints by their next deadline (most urgent first), then done ones, newest first."""
    deadline = row.next_deadline()
    if deadline is not None:
        return (0, deadline.timestamp(), row.id)
    if row.status in OPEN_STATUSES:
        return (1, -row.opened_at.timestamp(), row.id)
    return (2, -row.opened_at.timestamp(), row.id)


# --- figures --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FigureRow:
    """Team figures for one group of complaints (all, one category, or one month of opening).

    ``group``: "all", "category" or "month"; ``key``: the category or "YYYY-MM";
    ``total``: complaints in the group; ``open``/``overdue``: now;
    ``median_answer_s``: median seconds from opening to the first answer (over
    answered ones); ``median_resolve_s``: median seconds from opening to the
    (latest) resolution; ``resolved_in_time``: share of resolved complaints
    resolved by their resolve deadline (0–1); ``avg_satisfaction``: mean score
    (1–5) of those that have one.  None when there is nothing to measure.
    """

    group: str
    key: str
    total: int
    open: int
    overdue: int
    median_answer_s: float | None
    median_resolve_s: float | None
    resolved_in_time: float | None
    avg_satisfaction: float | None


def figures_of(group: str, key: str, rows: list[ComplaintRow], now: datetime) -> FigureRow:
    """The figures of one group of complaints at *now* (see :class:`FigureRow`)."""
    answers = [(r.first_response_at - r.opened_at).total_seconds() for r in rows if r.first_response_at]
    resolved = [(r, r.resolved_at) for r in rows if r.resolved_at is not None and r.status in DONE_STATUSES]
    resolves = [(at - r.opened_at).total_seconds() for r, at in resolved]
    with_due = [(at, r.resolve_due_at) for r, at in resolved if r.resolve_due_at is not None]
    in_time = sum(1 for at, due in with_due if at <= due)
    scores = [r.satisfaction for r in rows if r.satisfaction is not None]
    open_rows = [r for r in rows if r.status in OPEN_STATUSES]
    return FigureRow(
        group=group, key=key, total=len(rows), open=len(open_rows),
        overdue=sum(1 for r in open_rows if r.is_overdue(now)),
        median_answer_s=statistics.median(answers) if answers else None,
        median_resolve_s=statistics.median(resolves) if resolves else None,
        resolved_in_time=in_time / len(with_due) if with_due else None,
        avg_satisfaction=sum(scores) / len(scores) if scores else None)


# --- input ----------------------------------------------------------------------------------------------------
MAX_CATEGORY_CHARS = 32
MAX_DESCRIPTION_CHARS = 4000
MAX_HOURS = 24 * 365
MAX_FOLLOWUP_DAYS = 90
FUTURE_TOLERANCE = timedelta(minutes=5)
"""Times a little ahead of the clock are accepted (two laptops' clocks differ by minutes)."""


@dataclass(frozen=True)
class ComplaintInput:
    """What the salesperson types when recording (or editing) a complaint.

    ``opened_at``: when it came in (aware); ``channel``: how (a Channel value);
    ``category``: a default key or a custom category name; ``severity``: one of
    :data:`SEVERITIES`; ``owner``: who handles it ("" = the current user).
    """

    customer_id: str
    opened_at: datetime
    description: str
    channel: str = "phone"
    category: str = "other"
    severity: str = "medium"
    owner: str = ""


def validate_complaint(data: ComplaintInput, now: datetime) -> list[ValidationError]:
    """The problems of *data* at *now*, one ValidationError per field (empty when it can be saved)."""
    errors = []
    if not data.description.strip():
        errors.append(ValidationError("description", QT_TRANSLATE_NOOP(
            "errors", "Describe the complaint in the customer's words.")))
    elif len(data.description) > MAX_DESCRIPTION_CHARS:
        errors.append(ValidationError("description", QT_TRANSLATE_NOOP(
            "errors", "The description is too long (at most {n} characters)."), n=MAX_DESCRIPTION_CHARS))
    if data.opened_at.tzinfo is None:
        errors.append(ValidationError("opened_at", QT_TRANSLATE_NOOP("errors", "The time lacks a time zone.")))
    elif data.opened_at > now + FUTURE_TOLERANCE:
        errors.append(ValidationError("opened_at", QT_TRANSLATE_NOOP(
            "errors", "A complaint cannot come in later than now.")))
    if data.severity not in SEVERITIES:
        errors.append(ValidationError("severity", QT_TRANSLATE_NOOP("errors", "Choose a severity.")))
    if not data.category.strip() or len(data.category) > MAX_CATEGORY_CHARS:
        errors.append(ValidationError("category", QT_TRANSLATE_NOOP(
            "errors", "Choose a category (at most {n} characters)."), n=MAX_CATEGORY_CHARS))
    if not data.channel or len(data.channel) > 16:
        errors.append(ValidationError("channel", QT_TRANSLATE_NOOP("errors", "Choose a channel.")))
    if len(data.owner) > 100:
        errors.append(ValidationError("owner", QT_TRANSLATE_NOOP(
            "errors", "The owner's name is too long (at most {n} characters)."), n=100))
    return errors


def validate_settings(s: ComplaintSettings) -> list[ValidationError]:
    """The problems of edited complaint settings (empty when they can be saved)."""
    errors = []
    for sev in SEVERITIES:
        for name, table in (("response_hours", s.response_hours), ("resolve_hours", s.resolve_hours)):
            hours = table.get(sev)
            if not isinstance(hours, int) or not 1 <= hours <= MAX_HOURS:
                errors.append(ValidationError(f"{name}.{sev}", QT_TRANSLATE_NOOP(
                    "errors", "Deadlines are whole hours from 1 to {n}."), n=MAX_HOURS))
        if (isinstance(s.response_hours.get(sev), int) and isinstance(s.resolve_hours.get(sev), int)
                and s.response_hours[sev] > s.resolve_hours[sev]):
            errors.append(ValidationError(f"resolve_hours.{sev}", QT_TRANSLATE_NOOP(
                "errors", "The time to resolve cannot be shorter than the time to answer.")))
    if not 0 <= s.followup_days <= MAX_FOLLOWUP_DAYS:
        errors.append(ValidationError("followup_days", QT_TRANSLATE_NOOP(
            "errors", "The satisfaction call is due 0 to {n} days after resolving."), n=MAX_FOLLOWUP_DAYS))
    seen: set[str] = set()
    for c in s.custom_categories:
        if not c.strip() or len(c) > MAX_CATEGORY_CHARS:
            errors.append(ValidationError("custom_categories", QT_TRANSLATE_NOOP(
                "errors", "A category name has 1 to {n} characters."), n=MAX_CATEGORY_CHARS))
            break
        if c.casefold() in seen or c in DEFAULT_CATEGORIES:
            errors.append(ValidationError("custom_categories", QT_TRANSLATE_NOOP(
                "errors", "The category “{name}” is listed twice."), name=c))
            break
        seen.add(c.casefold())
    return errors
