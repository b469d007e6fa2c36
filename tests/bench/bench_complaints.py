"""Benchmark of the Complaints page on 50,000 complaints (prints figures; not collected by pytest).

1. Loading the book into the service (one scan + sort, on the worker in the app).
2. ComplaintService.query per filter (the Python pass).
3. Filter change in the real panel: from setting a combo box to the table showing
   the new rows (worker round trip + model reset + view update).  Target ≤ 100 ms.
4. Status-bar counts (SQL) and team figures.

Usage: python tests/bench/bench_complaints.py [N_COMPLAINTS]
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from crm_desktop.db.bulk import insert_many
from crm_desktop.db.database import open_database
from crm_desktop.db.sync import new_id
from crm_desktop.db.types import ts_text
from crm_desktop.domain import complaints as d
from crm_desktop.domain.complaints import ComplaintFilter, ComplaintSettings
from crm_desktop.domain.hlc import Stamp
from crm_desktop.services.complaints import ComplaintService
from crm_desktop.services.context import ServiceContext

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
OWNERS = ["王磊", "李娜", "陈静", "Alex Chen"]


def build(db, n: int, customers: int) -> None:
    """*customers* customers and *n* complaints over the last two years, written with executemany."""
    rng = random.Random(5)
    stamp = Stamp(int(NOW.timestamp() * 1000), 0, "bench000000000").encode()
    st = ComplaintSettings()
    cust = [(new_id(), stamp, stamp, "person", f"客户{i}", f"kehu{i}", "", "", "", "", "", "", 0, 0, "", "", "", "",
             ts_text(NOW), ts_text(NOW)) for i in range(customers)]
    rows = []
    for _ in range(n):
        opened = NOW - timedelta(hours=rng.uniform(0, 2 * 365 * 24))
        sev = rng.choice(d.SEVERITIES)
        status = rng.choices(d.STATUSES, weights=(1, 1, 2, 3, 8))[0]
        first = opened + timedelta(hours=rng.uniform(0.2, 2) * st.response_hours[sev]) if status != "new" else None
        resolved = (opened + timedelta(hours=rng.uniform(0.3, 2) * st.resolve_hours[sev])
                    if status in ("resolved", "closed") else None)
        rows.append((new_id(), stamp, stamp, rng.choice(cust)[0], ts_text(opened), "phone",
                     rng.choice(d.DEFAULT_CATEGORIES), sev, status, rng.choice(OWNERS), "货物破损，要求补发",
                     ts_text(d.response_due(opened, sev, st)), ts_text(d.resolve_due(opened, sev, st)),
                     ts_text(first) if first else None, ts_text(resolved) if resolved else None,
                     ts_text(resolved) if status == "closed" else None, "已补发" if resolved else "",
                     rng.randint(1, 5) if status == "closed" else None))
    with db.raw_connection() as conn:
        insert_many(conn, "customer", ("id", "created_stamp", "stamp", "kind", "name", "name_pinyin", "name_initials",
                                       "company", "phone", "email", "address", "industry", "consent_marketing",
                                       "do_not_contact", "owner", "needs", "notes", "external_id", "created_at",
                                       "updated_at"), cust)
        insert_many(conn, "complaint", ("id", "created_stamp", "stamp", "customer_id", "opened_at", "channel",
                                        "category", "severity", "status", "owner", "description", "response_due_at",
                                        "resolve_due_at", "first_response_at", "resolved_at", "closed_at",
                                        "resolution", "satisfaction"), rows)
    db.clock.observe(stamp)


def ms(fn, repeat: int = 10) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.sqlite")
        t = time.perf_counter()
        build(db, n, customers=max(1, n // 5))
        print(f"built {n:,} complaints in {time.perf_counter() - t:.1f} s")
        ctx = ServiceContext(db, user="李娜", now=lambda: NOW)
        svc = ComplaintService(ctx)

        t = time.perf_counter()
        svc.all_rows()
        print(f"1. load the book into the service: {(time.perf_counter() - t) * 1000:.0f} ms (once per write)")

        filters = {
            "open (default)": ComplaintFilter(),
            "all statuses": ComplaintFilter(status="all"),
            "overdue": ComplaintFilter(due="overdue"),
            "owner + category": ComplaintFilter(status="all", owner="李娜", category="billing"),
            "last 30 days": ComplaintFilter(status="all", opened_after=NOW - timedelta(days=30)),
            "text 客户12": ComplaintFilter(status="all", text="客户12"),
        }
        print("2. service query (median of 10):")
        for name, f in filters.items():
            count = len(svc.query(f, NOW))
            print(f"   {name:<18} {ms(lambda f=f: svc.query(f, NOW)):6.1f} ms  ({count:,} rows)")

        print(f"4. status-bar counts (SQL): {ms(lambda: svc.counts(NOW)):.1f} ms; "
              f"figures: {ms(lambda: svc.figures(NOW), 3):.0f} ms")

        from PySide6.QtCore import QEventLoop, QTimer
        from PySide6.QtWidgets import QApplication

        from crm_desktop.ui.complaints.panel import ComplaintsPanel
        from crm_desktop.ui.shell.tasks import TaskRunner

        app = QApplication.instance() or QApplication([])
        runner = TaskRunner()
        panel = ComplaintsPanel(svc, runner, lambda: NOW, lambda: "李娜")
        panel.resize(1200, 700)
        panel.show()
        panel.set_choices(OWNERS, list(d.DEFAULT_CATEGORIES))

        def wait_loaded() -> None:
            # sleep in an event loop (as the app does) until the rows arrive, then let the view repaint
            if panel.loading or runner.pending:
                loop = QEventLoop()
                panel.loaded.connect(loop.quit)
                QTimer.singleShot(30_000, loop.quit)
                loop.exec()
                panel.loaded.disconnect(loop.quit)
            app.processEvents()

        panel.refresh()
        wait_loaded()
        changes = [
            (panel.status_box, "all"), (panel.due_box, "overdue"), (panel.due_box, "any"),
            (panel.owner_box, "李娜"), (panel.category_box, "billing"), (panel.category_box, None),
            (panel.owner_box, None), (panel.severity_box, "critical"), (panel.severity_box, None),
            (panel.status_box, "open"), (panel.status_box, "all"), (panel.period_box, 30), (panel.period_box, None),
        ]
        times = []
        for box, value in changes * 2:
            t = time.perf_counter()
            box.setCurrentIndex(box.findData(value))
            wait_loaded()
            times.append((time.perf_counter() - t) * 1000)
        print(f"3. panel filter change → table shown ({len(times)} changes, {n:,} complaints): "
              f"median {statistics.median(times):.1f} ms, max {max(times):.1f} ms (target ≤ 100 ms)")
        t = time.perf_counter()
        panel.model.sort(panel.model.column_of("customer"))
        app.processEvents()
        print(f"   sort {panel.model.rowCount():,} shown rows by customer: {(time.perf_counter() - t) * 1000:.1f} ms")
        runner.shutdown()
        db.close()


if __name__ == "__main__":
    main()
