"""Quotes of deals and the products on orders.

``quote`` is a frozen copy of a deal's lines (JSON) with its totals, version, validity, language and when it
was sent; ``order_line`` is a product on an order (name, quantity, unit price, discount, tax rate).  Both
merge field by field like every other synchronised table; orders without lines keep their amount.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa

from crm_desktop.db.types import UTCDateTime


revision = '0010'
down_revision = '0009'
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
    op.create_table('quote', *_synced(),
    sa.Column('deal_id', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('lines', sa.String(), nullable=False),
    sa.Column('net_minor', sa.Integer(), nullable=False),
    sa.Column('tax_minor', sa.Integer(), nullable=False),
    sa.Column('gross_minor', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('sent_at', UTCDateTime(), nullable=True),
    sa.Column('order_id', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['deal_id'], ['deal.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('quote', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quote_deal_id'), ['deal_id'], unique=False)

    op.create_table('order_line', *_synced(),
    sa.Column('order_id', sa.String(length=32), nullable=False),
    sa.Column('product_id', sa.String(length=32), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('quantity_milli', sa.Integer(), nullable=False),
    sa.Column('unit_price_minor', sa.Integer(), nullable=False),
    sa.Column('discount_bp', sa.Integer(), nullable=False),
    sa.Column('tax_bp', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['sales_order.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('order_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_line_order_id'), ['order_id'], unique=False)


def downgrade() -> None:
    for table, column in (('order_line', 'order_id'), ('quote', 'deal_id')):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{table}_{column}'))
        op.drop_table(table)
