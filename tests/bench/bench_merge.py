"""Benchmark of backup, restore and merge on the demo book (a script, not a pytest module).

Run:  python tests/bench/bench_merge.py --db DEMO.sqlite
(make DEMO.sqlite with ``python -m crm_desktop demo --customers 100000 --db DEMO.sqlite --no-gui``).

Copies the demo twice, makes 10,000 edits on each copy (customers and
interactions, some on the same rows: conflicts), then times each step in its
own process and prints its peak resident memory: backup, preview + merge,
restore (onto the book it came from: only what differs is checked) and a
restore into a new book (every record checked), and the backup size against
the database size.  Each step also prints its ratio to a floor measured in
the same run (reading the database file once, sequentially), since the
machine's other load moves the seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

PASS = "bench passphrase with some words"


def _edit(path: Path, site: str, seed: int, edits: int) -> None:
    import sqlite3

    rnd = random.Random(seed)
    conn = sqlite3.connect(path)
    wall = int(time.time() * 1000) + seed
    cust = [r[0] for r in conn.execute("SELECT id FROM customer ORDER BY id LIMIT 20000")]
    inter = [r[0] for r in conn.execute("SELECT id FROM interaction ORDER BY id LIMIT 200000")]
    rows_c, rows_i = [], []
    for i in range(edits):
        stamp = f"{wall:013d}-{i:05d}-{site}"
        if i % 2:
            rows_c.append((f"{site} note {i}", json.dumps({"notes": stamp}), stamp, rnd.choice(cust)))
        else:
            rows_i.append((f"{site} summary {i}", json.dumps({"summary": stamp}), stamp, rnd.choice(inter)))
    conn.executemany("UPDATE customer SET notes = ?, field_stamps = ?, stamp = ? WHERE id = ?", rows_c)
    conn.executemany("UPDATE interaction SET summary = ?, field_stamps = ?, stamp = ? WHERE id = ?", rows_i)
    # the app keeps the search text of an edited customer current; do the same here
    from crm_desktop.db.search import reindex_customers

    reindex_customers(conn, [r[3] for r in rows_c])
    conn.execute("INSERT INTO meta(key, value) VALUES ('last_stamp', ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                 (f"{wall:013d}-{edits:05d}-{site}",))
    conn.commit()
    conn.close()


def step(args) -> None:
    from crm_desktop.db.database import open_database
    from crm_desktop.services.backup import BackupService
    from crm_desktop.services.context import ServiceContext

    db = open_database(args.db)
    svc = BackupService(ServiceContext(db))
    t = time.perf_counter()
    extra = {}
    if args.step == "backup":
        r = svc.backup(args.file, PASS)
        extra = {"file": r.size, "database": Path(args.db).stat().st_size}
    elif args.step == "merge":
        preview = svc.merge_preview(args.file, PASS)
        extra["preview_s"] = round(time.perf_counter() - t, 2)
        c = preview.counts
        extra["changed"] = {k: v.changed for k, v in c.items() if v.total}
        extra["conflicts"] = preview.conflict_count
        svc.merge_apply(preview)
    elif args.step in ("restore", "restore-new"):
        incoming = svc.open_incoming(args.file, PASS)
        extra["decrypt_s"] = round(time.perf_counter() - t, 2)
        undo = svc.restore(args.file, PASS, incoming=incoming)
        extra["undo_kept"] = str(undo.name)
    elapsed = time.perf_counter() - t
    db.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.floor:
        extra["x_floor"] = round(elapsed / args.floor, 1)
    print(json.dumps({"step": args.step, "seconds": round(elapsed, 2), "peak_rss_mb": round(rss), **extra},
                     ensure_ascii=False), flush=True)


def floor_seconds(path: Path) -> float:
    """Reading *path* once, sequentially (hashing it so nothing is skipped): the floor the steps compare to."""
    import hashlib

    t = time.perf_counter()
    h = hashlib.blake2b()
    with open(path, "rb") as f:
        while chunk := f.read(8 * 1024 * 1024):
            h.update(chunk)
    return time.perf_counter() - t


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--db", required=True)
    p.add_argument("--edits", type=int, default=10_000)
    p.add_argument("--step")
    p.add_argument("--file")
    p.add_argument("--floor", type=float, default=0.0)
    args = p.parse_args()
    if args.step:
        step(args)
        return
    os.environ.setdefault("CRM_PASSPHRASE", PASS)
    work = Path(tempfile.mkdtemp(prefix="bench-merge-"))
    a, b = work / "a" / "crm.sqlite", work / "b" / "crm.sqlite"
    for target in (a, b):
        target.parent.mkdir()
        shutil.copyfile(args.db, target)
    _edit(a, "aaaaaaaaaaaaaaaa", 1, args.edits)
    _edit(b, "bbbbbbbbbbbbbbbb", 2, args.edits)
    me = [sys.executable, __file__]
    floor = floor_seconds(a)
    print(json.dumps({"step": "floor (read the book once)", "seconds": round(floor, 2)}), flush=True)
    run = lambda *xs: subprocess.run([*me, *xs, "--floor", str(floor)], check=True)  # noqa: E731
    run("--db", str(b), "--step", "backup", "--file", str(work / "b.crmbak"))
    run("--db", str(a), "--step", "merge", "--file", str(work / "b.crmbak"))
    run("--db", str(a), "--step", "restore", "--file", str(work / "b.crmbak"))
    (work / "c").mkdir()
    run("--db", str(work / "c" / "crm.sqlite"), "--step", "restore-new", "--file", str(work / "b.crmbak"))
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
