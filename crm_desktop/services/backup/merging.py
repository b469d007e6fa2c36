"""Merging a teammate's backup into the book: a preview first (nothing written), then one transaction.

:meth:`Merging.merge_preview` takes the backup in (only the records whose
stamps differ from the book's are copied), attaches the checked copy and
computes the plan (:func:`crm_desktop.services.merge.plan_merge`).  The
:class:`MergePreview` it returns is plain data: figures for the person, and a
token, the path of the checked copy in the data folder, which
:meth:`Merging.merge_apply` attaches again to apply the merge inside one
``BEGIN IMMEDIATE`` transaction.  The plan stays with the service: if
nothing was committed to the book since the preview, it is applied as
computed; otherwise it is computed again under the write lock, so edits made
in between are respected.  The search texts of the customers it touched are
refreshed in the same transaction.  A kill during it leaves the old book
(SQLite's journal).
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from crm_desktop.db import calllist as calllist_db
from crm_desktop.db import merge as merge_db
from crm_desktop.db.bulk import delete_meta, set_meta
from crm_desktop.db.database import BulkTx
from crm_desktop.db.errors import sqlite_errors_as_sentences
from crm_desktop.db.intake import IntakeReport, clean_label
from crm_desktop.db.people import people_names, person_id_for
from crm_desktop.db.restore import meta_with_prefix
from crm_desktop.db.search import reindex_customers
from crm_desktop.db.types import ts_text
from crm_desktop.domain.people import owner_label, owner_values
from crm_desktop.services.backup.book import META_SITE_NAME, BookBackups
from crm_desktop.services.backup.errors import PreviewClosedError
from crm_desktop.services.backup.incoming import Incoming, Progress
from crm_desktop.services.backup.names import learn_names
from crm_desktop.services.backup.places import ms
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.merge import Conflict, DuplicateCandidate, MergePlan, TableCounts, apply_plan, plan_merge
from crm_desktop.services.merge.plan import Keep, only_customers_of


@dataclass(frozen=True, slots=True)
class ClaimClash:
    """One customer two people made theirs (a claim from the shared pool, or a handover) on their own
    laptops: ``keeps`` is the later owner, who keeps the customer everywhere; ``loses`` the other."""

    customer_id: str
    customer_name: str
    keeps: str
    loses: str


@dataclass
class MergePreview:
    """What merging a teammate's backup would do (plain data; no connection).

    ``counts``: per table (``customer``, ``interaction``…) the new, changed,
    deleted, brought-back and conflicting records; ``conflicts``: the first
    conflicts ("2 versions"); ``duplicates``: possible duplicate customers
    (listed for review, never merged), ``duplicate_count`` all of them;
    ``sender``: the backup's site id, ``sender_name``: the person who made it
    (from the file or what this book learned before; "" when unknown);
    ``made_at``: when it was made; ``future``: person (or site id) → how many
    changes were dated after the backup itself and were treated as made then;
    ``ignored``: (kind, name) of what the file held besides the app's data
    (triggers, views, tables, indexes, columns), never used.  ``incoming``:
    the decrypted files; its checked copy's path is the token
    :meth:`Merging.merge_apply` reopens.
    """

    source: Path
    sender: str
    made_at: datetime
    counts: dict[str, TableCounts]
    conflicts: list[Conflict]
    conflict_count: int
    duplicates: list[DuplicateCandidate]
    duplicate_count: int
    brought_back: int
    sender_name: str = ""
    future: dict[str, int] = field(default_factory=dict)
    ignored: list[tuple[str, str]] = field(default_factory=list)
    incoming: Incoming | None = field(default=None, repr=False)
    claims: list[ClaimClash] = field(default_factory=list)
    partial_of: str = ""
    """Set when the backup holds only some customers: whose (as the file says)."""
    only_own: bool = False
    """Taking from this sender only changes to customers they own here (this book's rule for them)."""
    withheld: int = 0
    """How many of the sender's changes that rule leaves out."""

    @property
    def is_empty(self) -> bool:
        return not any(c.total for c in self.counts.values())

    @property
    def future_count(self) -> int:
        return sum(self.future.values())

    @property
    def is_open(self) -> bool:
        """False once discarded (cancelled or applied)."""
        return self.incoming is not None

    @property
    def token(self) -> Path | None:
        """The checked copy in the data folder that applying this preview attaches again (None once closed)."""
        return self.incoming.clean if self.incoming is not None else None

    def discard(self) -> None:
        """Forget the decrypted files (when the user cancels the merge)."""
        if self.incoming is not None:
            self.incoming.discard()
            self.incoming = None


@dataclass(frozen=True)
class MergeResult:
    """A merge applied: the same figures as the preview, as written."""

    counts: dict[str, TableCounts]
    conflict_count: int
    duplicate_count: int
    brought_back: int


@dataclass
class _Planned:
    """A preview's plan, and a watch on the book telling whether it still holds."""

    plan: MergePlan
    watch: merge_db.BookWatch
    only_own: bool = False


META_ONLY_OWN = "merge_only_own:"
"""``meta`` key prefix: this book takes from that sender (site id) only changes to customers they own."""


class Merging(BookBackups):
    def __init__(self, ctx: ServiceContext) -> None:
        super().__init__(ctx)
        self._planned: dict[Path, _Planned] = {}  # by token; never leaves the service

    def _forget(self, token: Path) -> None:
        planned = self._planned.pop(token, None)
        if planned is not None:
            planned.watch.close()

    def merge_preview(self, file: str | os.PathLike[str], passphrase: str, *, progress: Progress | None = None,
                      incoming: Incoming | None = None, only_own: bool | None = None) -> MergePreview:
        """Decrypt and check *file*, and say what merging it would change (nothing is written).

        *only_own*: take from the sender only changes to customers they own here (None: as this book's rule
        for that sender says, :meth:`set_only_own`).  With an *incoming* already opened (a preview again
        with another rule), nothing is decrypted twice.
        """
        incoming = incoming or self.open_incoming(file, passphrase, progress=progress)
        watch = None
        try:
            with sqlite_errors_as_sentences(self.db_path):
                if incoming.clean is None:
                    self.take_in(incoming, for_merge=True, progress=progress)
                assert incoming.clean is not None
                watch = merge_db.BookWatch(self.db_path)
                with self.ctx.db.bulk() as conn, merge_db.attached(conn, incoming.clean) as inc:
                    if only_own is None:
                        only_own = incoming.header.site_id in meta_with_prefix(conn, META_ONLY_OWN)
                    plan = plan_merge(conn, inc, progress=progress, keep=self._keep(conn, inc, incoming, only_own))
                preview = self._preview(Path(file), incoming, plan)
                preview.only_own, preview.withheld = only_own, plan.withheld
        except BaseException:
            incoming.discard()
            if watch is not None:
                watch.close()
            raise
        for token in [t for t in self._planned if not t.exists()]:  # previews closed without applying
            self._forget(token)
        self._planned[incoming.clean] = _Planned(plan, watch, bool(only_own))
        weakref.finalize(preview, self._forget, incoming.clean)
        return preview

    def _keep(self, conn: BulkTx, inc: str, incoming: Incoming, only_own: bool) -> Keep | None:
        """The rule for *only_own*: the sender's own customers, by the name they give (none: no rule)."""
        sender = self._sender_name(conn, incoming)
        if not only_own or not sender:
            return None
        stored = [*merge_db.customer_owners_in(conn).values(), *merge_db.customer_owners_in(conn, inc).values()]
        people = {**merge_db.people_in(conn, inc), **merge_db.people_in(conn)}
        return only_customers_of(conn, inc, owner_values(sender, stored, people, person_id_for(sender)))

    def _sender_name(self, conn: BulkTx, incoming: Incoming) -> str:
        report = incoming.report or IntakeReport()
        return report.made_by or meta_with_prefix(conn, META_SITE_NAME).get(incoming.header.site_id, "")

    def set_only_own(self, site_id: str, on: bool) -> None:
        """This book's rule for the sender *site_id*: take only changes to customers they own (local to this
        book, never sent)."""
        with self.ctx.db.bulk() as conn:
            if on:
                set_meta(conn, META_ONLY_OWN + site_id, "1")
            else:
                delete_meta(conn, META_ONLY_OWN + site_id)

    def _preview(self, source: Path, incoming: Incoming, plan: MergePlan) -> MergePreview:
        report = incoming.report or IntakeReport()
        site = incoming.header.site_id
        # the sender names themselves; for anyone else what this book learned before beats what a file claims
        with self.ctx.db.bulk() as conn:
            known = meta_with_prefix(conn, META_SITE_NAME)
        names = {**report.names, **known}
        if report.made_by:
            names[site] = report.made_by
        future = {names.get(s) or clean_label(s, 20): n for s, n in report.future.items()}
        clashes = [c for c in plan.conflicts if c.table_name == "customer" and c.field == "owner"]
        with self.ctx.db.reading() as tx:
            customer_names = calllist_db.customer_names(tx, [c.row_id for c in clashes])
            people = people_names(tx)
        cols, rows = plan.writes.get("person", ([], []))
        if rows:  # a claimer this book learns of with this very merge
            at = {c: i for i, c in enumerate(cols)}
            people = {**{str(r[at["id"]]): str(r[at["name"]] or "") for r in rows}, **people}
        claims = [ClaimClash(c.row_id, customer_names.get(c.row_id, ""), owner_label(str(c.kept_value or ""), people),
                             owner_label(str(c.lost_value or ""), people)) for c in clashes]
        return MergePreview(
            source=source, sender=site, made_at=incoming.header.created_at,
            counts=plan.counts, conflicts=plan.conflicts[:500], conflict_count=len(plan.conflicts),
            duplicates=plan.duplicates, duplicate_count=plan.duplicate_count,
            brought_back=len(plan.brought_back), sender_name=names.get(site, ""), future=future,
            ignored=list(report.ignored), incoming=incoming, claims=claims, partial_of=report.partial_of)

    def discard_preview(self, preview: MergePreview) -> None:
        """Cancel a merge: forget its plan and remove its decrypted files."""
        if preview.token is not None:
            self._forget(preview.token)
        preview.discard()

    def merge_apply(self, preview: MergePreview, *, progress: Progress | None = None,
                    _before_commit: Callable[[], None] | None = None) -> MergeResult:
        """Apply the merge previewed in *preview*, in one transaction; the temporary files are then removed."""
        incoming, token = preview.incoming, preview.token
        if incoming is None or token is None or not token.is_file():
            raise PreviewClosedError()
        planned = self._planned.pop(token, None)
        db = self.ctx.db
        now = self.ctx.now()
        try:
            with sqlite_errors_as_sentences(self.db_path), db.bulk() as conn, \
                    merge_db.attached(conn, token) as inc, merge_db.immediate(conn):
                # holding the write lock now: if nothing was committed since the preview, its plan holds
                fresh = planned is not None and planned.watch.unchanged()
                keep = self._keep(conn, inc, incoming, preview.only_own)
                plan = (planned.plan if fresh and planned is not None and planned.only_own == preview.only_own
                        else plan_merge(conn, inc, progress=progress, keep=keep))
                apply_plan(conn, plan, now_text=ts_text(now))
                reindex_customers(conn, plan.reindex)
                for top in (plan.max_stamp, incoming.report.max_stamp if incoming.report else None):
                    if top:
                        db.clock.observe(top, ms(now))
                learn_names(conn, incoming, db.site_id)
                set_meta(conn, "last_stamp", db.clock.tick(ms(now)))
                if _before_commit is not None:
                    _before_commit()
        finally:
            if planned is not None:
                planned.watch.close()
            preview.discard()
        return MergeResult(plan.counts, len(plan.conflicts), plan.duplicate_count, len(plan.brought_back))

    def merge(self, file: str | os.PathLike[str], passphrase: str, *,
              progress: Progress | None = None) -> MergeResult:
        """Preview and apply in one go (scripts, tests)."""
        return self.merge_apply(self.merge_preview(file, passphrase, progress=progress), progress=progress)
