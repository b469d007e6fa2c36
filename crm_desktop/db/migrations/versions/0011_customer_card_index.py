"""A covering index of customers by id with their name: what a row elsewhere shows of its customer.

The deals board shows each open deal's customer by name; looking 35,000 of them up in
the customer table read its wide rows (about 60 % of the board's first read on the
100k demo with 50,000 deals).  With (id, deleted_stamp, name) the lookup never
leaves the index.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""
from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_customer_card', 'customer', ['id', 'deleted_stamp', 'name'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_customer_card', table_name='customer')
