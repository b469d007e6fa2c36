"""Products, price lists and the products on a deal.

``product`` is the catalogue (code, name, unit, list price, tax rate, active);
``price_list`` applies to a customer segment or to the customers named in
``price_list_customer``, with a price per product in ``price_list_item``;
``deal_line`` is a product on a deal (quantity, unit price, discount).  All
merge field by field like every other synchronised table.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
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
    op.create_table('product', *_synced(),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('price_minor', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('tax_bp', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_product_code'), ['code'], unique=False)

    op.create_table('price_list', *_synced(),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('segment', sa.String(length=16), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('price_list_item', *_synced(),
    sa.Column('price_list_id', sa.String(length=32), nullable=False),
    sa.Column('product_id', sa.String(length=32), nullable=False),
    sa.Column('price_minor', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.ForeignKeyConstraint(['price_list_id'], ['price_list.id'], ),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('price_list_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_price_list_item_price_list_id'), ['price_list_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_price_list_item_product_id'), ['product_id'], unique=False)

    op.create_table('price_list_customer', *_synced(),
    sa.Column('price_list_id', sa.String(length=32), nullable=False),
    sa.Column('customer_id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], ),
    sa.ForeignKeyConstraint(['price_list_id'], ['price_list.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('price_list_customer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_price_list_customer_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_price_list_customer_price_list_id'), ['price_list_id'], unique=False)

    op.create_table('deal_line', *_synced(),
    sa.Column('deal_id', sa.String(length=32), nullable=False),
    sa.Column('product_id', sa.String(length=32), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('quantity_milli', sa.Integer(), nullable=False),
    sa.Column('unit_price_minor', sa.Integer(), nullable=False),
    sa.Column('discount_bp', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['deal_id'], ['deal.id'], ),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('deal_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deal_line_deal_id'), ['deal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deal_line_product_id'), ['product_id'], unique=False)


def downgrade() -> None:
    for table, columns in (('deal_line', ('deal_id', 'product_id')),
                           ('price_list_customer', ('customer_id', 'price_list_id')),
                           ('price_list_item', ('price_list_id', 'product_id')),
                           ('price_list', ()), ('product', ('code',))):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.drop_index(batch_op.f(f'ix_{table}_{column}'))
        op.drop_table(table)
