"""Deals (商机) and their stage history.

A deal belongs to a customer and moves through the team's stages; every move is
a ``deal_stage_change`` row, so the timeline can show it and the usual time in a
stage can be learned from the team's closed deals.  Both tables merge field by
field like every other synchronised table.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa
from crm_desktop.db.types import UTCDateTime


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def _synced() -> list[sa.Column]:
    return [
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('created_stamp', sa.String(length=40), nullable=False),
        sa.Column('field_stamps', sa.String(), nullable=True),
        sa.Column('stamp', sa.String(length=40), nullable=False),
        sa.Column('deleted_stamp', sa.String(length=40), nullable=True),
    ]


def upgrade() -> None:
    op.create_table('deal', *_synced(),
    sa.Column('customer_id', sa.String(length=32), nullable=False),
    sa.Column('contact_id', sa.String(length=32), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('amount_minor', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('expected_close', sa.Date(), nullable=True),
    sa.Column('stage', sa.String(length=16), nullable=False),
    sa.Column('owner', sa.String(length=100), nullable=False),
    sa.Column('source', sa.String(length=100), nullable=False),
    sa.Column('notes', sa.String(), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('stage_changed_at', UTCDateTime(), nullable=False),
    sa.Column('closed_at', UTCDateTime(), nullable=True),
    sa.Column('lost_reason', sa.String(length=16), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('deal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deal_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deal_stage'), ['stage'], unique=False)

    op.create_table('deal_stage_change', *_synced(),
    sa.Column('deal_id', sa.String(length=32), nullable=False),
    sa.Column('at', UTCDateTime(), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('from_stage', sa.String(length=16), nullable=True),
    sa.Column('to_stage', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['deal_id'], ['deal.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('deal_stage_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deal_stage_change_deal_id'), ['deal_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('deal_stage_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deal_stage_change_deal_id'))
    op.drop_table('deal_stage_change')
    with op.batch_alter_table('deal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deal_stage'))
        batch_op.drop_index(batch_op.f('ix_deal_customer_id'))
    op.drop_table('deal')
