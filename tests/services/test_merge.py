"""Property tests of the merge: a join of two states (pure, no database)."""

from __future__ import annotations

import copy
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from crm_desktop.services.merge import LATEST_VALUE_FIELDS, PII_FIELDS, State, merge_row, merge_states

FIELDS = ("name", "phone", "notes")
NAMES = ("张伟", "Anna Lee", "王芳", "")
IDS = tuple(f"{i:032x}" for i in range(1, 6))
CHILD_IDS = tuple(f"{i:032x}" for i in range(100, 106))
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _stamp(wall: int, site: str) -> str:
    return f"{wall:013d}-00000-{site}"


class Replica:
    """One laptop in the model: a site id, a clock and a state; edits follow crm_desktop.db.sync."""

    def __init__(self, site: str) -> None:
        self.site = site
        self.wall = 0
        self.state = State({"customer": {}, "interaction": {}}, {})

    def tick(self) -> str:
        self.wall += 1
        return _stamp(self.wall, self.site)

    def observe(self, other: State) -> None:
        for rows in other.tables.values():
            for row in rows.values():
                self.wall = max(self.wall, int(row["stamp"][:13]))
        for e in other.erasures.values():
            self.wall = max(self.wall, int(e[1][:13]))

    def add_customer(self, cid: str, name: str) -> None:
        if cid in self.state.tables["customer"]:
            return
        s = self.tick()
        self.state.tables["customer"][cid] = {
            "id": cid, "created_stamp": s, "field_stamps": None, "stamp": s, "deleted_stamp": None,
            "name": name, "name_pinyin": "", "name_initials": "", "phone": "", "notes": "",
            "updated_at": f"2026-01-01 00:00:{self.wall % 60:02d}.000000"}
        self.normalise()

    def add_child(self, child_id: str, cid: str) -> None:
        if cid not in self.state.tables["customer"] or child_id in self.state.tables["interaction"]:
            return
        s = self.tick()
        self.state.tables["interaction"][child_id] = {
            "id": child_id, "created_stamp": s, "field_stamps": None, "stamp": s, "deleted_stamp": None,
            "customer_id": cid, "summary": "call"}
        self.normalise()  # a child logged on a deleted customer brings it back here too

    def edit(self, table: str, rid: str, changes: dict) -> None:
        row = self.state.tables[table].get(rid)
        if row is None:
            return
        real = {k: v for k, v in changes.items() if row[k] != v}
        if not real:
            return
        s = self.tick()
        stamps = json.loads(row["field_stamps"] or "{}")
        for k, v in real.items():
            row[k] = v
            stamps[k] = s
        row["field_stamps"] = json.dumps(stamps, sort_keys=True)
        row["stamp"] = s
        self.normalise()

    def delete(self, rid: str, deleted: bool) -> None:
        row = self.state.tables["customer"].get(rid)
        if row is None:
            return
        s = self.tick()
        self.edit("customer", rid, {"deleted_stamp": s if deleted else None})

    def erase(self, rid: str) -> None:
        if rid not in self.state.tables["customer"]:
            return
        s = self.tick()
        self.state.erasures[rid] = ("customer", s, "2026-01-01 00:00:00.000000")
        self.normalise()

    def merge_from(self, other: Replica) -> None:
        self.observe(other.state)
        self.state = merge_states(self.state, other.state).state

    def normalise(self) -> None:
        # the app's writes leave rows in merged (normal) form; the merge with itself computes it
        self.state = merge_states(self.state, self.state).state


def _same(a: State, b: State) -> bool:
    def rows(s: State) -> dict:
        return {t: r for t, r in s.tables.items() if r}

    return rows(a) == rows(b) and a.erasures == b.erasures


@st.composite
def replicas(draw, count: int = 3) -> list[Replica]:
    """Replicas with shared history: random edits, deletes, children, erasures and exchanges."""
    reps = [Replica(f"site{i}") for i in range(count)]
    for _ in range(draw(st.integers(3, 25))):
        r = draw(st.sampled_from(reps))
        op = draw(st.sampled_from(("add", "add", "edit", "edit", "edit", "delete", "undelete", "child", "merge",
                                   "erase")))
        cid = draw(st.sampled_from(IDS))
        if op == "add":
            r.add_customer(cid, draw(st.sampled_from(NAMES)))
        elif op == "edit":
            r.edit("customer", cid, {draw(st.sampled_from(FIELDS)): draw(st.sampled_from(NAMES))})
        elif op in ("delete", "undelete"):
            r.delete(cid, op == "delete")
        elif op == "child":
            r.add_child(draw(st.sampled_from(CHILD_IDS)), cid)
        elif op == "erase" and draw(st.integers(0, 3)) == 0:
            r.erase(cid)
        elif op == "merge":
            r.merge_from(draw(st.sampled_from(reps)))
    return reps


@SETTINGS
@given(replicas())
def test_merge_is_commutative(reps):
    """merge(a, b) and merge(b, a) give the same state and the same conflicts."""
    a, b = reps[0].state, reps[1].state
    ab, ba = merge_states(a, b), merge_states(b, a)
    assert _same(ab.state, ba.state)
    assert set(ab.conflicts) == set(ba.conflicts)


@SETTINGS
@given(replicas())
def test_merge_is_associative(reps):
    """(a + b) + c equals a + (b + c)."""
    a, b, c = (r.state for r in reps)
    left = merge_states(merge_states(a, b).state, c).state
    right = merge_states(a, merge_states(b, c).state).state
    assert _same(left, right)


@SETTINGS
@given(replicas())
def test_merge_is_idempotent_and_reimport_changes_nothing(reps):
    """Merging a state with itself, one's own backup or an already merged backup changes nothing."""
    a, b = reps[0].state, reps[1].state
    assert _same(merge_states(a, a).state, a)  # one's own backup
    m = merge_states(a, b).state
    assert _same(merge_states(m, m).state, m)
    assert _same(merge_states(m, b).state, m)  # the teammate's file again
    assert _same(merge_states(m, a).state, m)


@SETTINGS
@given(replicas())
def test_every_write_is_visible_or_kept_as_conflict(reps):
    """Each side's edited value survives, or is recorded as a conflict, unless its own site overwrote it."""
    a, b = reps[0].state, reps[1].state
    out = merge_states(a, b)
    lost = {(c.table_name, c.row_id, c.field, c.lost_stamp, c.lost_value) for c in out.conflicts}
    for side in (a, b):
        for table, rows in side.tables.items():
            for rid, row in rows.items():
                stamps = json.loads(row["field_stamps"] or "{}")
                res = out.state.tables[table][rid]
                res_stamps = json.loads(res["field_stamps"] or "{}")
                for f, s in stamps.items():
                    if f in ("deleted_stamp", *LATEST_VALUE_FIELDS.get(table, ())) or rid in out.state.erasures:
                        continue
                    winner = res_stamps.get(f, res["created_stamp"])
                    visible = res[f] == row[f]
                    own = winner.split("-", 2)[2] == s.split("-", 2)[2]
                    assert visible or own or (table, rid, f, s, row[f]) in lost


@SETTINGS
@given(replicas())
def test_erased_people_stay_erased(reps):
    """After any merge, an erased customer is tombstoned with every personal field blank."""
    m = merge_states(merge_states(reps[0].state, reps[1].state).state, reps[2].state).state
    for rid, (table, _stamp, _at) in m.erasures.items():
        row = m.tables[table].get(rid)
        if row is None:
            continue
        assert row["deleted_stamp"] is not None
        for f, blank in PII_FIELDS[table].items():
            if f in row:
                assert row[f] == blank


def test_concurrent_edits_keep_one_winner_and_one_conflict():
    """Two laptops edit the same field: the later stamp wins, the other value is a conflict."""
    a, b = Replica("aaaa"), Replica("bbbb")
    a.add_customer(IDS[0], "张伟")
    b.merge_from(a)
    a.edit("customer", IDS[0], {"phone": "111"})
    b.edit("customer", IDS[0], {"phone": "222"})
    b.edit("customer", IDS[0], {"notes": "later"})
    out = merge_states(a.state, b.state)
    row = out.state.tables["customer"][IDS[0]]
    assert row["phone"] == "222" and row["notes"] == "later"  # b's stamps are later (b ticked twice)
    assert [(c.field, c.kept_value, c.lost_value) for c in out.conflicts] == [("phone", "222", "111")]


def test_exact_tie_is_broken_by_value_hash_in_both_orders():
    """Same stamp, different values: both orders choose the same value."""
    row = {"id": IDS[0], "created_stamp": _stamp(1, "x"), "field_stamps": None, "stamp": _stamp(1, "x"),
           "deleted_stamp": None, "color": "red"}
    other = dict(row, color="blue")
    assert merge_row("tag", row, other).row == merge_row("tag", other, row).row


def test_delete_then_later_edit_elsewhere_brings_the_row_back():
    """A record deleted on one laptop and edited later on the other comes back and is reported."""
    a, b = Replica("aaaa"), Replica("bbbb")
    a.add_customer(IDS[0], "张伟")
    b.merge_from(a)
    a.delete(IDS[0], True)
    b.wall += 5
    b.edit("customer", IDS[0], {"notes": "called back"})
    out = merge_states(a.state, b.state)
    assert out.state.tables["customer"][IDS[0]]["deleted_stamp"] is None
    assert out.brought_back == [("customer", IDS[0])]


def test_delete_then_new_child_elsewhere_brings_the_customer_back():
    """A new interaction on the other laptop after the delete brings the customer back."""
    a, b = Replica("aaaa"), Replica("bbbb")
    a.add_customer(IDS[0], "张伟")
    b.merge_from(a)
    a.delete(IDS[0], True)
    b.wall += 5
    b.add_child(CHILD_IDS[0], IDS[0])
    out = merge_states(a.state, b.state)
    assert out.state.tables["customer"][IDS[0]]["deleted_stamp"] is None
    assert ("customer", IDS[0]) in out.brought_back


def test_older_file_cannot_bring_an_erased_person_back():
    """An erasure wins over a teammate's older copy, even one edited after the erasure."""
    a, b = Replica("aaaa"), Replica("bbbb")
    a.add_customer(IDS[0], "张伟")
    a.edit("customer", IDS[0], {"phone": "13800138000"})
    b.merge_from(a)
    a.erase(IDS[0])
    b.wall += 10
    b.edit("customer", IDS[0], {"notes": "still here"})
    for out in (merge_states(a.state, b.state), merge_states(b.state, a.state)):
        row = out.state.tables["customer"][IDS[0]]
        assert row["deleted_stamp"] is not None and row["name"] == "" and row["phone"] == "" and row["notes"] == ""
        assert not out.conflicts


class Convergence(RuleBasedStateMachine):
    """N replicas edit, delete, add children, erase and exchange files in any order, then converge."""

    def __init__(self) -> None:
        super().__init__()
        self.reps = [Replica(f"site{i}") for i in range(3)]

    @rule(r=st.integers(0, 2), cid=st.sampled_from(IDS), name=st.sampled_from(NAMES))
    def add(self, r, cid, name):
        self.reps[r].add_customer(cid, name)

    @rule(r=st.integers(0, 2), cid=st.sampled_from(IDS), f=st.sampled_from(FIELDS), v=st.sampled_from(NAMES))
    def edit(self, r, cid, f, v):
        self.reps[r].edit("customer", cid, {f: v})

    @rule(r=st.integers(0, 2), cid=st.sampled_from(IDS), deleted=st.booleans())
    def delete(self, r, cid, deleted):
        self.reps[r].delete(cid, deleted)

    @rule(r=st.integers(0, 2), child=st.sampled_from(CHILD_IDS), cid=st.sampled_from(IDS))
    def add_child(self, r, child, cid):
        self.reps[r].add_child(child, cid)

    @precondition(lambda self: sum(len(r.state.erasures) for r in self.reps) < 2)
    @rule(r=st.integers(0, 2), cid=st.sampled_from(IDS))
    def erase(self, r, cid):
        self.reps[r].erase(cid)

    @rule(src=st.integers(0, 2), dst=st.integers(0, 2))
    def exchange(self, src, dst):
        self.reps[dst].merge_from(self.reps[src])

    @invariant()
    def everyone_converges_after_a_full_exchange(self):
        reps = copy.deepcopy(self.reps)
        for r in reps[1:]:
            reps[0].merge_from(r)
        for r in reps[1:]:
            r.merge_from(reps[0])
        for r in reps[1:]:
            assert _same(r.state, reps[0].state)


TestConvergence = Convergence.TestCase
TestConvergence.settings = settings(max_examples=25, stateful_step_count=20, deadline=None)


# --- deals ------------------------------------------------------------------------------------------------------

DEAL_IDS = tuple(f"{i:032x}" for i in range(200, 204))
STAGES = ("contact", "needs", "proposal", "negotiation", "won", "lost")


class DealReplica(Replica):
    """A laptop working on deals of shared customers: new deals, stage moves (each writing a history row, as
    crm_desktop.services.deals does), edits of amount and title, deletes, and erasing the customer."""

    def __init__(self, site: str) -> None:
        super().__init__(site)
        self.state = State({"customer": {}, "interaction": {}, "deal": {}, "deal_stage_change": {}}, {})
        self.moves = 0

    def _insert(self, table: str, rid: str, values: dict) -> None:
        s = self.tick()
        self.state.tables[table][rid] = {"id": rid, "created_stamp": s, "field_stamps": None, "stamp": s,
                                         "deleted_stamp": None, **values}

    def add_deal(self, did: str, cid: str) -> None:
        if cid not in self.state.tables["customer"] or did in self.state.tables["deal"]:
            return
        at = f"2026-01-01 00:00:{self.wall % 60:02d}.000000"
        self._insert("deal", did, {"customer_id": cid, "title": "年度采购", "amount_minor": 0, "currency": "CNY",
                                   "stage": "contact", "notes": "", "stage_changed_at": at, "closed_at": None,
                                   "lost_reason": None})
        self._insert("deal_stage_change", f"{self.site}:{did}:0", {"deal_id": did, "from_stage": None,
                                                                    "to_stage": "contact"})
        self.normalise()

    def move(self, did: str, stage: str) -> None:
        row = self.state.tables["deal"].get(did)
        if row is None or row["stage"] == stage:
            return
        self.moves += 1
        before = row["stage"]
        at = f"2026-01-02 00:00:{self.wall % 60:02d}.000000"
        closed = stage in ("won", "lost")
        self.edit("deal", did, {"stage": stage, "stage_changed_at": at, "closed_at": at if closed else None,
                                "lost_reason": "price" if stage == "lost" else None})
        self._insert("deal_stage_change", f"{self.site}:{did}:{self.moves}", {"deal_id": did, "from_stage": before,
                                                                              "to_stage": stage})
        self.normalise()

    def erase(self, rid: str) -> None:
        """Erase the customer and their deals (the app erases every record of the person)."""
        if rid not in self.state.tables["customer"]:
            return
        s = self.tick()
        self.state.erasures[rid] = ("customer", s, "2026-01-01 00:00:00.000000")
        for did, row in self.state.tables["deal"].items():
            if row["customer_id"] == rid:
                self.state.erasures[did] = ("deal", s, "2026-01-01 00:00:00.000000")
        self.normalise()


@st.composite
def deal_replicas(draw, count: int = 3) -> list[DealReplica]:
    """Laptops with shared customers working on the same deals, exchanging files now and then."""
    reps = [DealReplica(f"site{i}") for i in range(count)]
    for cid in IDS[:2]:
        reps[0].add_customer(cid, "张伟")
    for r in reps[1:]:
        r.merge_from(reps[0])
    for _ in range(draw(st.integers(3, 30))):
        r = draw(st.sampled_from(reps))
        op = draw(st.sampled_from(("add", "move", "move", "move", "amount", "title", "delete", "merge", "erase")))
        did = draw(st.sampled_from(DEAL_IDS))
        if op == "add":
            r.add_deal(did, draw(st.sampled_from(IDS[:2])))
        elif op == "move":
            r.move(did, draw(st.sampled_from(STAGES)))
        elif op in ("amount", "title") and did in r.state.tables["deal"]:
            value = draw(st.integers(0, 10**6)) if op == "amount" else draw(st.sampled_from(NAMES))
            r.edit("deal", did, {"amount_minor" if op == "amount" else "title": value})
        elif op == "delete" and did in r.state.tables["deal"]:
            r.edit("deal", did, {"deleted_stamp": r.tick()})
        elif op == "erase" and draw(st.integers(0, 4)) == 0:
            r.erase(draw(st.sampled_from(IDS[:2])))
        elif op == "merge":
            r.merge_from(draw(st.sampled_from(reps)))
    return reps


@SETTINGS
@given(deal_replicas())
def test_deals_merged_both_ways_converge(reps):
    """Deals moved, edited and deleted on two laptops: merge(a, b) = merge(b, a), and after both take the
    other's file they hold the same deals, stages and every move either of them made."""
    a, b = reps[0], reps[1]
    assert _same(merge_states(a.state, b.state).state, merge_states(b.state, a.state).state)
    a2, b2 = copy.deepcopy(a), copy.deepcopy(b)
    a2.merge_from(b)
    b2.merge_from(a2)
    assert _same(a2.state, b2.state)
    history = set(a.state.tables["deal_stage_change"]) | set(b.state.tables["deal_stage_change"])
    assert set(a2.state.tables["deal_stage_change"]) == history  # no move of either laptop is lost


@SETTINGS
@given(deal_replicas())
def test_an_erased_customers_deals_stay_blank(reps):
    """After any merge, the deals of an erased customer keep no title or notes (amounts and stages stay)."""
    m = merge_states(merge_states(reps[0].state, reps[1].state).state, reps[2].state).state
    for rid, (table, _stamp, _at) in m.erasures.items():
        if table == "deal" and rid in m.tables["deal"]:
            row = m.tables["deal"][rid]
            assert row["deleted_stamp"] is not None and row["title"] == "" and row["notes"] == ""
