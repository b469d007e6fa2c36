"""Syncing the book with the team hub: joining with an invitation, push then pull, the status to show.

The book stays the primary copy: edits are written to it first, and a sync sends what the hub does not
have yet (:mod:`.push`) and takes what it has (:mod:`.pull`), each in batches that are their own
transactions and may be repeated; the pull's first batch is merged while the push runs.  The password
is kept in the OS keyring (service :data:`KEYRING_SERVICE`), the rest of the connection in the book's
local ``meta``.

The PostgreSQL driver (and what sends and takes rows) is imported when a connection is made: a window
that only shows the hub's status starts without it (a quarter of a second).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from crm_desktop.db.hub import book as hub_book
from crm_desktop.db.hub.address import HubAddress
from crm_desktop.db.hub.errors import HubLoginError, NoPasswordError, NotConnectedError
from crm_desktop.db.hub.tables import HUB_TABLES
from crm_desktop.db.types import parse_ts
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.hub.invitation import read_invitation

if TYPE_CHECKING:  # the driver and the sync's own modules are imported when a connection is made
    from crm_desktop.db.hub import rows as hub
    from crm_desktop.services.hub.pull import PullOutcome

KEYRING_SERVICE = "crm-desktop hub"
PUSH_BATCH = 2000
PULL_BATCH = 20000
MAX_SPAN = 4
"""A pull batch spans at most this many times PULL_BATCH numbers (so holds at most as many rows)."""
PROBES = 2
"""Connections that look for rows waiting to be pushed at once."""
SPLIT_ROWS = 50_000
"""A table with more rows than this is looked at in :data:`PROBES` parts at once (the interactions)."""
Progress = Callable[[int, int], None]


class PasswordStore(Protocol):
    def get(self, key: str) -> str | None: ...

    def set(self, key: str, password: str) -> None: ...


class KeyringStore:
    """The OS keyring (service :data:`KEYRING_SERVICE`)."""

    def get(self, key: str) -> str | None:
        try:
            import keyring

            value = keyring.get_password(KEYRING_SERVICE, key)
        except Exception:  # noqa: BLE001 - no usable keyring backend
            return None
        return value if isinstance(value, str) else None

    def set(self, key: str, password: str) -> None:
        try:
            import keyring

            keyring.set_password(KEYRING_SERVICE, key, password)
        except Exception as exc:
            raise NoPasswordError() from exc


@dataclass(frozen=True)
class SyncResult:
    """One sync: rows pushed (written on the hub), rows the book took, conflicts, rows left waiting."""

    pushed: int
    pulled: int
    conflicts: int
    waiting: int


@dataclass(frozen=True)
class HubStatus:
    """What the status bar says: connected at all, when the last sync succeeded, how many changes wait."""

    connected: bool
    last_sync: datetime | None
    waiting: int
    offline: bool = False
    first_pull: bool = False
    """The next sync is the book's first pull (:meth:`HubService.first_pull_pending`)."""


def _never_pulled(settings: dict[str, str]) -> bool:
    """Whether the book's pull cursor (in its hub settings) is still at the start."""
    return int(settings.get("cursor", "0")) == 0


@dataclass
class _Ahead:
    """The pull's first batch, read before the push and checked and merged meanwhile
    (:meth:`HubService._pull_ahead`)."""

    ids: dict[str, set[str]]
    """Per table, the ids the hub sent."""
    future: Future[PullOutcome]

    def wait(self) -> None:
        """Until the batch is merged (or failed: :attr:`future` holds the failure, raised by the pull)."""
        wait([self.future])


class HubService:
    def __init__(self, ctx: ServiceContext, passwords: PasswordStore | None = None) -> None:
        self.ctx = ctx
        self.passwords: PasswordStore = passwords or KeyringStore()
        self.offline = False
        self._waiting: tuple[int, int] | None = None  # (the book's write count, rows waiting then)

    # --- settings ------------------------------------------------------------------------------------
    def _settings(self) -> dict[str, str]:
        with self.ctx.db.bulk() as conn:
            return hub_book.hub_settings(conn)

    def address(self) -> HubAddress | None:
        """The hub this book syncs with (None: not connected)."""
        s = self._settings()
        if not s.get("host"):
            return None
        return HubAddress(s["host"], int(s.get("port", "5432")), s.get("dbname", ""), s.get("role", ""),
                          s.get("sslmode", "verify-full"))

    def is_connected(self) -> bool:
        return self.address() is not None

    def _connect(self) -> tuple[HubAddress, hub.PG]:
        from crm_desktop.db.hub.connect import open_hub

        address = self.address()
        if address is None:
            raise NotConnectedError()
        password = self.passwords.get(address.key)
        if password is None:
            raise NoPasswordError()
        return address, open_hub(address, password)

    # --- joining -------------------------------------------------------------------------------------
    def join(self, invitation: str) -> HubAddress:
        """Connect this book to the hub an invitation names: check it, register this laptop, keep the
        connection (password in the keyring).  The first :meth:`sync` then pulls the team's book."""
        from crm_desktop.db.hub import rows as hub
        from crm_desktop.db.hub.connect import hub_errors, open_hub

        inv = read_invitation(invitation)
        address = inv.address
        address.check_tls()
        pg = open_hub(address, inv.password)
        try:
            with hub_errors():
                person = hub.register_site(pg, self.ctx.db.site_id, self.ctx.person_id)
        finally:
            pg.close()
        if person is None:
            raise HubLoginError()
        self.passwords.set(address.key, inv.password)
        previous = self.address()
        with self.ctx.db.bulk() as conn:
            hub_book.ensure_shadow(conn)
            if previous != address:
                hub_book.forget_all(conn)
                hub_book.clear_settings(conn)
            hub_book.save_settings(conn, {"host": address.host, "port": str(address.port),
                                          "dbname": address.dbname, "role": address.role,
                                          "sslmode": address.sslmode, "person_id": person})
        return address

    # --- syncing -------------------------------------------------------------------------------------
    def sync(self, *, progress: Progress | None = None, push_batch_size: int = PUSH_BATCH,
             pull_batch_size: int = PULL_BATCH, between_batches: Callable[[str, int], None] | None = None
             ) -> SyncResult:
        """Push what the hub lacks, then pull what the book lacks (batches; a broken connection leaves the
        book consistent and the next sync resumes).  *between_batches(kind, n)* is called after each batch."""
        from crm_desktop.db.hub.connect import hub_errors

        try:
            _address, pg = self._connect()
        except BaseException:
            self.offline = True
            raise
        try:
            with hub_errors():
                ahead = self._pull_ahead(pg, pull_batch_size)
                pushed, left = self._push(pg, push_batch_size, between_batches, ahead)
                pulled, conflicts, received = self._pull(pg, pull_batch_size, progress, between_batches, ahead)
        except BaseException:
            self.offline = True
            raise
        finally:
            pg.close()
        self.offline = False
        with self.ctx.db.bulk() as conn:
            hub_book.save_settings(conn, {"last_sync": self.ctx.now().isoformat()})
        # what still waits can only be what this push left or this pull wrote (unless the whole book came)
        among = None if received is None else {t: left.get(t, set()) | received.get(t, set()) for t in HUB_TABLES}
        return SyncResult(pushed, pulled, conflicts, self.waiting(among))

    def _push(self, pg: hub.PG, size: int, between: Callable[[str, int], None] | None, ahead: _Ahead | None = None
              ) -> tuple[int, dict[str, set[str]]]:
        """Push every batch; returns (rows written on the hub, per table the ids sent but not taken).

        While *ahead*'s batch is being merged (it holds the book's write lock), the versions the hub
        acknowledges are kept and written to the shadow once it is done; the push returns (or fails)
        only after that, so the pull goes on from a merged batch."""
        from crm_desktop.db.hub import rows as hub

        total, after = 0, {t: "" for t in HUB_TABLES}
        left: dict[str, set[str]] = defaultdict(set)
        acks: list[dict[str, list[hub.Row]]] = []
        done = 0
        try:
            others = hub.other_sites(pg)
            tables = self._tables_with_pending()
            while True:
                batch: dict[str, list[hub.Row]] = defaultdict(list)
                room = size
                with self.ctx.db.bulk() as conn:
                    for table in tables:
                        if room <= 0:
                            break
                        rows = hub_book.pending_rows(conn, table, room, after[table])
                        if rows:
                            batch[table] = rows
                            after[table] = rows[-1]["id"]
                            room -= len(rows)
                if not batch:
                    return total, left
                outcome = self._push_retrying(pg, batch, others)
                acks.append(outcome.acknowledged)
                if ahead is None or ahead.future.done():
                    self._remember(acks)
                for table, rows in batch.items():
                    taken = {r["id"] for r in outcome.acknowledged.get(table, ())}
                    left[table].update(r["id"] for r in rows if r["id"] not in taken)
                total += outcome.written
                done += 1
                if between is not None:
                    between("push", done)
        finally:
            if ahead is not None:
                ahead.wait()
            self._remember(acks)

    def _remember(self, acks: list[dict[str, list[hub.Row]]]) -> None:
        """Write the acknowledged versions *acks* (per batch, per table) to the shadow, and forget them."""
        if not acks:
            return
        with self.ctx.db.bulk() as conn:
            for acknowledged in acks:
                for table, rows in acknowledged.items():
                    hub_book.remember(conn, table, rows, keep_current=True)
        acks.clear()

    def _tables_with_pending(self) -> list[str]:
        """The tables (in push order: erasures first, then parents before children) that have rows to push.

        Finding out compares every row with its signature; the tables are looked at on two connections at
        once (SQLite works without Python's lock), the largest in parts, so the time is about half the sum."""
        order = ("erasure", *HUB_TABLES[:-1])
        with self.ctx.db.bulk() as conn:
            hub_book.ensure_shadow(conn)
            units = [(t, part) for t in order for part in hub_book.probe_parts(conn, t, PROBES, SPLIT_ROWS)]

        def probe(unit: tuple[str, tuple[int, int] | None]) -> bool:
            with self.ctx.db.bulk() as conn:
                return hub_book.has_pending(conn, *unit)

        with ThreadPoolExecutor(max_workers=PROBES, thread_name_prefix="hub-pending") as pool:
            found = {t for (t, _part), yes in zip(units, pool.map(probe, units)) if yes}
        return [t for t in order if t in found]

    def _push_retrying(self, pg: hub.PG, batch: dict[str, list[hub.Row]], others: set[str]) -> Any:
        from crm_desktop.db.hub import rows as hub
        from crm_desktop.services.hub.push import push_batch

        for attempt in range(5):
            try:
                return push_batch(pg, batch, others)
            except hub.RETRYABLE:
                pg.rollback()
                if attempt == 4:
                    raise
        raise AssertionError("unreachable")

    def _pull_ahead(self, pg: hub.PG, size: int) -> _Ahead | None:
        """Read the pull's first batch now, and check and merge it on a thread of its own while the push
        runs (on two cores, the merge's SQLite work and the hub's share the time).  The two only meet in
        the shadow: the push's signatures are written after the merge and leave alone a row whose shadow
        holds the book's present version already, so each signature is of a version the hub has, and a
        row that differs from it is sent next time (never lost).  None on a first pull (which may
        replace the whole book) or when the hub has nothing new."""
        from crm_desktop.services.hub.pull import apply_batch, read_batch

        if self.first_pull_pending():
            return None
        with self.ctx.db.bulk() as conn:
            hub_book.ensure_shadow(conn)
        got = read_batch(pg, self.ctx.db, int(self._settings().get("cursor", "0")), size)
        if got is None:
            return None
        end, rows = got
        ids = {t: {r["id"] for r in table_rows} for t, table_rows in rows.items()}
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hub-pull")
        future = pool.submit(apply_batch, self.ctx.db, rows, end, now_ms=self._now_ms())
        pool.shutdown(wait=False)  # the thread ends with the batch; the caller waits on the future
        return _Ahead(ids, future)

    def _now_ms(self) -> int:
        return int(self.ctx.now().timestamp() * 1000)

    def _pull(self, pg: hub.PG, size: int, progress: Progress | None,
              between: Callable[[str, int], None] | None, ahead: _Ahead | None = None
              ) -> tuple[int, int, dict[str, set[str]] | None]:
        """Pull every batch (the first one merged already when *ahead* holds it); returns (records the book
        took, conflicts, per table the ids received — None when the hub's whole book replaced this one)."""
        from crm_desktop.services.hub.pull import apply_batch, first_pull, read_batch

        applied = conflicts = 0
        received: dict[str, set[str]] | None = defaultdict(set)
        done = 0
        if ahead is None and self.first_pull_pending():
            with self.ctx.db.bulk() as conn:
                fits = hub_book.replaceable(conn)
            first = first_pull(pg, self.ctx.db, now_ms=self._now_ms(), progress=progress) if fits else None
            if first is not None:
                applied, done, received = first.applied, 1, None
                if between is not None:
                    between("pull", done)
        span = size  # numbers per batch: widened while gaps (rows pushed again since) leave batches thin
        while True:
            if ahead is not None:
                ids, outcome, ahead = ahead.ids, ahead.future.result(), None
            else:
                got = read_batch(pg, self.ctx.db, int(self._settings().get("cursor", "0")), span)
                if got is None:
                    return applied, conflicts, received
                end, rows = got
                ids = {t: {r["id"] for r in table_rows} for t, table_rows in rows.items()}
                outcome = apply_batch(self.ctx.db, rows, end, now_ms=self._now_ms())
            if received is not None:
                for table, table_ids in ids.items():
                    received[table] |= table_ids
            if outcome.received < size // 2:
                span = min(span * 2, size * MAX_SPAN)
            elif outcome.received > size:
                span = max(size, span // 2)
            applied += outcome.applied
            conflicts += outcome.conflicts
            done += 1
            if progress is not None:
                progress(done, done + 1)
            if between is not None:
                between("pull", done)

    def first_pull_pending(self) -> bool:
        """Whether this book has not pulled from its hub yet: its next sync may replace the book's file by
        the hub's whole book (:func:`~crm_desktop.services.hub.pull.first_pull`), so whatever reads the
        book must wait for it as for a restore."""
        s = self._settings()
        return bool(s.get("host")) and _never_pulled(s)

    # --- status --------------------------------------------------------------------------------------
    def waiting(self, among: dict[str, set[str]] | None = None) -> int:
        """How many of the book's rows the hub does not have yet (*among*: only these can, per table).

        Counting means comparing every row of the book with the shadow (seconds on a large book), so the
        figure is kept until this process writes to the book again (:attr:`Database.writes`)."""
        db = self.ctx.db
        writes = db.writes
        if among is None and self._waiting is not None and self._waiting[0] == writes:
            return self._waiting[1]
        with db.bulk() as conn:
            if among is None:
                n = hub_book.count_pending(conn, HUB_TABLES)
            else:
                n = sum(hub_book.count_pending_among(conn, t, ids) for t, ids in among.items() if ids) \
                    if hub_book.has_shadow(conn) else 0
        self._waiting = (writes, n)
        return n

    def status(self) -> HubStatus:
        s = self._settings()
        if not s.get("host"):
            return HubStatus(False, None, 0)
        return HubStatus(True, parse_ts(s["last_sync"]) if s.get("last_sync") else None, self.waiting(),
                         self.offline, _never_pulled(s))
