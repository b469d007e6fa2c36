"""Benchmark of the call list on the 100k-customer demo book (a script, not a pytest test).

Make the book first (about a minute), then run:

    python -m crm_desktop demo --customers 100000 --db demo100k.sqlite --no-gui
    python tests/bench/bench_calllist.py demo100k.sqlite

The file is copied to a temporary folder and topped up with synthetic orders to
1,000,000 (the demo makes about 310,000), so the original stays untouched.
Prints: reading the orders, fit + score through the service, the first build
(fit + reasons + admission), a cached rebuild, the next start's first build (the
day's scores read back from the book instead of fitted), and the rebuild after one logged
contact (an interaction inserted and the customer's follow-ups marked done),
which must take at most 200 ms, and switching between one salesperson's list
and the team's (at most 200 ms).
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

from crm_desktop.db import calllist as q
from crm_desktop.db import timeline as tq
from crm_desktop.db.bulk import insert_many
from crm_desktop.db.database import open_database
from crm_desktop.db.models import Interaction
from crm_desktop.db.sync import insert_row, update_row
from crm_desktop.db.types import ts_text
from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.services.calllist import CallListService
from crm_desktop.services.context import ServiceContext

TARGET_ORDERS = 1_000_000


def top_up(path: str, now: datetime) -> int:
    """Add orders until the book has TARGET_ORDERS: copies of random existing orders moved by up to
    ±30 days (never past now), so each customer keeps their own active period and roughly their rhythm."""
    import sqlite3

    conn = sqlite3.connect(path)
    existing = conn.execute("SELECT customer_id, julianday(ordered_at) - 2440587.5, amount_minor "
                            "FROM sales_order").fetchall()
    n = len(existing)
    rng = random.Random(5)
    stamp = conn.execute("SELECT value FROM meta WHERE key='last_stamp'").fetchone()[0]
    now_days = now.timestamp() / 86400
    rows = []
    for _ in range(max(0, TARGET_ORDERS - n)):
        cid, day, amount = existing[rng.randrange(n)]
        at = datetime.fromtimestamp(min(now_days, day + rng.uniform(-30, 30)) * 86400, UTC)
        rows.append((f"{rng.getrandbits(128):032x}", stamp, stamp, cid, ts_text(at), amount, "CNY", "", ""))
    insert_many(conn, "sales_order", ("id", "created_stamp", "stamp", "customer_id", "ordered_at", "amount_minor",
                                      "currency", "description", "external_ref"), rows)
    conn.commit()
    total = conn.execute("SELECT COUNT(*) FROM sales_order").fetchone()[0]
    conn.close()
    return total


def main() -> int:
    if len(sys.argv) < 2 or not os.path.exists(sys.argv[1]):
        print(__doc__)
        return 2
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, "bench.sqlite")
    shutil.copy(sys.argv[1], path)
    now = datetime.now(UTC)
    t0 = time.perf_counter()
    total = top_up(path, now)
    print(f"book: {total:,} orders (top-up took {time.perf_counter() - t0:.1f} s)")
    db = open_database(path)
    ctx = ServiceContext(db, user="bench", now=lambda: now)
    svc = CallListService(ctx)
    try:
        with db.engine.connect() as conn:
            t0 = time.perf_counter()
            arrays = q.order_arrays(conn)
            t_read = time.perf_counter() - t0
        print(f"customers: {arrays.customer_ids.size:,}; read orders as arrays: {t_read * 1000:.0f} ms")
        t0 = time.perf_counter()
        scores, _ = svc.scores(now)
        t_fit = time.perf_counter() - t0
        print(f"fit + score through the service (read + score_book): {t_fit:.2f} s; model {scores.model} "
              f"{scores.fallback_reason}")
        t0 = time.perf_counter()
        entries = svc.build(now)
        print(f"first build (fit, reasons, admission): {time.perf_counter() - t0:.2f} s, {len(entries)} rows")
        t0 = time.perf_counter()
        svc.build(now)
        print(f"cached rebuild: {(time.perf_counter() - t0) * 1000:.0f} ms")
        t0 = time.perf_counter()
        CallListService(ctx).build(now)  # the next start: the day's scores are kept in the book
        t_kept = time.perf_counter() - t0
        print(f"next start's first build (scores kept in the book, no fit): {t_kept:.2f} s "
              f"(floor: the fit alone {t_fit:.2f} s, ratio {t_kept / t_fit:.2f})")

        times = []
        for _ in range(10):
            top = entries[0].customer_id
            with db.engine.begin() as conn:
                stamp = ctx.stamp()
                for fu in tq.open_followups(conn, customer_ids=[top]):
                    update_row(conn, Interaction, fu.id, {"next_done": True}, stamp)
                insert_row(conn, Interaction, {"customer_id": top, "occurred_at": now - timedelta(minutes=1),
                                               "summary": "bench call", "next_step": ""}, stamp)
            svc.touch([top])
            t0 = time.perf_counter()
            entries = svc.build(now)
            times.append(time.perf_counter() - t0)
            # the follow-ups are done and the customer rests: only an open complaint can keep them listed
            assert not any(r.kind == "followup" for e in entries if e.customer_id == top for r in e.reasons)
        print(f"rebuild after one logged contact: median {statistics.median(times) * 1000:.0f} ms, "
              f"max {max(times) * 1000:.0f} ms over {len(times)} contacts (limit 200 ms)")
        svc.invalidate(Changes.of(Kind.INTERACTION, customers=None))
        t0 = time.perf_counter()
        svc.build(now)
        print("rebuild after an unspecific change (all follow-ups re-read): "
              f"{(time.perf_counter() - t0) * 1000:.0f} ms")
        cid = entries[-1].customer_id
        t0 = time.perf_counter()
        svc.why_not(cid)
        print(f"why_not (on the list): {(time.perf_counter() - t0) * 1000:.0f} ms")
        # the switch above the list: one salesperson's customers, the team's, and back (limit 200 ms)
        people = svc.people()
        switches = []
        for whose in [people[0], None, people[-1], None, people[0]]:
            t0 = time.perf_counter()
            shown = svc.build(now, whose=whose)
            switches.append(time.perf_counter() - t0)
        print(f"switch mine/team/covering ({len(people)} people): median {statistics.median(switches) * 1000:.0f} ms, "
              f"max {max(switches) * 1000:.0f} ms over {len(switches)} switches, {len(shown)} rows (limit 200 ms)")
    finally:
        db.close()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
