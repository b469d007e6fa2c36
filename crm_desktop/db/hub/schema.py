"""The team hub's own objects on PostgreSQL, beside the book's tables (the same models and migrations).

``hub init`` runs :func:`install` as the database's owner; every statement is idempotent, so running it
again (after an app update) brings an existing hub up to date.  What it adds:

* ``hub_meta``: what this database is (``app`` = crm-desktop, ``hub_version``) and the team's hub settings
  (``own_customers_only``);
* ``hub_member``: one row per salesperson's role — the person it is, the site ids of its laptops, whether it
  was revoked;
* on every synced table and ``erasure``: ``hub_seq`` (the hub-assigned change sequence, from the sequence
  ``hub_seq``, indexed) and ``pushed_by`` (the role that last wrote the row);
* ``hub_head``: the last sequence number handed out, written under the hub's advisory lock;
* a group role per hub holding the members' grants, and row-level security (:data:`RLS_SQL`).

Why no row is ever missed by a pull (the horizon): a push takes ``pg_advisory_xact_lock(HUB_LOCK)`` after
its row work (locking, joining) and before writing; it numbers each row as it writes it, and commits while
still holding the lock (a transaction's locks are released after its commit became visible).  So
transactions that hand out sequence
numbers commit one after the other, in the order of their numbers: whenever a reader's snapshot sees a
number, it sees every smaller number that will ever be committed.  The committed numbers a snapshot sees
are therefore always a prefix, and a pull may read up to the largest one it sees.  A row pushed again
gets a new, larger number, so a pull that read it before reads its new version later.
"""

from __future__ import annotations

from psycopg import sql

from crm_desktop.db.hub.tables import HUB_TABLES

HUB_VERSION = 1
"""The hub objects' own version (``hub_meta.hub_version``); a hub newer than the app is refused."""
HUB_LOCK = 0x6372_6D68_7562
"""The advisory-lock key under which sequence numbers are handed out ("crmhub")."""
CUSTOMER_CHILDREN = ("contact", "interaction", "sales_order", "complaint", "deal", "customer_tag",
                     "customer_stage_change", "price_list_customer")
"""Tables whose rows follow their customer's visibility (``customer_id``)."""
GRANDCHILDREN = {"complaint_event": ("complaint", "complaint_id"), "deal_stage_change": ("deal", "deal_id"),
                 "deal_line": ("deal", "deal_id")}
"""Tables whose rows follow their parent's visibility: table → (parent, column)."""


def group_role(dbname: str) -> str:
    """The role holding the members' grants on the hub database *dbname*."""
    return ("crm_hub_" + dbname)[:63]


_BASE = """
CREATE TABLE IF NOT EXISTS hub_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS hub_member (
    role_name text PRIMARY KEY,
    person_id text NOT NULL DEFAULT '',
    sites text[] NOT NULL DEFAULT '{}',
    revoked boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now());
CREATE SEQUENCE IF NOT EXISTS hub_seq;
CREATE TABLE IF NOT EXISTS hub_head (one int PRIMARY KEY DEFAULT 1 CHECK (one = 1), seq bigint NOT NULL DEFAULT 0);
INSERT INTO hub_head(one, seq) VALUES (1, 0) ON CONFLICT DO NOTHING;
INSERT INTO hub_meta(key, value) VALUES ('app', 'crm-desktop') ON CONFLICT DO NOTHING;
INSERT INTO hub_meta(key, value) VALUES ('own_customers_only', 'false') ON CONFLICT DO NOTHING;
"""

_FUNCTIONS = """
CREATE OR REPLACE FUNCTION hub_is_member() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp AS
$$ SELECT EXISTS (SELECT 1 FROM hub_member WHERE role_name = session_user AND NOT revoked) $$;

CREATE OR REPLACE FUNCTION hub_my_person() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp AS
$$ SELECT person_id FROM hub_member WHERE role_name = session_user AND NOT revoked $$;

-- (inside SECURITY DEFINER functions current_user is the owner: the member is session_user)
-- a stamp is WWWWWWWWWWWWW-CCCCC-SITE: its site starts at character 21
CREATE OR REPLACE FUNCTION hub_site_ok(stamp text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp AS
$$ SELECT EXISTS (SELECT 1 FROM hub_member WHERE role_name = session_user AND NOT revoked
                  AND substr(stamp, 21) = ANY (sites))
       OR NOT EXISTS (SELECT 1 FROM hub_member WHERE substr(stamp, 21) = ANY (sites)) $$;

-- the stamp the row has now (an UPDATE's check sees the statement's snapshot: the row before it)
CREATE OR REPLACE FUNCTION hub_prev_stamp(tbl text, row_id text) RETURNS text LANGUAGE plpgsql STABLE
    SECURITY DEFINER SET search_path = public, pg_temp AS
$$ DECLARE s text;
   BEGIN EXECUTE format('SELECT stamp FROM %I WHERE id = $1', tbl) INTO s USING row_id; RETURN s; END $$;

-- the site ids of the connected member's laptops, and of every member's (revoked ones included)
CREATE OR REPLACE FUNCTION hub_my_sites() RETURNS text[] LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp AS
$$ SELECT coalesce((SELECT sites FROM hub_member WHERE role_name = session_user AND NOT revoked), '{}') $$;

CREATE OR REPLACE FUNCTION hub_all_sites() RETURNS text[] LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp AS
$$ SELECT coalesce((SELECT array_agg(s) FROM hub_member, unnest(sites) s), '{}') $$;

CREATE OR REPLACE FUNCTION hub_own_only() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp AS
$$ SELECT coalesce((SELECT value = 'true' FROM hub_meta WHERE key = 'own_customers_only'), false) $$;

-- a member adds its laptop's site id (and, the first time, says which person it is)
CREATE OR REPLACE FUNCTION hub_register_site(site text, person text) RETURNS text LANGUAGE sql VOLATILE
    SECURITY DEFINER SET search_path = public, pg_temp AS
$$ UPDATE hub_member SET sites = CASE WHEN site = ANY (sites) THEN sites ELSE array_append(sites, site) END,
          person_id = CASE WHEN person_id = '' THEN person ELSE person_id END
   WHERE role_name = session_user AND NOT revoked
     AND NOT EXISTS (SELECT 1 FROM hub_member o WHERE o.role_name <> session_user AND site = ANY (o.sites))
   RETURNING person_id $$;
"""


def _visibility(table: str) -> str:
    """Who may read rows of *table*: every member, or with ``own_customers_only`` what follows a customer
    that is the member's or in the pool."""
    if table == "customer":
        return f"(NOT {_ONCE['own_only']} OR owner = '' OR owner = {_ONCE['person']})"
    if table in CUSTOMER_CHILDREN:
        return f"(NOT {_ONCE['own_only']} OR EXISTS (SELECT 1 FROM customer p WHERE p.id = customer_id))"
    if table in GRANDCHILDREN:
        parent, column = GRANDCHILDREN[table]
        return f"(NOT {_ONCE['own_only']} OR EXISTS (SELECT 1 FROM {parent} p WHERE p.id = {column}))"
    return "true"


_ONCE = {"member": "(SELECT hub_is_member())", "own_only": "(SELECT hub_own_only())",
         "person": "(SELECT hub_my_person())", "mine": "(SELECT hub_my_sites())", "all": "(SELECT hub_all_sites())"}
"""The policies' calls that do not depend on the row, each in its own sub-select: PostgreSQL runs such a
sub-select once per statement (an InitPlan) instead of calling the function for every row."""
_SITE_OK = (f"(substr(stamp, 21) = ANY ({_ONCE['mine']}::text[]) "
            f"OR NOT substr(stamp, 21) = ANY ({_ONCE['all']}::text[]))")
"""The row's stamp is from one of the member's laptops, or from a site no member has (``hub_site_ok``)."""


def rls_statements(table: str) -> list[str]:
    """The policies of one synced table: read by visibility; write only as oneself, never with another
    member's latest stamp unless the row already had it."""
    quoted = f'"{table}"'
    member = _ONCE["member"]
    forge_ok = f"({_SITE_OK} OR stamp = hub_prev_stamp('{table}', id))"
    return [
        f"ALTER TABLE {quoted} ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS hub_read ON {quoted}",
        f"CREATE POLICY hub_read ON {quoted} FOR SELECT USING ({member} AND {_visibility(table)})",
        f"DROP POLICY IF EXISTS hub_insert ON {quoted}",
        f"CREATE POLICY hub_insert ON {quoted} FOR INSERT WITH CHECK "
        f"({member} AND pushed_by = session_user AND {_SITE_OK})",
        f"DROP POLICY IF EXISTS hub_update ON {quoted}",
        f"CREATE POLICY hub_update ON {quoted} FOR UPDATE USING ({member} AND {_visibility(table)}) "
        f"WITH CHECK ({member} AND pushed_by = session_user AND {forge_ok})",
    ]


def install_statements(dbname: str) -> list[sql.SQL | sql.Composed]:
    """Every statement of ``hub init`` after the migrations, in order (idempotent)."""
    group = sql.Identifier(group_role(dbname))
    out: list[sql.SQL | sql.Composed] = [sql.SQL(_BASE), sql.SQL(_FUNCTIONS)]
    out.append(sql.SQL("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {name}) THEN "
                       "CREATE ROLE {group} NOLOGIN; END IF; END $$").format(
        name=sql.Literal(group_role(dbname)), group=group))
    for table in HUB_TABLES:
        t = sql.Identifier(table)
        out += [
            sql.SQL("ALTER TABLE {t} ADD COLUMN IF NOT EXISTS hub_seq bigint NOT NULL DEFAULT 0").format(t=t),
            sql.SQL("ALTER TABLE {t} ADD COLUMN IF NOT EXISTS pushed_by text NOT NULL DEFAULT session_user")
            .format(t=t),
            sql.SQL("CREATE INDEX IF NOT EXISTS {ix} ON {t} (hub_seq)").format(
                ix=sql.Identifier(f"ix_{table}_hub_seq"), t=t),
            sql.SQL("GRANT SELECT, INSERT, UPDATE ON {t} TO {g}").format(t=t, g=group),
        ]
        out += [sql.SQL(s) for s in rls_statements(table)]
    out += [
        sql.SQL("GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {g}").format(db=sql.Identifier(dbname), g=group),
        sql.SQL("GRANT USAGE ON SCHEMA public TO {g}").format(g=group),
        sql.SQL("GRANT USAGE ON SEQUENCE hub_seq TO {g}").format(g=group),
        sql.SQL("GRANT SELECT ON hub_meta, hub_member, alembic_version TO {g}").format(g=group),
        sql.SQL("GRANT SELECT, UPDATE ON hub_head TO {g}").format(g=group),
        sql.SQL("REVOKE ALL ON FUNCTION hub_register_site(text, text) FROM PUBLIC"),
        sql.SQL("GRANT EXECUTE ON FUNCTION hub_register_site(text, text) TO {g}").format(g=group),
        sql.SQL("REVOKE CONNECT ON DATABASE {db} FROM PUBLIC").format(db=sql.Identifier(dbname)),
        sql.SQL("INSERT INTO hub_meta(key, value) VALUES ('hub_version', {v}) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value").format(v=sql.Literal(str(HUB_VERSION))),
    ]
    return out
