"""The dashboard's cached figures: one row per day, derived from the scores.

Local and rebuildable: a backup's copy is never taken in (restore and merge
start from an empty table), and the app recomputes it in the background.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa
from crm_desktop.db.types import UTCDateTime


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('insight_figures',
    sa.Column('day', sa.String(length=10), nullable=False),
    sa.Column('fingerprint', sa.String(length=200), nullable=False),
    sa.Column('built_at', UTCDateTime(), nullable=False),
    sa.Column('payload', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('day')
    )


def downgrade() -> None:
    op.drop_table('insight_figures')
