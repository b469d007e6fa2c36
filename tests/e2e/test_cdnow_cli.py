"""CDNOW end to end: orders in a database file, then `crm-desktop scores` through the CLI, checked against the paper.

The 2,357-customer CDNOW sample (shipped in the `lifetimes` package, a test-only
dependency) is written as customers + orders with executemany (the bulk path an
import takes), all of it, through 1998-06; ``--as-of 1997-09-30`` must ignore
the later orders and reproduce Fader, Hardie & Lee's BG/NBD r, α, a, b and the
Gamma-Gamma p, q, γ to three significant digits, time unit weeks.
"""

from __future__ import annotations

import json
import math
import os
from datetime import UTC, datetime

import pytest


@pytest.fixture(autouse=True)
def _gui_app(qapp):
    """The CLI's translator makes a bare QCoreApplication when none exists, which would stop later
    widget tests in this process from creating windows; pytest-qt's QApplication comes first."""
    return qapp


def sig3(x: float) -> float:
    return float(f"{x:.3g}")


def _load_sample():
    lifetimes = pytest.importorskip("lifetimes")
    path = os.path.join(os.path.dirname(lifetimes.__file__), "datasets", "CDNOW_sample.txt")
    with open(path) as fh:
        rows = [ln.split() for ln in fh if ln.strip() and ln.split()[0].isdigit()]
    return [(r[1], r[2], round(float(r[4]) * 100)) for r in rows]  # (sample id, yyyymmdd, cents)


@pytest.fixture(scope="module")
def cdnow_db(tmp_path_factory):
    from crm_desktop.db.bulk import insert_many, set_meta
    from crm_desktop.db.database import open_database
    from crm_desktop.db.sync import new_id
    from crm_desktop.db.types import ts_text

    path = tmp_path_factory.mktemp("cdnow") / "cdnow.sqlite"
    orders = _load_sample()
    db = open_database(path)
    stamp = db.clock.tick(int(datetime(2026, 1, 1, tzinfo=UTC).timestamp() * 1000))
    created = ts_text(datetime(1997, 1, 1, tzinfo=UTC))
    ids = {}
    for ext, _, _ in orders:
        ids.setdefault(ext, new_id())
    with db.raw_connection() as conn:
        insert_many(conn, "customer", ("id", "created_stamp", "stamp", "kind", "name", "name_pinyin",
                                       "name_initials", "company", "phone", "email", "address", "industry",
                                       "consent_marketing", "do_not_contact", "owner", "needs", "notes",
                                       "external_id", "created_at", "updated_at"),
                    [(cid, stamp, stamp, "person", f"CDNOW {ext}", f"cdnow {ext}", "c", "", "", "", "", "", 0, 0, "",
                      "", "", ext, created, created) for ext, cid in ids.items()])
        insert_many(conn, "sales_order", ("id", "created_stamp", "stamp", "customer_id", "ordered_at", "amount_minor",
                                          "currency", "description", "external_ref"),
                    [(new_id(), stamp, stamp, ids[ext], ts_text(datetime(int(d[:4]), int(d[4:6]), int(d[6:]),
                                                                        tzinfo=UTC)), cents, "USD", "", "")
                     for ext, d, cents in orders])
        set_meta(conn, "last_stamp", stamp)
    db.close()
    return path, orders, ids


def _run(capsys, *argv):
    from crm_desktop.cli import main

    code = main(list(argv))
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def test_scores_cli_reproduces_the_paper_on_cdnow(cdnow_db, capsys):
    """`scores --as-of 1997-09-30 --format json` gives the paper's BG/NBD and Gamma-Gamma parameters, in weeks."""
    path, orders, ids = cdnow_db
    assert len(ids) == 2357 and max(d for _, d, _ in orders) > "19970930"  # later orders are in the file
    data = json.loads(_run(capsys, "scores", "--db", str(path), "--as-of", "1997-09-30", "--format", "json"))
    m = data["model"]
    assert m["model"] == "bgnbd+gamma-gamma" and m["fallback_reason"] == "" and m["time_unit"] == "weeks"
    bg, gg = m["bgnbd"], m["gamma_gamma"]
    assert (sig3(bg["r"]), sig3(bg["alpha"]), sig3(bg["a"]), sig3(bg["b"])) == (0.243, 4.41, 0.793, 2.43)
    assert (round(bg["alpha"], 3), round(bg["b"], 3)) == (4.414, 2.426)
    assert (sig3(gg["p"]), sig3(gg["q"]), sig3(gg["gamma"])) == (6.25, 3.74, 15.4)
    assert abs(gg["gamma"] - 15.44) < 0.01
    assert math.isfinite(bg["log_likelihood"]) and bg["log_likelihood"] < 0
    assert m["currency"] == "USD" and m["customers"] == 2357


def test_scores_cli_ignores_later_orders_and_reports_each_customer(cdnow_db, capsys):
    """Each customer's order count is that up to as_of; every field is present and finite."""
    path, orders, ids = cdnow_db
    data = json.loads(_run(capsys, "scores", "--db", str(path), "--as-of", "1997-09-30"))
    per = {c["customer_id"]: c for c in data["customers"]}
    want = {}
    for ext, d, _ in orders:
        if d <= "19970930":
            want[ids[ext]] = want.get(ids[ext], 0) + 1
    assert {cid: c["orders"] for cid, c in per.items() if c["orders"]} == want
    one = next(iter(per.values()))
    for key in ("frequency", "recency", "T", "monetary", "p_alive", "expected_purchases", "expected_value"):
        assert all(math.isfinite(c[key]) for c in per.values()), key
    assert set(one) >= {"decile", "segment", "lifecycle", "name", "rfm_recency", "rfm_frequency", "rfm_monetary",
                        "rfm_total"}
    assert {c["decile"] for c in per.values()} == set(range(1, 11))
    buyers = [c for c in per.values() if c["orders"]]
    assert all(c["rfm_total"] == c["rfm_recency"] + c["rfm_frequency"] + c["rfm_monetary"] for c in buyers)
    assert {c["rfm_recency"] for c in buyers} == set(range(1, 6)), "RFM in five bins, as the book teaches"
    later = json.loads(_run(capsys, "scores", "--db", str(path), "--as-of", "1998-06-30"))
    assert later["model"]["bgnbd"]["r"] != data["model"]["bgnbd"]["r"]


def test_scores_csv_and_calllist_cli(cdnow_db, capsys):
    """CSV scores carry a model header line and one row per customer; calllist prints json rows with reasons."""
    path, _, ids = cdnow_db
    out = _run(capsys, "scores", "--db", str(path), "--as-of", "1997-09-30", "--format", "csv")
    lines = out.splitlines()
    assert lines[0].startswith("# {") and lines[1].startswith("customer_id,name,orders,frequency")
    assert lines[1].endswith(",lifecycle,rfm_recency,rfm_frequency,rfm_monetary,rfm_total")
    assert len(lines) == 2 + len(ids)
    rows = json.loads(_run(capsys, "calllist", "--db", str(path), "--date", "1997-10-01", "--top", "5",
                           "--format", "json"))
    assert len(rows) == 5 and all(r["reasons"] and r["reason_details"] for r in rows)
    assert [r["rank"] for r in rows] == [1, 2, 3, 4, 5]
    table = _run(capsys, "calllist", "--db", str(path), "--date", "1997-10-01", "--top", "3")
    assert table.splitlines()[0].startswith("  1. CDNOW")


def test_bad_date_is_one_sentence(cdnow_db, capsys):
    """A malformed --as-of date fails with one clear sentence and exit status 2."""
    from crm_desktop.cli import main

    path, _, _ = cdnow_db
    assert main(["scores", "--db", str(path), "--as-of", "30/09/1997"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
