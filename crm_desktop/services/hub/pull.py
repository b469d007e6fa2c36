"""Pulling the hub's newer rows into the book, one batch at a time, as a hostile backup would be.

A batch is every row whose sequence number lies between the book's cursor and the batch's end (a span
of numbers, never past the hub's head, :func:`crm_desktop.db.hub.rows.head`), read in one REPEATABLE
READ snapshot, plus the parents those rows name that the book lacks.  It is written into a new database
made from the app's own schema and taken in by :func:`crm_desktop.db.intake.take_in` like a teammate's
backup (every value checked, future stamps lowered), then merged into the book by the e-mail merge's own
plan and apply (the same conflicts, the same review page).  The cursor moves in the same book transaction
as the merge, so a connection broken mid-way resumes at the first batch not applied; applying a batch
twice changes nothing.  A sync merges its first batch while its push runs
(:meth:`~crm_desktop.services.hub.service.HubService.sync`).

A new install's first pull (:func:`first_pull`: the book holds no customer and the hub has all its rows)
takes everything up to the hub's head in one snapshot instead, streamed into one such database and taken
in as a restore is: every value checked as above, the checked copy (with this laptop's own data and
a new search index) then swapped in for the book.  That skips comparing and merging rows the book cannot
have; a broken connection leaves the book as it was, and the next sync starts the first pull again.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from queue import Empty, Queue
from typing import Any

from crm_desktop.db import merge as merge_db
from crm_desktop.db.bulk import set_meta
from crm_desktop.db.database import Database
from crm_desktop.db.hub import book as hub_book
from crm_desktop.db.hub import rows as hub
from crm_desktop.db.hub.tables import HUB_TABLES
from crm_desktop.db.intake import schema_image, take_in
from crm_desktop.db.restore import BookChangedError, carry_local, read_local, restored_copy, settle_copy, swap_in
from crm_desktop.db.search import reindex_customers
from crm_desktop.db.types import ts_text
from crm_desktop.domain.hlc import MAX_SKEW_MS
from crm_desktop.services.hub.push import EXTRA_PARENTS
from crm_desktop.services.merge import apply_plan, plan_merge

Row = hub.Row


@dataclass
class PullOutcome:
    """A batch applied: rows the hub sent, records the book took (new, changed, deleted), conflicts."""

    received: int
    applied: int
    conflicts: int
    cursor: int


def read_batch(pg: hub.PG, db: Database, after: int, span: int) -> tuple[int, dict[str, list[Row]]] | None:
    """(the batch's end, rows by table) of the next batch: the rows numbered after *after*, at most *span*
    numbers on, but not past the hub's head; None when the book has everything.  One read-only snapshot.

    Every row has one number, so a batch holds at most *span* rows (and the parents they need); numbers of
    rows pushed again since are gaps, so a batch may hold fewer (the caller widens the span)."""
    with hub.snapshot(pg):
        last = hub.head(pg)
        if last <= after:
            return None
        end = min(last, after + span)
        rows = {t: hub.rows_in_range(pg, t, after, end) for t in HUB_TABLES}
        _add_parents(pg, db, rows)
    return end, rows


def _add_parents(pg: hub.PG, db: Database, rows: dict[str, list[Row]]) -> None:
    """Add the parents the batch's rows name that neither the batch nor the book has (children first, so a
    parent fetched here brings its own parents too)."""
    with db.bulk() as conn:
        for table in reversed(HUB_TABLES):
            for column, parent in (*hub.foreign_keys(table), *EXTRA_PARENTS.get(table, ())):
                named = {str(r[column]) for r in rows[table] if r.get(column)}
                named -= {r["id"] for r in rows[parent]}
                named -= hub_book.existing(conn, parent, named)
                if named:
                    rows[parent].extend(hub.rows_by_id(pg, parent, named))


def apply_batch(db: Database, rows: dict[str, list[Row]], end: int, *, now_ms: int,
                before_commit: Callable[[], None] | None = None) -> PullOutcome:
    """Take *rows* in like a backup's database and merge them into the book; the cursor becomes *end*.

    Rows whose version the book is known to have already (:func:`~crm_desktop.db.hub.book.known`) are
    left out first: a laptop's own pushed rows come back in its next pull and need no intake."""
    assert db.path is not None
    received = sum(len(v) for v in rows.values())
    with db.bulk() as conn:
        for table, table_rows in rows.items():
            seen = hub_book.known(conn, table, table_rows)
            if seen:
                rows[table] = [r for r in table_rows if r["id"] not in seen]
    if not any(rows.values()):
        with db.bulk() as conn, merge_db.immediate(conn):
            hub_book.save_settings(conn, {"cursor": str(end)})
            if before_commit is not None:
                before_commit()
        return PullOutcome(received, 0, 0, end)
    with tempfile.TemporaryDirectory(prefix="crm-hub-", dir=db.path.parent) as folder:
        source, clean = Path(folder) / "hub.sqlite", Path(folder) / "checked.sqlite"
        hub_book.write_source(source, schema_image(), rows)
        take_in(source, clean, cap_ms=now_ms + MAX_SKEW_MS, local=db.path, purpose="merge")
        with db.bulk() as conn, merge_db.attached(conn, clean) as inc, merge_db.immediate(conn):
            plan = plan_merge(conn, inc, duplicates=False)  # nobody reviews a pull
            apply_plan(conn, plan, now_text=ts_text_ms(now_ms))
            reindex_customers(conn, plan.reindex)
            if plan.max_stamp:
                db.clock.observe(plan.max_stamp, now_ms)
            for table, table_rows in rows.items():
                hub_book.remember(conn, table, table_rows)
            hub_book.save_settings(conn, {"cursor": str(end)})
            set_meta(conn, "last_stamp", db.clock.tick(now_ms))
            if before_commit is not None:
                before_commit()
    applied = sum(c.new + c.changed + c.deleted + c.brought_back for c in plan.counts.values())
    return PullOutcome(received, applied, len(plan.conflicts), end)


def first_pull(pg: hub.PG, db: Database, *, now_ms: int, progress: Callable[[int, int], None] | None = None
               ) -> PullOutcome | None:
    """Take the hub's whole book as the book's (module docstring); None when the hub has nothing, or when
    the book was written to meanwhile (then nothing changed and the caller pulls batch by batch).

    Only for a book that is :func:`~crm_desktop.db.hub.book.replaceable`: every row it has is on the hub already."""
    assert db.path is not None
    with tempfile.TemporaryDirectory(prefix="crm-hub-", dir=db.path.parent) as folder:
        source, clean = Path(folder) / "hub.sqlite", Path(folder) / "checked.sqlite"
        with hub.snapshot(pg):
            end = hub.head(pg)
            if end == 0:
                return None
            received = hub_book.write_source_parts(source, schema_image(), _read_ahead(
                (t, hub.columns(t), hub.stream_rows(pg, t, 0, end)) for t in HUB_TABLES))
        report = take_in(source, clean, cap_ms=now_ms + MAX_SKEW_MS, purpose="restore", progress=progress)
        with db.bulk() as live:
            local = read_local(live)
        if report.max_stamp:
            db.clock.observe(report.max_stamp, now_ms)
        with restored_copy(clean) as conn:
            hub_book.ensure_shadow(conn)
            hub_book.remember_source(conn, source, HUB_TABLES)
            carry_local(conn, local)
            hub_book.save_settings(conn, {"cursor": str(end)})
            settle_copy(conn, db.clock, now_ms, changed=None)  # the hub sends no search texts: all made here
        try:
            swap_in(db, clean, keep_old_as=None, unchanged=hub_book.replaceable)
        except BookChangedError:
            return None
    return PullOutcome(received, sum(report.rows.values()), 0, end)


Chunk = list[tuple[Any, ...]]
Part = tuple[str, Sequence[str], Iterator[Chunk]]


def _read_ahead(parts: Iterator[Part]) -> Iterator[Part]:
    """*parts* (table, columns, chunks of rows) with each chunk read from the hub by a second thread while
    the one before it is written to the file (the network and the disk at once).  A failure of the
    reading thread is raised where its chunk would have been; a writer that gives up stops the reader."""
    done = object()
    queue: Queue[Any] = Queue(maxsize=2)
    stop = threading.Event()

    def read() -> None:
        try:
            for table, cols, chunks in parts:
                queue.put((table, cols))
                for chunk in chunks:
                    if stop.is_set():
                        return
                    queue.put(chunk)
                queue.put(done)
            queue.put(None)
        except BaseException as exc:  # noqa: BLE001 - raised in the writing thread
            queue.put(exc)

    def chunks() -> Iterator[Chunk]:
        while (item := queue.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item

    reader = threading.Thread(target=read, name="hub-read", daemon=True)
    reader.start()
    try:
        while (head := queue.get()) is not None:
            if isinstance(head, BaseException):
                raise head
            yield head[0], head[1], chunks()
    finally:
        stop.set()
        while reader.is_alive():  # a reader blocked on the full queue
            try:
                queue.get(timeout=0.05)
            except Empty:
                pass
        reader.join()


def ts_text_ms(now_ms: int) -> str:
    from datetime import UTC, datetime

    return ts_text(datetime.fromtimestamp(now_ms / 1000, UTC))
