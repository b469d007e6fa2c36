"""The same models and migrations on a real PostgreSQL server (what a team hub runs on)."""

from crm_desktop.db.database import HEAD_SCHEMA_VERSION, open_database
from crm_desktop.domain.models import ContactInput, CustomerInput, CustomerQuery
from crm_desktop.services import Services
from crm_desktop.services.context import ServiceContext


def test_migrations_build_the_schema_on_postgresql(pg_url, clock):
    """Opening an empty PostgreSQL database runs the migrations to head; customers round-trip, search works."""
    db = open_database(pg_url)
    try:
        services = Services(ServiceContext(db, user="王磊", now=clock))
        cid = services.customers.create(CustomerInput(
            name="张伟", phone="13800138000", contacts=[ContactInput(name="王芳", wechat="wangfang88")])).id
        detail = services.customers.get(cid)
        assert detail.name == "张伟" and detail.contacts[0].wechat == "wangfang88"
        assert services.customers.search(CustomerQuery(text="zw")) == [cid]
        with db.reading() as tx:
            version = tx.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        assert version == f"{HEAD_SCHEMA_VERSION:04d}"
    finally:
        db.close()
