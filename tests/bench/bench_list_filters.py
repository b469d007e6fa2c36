"""Benchmark of the customer list's filters, activity columns and saved views' counts on the 100k demo book
(a script, not a pytest test).

Make the book first (about 40 s), then run:

    python -m crm_desktop demo --customers 100000 --no-gui --db demo100k.sqlite
    python tests/bench/bench_list_filters.py demo100k.sqlite

The file is copied to a temporary folder, so the original stays untouched.  Prints medians, each against a
floor measured in the same run (the machine may be shared: the ratio says more than the milliseconds):

* a filter on today's scores (segment, decile, lifecycle; read from the in-memory scores), first time and
  again, target ≤ 150 ms; floor: the list's search with no filter;
* the filters that read the book (industry, relationship stage, not contacted for 30 days) and the two
  suggested views, as the Views menu counts them;
* sorting by last contact and by next due (the keys read fresh from the book at each search);
* a page of 200 list rows with their last contact and next step, target about a millisecond; floor: the
  same page's rows without them.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def _median_ms(fn: Callable[[], Any], runs: int = 5) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000, result


def main() -> int:
    if len(sys.argv) < 2 or not os.path.exists(sys.argv[1]):
        print(__doc__)
        return 2
    from sqlalchemy import bindparam, text

    from crm_desktop.db.activity import page_activity
    from crm_desktop.db.database import open_database
    from crm_desktop.domain.models import CustomerQuery
    from crm_desktop.domain.views import suggested_views
    from crm_desktop.services import Services
    from crm_desktop.services.context import ServiceContext
    from crm_desktop.services.insight import InsightService

    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, "bench.sqlite")
    shutil.copy(sys.argv[1], path)
    now = datetime.now(UTC)
    db = open_database(path)
    try:
        services = Services(ServiceContext(db, user="bench", now=lambda: now))
        customers = services.customers
        customers.warm_up()
        table = services.get(InsightService).score_table()
        customers.set_scores(table)
        floor, everyone = _median_ms(lambda: customers.search(CustomerQuery()))
        print(f"book: {len(everyone):,} customers, {len(table):,} scored; floor the unfiltered search "
              f"{floor:.0f} ms")

        score_filters = {
            "segment MVC": CustomerQuery(segments=frozenset({"MVC"})),
            "MVC + dormant/at risk": CustomerQuery(segments=frozenset({"MVC"}),
                                                   lifecycles=frozenset({"dormant", "at_risk"})),
            "deciles 1-2": CustomerQuery(deciles=frozenset({1, 2})),
            "lifecycle active, sorted by expected value": CustomerQuery(lifecycles=frozenset({"active"}),
                                                                        sort="expected_value", descending=True),
        }
        for name, query in score_filters.items():
            customers.set_scores(dict(table))  # new scores: nothing kept from an earlier filter
            t0 = time.perf_counter()
            ids = customers.search(query)
            first = (time.perf_counter() - t0) * 1000
            again, _ = _median_ms(lambda query=query: customers.search(query))
            print(f"score filter {name}: {len(ids):,} customers, first {first:.0f} ms, again {again:.0f} ms "
                  f"(target 150 ms); ratio to the floor {max(first, again) / floor:.1f}")

        industry = next(i for i in customers.industries())
        book_filters = {
            f"industry {industry}": CustomerQuery(industry=industry),
            "relationship stage commitment": CustomerQuery(relationship_stage="commitment"),
            "not contacted for 30 days": CustomerQuery(quiet_days=30),
            "MGC + not contacted for 30 days": CustomerQuery(segments=frozenset({"MGC"}), quiet_days=30),
            "sorted by last contact": CustomerQuery(sort="last_contact", descending=True),
            "sorted by next due": CustomerQuery(sort="next_due"),
        }
        for name, query in book_filters.items():
            t0 = time.perf_counter()
            ids = customers.search(query)
            first = (time.perf_counter() - t0) * 1000
            again, _ = _median_ms(lambda query=query: customers.search(query), 3)
            print(f"{name}: {len(ids):,} customers, first {first:.0f} ms (the book's last contacts read once), "
                  f"again {again:.0f} ms; ratio to the floor {again / floor:.1f}")
        quiet = CustomerQuery(segments=frozenset({"MGC"}), quiet_days=30)
        logged = []
        for cid in everyone[:5]:
            customers.invalidate(index=False, contacts_of=[cid])  # a contact logged and announced
            t0 = time.perf_counter()
            customers.search(quiet)
            logged.append(time.perf_counter() - t0)
        print(f"MGC + not contacted for 30 days after a logged contact (that customer's read again): median "
              f"{statistics.median(logged) * 1000:.0f} ms")

        views = suggested_views("")
        ms, counts = _median_ms(lambda: customers.counts([v.query for v in views]), 3)
        print(f"counting the two suggested views (on the worker, as the Views menu does): {counts} in {ms:.0f} ms")

        rng = random.Random(7)
        pages = [everyone[k:k + 200] for k in (rng.randrange(0, len(everyone) - 200) for _ in range(20))]
        for page in pages:  # every page read once first: both ways below then find them in the cache
            customers.rows(page)
        with_activity, bare, activity_only = [], [], []
        for page in pages:
            t0 = time.perf_counter()
            customers.rows(page)
            with_activity.append(time.perf_counter() - t0)
            with db.reading() as tx:
                t0 = time.perf_counter()
                tx.execute(text("SELECT id, kind, name, company, phone, email, owner, industry, do_not_contact, "
                                "updated_at FROM customer WHERE id IN :ids AND deleted_stamp IS NULL")
                           .bindparams(bindparam("ids", expanding=True)), {"ids": page}).all()
                bare.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                page_activity(tx, page)
                activity_only.append(time.perf_counter() - t0)
        import crm_desktop.db.customers as dbc

        without = []
        real = dbc.page_activity
        dbc.page_activity = lambda _tx, _ids: {}  # type: ignore[assignment]
        try:
            for page in pages:
                t0 = time.perf_counter()
                customers.rows(page)
                without.append(time.perf_counter() - t0)
        finally:
            dbc.page_activity = real
        print(f"a page of 200 rows as before (no last contact or next step): median "
              f"{statistics.median(without) * 1000:.2f} ms")
        ms = statistics.median(with_activity) * 1000
        print(f"a page of 200 rows with last contact and next step: median {ms:.2f} ms (target about 1 ms); "
              f"of it the activity reads {statistics.median(activity_only) * 1000:.2f} ms; "
              f"floor the page's bare customer rows {statistics.median(bare) * 1000:.2f} ms")
    finally:
        db.close()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
