"""``crm-desktop calllist`` and ``crm-desktop scores``: the call list and the fitted model on the command line.

Reasons print in the user's language (the CLI's translator); JSON and CSV
carry the raw reason kinds and numbers too, so scripts need not parse text.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from crm_desktop.cli.common import (
    T,
    close_for_command,
    open_for_command,
    translate,
    whole_number,
)
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError

if TYPE_CHECKING:
    from crm_desktop.db.database import Database
    from crm_desktop.db.lock import BookLock
    from crm_desktop.services.context import ServiceContext


class BadDate(UserError):
    def __init__(self, value: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "“{value}” is not a date; write it as YYYY-MM-DD."), value=value)


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadDate(value) from None


def register(sub: Any, groups: dict[str, Any]) -> None:
    c = sub.add_parser("calllist", help=T("cli", "print today's call list (whom to call, and why)"))
    c.add_argument("--db", help=T("cli", "the book to read"))
    c.add_argument("--date", help=T("cli", "the day to list, YYYY-MM-DD (default today); other days are taken at "
                                           "09:00 local time"))
    c.add_argument("--top", type=whole_number(1, 100_000),
                   help=T("cli", "number of rows (default: the team setting, 30)"))
    c.add_argument("--format", choices=["table", "csv", "json"], default="table",
                   help=T("cli", "table for people; csv and json (with E.164 phones) for programs"))
    c.set_defaults(func=cmd_calllist)

    s = sub.add_parser("scores", help=T("cli", "fit the value models and print each customer's scores"))
    s.add_argument("--db", help=T("cli", "the book to read"))
    s.add_argument("--as-of", dest="as_of", help=T("cli", "score as of the end of this day, YYYY-MM-DD (default "
                                                          "today, UTC); later orders are ignored"))
    s.add_argument("--horizon-days", dest="horizon_days", type=whole_number(1, 36_500), default=365,
                   help=T("cli", "horizon of expected purchases and value in days (default 365)"))
    s.add_argument("--format", choices=["json", "csv"], default="json", help=T("cli", "output format"))
    s.set_defaults(func=cmd_scores)


def _open(args: argparse.Namespace) -> tuple[Database, BookLock | None, ServiceContext]:
    from crm_desktop.services.context import ServiceContext

    db, lock = open_for_command(args)
    return db, lock, ServiceContext(db)


def _close(db: Database, lock: BookLock | None) -> None:
    close_for_command(db, lock)


def cmd_calllist(args: argparse.Namespace) -> int:
    from crm_desktop.domain.calllist import render_reason
    from crm_desktop.services.calllist import CallListService

    now = datetime.now(UTC)
    if args.date:
        day = _date(args.date)
        if day != now.astimezone().date():
            now = datetime.combine(day, time(9, 0)).astimezone()
    db, lock, ctx = _open(args)
    try:
        ctx.now = lambda: now
        entries = CallListService(ctx).build(now, top_n=args.top)
    finally:
        _close(db, lock)
    texts = [[render_reason(r, translate) for r in e.reasons] for e in entries]
    out = sys.stdout
    if args.format == "json":
        json.dump([{
            "rank": e.rank, "customer_id": e.customer_id, "name": e.name, "phone": e.phone,
            "score": round(e.score, 3), "reasons": t,
            "reason_details": [{"kind": r.kind, "score": round(r.score, 3), "params": r.params} for r in e.reasons],
        } for e, t in zip(entries, texts)], out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
    elif args.format == "csv":
        w = csv.writer(out)
        w.writerow(["rank", "customer_id", "name", "phone", "score", "reasons"])
        for e, t in zip(entries, texts):
            w.writerow([e.rank, e.customer_id, e.name, e.phone, f"{e.score:.1f}", "; ".join(t)])
    else:
        from crm_desktop.services.validation import format_phone

        for e, t in zip(entries, texts):
            out.write(f"{e.rank:>3}. {e.name}  {format_phone(e.phone)}\n")
            for line in t:
                out.write(f"       - {line}\n")
        if not entries:
            out.write(translate("calllist", QT_TRANSLATE_NOOP("calllist", "Nobody to call today.")) + "\n")
    return 0


def _num(v: Any) -> Any:
    if v is None:
        return None
    f = float(v)
    return f if math.isfinite(f) else None


def _json_values(values: list[Any]) -> list[str]:
    """Each of *values* (numbers: no ", " inside) as JSON text, encoded by json's C encoder in one call."""
    if not values:
        return []
    return json.dumps(values)[1:-1].split(", ")


def _json_texts(values: list[Any]) -> list[str]:
    """Each of *values* (text, or now and then None) as JSON text, as the encoder writes it."""
    try:
        return list(map(json.encoder.encode_basestring, values))  # C; refuses anything but str
    except TypeError:
        return [json.dumps(v, ensure_ascii=False) for v in values]


def _customer_lines(cols: tuple[str, ...], s: Any, names: dict[str, str]) -> list[str]:
    """One JSON object per customer, ``"  {"customer_id": …, …}"``, the keys in the order of *cols*.

    The same text as ``json.JSONEncoder(ensure_ascii=False).encode`` of each customer's dict (numbers as
    ``float.__repr__``, NaN, Infinity; strings escaped alike), encoded a column at a time: a call of the
    encoder per customer cost seconds on 100k customers, mostly in setting the encoder up.
    """
    ids = s.customer_ids.tolist()
    columns = [
        _json_texts(ids), _json_texts([names.get(cid, "") for cid in ids]),
        _json_values(list(map(int, s.n_orders.tolist()))),
        _json_values(s.frequency.tolist()), _json_values(s.recency.tolist()), _json_values(s.T.tolist()),
        _json_values((s.monetary / 100.0).tolist()), _json_values(s.p_alive.tolist()),
        _json_values(s.expected_purchases.tolist()), _json_values((s.expected_value / 100.0).tolist()),
        _json_values(list(map(int, s.decile.tolist()))), _json_texts(s.segment.tolist()),
        _json_texts(s.lifecycle.tolist()),
        *(_json_values(list(map(int, a.tolist()))) for a in (s.rfm_recency, s.rfm_frequency, s.rfm_monetary,
                                                               s.rfm_total)),
    ]
    if len(columns) != len(cols) or any(len(c) != len(ids) for c in columns):
        raise ValueError("scores of unequal length")
    template = "  {" + ", ".join(json.dumps(c) + ": %s" for c in cols) + "}"
    return [template % values for values in zip(*columns)]


def cmd_scores(args: argparse.Namespace) -> int:
    from crm_desktop.services.calllist import CallListService

    as_of_day = _date(args.as_of) if args.as_of else datetime.now(UTC).date()
    as_of = datetime.combine(as_of_day, time(0, 0), tzinfo=UTC)
    before = as_of + timedelta(days=1)
    db, lock, ctx = _open(args)
    try:
        svc = CallListService(ctx)
        s, currency = svc.scores(as_of, horizon_days=args.horizon_days, before=before)
        names = svc.customer_names(s.customer_ids.tolist())
    finally:
        _close(db, lock)
    model = {
        "as_of": as_of_day.isoformat(), "model": s.model, "fallback_reason": s.fallback_reason,
        "spend_fallback_reason": s.spend_fallback_reason, "time_unit": "weeks" if s.time_unit_days == 7 else "days",
        "time_unit_days": s.time_unit_days, "horizon_days": s.horizon_days, "currency": currency,
        "bgnbd": {"r": _num(s.r), "alpha": _num(s.alpha), "a": _num(s.a), "b": _num(s.b),
                  "log_likelihood": _num(s.bgnbd_log_likelihood)},
        "gamma_gamma": {"p": _num(s.p), "q": _num(s.q),
                        "gamma": None if s.gamma is None else _num(s.gamma / 100.0),
                        "log_likelihood": _num(s.gg_log_likelihood)},
        "money_unit": "major (minor units / 100)",
        "pareto_share_expected": _num(s.pareto_share_expected),
        "pareto_share_historical": _num(s.pareto_share_historical),
        "customers": len(s.customer_ids), "customers_with_orders": int(s.has_orders.sum()),
    }
    cols = ("customer_id", "name", "orders", "frequency", "recency", "T", "monetary", "p_alive",
            "expected_purchases", "expected_value", "decile", "segment", "lifecycle", "rfm_recency", "rfm_frequency",
            "rfm_monetary", "rfm_total")
    out = sys.stdout
    if args.format == "json":
        out.write('{\n "model": ' + json.dumps(model, ensure_ascii=False, indent=1).replace("\n", "\n ")
                  + ',\n "customers": [\n')
        lines = _customer_lines(cols, s, names)
        for start in range(0, len(lines), 5000):  # in slices: the whole text at once doubled the memory
            out.write((",\n" if start else "") + ",\n".join(lines[start:start + 5000]))
        out.write("\n ]\n}\n")
        return 0
    rows = zip(s.customer_ids.tolist(), s.n_orders.tolist(), s.frequency.tolist(), s.recency.tolist(), s.T.tolist(),
               (s.monetary / 100.0).tolist(), s.p_alive.tolist(), s.expected_purchases.tolist(),
               (s.expected_value / 100.0).tolist(), s.decile.tolist(), s.segment.tolist(), s.lifecycle.tolist(),
               s.rfm_recency.tolist(), s.rfm_frequency.tolist(), s.rfm_monetary.tolist(), s.rfm_total.tolist(),
               strict=True)
    out.write("# " + json.dumps(model, ensure_ascii=False) + "\n")
    w = csv.writer(out)
    w.writerow(cols)
    for cid, n, x, tx, age, m, pa, ep, ev, dec, seg, st, rr, rf, rm, rt in rows:
        w.writerow([cid, names.get(cid, ""), int(n), f"{x:g}", f"{tx:.6g}", f"{age:.6g}", f"{m:.2f}", f"{pa:.6f}",
                    f"{ep:.6f}", f"{ev:.2f}", int(dec), seg, st, int(rr), int(rf), int(rm), int(rt)])
    return 0
