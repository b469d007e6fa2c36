"""Three laptops, random edits, deletes, claims, erasures and e-mailed backups, syncing in random orders
with connections cut mid-sync: every book and the hub end as the pure merge of everyone's edits."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from helpers.hub import cut_connections, hub_state, laptop, make_hub
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crm_desktop.db.hub.errors import HubOfflineError
from crm_desktop.db.models import Customer, Interaction
from crm_desktop.db.sync import insert_row, set_deleted, update_row
from crm_desktop.domain.models import CustomerInput
from crm_desktop.services.backup import BackupService
from crm_desktop.services.merge.join import merge_states
from crm_desktop.services.pool import PoolService
from crm_desktop.services.privacy import ErasureService

COUNTS: dict[str, int] = {"examples": 0, "steps": 0, "syncs": 0, "interrupted": 0, "mails": 0, "rounds_max": 0}


class Cut(Exception):
    """The test's own interruption between two batches."""


def _customers(top) -> list[str]:
    return sorted(top.state().tables["customer"])


def _step(rnd: random.Random, tops, url, clock, tmp_path, kdf) -> None:
    top = rnd.choice(tops)
    kind = rnd.choice(["add", "add", "edit", "edit", "delete", "claim", "child", "sync", "sync", "mail", "erase"])
    ids = _customers(top)
    ctx = top.services.ctx
    if kind == "add" or not ids and kind not in ("sync", "mail"):
        top.services.customers.create(CustomerInput(name=rnd.choice(["张伟", "王芳", "Acme", "李强"])))
    elif kind == "edit":
        with top.db.writing() as tx:
            update_row(tx, Customer, rnd.choice(ids), {rnd.choice(["company", "notes", "industry"]):
                                                       rnd.choice(["a", "b", "c", ""])}, ctx.stamp())
    elif kind == "delete":
        with top.db.writing() as tx:
            set_deleted(tx, Customer, rnd.choice(ids), rnd.random() < 0.7, ctx.stamp())
    elif kind == "claim":
        PoolService(ctx).claim([rnd.choice(ids)])
    elif kind == "child":
        with top.db.writing() as tx:
            insert_row(tx, Interaction, {"customer_id": rnd.choice(ids), "occurred_at": clock(),
                                         "summary": rnd.choice(["电话", "拜访"])}, ctx.stamp())
    elif kind == "erase" and rnd.random() < 0.3:
        ErasureService(ctx).erase(rnd.choice(ids))
    elif kind == "mail":
        other = rnd.choice([t for t in tops if t is not top])
        out = tmp_path / f"mail-{COUNTS['steps']}.crmbackup"
        sender = BackupService(top.services.ctx)
        sender.kdf = kdf
        sender.backup(out, "team passphrase 1")
        BackupService(other.services.ctx).merge(out, "team passphrase 1")
        COUNTS["mails"] += 1
    elif kind == "sync":
        _sync(rnd, top, url)
    clock.value += timedelta(seconds=1)


def _sync(rnd: random.Random, top, url) -> None:
    COUNTS["syncs"] += 1
    stop_after = rnd.choice([None, None, 1, 2])
    cut_kill = rnd.random() < 0.5
    seen = [0]

    def between(_kind: str, _n: int) -> None:
        seen[0] += 1
        if stop_after is not None and seen[0] >= stop_after:
            COUNTS["interrupted"] += 1
            if cut_kill:
                cut_connections(url, top.hub.address().role)
            else:
                raise Cut()

    try:
        top.hub.sync(push_batch_size=rnd.choice([2, 3, 50]), pull_batch_size=rnd.choice([2, 5, 100]),
                     between_batches=between)
    except (Cut, HubOfflineError):
        pass


def _rows(state) -> dict:
    return {t: rows for t, rows in state.tables.items() if rows}, state.erasures


def _diff(a, b) -> list:
    """The first differences of two states: (table, id, field, a's value, b's value)."""
    out = []
    for t in sorted(set(a.tables) | set(b.tables)):
        ra, rb = a.tables.get(t, {}), b.tables.get(t, {})
        for rid in sorted(set(ra) | set(rb)):
            x, y = ra.get(rid), rb.get(rid)
            if x != y:
                if x is None or y is None:
                    out.append((t, rid, "row", x is not None, y is not None))
                else:
                    out += [(t, rid, f, x.get(f), y.get(f)) for f in sorted(set(x) | set(y)) if x.get(f) != y.get(f)]
    if a.erasures != b.erasures:
        out.append(("erasure", a.erasures, b.erasures))
    return out[:6]


@pytest.fixture(scope="module")
def kdf():
    from crm_desktop.exchange import backup_file as bf

    return bf.KdfParams.scrypt(n=16, r=8, p=1)


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(seed=st.integers(0, 2**32 - 1), steps=st.integers(8, 22))
def test_three_laptops_converge_to_the_pure_merge(pg_server, tmp_path_factory, kdf, seed, steps):
    """Random edits, deletes, claims, children, erasures, mails and interrupted syncs: all books and the
    hub equal merge_states of everyone's books once everyone has synced until nothing moves."""
    from helpers.clock import Clock

    COUNTS["examples"] += 1
    rnd = random.Random(seed)
    tmp_path = tmp_path_factory.mktemp("conv")
    url = make_hub(pg_server.create_database(f"conv_{seed}_{COUNTS['examples']}"))
    clock = Clock()
    tops = [laptop(tmp_path / n, n, clock, url) for n in ("王磊", "李娜", "陈静")]
    try:
        for _ in range(steps):
            COUNTS["steps"] += 1
            _step(rnd, tops, url, clock, tmp_path, kdf)
        states = [t.state() for t in tops]
        expected = merge_states(states[0], merge_states(states[1], states[2]).state).state
        rounds = 0
        while True:
            rounds += 1
            moved = 0
            for t in rnd.sample(tops, len(tops)):
                r = t.hub.sync()
                moved += r.pushed + r.pulled
            if not moved or rounds == 5:
                break
        COUNTS["rounds_max"] = max(COUNTS["rounds_max"], rounds)
        for t in tops:
            assert not _diff(t.state(), expected), (t.name, _diff(t.state(), expected))
            assert t.hub.waiting() == 0
        assert not _diff(hub_state(url), expected), _diff(hub_state(url), expected)
    finally:
        for t in tops:
            t.close()
    print("convergence counts:", COUNTS)
