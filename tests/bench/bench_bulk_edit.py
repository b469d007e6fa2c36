"""Benchmark of bulk edits on the 100k-customer demo book (a script, not a pytest test).

Make the book first (about 40 s), then run:

    python -m crm_desktop demo --customers 100000 --db demo100k.sqlite --no-gui
    python tests/bench/bench_bulk_edit.py demo100k.sqlite

The file is copied to a temporary folder, so the original stays untouched.
Prints, for 10,000 random customers: the preview, reassigning their owner
(with their open follow-ups and complaints) through the service, its undo, and
adding a tag; and the floor: a bare ``UPDATE customer SET owner`` of the same
rows by id in the same run.  Target: the reassignment in at most 2 s.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

from crm_desktop.db.database import open_database
from crm_desktop.db.ids import chunks, marks
from crm_desktop.services.bulk_edit import BulkEdit, BulkEditService, EditKind
from crm_desktop.services.context import ServiceContext

N = 10_000
TARGET_S = 2.0


def main(source: str) -> None:
    folder = tempfile.mkdtemp(prefix="bench-bulk-")
    path = os.path.join(folder, "book.sqlite")
    shutil.copy(source, path)
    db = open_database(path, create=False)
    try:
        svc = BulkEditService(ServiceContext(db, user="王磊"))
        with db.raw_connection() as conn:
            every = [r[0] for r in conn.execute("SELECT id FROM customer WHERE deleted_stamp IS NULL")]
        ids = random.Random(3).sample(every, N)
        print(f"{len(every):,} customers; editing {N:,} of them")

        t = time.perf_counter()
        edit = BulkEdit(EditKind.OWNER, "接手人", followups=True, complaints=True)
        p = svc.preview(ids, edit)
        preview_s = time.perf_counter() - t
        print(f"preview                        {preview_s * 1000:7.0f} ms  ({p.changing:,} change, "
              f"{p.already:,} already, {p.followups:,} follow-ups, {p.complaints:,} complaints)")

        reported = []
        t = time.perf_counter()
        record = svc.apply(ids, edit, lambda done, total: reported.append(done))
        apply_s = time.perf_counter() - t
        print(f"reassign owner (+ open work)   {apply_s * 1000:7.0f} ms  ({record.changed:,} customers, "
              f"{record.moved_followups:,} follow-ups, {record.moved_complaints:,} complaints, "
              f"{len(reported)} progress reports)")

        t = time.perf_counter()
        svc.undo(record)
        undo_s = time.perf_counter() - t
        print(f"undo                           {undo_s * 1000:7.0f} ms")

        t = time.perf_counter()
        tagged = svc.apply(ids, BulkEdit(EditKind.ADD_TAG, "基准测试"))
        tag_s = time.perf_counter() - t
        print(f"add a tag                      {tag_s * 1000:7.0f} ms  ({tagged.changed:,} customers)")

        t = time.perf_counter()
        with db.raw_connection() as conn:
            for part in chunks(ids):
                conn.execute(f"UPDATE customer SET owner = ? WHERE id IN ({marks(part)})", ["地板", *part])
        floor_s = time.perf_counter() - t
        print(f"floor: bare UPDATE of owner    {floor_s * 1000:7.0f} ms")
        print(f"reassign / floor: {apply_s / floor_s:.1f}x; target ≤ {TARGET_S:.0f} s: "
              f"{'met' if apply_s <= TARGET_S else 'MISSED'}")
    finally:
        db.close()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
