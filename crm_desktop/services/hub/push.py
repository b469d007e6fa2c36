"""Pushing one batch of the book's changed rows into the hub, in one transaction.

The hub's copies of the rows are locked (``SELECT … FOR UPDATE``), joined with the book's versions by
the same :func:`~crm_desktop.services.merge.join.merge_row` as an e-mail merge (erasures, children that
bring a deleted customer back, derived fields: the same normalisation), written under the hub's lock
with new sequence numbers (:func:`crm_desktop.db.hub.rows.lock_numbering`).  Two laptops pushing
the same row at once are serialised by the row lock: the second joins with the first's result, so
neither loses a field.

Left out of a batch (and pushed again next time): rows whose result would carry another member's newer
stamp (that member pushes them; row-level security would refuse them anyway) and rows whose parent the
hub does not have yet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from crm_desktop.db.hub import rows as hub
from crm_desktop.services.merge.join import (
    CHILD_TABLES,
    DELETED,
    MERGE_ORDER,
    TABLE_NAMES,
    Row,
    merge_erasure,
    merge_row,
)

EXTRA_PARENTS = {"interaction": (("contact_id", "contact"), ("complaint_id", "complaint")),
                 "deal": (("contact_id", "contact"),)}
"""References the schema does not declare, which a row's parent must satisfy all the same."""


def _site(stamp: str) -> str:
    return stamp[20:]


@dataclass
class PushOutcome:
    """What one batch did: rows written (new sequence numbers), rows the hub had already, rows left."""

    written: int = 0
    acknowledged: dict[str, list[Row]] = field(default_factory=dict)
    """Per table, the book's rows the hub now has (their signatures go into the shadow)."""
    deferred: int = 0


def push_batch(pg: hub.PG, batch: Mapping[str, Sequence[Row]], others: set[str]) -> PushOutcome:
    """Join *batch* (table → the book's rows, erasures under ``"erasure"``) into the hub and commit.

    *others*: the site ids of the other members' laptops (whose stamps this member may not bring in first).
    """
    out = PushOutcome()
    written: dict[str, list[Row]] = defaultdict(list)
    new: dict[str, list[Row]] = defaultdict(list)
    acked: dict[str, list[Row]] = defaultdict(list)
    erasure_rows = {r["id"]: r for r in batch.get("erasure", ())}
    hub_erasures = hub.lock_rows(pg, "erasure", erasure_rows.keys() | {r["id"] for t in TABLE_NAMES
                                                                         for r in batch.get(t, ())})
    touched: dict[str, set[str]] = defaultdict(set)
    for rid, e in erasure_rows.items():
        ours = hub_erasures.get(rid)
        merged = merge_erasure(_etuple(ours), _etuple(e))
        if ours is not None and merged == _etuple(ours):
            acked["erasure"].append(e)
            continue
        if _site(merged[1]) in others:
            out.deferred += 1
            continue
        row = {"id": rid, "table_name": merged[0], "stamp": merged[1], "erased_at": merged[2]}
        (written if ours is not None else new)["erasure"].append(row)
        acked["erasure"].append(e)
        hub_erasures[rid] = row
        touched[str(merged[0])].add(rid)
    incoming = {t: {r["id"]: r for r in batch.get(t, ())} for t in TABLE_NAMES}
    candidates = _candidates(pg, incoming, touched)
    locked = {t: hub.lock_rows(pg, t, candidates[t]) for t in TABLE_NAMES}
    merged_rows: dict[str, dict[str, Row]] = {}
    for table in MERGE_ORDER:
        merged_rows[table] = _join_table(pg, table, candidates[table], locked[table], incoming[table],
                                         hub_erasures, merged_rows, others, out, acked)
    fresh = _check_parents(pg, merged_rows, locked, out, acked, incoming)
    for table in TABLE_NAMES:
        for rid, row in fresh[table].items():
            (written if rid in locked[table] else new)[table].append(row)
    hub.lock_numbering(pg)  # from here to the commit: every row written is numbered as it is written
    for table in ("erasure", *TABLE_NAMES):
        out.written += hub.update_rows(pg, table, written[table])
        got = hub.insert_rows(pg, table, new[table])
        out.written += len(got)
        lost = {r["id"] for r in new[table]} - got
        if lost:  # another laptop made the same row meanwhile (or this member may not see it): next time
            acked[table] = [r for r in acked[table] if r["id"] not in lost]
            out.deferred += len(lost)
    hub.finish_numbering(pg, out.written)
    pg.commit()
    out.acknowledged = dict(acked)
    return out


def _etuple(row: Row | None) -> tuple[object, ...] | None:
    return None if row is None else (row["table_name"], row["stamp"], row["erased_at"])


def _candidates(pg: hub.PG, incoming: Mapping[str, Mapping[str, Row]],
                touched: Mapping[str, set[str]]) -> dict[str, set[str]]:
    """Per table the ids to join: pushed, erased by this push, or a deleted parent of a pushed child."""
    out = {t: set(incoming[t]) | touched.get(t, set()) for t in TABLE_NAMES}
    for parent, children in CHILD_TABLES.items():
        parents = {r.get(col) for child, col in children for r in incoming[child].values()} - {None}
        out[parent] |= hub.deleted_ids(pg, parent, {str(p) for p in parents} - out[parent])
    return out


def _join_table(pg: hub.PG, table: str, ids: set[str], theirs: Mapping[str, Row], ours: Mapping[str, Row],
                erasures: Mapping[str, Row], merged_so_far: Mapping[str, Mapping[str, Row]], others: set[str],
                out: PushOutcome, acked: dict[str, list[Row]]) -> dict[str, Row]:
    """Join the rows *ids* of *table*: the hub's (*theirs*) with the book's (*ours*); returns what to write."""
    children: dict[str, str] = {}
    if table in CHILD_TABLES:
        spec = CHILD_TABLES[table]
        # a child's creation only counts for a row deleted on either side (it may bring the row back)
        deleted = {rid for rid in ids if any(v is not None and v.get(DELETED) is not None
                                             for v in (theirs.get(rid), ours.get(rid)))}
        children = hub.latest_children(pg, spec, deleted, {c: set(merged_so_far.get(c, {})) for c, _ in spec})
        for child, column in spec:
            for r in merged_so_far.get(child, {}).values():
                p = r.get(column)
                if p in ids and (p not in children or r["created_stamp"] > children[p]):
                    children[str(p)] = r["created_stamp"]
        # rows of this batch's children that the hub already had count too (they were not re-written)
    result: dict[str, Row] = {}
    cols = hub.columns(table)
    for rid in sorted(ids):
        a, b = theirs.get(rid), ours.get(rid)
        if a is None and b is None:
            continue
        if b is not None:
            b = {c: b.get(c) for c in cols}
        er = erasures.get(rid)
        res = merge_row(table, a, b, erasure_stamp=er["stamp"] if er and er["table_name"] == table else None,
                        child_created=children.get(rid))
        row = res.row
        if a is not None and all(row.get(c) == a.get(c) for c in cols):
            if b is not None:
                acked[table].append(b)
            continue
        if _site(row["stamp"]) in others and (a is None or row["stamp"] != a["stamp"]):
            out.deferred += 1
            continue
        result[rid] = row
        if b is not None:
            acked[table].append(b)
    return result


def _check_parents(pg: hub.PG, merged: Mapping[str, dict[str, Row]], locked: Mapping[str, Mapping[str, Row]],
                   out: PushOutcome, acked: dict[str, list[Row]],
                   incoming: Mapping[str, Mapping[str, Row]]) -> dict[str, dict[str, Row]]:
    """Leave out the rows whose parent neither the hub nor this batch has (parents first)."""
    kept: dict[str, dict[str, Row]] = {}
    for table in TABLE_NAMES:
        rows = dict(merged.get(table, {}))
        for column, parent in (*hub.foreign_keys(table), *EXTRA_PARENTS.get(table, ())):
            wanted = {str(r[column]) for r in rows.values() if r.get(column)}
            have = set(kept.get(parent, {})) | set(locked.get(parent, {}))
            have |= hub.existing_ids(pg, parent, wanted - have)
            for rid in [rid for rid, r in rows.items() if r.get(column) and str(r[column]) not in have]:
                del rows[rid]
                out.deferred += 1
                if rid in incoming[table]:
                    acked[table] = [r for r in acked[table] if r["id"] != rid]
        kept[table] = rows
    return kept
