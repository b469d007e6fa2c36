"""Alembic environment: the app runs migrations itself on the connection it passes in."""

from alembic import context
from sqlmodel import SQLModel

import crm_desktop.db.models  # noqa: F401  (registers the tables on SQLModel.metadata)

target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():  # pragma: no cover - the app never runs offline migrations
    raise SystemExit("offline migrations are not supported")
run_migrations_online()
