"""Demo generator benchmark: time and memory for a demo book, against a floor measured in the same run.

Run: ``python tests/bench/bench_demo.py [--customers 100000] [--language zh_CN|en]``.
The floor is writing the same number of rows with bare ``executemany`` of
constant tuples into the same schema: what inserting alone costs on this
machine now, so the ratio says how much the generation itself adds.  A
later issue wants 1,000,000 customers / 10,000,000 interactions within
10 minutes: the printed projection is linear in customers (optimistic:
B-tree inserts slow down as the file grows).
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path


def floor(path: Path, counts: dict[str, int]) -> float:
    """Seconds to insert as many rows as the demo wrote (random ids, no generation work)."""
    from crm_desktop.db.database import open_database

    db = open_database(path)
    db.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("PRAGMA cache_size=-400000")
    t = time.perf_counter()
    stamp = "1790000000000-00000-demo00000000001"
    customers = [(os.urandom(16).hex(), stamp, stamp, "person", "x", "x", "x", "", "", "", "", "", "", 0, 0, "",
                  "", "", "", "2026-01-01 09:00:00.000000", "2026-01-01 09:00:00.000000")
                 for _ in range(counts["customer"])]
    conn.executemany("INSERT INTO customer (id, created_stamp, stamp, kind, name, name_pinyin, name_initials, "
                     "company, phone, email, wechat, address, industry, consent_marketing, do_not_contact, owner, "
                     "needs, notes, external_id, created_at, updated_at) VALUES "
                     "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", customers)
    ids = [c[0] for c in customers]
    n = len(ids)
    conn.executemany("INSERT INTO interaction (id, created_stamp, stamp, customer_id, owner, channel, direction, "
                     "occurred_at, summary, next_step, next_done) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                     ((os.urandom(16).hex(), stamp, stamp, ids[i % n], "x", "phone", "out",
                       "2026-01-01 09:00:00.000000", "x", "", 1) for i in range(counts["interaction"])))
    conn.commit()
    conn.close()
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--language", default="zh_CN", choices=["zh_CN", "en"])
    args = parser.parse_args()
    from crm_desktop.db.database import open_database
    from crm_desktop.services.demo import generate_demo

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.sqlite"
        db = open_database(path)
        t = time.perf_counter()
        counts = generate_demo(db, customers=args.customers, seed=1, language=args.language,
                               now=datetime(2026, 11, 23, tzinfo=UTC))
        db.close()
        took = time.perf_counter() - t
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        size = path.stat().st_size / 1e6
        base = floor(Path(tmp) / "floor.sqlite", counts)
    rows = sum(counts.values())
    print(f"demo {args.language}: {counts}")
    print(f"  {took:.1f} s ({rows / took:,.0f} rows/s), file {size:.0f} MB, peak RSS {rss:.0f} MB")
    print(f"  floor (bare inserts of the customers and interactions): {base:.1f} s; ratio {took / base:.2f}")
    print(f"  projected for 1,000,000 customers: {took * 1_000_000 / args.customers / 60:.1f} min   target <= 10 min")


if __name__ == "__main__":
    sys.exit(main())
