"""The administrator's side of a hub: making it, adding and revoking members (as the database's owner)."""

from __future__ import annotations

import re
import secrets

import psycopg
from psycopg import sql

from crm_desktop.db.hub.connect import PG, open_admin, sqlalchemy_url
from crm_desktop.db.hub.errors import BadMemberNameError, HubAdminError, UnknownMemberError
from crm_desktop.db.hub.schema import group_role, install_statements

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,39}")


def init_hub(url: str, *, own_customers_only: bool | None = None) -> None:
    """Make (or bring up to date) the hub at *url*: the book's schema by the migrations, then the hub's
    tables, grants and row-level security.  Idempotent."""
    from crm_desktop.db.database import open_database

    open_database(sqlalchemy_url(url)).engine.dispose()
    with open_admin(url) as conn:
        try:
            dbname = conn.info.dbname
            for stmt in install_statements(dbname):
                conn.execute(stmt)
            if own_customers_only is not None:
                _set_own_only(conn, own_customers_only)
            conn.commit()
        except psycopg.Error as exc:
            raise HubAdminError(str(exc).strip().splitlines()[0]) from exc


def _set_own_only(conn: PG, on: bool) -> None:
    conn.execute("UPDATE hub_meta SET value = %s WHERE key = 'own_customers_only'", ("true" if on else "false",))


def set_own_customers_only(url: str, on: bool) -> None:
    """The team setting: members read only their own customers and the pool (what follows them too)."""
    with open_admin(url) as conn:
        _set_own_only(conn, on)
        conn.commit()


def add_member(url: str, name: str, person_id: str = "") -> str:
    """Make the LOGIN role *name* for a salesperson (a member of the hub); returns its new password."""
    if not _NAME.fullmatch(name):
        raise BadMemberNameError(name)
    password = secrets.token_urlsafe(24)
    with open_admin(url) as conn:
        try:
            group = sql.Identifier(group_role(conn.info.dbname))
            role = sql.Identifier(name)
            exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
            verb = sql.SQL("ALTER") if exists else sql.SQL("CREATE")
            conn.execute(sql.SQL("{verb} ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {pw}").format(
                verb=verb, role=role, pw=sql.Literal(password)))
            conn.execute(sql.SQL("GRANT {group} TO {role}").format(group=group, role=role))
            conn.execute("INSERT INTO hub_member(role_name, person_id) VALUES (%s, %s) ON CONFLICT (role_name) "
                         "DO UPDATE SET revoked = false, person_id = CASE WHEN excluded.person_id = '' "
                         "THEN hub_member.person_id ELSE excluded.person_id END", (name, person_id))
            conn.commit()
        except psycopg.Error as exc:
            raise HubAdminError(str(exc).strip().splitlines()[0]) from exc
    return password


def remove_member(url: str, name: str) -> int:
    """Revoke *name*: it can no longer log in (its password is replaced too), its open sessions end, and
    its laptops' sites stay registered to it, so nobody else can write as them.  Returns the sessions ended."""
    with open_admin(url) as conn:
        if conn.execute("SELECT 1 FROM hub_member WHERE role_name = %s", (name,)).fetchone() is None:
            raise UnknownMemberError(name)
        try:
            conn.execute("UPDATE hub_member SET revoked = true WHERE role_name = %s", (name,))
            conn.execute(sql.SQL("ALTER ROLE {role} NOLOGIN PASSWORD {pw}").format(
                role=sql.Identifier(name), pw=sql.Literal(secrets.token_urlsafe(24))))
            conn.commit()
            ended = conn.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = %s",
                                 (name,)).fetchone()
            conn.commit()
        except psycopg.Error as exc:
            raise HubAdminError(str(exc).strip().splitlines()[0]) from exc
    return int(ended[0]) if ended else 0


def hub_host(url: str) -> tuple[str, int, str]:
    """(host, port, database) the administrator's *url* reaches (what an invitation names by default)."""
    with open_admin(url) as conn:
        info = conn.info
        return info.host, int(info.port), info.dbname
