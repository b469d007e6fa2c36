"""The team's people: a synchronised ``person`` table, one row per salesperson.

Every distinct owner name written on a customer, a logged contact, a complaint
or a deal becomes a person, under the comparison form of the name
(:func:`crm_desktop.domain.people.person_key`): its id is
``stable_id("person", key)`` and its name the spelling used most often.  The
row is stamped with the lowest stamp there is, so two laptops migrating the
same names make identical rows, a backup from an older version (migrated in
the intake's checked copy) lines up with them, and any real edit (a rename)
wins over them in a merge.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""
from collections import Counter

from alembic import op
import sqlalchemy as sa

from crm_desktop.db.people import SEED_STAMP, person_id_for
from crm_desktop.domain.people import person_key


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

OWNER_TABLES = ("customer", "interaction", "complaint", "deal")


def upgrade() -> None:
    op.create_table('person',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('created_stamp', sa.String(length=40), nullable=False),
    sa.Column('field_stamps', sa.String(), nullable=True),
    sa.Column('stamp', sa.String(length=40), nullable=False),
    sa.Column('deleted_stamp', sa.String(length=40), nullable=True),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    conn = op.get_bind()
    spellings: dict[str, Counter[str]] = {}
    for table in OWNER_TABLES:
        # one pass per table over the distinct names (a handful), never a Python call per row
        for owner, n in conn.execute(sa.text(f"SELECT owner, count(*) FROM {table} GROUP BY owner")):
            key = person_key(owner)
            if key:
                spellings.setdefault(key, Counter())[owner.strip()] += n
    rows = [{"id": person_id_for(key), "name": _most_common(counts)[:100], "s": SEED_STAMP}
            for key, counts in spellings.items()]
    if rows:
        conn.execute(sa.text("INSERT INTO person (id, created_stamp, field_stamps, stamp, deleted_stamp, "
                             "name) VALUES (:id, :s, NULL, :s, NULL, :name)"), rows)


def _most_common(counts: Counter[str]) -> str:
    """The spelling used most; among equally common ones the first in code-point order (the same everywhere)."""
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def downgrade() -> None:
    op.drop_table('person')
