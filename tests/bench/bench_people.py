"""Migrations 0006 (owner names → the team's people) and 0008 (owners stored as person ids) on a big book
made by an earlier version.

Run: ``python tests/bench/bench_people.py --db BOOK`` where BOOK is at revision 5 (a demo made before
persons) or 7 (before owners were ids); the book is copied to a temporary folder first and never changed.
Prints the time of the migration alone (without the copy the app takes before migrating) and, as a floor
measured in the same run, one full scan of the largest owner table.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True, type=Path)
    args = parser.parse_args()
    from crm_desktop.db.database import make_engine
    from crm_desktop.db.migrate import run_migrations

    with tempfile.TemporaryDirectory(prefix="crm-bench-people-") as folder:
        path = Path(folder) / "book.sqlite"
        shutil.copyfile(args.db, path)
        conn = sqlite3.connect(path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("customer", "interaction", "complaint")}
        t = time.perf_counter()
        conn.execute("SELECT owner, count(*) FROM interaction GROUP BY owner").fetchall()
        floor = time.perf_counter() - t
        conn.close()
        print(f"book at revision {version}: {counts}")
        engine = make_engine(f"sqlite:///{path}")
        t = time.perf_counter()
        run_migrations(engine)
        took = time.perf_counter() - t
        engine.dispose()
        conn = sqlite3.connect(path)
        people = conn.execute("SELECT count(*) FROM person").fetchone()[0]
        conn.close()
        print(f"migration to head: {took:.2f} s, {people} people "
              f"(floor: one grouped scan of the logged contacts {floor:.2f} s, ratio {took / floor:.1f})")


if __name__ == "__main__":
    main()
