"""Benchmark of the team hub (crm_desktop.services.hub) against a throwaway PostgreSQL server on this machine.

(A script, not a pytest module.)

Run:  python tests/bench/bench_hub.py [--customers 20000 | --book BOOK.sqlite] [--parts join,many]
      [--laptops 20] [--changes 1000]

Prints, each beside a floor measured in the same run where there is one:

* first join of a demo book: laptop A pushes the whole book, laptop B's first sync pulls it (floor: a raw
  ``COPY`` of the same customer and interaction rows into a scratch table);
* 10,000 changes each way: A and B each edit 10,000 customers, then A syncs (push 10k, pull 10k), on a hub
  vacuumed and analysed after its seeding, with the names' pinyin not computed yet in A's process;
* N laptops x M changes at once: N new books join an empty hub, each makes M customers, all sync at the
  same moment, each in its own process (as on its own machine; threads would share one interpreter lock);
  then everything is checked to be on the hub.  The laptops' own CPU time over this machine's cores is
  printed beside it: here they share the cores, which on their own machines they would not;
* the hub's size per 100k customers (all its tables and indexes, scaled from the demo).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from helpers.hub import Laptop, invite, laptop, new_role
from helpers.postgres import start_throwaway

from crm_desktop.db.hub.admin import init_hub
from crm_desktop.db.hub.connect import open_admin
from crm_desktop.db.intake import schema_image
from crm_desktop.db.models import Customer
from crm_desktop.db.sync import update_row
from crm_desktop.domain.models import CustomerInput
from crm_desktop.domain.text import pinyin_keys
from crm_desktop.services.books import create_demo_book

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.value = NOW

    def __call__(self) -> datetime:
        return self.value


def _timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def _copy_floor(url: str, book: Path) -> float:
    """Seconds to COPY the book's customers and interactions, as text rows, into a scratch table."""
    import sqlite3

    src = sqlite3.connect(book)
    rows = [r for t in ("customer", "interaction") for r in src.execute(
        f"SELECT id, stamp, coalesce(field_stamps, ''), {'name' if t == 'customer' else 'summary'} FROM {t}")]
    src.close()
    with open_admin(url) as conn:
        conn.execute("CREATE TABLE scratch (id text, stamp text, fs text, v text)")
        t = time.perf_counter()
        with conn.cursor().copy("COPY scratch FROM STDIN") as copy:
            for r in rows:
                copy.write_row(r)
        conn.commit()
        took = time.perf_counter() - t
        conn.execute("DROP TABLE scratch")
        conn.commit()
    return took


def _settle(url: str) -> None:
    with open_admin(url) as conn:
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
        conn.execute("CHECKPOINT")


def _edit(top: Laptop, ids: list[str], field: str, value: str) -> None:
    with top.db.writing() as tx:
        for cid in ids:
            update_row(tx, Customer, cid, {field: value}, top.services.ctx.stamp())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--customers", type=int, default=20000)
    ap.add_argument("--laptops", type=int, default=20)
    ap.add_argument("--changes", type=int, default=1000)
    ap.add_argument("--book", help="use a copy of this book as the first laptop's instead of a new demo")
    ap.add_argument("--parts", default="join,many", help="join (first join and 10,000 changes each way), many")
    args = ap.parse_args()
    parts = set(args.parts.split(","))
    server = start_throwaway(port=54339)
    if server is None:
        sys.exit("no PostgreSQL server binaries on this machine")
    folder = Path(tempfile.mkdtemp(prefix="bench-hub-"))
    clock = Clock()
    try:
        if "join" in parts:
            _join_and_changes(server, folder, clock, args.customers, args.book)
        if "many" in parts:
            _many(server, folder, clock, args.laptops, args.changes)
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _join_and_changes(server, folder: Path, clock: Clock, customers: int, book: str | None) -> None:
    """A's book becomes the hub's (first push), B joins (first pull); then 10,000 changes each way."""
    demo = folder / "demo.sqlite"
    if book:
        shutil.copy(book, demo)
        import sqlite3

        conn = sqlite3.connect(demo)
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("customer", "interaction")}
        latest = conn.execute("SELECT max(stamp) FROM customer").fetchone()[0] or ""
        conn.close()
        # the laptops' clock after the book's last write: else every stamp is "from the future" to them, the
        # joining laptop lowers them all, and pushes every row back
        if latest[:13].isdigit():
            clock.value = max(clock.value, datetime.fromtimestamp(int(latest[:13]) / 1000, UTC) + timedelta(hours=1))
    else:
        counts = create_demo_book(demo, now=NOW, customers=customers)
    print(f"book: {counts.get('customer', customers)} customers, "
          f"{counts.get('interaction', 0)} interactions, {demo.stat().st_size / 1e6:.0f} MB")
    url = server.create_database("bench")
    init_hub(url)
    (folder / "a").mkdir()
    shutil.copy(demo, folder / "a" / "A.sqlite")
    a = laptop(folder / "a", "A", clock, url)
    b = laptop(folder / "b", "B", clock, url)
    push_s, r = _timed(a.hub.sync)
    pull_s, r2 = _timed(b.hub.sync)
    floor = _copy_floor(url, demo)
    print(f"first push of the book: {push_s:.1f} s ({r.pushed} rows)")
    print(f"first join (pull) of the book: {pull_s:.1f} s ({r2.pulled} records, "
          f"{pull_s / max(r2.pulled, 1) * 1e6:.0f} us each); raw COPY floor {floor:.2f} s ({pull_s / floor:.0f}x)")
    # the seeding wrote the whole book at once; a team's hub has long vacuumed and analysed it by the time
    # its members sync their day's changes (else autovacuum takes a core in the middle of the next syncs)
    settle_s, _ = _timed(lambda: _settle(url))
    print(f"hub settled after the seeding (VACUUM ANALYZE, CHECKPOINT): {settle_s:.1f} s")
    with a.db.reading() as tx:
        ids = [row[0] for row in tx.exec_driver_sql("SELECT id FROM customer ORDER BY id LIMIT 20000")]
    n = min(10000, len(ids) // 2)
    _edit(a, ids[:n], "notes", "A was here")
    _edit(b, ids[n:2 * n], "notes", "B was here")
    pinyin_keys.cache_clear()  # the demo was made in this process: a laptop's app has not read these names
    b_s, rb = _timed(b.hub.sync)
    cpu = time.process_time()
    a_s, ra = _timed(a.hub.sync)
    cpu = time.process_time() - cpu
    print(f"{n} changes each way: B sync {b_s:.1f} s (sent {rb.pushed}), A sync {a_s:.1f} s "
          f"(sent {ra.pushed}, received {ra.pulled}; the laptop's own CPU {cpu:.1f} s on all its threads, "
          f"{cpu / a_s:.2f}x the wall time: above 1 where the pull's merge ran beside the push)")
    with open_admin(url) as conn:
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        on_hub = conn.execute("SELECT count(*) FROM customer").fetchone()[0]
    print(f"hub size: {size / 1e6:.0f} MB for {on_hub} customers = "
          f"{size / on_hub * 100000 / 1e9:.2f} GB per 100k customers (with their interactions etc.)")
    a.close()
    b.close()


def _many(server, folder: Path, clock: Clock, count: int, changes: int) -> None:
    """*count* laptops, each its own process (as on its own machine), sync at the same moment."""
    url = server.create_database("bench_many")
    init_hub(url)
    jobs = []
    for i in range(count):
        top = laptop(folder / f"l{i}", f"L{i}", clock, None, join=False)
        invitation = invite(url, new_role("bench"), top.services.ctx.person_id)
        top.hub.join(invitation)
        for j in range(changes):
            top.services.customers.create(CustomerInput(name=f"客户{i}-{j}"))
        top.close()
        jobs.append((str(folder / f"l{i}"), f"L{i}", invitation))
    # made once per version of the app on each laptop, as any laptop that has merged or pulled before has it
    schema_image()
    mp = multiprocessing.get_context("spawn")
    ready, go, results = mp.Barrier(count + 1), mp.Event(), mp.Queue()
    procs = [mp.Process(target=_sync_one, args=(*job, ready, go, results)) for job in jobs]
    for p in procs:
        p.start()
    ready.wait()  # every laptop has opened its book and connected once
    t0 = time.perf_counter()
    go.set()
    outcomes = [results.get() for _ in procs]
    took = time.perf_counter() - t0
    for p in procs:
        p.join()
    errors = [o for o in outcomes if isinstance(o, str)]
    timed = [o for o in outcomes if isinstance(o, tuple)]
    slowest = max((wall for wall, _cpu in timed), default=0.0)
    cpu = sum(c for _wall, c in timed)
    cores = os.cpu_count() or 1
    with open_admin(url) as conn:
        on_hub = conn.execute("SELECT count(*) FROM customer").fetchone()[0]
    print(f"{count} laptops x {changes} changes at once (one process each): all done in {took:.1f} s "
          f"(slowest laptop {slowest:.1f} s), {len(errors)} errors, {on_hub} of {count * changes} customers on the hub")
    # the laptops share this machine's cores, as they would not on their own machines: their own CPU time
    # spread over the cores is what the wall time cannot go below here
    print(f"  the laptops' own CPU time: {cpu:.1f} s in all, {cpu / max(len(timed), 1):.2f} s each; over {cores} "
          f"cores at least {cpu / cores:.1f} s here ({took / max(cpu / cores, 0.01):.2f}x that)")
    for e in errors[:3]:
        print("  error:", e)


def _sync_one(folder: str, name: str, invitation: str, ready, go, results) -> None:
    """One laptop's process: open its book, connect, wait for the start, sync; put the seconds (or the
    error) on *results*."""
    try:
        top = laptop(Path(folder), name, Clock(), None, join=False)
        top.hub.join(invitation)
    except BaseException as exc:  # noqa: BLE001 - reported by the parent
        ready.wait()
        results.put(f"{name}: {exc!r}")
        return
    ready.wait()
    go.wait()
    t, c = time.perf_counter(), time.process_time()
    try:
        top.hub.sync()
        results.put((time.perf_counter() - t, time.process_time() - c))
    except BaseException as exc:  # noqa: BLE001 - reported by the parent
        results.put(f"{name}: {exc!r}")
    finally:
        top.close()


if __name__ == "__main__":
    main()
