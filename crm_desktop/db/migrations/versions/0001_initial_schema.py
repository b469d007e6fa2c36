"""Initial schema: every table of the product, plus the customer search index.

The search index (``customer_search`` + the FTS5 ``customer_fts``) is derived
data kept by the service layer; it is rebuilt after restore or merge.

Revision ID: 0001
Revises: 
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa
from crm_desktop.db.types import UTCDateTime


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('change_batch',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('payload', sa.String(), nullable=False),
    sa.Column('undone_at', UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('conflict',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.String(length=32), nullable=False),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('kept_value', sa.String(), nullable=True),
    sa.Column('kept_stamp', sa.String(length=40), nullable=False),
    sa.Column('lost_value', sa.String(), nullable=True),
    sa.Column('lost_stamp', sa.String(length=40), nullable=False),
    sa.Column('detected_at', UTCDateTime(), nullable=False),
    sa.Column('reviewed_at', UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('conflict', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conflict_row_id'), ['row_id'], unique=False)

    op.create_table('customer',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('created_stamp', sa.String(length=40), nullable=False),
    sa.Column('field_stamps', sa.String(), nullable=True),
    sa.Column('stamp', sa.String(length=40), nullable=False),
    sa.Column('deleted_stamp', sa.String(length=40), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_pinyin', sa.String(length=400), nullable=False),
    sa.Column('name_initials', sa.String(length=100), nullable=False),
    sa.Column('company', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('address', sa.String(), nullable=False),
    sa.Column('industry', sa.String(length=100), nullable=False),
    sa.Column('size', sa.String(length=16), nullable=True),
    sa.Column('lead_source', sa.String(length=32), nullable=True),
    sa.Column('preferred_channel', sa.String(length=16), nullable=True),
    sa.Column('birthday', sa.Date(), nullable=True),
    sa.Column('anniversary', sa.Date(), nullable=True),
    sa.Column('consent_marketing', sa.Boolean(), nullable=False),
    sa.Column('do_not_contact', sa.Boolean(), nullable=False),
    sa.Column('owner', sa.String(length=100), nullable=False),
    sa.Column('relationship_stage', sa.String(length=16), nullable=True),
    sa.Column('needs', sa.String(), nullable=False),
    sa.Column('notes', sa.String(), nullable=False),
    sa.Column('external_id', sa.String(length=100), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('updated_at', UTCDateTime(), nullable=False),
    sa.Column('snoozed_until', UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.create_index('ix_customer_email', ['email'], unique=False)
        batch_op.create_index('ix_customer_external_id', ['external_id'], unique=False)
        batch_op.create_index('ix_customer_live_name', ['name_pinyin', 'name', 'id', 'deleted_stamp'], unique=False)
        batch_op.create_index('ix_customer_owner', ['owner'], unique=False)
        batch_op.create_index('ix_customer_phone', ['phone'], unique=False)

    op.create_table('erasure',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('stamp', sa.String(length=40), nullable=False),
    sa.Column('erased_at', UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('meta',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('setting',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('created_stamp', sa.String(length=40), nullable=False),
    sa.Column('field_stamps', sa.String(), nullable=True),
    sa.Column('stamp', sa.String(length=40), nullable=False),
    sa.Column('deleted_stamp', sa.String(length=40), nullable=True),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )

    op.create_table('tag',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('created_stamp', sa.String(length=40), nullable=False),
    sa.Column('field_stamps', sa.String(), nullable=True),
    sa.Column('stamp', sa.String(length=40), nullable=False),
    sa.Column('deleted_stamp', sa.String(length=40), nullable=True),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('color', sa.String(length=9), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('tag', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tag_name'), ['name'], unique=False)

    op.create_table('complaint',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('created_stamp', sa.String(length=40), nullable=False),
    sa.Column('field_stamps', sa.String(), nullable=True),
    sa.Column('stamp', sa.String(length=40), nullable=False),
    sa.Column('deleted_stamp', sa.String(length=40), nullable=True),
    sa.Column('customer_id', sa.String(length=32), nullable=False),
    sa.Column('opened_at', UTCDateTime(), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('category', sa.String(length=32), nullable=False),
    sa.Column('severity', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('owner', sa.String(length=100), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('response_due_at', UTCDateTime(), nullable=True),
    sa.Column('resolve_due_at', UTCDateTime(), nullable=True),
    sa.Column('first_response_at', UTCDateTime(), nullable=True),
    sa.Column('resolved_at', UTCDateTime(), nullable=True),
    sa.Column('closed_at', UTCDateTime(), nullable=True),
    sa.Column('resolution', sa.String(), nullable=False),
    sa.Column('satisfaction', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_status'), ['status'], unique=False)

    op.create_table('contact',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('created_stamp', sa.String(length=40), nullable=False),
    sa.Column('field_stamps', sa.String(), nullable=True),
    sa.Column('stamp', sa.String(length=40), nullable=False),
    sa.Column('deleted_stamp', sa.String(length=40), nullable=True),
    sa.Column('customer_id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=True),
    sa.Column('title', sa.String(length=100), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('birthday', sa.Date(), nullable=True),
    sa.Column('notes', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_customer_id'), ['customer_id'], unique=False)

    op.create_table('customer_tag',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('created_stamp', sa.String(length=40), nullable=False),
    sa.Column('field_stamps', sa.String(), nullable=True),
    sa.Column('stamp', sa.String(length=40), nullable=False),
    sa.Column('deleted_stamp', sa.String(length=40), nullable=True),
    sa.Column('customer_id', sa.String(length=32), nullable=False),
    sa.Column('tag_id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], ),
    sa.ForeignKeyConstraint(['tag_id'], ['tag.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('customer_tag', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_tag_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_customer_tag_tag_id'), ['tag_id'], unique=False)

    op.create_table('interaction',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('created_stamp', sa.String(length=40), nullable=False),
    sa.Column('field_stamps', sa.String(), nullable=True),
    sa.Column('stamp', sa.String(length=40), nullable=False),
    sa.Column('deleted_stamp', sa.String(length=40), nullable=True),
    sa.Column('customer_id', sa.String(length=32), nullable=False),
    sa.Column('contact_id', sa.String(length=32), nullable=True),
    sa.Column('owner', sa.String(length=100), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('direction', sa.String(length=4), nullable=False),
    sa.Column('occurred_at', UTCDateTime(), nullable=False),
    sa.Column('summary', sa.String(), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('next_step', sa.String(), nullable=False),
    sa.Column('next_due_at', UTCDateTime(), nullable=True),
    sa.Column('next_done', sa.Boolean(), nullable=False),
    sa.Column('complaint_id', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('interaction', schema=None) as batch_op:
        batch_op.create_index('ix_interaction_customer_time', ['customer_id', 'occurred_at'], unique=False)
        batch_op.create_index('ix_interaction_open_next', ['next_due_at'], unique=False, sqlite_where=sa.text('next_done = 0 AND next_due_at IS NOT NULL'), postgresql_where=sa.text('next_done = false AND next_due_at IS NOT NULL'))

    op.create_table('sales_order',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('created_stamp', sa.String(length=40), nullable=False),
    sa.Column('field_stamps', sa.String(), nullable=True),
    sa.Column('stamp', sa.String(length=40), nullable=False),
    sa.Column('deleted_stamp', sa.String(length=40), nullable=True),
    sa.Column('customer_id', sa.String(length=32), nullable=False),
    sa.Column('ordered_at', UTCDateTime(), nullable=False),
    sa.Column('amount_minor', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('external_ref', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('sales_order', schema=None) as batch_op:
        batch_op.create_index('ix_order_customer_time_amount', ['customer_id', 'ordered_at', 'amount_minor'], unique=False)

    op.create_table('complaint_event',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('created_stamp', sa.String(length=40), nullable=False),
    sa.Column('field_stamps', sa.String(), nullable=True),
    sa.Column('stamp', sa.String(length=40), nullable=False),
    sa.Column('deleted_stamp', sa.String(length=40), nullable=True),
    sa.Column('complaint_id', sa.String(length=32), nullable=False),
    sa.Column('at', UTCDateTime(), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('from_status', sa.String(length=16), nullable=True),
    sa.Column('to_status', sa.String(length=16), nullable=False),
    sa.Column('note', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('complaint_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_event_complaint_id'), ['complaint_id'], unique=False)



    # customer_search holds one text per customer (names, pinyin, company, phones,
    # e-mails, notes, contacts) and a short key for 1-2 character queries.
    # ``sid`` is an integer primary key so it survives VACUUM on SQLite.
    op.create_table(
        "customer_search",
        sa.Column("sid", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("customer_id", sa.String(length=32), sa.ForeignKey("customer.id"), nullable=False, unique=True),
        sa.Column("key", sa.Text(), nullable=False, server_default=""),
        sa.Column("doc", sa.Text(), nullable=False, server_default=""),
    )
    if op.get_bind().dialect.name == "sqlite":
        _create_sqlite_fts()


def _create_sqlite_fts() -> None:
    """customer_fts indexes customer_search.doc with trigrams, kept in step by triggers."""
    op.execute(
        "CREATE VIRTUAL TABLE customer_fts USING fts5("
        "doc, content='customer_search', content_rowid='sid', tokenize='trigram')"
    )
    op.execute(
        "CREATE TRIGGER customer_search_ai AFTER INSERT ON customer_search BEGIN"
        " INSERT INTO customer_fts(rowid, doc) VALUES (new.sid, new.doc); END"
    )
    op.execute(
        "CREATE TRIGGER customer_search_ad AFTER DELETE ON customer_search BEGIN"
        " INSERT INTO customer_fts(customer_fts, rowid, doc) VALUES ('delete', old.sid, old.doc); END"
    )
    op.execute(
        "CREATE TRIGGER customer_search_au AFTER UPDATE OF doc ON customer_search BEGIN"
        " INSERT INTO customer_fts(customer_fts, rowid, doc) VALUES ('delete', old.sid, old.doc);"
        " INSERT INTO customer_fts(rowid, doc) VALUES (new.sid, new.doc); END"
    )

def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS customer_fts")
    op.drop_table("customer_search")
    with op.batch_alter_table('complaint_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_event_complaint_id'))

    op.drop_table('complaint_event')
    with op.batch_alter_table('sales_order', schema=None) as batch_op:
        batch_op.drop_index('ix_order_customer_time_amount')

    op.drop_table('sales_order')
    with op.batch_alter_table('interaction', schema=None) as batch_op:
        batch_op.drop_index('ix_interaction_open_next', sqlite_where=sa.text('next_done = 0 AND next_due_at IS NOT NULL'), postgresql_where=sa.text('next_done = false AND next_due_at IS NOT NULL'))
        batch_op.drop_index('ix_interaction_customer_time')

    op.drop_table('interaction')
    with op.batch_alter_table('customer_tag', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customer_tag_tag_id'))
        batch_op.drop_index(batch_op.f('ix_customer_tag_customer_id'))

    op.drop_table('customer_tag')
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_customer_id'))

    op.drop_table('contact')
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_status'))
        batch_op.drop_index(batch_op.f('ix_complaint_customer_id'))

    op.drop_table('complaint')
    with op.batch_alter_table('tag', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tag_name'))

    op.drop_table('tag')

    op.drop_table('setting')
    op.drop_table('meta')
    op.drop_table('erasure')
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.drop_index('ix_customer_phone')
        batch_op.drop_index('ix_customer_owner')
        batch_op.drop_index('ix_customer_live_name')
        batch_op.drop_index('ix_customer_external_id')
        batch_op.drop_index('ix_customer_email')

    op.drop_table('customer')
    with op.batch_alter_table('conflict', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conflict_row_id'))

    op.drop_table('conflict')
    op.drop_table('change_batch')
