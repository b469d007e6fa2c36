"""Benchmark of the Deals board on the 100k demo with 50,000 deals (prints figures; not collected by pytest).

Make the demo once (``python -m crm_desktop demo --customers 100000 --no-gui --db PATH``), then:

    python tests/bench/bench_deals.py PATH [N_DEALS]

The first run adds N_DEALS deals (default 50,000) with their stage history through the bulk path
(``executemany``); later runs reuse them.  Figures (median of several runs):

1. board first paint: a fresh service reads the open deals and the stages, the real Deals page shows
   them and paints (target ≤ 300 ms); and the same once the open deals were read in the background, as
   the app does after its window is up;
2. a stage move commit: ``DealService.move`` to the next stage, one transaction (target ≤ 50 ms);
   and its undo.

The floor is a plain scan of the deal table's ids in the same run: the figures are also given as a
multiple of it, since the machine is shared and absolute times are noisy.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from crm_desktop.db.bulk import insert_many
from crm_desktop.db.database import open_database
from crm_desktop.db.sync import new_id
from crm_desktop.db.types import ts_text
from crm_desktop.domain import deals as d
from crm_desktop.domain.hlc import Stamp
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.deals import DealService

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
OWNERS = ["王磊", "李娜", "陈静", "Alex Chen"]
TITLES = ["年度办公用品采购", "设备升级方案", "门店装修", "员工福利礼盒", "软件年费续约", "Annual supply contract"]
DEAL_COLUMNS = ("id", "created_stamp", "stamp", "customer_id", "title", "amount_minor", "currency", "stage", "owner",
                "source", "notes", "created_at", "stage_changed_at", "closed_at", "lost_reason")
CHANGE_COLUMNS = ("id", "created_stamp", "stamp", "deal_id", "at", "actor", "from_stage", "to_stage")


def build(db, n: int) -> None:
    """*n* deals on random live customers: 70 % open (spread over the open stages), the rest won or lost,
    each with its history of stage changes."""
    rng = random.Random(17)
    stamp = Stamp(int(NOW.timestamp() * 1000), 0, "bench000000000").encode()
    stages = [s.key for s in d.DEFAULT_STAGES if s.outcome == d.OPEN]
    with db.raw_connection() as conn:
        customers = [r[0] for r in conn.execute("SELECT id FROM customer WHERE deleted_stamp IS NULL")]
        deals, changes = [], []
        for _ in range(n):
            created = NOW - timedelta(days=rng.uniform(1, 400))
            closed = rng.random() < 0.3
            last = rng.randrange(len(stages))
            path = stages[:last + 1] + ([rng.choice(["won", "lost"])] if closed else [])
            at, prev, did = created, None, new_id()
            for stage in path:
                changes.append((new_id(), stamp, stamp, did, ts_text(at), rng.choice(OWNERS), prev, stage))
                prev = stage
                at = at + timedelta(days=rng.uniform(0.5, 12))
            stage_at = datetime.fromisoformat(changes[-1][4]).replace(tzinfo=UTC)
            deals.append((did, stamp, stamp, rng.choice(customers), rng.choice(TITLES),
                          rng.randrange(1, 500) * 100_00, "CNY", path[-1], rng.choice(OWNERS), "", "",
                          ts_text(created), ts_text(stage_at), ts_text(stage_at) if closed else None,
                          "price" if path[-1] == "lost" else None))
        conn.execute("BEGIN")
        insert_many(conn, "deal", DEAL_COLUMNS, deals)
        insert_many(conn, "deal_stage_change", CHANGE_COLUMNS, changes)
        conn.execute("COMMIT")
    db.clock.observe(stamp)


def ms(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    if len(sys.argv) < 2:
        print(__doc__)
        raise SystemExit(2)
    path = Path(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 50_000
    db = open_database(path, create=False)
    with db.raw_connection() as conn:
        have = conn.execute("SELECT count(*) FROM deal").fetchone()[0]
        customers = conn.execute("SELECT count(*) FROM customer").fetchone()[0]
    if have < n:
        t = time.perf_counter()
        build(db, n - have)
        print(f"added {n - have:,} deals with their history in {time.perf_counter() - t:.1f} s")
    ctx = ServiceContext(db, user="李娜", now=lambda: NOW)

    def floor() -> None:
        with db.raw_connection() as conn:
            conn.execute("SELECT id FROM deal").fetchall()

    base = ms(floor)
    print(f"book: {customers:,} customers, {max(have, n):,} deals; floor (scan of deal ids): {base:.1f} ms")

    from PySide6.QtWidgets import QApplication

    from crm_desktop.ui.deals.board import DealsPanel

    app = QApplication.instance() or QApplication([])
    reads, paints, totals = [], [], []
    shown = 0
    for _ in range(5):
        svc = DealService(ctx)  # cold: nothing cached
        panel = DealsPanel(lambda: NOW)
        panel.resize(1366, 700)
        t0 = time.perf_counter()
        settings, columns = svc.board()
        rates = svc.win_rates()  # read with the board, as the Deals page does
        t1 = time.perf_counter()
        panel.show_deals(settings, columns, rates)
        panel.show()
        panel.repaint()
        app.processEvents()
        t2 = time.perf_counter()
        reads.append((t1 - t0) * 1000)
        paints.append((t2 - t1) * 1000)
        totals.append((t2 - t0) * 1000)
        shown = sum(len(c) for c in columns.values())
        panel.close()
        panel.deleteLater()
        app.processEvents()
    total = statistics.median(totals)
    print(f"1. board first paint, cold: {total:.0f} ms (read {statistics.median(reads):.0f} ms + show and paint "
          f"{statistics.median(paints):.0f} ms; {shown:,} open deals) = {total / base:.1f}× floor  [target ≤ 300 ms]")
    warm = []
    for _ in range(5):
        svc = DealService(ctx)
        svc.open_deals()  # what the app reads in the background once the window is up
        svc.win_rates()
        panel = DealsPanel(lambda: NOW)
        panel.resize(1366, 700)
        t0 = time.perf_counter()
        panel.show_deals(*svc.board(), svc.win_rates())
        panel.show()
        panel.repaint()
        app.processEvents()
        warm.append((time.perf_counter() - t0) * 1000)
        panel.close()
        panel.deleteLater()
        app.processEvents()
    print(f"   board first paint after the start-up read: {statistics.median(warm):.0f} ms "
          f"= {statistics.median(warm) / base:.1f}× floor")

    svc = DealService(ctx)
    settings, columns = svc.board()
    rng = random.Random(3)
    movable = [r for key, rows in columns.items() if settings.next_open(key) for r in rows]
    moves, undos = [], []
    for row in rng.sample(movable, 15):
        nxt = settings.next_open(row.stage)
        assert nxt is not None
        t = time.perf_counter()
        moved = svc.move(row.id, nxt.key)
        moves.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        svc.undo_move(moved.undo)
        undos.append((time.perf_counter() - t) * 1000)
    move = statistics.median(moves)
    print(f"2. stage move commit: {move:.1f} ms = {move / base:.2f}× floor (max {max(moves):.1f} ms); "
          f"undo {statistics.median(undos):.1f} ms  [target ≤ 50 ms]")
    t = time.perf_counter()
    quiet = svc.quiet_deals()
    print(f"3. quiet deals (the call list's reason): {(time.perf_counter() - t) * 1000:.0f} ms, {len(quiet):,} found")
    db.close()


if __name__ == "__main__":
    main()
