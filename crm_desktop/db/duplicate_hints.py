"""Lookups for live duplicate hints while a new customer is typed (防撞单): each one an index probe.

* phone: ``ix_customer_phone`` (E.164 as stored);
* e-mail: ``ix_customer_email`` (the normalised form), and the trigram index for the same address in
  another case;
* the sound of the name: ``ix_customer_live_name`` (``name_pinyin`` leads it);
* the company: the trigram index (``customer_fts``) finds candidates by a word of the
  company, bounded; the service keeps those whose company key is the same.

The trigram lookups (:func:`by_text`) return candidates only: the service checks each.

Every lookup is bounded by *limit* rows, so a switchboard number or a common
name costs no more than a rare one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from crm_desktop.db.people import owner_name_sql
from crm_desktop.db.types import parse_ts


class Candidate(NamedTuple):
    """One live customer a hint may name."""

    id: str
    name: str
    company: str
    owner: str
    phone: str
    email: str
    name_pinyin: str


_COLUMNS = "c.id, c.name, c.company, " + owner_name_sql("c.owner") + ", c.phone, c.email, c.name_pinyin"


def _rows(tx: Connection, sql: str, params: dict[str, object]) -> list[Candidate]:
    return [Candidate(*r) for r in tx.execute(text(sql), params)]


def by_phone(tx: Connection, phone: str, limit: int) -> list[Candidate]:
    """Live customers whose phone is *phone* (E.164)."""
    return _rows(tx, f"SELECT {_COLUMNS} FROM customer c WHERE c.phone = :p AND c.deleted_stamp IS NULL LIMIT :n",
                 {"p": phone, "n": limit})


def by_email(tx: Connection, emails: Sequence[str], limit: int) -> list[Candidate]:
    """Live customers whose e-mail is one of *emails* (exact forms)."""
    if not emails:
        return []
    sql = text(f"SELECT {_COLUMNS} FROM customer c WHERE c.email IN :e AND c.deleted_stamp IS NULL LIMIT :n"
               ).bindparams(bindparam("e", expanding=True))
    return [Candidate(*r) for r in tx.execute(sql, {"e": list(emails), "n": limit})]


def by_name_pinyin(tx: Connection, key: str, limit: int) -> list[Candidate]:
    """Live customers whose stored ``name_pinyin`` is *key* (same sound: 张伟 and 章伟)."""
    return _rows(tx, f"SELECT {_COLUMNS} FROM customer c WHERE c.name_pinyin = :k AND c.deleted_stamp IS NULL "
                     "LIMIT :n", {"k": key, "n": limit})


def by_text(tx: Connection, word: str, limit: int) -> list[Candidate]:
    """Live customers whose search text (company, e-mail … case-folded) holds *word*: the trigram index,
    so three characters or more."""
    if len(word) < 3:
        return []
    if tx.dialect.name != "sqlite":
        return _rows(tx, f"SELECT {_COLUMNS} FROM customer c JOIN customer_search s ON s.customer_id = c.id "
                         "WHERE strpos(s.doc, :w) > 0 AND c.deleted_stamp IS NULL LIMIT :n", {"w": word, "n": limit})
    phrase = '"' + word.replace('"', '""') + '"'
    return _rows(tx, f"SELECT {_COLUMNS} FROM customer_fts f JOIN customer_search s ON s.sid = f.rowid "
                     "JOIN customer c ON c.id = s.customer_id "
                     "WHERE customer_fts MATCH :m AND c.deleted_stamp IS NULL LIMIT :n", {"m": phrase, "n": limit})


def last_contacts(tx: Connection, customer_ids: Sequence[str]) -> dict[str, datetime]:
    """``{customer id: when they were last contacted}`` (only those ever contacted)."""
    if not customer_ids:
        return {}
    sql = text("SELECT customer_id, max(occurred_at) FROM interaction WHERE customer_id IN :ids "
               "AND deleted_stamp IS NULL GROUP BY customer_id").bindparams(bindparam("ids", expanding=True))
    out = {}
    for cid, at in tx.execute(sql, {"ids": list(customer_ids)}):
        when = parse_ts(at)
        if when is not None:
            out[cid] = when
    return out
