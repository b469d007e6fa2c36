"""WeChat ids for customers and contacts, and a second phone for contacts.

Chinese sheets and phone exports carry a 微信 column and often a second number
(office and mobile); both used to be dropped or pushed into the notes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wechat', sa.String(length=64), nullable=False, server_default=''))
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wechat', sa.String(length=64), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('phone2', sa.String(length=32), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.drop_column('phone2')
        batch_op.drop_column('wechat')
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.drop_column('wechat')
