"""Right of access: everything stored about one customer, as a file they can read.

DOMAIN.md ("Trust and privacy"): a customer may ask to see their data.  The
export gathers the record, its contacts, tags, interactions, orders,
complaints (with their history) into one file:

* ``.txt`` / ``.md`` (default): readable text with headings, in the user's
  language (titles are English templates translated by the caller's
  ``translate``), times in local time;
* ``.json``: the same data machine-readable (data portability), UTC ISO times.

Internal sync metadata (stamps, site ids) is left out: it is about our
files, not about the person.  The file is written next to its final name and
renamed into place.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timezone, tzinfo
from pathlib import Path
from typing import Callable

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
}

_SKIP = {"created_stamp", "field_stamps", "stamp", "deleted_stamp", "name_pinyin", "name_initials"}
_TIME_COLUMNS = {"created_at", "updated_at", "snoozed_until", "occurred_at", "next_due_at", "ordered_at", "opened_at",
                 "response_due_at", "resolve_due_at", "first_response_at", "resolved_at", "closed_at", "at"}


class PersonNotFound(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "This customer no longer exists."))


class PrivacyService:
    """Gathers and writes one person's data (see module docstring)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def collect(self, customer_id: str) -> dict[str, list[dict]]:
        """Section name → rows (column → stored value) of everything about *customer_id* that is not deleted."""
        out: dict[str, list[dict]] = {}
        with self.ctx.db.engine.connect() as conn:
            def rows(sql: str, params: tuple) -> list[dict]:
                cur = conn.exec_driver_sql(sql, params)
                cols = list(cur.keys())
                return [{c: v for c, v in zip(cols, r) if c not in _SKIP} for r in cur]

            out["customer"] = rows("SELECT * FROM customer WHERE id = ? AND deleted_stamp IS NULL", (customer_id,))
            if not out["customer"]:
                raise PersonNotFound()
            out["contact"] = rows("SELECT * FROM contact WHERE customer_id = ? AND deleted_stamp IS NULL "
                                  "ORDER BY name", (customer_id,))
            out["tags"] = rows("SELECT t.name FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id "
                               "WHERE ct.customer_id = ? AND ct.deleted_stamp IS NULL ORDER BY t.name", (customer_id,))
            out["interaction"] = rows("SELECT * FROM interaction WHERE customer_id = ? AND deleted_stamp IS NULL "
                                      "ORDER BY occurred_at", (customer_id,))
            out["sales_order"] = rows("SELECT * FROM sales_order WHERE customer_id = ? AND deleted_stamp IS NULL "
                                      "ORDER BY ordered_at", (customer_id,))
            out["complaint"] = rows("SELECT * FROM complaint WHERE customer_id = ? AND deleted_stamp IS NULL "
                                    "ORDER BY opened_at", (customer_id,))
            out["complaint_event"] = rows(
                "SELECT e.* FROM complaint_event e JOIN complaint c ON c.id = e.complaint_id "
                "WHERE c.customer_id = ? AND e.deleted_stamp IS NULL AND c.deleted_stamp IS NULL ORDER BY e.at",
                (customer_id,))
        return out

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

    def _text(self, data: dict[str, list[dict]], tx: Translate, tz: tzinfo | None) -> str:
        name = data["customer"][0].get("name", "")
        lines = [tx("privacy", QT_TRANSLATE_NOOP("privacy", "Data we hold about {name}")).format(name=name),
                 tx("privacy", QT_TRANSLATE_NOOP("privacy", "Exported on {when}")).format(when=_local(self.ctx.now(), tz)), ""]
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


def _parse_ts(v) -> datetime | None:
    if isinstance(v, datetime):
        return v if v.tzinfo else v.replace(tzinfo=timezone.utc)
    try:
        return datetime.fromisoformat(str(v)).replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def _local(dt: datetime, tz: tzinfo | None) -> str:
    return dt.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def _show(col: str, v, tz: tzinfo | None) -> str:
    if col in _TIME_COLUMNS:
        dt = _parse_ts(v)
        return _local(dt, tz) if dt else str(v)
    if col == "amount_minor":
        return f"{int(v) / 100:.2f}"
    if isinstance(v, date):
        return v.isoformat()
    return str(v).replace("\n", "\n    ")


def _json_value(col: str, v):
    if col in _TIME_COLUMNS and v is not None:
        dt = _parse_ts(v)
        return dt.isoformat() if dt else v
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    return v
