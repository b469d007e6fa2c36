"""Benchmark of the live duplicate hints (防撞单) on the 100k-customer demo book (a script, not a pytest test).

Make the book first (about 40 s), then run:

    python -m crm_desktop demo --customers 100000 --db demo100k.sqlite --no-gui
    python tests/bench/bench_duplicate_hints.py demo100k.sqlite

For 200 random existing customers, one lookup per key as the new-customer
dialog makes it after a keystroke: the phone, the e-mail, the name (its sound),
the company, and all four at once; and, as each one's last keystrokes, the
name typed character by character.  Prints the median, 95th percentile and
worst per key; the target is 50 ms per keystroke.  Floor: one primary-key
read of a customer in the same run.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

from crm_desktop.db.database import open_database
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.customers import CustomerService
from crm_desktop.services.duplicate_hints import DuplicateHintService
from crm_desktop.services.validation import format_phone

SAMPLES = 200
TARGET_MS = 50.0


def _report(label: str, times: list[float], found: str = "") -> float:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[int(len(ms) * 0.95) - 1]
    extra = f"  (hints for {found} that have it)" if found else ""
    print(f"{label:<22} median {statistics.median(ms):6.2f} ms  p95 {p95:6.2f} ms  worst {ms[-1]:6.2f} ms{extra}")
    return p95


def main(path: str) -> None:
    db = open_database(path, create=False)
    try:
        ctx = ServiceContext(db, user="王磊")
        svc = DuplicateHintService(ctx)
        customers = CustomerService(ctx)
        with db.raw_connection() as conn:
            rows = conn.execute("SELECT id, name, phone, company, email FROM customer "
                                "WHERE deleted_stamp IS NULL").fetchall()
        sample = random.Random(11).sample(rows, SAMPLES)
        print(f"{len(rows):,} customers; {SAMPLES} lookups per key")
        worst = 0.0
        keys = {"phone": lambda r: {"phone": format_phone(r[2])}, "e-mail": lambda r: {"email": r[4]},
                "name": lambda r: {"name": r[1]}, "company": lambda r: {"company": r[3]},
                "all four": lambda r: {"name": r[1], "phone": format_phone(r[2]), "company": r[3], "email": r[4]}}
        for label, typed in keys.items():
            times, found, having = [], 0, 0
            for r in sample:
                t = time.perf_counter()
                result = svc.hints(**typed(r))
                times.append(time.perf_counter() - t)
                if all(typed(r).values()):
                    having += 1
                    found += bool(result.hints)
            worst = max(worst, _report(label, times, f"{found}/{having}"))
        times = []
        for r in sample:
            for n in range(1, len(r[1]) + 1):
                t = time.perf_counter()
                svc.hints(name=r[1][:n], phone=format_phone(r[2]), company=r[3])
                times.append(time.perf_counter() - t)
        worst = max(worst, _report("name, key by key", times))
        times = []
        for r in sample:
            t = time.perf_counter()
            customers.get(r[0])
            times.append(time.perf_counter() - t)
        floor = statistics.median(times) * 1000
        print(f"floor: one customer read  median {floor:6.2f} ms")
        print(f"worst p95 {worst:.2f} ms = {worst / floor:.1f}x the floor; target ≤ {TARGET_MS:.0f} ms per keystroke: "
              f"{'met' if worst <= TARGET_MS else 'MISSED'}")
    finally:
        db.close()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
