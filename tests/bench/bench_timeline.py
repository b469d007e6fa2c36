"""Benchmarks of the timeline feature (prints figures; not collected by pytest).

1. First page of a 10,000-entry timeline (target ≤ 100 ms), and a deep page.
2. Logging a contact (commit) on a 100k-customer demo database (target ≤ 50 ms).
3. Importing 100,000 orders from CSV: read + check + write (target ≤ 15 s).
4. Listing follow-ups and the badge count on the demo database.

Usage: python tests/bench/bench_timeline.py [DEMO_DB]
DEMO_DB is a demo file made with ``crm-desktop demo --customers 100000 --db FILE --no-gui``;
without it, step 2 and 4 run on a 100k-customer book generated here (about a minute).
"""

from __future__ import annotations

import csv
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from crm_desktop.db.bulk import insert_many
from crm_desktop.db.database import open_database
from crm_desktop.db.types import ts_text
from crm_desktop.domain.models import CustomerInput
from crm_desktop.services import Services
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.followups import FollowUpService
from crm_desktop.services.imports import OrdersImporter
from crm_desktop.services.timeline import ContactLogInput, TimelineService


def _ms(fn, repeat: int = 20) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times)


def bench_timeline_page(folder: Path) -> None:
    db = open_database(folder / "timeline.sqlite")
    now = datetime(2026, 11, 23, tzinfo=UTC)
    services = Services(ServiceContext(db, user="bench", now=lambda: now))
    cid = services.customers.create(CustomerInput(name="大客户")).id
    for i in range(200):  # other customers in the same tables
        services.customers.create(CustomerInput(name=f"客户{i}"))
    rng = random.Random(1)
    stamp = services.ctx.stamp()
    inter, orders = [], []
    for i in range(10_000):
        at = ts_text(now - timedelta(minutes=rng.randrange(0, 3 * 365 * 24 * 60)))
        if i % 3 == 0:
            orders.append((f"{rng.getrandbits(128):032x}", stamp, stamp, cid, at, rng.randrange(100, 10**6), "CNY",
                           "x", ""))
        else:
            inter.append((f"{rng.getrandbits(128):032x}", stamp, stamp, cid, "bench", "phone", "out", at, "通话",
                          "reached", "", None, 0))
    with db.raw_connection() as raw:
        insert_many(raw, "interaction", ("id", "created_stamp", "stamp", "customer_id", "owner", "channel", "direction",
                                         "occurred_at", "summary", "outcome", "next_step", "next_due_at", "next_done"),
                    inter)
        insert_many(raw, "sales_order", ("id", "created_stamp", "stamp", "customer_id", "ordered_at", "amount_minor",
                                         "currency", "description", "external_ref"), orders)
        raw.execute("ANALYZE")
    tl = services.get(TimelineService)
    med, worst = _ms(lambda: tl.page(cid))
    print(f"timeline first page (100 of 10,000 entries): median {med:.1f} ms, max {worst:.1f} ms  (target ≤ 100 ms)")
    cursor = None
    for _ in range(50):
        cursor = tl.page(cid, cursor=cursor).cursor
    med, worst = _ms(lambda: tl.page(cid, cursor=cursor))
    print(f"timeline page 51 (keyset):                  median {med:.1f} ms, max {worst:.1f} ms")
    med, _w = _ms(lambda: tl.page(cid, kinds={"order"}))
    print(f"timeline first page, orders only:           median {med:.1f} ms")
    db.close()


def bench_demo(demo: Path | None, folder: Path) -> Path:
    if demo is None:
        from crm_desktop.services.demo import generate_demo

        path = folder / "demo.sqlite"
        db = open_database(path)
        t = time.perf_counter()
        generate_demo(db, customers=100_000, now=datetime.now(UTC).replace(microsecond=0))
        print(f"(generated the 100k demo in {time.perf_counter() - t:.0f} s)")
        db.close()
    else:
        path = folder / "demo.sqlite"
        shutil.copyfile(demo, path)
    db = open_database(path)
    services = Services(ServiceContext(db, user="李娜"))
    with db.engine.connect() as c:
        from sqlalchemy import text

        ids = [r[0] for r in c.execute(text("SELECT id FROM customer ORDER BY random() LIMIT 50"))]
        n_inter = c.execute(text("SELECT count(*) FROM interaction")).scalar()
    print(f"demo database: 100k customers, {n_inter:,} interactions")
    tl = services.get(TimelineService)
    it = iter(ids * 2)

    def log() -> None:
        cid = next(it)
        tl.log_contact(ContactLogInput(cid, summary="回访", outcome="reached", next_step="发送报价单",
                                       next_due_at=datetime.now(UTC) + timedelta(days=2)))

    med, worst = _ms(log, repeat=50)
    print(f"log a contact (validate + insert + commit): median {med:.1f} ms, max {worst:.1f} ms  (target ≤ 50 ms)")
    med, worst = _ms(lambda: tl.header(ids[0]))
    print(f"card header (last contact + next step):     median {med:.1f} ms, max {worst:.1f} ms")
    med, worst = _ms(lambda: tl.page(ids[1]))
    print(f"timeline first page of a demo customer:     median {med:.1f} ms, max {worst:.1f} ms")
    fu = services.get(FollowUpService)
    n = len(fu.upcoming(None))
    med, worst = _ms(lambda: fu.upcoming(None), repeat=5)
    print(f"follow-ups page, everyone ({n:,} items):     median {med:.0f} ms, max {worst:.0f} ms")
    med, worst = _ms(lambda: fu.upcoming("李娜"), repeat=5)
    print(f"follow-ups page, one owner:                 median {med:.0f} ms, max {worst:.0f} ms")
    team, _w = _ms(lambda: fu.count_due(None), repeat=5)
    med, worst = _ms(lambda: fu.count_due(" 李娜 "), repeat=5)  # "mine" by the normalised name
    print(f"due-now count (badge), one person:          median {med:.1f} ms, max {worst:.1f} ms  "
          f"({med / max(team, 0.01):.1f}× the whole team's count, measured in this run)")
    med, worst = _ms(lambda: fu.due_now("李娜"), repeat=5)
    print(f"reminder check, first of the day:           median {med:.0f} ms, max {worst:.0f} ms")
    since = datetime.now(UTC) - timedelta(minutes=2)
    med, worst = _ms(lambda: fu.due_now("李娜", since=since, occasions=False))
    print(f"reminder check, every minute:               median {med:.1f} ms, max {worst:.1f} ms")
    db.close()
    return path


def bench_import(folder: Path, demo_path: Path) -> None:
    db = open_database(demo_path)
    ctx = ServiceContext(db, user="bench")
    with db.raw_connection() as raw:
        # references that name one customer: external ids, else phones the demo did not give twice
        refs = [r[0] or r[1] for r in raw.execute(
            "SELECT external_id, phone FROM customer WHERE deleted_stamp IS NULL AND phone IN "
            "(SELECT phone FROM customer GROUP BY phone HAVING count(*) = 1) LIMIT 30000")]
    rng = random.Random(2)
    csv_path = folder / "orders.csv"
    with open(csv_path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["客户", "日期", "金额", "币种", "商品"])
        for _ in range(100_000):
            d = datetime(2025, 1, 1) + timedelta(minutes=rng.randrange(0, 600_000))
            ref = rng.choice(refs)
            if ref.startswith("+86"):
                ref = ref[3:]
            w.writerow([ref, d.strftime("%Y-%m-%d %H:%M"), f"{rng.randrange(100, 10**7) / 100:.2f}", "CNY", "办公耗材"])
    importer = OrdersImporter(ctx)
    t0 = time.perf_counter()
    plan = importer.prepare_file(csv_path)
    t1 = time.perf_counter()
    assert plan.ok, plan.issues[:3]
    result = importer.run(plan)
    t2 = time.perf_counter()
    print(f"import 100,000 orders into the demo db: read+check {t1 - t0:.2f} s, write {t2 - t1:.2f} s, "
          f"total {t2 - t0:.2f} s  (target ≤ 15 s; {result.orders:,} orders)")
    t = time.perf_counter()
    importer.undo(result.batch_id)
    print(f"undo that import: {time.perf_counter() - t:.2f} s")
    db.close()


def main() -> None:
    demo = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bench_timeline_page(folder)
        demo_path = bench_demo(demo, folder)
        bench_import(folder, demo_path)


if __name__ == "__main__":
    main()
