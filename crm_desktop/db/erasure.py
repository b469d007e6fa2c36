"""Erasing a person: their records blanked for good, every trace of them gone from the file.

A customer may ask to be deleted (the app's privacy rule; China's PIPL
gives the same right).  Deleting stays undoable (a tombstone); *erasing* is
not.  :func:`erase_person` works on a raw SQLite connection, so the same code
erases from the book, from its automatic backups and from a restored file:

* every record of the person (:data:`~crm_desktop.domain.records.PERSON_TABLES`:
  the customer, contacts, logged contacts, orders, complaints and their
  history, tag links) keeps only its id, stamps, amounts and dates: the
  fields of :data:`~crm_desktop.domain.records.PERSONAL_FIELDS` are blanked
  and the record is tombstoned with the erasure's stamp;
* an erasure record per erased record goes into ``erasure``; it travels with
  every backup and wins over any older copy of the person merged or
  restored later (:func:`apply_erasures`);
* their search text, the "2 versions" kept of their values, and what undo
  batches remember of them are removed; exact mentions of their phone
  numbers, e-mail addresses and WeChat ids in other records' free text are
  replaced by "[…]" (as stamped edits, so teammates get them too).  Mentions
  by name are left: a name is not unique (other people are called 张伟 too).

Getting the old bytes out of the file itself (free pages, the WAL, the
full-text index's old segments) is :func:`purge_file`'s job.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crm_desktop.db.files import remove_book
from crm_desktop.db.ids import chunks, marks
from crm_desktop.domain.records import PERSON_TABLES, PERSONAL_FIELDS

ERASED_MARK = "[…]"
"""What replaces an exact mention of an erased person's phone, e-mail or WeChat id in someone else's text."""

_CHUNK = 500
"""Ids per statement: an edit binds its values besides the ids."""
_MENTION_FIELDS: dict[str, tuple[str, ...]] = {
    "customer": ("notes", "needs", "address"),
    "contact": ("notes",),
    "interaction": ("summary", "next_step"),
    "sales_order": ("description",),
    "complaint": ("description", "resolution"),
    "complaint_event": ("note",),
    "deal": ("title", "notes"),
}
"""Free-text fields of other records searched for mentions of an erased person."""


def person_records(conn: sqlite3.Connection, customer_id: str) -> dict[str, list[str]]:
    """Ids of every record of the customer *customer_id* (deleted ones too), by table."""
    ids: dict[str, list[str]] = {t: [] for t in PERSON_TABLES}
    if conn.execute("SELECT 1 FROM customer WHERE id = ?", (customer_id,)).fetchone():
        ids["customer"] = [customer_id]
    for table in ("contact", "interaction", "sales_order", "complaint", "customer_tag", "deal",
                  "customer_stage_change"):
        ids[table] = [r[0] for r in conn.execute(f"SELECT id FROM {table} WHERE customer_id = ?", (customer_id,))]
    for chunk in chunks(ids["complaint"], _CHUNK):
        ids["complaint_event"] += [r[0] for r in conn.execute(
            f"SELECT id FROM complaint_event WHERE complaint_id IN ({marks(chunk)})", chunk)]
    for chunk in chunks(ids["deal"], _CHUNK):
        ids["deal_stage_change"] += [r[0] for r in conn.execute(
            f"SELECT id FROM deal_stage_change WHERE deal_id IN ({marks(chunk)})", chunk)]
    return ids


def identifiers(conn: sqlite3.Connection, customer_id: str) -> list[str]:
    """What identifies the customer in other records' text: phones (as stored and as digits), e-mails and
    WeChat ids of the customer and their contacts, and their full names when long enough to be theirs
    (:func:`distinctive_name`).  Longest first, so a phone is replaced before its shorter forms."""
    found: set[str] = set()
    rows = conn.execute("SELECT phone, email, wechat FROM customer WHERE id = ?", (customer_id,)).fetchall()
    rows += conn.execute("SELECT phone, phone2, email, wechat FROM contact WHERE customer_id = ?",
                         (customer_id,)).fetchall()
    for row in rows:
        for value in row:
            if isinstance(value, str) and len(value.strip()) >= 5:
                found.add(value.strip())
                digits = "".join(ch for ch in value if ch.isdigit())
                if len(digits) >= 7:
                    found.add(digits)
                    if digits.startswith("86") and len(digits) == 13:
                        found.add(digits[2:])  # +86 138… as typed in China: 138…
                if "@" in value:
                    found.add(value.strip().lower())
    names = [r[0] for r in conn.execute("SELECT name FROM customer WHERE id = ?", (customer_id,))]
    names += [r[0] for r in conn.execute("SELECT name FROM contact WHERE customer_id = ?", (customer_id,))]
    found.update(n.strip() for n in names if distinctive_name(n))
    return sorted(found, key=lambda s: (-len(s), s))


def distinctive_name(name: object) -> bool:
    """True for a full name long enough that a mention of it means this person: three or more CJK
    characters, or a Latin name of two words or eight letters.  Two-character names (张伟) are too common:
    a mention of one may be about someone else, so they are left."""
    if not isinstance(name, str):
        return False
    text = name.strip()
    cjk = sum(1 for ch in text if "\u3400" <= ch <= "\u9fff")
    if cjk:
        return cjk >= 3
    return len(text.split()) >= 2 or len(text) >= 8


def _blank(conn: sqlite3.Connection, table: str, row_ids: list[str], stamp: str) -> None:
    fields = PERSONAL_FIELDS.get(table, {})
    sets = [f'"{f}" = ?' for f in fields] + ["deleted_stamp = ?", "stamp = ?"]
    values: list[Any] = [blank for blank in fields.values()] + [stamp, stamp]
    stamped = {f: stamp for f in (*fields, "deleted_stamp")}
    sets.append("field_stamps = ?")
    values.append(json.dumps(stamped, sort_keys=True))
    if table == "customer":
        sets += ["name_pinyin = ''", "name_initials = ''"]
    for chunk in chunks(row_ids, _CHUNK):
        conn.execute(f'UPDATE "{table}" SET {", ".join(sets)} WHERE id IN ({marks(chunk)})', [*values, *chunk])


@dataclass
class Erased:
    """What :func:`erase_person` did: ``records`` erased per table, ``mentions`` other records' texts
    cleaned, ``reindex``: other customers whose own text (or a contact's) mentioned the person."""

    records: dict[str, int] = field(default_factory=dict)
    mentions: int = 0
    reindex: set[str] = field(default_factory=set)


def erase_person(conn: sqlite3.Connection, customer_id: str, stamp: str, erased_at: str, *,
                 mention_stamp: str | None = None) -> Erased:
    """Erase the customer *customer_id* and all their records in the caller's transaction (see the module).

    ``stamp``: the erasure's stamp; ``erased_at``: its time as stored text;
    ``mention_stamp``: the stamp for edits of other records' text (default ``stamp``).
    """
    ids = person_records(conn, customer_id)
    found = identifiers(conn, customer_id)
    for table, row_ids in ids.items():
        if row_ids:
            _blank(conn, table, row_ids, stamp)
            conn.executemany(
                "INSERT INTO erasure(id, table_name, stamp, erased_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(id) DO NOTHING", [(i, table, stamp, erased_at) for i in row_ids])
    every = [i for row_ids in ids.values() for i in row_ids]
    forget_traces(conn, every, ids["customer"], found)
    touched = scrub_mentions(conn, found, set(every), mention_stamp or stamp)
    result = Erased({t: len(v) for t, v in ids.items()}, sum(len(v) for v in touched.values()),
                    set(touched.get("customer", ())))
    for chunk in chunks(sorted(touched.get("contact", ())), _CHUNK):
        result.reindex.update(r[0] for r in conn.execute(
            f"SELECT customer_id FROM contact WHERE id IN ({marks(chunk)})", chunk))
    return result


def erase_from_book(conn: sqlite3.Connection, customer_id: str, stamp: str, erased_at: str) -> Erased | None:
    """Erase the customer from the open book in one transaction on *conn* (a bulk unit of work), their
    own search text gone and that of customers whose text mentioned them made again; None (nothing
    written) when there is no such customer.  :func:`purge_file` afterwards gets the bytes out."""
    from crm_desktop.db.search import reindex_customers

    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("BEGIN IMMEDIATE")
    if not conn.execute("SELECT 1 FROM customer WHERE id = ?", (customer_id,)).fetchone():
        return None
    erased = erase_person(conn, customer_id, stamp, erased_at)
    reindex_customers(conn, erased.reindex)  # their search texts held the mentions
    return erased


def erase_in_copy(path: Path, customer_id: str, stamp: str, erased_at: str) -> bool:
    """Erase the customer from a plain copy of the book at *path* (an automatic backup, a before-restore
    or migration copy) and purge the file; True when it held them.  A file that is not a book (or is
    damaged) is left alone."""
    from crm_desktop.db.search import reindex_customers

    try:
        conn = sqlite3.connect(path)
    except sqlite3.Error:
        return False
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA secure_delete = ON")
        found = person_records(conn, customer_id)
        if not any(found.values()):
            return False
        conn.execute("BEGIN IMMEDIATE")
        erased = erase_person(conn, customer_id, stamp, erased_at)
        reindex_customers(conn, erased.reindex)
        conn.commit()
        purge_file(conn, wal=False)
        return True
    except sqlite3.DatabaseError:
        return False  # not a book (or damaged): nothing of ours to rewrite
    finally:
        conn.close()
        try:
            remove_book(path, sidecars_only=True)
        except OSError:
            pass


def forget_traces(conn: sqlite3.Connection, row_ids: list[str], customer_ids: list[str],
                  found: list[str]) -> None:
    """Remove search texts, kept "2 versions" and undo data of erased records (*found*: their identifiers)."""
    for chunk in chunks(customer_ids, _CHUNK):
        conn.execute(f"DELETE FROM customer_search WHERE customer_id IN ({marks(chunk)})", chunk)
    for chunk in chunks(row_ids, _CHUNK):
        conn.execute(f"DELETE FROM conflict WHERE row_id IN ({marks(chunk)})", chunk)
    scrub_batches(conn, set(row_ids), set(customer_ids), found)


def scrub_batches(conn: sqlite3.Connection, row_ids: set[str], customer_ids: set[str], found: list[str]) -> int:
    """Make undo batches forget erased people; returns how many batches were changed or removed.

    An import remembers the old values of the customers it updated: those of
    the erased are dropped.  A duplicate merge that involved them is removed
    whole (its description names them).  Any batch still mentioning one of
    their identifiers afterwards is removed too.
    """
    changed = 0
    for batch_id, kind, description, payload in conn.execute(
            "SELECT id, kind, description, payload FROM change_batch").fetchall():
        try:
            data = json.loads(payload or "{}")
        except ValueError:
            data = {}
        drop = False
        new = data
        if kind == "import" and isinstance(data.get("updated"), dict):
            kept = {cid: v for cid, v in data["updated"].items() if cid not in customer_ids}
            if len(kept) != len(data["updated"]):
                new = {**data, "updated": kept}
        elif kind == "dedupe" and (data.get("keep") in customer_ids or data.get("lose") in customer_ids):
            drop = True
        text = json.dumps(new, ensure_ascii=False, sort_keys=True)
        if not drop and any(f in text or f in (description or "") for f in found):
            drop = True
        if drop:
            conn.execute("DELETE FROM change_batch WHERE id = ?", (batch_id,))
            changed += 1
        elif new is not data:
            conn.execute("UPDATE change_batch SET payload = ? WHERE id = ?", (text, batch_id))
            changed += 1
    return changed


def scrub_mentions(conn: sqlite3.Connection, found: list[str], skip: set[str], stamp: str) -> dict[str, set[str]]:
    """Replace exact mentions of *found* in other records' free text by :data:`ERASED_MARK` (stamped edits).

    Returns the ids changed, by table.
    """
    touched: dict[str, set[str]] = {}
    if not found:
        return touched
    for table, fields in _MENTION_FIELDS.items():
        for column in fields:
            for ident in found:
                rows = [r[0] for r in conn.execute(
                    f'SELECT id FROM "{table}" WHERE instr("{column}", ?) > 0', (ident,)) if r[0] not in skip]
                for chunk in chunks(rows, _CHUNK):
                    conn.execute(
                        f'UPDATE "{table}" SET "{column}" = replace("{column}", ?, ?), stamp = ?, '
                        f"field_stamps = json_set(CASE WHEN json_valid(field_stamps) THEN field_stamps ELSE '{{}}' "
                        f"END, '$.{column}', ?) WHERE id IN ({marks(chunk)})",
                        [ident, ERASED_MARK, stamp, stamp, *chunk])
                if rows:
                    touched.setdefault(table, set()).update(rows)
    return touched


def apply_erasures(conn: sqlite3.Connection, mention_stamp: str) -> Erased:
    """Erase again every record the ``erasure`` table lists that still holds personal data (a restored
    older file), and the mentions of those people in other records' text (edits stamped *mention_stamp*).

    Returns what changed (``reindex``: customers whose search text must be made again).  Idempotent.
    """
    result = Erased()
    people = [r[0] for r in conn.execute(
        "SELECT DISTINCT c.id FROM erasure e JOIN customer c ON c.id = e.id AND e.table_name = 'customer'")]
    for customer_id in people:
        found = identifiers(conn, customer_id)
        ids = person_records(conn, customer_id)
        holding = False
        for table, row_ids in ids.items():
            fields = PERSONAL_FIELDS.get(table, {})
            for chunk in chunks(row_ids, _CHUNK):
                filled = " OR ".join([f'("{f}" IS NOT NULL AND "{f}" != \'\')' for f in fields]
                                     + ["deleted_stamp IS NULL"])
                rows = conn.execute(f'SELECT t.id, coalesce(e.stamp, ?) FROM "{table}" t LEFT JOIN erasure e '
                                    f"ON e.id = t.id WHERE t.id IN ({marks(chunk)}) AND ({filled})",
                                    [mention_stamp, *chunk]).fetchall()
                for row_id, stamp in rows:
                    _blank(conn, table, [row_id], stamp)
                    result.records[table] = result.records.get(table, 0) + 1
                    holding = True
        if not holding:
            continue
        every = [i for row_ids in ids.values() for i in row_ids]
        conn.executemany("INSERT INTO erasure(id, table_name, stamp, erased_at) SELECT ?, ?, stamp, erased_at "
                         "FROM erasure WHERE id = ? ON CONFLICT(id) DO NOTHING",
                         [(i, t, customer_id) for t, row_ids in ids.items() for i in row_ids])
        forget_traces(conn, every, [customer_id], found)
        touched = scrub_mentions(conn, found, set(every), mention_stamp)
        result.mentions += sum(len(v) for v in touched.values())
        result.reindex |= set(touched.get("customer", ()))
        for chunk in chunks(sorted(touched.get("contact", ())), _CHUNK):
            result.reindex.update(r[0] for r in conn.execute(
                f"SELECT customer_id FROM contact WHERE id IN ({marks(chunk)})", chunk))
    return result


def purge_file(conn: sqlite3.Connection, *, wal: bool) -> None:
    """Get erased bytes out of the file: the full-text index rewritten without old segments, every page
    rebuilt (``VACUUM``: no free pages or slack keep old values) and, in WAL mode, the WAL emptied.

    Outside any transaction; call after the erasure committed.  ``secure_delete`` is on for the work, so
    pages freed on the way are zeroed too.
    """
    conn.execute("PRAGMA secure_delete = ON")
    has_fts = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'customer_fts'").fetchone()
    if has_fts:
        conn.execute("INSERT INTO customer_fts(customer_fts) VALUES ('optimize')")
        conn.commit()
    if wal:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("VACUUM")
    if wal:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def find_customers(conn: sqlite3.Connection, text: str) -> list[tuple[str, str, str, bool]]:
    """Customers *text* names: by id, by exact name (ignoring case and spaces), by phone or e-mail.

    Rows (id, name, phone, deleted); live customers first.  An empty list when nothing matches.
    """
    text = text.strip()
    if not text:
        return []
    digits = "".join(ch for ch in text if ch.isdigit())
    squeezed = "".join(text.split()).casefold()
    rows = conn.execute(
        "SELECT id, name, phone, deleted_stamp IS NOT NULL FROM customer WHERE id = :t "
        "OR lower(replace(name, ' ', '')) = :n OR (length(:d) >= 7 AND (ltrim(phone, '+') = :d "
        "OR ltrim(phone, '+') = '86' || :d)) OR (instr(:t, '@') > 0 AND lower(email) = lower(:t)) "
        "ORDER BY deleted_stamp IS NOT NULL, name, id LIMIT 50",
        {"t": text, "n": squeezed, "d": digits}).fetchall()
    exact = [r for r in rows if r[0] == text]
    if exact:
        return [(r[0], r[1], r[2], bool(r[3])) for r in exact]
    # lower() in SQLite folds ASCII only; compare names once more in Python
    named = [r for r in rows if "".join((r[1] or "").split()).casefold() == squeezed]
    others = [r for r in rows if r not in named and r[0] != text]
    return [(r[0], r[1], r[2], bool(r[3])) for r in (named + others)]
