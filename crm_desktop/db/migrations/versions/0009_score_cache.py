"""The day's scores kept in the book: one row per day, derived from the orders.

Local and rebuildable like the dashboard's figures (0003): a backup's copy is
never taken in (restore and merge start from an empty table), and the app
computes the scores again whenever the orders, the customers or the team's
settings they were computed from have changed.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa
from crm_desktop.db.types import UTCDateTime


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('score_cache',
    sa.Column('day', sa.String(length=10), nullable=False),
    sa.Column('fingerprint', sa.String(length=400), nullable=False),
    sa.Column('built_at', UTCDateTime(), nullable=False),
    sa.Column('payload', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('day')
    )


def downgrade() -> None:
    op.drop_table('score_cache')
