"""The day's scores as bytes, for the book's score cache (:mod:`crm_desktop.db.score_cache`).

A NumPy ``.npz`` archive: one array per array field of :class:`~crm_desktop.scoring.BookScores` (ids and
labels as fixed-width text, never pickled objects — as bytes when all ASCII, a quarter of NumPy's four bytes a
character: the row is read on every start of the day, and 100k ids as text were 13 MB) and a JSON header with
the scalar fields, the currency and which fields are bytes.  Reading refuses anything else — a damaged row, a
row of another version, a field that is missing or of the wrong length — by returning None, and the scores are
then computed again.
"""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile
from collections.abc import Callable
from datetime import datetime
from typing import Any

import numpy as np

from crm_desktop.db import calllist as cq
from crm_desktop.db import score_cache as q
from crm_desktop.scoring import BookScores
from crm_desktop.services.context import ServiceContext

VERSION = 2
"""Bump when :class:`BookScores` or the scoring changes: rows of another version are computed again."""

_FIELDS = {f.name for f in dataclasses.fields(BookScores)}


def pack(scores: BookScores, currency: str) -> bytes:
    """*scores* and *currency* as the bytes the cache keeps."""
    arrays: dict[str, np.ndarray] = {}
    header: dict[str, Any] = {"version": VERSION, "currency": currency}
    ascii_fields = []
    for name in sorted(_FIELDS):
        value = getattr(scores, name)
        if isinstance(value, np.ndarray):
            if value.dtype == object or value.dtype.kind == "U":
                value = value.astype(str)
                try:
                    value = value.astype(np.bytes_)
                    ascii_fields.append(name)
                except UnicodeEncodeError:
                    pass  # text beyond ASCII stays four bytes a character
            arrays[name] = value
        else:
            header[name] = value
    header["ascii"] = ascii_fields
    arrays["_header"] = np.frombuffer(json.dumps(header).encode(), dtype=np.uint8)
    out = io.BytesIO()
    np.savez(out, allow_pickle=False, **arrays)
    return out.getvalue()


def unpack(payload: bytes) -> tuple[BookScores, str] | None:
    """The scores and currency kept in *payload*; None when it is not a whole archive of this version."""
    try:
        with np.load(io.BytesIO(payload), allow_pickle=False) as archive:
            header = json.loads(bytes(archive["_header"]).decode())
            if not isinstance(header, dict) or header.get("version") != VERSION:
                return None
            values: dict[str, Any] = {}
            ascii_fields = header.get("ascii", [])
            for name in _FIELDS:
                if name in header:
                    values[name] = header[name]
                else:
                    values[name] = archive[name]
                    if name in ascii_fields:
                        if values[name].dtype.kind != "S":
                            return None
                        values[name] = values[name].astype(str)
            currency = str(header["currency"])
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile, UnicodeDecodeError):
        return None
    ids = values["customer_ids"]
    if not isinstance(ids, np.ndarray) or any(
            isinstance(v, np.ndarray) and v.shape != ids.shape for v in values.values()):
        return None
    values["customer_ids"] = ids.astype(object)
    return BookScores(**values), currency


def load(ctx: ServiceContext, day: str, key: str) -> tuple[tuple[BookScores, str] | None, str]:
    """``(kept, fingerprint)``: the scores of *day* kept in the book when they were computed from the book as
    it is now and under *key* (the settings they depend on), else None; and that state's fingerprint, for
    :func:`keep` (taken before the scores are computed, so a write meanwhile makes the row stale)."""
    with ctx.db.reading() as tx:
        fp = q.fingerprint(tx, f"v{VERSION}|{key}")
        payload = q.load(tx, day, fp)
    return (unpack(payload) if payload is not None else None), fp


def keep(ctx: ServiceContext, day: str, fp: str, scores: BookScores, currency: str) -> bool:
    """Keep the scores of *day*, computed from the state *fp*, in the book (a derived row: it stamps nothing
    and is never merged); False when the book could not take it (the scores are computed next time)."""
    return q.store_quietly(ctx.db, day, fp, ctx.now(), pack(scores, currency))


def fit_or_keep(ctx: ServiceContext, day: str, key: str,
                compute: Callable[[], tuple[BookScores, Any]]) -> tuple[BookScores, str, Any]:
    r"""``(scores, currency, orders)`` of *day*: kept ones (``orders`` None) when the book has them for its
    present state and *key*, else *compute*\ d — ``(scores, order arrays)`` — and kept for next time."""
    kept, fp = load(ctx, day, key)
    if kept is not None:
        return kept[0], kept[1], None
    scores, orders = compute()
    keep(ctx, day, fp, scores, orders.currency)
    return scores, orders.currency, orders


def with_orders(ctx: ServiceContext, fit: Any, before: datetime) -> Any:
    """*fit* (a :class:`~crm_desktop.services.calllist_ranking.DayFit`) with the order arrays its scores were
    computed from, orders before *before* — read now when its scores were kept in the book."""
    if fit.orders is None:
        with ctx.db.reading() as tx:
            fit.orders = cq.order_arrays(tx, before)
    return fit
