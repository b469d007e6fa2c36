"""Customer queries: list keys, text matches, row pages, details, the search index.

Search: a trigram FTS5 index (``customer_fts``) over one text per customer
(:func:`match_text`); the customer service answers short queries in memory from
:func:`load_list_keys`.  On PostgreSQL matching falls back to ``strpos``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from crm_desktop.db.activity import Activity, page_activity
from crm_desktop.db.models import Contact, Customer, Tag
from crm_desktop.db.people import people_names
from crm_desktop.domain.enums import BuyingRole, Channel, CompanySize, CustomerKind, LeadSource, RelationshipStage
from crm_desktop.domain.models import ContactRow, CustomerDetail, CustomerRow
from crm_desktop.domain.people import owner_label


def _fts_phrase(q: str) -> str:
    return '"' + q.replace('"', '""') + '"'


def tags_by_customer(conn: Connection, ids: Sequence[str]) -> dict[str, list[str]]:
    if not ids:
        return {}
    rows = conn.execute(
        text(
            "SELECT ct.customer_id, t.name FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id "
            "WHERE ct.customer_id IN :ids AND ct.deleted_stamp IS NULL AND t.deleted_stamp IS NULL "
            "ORDER BY t.name"
        ).bindparams(bindparam("ids", expanding=True)),
        {"ids": list(ids)},
    )
    out: dict[str, list[str]] = {}
    for cid, name in rows:
        out.setdefault(cid, []).append(name)
    return out


def load_rows(conn: Connection, ids: Sequence[str]) -> dict[str, CustomerRow]:
    """The list rows of *ids* (a bounded page), keyed by id, with their last contact and next step; deleted
    ones are absent."""
    if not ids:
        return {}
    t = Customer.__table__
    rows = conn.execute(
        t.select().with_only_columns(
            t.c.id, t.c.kind, t.c.name, t.c.company, t.c.phone, t.c.email, t.c.owner,
            t.c.industry, t.c.do_not_contact, t.c.updated_at,
        ).where(t.c.id.in_(list(ids)), t.c.deleted_stamp.is_(None))
    ).all()
    tags = tags_by_customer(conn, [r[0] for r in rows])
    acts = page_activity(conn, [r[0] for r in rows])
    known = people_names(conn)
    none = Activity(None, "", None)
    return {
        r[0]: CustomerRow(
            id=r[0], kind=CustomerKind(r[1]), name=r[2], company=r[3], phone=r[4], email=r[5],
            owner=owner_label(r[6], known), industry=r[7], do_not_contact=bool(r[8]), tags=tuple(tags.get(r[0], ())),
            updated_at=r[9], **acts.get(r[0], none)._asdict(),
        )
        for r in rows
    }


_E = TypeVar("_E", bound=StrEnum)


def _enum(cls: type[_E], value: str | None) -> _E | None:
    if value is None or value == "":
        return None
    try:
        return cls(value)
    except ValueError:
        return None


def load_detail(conn: Connection, customer_id: str, *, include_deleted: bool = False) -> CustomerDetail | None:
    t = Customer.__table__
    q = t.select().where(t.c.id == customer_id)
    if not include_deleted:
        q = q.where(t.c.deleted_stamp.is_(None))
    r = conn.execute(q).mappings().first()
    if r is None:
        return None
    ct = Contact.__table__
    contacts = tuple(
        ContactRow(id=c["id"], name=c["name"], role=_enum(BuyingRole, c["role"]), title=c["title"],
                   phone=c["phone"], email=c["email"], birthday=c["birthday"], notes=c["notes"],
                   phone2=c["phone2"], wechat=c["wechat"])
        for c in conn.execute(
            ct.select().where(ct.c.customer_id == customer_id, ct.c.deleted_stamp.is_(None)).order_by(ct.c.name)
        ).mappings()
    )
    tags = tuple(tags_by_customer(conn, [customer_id]).get(customer_id, ()))
    return CustomerDetail(
        id=r["id"], kind=_enum(CustomerKind, r["kind"]) or CustomerKind.PERSON, name=r["name"],
        company=r["company"], phone=r["phone"], email=r["email"], address=r["address"],
        industry=r["industry"], size=_enum(CompanySize, r["size"]),
        lead_source=_enum(LeadSource, r["lead_source"]),
        preferred_channel=_enum(Channel, r["preferred_channel"]), birthday=r["birthday"],
        anniversary=r["anniversary"], consent_marketing=bool(r["consent_marketing"]),
        do_not_contact=bool(r["do_not_contact"]), owner=owner_label(r["owner"], people_names(conn)),
        relationship_stage=_enum(RelationshipStage, r["relationship_stage"]), needs=r["needs"],
        notes=r["notes"], external_id=r["external_id"], created_at=r["created_at"],
        updated_at=r["updated_at"], contacts=contacts, tags=tags, wechat=r["wechat"],
        snoozed_until=r["snoozed_until"],
    )


def contact_ids(conn: Connection, customer_id: str) -> set[str]:
    ct = Contact.__table__
    return {r[0] for r in conn.execute(
        ct.select().with_only_columns(ct.c.id).where(ct.c.customer_id == customer_id, ct.c.deleted_stamp.is_(None))
    )}


class TagLink(NamedTuple):
    """One link of a customer to a tag, live or tombstoned (``deleted``: its deleted_stamp)."""

    link_id: str
    tag_id: str
    name: str
    deleted: str | None


def tag_links(conn: Connection, customer_id: str) -> list[TagLink]:
    """Every link ever made between the customer and a tag (tombstoned ones too), by tag name."""
    rows = conn.execute(
        text("SELECT ct.id, ct.tag_id, t.name, ct.deleted_stamp FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id "
             "WHERE ct.customer_id = :c ORDER BY t.name, ct.id"), {"c": customer_id})
    return [TagLink(*r) for r in rows]


def tag_exists(conn: Connection, tag_id: str) -> bool:
    t = Tag.__table__
    return conn.execute(t.select().with_only_columns(t.c.id).where(t.c.id == tag_id)).first() is not None


def all_tags(conn: Connection) -> list[str]:
    return [r[0] for r in conn.execute(text(
        "SELECT name FROM tag WHERE deleted_stamp IS NULL ORDER BY name"))]


def all_owners(conn: Connection) -> list[str]:
    """The names of the distinct owners of live customers, sorted."""
    known = people_names(conn)
    return sorted({owner_label(r[0], known) for r in conn.execute(text(
        "SELECT DISTINCT owner FROM customer WHERE deleted_stamp IS NULL AND owner != ''"))})


def match_details(conn: Connection, ids: Sequence[str]) -> dict[str, tuple[str, list[tuple[str, str, str, str, str]]]]:
    """For a page of customers: their WeChat id and their contacts' (name, phone, phone2, e-mail, WeChat)."""
    if not ids:
        return {}
    out: dict[str, tuple[str, list[tuple[str, str, str, str, str]]]] = {r[0]: (r[1], []) for r in conn.execute(
        text("SELECT id, wechat FROM customer WHERE id IN :ids").bindparams(bindparam("ids", expanding=True)),
        {"ids": list(ids)})}
    for r in conn.execute(
            text("SELECT customer_id, name, phone, phone2, email, wechat FROM contact "
                 "WHERE customer_id IN :ids AND deleted_stamp IS NULL ORDER BY name")
            .bindparams(bindparam("ids", expanding=True)), {"ids": list(ids)}):
        out.setdefault(r[0], ("", []))[1].append((r[1], r[2], r[3], r[4], r[5]))
    return out


def set_updated_at(conn: Connection, customer_ids: Sequence[str], at: datetime) -> None:
    """Mark customers as edited at *at* (the list's "updated" column; not a merged field)."""
    t = Customer.__table__
    conn.execute(t.update().where(t.c.id.in_(list(customer_ids))).values(updated_at=at))


def count_live(conn: Connection) -> int:
    n: int = conn.execute(text("SELECT COUNT(*) FROM customer WHERE deleted_stamp IS NULL")).scalar_one()
    return n


LIST_KEY_COLUMNS = ("id", "name_pinyin", "name", "company", "kind", "phone", "email", "owner", "industry",
                    "updated_at", "do_not_contact")
"""Columns the customer list filters and sorts on, loaded once into memory by the service."""


def load_list_keys(conn: Connection) -> list[tuple[Any, ...]]:
    """One tuple per live customer: :data:`LIST_KEY_COLUMNS` plus its short search key."""
    keys: dict[str, str] = dict(conn.exec_driver_sql("SELECT customer_id, key FROM customer_search").fetchall())
    cols = ", ".join(LIST_KEY_COLUMNS)
    scan = " NOT INDEXED" if conn.dialect.name == "sqlite" else ""  # a table scan beats 100k index lookups
    # companies, kinds, owners and industries repeat: share one string object per value
    # (about 10 MB less for 100k customers); owners are stored as person ids and listed by name
    same: dict[str, str] = {}
    share = same.setdefault
    known = people_names(conn)
    names: dict[str, str] = {}

    def name(value: str) -> str:
        found = names.get(value)
        if found is None:
            found = names[value] = owner_label(value, known)
        return found

    return [(r[0], r[1], r[2], share(r[3], r[3]), share(r[4], r[4]), r[5], r[6], name(r[7]),
             share(r[8], r[8]), r[9], r[10], keys.get(r[0], ""))
            for r in conn.exec_driver_sql(f"SELECT {cols} FROM customer{scan} WHERE deleted_stamp IS NULL")]


def match_text(conn: Connection, variants: Sequence[str]) -> set[str]:
    """Ids of customers (deleted or not) whose search text contains any variant.

    Three characters or more: the trigram index; shorter: ``instr()`` over
    the short key (the trigram index cannot match fewer than three characters).
    """
    variants = [v for v in variants if v]
    if not variants:
        return set()
    if conn.dialect.name == "sqlite" and min(len(v) for v in variants) >= 3:
        match = " OR ".join(_fts_phrase(v) for v in variants)
        rows = conn.execute(text(
            "SELECT s.customer_id FROM customer_fts f JOIN customer_search s ON s.sid = f.rowid "
            "WHERE customer_fts MATCH :m"), {"m": match})
    else:
        fn = "instr(key, :v{i}) > 0" if conn.dialect.name == "sqlite" else "strpos(doc, :v{i}) > 0"
        ors = " OR ".join(fn.format(i=i) for i in range(len(variants)))
        rows = conn.execute(text(f"SELECT customer_id FROM customer_search WHERE {ors}"),
                            {f"v{i}": v for i, v in enumerate(variants)})
    return {r[0] for r in rows}


def ids_with_tag(conn: Connection, tag: str) -> set[str]:
    return {r[0] for r in conn.execute(text(
        "SELECT ct.customer_id FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id "
        "WHERE ct.deleted_stamp IS NULL AND t.name = :tag"), {"tag": tag})}


def ids_by_name(conn: Connection) -> list[str]:
    """All live customer ids in name (pinyin) order, from the covering index alone."""
    return [r[0] for r in conn.exec_driver_sql(
        "SELECT id FROM customer WHERE deleted_stamp IS NULL ORDER BY name_pinyin, name, id")]
