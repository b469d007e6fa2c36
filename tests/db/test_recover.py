"""Recovering a damaged book: every readable row comes over, nothing else, and any damage ends in a sentence."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
from datetime import UTC, datetime

import pytest

from crm_desktop.db.database import open_database
from crm_desktop.db.recover import NothingRecoverableError, recover_book

NOW = datetime(2026, 11, 23, tzinfo=UTC)


@pytest.fixture(scope="module")
def healthy(tmp_path_factory):
    """A 300-customer demo book and the ids of its rows per table."""
    from crm_desktop.services.demo import generate_demo

    path = tmp_path_factory.mktemp("recover") / "healthy.sqlite"
    db = open_database(path)
    generate_demo(db, customers=300, seed=4, now=NOW)
    db.close()
    conn = sqlite3.connect(path)
    ids = {t: {r[0] for r in conn.execute(f"SELECT id FROM {t}")} for t in ("customer", "contact", "interaction")}
    conn.close()
    return path, ids


def _damaged_copy(healthy_path, folder, seed):
    path = folder / f"damaged{seed}.sqlite"
    shutil.copy(healthy_path, path)
    rng = random.Random(seed)
    size = path.stat().st_size
    with open(path, "r+b") as f:
        for page in range(rng.randrange(0, 12), size // 4096, rng.choice([3, 7, 19, 41])):
            f.seek(page * 4096 + rng.randrange(0, 3000))
            f.write(rng.randbytes(rng.randrange(10, 1000)))
    return path


@pytest.mark.parametrize("seed", range(12))
def test_any_damage_gives_a_clean_book_or_one_sentence(healthy, tmp_path, seed):
    """Random garbage over pages: either a healthy new book holding only rows of the original, or NothingRecoverable."""
    path = _damaged_copy(healthy[0], tmp_path, seed)
    before = path.read_bytes()
    out = tmp_path / "out.sqlite"
    try:
        report = recover_book(path, out)
    except NothingRecoverableError as exc:
        assert "Nothing could be read" in str(exc)
        assert not out.exists()
        return
    finally:
        assert path.read_bytes() == before  # the damaged file is only read
    conn = sqlite3.connect(out)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        for table, ids in healthy[1].items():
            got = {r[0] for r in conn.execute(f"SELECT id FROM {table}")}
            assert got <= ids
            assert report.copied.get(table, 0) == len(got)
    finally:
        conn.close()


def test_little_damage_loses_little(healthy, tmp_path):
    """One damaged page in forty: at least 90 % of customers and interactions come back."""
    path = tmp_path / "few.sqlite"
    shutil.copy(healthy[0], path)
    size = path.stat().st_size
    with open(path, "r+b") as f:
        for page in range(60, size // 4096, 40):
            f.seek(page * 4096 + 300)
            f.write(os.urandom(400))
    report = recover_book(path, tmp_path / "out.sqlite")
    for table in ("customer", "interaction"):
        assert report.copied[table] >= 0.9 * len(healthy[1][table])


def test_children_of_lost_parents_are_left_out_and_counted(tmp_path):
    """A contact whose customer could not be read is not copied (foreign keys hold) and is reported as left out."""
    path = tmp_path / "book.sqlite"
    db = open_database(path)
    db.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=OFF")
    stamp = "1790000000000-00000-site"
    conn.execute("INSERT INTO contact (id, created_stamp, stamp, customer_id, name, title, phone, phone2, email, "
                 "wechat, notes) VALUES ('k1', ?, ?, 'gone', '王芳', '', '', '', '', '', '')", (stamp, stamp))
    conn.commit()
    conn.close()
    report = recover_book(path, tmp_path / "out.sqlite")
    assert report.copied["contact"] == 0 and report.skipped["contact"] == 1


def test_a_file_that_is_not_ours_is_refused(tmp_path):
    """A plain SQLite file (another application id) is not a book to recover."""
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    with pytest.raises(NothingRecoverableError):
        recover_book(path, tmp_path / "out.sqlite")
    assert not (tmp_path / "out.sqlite").exists()
