"""Owners become person ids: the ``owner`` of a customer, a logged contact, a complaint and a deal.

Each distinct owner name is replaced by the id of the person going by that name
(:func:`crm_desktop.domain.people.person_key` compares them), else by the id a
person of that name gets (:func:`crm_desktop.db.people.person_id_for`), whose
row is made as migration 0006 makes them (the lowest stamp, so every laptop
makes the identical row).  The values are rewritten without new stamps: every
laptop, and the intake's checked copy of a backup from an older version,
rewrites the same names to the same ids, so the merge sees the same values.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa

from crm_desktop.db.people import SEED_STAMP, person_id_for
from crm_desktop.domain.people import is_person_id, person_key


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

OWNER_TABLES = ("customer", "interaction", "complaint", "deal")


def upgrade() -> None:
    conn = op.get_bind()
    people = conn.execute(sa.text("SELECT id, name, deleted_stamp FROM person ORDER BY id")).fetchall()
    by_key: dict[str, str] = {}
    # a live person before a deleted one; among equals the smallest id (the same on every laptop)
    for pid, name, deleted in sorted(people, key=lambda r: (r[2] is not None, r[0])):
        by_key.setdefault(person_key(name), pid)
    known = {r[0] for r in people}
    mapping: dict[str, str] = {}
    for table in OWNER_TABLES:  # the distinct names: a handful, read with one scan per table
        for (name,) in conn.execute(sa.text(f"SELECT DISTINCT owner FROM {table} WHERE owner <> ''")):
            if name in mapping or is_person_id(name):
                continue
            key = person_key(name)
            if not key:
                mapping[name] = ""
                continue
            pid = by_key.setdefault(key, person_id_for(name))
            if pid not in known:
                conn.execute(sa.text("INSERT INTO person (id, created_stamp, field_stamps, stamp, deleted_stamp, "
                                     "name) VALUES (:id, :s, NULL, :s, NULL, :name)"),
                             {"id": pid, "s": SEED_STAMP, "name": name.strip()[:100]})
                known.add(pid)
            mapping[name] = pid
    if not mapping:
        return
    conn.execute(sa.text("CREATE TEMPORARY TABLE owner_ids (name VARCHAR PRIMARY KEY, pid VARCHAR NOT NULL)"))
    conn.execute(sa.text("INSERT INTO owner_ids (name, pid) VALUES (:n, :p)"),
                 [{"n": n, "p": p} for n, p in mapping.items()])
    for table in OWNER_TABLES:  # one pass over each table
        conn.execute(sa.text(f"UPDATE {table} SET owner = (SELECT o.pid FROM owner_ids o WHERE o.name = "
                             f"{table}.owner) WHERE owner IN (SELECT name FROM owner_ids)"))
    conn.execute(sa.text("DROP TABLE owner_ids"))


def downgrade() -> None:
    conn = op.get_bind()
    for table in OWNER_TABLES:
        conn.execute(sa.text(f"UPDATE {table} SET owner = COALESCE((SELECT p.name FROM person p "
                             f"WHERE p.id = {table}.owner), owner) WHERE owner <> ''"))
