"""Deal queries: rows for the board, the list and the customer's tab; stage history; last contacts.

Reads are plain SQL (one scan of ``deal`` joined to the customer's name: 50,000
deals load in well under the board's 300 ms on the worker); writes go through
:mod:`crm_desktop.db.sync` in the service.  Timestamps are parsed here into aware
UTC datetimes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import text
from sqlalchemy.engine import Connection

from crm_desktop.db.ids import named_marks
from crm_desktop.db.people import owner_name_sql, people_names
from crm_desktop.db.types import bound, parse_ts, parse_ts_required
from crm_desktop.db.types import parse_date as _date
from crm_desktop.domain.deals import DealRow, StageChange
from crm_desktop.domain.people import owner_label

_COLUMNS = ("d.id, d.customer_id, cu.name, d.contact_id, d.title, d.amount_minor, d.currency, d.expected_close, "
            "d.stage, " + owner_name_sql("d.owner") + ", d.source, d.notes, d.created_at, d.stage_changed_at, "
            "d.closed_at, d.lost_reason")
_FROM = ("FROM deal d JOIN customer cu ON cu.id = d.customer_id "
         "WHERE d.deleted_stamp IS NULL AND cu.deleted_stamp IS NULL")


def _row(r: Sequence[Any]) -> DealRow:
    return DealRow(r[0], r[1], r[2] or "", r[3] or None, r[4] or "", int(r[5] or 0), r[6] or "CNY", _date(r[7]),
                   r[8] or "", r[9] or "", r[10] or "", r[11] or "", parse_ts_required(r[12]),
                   parse_ts_required(r[13]), parse_ts(r[14]), r[15] or None)


def load_all(conn: Connection, open_only: Iterable[str] | None = None) -> list[DealRow]:
    """Every live deal of a live customer (unordered); with *open_only*, only deals in those stages."""
    if open_only is None:
        return [_row(r) for r in conn.execute(text(f"SELECT {_COLUMNS} {_FROM}"))]
    keys = list(open_only)
    marks, params = named_marks(keys)
    return [_row(r) for r in conn.execute(text(f"SELECT {_COLUMNS} {_FROM} AND d.stage IN ({marks})"), params)]


_BOARD_SQL = ("SELECT d.id, d.customer_id, cu.name, d.contact_id, d.title, d.amount_minor, d.currency, "
              "d.expected_close, d.stage, d.owner, d.stage_changed_at FROM deal d "
              "JOIN customer cu ON cu.id = d.customer_id WHERE d.deleted_stamp IS NULL AND cu.deleted_stamp IS NULL "
              "AND d.stage NOT IN ({marks})")


def load_board(conn: Connection, closed_stages: Sequence[str]) -> list[DealRow]:
    """The live deals of live customers not in *closed_stages* (the open ones, in whatever stage) with what a
    card shows: a leaner read than :func:`load_all` for the board of tens of thousands of deals (no notes,
    source or closing fields: :func:`load_one` reads those; ``created_at`` is given as the stage's start).
    Read on the DB-API cursor of the same transaction, the one timestamp parsed inline: the board's first
    paint is mostly this loop."""
    raw = cast(sqlite3.Connection, conn.connection.driver_connection)  # typed Any | None by SQLAlchemy
    keys = list(closed_stages)
    out: list[DealRow] = []
    iso = datetime.fromisoformat
    known = people_names(conn)  # owners by name: a dict lookup per card, not a subquery per row
    names: dict[str, str] = {}
    for r in raw.execute(_BOARD_SQL.format(marks=", ".join("?" for _ in keys)), keys):
        at = r[10]
        since = iso(at + "+00:00") if isinstance(at, str) and len(at) > 10 and at[-6] not in "+-" \
            else parse_ts_required(at)
        out.append(DealRow(r[0], r[1], r[2] or "", r[3] or None, r[4] or "", int(r[5] or 0), r[6] or "CNY",
                           _date(r[7]) if r[7] else None, r[8],
                           names.get(r[9]) or names.setdefault(r[9], owner_label(r[9], known)), "", "", since, since))
    return out


def load_for_customer(conn: Connection, customer_id: str) -> list[DealRow]:
    """One customer's live deals, newest first."""
    rows = conn.execute(text(f"SELECT {_COLUMNS} {_FROM} AND d.customer_id = :cid ORDER BY d.created_at DESC, d.id"),
                        {"cid": customer_id})
    return [_row(r) for r in rows]


def load_one(conn: Connection, deal_id: str) -> DealRow | None:
    """A live deal by id (None when missing or deleted)."""
    r = conn.execute(text(f"SELECT {_COLUMNS} FROM deal d JOIN customer cu ON cu.id = d.customer_id "
                          "WHERE d.id = :id AND d.deleted_stamp IS NULL"), {"id": deal_id}).first()
    return None if r is None else _row(r)


def customer_of(conn: Connection, deal_id: str) -> str | None:
    """The customer of the deal *deal_id* (deleted deals too), None when there is no such deal."""
    r = conn.execute(text("SELECT customer_id FROM deal WHERE id = :id"), {"id": deal_id}).first()
    return None if r is None else str(r[0])


def customer_exists(conn: Connection, customer_id: str) -> bool:
    return conn.execute(text("SELECT 1 FROM customer WHERE id = :id AND deleted_stamp IS NULL"),
                        {"id": customer_id}).first() is not None


def contact_of(conn: Connection, contact_id: str, customer_id: str) -> bool:
    """Whether *contact_id* is a live contact of *customer_id*."""
    return conn.execute(text("SELECT 1 FROM contact WHERE id = :id AND customer_id = :c AND deleted_stamp IS NULL"),
                        {"id": contact_id, "c": customer_id}).first() is not None


def history(conn: Connection, deal_id: str) -> list[StageChange]:
    """The deal's stage changes, oldest first."""
    rows = conn.execute(text(
        "SELECT deal_id, at, actor, from_stage, to_stage FROM deal_stage_change "
        "WHERE deal_id = :id AND deleted_stamp IS NULL ORDER BY at, created_stamp, id"), {"id": deal_id})
    return [StageChange(r[0], parse_ts_required(r[1]), r[2] or "", r[3], r[4]) for r in rows]


def closed_history(conn: Connection, closed_stages: Sequence[str]) -> tuple[list[StageChange], dict[str, str]]:
    """Stage changes of the live deals that are closed (in one of *closed_stages*), and deal id → its stage:
    what the usual time in each stage is learned from."""
    marks, params = named_marks(list(closed_stages))
    closed = {r[0]: r[1] for r in conn.execute(text(
        f"SELECT id, stage FROM deal WHERE deleted_stamp IS NULL AND stage IN ({marks})"), params)}
    rows = conn.execute(text(
        "SELECT e.deal_id, e.at, e.actor, e.from_stage, e.to_stage FROM deal_stage_change e "
        f"JOIN deal d ON d.id = e.deal_id WHERE e.deleted_stamp IS NULL AND d.deleted_stamp IS NULL "
        f"AND d.stage IN ({marks})"), params)
    return [StageChange(r[0], parse_ts_required(r[1]), r[2] or "", r[3], r[4]) for r in rows], closed


def stage_outcomes(conn: Connection, won_stage: str, closed_stages: Sequence[str]) -> dict[str, tuple[int, int]]:
    """Per stage: how many live closed deals (in one of *closed_stages*) entered it in their history, and how
    many of those are in *won_stage*.  One aggregate: no history row is decoded."""
    marks, params = named_marks(list(closed_stages))
    params["won"] = won_stage
    rows = conn.execute(text(
        "SELECT e.to_stage, COUNT(DISTINCT e.deal_id), COUNT(DISTINCT CASE WHEN d.stage = :won THEN e.deal_id END) "
        "FROM deal_stage_change e JOIN deal d ON d.id = e.deal_id WHERE e.deleted_stamp IS NULL "
        f"AND d.deleted_stamp IS NULL AND d.stage IN ({marks}) GROUP BY e.to_stage"), params)
    return {r[0]: (int(r[1]), int(r[2] or 0)) for r in rows}


def quiet_candidates(conn: Connection, cutoffs: Mapping[str, datetime], default_cutoff: datetime,
                     closed_stages: Sequence[str], now: datetime,
                     customer_ids: Sequence[str] | None = None) -> list[tuple[DealRow, datetime | None]]:
    """Open deals of live customers that entered their stage before its cutoff and whose customer has no live
    contact logged since it (each with the customer's last contact up to *now*): the few the quiet-deal rule
    (:func:`crm_desktop.domain.deals.quiet_deal`) then decides on.  *cutoffs*: stage key → now minus the
    stage's usual time; *default_cutoff* for stages not listed.  The last contact is one seek per deal in
    ``ix_interaction_customer_time``.  *customer_ids*: only those customers' deals (at most a few hundred)."""
    keys = list(cutoffs)
    params: dict[str, Any] = {"now": bound(conn, now), "dflt": bound(conn, default_cutoff)}
    cases = []
    for i, key in enumerate(keys):
        params[f"k{i}"], params[f"c{i}"] = key, bound(conn, cutoffs[key])
        cases.append(f"WHEN :k{i} THEN :c{i}")
    cut = f"CASE stage {' '.join(cases)} ELSE :dflt END" if cases else ":dflt"
    closed = []
    for i, key in enumerate(closed_stages):
        params[f"x{i}"] = key
        closed.append(f":x{i}")
    only = ""
    if customer_ids is not None:
        marks, ids = named_marks(list(customer_ids))
        params.update(ids)
        only = f"AND d.customer_id IN ({marks or 'NULL'}) "
    sql = (
        "SELECT id, customer_id, name, title, stage, stage_changed_at, last FROM ("
        "SELECT d.id, d.customer_id, cu.name, d.title, d.stage, d.stage_changed_at, "
        "(SELECT MAX(i.occurred_at) FROM interaction i WHERE i.customer_id = d.customer_id "
        "AND i.deleted_stamp IS NULL AND i.occurred_at <= :now) AS last "
        "FROM deal d JOIN customer cu ON cu.id = d.customer_id WHERE d.deleted_stamp IS NULL "
        f"AND cu.deleted_stamp IS NULL {only}AND d.stage NOT IN ({', '.join(closed) or 'NULL'})) "
        f"WHERE stage_changed_at < {cut} AND (last IS NULL OR last < {cut})")
    out = []
    for r in conn.execute(text(sql), params):
        since = parse_ts_required(r[5])
        out.append((DealRow(r[0], r[1], r[2] or "", None, r[3] or "", 0, "CNY", None, r[4], "", "", "", since,
                            since), parse_ts(r[6])))
    return out


def owners(conn: Connection) -> list[str]:
    """The names of the distinct owners of live deals, sorted."""
    rows = conn.execute(text(f"SELECT DISTINCT {owner_name_sql('owner')} FROM deal "
                             "WHERE deleted_stamp IS NULL AND owner <> ''"))
    return sorted(r[0] for r in rows)


def lost_by_reason(conn: Connection, lost_stage: str, since: datetime) -> list[tuple[str | None, str, int, int]]:
    """(lost reason, currency, deals, their amount) of the live deals of live customers in the Lost stage that
    were closed since *since*."""
    rows = conn.execute(text(
        "SELECT d.lost_reason, d.currency, COUNT(*), COALESCE(SUM(d.amount_minor), 0) FROM deal d "
        "JOIN customer cu ON cu.id = d.customer_id WHERE d.deleted_stamp IS NULL AND cu.deleted_stamp IS NULL "
        "AND d.stage = :lost AND d.closed_at >= :since GROUP BY d.lost_reason, d.currency"),
        {"lost": lost_stage, "since": bound(conn, since)})
    return [(r[0], r[1] or "CNY", int(r[2]), int(r[3])) for r in rows]
