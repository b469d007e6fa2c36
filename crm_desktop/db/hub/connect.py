"""Connecting to a team hub: where it is, the TLS rule, and the server's failures as sentences."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict

from crm_desktop.db.hub.address import HubAddress
from crm_desktop.db.hub.errors import (
    HubError,
    HubLoginError,
    HubNewerError,
    HubOfflineError,
    NotAHubError,
)
from crm_desktop.db.hub.schema import HUB_VERSION
from crm_desktop.db.migrate import HEAD_SCHEMA_VERSION

PG = psycopg.Connection[Any]
CONNECT_TIMEOUT_S = 10


def admin_params(url: str) -> dict[str, Any]:
    """Connection parameters of an administrator's URL (``postgresql://`` or ``postgresql+psycopg://``)."""
    plain = url.replace("postgresql+psycopg://", "postgresql://", 1)
    try:
        return {k: v for k, v in conninfo_to_dict(plain).items() if v is not None}
    except psycopg.ProgrammingError as exc:
        raise HubOfflineError() from exc


def sqlalchemy_url(url: str) -> str:
    """*url* for SQLAlchemy with the psycopg 3 driver."""
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url[len("postgresql://"):]
    if url.startswith("postgres://"):
        return "postgresql+psycopg://" + url[len("postgres://"):]
    return url


def _as_sentence(exc: psycopg.Error) -> HubError:
    text = str(exc).lower()
    if "password" in text or "not permitted to log in" in text or "permission denied for database" in text \
            or "no pg_hba.conf entry" in text or "role" in text and "does not exist" in text:
        return HubLoginError()
    return HubOfflineError()


def open_hub(address: HubAddress, password: str) -> PG:
    """A connection to the hub as its member (autocommit off), checked to be a hub this app can use."""
    address.check_tls()
    try:
        conn = psycopg.connect(host=address.host, port=address.port, dbname=address.dbname, user=address.role,
                               password=password, sslmode=address.sslmode if not address.is_local else "prefer",
                               connect_timeout=CONNECT_TIMEOUT_S, application_name="crm-desktop",
                               prepare_threshold=None)
    except psycopg.Error as exc:
        raise _as_sentence(exc) from exc
    try:
        conn.execute("SET TIME ZONE 'UTC'")  # the book's timestamps are UTC text (see rows.to_hub)
        conn.commit()
        check_hub(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def open_admin(url: str) -> PG:
    """A connection as the hub's administrator (the URL's role)."""
    try:
        return psycopg.connect(**admin_params(url), connect_timeout=CONNECT_TIMEOUT_S, application_name="crm-desktop")
    except psycopg.Error as exc:
        raise _as_sentence(exc) from exc


def check_hub(conn: PG) -> None:
    """Refuse a database that is not a hub, or one made by a newer app."""
    try:
        meta = dict(conn.execute("SELECT key, value FROM hub_meta").fetchall())
        schema = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        conn.rollback()
    except psycopg.errors.UndefinedTable as exc:
        conn.rollback()
        raise NotAHubError() from exc
    except psycopg.errors.InsufficientPrivilege as exc:
        conn.rollback()
        raise HubLoginError() from exc
    except psycopg.Error as exc:
        raise _as_sentence(exc) from exc
    if meta.get("app") != "crm-desktop" or schema is None:
        raise NotAHubError()
    try:
        newer = int(meta.get("hub_version", "0")) > HUB_VERSION or int(schema[0]) > HEAD_SCHEMA_VERSION
    except ValueError as exc:
        raise NotAHubError() from exc
    if newer:
        raise HubNewerError()


@contextmanager
def hub_errors() -> Iterator[None]:
    """The server's failures during a sync as one sentence: a dropped connection is "offline"."""
    try:
        yield
    except HubError:
        raise
    except psycopg.errors.InsufficientPrivilege as exc:
        raise HubLoginError() from exc
    except psycopg.OperationalError as exc:
        raise _as_sentence(exc) from exc
    except psycopg.InterfaceError as exc:
        raise HubOfflineError() from exc
