"""The customer list's in-memory index: sort keys, filter facets and short search keys of every customer.

:class:`ListIndex` is built by the customer service from one table scan and
kept until the next write; the day's scores (the dashboard's) are handed in with
:meth:`ListIndex.scores_changed`, so filtering and sorting by a score read no
database.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import repeat
from operator import attrgetter, is_not
from types import SimpleNamespace
from typing import Any

import numpy as np

from crm_desktop.domain.models import CustomerQuery
from crm_desktop.domain.text import fold, has_cjk, phone_digits, pinyin_keys

SCORE_SORTS = {"segment": "segment", "decile": "decile", "stage": "stage", "expected_value": "expected_value",
               "p_alive": "p_alive", "rfm": "rfm"}
"""Sort keys of the list's score columns → the field of the scores they sort by (customers without scores last
in either direction; decile 1 first, stages in lifecycle order, segments MVC, MGC, migrators, BZ)."""
STAGE_ORDER = {s: i for i, s in enumerate(("prospect", "new", "active", "at_risk", "dormant", "lost"))}
SEGMENT_ORDER = {s: i for i, s in enumerate(("MVC", "MGC", "migrator", "BZ"))}


_UNSCORED = SimpleNamespace(segment="", decile=0, stage="", expected_value=0.0, p_alive=0.0, recency=0,
                            frequency=0, monetary=0)
"""What a customer without scores reads as while sorting (never shown: they go last)."""


def _score_value(s: Any, field: str) -> float:
    """The number a score column sorts by: stages in lifecycle order, segments keep → grow → rest → BZ,
    RFM by R + F + M."""
    if field == "stage":
        return float(STAGE_ORDER.get(str(s.stage), len(STAGE_ORDER)))
    if field == "segment":
        return float(SEGMENT_ORDER.get(str(s.segment), len(SEGMENT_ORDER)))
    if field == "rfm":
        return float(s.recency + s.frequency + s.monetary)
    return float(getattr(s, field))


_NAME, _PINYIN_EXACT, _NAME_PREFIX, _NAME_PART, _COMPANY, _PHONE, _EMAIL, _OTHER = range(8)


def match_tier(name: str, company: str, phone: str, email: str, variants: list[str]) -> int:
    """How well a customer matches the search, 0 best: exact name, exact pinyin or initials, a name
    (or pinyin) prefix, part of the name, the company, a phone, the e-mail; else something else
    (a contact, the notes …)."""
    best = _OTHER
    name_f = fold(name)
    full, initials = pinyin_keys(name)
    for v in variants:
        if v in (name_f, name_f.replace(" ", "")):
            return _NAME
        if v in (full, initials):
            best = min(best, _PINYIN_EXACT)
        elif name_f.startswith(v) or (full and (full.startswith(v) or initials.startswith(v))):
            best = min(best, _NAME_PREFIX)
        elif v in name_f or (full and v in full):
            best = min(best, _NAME_PART)
        elif company and v in fold(company):
            best = min(best, _COMPANY)
        elif phone and any(v in d for d in phone_digits(phone)):
            best = min(best, _PHONE)
        elif email and v in fold(email):
            best = min(best, _EMAIL)
    return best


def match_of(name: str, company: str, phone: str, email: str, variants: list[str]) -> tuple[str, str] | None:
    """(field, value) of the customer's own field the search matched, or None (a contact or other text)."""
    tier = match_tier(name, company, phone, email, variants)
    if tier == _NAME:
        return "name", name
    if tier in (_PINYIN_EXACT, _NAME_PREFIX, _NAME_PART):
        full, initials = pinyin_keys(name)
        if any(v in fold(name) for v in variants):
            return "name", name
        return "pinyin", next((k for k in (initials, full) if any(v in k for v in variants)), full)
    return {_COMPANY: ("company", company), _PHONE: ("phone", phone), _EMAIL: ("email", email)}.get(tier)


IndexRow = tuple[Any, ...]
"""A row of the list index: LIST_KEY_COLUMNS, then the short search key."""

_SEGMENTS = 6
"""The customer's own fields at the start of each short key, in :func:`~crm_desktop.domain.text.search_texts`'
order: name, pinyin, initials, company, phone digits, e-mail (then the WeChat id and the contacts)."""
_NAME_SEG, _FULL_SEG, _INITIALS_SEG, _COMPANY_SEG, _PHONE_SEG, _EMAIL_SEG = range(_SEGMENTS)
FEW_TO_RANK = 2000
"""Up to this many ids are ranked one by one with :func:`match_tier`; more at once over the key array."""


def _segments(name_f: str, company: str, phone: str, email: str, key: str) -> list[int] | None:
    """Offsets in *key* of the customer's own fields (the start of each of the :data:`_SEGMENTS`, then the end of
    the last) for its folded name *name_f*, or None when the key is not laid out as they say (the row is then
    ranked one by one).  A field spans its text and the separator after it (a space, or the NUL after the
    key), so a field of *k* characters is *k* + 1 long and an empty one 0."""
    n = len(key)
    offsets = [0]
    pos = len(name_f) + 1 if name_f else 0
    if name_f and key[:pos - 1] != name_f:
        return None
    if not name_f.isascii() and has_cjk(name_f):  # the pinyin and the initials: two words after the name
        space = key.find(" ", pos)
        after = key.find(" ", space + 1) if space > pos else -1
        if space <= pos or after == space + 1:
            return None
        offsets += [pos, space + 1]
        pos = (after if after != -1 else n) + 1
    else:
        offsets += [pos, pos]
    for part in (fold(company), None, fold(email)):
        offsets.append(pos)
        if part is None:  # the phone: its digits, and its national digits after +86 (digits only, so one look)
            if phone:
                digits = sum(map(str.isdecimal, phone))
                if digits:
                    width = digits + (digits - 1 if phone.startswith("+86") and digits > 2 else 0)
                    if not key[pos:pos + width].replace(" ", "").isdecimal():
                        return None
                    pos += width + 1
            continue
        if part:
            if key[pos:pos + len(part)] != part or (pos + len(part) < n and key[pos + len(part)] != " "):
                return None
            pos += len(part) + 1
    offsets.append(pos)
    return offsets


class ListIndex:
    """Sort keys, filter facets and short search keys of every live customer, in memory.

    Built from one table scan (≈0.3 s for 100k customers); each sort order is
    computed on first use and cached.  Names sort by pinyin.  Queries shorter
    than :data:`IN_MEMORY_QUERY_CHARS` are matched here by substring over the short key
    (name, pinyin, initials, company, phones, e-mail, contact names).  All keys
    are joined into one array of code points (NUL-separated) and a text is
    found in all of them at once with numpy (one comparison per character of the
    text, then an "any" per row): a few milliseconds for 100k customers however
    many match — a letter or two hit most of them, and a loop over the hits in
    Python took 50-130 ms.  Ranking the matches (:meth:`rank`) reads the same
    array: the offsets of each customer's own fields in its key say where a hit
    lies (name, pinyin, company …), so 100k matches are ranked without a Python
    call per customer (one by one that took 0.2-0.6 s).
    Row layout: LIST_KEY_COLUMNS then the key (index 11).
    """

    _SORT_KEYS = {
        "name": lambda r: (r[1], r[2]),
        "company": lambda r: (r[3] == "", r[3], r[1]),
        "kind": lambda r: (r[4], r[1]),
        "phone": lambda r: (r[5] == "", r[5]),
        "email": lambda r: (r[6] == "", r[6]),
        "owner": lambda r: (r[7], r[1]),
        "industry": lambda r: (r[8] == "", r[8], r[1]),
        "updated_at": lambda r: (r[9], r[1]),
    }

    def __init__(self, rows: list[IndexRow]) -> None:
        self.rows = rows
        self._orders: dict[tuple[str, bool], tuple[list[IndexRow], dict[str, int]]] = {}
        self._perms: dict[tuple[str, bool], np.ndarray] = {}
        # every key and a NUL after it, and one more NUL: the end of the last row's fields is an offset in it
        chars = np.frombuffer(("".join(r[11] + "\x00" for r in rows) + "\x00").encode("utf-32-le"), dtype=np.uint32)
        self._chars = chars.astype(np.uint16) if chars.size and int(np.max(chars)) <= 0xFFFF else chars
        lengths = np.fromiter((len(r[11]) + 1 for r in rows), dtype=np.int64, count=len(rows))
        self._starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64) if rows else \
            np.zeros(0, np.int64)
        self._bounds: np.ndarray | None = None
        self._odd_rows: list[int] = []
        self._spaced_names: dict[str, list[int]] = {}
        self._index_of: dict[str, int] | None = None
        self._scores: Mapping[str, Any] = {}
        self._scored: dict[tuple[frozenset[str], frozenset[int], frozenset[str], int | None, int | None],
                           set[str]] = {}

    def _found_at(self, sub: str) -> np.ndarray:
        """Whether *sub* starts at each offset of the key array (all False for an empty *sub*, or one with a
        NUL or a character the array cannot hold: no key contains it)."""
        chars = self._chars
        found = np.zeros(chars.size, dtype=bool)
        limit = np.iinfo(chars.dtype).max
        codes = [ord(c) for c in sub]
        if not codes or 0 in codes or max(codes) > limit or len(codes) > chars.size:
            return found
        n = chars.size - len(codes) + 1
        view = found[:n]
        np.equal(chars[:n], codes[0], out=view)
        for j, code in enumerate(codes[1:], 1):
            view &= chars[j:n + j] == code
        return found

    def hit_rows(self, substrings: list[str], found: Mapping[str, np.ndarray] | None = None) -> np.ndarray:
        """Per row (in :attr:`rows` order), whether its short key contains any of *substrings* (*found*: their
        :meth:`_found_at` arrays, when already made)."""
        hits = np.zeros(len(self.rows), dtype=bool)
        if not self.rows:
            return hits
        for sub in substrings:
            at = found[sub] if found is not None else self._found_at(sub)
            hits |= np.logical_or.reduceat(at, self._starts)
        return hits

    def ranked_matches(self, substrings: list[str]) -> list[str] | None:
        """Ids of the customers whose short key contains any of *substrings*, best match first and in name
        order within a tier: :meth:`select` then :meth:`rank` of a text-only query, done in arrays of row
        numbers (a letter matches most of 100,000 customers: no id is looked up one by one).  None when
        few match (ranking them one by one is quicker) or a substring has a space."""
        if not self.rows or any(" " in v or "\x00" in v for v in substrings):
            return None
        found = {v: self._found_at(v) for v in substrings}
        hit = self.hit_rows(substrings, found)
        matched = int(np.count_nonzero(hit))
        if matched <= FEW_TO_RANK:
            return None
        rows, _position = self.order("relevance", False)
        perm = self._perm(rows, ("relevance", False))
        picked = perm[hit[perm]]  # row numbers of the matches, in name order
        best = self.tiers(substrings, found)[picked]
        rows = self.rows
        return [rows[k][0] for k in picked[np.argsort(best, kind="stable")].tolist()]

    def matching(self, substrings: list[str]) -> set[str]:
        """Ids of customers whose short key contains any of *substrings*."""
        rows = self.rows
        return {rows[i][0] for i in np.flatnonzero(self.hit_rows(substrings)).tolist()}

    def scores_changed(self, scores: Mapping[str, Any]) -> None:
        """New scores: the orders by a score are made again when next asked for."""
        self._scores = scores
        self._scored.clear()
        for k in [k for k in self._orders if k[0] in SCORE_SORTS]:
            del self._orders[k]

    def _score_rows(self, sort: str, descending: bool) -> list[IndexRow]:
        """Rows by one score, ties in name order, customers without it (prospects) last in either direction;
        the values are ranked with numpy (a Python sort of 100k keyed tuples took 0.3 s)."""
        import numpy as np

        base, _ = self.order("name", False)
        field = SCORE_SORTS[sort]
        get = self._scores.get
        cells = [get(r[0], _UNSCORED) for r in base]
        n = len(cells)
        # prospects have only a stage; C-level maps over the rows (a function call per row took 0.1 s)
        present = np.fromiter(map(is_not, cells, repeat(_UNSCORED)), bool, count=n)
        if field != "stage":
            present &= np.fromiter(map(bool, map(attrgetter("segment"), cells)), bool, count=n)
        if field in ("stage", "segment", "rfm"):
            values = np.fromiter((_score_value(s, field) for s in cells), float, count=n)
        else:
            values = np.fromiter(map(attrgetter(field), cells), float, count=n)
        have = np.flatnonzero(present)
        ranked = have[np.argsort(-values[have] if descending else values[have], kind="stable")]
        return [base[i] for i in np.concatenate([ranked, np.flatnonzero(~present)]).tolist()]

    def score_matches(self, query: CustomerQuery) -> set[str]:
        """Ids whose scores today pass *query*'s segment, decile, lifecycle, P(active) and expected-value
        filters (kept until the scores change).  Deciles, segments and P(active) exist only for buying customers;
        a prospect has only its stage."""
        key = (query.segments, query.deciles, query.lifecycles, query.p_alive_below, query.value_at_least)
        found = self._scored.get(key)
        if found is None:
            segments, deciles, stages, below, least = key
            p_max = None if below is None else below / 100.0
            v_min = None if least is None else least * 100.0
            found = {cid for cid, s in self._scores.items()
                     if (not segments or s.segment in segments) and (not deciles or (s.segment and s.decile in deciles))
                     and (not stages or s.stage in stages) and (p_max is None or (s.segment and s.p_alive < p_max))
                     and (v_min is None or s.expected_value >= v_min)}
            if len(self._scored) > 32:
                self._scored.clear()
            self._scored[key] = found
        return found

    def keyed_order(self, keys: Mapping[str, Any], descending: bool) -> tuple[list[IndexRow], dict[str, int]]:
        """Rows by *keys* (id → a value to sort by: last contact, next due), ties in name order, customers
        without a key last in either direction; not kept (a logged call changes it)."""
        base, _ = self.order("name", False)
        have = [r for r in base if r[0] in keys]
        have.sort(key=lambda r: keys[r[0]], reverse=descending)  # stable either way
        ordered = have + [r for r in base if r[0] not in keys]
        return ordered, {r[0]: i for i, r in enumerate(ordered)}

    def order(self, sort: str, descending: bool) -> tuple[list[IndexRow], dict[str, int]]:
        """(rows in that order, position of each id)."""
        known = sort in self._SORT_KEYS or sort in SCORE_SORTS
        key = (sort if known else "name", descending)  # relevance: name order, then ranked
        found = self._orders.get(key)
        if found is None:
            if key[0] in SCORE_SORTS:
                ordered = self._score_rows(key[0], descending)
            else:
                ordered = sorted(self.rows, key=self._SORT_KEYS[key[0]], reverse=descending)
            found = (ordered, {r[0]: i for i, r in enumerate(ordered)})
            self._orders[key] = found
        return found

    def rank(self, ids: list[str], variants: list[str]) -> list[str]:
        """*ids* (in name order) regrouped best match first (see :func:`match_tier`), stable within a group."""
        index_of, rows = self._index_map(), self.rows
        if len(ids) <= FEW_TO_RANK or any(" " in v or "\x00" in v for v in variants):
            def tier(i: str) -> int:
                r = rows[index_of[i]]
                return match_tier(r[2], r[3], r[5], r[6], variants)

            return sorted(ids, key=tier)
        tiers = self.tiers(variants)
        keys = tiers[np.fromiter(map(index_of.__getitem__, ids), dtype=np.int64, count=len(ids))]
        return [ids[k] for k in np.argsort(keys, kind="stable").tolist()]

    def tiers(self, variants: list[str], found_at: Mapping[str, np.ndarray] | None = None) -> np.ndarray:
        """:func:`match_tier` of every row (in :attr:`rows` order) for *variants* without spaces, at once: where in
        each key a variant starts says which of the customer's fields it matched, and how (*found_at*: the
        variants' :meth:`_found_at` arrays, when already made)."""
        bounds = self._segment_bounds()
        n = len(self.rows)
        lengths = np.diff(bounds, axis=1)  # of the six own fields, each with its separator
        # "a hit starts in": the name or its pinyin, the initials, the company, the phone, the e-mail, the rest
        ranges = bounds[:, [_NAME_SEG, _INITIALS_SEG, _COMPANY_SEG, _PHONE_SEG, _EMAIL_SEG, _SEGMENTS]].ravel()
        best = np.full(n, _OTHER, dtype=np.int8)
        for v in variants:
            found = found_at[v] if found_at is not None and v in found_at else self._found_at(v)
            if not found.any():
                continue
            # a variant has no space, so a hit starting in a field lies in it (fields are space-separated)
            inside = np.bitwise_or.reduceat(found.view(np.uint8), ranges).reshape(n, 6).astype(bool)
            inside[:, 0] &= (lengths[:, _NAME_SEG] + lengths[:, _FULL_SEG]) > 0
            for col, seg in ((2, _COMPANY_SEG), (3, _PHONE_SEG), (4, _EMAIL_SEG)):
                inside[:, col] &= lengths[:, seg] > 0
            prefix = found[bounds[:, :_SEGMENTS - 3]] & (lengths[:, :_SEGMENTS - 3] > len(v))
            exact = prefix & (lengths[:, :_SEGMENTS - 3] == len(v) + 1)
            t = np.full(n, _OTHER, dtype=np.int8)
            for tier, hit in ((_EMAIL, inside[:, 4]), (_PHONE, inside[:, 3]), (_COMPANY, inside[:, 2]),
                              (_NAME_PART, inside[:, 0]),
                              (_NAME_PREFIX, prefix[:, _NAME_SEG] | prefix[:, _FULL_SEG] | prefix[:, _INITIALS_SEG]),
                              (_PINYIN_EXACT, exact[:, _FULL_SEG] | exact[:, _INITIALS_SEG]),
                              (_NAME, exact[:, _NAME_SEG])):
                t[hit] = tier
            t[self._spaced_names.get(v, [])] = _NAME
            np.minimum(best, t, out=best)
        rows = self.rows
        for k in self._odd_rows:
            r = rows[k]
            best[k] = match_tier(r[2], r[3], r[5], r[6], variants)
        return best

    def _segment_bounds(self) -> np.ndarray:
        """Offsets in the key array of each row's own fields (see :data:`_SEGMENTS`) and their end: made on the
        first ranking of many matches (≈0.3 s for 100k customers; the service makes them in its warm-up)."""
        if self._bounds is None:
            flat: list[int] = []
            odd: list[int] = []
            spaced: dict[str, list[int]] = {}
            empty = [0] * (_SEGMENTS + 1)
            for k, r in enumerate(self.rows):
                name_f = fold(r[2])
                offsets = _segments(name_f, r[3], r[5], r[6], r[11])
                if offsets is None:
                    odd.append(k)
                    offsets = empty
                flat += offsets
                if " " in name_f:
                    spaced.setdefault(name_f.replace(" ", ""), []).append(k)
            bounds = np.array(flat, dtype=np.int64).reshape(len(self.rows), _SEGMENTS + 1)
            bounds += self._starts[:, None]
            self._odd_rows, self._spaced_names, self._bounds = odd, spaced, bounds
        return self._bounds

    def prepare(self) -> None:
        """Make now what the first search would otherwise wait for (call on the worker): the list's default
        order (by name, what a search ranks) and where its rows are, and the fields' offsets for ranking."""
        self._segment_bounds()
        rows, _position = self.order("relevance", False)
        self._perm(rows, ("relevance", False))

    def _perm(self, ordered: list[IndexRow], key: tuple[str, bool] | None) -> np.ndarray:
        """Where each row of *ordered* is in :attr:`rows` (kept per sort order when *key* names it)."""
        perm = self._perms.get(key) if key is not None else None
        if perm is None or len(perm) != len(ordered):
            index_of = self._index_map()
            perm = np.fromiter((index_of[r[0]] for r in ordered), dtype=np.int64, count=len(ordered))
            if key is not None:
                self._perms[key] = perm
        return perm

    def _index_map(self) -> dict[str, int]:
        if self._index_of is None:
            self._index_of = {r[0]: k for k, r in enumerate(self.rows)}
        return self._index_of

    def select(self, query: CustomerQuery, wanted: set[str] | None, substrings: list[str] | None,
               keys: Mapping[str, Any] | None = None, exclude: set[str] | None = None) -> list[str]:
        """Ids passing *query*'s in-memory filters (kind, owner, industry, do-not-contact, scores) among
        *wanted* (None: all) and not in *exclude*, matching *substrings* (short search text), in the query's
        order (by *keys* when given: see :meth:`keyed_order`)."""
        hit: np.ndarray | None = None
        if substrings:
            hit = self.hit_rows(substrings)
            if int(np.count_nonzero(hit)) * 8 < len(self.rows):  # few: as a set, sorted by position below
                found = {self.rows[i][0] for i in np.flatnonzero(hit).tolist()}
                wanted = found if wanted is None else wanted & found
                hit = None
        if query.scored:
            scored = self.score_matches(query)
            wanted = scored if wanted is None else wanted & scored
        rows, position = (self.keyed_order(keys, query.descending) if keys is not None
                          else self.order(query.sort, query.descending))
        few = wanted is not None and len(wanted) * 8 < len(rows)
        if hit is not None and few and wanted is not None:
            index_of, hits = self._index_map(), hit.tolist()
            wanted = {i for i in wanted if i in index_of and hits[index_of[i]]}
        elif hit is not None:
            # many (a letter or two hit most customers): the rows in this order whose key matched
            perm = self._perm(rows, None if keys is not None else (query.sort, query.descending))
            rows = [rows[k] for k in np.flatnonzero(hit[perm]).tolist()]
        if few and wanted is not None:
            # few matches: sort them by position instead of walking everything
            rows = [rows[position[i]] for i in sorted((i for i in wanted if i in position), key=position.__getitem__)]
            wanted = None
        kind = str(query.kind) if query.kind else None
        owner, dnc = query.owner, query.do_not_contact
        if wanted is not None:
            rows = [r for r in rows if r[0] in wanted]
        if kind is not None:
            rows = [r for r in rows if r[4] == kind]
        if owner is not None:
            rows = [r for r in rows if r[7] == owner]
        if dnc is not None:
            rows = [r for r in rows if bool(r[10]) == dnc]
        if query.industry is not None:
            rows = [r for r in rows if r[8] == query.industry]
        if exclude:
            rows = [r for r in rows if r[0] not in exclude]
        return [r[0] for r in rows]
