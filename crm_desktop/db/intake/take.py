"""Taking a backup's database in: the steps of :func:`take_in`, on one connection to the new checked copy."""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from crm_desktop.db.database import make_engine, run_migrations
from crm_desktop.db.errors import DiskFullError, translate_operational_error
from crm_desktop.db.intake.copy import (
    copy_book,
    copy_table,
    count_future,
    drop_search_of_gone,
    file_names,
    ignored_objects,
    load_search,
    max_stamp,
    mostly_same,
    replace_changed,
    stage_search,
)
from crm_desktop.db.intake.errors import BrokenRulesError, DamagedDataError, NoUsableTableError, UnpackFailedError
from crm_desktop.db.intake.report import IntakeReport
from crm_desktop.db.intake.rules import check_references, check_values
from crm_desktop.db.intake.schema import (
    HEAD_REVISION,
    MAX_SCHEMA_OBJECTS,
    SYNCED,
    TAKEN,
    app_schema,
    mark_rollback_journal,
    read_revision,
    ro_uri,
    schema_image,
)
from crm_desktop.db.snapshot import harden
from crm_desktop.db.stamps import clamp_sql, clamp_table, wall_sql
from crm_desktop.domain.errors import UserError

Progress = Callable[[int, int], None]


def take_in(source: Path, target: Path, *, cap_ms: int, local: Path | None = None, purpose: str = "restore",
            progress: Progress | None = None) -> IntakeReport:
    """Copy the data of the untrusted database *source* into a new database *target* (see :mod:`crm_desktop.db.intake`).

    *target* must not exist; it is created owner-only.  ``cap_ms``: stamps
    later than this (milliseconds, when the backup says it was made) are
    lowered to it.  ``local``: the book the result is for, read-only:

    * ``purpose="merge"``: only the records whose stamps differ from the
      book's are copied (the merge never reads the others);
    * ``purpose="restore"``: the result is the file's state.  A record whose
      id and stamps equal the book's is the same version, so the book's own
      copy of it is taken (checked long ago) and only the others come from
      the file and are checked; on a large book that makes restoring a recent
      backup a matter of seconds.  Without *local* (or when most records
      differ) everything comes from the file, with its search index checked.

    Raises an :class:`IntakeError` (or a disk-full / damaged-data sentence)
    and removes *target* on any failure.
    """
    source, target = Path(source), Path(target)
    if purpose not in ("restore", "merge"):
        raise ValueError(purpose)
    created = False
    try:
        mark_rollback_journal(source)
        revision = read_revision(source)
        _write_new(target, schema_image(revision))
        created = True
        base = local if purpose == "restore" and local is not None and revision == HEAD_REVISION and \
            mostly_same(source, Path(local)) else None
        if base is not None:
            copy_book(Path(base), target)
        report = _Copy(source, target, revision, cap_ms, local, purpose, base is not None, progress).run()
        if revision != HEAD_REVISION:
            engine = make_engine(f"sqlite:///{target}")
            try:
                # a merge copies only what changed: a contact can come without its customer, which is in
                # the book; references were checked against both above, not by the migration's own check
                run_migrations(engine, check_references=purpose != "merge")
            finally:
                engine.dispose()
            conn = sqlite3.connect(target)
            try:
                conn.execute("PRAGMA journal_mode=DELETE")
            finally:
                conn.close()
        return report
    except BaseException as exc:
        for suffix in ("", "-journal", "-wal", "-shm") if created else ():
            try:
                os.unlink(str(target) + suffix)
            except OSError:
                pass
        if isinstance(exc, OSError):
            if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
                raise DiskFullError(target) from exc
            raise UnpackFailedError(exc.strerror or str(exc)) from exc
        if isinstance(exc, sqlite3.OperationalError):
            sentence = translate_operational_error(exc, target)
            if sentence is not None:
                raise sentence from exc
        if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, UserError):
            raise DamagedDataError() from exc
        raise


def _write_new(target: Path, image: bytes) -> None:
    """Write the app's empty schema to the new owner-only file *target* (which must not exist)."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(image)


@dataclass
class _Copy:
    """One taking-in, in phases on one connection to *target*: attach, copy the tables, check every value
    and reference, lower future stamps, learn names, load the search texts (see the package docstring).

    ``relative``: *target* already holds the book's records (:func:`copy_book`); only the file's other
    versions come in.
    """

    source: Path
    target: Path
    revision: str
    cap_ms: int
    local: Path | None
    purpose: str
    relative: bool
    progress: Progress | None
    report: IntakeReport = field(init=False)
    columns: dict[str, list[str]] = field(default_factory=dict)
    after: dict[str, int] = field(default_factory=dict)
    changed_customers: set[str] = field(default_factory=set)
    pruned: set[str] = field(default_factory=set)
    tables: tuple[str, ...] = TAKEN
    step: int = 0

    @property
    def merging(self) -> bool:
        return self.purpose == "merge" and self.local is not None

    def tick(self) -> None:
        self.step += 1
        if self.progress:
            self.progress(self.step, len(TAKEN) + 5)

    def run(self) -> IntakeReport:
        self.report = IntakeReport(revision=self.revision, cap_ms=self.cap_ms)
        conn = sqlite3.connect(self.target.absolute().as_uri(), uri=True, isolation_level=None)
        try:
            harden(conn)
            for pragma in ("foreign_keys = OFF", "journal_mode = OFF", "synchronous = OFF", "cache_size = -262144"):
                conn.execute(f"PRAGMA {pragma}")
            conn.execute("ATTACH DATABASE ? AS inc", (ro_uri(self.source),))
            if self.merging:
                conn.execute("ATTACH DATABASE ? AS local", (f"{Path(self.local or '').absolute().as_uri()}?mode=ro",))
            plain = self._plain_tables(conn)
            conn.execute("BEGIN")
            self._copy_tables(conn, plain)
            conn.execute("COMMIT")
            self.tick()
            check_values(self.target, self.columns, self.after)
            self.tick()
            conn.execute("BEGIN")
            self._check_and_clamp(conn)
            self.tick()
            self.report.names, self.report.made_by, self.report.partial_of = file_names(conn, plain)
            staged = self.purpose == "restore" and not self.relative and "customer_search" in plain
            if staged:
                stage_search(conn)
            conn.execute("COMMIT")
            conn.execute("DETACH DATABASE inc")
            if self.merging:
                conn.execute("DETACH DATABASE local")
            if staged:
                self.report.search_rows = load_search(conn)
            elif self.relative:
                drop_search_of_gone(conn)
            conn.execute("PRAGMA journal_mode = DELETE")
            self.tick()
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            conn.close()
        return self.report

    def _plain_tables(self, conn: sqlite3.Connection) -> set[str]:
        """The file's plain tables (only those are ever read); everything else is reported as ignored."""
        expected = {(kind, name): sql for kind, name, _tbl, sql in app_schema(conn, "main")}
        found = conn.execute("SELECT type, name, tbl_name, sql FROM inc.sqlite_master").fetchall()
        if len(found) > MAX_SCHEMA_OBJECTS:
            raise DamagedDataError()
        self.report.ignored = ignored_objects(found, expected)
        return {name for kind, name, _t, sql in found
                if kind == "table" and (sql or "").lstrip().upper().startswith("CREATE TABLE")}

    def _copy_tables(self, conn: sqlite3.Connection, plain: set[str]) -> None:
        """Copy every table taken; whole records copied get their index entries made again from the rows."""
        whole_tables: list[str] = []
        # a file of an older revision is taken in at that revision: tables it did not have yet are not taken
        # (and a file that holds them all the same, claiming an older revision, has them ignored)
        known = {r[0] for r in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")}
        self.tables = tuple(t for t in TAKEN if t in known)
        for table in self.tables:
            if table not in plain:
                raise NoUsableTableError(table)
            self.after[table] = conn.execute(f'SELECT coalesce(max(rowid), 0) FROM main."{table}"').fetchone()[0]
            if self.relative:
                self.columns[table] = replace_changed(conn, table, self.report, self.changed_customers, self.pruned)
            else:
                self.columns[table], whole = copy_table(conn, table, self.report,
                                                        only_changed=self.merging and table != "erasure")
                if whole:
                    whole_tables.append(table)
            self.tick()
        for table in whole_tables:
            try:
                conn.execute(f'REINDEX main."{table}"')
            except sqlite3.IntegrityError as exc:
                raise BrokenRulesError(table) from exc

    def _check_and_clamp(self, conn: sqlite3.Connection) -> None:
        """References checked, stamps later than the backup lowered to its time (and counted), figures noted."""
        report, after, cap_ms = self.report, self.after, self.cap_ms
        # the book's own records (a restore built on them) pointed at records of the book: only what came
        # from the file, and what points at records that went, can be broken
        tables = self.tables
        check_references(conn, self.merging, after=after, pruned=frozenset(self.pruned), tables=tables)
        report.future = count_future(conn, cap_ms, after, tables)
        for table in (t for t in SYNCED if t in tables):
            clamp_table(conn, table, cap_ms, after=after[table])
        conn.execute(f"UPDATE main.erasure SET stamp = {clamp_sql('stamp')} WHERE rowid > :after "
                     f"AND {wall_sql('stamp')} > :cap", {"cap": cap_ms, "after": after["erasure"]})
        report.max_stamp = max_stamp(conn, after, tables)
        report.rows = {t: conn.execute(f'SELECT count(*) FROM main."{t}"').fetchone()[0] for t in tables}
        if self.relative:
            changed = self.changed_customers
            changed |= {r[0] for r in conn.execute(
                "SELECT id FROM main.customer WHERE rowid > ?", (after["customer"],))}
            changed |= {r[0] for r in conn.execute(
                "SELECT customer_id FROM main.contact WHERE rowid > ?", (after["contact"],))}
            report.changed_customers = changed
