"""Right of access (everything stored about one customer, as a file they can read) and right to erasure.

A customer may ask to see the data kept about them (China's PIPL gives the right).  The
export gathers the record, its contacts, tags, interactions, orders,
complaints (with their history) into one file:

* ``.txt`` / ``.md`` (default): readable text with headings, in the user's
  language (titles are English templates translated by the caller's
  ``translate``), times in local time;
* ``.json``: the same data machine-readable (data portability), UTC ISO times.

Internal sync metadata (stamps, site ids) is left out: it is about our
files, not about the person.  The file is written next to its final name and
renamed into place.

Erasure (:class:`ErasureService`, see :mod:`crm_desktop.db.erasure`) removes
a person for good: their records keep only ids, stamps, amounts and dates;
the book's file is rewritten so no old page, WAL frame or index segment
keeps them; the automatic backups, before-restore copies and migration
copies beside the book are rewritten the same way; and an erasure record
travels with every later backup so that merging or restoring an older one
cannot bring them back.  Team backups already sent (``.crmbak`` files) are
out of reach; the erasure record is what protects against them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from crm_desktop.db import erasure as er
from crm_desktop.db.errors import sqlite_errors_as_sentences
from crm_desktop.db.person import person_data
from crm_desktop.db.types import parse_ts, ts_text
from crm_desktop.domain.changes import Changes
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError
from crm_desktop.services.context import ServiceContext

Translate = Callable[[str, str], str]

SECTIONS = {
    "customer": QT_TRANSLATE_NOOP("privacy", "Customer record"),
    "contact": QT_TRANSLATE_NOOP("privacy", "Contacts"),
    "tags": QT_TRANSLATE_NOOP("privacy", "Tags"),
    "interaction": QT_TRANSLATE_NOOP("privacy", "Interactions"),
    "sales_order": QT_TRANSLATE_NOOP("privacy", "Orders"),
    "complaint": QT_TRANSLATE_NOOP("privacy", "Complaints"),
    "complaint_event": QT_TRANSLATE_NOOP("privacy", "Complaint history"),
    "deal": QT_TRANSLATE_NOOP("privacy", "Deals"),
    "customer_stage_change": QT_TRANSLATE_NOOP("privacy", "Relationship stage history"),
}

_TIME_COLUMNS = {"created_at", "updated_at", "snoozed_until", "occurred_at", "next_due_at", "ordered_at", "opened_at",
                 "response_due_at", "resolve_due_at", "first_response_at", "resolved_at", "closed_at", "at",
                 "stage_changed_at"}


class PersonNotFound(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "This customer no longer exists."))


class PrivacyService:
    """Gathers and writes one person's data (see module docstring)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def collect(self, customer_id: str) -> dict[str, list[dict[str, Any]]]:
        """Section name → rows (column → stored value) of everything about *customer_id* that is not deleted."""
        with self.ctx.db.reading() as tx:
            data = person_data(tx, customer_id)
        if data is None:
            raise PersonNotFound()
        return data

    def export_person(self, customer_id: str, path: str | Path, *, translate: Translate | None = None,
                      tz: tzinfo | None = None) -> Path:
        """Write everything about *customer_id* to *path* (.json, or readable text otherwise)."""
        data = self.collect(customer_id)
        p = Path(path)
        tx = translate or (lambda _c, t: t)
        if p.suffix.lower() == ".json":
            body = json.dumps({"exported_at": self.ctx.now().isoformat(), **{
                k: [{c: _json_value(c, v) for c, v in r.items()} for r in rows] for k, rows in data.items()}},
                ensure_ascii=False, indent=2)
        else:
            body = self._text(data, tx, tz)
        tmp = p.with_name(p.name + ".part")
        try:
            tmp.write_text(body, encoding="utf-8-sig" if p.suffix.lower() == ".txt" else "utf-8")
            tmp.replace(p)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise UserError(QT_TRANSLATE_NOOP("errors", "Cannot write “{path}”: {detail}"),
                            path=str(p), detail=exc.strerror or str(exc)) from None
        return p

    def _text(self, data: dict[str, list[dict[str, Any]]], tx: Translate, tz: tzinfo | None) -> str:
        name = data["customer"][0].get("name", "")
        lines = [tx("privacy", QT_TRANSLATE_NOOP("privacy", "Data we hold about {name}")).format(name=name),
                 tx("privacy", QT_TRANSLATE_NOOP("privacy", "Exported on {when}")).format(
                     when=_local(self.ctx.now(), tz)),
                 ""]
        for key, title in SECTIONS.items():
            rows = data.get(key, [])
            lines.append(f"== {tx('privacy', title)} ({len(rows)}) ==")
            if key == "tags":
                lines.append(", ".join(r["name"] for r in rows) if rows else "—")
                lines.append("")
                continue
            if not rows:
                lines += ["—", ""]
                continue
            for r in rows:
                for col, v in r.items():
                    if col in ("id", "customer_id", "complaint_id", "contact_id") or v in (None, ""):
                        continue
                    lines.append(f"{col}: {_show(col, v, tz)}")
                lines.append("")
        return "\n".join(lines)


def _parse_ts(v: object) -> datetime | None:
    """A stored time as an aware UTC datetime; None for one that is not a time (shown as stored)."""
    try:
        return parse_ts(v)
    except ValueError:
        return None


def _local(dt: datetime, tz: tzinfo | None) -> str:
    return dt.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def _show(col: str, v: Any, tz: tzinfo | None) -> str:  # v: a stored value of any column
    if col in _TIME_COLUMNS:
        dt = _parse_ts(v)
        return _local(dt, tz) if dt else str(v)
    if col == "amount_minor":
        return f"{int(v) / 100:.2f}"
    if isinstance(v, date):
        return v.isoformat()
    return str(v).replace("\n", "\n    ")


def _json_value(col: str, v: object) -> object:
    if col in _TIME_COLUMNS and v is not None:
        dt = _parse_ts(v)
        return dt.isoformat() if dt else v
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    return v


# --------------------------------------------------------------------------- erasure


class NoSuchCustomerError(UserError):
    def __init__(self, what: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "No customer matches “{what}”."), what=what)


class AmbiguousCustomerError(UserError):
    """*what* names several customers; ``matches`` lists them (id, name, phone, deleted)."""

    def __init__(self, what: str, matches: list[tuple[str, str, str, bool]]) -> None:
        self.matches = matches
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "“{what}” matches {count} customers; give the id of the one to erase."),
            what=what, count=len(matches))


@dataclass
class ErasureResult:
    """What an erasure did: ``records`` erased per kind, ``mentions`` other records' texts cleaned,
    ``copies``: automatic backups and other copies beside the book rewritten without the person;
    ``changes``: everything, everyone's (other people's texts that mentioned them were cleaned too)."""

    customer_id: str
    records: dict[str, int] = field(default_factory=dict)
    mentions: int = 0
    copies: int = 0
    changes: Changes = field(default_factory=Changes.everything)

    @property
    def total(self) -> int:
        return sum(self.records.values())


Progress = Callable[[int, int], None]


class ErasureService:
    """Erases customers for good (see the module docstring); deleting stays the undoable way."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def find(self, what: str) -> tuple[str, str]:
        """The (id, name) of the one customer *what* names (id, exact name, phone or e-mail).

        Raises :class:`NoSuchCustomerError` or :class:`AmbiguousCustomerError` (which lists them).
        """
        with self.ctx.db.bulk() as tx:
            matches = er.find_customers(tx, what)
        if not matches:
            raise NoSuchCustomerError(what)
        live = [m for m in matches if not m[3]]
        if len(matches) > 1 and len(live) == 1 and matches[0][0] != what:
            matches = live  # a deleted namesake does not make a live customer ambiguous
        if len(matches) > 1:
            raise AmbiguousCustomerError(what, matches)
        return matches[0][0], matches[0][1]

    def copies(self) -> list[Path]:
        """Plain copies of the book on this computer: automatic backups, before-restore and migration copies."""
        from crm_desktop.services.backup import BackupService

        if self.ctx.db.path is None:
            return []
        book = Path(self.ctx.db.path).absolute()
        folder = BackupService(self.ctx).backup_dir
        found = sorted(folder.glob("*.sqlite")) if folder.is_dir() else []
        found += sorted(book.parent.glob(f"{book.stem}.schema*-backup*"))
        shared = folder.parent
        if shared.is_dir():  # files an earlier version kept in one folder for every book
            found += sorted(shared.glob("auto-*.sqlite")) + sorted(shared.glob("before-restore-*.sqlite"))
        return found

    def erase(self, customer_id: str, *, progress: Progress | None = None) -> ErasureResult:
        """Erase the customer and everything about them (not undoable).  One transaction for the book, then
        the file and every copy beside it are rewritten without them."""
        stamp = self.ctx.stamp()
        erased_at = ts_text(self.ctx.now())
        db = self.ctx.db
        result = ErasureResult(customer_id)
        copies = self.copies()
        steps = 2 + len(copies)
        with sqlite_errors_as_sentences(db.path):
            with db.bulk() as tx:
                erased = er.erase_from_book(tx, customer_id, stamp, erased_at)
            if erased is None:
                raise NoSuchCustomerError(customer_id)
            if progress:
                progress(1, steps)
            result.mentions, result.records = erased.mentions, erased.records
            if db.path is not None:
                with db.bulk() as tx:
                    er.purge_file(tx, wal=True)
            if progress:
                progress(2, steps)
            for i, copy in enumerate(copies, start=3):
                if er.erase_in_copy(copy, customer_id, stamp, erased_at):
                    result.copies += 1
                if progress:
                    progress(i, steps)
        return result
