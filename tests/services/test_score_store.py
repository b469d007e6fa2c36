"""The day's scores kept in the book: read back when nothing they depend on changed, computed again when it
did, never trusted when damaged, and never a reason for the call list to fail."""

from __future__ import annotations

import sqlite3
from datetime import UTC

import numpy as np
from calllist_book import add_customer, add_orders, background_book
from sqlalchemy.exc import OperationalError

from crm_desktop.db import score_cache
from crm_desktop.services import score_store
from crm_desktop.services.calllist import CallListService


def _book(ctx) -> str:
    background_book(ctx)
    rita = add_customer(ctx, "Rita")
    add_orders(ctx, rita, [63 + 21 * j for j in range(14)], 90000)
    return rita


def _no_fitting(monkeypatch) -> None:
    def refuse(*_a, **_k):
        raise AssertionError("the scores were fitted again")

    monkeypatch.setattr(CallListService, "scores_with_orders", refuse)


def _rows(ctx) -> list[tuple]:
    conn = sqlite3.connect(ctx.db.path)
    try:
        return conn.execute("SELECT day, length(payload) FROM score_cache").fetchall()
    finally:
        conn.close()


def test_the_next_start_reads_the_days_scores_instead_of_fitting(ctx, monkeypatch):
    """A second service on the same book (the next start) gets the same scores and list without fitting."""
    _book(ctx)
    first = CallListService(ctx, tz=UTC)
    entries = first.build()
    fitted = first.day_fit().scores
    assert len(_rows(ctx)) == 1
    _no_fitting(monkeypatch)
    again = CallListService(ctx, tz=UTC)
    kept = again.day_fit().scores
    assert kept.model == fitted.model and list(kept.customer_ids) == list(fitted.customer_ids)
    for name in ("p_alive", "expected_value", "decile", "segment", "lifecycle"):
        assert np.array_equal(getattr(kept, name), getattr(fitted, name))
    assert [e.customer_id for e in again.build()] == [e.customer_id for e in entries]


def test_a_new_order_or_changed_settings_make_them_be_fitted_again(ctx, monkeypatch):
    """An order written since (here by another program: no invalidate), or another horizon: fitted again."""
    rita = _book(ctx)
    CallListService(ctx, tz=UTC).day_fit()
    add_orders(ctx, rita, [1], 50000)
    calls = []
    real = CallListService.scores_with_orders

    def counting(self, *a, **k):
        calls.append(1)
        return real(self, *a, **k)

    monkeypatch.setattr(CallListService, "scores_with_orders", counting)
    svc = CallListService(ctx, tz=UTC)
    assert svc.day_fit().scores.n_orders.sum() > 0 and calls == [1]
    svc.save_settings(svc.settings().__class__(**{**svc.settings().__dict__, "horizon_days": 180}))
    CallListService(ctx, tz=UTC).day_fit()
    assert calls == [1, 1]
    CallListService(ctx, tz=UTC).day_fit()
    assert calls == [1, 1]  # and kept again


def test_a_damaged_row_is_fitted_again_not_read(ctx, monkeypatch):
    """Garbage, a pickle, or an archive missing a field in the payload: the scores are fitted again."""
    _book(ctx)
    CallListService(ctx, tz=UTC).day_fit()
    good = CallListService(ctx, tz=UTC).day_fit().scores
    for payload in (b"not an archive", b"PK\x03\x04broken", score_store.pack(good, "CNY")[:200]):
        conn = sqlite3.connect(ctx.db.path)
        conn.execute("UPDATE score_cache SET payload = ?", (payload,))
        conn.commit()
        conn.close()
        assert score_store.unpack(payload) is None
        again = CallListService(ctx, tz=UTC).day_fit().scores
        assert list(again.customer_ids) == list(good.customer_ids)


def test_a_pickled_archive_is_refused():
    """An archive holding an object array (what a pickle would smuggle in) is not read."""
    import io

    out = io.BytesIO()
    np.savez(out, customer_ids=np.array([{"x": 1}], dtype=object), _header=np.frombuffer(b"{}", dtype=np.uint8))
    assert score_store.unpack(out.getvalue()) is None


def test_a_book_that_cannot_take_the_row_still_gets_its_list(ctx, monkeypatch):
    """Keeping the scores fails (a full disk, a lock): the list is built all the same, from the fit."""
    rita = _book(ctx)

    def full(*_a, **_k):
        raise OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(score_cache, "store", full)
    svc = CallListService(ctx, tz=UTC)
    assert rita in {e.customer_id for e in svc.build()}
    assert _rows(ctx) == []


def test_pack_and_unpack_give_back_every_field(ctx):
    """Every field of the scores survives the archive, ids as text and numbers as numbers."""
    _book(ctx)
    s = CallListService(ctx, tz=UTC).day_fit().scores
    back, currency = score_store.unpack(score_store.pack(s, "CNY"))
    assert currency == "CNY"
    for name, value in vars(s).items():
        other = getattr(back, name)
        if isinstance(value, np.ndarray):
            assert np.array_equal(value, other), name
        else:
            assert value == other or (value != value and other != other), name


def test_text_is_kept_as_ascii_bytes_and_other_text_as_it_is(ctx):
    """Ids and labels in ASCII are kept a byte a character and come back as the same text; text beyond ASCII
    comes back too."""
    import dataclasses
    import io

    _book(ctx)
    s = CallListService(ctx, tz=UTC).day_fit().scores
    with np.load(io.BytesIO(score_store.pack(s, "CNY"))) as archive:
        assert archive["customer_ids"].dtype.kind == "S" and archive["segment"].dtype.kind == "S"
    odd = dataclasses.replace(s, lifecycle=np.array(["活跃"] * len(s.lifecycle)))
    back, _ = score_store.unpack(score_store.pack(odd, "CNY"))
    assert back.lifecycle.tolist() == ["活跃"] * len(s.lifecycle)
    assert back.customer_ids.dtype == object and back.customer_ids.tolist() == s.customer_ids.tolist()
