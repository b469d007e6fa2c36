"""Finding and merging duplicate customers ("Identify": one record per real customer).

**Finding.**  Every live customer gets a few *blocking keys*; only customers
sharing a key are compared, so 100k customers cost a table scan plus a few
hundred thousand pair checks instead of 5·10⁹:

* the normalised phone (E.164 as stored) and the e-mail (case-folded);
* the name key (NFKC, case-folded, spaces and punctuation removed: ``Ｊｏｈｎ
  Smith`` = ``john smith``) together with the company key;
* the sound of the name (pinyin for Chinese, letters for Latin names) with
  the company key (张伟 / 章伟 at the same firm);
* the company key with the first letter of that sound, for near-same
  spellings (``Jon Smith`` / ``John Smith``).

The company key drops legal-form suffixes (有限公司, 股份有限公司, 集团,
Co., Ltd., Inc. …) and bracketed regions, so "华信科技有限公司" and
"华信科技" compare equal.  Keys shared by more than :data:`MAX_BLOCK`
customers (a switchboard number, ``info@``) make no pairs: they say nothing
about identity.

Each candidate pair gets a score from its evidence (same phone, same e-mail,
name equal / homophone / similar, same company) minus conflicts (different
phones *and* different e-mails, different names with nothing else shared);
pairs scoring at least :data:`THRESHOLD` are reported, best first.  Chinese
names repeat a lot (张伟), so a name alone is never enough.

**Merging.**  The user keeps one record and picks, field by field, which
value survives.  In one transaction the kept record's fields are updated
(stamped per field), every contact, interaction, order and complaint of the
other record is re-pointed to the kept one with ``update_row`` (so the move
travels to teammates in merges), tags are carried over, and the other record
is tombstoned.  A :class:`ChangeBatch` of kind ``dedupe`` stores everything
needed to undo it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from typing import Any

from crm_desktop.db import dedupe as q
from crm_desktop.db.customers import set_updated_at, tag_links
from crm_desktop.db.models import Customer, CustomerTag
from crm_desktop.db.search import reindex_customers
from crm_desktop.db.sync import new_id, set_deleted, stable_id, update_row
from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError
from crm_desktop.domain.text import fold, has_cjk, pinyin_keys
from crm_desktop.services.context import ServiceContext

THRESHOLD = 0.7
"""Lowest score reported as a likely duplicate."""

MAX_BLOCK = 50
"""Keys shared by more customers than this make no pairs (a switchboard phone, a shared mailbox)."""

MERGE_FIELDS = (
    "name", "kind", "company", "phone", "email", "address", "industry", "size", "lead_source", "preferred_channel",
    "birthday", "anniversary", "consent_marketing", "do_not_contact", "owner", "relationship_stage", "needs",
    "notes", "external_id",
)
"""Customer fields the merge lets the user pick from either record."""

TEXT_FIELDS = frozenset({"address", "needs", "notes"})
"""Fields where "both" (the two texts one after the other) is a choice."""

_DATE_FIELDS = frozenset({"birthday", "anniversary"})

CHANGE_KINDS = {"contact": Kind.CONTACT, "interaction": Kind.INTERACTION, "sales_order": Kind.ORDER,
                "complaint": Kind.COMPLAINT, "deal": Kind.DEAL}
"""The kind of record of each table whose rows a merge moves (orders moving change the call list's scores)."""

REASONS = {
    "phone": QT_TRANSLATE_NOOP("dedupe", "same phone"),
    "email": QT_TRANSLATE_NOOP("dedupe", "same e-mail"),
    "name": QT_TRANSLATE_NOOP("dedupe", "same name"),
    "sound": QT_TRANSLATE_NOOP("dedupe", "name sounds the same"),
    "similar": QT_TRANSLATE_NOOP("dedupe", "similar name"),
    "company": QT_TRANSLATE_NOOP("dedupe", "same company"),
}
"""Why a pair was flagged (reason code → English label, translation context "dedupe")."""

_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)
_BRACKETS = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")
_COMPANY_SUFFIXES = sorted((
    "股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "分公司", "总公司", "公司", "工作室", "商行", "厂",
    "coltd", "co", "ltd", "limited", "inc", "incorporated", "llc", "corp", "corporation", "company", "gmbh", "plc",
    "group", "pteltd", "pte",
), key=len, reverse=True)


def name_key(name: str) -> str:
    """The name without case, width, spaces or punctuation: ``Ｊｏｈｎ  Smith`` → ``johnsmith``."""
    return _PUNCT.sub("", fold(name))


def sound_key(name: str, stored_pinyin: str = "") -> str:
    """How the name sounds: pinyin for Chinese names, the letters of other names."""
    if stored_pinyin and stored_pinyin.isascii():
        return _PUNCT.sub("", stored_pinyin)
    full, _ = pinyin_keys(name)
    return full or name_key(name)


def company_key(company: str) -> str:
    """The company without legal-form suffixes, bracketed regions, case, width or punctuation.

    ``华信科技有限公司`` → ``华信科技``; ``Pacific Trading Co., Ltd.`` → ``pacifictrading``;
    ``华为技术（深圳）有限公司`` → ``华为技术``.
    """
    text = _BRACKETS.sub("", unicodedata.normalize("NFKC", company or "").casefold())
    words = _PUNCT.sub(" ", text).split()
    # drop Latin suffix words from the end, then CJK suffixes from the joined text
    while words and words[-1] in _COMPANY_SUFFIXES:
        words.pop()
    key = "".join(words)
    changed = True
    while changed and key:
        changed = False
        for s in _COMPANY_SUFFIXES:
            if key.endswith(s) and len(key) > len(s) + 1:
                key = key[: -len(s)]
                changed = True
                break
    return key


@dataclass(frozen=True)
class DuplicatePair:
    """Two customers that are probably one: ``a_id``/``b_id`` (a is the more complete or older record,
    the default to keep), ``score`` in [0, 1], ``reasons`` codes of :data:`REASONS`, and the names and
    companies for the review list."""

    a_id: str
    b_id: str
    score: float
    reasons: tuple[str, ...]
    a_name: str
    b_name: str
    a_company: str
    b_company: str


@dataclass(frozen=True)
class MergeSide:
    """One record in the side-by-side review: ``values`` typed field values, ``counts`` live children."""

    id: str
    values: dict[str, Any]
    counts: dict[str, int]
    tags: tuple[str, ...]


@dataclass(frozen=True)
class MergeResult:
    """What a merge did: the ChangeBatch id (undo), how many rows moved per table, and ``changes``: both
    customers, and every kind of row that moved (tags: links carried over)."""

    batch_id: str
    moved: dict[str, int]
    changes: Changes


@dataclass(frozen=True)
class Unmerged:
    """An undone merge: ``restored_id`` the record brought back, and what the undo changed."""

    restored_id: str
    changes: Changes


def _merge_changes(keep_id: str, lose_id: str, moved: dict[str, int], tags: bool) -> Changes:
    kinds = [Kind.CUSTOMER, *(CHANGE_KINDS[t] for t, n in moved.items() if n)] + ([Kind.TAG] if tags else [])
    return Changes.of(*kinds, customers=[keep_id, lose_id])


class MergeRefused(UserError):
    pass


@dataclass
class _Rec:
    id: str
    name: str
    nkey: str
    sound: str
    company: str
    ckey: str
    phone: str
    email: str


def _similar(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def score_pair(a: _Rec, b: _Rec) -> tuple[float, tuple[str, ...]]:
    """(score, reasons) of two records; see the module docstring."""
    reasons: list[str] = []
    same_phone = bool(a.phone) and a.phone == b.phone
    same_email = bool(a.email) and a.email == b.email
    same_company = bool(a.ckey) and a.ckey == b.ckey
    if same_phone:
        reasons.append("phone")
    if same_email:
        reasons.append("email")
    if a.nkey and a.nkey == b.nkey:
        name_sim, code = 1.0, "name"
    elif a.sound and a.sound == b.sound and len(a.sound) >= 4:
        name_sim, code = 0.92, "sound"
    elif has_cjk(a.name) or has_cjk(b.name):
        # Chinese names are 2–3 characters: one character more or less is another person (万振 / 万振艳),
        # and pinyin of different names is often close (wangchao / wanghaoyu).  Only equal sound counts.
        name_sim, code = 0.7 * _similar(a.nkey, b.nkey), "similar"
    else:
        name_sim, code = _similar(a.nkey, b.nkey), "similar"
    if name_sim >= 0.8:
        reasons.append(code)
    if same_company:
        reasons.append("company")
    phone_conflict = bool(a.phone and b.phone) and not same_phone
    email_conflict = bool(a.email and b.email) and not same_email
    company_conflict = bool(a.ckey and b.ckey) and not same_company
    if same_phone or same_email:
        score = 0.65
        if name_sim >= 0.8:
            score += 0.3
        elif name_sim < 0.4 and a.nkey and b.nkey:
            score -= 0.15  # a shared company line or mailbox, two different people
        if same_phone and same_email:
            score += 0.1
        if same_company:
            score += 0.05
        if company_conflict:
            score -= 0.1
    elif same_company and name_sim >= 0.8:
        score = 0.55 + 0.35 * name_sim
        if phone_conflict:
            score -= 0.1
        if email_conflict:
            score -= 0.05
    elif name_sim == 1.0 and not a.ckey and not b.ckey and not phone_conflict and not email_conflict:
        score = 0.7 if len(a.nkey) >= 3 else 0.5  # same full name, nothing contradicts
    else:
        score = 0.3 * name_sim
    return min(score, 1.0), tuple(reasons)


class DedupeService:
    """Duplicate scan, side-by-side comparison, merge and undo over the database in ``ctx``.

    Callers refresh what they show afterwards (``services.customers.invalidate()``, the list).
    """

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- finding -------------------------------------------------------------------------------------------------
    def scan(self, progress: Callable[[int, int], None] | None = None, threshold: float = THRESHOLD
             ) -> list[DuplicatePair]:
        """Likely duplicate pairs among all live customers, best first."""
        with self.ctx.db.reading() as tx:
            raw = list(q.scan_rows(tx))
        recs: list[_Rec] = []
        blocks: dict[str, list[int]] = {}
        total = len(raw)
        for i, (cid, name, pinyin, company, phone, email, _kind) in enumerate(raw):
            if progress and i % 20000 == 0:
                progress(i, total * 2)
            nk = name_key(name)
            snd = sound_key(name, pinyin if pinyin and pinyin != fold(name) else "")
            ck = company_key(company)
            em = (email or "").casefold()
            recs.append(_Rec(cid, name, nk, snd, company, ck, phone or "", em))
            keys = []
            if phone:
                keys.append("p" + phone)
            if em:
                keys.append("e" + em)
            if nk:
                keys.append("n" + nk + "|" + ck)
                if ck:
                    keys.append("s" + snd + "|" + ck)
                    keys.append("c" + ck + "|" + snd[:1])
            for k in keys:
                blocks.setdefault(k, []).append(i)
        seen: set[tuple[int, int]] = set()
        pairs: list[DuplicatePair] = []
        done = 0
        nblocks = len(blocks)
        for members in blocks.values():
            done += 1
            if progress and done % 50000 == 0:
                progress(total + int(total * done / max(nblocks, 1)), total * 2)
            if len(members) < 2 or len(members) > MAX_BLOCK:
                continue
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    i, j = members[x], members[y]
                    pair = (i, j) if i < j else (j, i)
                    if pair in seen:
                        continue
                    seen.add(pair)
                    a, b = recs[pair[0]], recs[pair[1]]
                    score, reasons = score_pair(a, b)
                    if score >= threshold:
                        pairs.append(DuplicatePair(a.id, b.id, round(score, 3), reasons, a.name, b.name,
                                                   a.company, b.company))
        pairs.sort(key=lambda p: (-p.score, p.a_name, p.a_id, p.b_id))
        if progress:
            progress(total * 2, total * 2)
        return pairs

    # --- reviewing -----------------------------------------------------------------------------------------------
    def compare(self, a_id: str, b_id: str) -> tuple[MergeSide, MergeSide]:
        """Both records for the side-by-side review."""
        with self.ctx.db.reading() as tx:
            sides = []
            for cid in (a_id, b_id):
                values = q.customer_values(tx, cid)
                if values is None:
                    raise MergeRefused(QT_TRANSLATE_NOOP("errors", "One of the two customers no longer exists."))
                tags = tuple(link.name for link in tag_links(tx, cid) if link.deleted is None)
                sides.append(MergeSide(cid, {f: values[f] for f in MERGE_FIELDS}, q.child_counts(tx, cid), tags))
        return sides[0], sides[1]

    @staticmethod
    def default_choices(keep: MergeSide, lose: MergeSide) -> dict[str, str]:
        """The suggested pick per field: the kept value unless it is empty; notes and needs from both;
        "do not contact" from whichever says so (an opt-out must never be lost in a merge)."""
        out = {}
        for f in MERGE_FIELDS:
            kv, lv = keep.values.get(f), lose.values.get(f)
            if f in TEXT_FIELDS and kv and lv and kv != lv and f != "address":
                out[f] = "both"
            elif f == "do_not_contact":
                out[f] = "lose" if (lv and not kv) else "keep"
            elif f == "consent_marketing":
                out[f] = "keep"  # consent is given by a person to a record; never granted by a merge
            elif (kv in (None, "") or kv is False) and lv not in (None, "", False):
                out[f] = "lose"
            else:
                out[f] = "keep"
        return out

    # --- merging -------------------------------------------------------------------------------------------------
    def merge(self, keep_id: str, lose_id: str, choices: dict[str, str] | None = None) -> MergeResult:
        """Merge *lose_id* into *keep_id* (see module docstring); *choices*: field → keep | lose | both."""
        if keep_id == lose_id:
            raise MergeRefused(QT_TRANSLATE_NOOP("errors", "A customer cannot be merged with itself."))
        keep_side, lose_side = self.compare(keep_id, lose_id)
        picks = self.default_choices(keep_side, lose_side)
        picks.update(choices or {})
        ctx = self.ctx
        stamp = ctx.stamp()
        now = ctx.now()
        changes: dict[str, object] = {}
        for f in MERGE_FIELDS:
            kv, lv = keep_side.values[f], lose_side.values[f]
            pick = picks.get(f, "keep")
            if pick == "lose":
                value = lv
            elif pick == "both" and f in TEXT_FIELDS:
                value = "\n".join(x for x in (kv, lv) if x) if kv != lv else kv
            else:
                value = kv
            if value != kv:
                changes[f] = value
        payload: dict[str, Any] = {"keep": keep_id, "lose": lose_id, "old": {}, "new": {}, "moved": {},
                         "tags_added": [], "tags_revived": [], "tags_removed": []}
        with ctx.db.writing() as tx:
            if changes:
                update_row(tx, Customer, keep_id, changes, stamp)
                payload["old"] = {f: _plain(keep_side.values[f]) for f in changes}
                payload["new"] = {f: _plain(v) for f, v in changes.items()}
            moved: dict[str, int] = {}
            for table, model in q.CHILD_TABLES.items():
                ids = q.child_ids(tx, table, lose_id)
                for rid in ids:
                    update_row(tx, model, rid, {"customer_id": keep_id}, stamp)
                payload["moved"][table] = ids
                moved[table] = len(ids)
            keep_links = {link.tag_id: link for link in tag_links(tx, keep_id)}
            for tag_id, link, deleted in ((t.tag_id, t.link_id, t.deleted) for t in tag_links(tx, lose_id)):
                if deleted is not None:
                    continue
                mine = keep_links.get(tag_id)
                if mine is None:
                    new_link = stable_id("customer_tag", keep_id, tag_id)
                    q.insert_tag_link(tx, new_link, keep_id, tag_id, stamp)
                    payload["tags_added"].append(new_link)
                elif mine.deleted is not None:
                    set_deleted(tx, CustomerTag, mine.link_id, False, stamp)
                    payload["tags_revived"].append(mine.link_id)
                set_deleted(tx, CustomerTag, link, True, stamp)
                payload["tags_removed"].append(link)
            set_deleted(tx, Customer, lose_id, True, stamp)
            set_updated_at(tx, [keep_id], now)
            reindex_customers(tx, [keep_id])
            batch_id = new_id()
            q.add_batch(tx, batch_id, "dedupe", now, ctx.user,
                        f"{keep_side.values['name']} ← {lose_side.values['name']}", payload)
        tags = bool(payload["tags_added"] or payload["tags_revived"] or payload["tags_removed"])
        return MergeResult(batch_id, moved, _merge_changes(keep_id, lose_id, moved, tags))

    def last_merge(self) -> tuple[str, str] | None:
        """(batch id, description) of the newest merge that can still be undone."""
        with self.ctx.db.reading() as tx:
            found = q.last_batch(tx, "dedupe")
        return (found[0], found[1]) if found else None

    def undo(self, batch_id: str | None = None) -> Unmerged:
        """Undo a merge (the newest by default): the other record comes back with its children and tags,
        and kept-record fields the merge changed get their old values back unless edited since."""
        ctx = self.ctx
        stamp = ctx.stamp()
        now = ctx.now()
        with ctx.db.writing() as tx:
            if batch_id is None:
                found = q.last_batch(tx, "dedupe")
                if found is None:
                    raise MergeRefused(QT_TRANSLATE_NOOP("errors", "There is no merge to undo."))
                batch_id, payload = found[0], found[2]
            else:
                b = q.batch(tx, batch_id)
                if b is None or b[0] != "dedupe" or b[3] is not None:
                    raise MergeRefused(QT_TRANSLATE_NOOP("errors", "There is no merge to undo."))
                payload = b[2]
            keep_id, lose_id = payload["keep"], payload["lose"]
            current = q.customer_values(tx, keep_id, include_deleted=True) or {}
            back: dict[str, object] = {}
            for f, old in payload.get("old", {}).items():
                new = _typed(f, payload["new"][f])
                if current.get(f) == new:
                    back[f] = _typed(f, old)
            if back:
                update_row(tx, Customer, keep_id, back, stamp)
            for table, ids in payload.get("moved", {}).items():
                model = q.CHILD_TABLES[table]
                for rid in ids:
                    if q.current_customer_of(tx, table, rid) == keep_id:
                        update_row(tx, model, rid, {"customer_id": lose_id}, stamp)
            for link in payload.get("tags_added", []) + payload.get("tags_revived", []):
                set_deleted(tx, CustomerTag, link, True, stamp)
            for link in payload.get("tags_removed", []):
                set_deleted(tx, CustomerTag, link, False, stamp)
            set_deleted(tx, Customer, lose_id, False, stamp)
            set_updated_at(tx, [keep_id, lose_id], now)
            reindex_customers(tx, [keep_id, lose_id])
            q.mark_undone(tx, batch_id, now)
        moved = {table: len(ids) for table, ids in payload.get("moved", {}).items()}
        tags = any(payload.get(k) for k in ("tags_added", "tags_revived", "tags_removed"))
        return Unmerged(lose_id, _merge_changes(keep_id, lose_id, moved, tags))


def _plain(value: object) -> object:
    """A field value as the undo payload (JSON) keeps it: dates as ISO text."""
    if isinstance(value, date):
        return value.isoformat()
    return value


def _typed(field: str, value: object) -> object:
    """A value from the undo payload back as the field's type (the inverse of :func:`_plain`)."""
    if field in _DATE_FIELDS and isinstance(value, str):
        return date.fromisoformat(value)
    return value


__all__ = ["DedupeService", "DuplicatePair", "MergeSide", "MergeResult", "MergeRefused", "Unmerged", "name_key",
           "company_key", "sound_key", "score_pair", "THRESHOLD", "MERGE_FIELDS", "REASONS"]
