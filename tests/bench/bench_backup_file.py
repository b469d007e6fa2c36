"""Benchmark of the backup file: snapshot (crm_desktop.db.snapshot), seal/unseal (crm_desktop.exchange.backup_file).

(A script, not a pytest module.)

Run:  python tests/bench/bench_backup_file.py [--activities 1000000] [--customers 100000]

Builds a synthetic CRM-like SQLite file (customers + activities with notes, in
WAL mode, with the app's application_id/user_version), then prints the time of
each step, the backup size against the database size, and the peak RSS.
"""

from __future__ import annotations

import argparse
import random
import resource
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from crm_desktop.db.snapshot import snapshot_database
from crm_desktop.exchange import backup_file as bf
from crm_desktop.exchange.backup_file.seal import workers
from crm_desktop.services.backup import check_image

FIRST = "Anna Bernd Chen Dara Emil Fatima Goran Hana Ivo Jana Kai Lena Mehmet Nora Olaf Petra".split()
LAST = "Schmidt Müller Nguyen Kowalski Rossi García Smith Jensen Novak Yilmaz Wang Dubois".split()
CITIES = "Berlin Hamburg Wien Zürich München Köln Leipzig Graz Basel Bremen".split()
WORDS = (
    "call back offer sent meeting next week price discount interested not now follow up contract "
    "renewal demo scheduled asked about delivery invoice paid pending quote"
).split()


def build_database(path: Path, customers: int, activities: int) -> None:
    rnd = random.Random(1)

    def text(k: int) -> str:
        return " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(k // 2, k)))

    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {bf.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 7")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(
        "CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT, email TEXT, phone TEXT,"
        " city TEXT, notes TEXT, created TEXT, score REAL)"
    )
    conn.execute("CREATE TABLE activity (id INTEGER PRIMARY KEY, customer_id INT, kind TEXT, body TEXT, at TEXT)")
    conn.executemany(
        "INSERT INTO customer VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                i, f"{rnd.choice(FIRST)} {rnd.choice(LAST)}", f"user{i}@example{rnd.randint(1, 500)}.com",
                f"+49 30 {rnd.randint(1000000, 9999999)}", rnd.choice(CITIES), text(30),
                f"2024-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}", rnd.random(),
            )
            for i in range(customers)
        ),
    )
    conn.executemany(
        "INSERT INTO activity VALUES (?, ?, ?, ?, ?)",
        (
            (
                i, rnd.randint(0, customers), rnd.choice(["call", "mail", "visit"]),
                text(40) + " " + rnd.randbytes(8).hex(),
                f"2024-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}T{rnd.randint(0, 23):02d}:00",
            )
            for i in range(activities)
        ),
    )
    conn.execute("CREATE INDEX ix_activity_customer ON activity (customer_id)")
    conn.commit()
    conn.close()


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def timed(label: str, fn):
    started = time.perf_counter()
    result = fn()
    print(f"{label:<28} {time.perf_counter() - started:7.2f} s   peak RSS so far {peak_rss_mb():7.0f} MB", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--activities", type=int, default=1_000_000)
    args = parser.parse_args()
    print(f"cores available: {workers()}  argon2id: {bf.argon2id_available()}  kdf: {bf.default_kdf()}")
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "crm.sqlite"
        timed(f"build {args.customers}+{args.activities} rows",
              lambda: build_database(db_path, args.customers, args.activities))
        db_size = db_path.stat().st_size
        image = timed("snapshot (VACUUM INTO memory)", lambda: snapshot_database(db_path))
        now = datetime.now(UTC)
        data = timed(
            "seal (KDF+zlib1+AES-GCM)",
            partial(bf.seal, image, "kettle orbit velvet quarry", schema_version=7, site_id="bench", now=now,
                    app_version="bench"),
        )
        target = Path(folder) / "team.crmbak"
        timed("write_file_atomically", partial(bf.write_file_atomically, target, data))
        del data
        _header, restored = timed("read_backup (unseal)", lambda: bf.read_backup(target, "kettle orbit velvet quarry"))
        assert restored == image
        del image
        timed("check_image (integrity)", lambda: check_image(restored, max_schema_version=7))
        backup_size = target.stat().st_size
        print(f"database file {db_size / 1e6:8.1f} MB   snapshot {len(restored) / 1e6:8.1f} MB   "
              f"backup file {backup_size / 1e6:8.1f} MB   ratio {backup_size / len(restored):.3f}")
        print(f"peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
