"""Migrations 0006 and 0008: every owner name in a book becomes one person with an id every laptop agrees
on, and the records it owns store that id."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from crm_desktop.db.database import open_database
from crm_desktop.db.models import Customer, Person
from crm_desktop.db.people import SEED_STAMP, person_id_for
from crm_desktop.db.sync import insert_row
from crm_desktop.services.context import ServiceContext


def _as_revision_5(path: Path) -> None:
    """Turn the closed book *path* back into what version 5 of the app left: no person table, nor the tables
    of later migrations (products 0007, kept scores 0009, quotes and order lines 0010, an index 0011)."""
    conn = sqlite3.connect(path)
    try:
        for table in ("order_line", "quote", "score_cache", "deal_line", "price_list_customer", "price_list_item",
                      "price_list", "product", "person"):
            conn.execute(f"DROP TABLE {table}")
        conn.execute("DROP INDEX ix_customer_card")  # 0011
        conn.execute("UPDATE alembic_version SET version_num = '0005'")
        conn.execute("PRAGMA user_version = 5")
        conn.commit()
    finally:
        conn.close()


def _old_book(path: Path, clock, owners: list[str]) -> None:
    db = open_database(path)
    ctx = ServiceContext(db, user="", now=clock)
    with db.engine.begin() as conn:
        for i, owner in enumerate(owners):
            insert_row(conn, Customer, {"name": f"客户{i}", "owner": owner, "created_at": clock(),
                                             "updated_at": clock()}, ctx.stamp())
    db.close()
    _as_revision_5(path)


def _people(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT id, name, created_stamp, field_stamps, stamp, deleted_stamp FROM person "
                            "ORDER BY id").fetchall()
    finally:
        conn.close()


def test_each_spelling_of_a_name_becomes_one_person_under_the_most_common_one(tmp_path, clock):
    """"Alex Chen" ×2, "alex chen", " 王磊" and "王磊" → two people; nobody's customers make none."""
    path = tmp_path / "old.sqlite"
    _old_book(path, clock, ["Alex Chen", "Alex Chen", "alex chen", " 王磊", "王磊", "", "  "])
    open_database(path).close()
    rows = _people(path)
    assert sorted((r[0], r[1]) for r in rows) == sorted([(person_id_for("alex chen"), "Alex Chen"),
                                                         (person_id_for("王磊"), "王磊")])
    assert all(r[2] == r[4] == SEED_STAMP and r[3] is None and r[5] is None for r in rows)


def test_two_books_migrated_apart_have_identical_people(tmp_path, clock):
    """The same names on two laptops (typed differently, on different records) give byte-equal person rows."""
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    _old_book(a, clock, ["王磊", "李娜", "李娜"])
    _old_book(b, clock, ["李娜", "王磊 ", "王磊", "李娜 "])
    open_database(a).close()
    open_database(b).close()
    assert _people(a) == _people(b) and len(_people(a)) == 2


def test_opening_a_migrated_book_again_changes_no_person(tmp_path, clock):
    """The migration runs once: opening the book again leaves the people as they were."""
    path = tmp_path / "old.sqlite"
    _old_book(path, clock, ["王磊"])
    open_database(path).close()
    first = _people(path)
    open_database(path).close()
    assert _people(path) == first and len(first) == 1


def test_a_real_edit_wins_over_a_migrated_person(db, clock):
    """The seed stamp is the lowest there is: any stamp the clock issues is above it."""
    ctx = ServiceContext(db, user="王磊", now=clock)
    assert ctx.stamp() > SEED_STAMP


OWNER_TABLES = ("customer", "interaction", "complaint", "deal")


def _as_revision_7(path: Path) -> None:
    """Turn the closed book *path* back into what version 7 of the app left: owners as the names typed (and no
    table of a later migration)."""
    conn = sqlite3.connect(path)
    try:
        for table in ("order_line", "quote", "score_cache"):
            conn.execute(f"DROP TABLE {table}")
        conn.execute("DROP INDEX ix_customer_card")
        for t in OWNER_TABLES:
            conn.execute(f"UPDATE {t} SET owner = COALESCE((SELECT p.name FROM person p WHERE p.id = {t}.owner), "
                         "owner)")
        conn.execute("UPDATE alembic_version SET version_num = '0007'")
        conn.execute("PRAGMA user_version = 7")
        conn.commit()
    finally:
        conn.close()


def _owners(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT owner FROM customer ORDER BY name")]
    finally:
        conn.close()


def test_owners_become_the_ids_of_their_people(tmp_path, clock):
    """Migration 0008: every owner name (any spelling) is stored as its person's id; nobody stays ""."""
    path = tmp_path / "old.sqlite"
    _old_book(path, clock, ["Alex Chen", "alex chen ", "王磊", ""])
    open_database(path).close()
    assert _owners(path) == [person_id_for("alex chen"), person_id_for("alex chen"), person_id_for("王磊"), ""]


def test_a_renamed_person_keeps_their_records(tmp_path, clock):
    """A book of version 7 whose 陈静 renamed herself 陈小静: records under either name become her id, and a
    name nobody in the book goes by gets its own person, made as every laptop makes it."""
    path = tmp_path / "v7.sqlite"
    db = open_database(path)
    ctx = ServiceContext(db, user="", now=clock)
    with db.engine.begin() as conn:
        insert_row(conn, Person, {"id": person_id_for("陈静"), "name": "陈小静"}, ctx.stamp())
        for i in range(3):
            insert_row(conn, Customer, {"name": f"客户{i}", "created_at": clock(), "updated_at": clock()},
                       ctx.stamp())
    db.close()
    conn = sqlite3.connect(path)
    for i, owner in enumerate(["陈小静", "陈静", "新人"]):
        conn.execute("UPDATE customer SET owner = ? WHERE name = ?", (owner, f"客户{i}"))
    conn.commit()
    conn.close()
    _as_revision_7(path)
    open_database(path).close()
    assert _owners(path) == [person_id_for("陈静"), person_id_for("陈静"), person_id_for("新人")]
    assert (person_id_for("新人"), "新人") in [(r[0], r[1]) for r in _people(path)]


def test_two_laptops_rewrite_the_same_names_to_the_same_ids(tmp_path, clock):
    """Two books of version 7 with the same names migrate to byte-equal owners (a merge sees equal values)."""
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    _old_book(a, clock, ["王磊", "李娜"])
    _old_book(b, clock, ["王磊 ", "李娜"])
    open_database(a).close()
    open_database(b).close()
    assert _owners(a) == _owners(b) == [person_id_for("王磊"), person_id_for("李娜")]
