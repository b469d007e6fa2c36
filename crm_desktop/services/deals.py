"""Deal use cases: the team's stages, creating and editing deals, moving them through the stages.

Rules (the stages themselves: :mod:`crm_desktop.domain.deals`):

* Every stage move writes a ``DealStageChange`` (at, actor = ``ctx.user``, from, to) in the same
  transaction as the move; creating a deal writes the first one (None → its stage).  The timeline
  shows them, and the usual time in a stage is learned from them.
* Moving to the Won stage asks nothing more; moving to Lost needs a reason
  (:data:`~crm_desktop.domain.deals.LOST_REASONS`).  Closing sets ``closed_at``; moving a closed deal
  back to an open stage clears it and the reason.
* A move returns what it changed (:class:`Moved`) so undo puts the deal back exactly
  (:meth:`DealService.undo_move`: the old stage fields, and the history row tombstoned).

The open deals are kept in memory once loaded (the board of 50,000 deals reads them once); a write
through this service updates that copy, :meth:`invalidate` (the UI calls it for writes elsewhere:
customers renamed, merges, imports) drops it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from crm_desktop.db import deals as q
from crm_desktop.db import settings as team
from crm_desktop.db.database import Tx
from crm_desktop.db.sync import insert_row, set_deleted, update_row
from crm_desktop.domain import deals as d
from crm_desktop.domain.changes import Changes, Created, Kind
from crm_desktop.domain.deals import DealInput, DealRow, DealSettings, MoveUndo, Stage, StageChange, UsualDays
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, InvalidFields, UserError, ValidationError
from crm_desktop.lazy import LazyModule
from crm_desktop.services import deal_lines as lines_mod
from crm_desktop.services import owners
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.orders import AmountError, amount_error, checked_currency, parse_amount

if TYPE_CHECKING:
    from crm_desktop.db import models
else:
    models = LazyModule("crm_desktop.db.models")  # the ORM models on first use (a write): reads need none


SETTINGS_PREFIX = "deals."
"""Team settings keys: ``deals.stages`` (the stages as one JSON list), ``deals.min_history``."""


class DealNotFound(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "This deal no longer exists."))


class LostReasonMissing(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "Say why the deal was lost."))


class InvalidDeal(InvalidFields):
    """Raised when a deal cannot be saved (nothing was saved); ``errors`` names the fields."""


class InvalidStages(InvalidFields):
    """Raised when the stages cannot be saved (nothing was saved)."""


@dataclass(frozen=True)
class Moved:
    """A move done: ``undo`` puts it back (:meth:`DealService.undo_move`); ``changes`` what it wrote."""

    undo: MoveUndo
    changes: Changes


def _written(customer_id: str) -> Changes:
    return Changes.of(Kind.DEAL, customers=[customer_id])


class DealService:
    """Deals of the open database, worked on by the salesperson in ``ctx.user``.  Thread-safe."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._lock = threading.Lock()
        self._open: dict[str, DealRow] | None = None
        self._settings: DealSettings | None = None
        self._usual: dict[str, UsualDays] | None = None
        self._rates: dict[str, d.WinRate] | None = None
        """What the closed deals teach (usual time and win rate per stage), kept until a deal closes or reopens."""

    # --- settings ------------------------------------------------------------------------------------------
    def settings(self) -> DealSettings:
        """The team's stages (the defaults when none are stored or the stored ones are unusable)."""
        with self._lock:
            cached = self._settings
        if cached is not None:
            return cached
        with self.ctx.db.reading() as tx:
            found = self._read_settings(tx)
        with self._lock:
            self._settings = found
        return found

    @staticmethod
    def _read_settings(tx: Tx) -> DealSettings:
        stored = team.read_settings(tx, SETTINGS_PREFIX)
        stages = d.stages_from_json(stored.get("stages")) or d.DEFAULT_STAGES
        n = stored.get("min_history")
        n = n if isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= 1000 else DealSettings.min_history
        return DealSettings(stages, n)

    def save_settings(self, s: DealSettings) -> Changes:
        """Store edited stages as a team setting (nothing changes when they are the same)."""
        stages = tuple(replace(st, name=st.name.strip()) for st in s.stages)
        errors = d.stage_errors(stages)
        if any(len(st.name) > 40 for st in stages):
            errors.append(QT_TRANSLATE_NOOP("errors", "A stage name is too long (40 characters at most)."))
        if errors:
            raise InvalidStages([ValidationError("stages", e) for e in errors])
        stamp = self.ctx.stamp()
        with self.ctx.db.writing() as tx:
            changed = team.write_setting(tx, f"{SETTINGS_PREFIX}stages", d.stages_to_json(stages), stamp)
            changed |= team.write_setting(tx, f"{SETTINGS_PREFIX}min_history", s.min_history, stamp)
        self.invalidate()
        return Changes.of(Kind.SETTING, Kind.DEAL, customers=None) if changed else Changes()

    # --- reading -------------------------------------------------------------------------------------------
    def invalidate(self) -> None:
        """Forget the in-memory deals and settings (after writes elsewhere: merges, imports, customer edits)."""
        with self._lock:
            self._open = None
            self._settings = None
            self._usual = self._rates = None

    def open_deals(self) -> list[DealRow]:
        """Every live open deal of a live customer (unordered): what the board and the list show."""
        with self._lock:
            cached = self._open
        if cached is None:
            st = self.settings()
            with self.ctx.db.reading() as tx:
                # a stage the settings do not know (removed, or a teammate's) counts as the first open one
                rows = q.load_board(tx, [st.won.key, st.lost.key])
            cached = {r.id: r for r in rows}
            with self._lock:
                self._open = cached
        return list(cached.values())

    def board(self) -> tuple[DealSettings, dict[str, list[DealRow]]]:
        """The stages and the open deals by open stage (:func:`crm_desktop.domain.deals.board_columns`)."""
        st = self.settings()
        return st, d.board_columns(self.open_deals(), st)

    def for_customer(self, customer_id: str) -> list[DealRow]:
        """One customer's deals (closed ones too), newest first."""
        with self.ctx.db.reading() as tx:
            return q.load_for_customer(tx, customer_id)

    def get(self, deal_id: str) -> DealRow:
        """A deal with every field (the board's rows leave out notes, source and the closing fields)."""
        with self.ctx.db.reading() as tx:
            row = q.load_one(tx, deal_id)
        if row is None:
            raise DealNotFound()
        return row

    def history(self, deal_id: str) -> list[StageChange]:
        with self.ctx.db.reading() as tx:
            return q.history(tx, deal_id)

    def owners(self) -> list[str]:
        with self.ctx.db.reading() as tx:
            return q.owners(tx)

    # --- writing -------------------------------------------------------------------------------------------
    def _values(self, tx: Tx, data: DealInput, st: DealSettings
                ) -> tuple[dict[str, object], list[lines_mod.Checked] | None]:
        """(the deal's stored values, its lines checked — None when *data* leaves them as they are)."""
        errors: list[ValidationError] = []
        message = d.validate_title(data.title)
        if message:
            errors.append(ValidationError("title", message))
        currency = checked_currency(data.currency, errors)
        amount = 0
        if (data.amount or "").strip():
            try:
                amount = parse_amount(data.amount, currency)
            except AmountError as exc:
                errors.append(amount_error(exc, data.amount, currency))
        if not q.customer_exists(tx, data.customer_id):
            raise InvalidDeal([ValidationError("customer_id", QT_TRANSLATE_NOOP(
                "errors", "This customer no longer exists."))])
        contact = data.contact_id or None
        if contact is not None and not q.contact_of(tx, contact, data.customer_id):
            contact = None
        if len(data.owner) > 100 or len(data.source) > 100:
            errors.append(ValidationError("source", QT_TRANSLATE_NOOP("errors", "A name is too long (100 characters at "
                                                                               "most).")))
        checked = None
        if data.lines is not None:
            checked, line_errors = lines_mod.check_lines(tx, data.lines)
            errors.extend(line_errors)
        if errors:
            raise InvalidDeal(errors)
        return {"customer_id": data.customer_id, "contact_id": contact, "title": data.title.strip(),
                "amount_minor": amount, "currency": currency, "expected_close": data.expected_close,
                "owner": data.owner.strip(), "source": data.source.strip(), "notes": data.notes.strip()}, checked

    def create(self, data: DealInput) -> Created:
        """Save a new deal (in the first open stage unless told); raises InvalidDeal (nothing saved)."""
        st = self.settings()
        stage = st.stage(data.stage).key if data.stage else st.open_stages[0].key
        now = self.ctx.now().astimezone(UTC)
        stamp = self.ctx.stamp()
        with self.ctx.db.writing() as tx:
            values, checked = self._values(tx, data, st)
            values["owner"] = owners.chosen(tx, str(values["owner"]), self.ctx.person_id, self.ctx.user, stamp)
            closed = st.outcome(stage) != d.OPEN
            deal_id = insert_row(tx, models.Deal, {**values, "stage": stage, "created_at": now, "stage_changed_at": now,
                                            "closed_at": now if closed else None}, stamp)
            if checked:
                lines_mod.write_lines(tx, deal_id, checked, stamp)
                update_row(tx, models.Deal, deal_id, {"amount_minor": lines_mod.checked_total(checked)}, stamp)
            insert_row(tx, models.DealStageChange, {"deal_id": deal_id, "at": now, "actor": self.ctx.user,
                                             "from_stage": None, "to_stage": stage}, stamp)
            row = q.load_one(tx, deal_id)
        self._keep(row, st)
        return Created(deal_id, _written(data.customer_id))

    def update(self, deal_id: str, data: DealInput) -> Changes:
        """Save edits of a deal's fields (not its stage: that is :meth:`move`)."""
        st = self.settings()
        stamp = self.ctx.stamp()
        with self.ctx.db.writing() as tx:
            old = q.load_one(tx, deal_id)
            if old is None:
                raise DealNotFound()
            values, checked = self._values(tx, replace(data, customer_id=old.customer_id), st)
            changed = False
            if checked is not None:
                changed = lines_mod.write_lines(tx, deal_id, checked, stamp)
            total = lines_mod.stored_total(tx, deal_id)
            if total is not None:  # a deal with products has their total as its amount
                values["amount_minor"] = total
            values["owner"] = owners.to_store(tx, str(values["owner"]), stamp)
            changed = update_row(tx, models.Deal, deal_id, values, stamp) or changed
            row = q.load_one(tx, deal_id)
        self._keep(row, st)
        return _written(old.customer_id) if changed else Changes()

    def move(self, deal_id: str, stage: str, lost_reason: str | None = None) -> Moved:
        """Move the deal to *stage* (a key of the team's stages).  Lost needs a reason; Won asks nothing."""
        st = self.settings()
        target = st.stage(stage)
        if target.key != stage:
            raise DealNotFound()
        if target.outcome == d.LOST and lost_reason not in d.LOST_REASONS:
            raise LostReasonMissing()
        now = self.ctx.now().astimezone(UTC)
        stamp = self.ctx.stamp()
        with self.ctx.db.writing() as tx:
            old = q.load_one(tx, deal_id)
            if old is None:
                raise DealNotFound()
            closed = target.outcome != d.OPEN
            update_row(tx, models.Deal, deal_id, {"stage": stage, "stage_changed_at": now,
                                           "closed_at": now if closed else None,
                                           "lost_reason": lost_reason if target.outcome == d.LOST else None}, stamp)
            change = insert_row(tx, models.DealStageChange, {"deal_id": deal_id, "at": now, "actor": self.ctx.user,
                                                      "from_stage": old.stage, "to_stage": stage}, stamp)
        self._keep(d.with_stage(old, stage, now, closed, lost_reason if target.outcome == d.LOST else None), st)
        undo = MoveUndo(deal_id, old.customer_id, old.stage, old.stage_since, old.closed_at, old.lost_reason, change)
        return Moved(undo, _written(old.customer_id))

    def undo_move(self, undo: MoveUndo) -> Changes:
        """Put a moved deal back where it was (its stage, since when, closed or not) and drop the history row."""
        st = self.settings()
        stamp = self.ctx.stamp()
        with self.ctx.db.writing() as tx:
            if q.load_one(tx, undo.deal_id) is None:
                raise DealNotFound()
            update_row(tx, models.Deal, undo.deal_id, {"stage": undo.stage, "stage_changed_at": undo.stage_since,
                                                "closed_at": undo.closed_at, "lost_reason": undo.lost_reason}, stamp)
            set_deleted(tx, models.DealStageChange, undo.change_id, True, stamp)
            row = q.load_one(tx, undo.deal_id)
        self._keep(row, st)
        return _written(undo.customer_id)

    def delete(self, deal_id: str, deleted: bool = True) -> Changes:
        """Delete a deal (a tombstone: ``delete(id, False)`` brings it back)."""
        stamp = self.ctx.stamp()
        with self.ctx.db.writing() as tx:
            customer_id = q.customer_of(tx, deal_id)
            if customer_id is None:
                raise DealNotFound()
            set_deleted(tx, models.Deal, deal_id, deleted, stamp)
            live = q.load_one(tx, deal_id)
        with self._lock:
            if self._open is not None:
                self._open.pop(deal_id, None)
        if live is not None:
            self._keep(live, self.settings())
        return _written(customer_id)

    def _keep(self, row: DealRow | None, st: DealSettings) -> None:
        """Update the in-memory open deals with *row* as now written; a deal closed, reopened or deleted changes
        what the closed deals teach, so that is learned again."""
        with self._lock:
            if row is None or st.outcome(row.stage) != d.OPEN or self._open is None or row.id not in self._open:
                self._usual = self._rates = None
            if row is None or self._open is None:
                return
            if st.outcome(row.stage) == d.OPEN:
                self._open[row.id] = row
            else:
                self._open.pop(row.id, None)

    # --- the call list -------------------------------------------------------------------------------------
    def usual_days(self) -> dict[str, UsualDays]:
        """How long deals usually stay in each open stage: learned from the team's closed deals (median, with
        the sample size) where there are enough, else the stage's setting.  Kept until a deal closes, reopens
        or is deleted through this service, or :meth:`invalidate`."""
        with self._lock:
            cached = self._usual
        if cached is not None:
            return cached
        st = self.settings()
        with self.ctx.db.reading() as tx:
            changes, closed = q.closed_history(tx, [st.won.key, st.lost.key])
        found = d.usual_days(st, d.stage_durations(changes, closed))
        with self._lock:
            self._usual = found
        return found

    def win_rates(self) -> dict[str, d.WinRate]:
        """The chance a deal in each open stage is won: the share won of the team's closed deals that went
        through it, with the sample size, where there are enough; else the stage's setting (the prior).  One
        aggregate over the history, kept like :meth:`usual_days`."""
        with self._lock:
            cached = self._rates
        if cached is not None:
            return cached
        st = self.settings()
        with self.ctx.db.reading() as tx:
            outcomes = q.stage_outcomes(tx, st.won.key, [st.won.key, st.lost.key])
        found = d.win_rates(st, outcomes)
        with self._lock:
            self._rates = found
        return found

    def pipeline(self) -> list[d.Pipeline]:
        """The open deals' amount and weighted amount per currency (:func:`crm_desktop.domain.deals.pipeline`)."""
        return d.pipeline(self.open_deals(), self.win_rates())

    def quiet_deals(self, now: datetime | None = None, customer_ids: Iterable[str] | None = None) -> list[d.QuietDeal]:
        """Open deals (of *customer_ids*, or everyone's) whose customer nobody contacted for longer than the
        deal's stage usually takes (:func:`crm_desktop.domain.deals.quiet_deal`; SQL picks the candidates, the
        rule decides)."""
        now = now or self.ctx.now()
        st = self.settings()
        usual = self.usual_days()
        cutoffs = {key: now - timedelta(days=u.days) for key, u in usual.items()}
        first = st.open_stages[0].key
        with self.ctx.db.reading() as tx:
            found = q.quiet_candidates(tx, cutoffs, cutoffs[first], [st.won.key, st.lost.key], now,
                                       None if customer_ids is None else sorted(set(customer_ids)))
        out = []
        for row, last in found:
            quiet = d.quiet_deal(row, last, usual, st, now)
            if quiet is not None:
                out.append(quiet)
        return out


__all__ = ["DealNotFound", "DealService", "InvalidDeal", "InvalidStages", "LostReasonMissing", "Moved", "Stage"]
