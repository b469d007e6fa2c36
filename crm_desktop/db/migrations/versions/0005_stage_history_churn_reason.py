"""Relationship-stage history and why a customer stopped buying.

Every change of a customer's relationship stage (认知 → 探测 → 扩大 → 承诺, 解除)
becomes a ``customer_stage_change`` row, so the timeline shows the whole path
and not only the current stage.  ``customer.churn_reason`` is what a
salesperson learns on the first win-back call (price, quality, service,
competitor, moved, other).  Both merge field by field like every other
synchronised table.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa
from crm_desktop.db.types import UTCDateTime


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ALTER TABLE … ADD COLUMN: instant on a big book, and the customer table's triggers stay
    op.add_column('customer', sa.Column('churn_reason', sa.String(length=16), nullable=True))
    op.create_table('customer_stage_change',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('created_stamp', sa.String(length=40), nullable=False),
    sa.Column('field_stamps', sa.String(), nullable=True),
    sa.Column('stamp', sa.String(length=40), nullable=False),
    sa.Column('deleted_stamp', sa.String(length=40), nullable=True),
    sa.Column('customer_id', sa.String(length=32), nullable=False),
    sa.Column('at', UTCDateTime(), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('from_stage', sa.String(length=16), nullable=True),
    sa.Column('to_stage', sa.String(length=16), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('customer_stage_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_stage_change_customer_id'), ['customer_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('customer_stage_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customer_stage_change_customer_id'))
    op.drop_table('customer_stage_change')
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.drop_column('churn_reason')
