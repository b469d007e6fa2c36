"""Benchmarks of import/export and the duplicate finder; prints figures (not a pytest test).

    python tests/bench/bench_exchange.py [--customers 100000]

1. Import N customers from a GBK CSV (as Excel writes it) into an empty file (target ≤ 20 s for 100k).
2. Export them to CSV and .xlsx.
3. Duplicate scan of N customers (target ≤ 10 s for 100k).
4. Precision and recall of the duplicate finder on a generated book with known duplicates
   (target ≥ 0.95 precision at ≥ 0.9 recall), with hard negatives: namesakes, colleagues sharing a
   switchboard number, people at the same company.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from crm_desktop.db.bulk import insert_many
from crm_desktop.db.database import open_database
from crm_desktop.db.types import ts_text
from crm_desktop.domain.hlc import Stamp
from crm_desktop.domain.text import pinyin_keys, search_texts
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.demo import (
    CITIES,
    EN_FIRST,
    EN_LAST,
    FIRM_WORDS,
    GIVEN,
    INDUSTRIES,
    MOBILE_PREFIXES,
    SUFFIXES,
    SURNAMES,
)

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
HOMOPHONES = ["伟维玮", "丽莉俐", "静晶婧", "明铭", "华桦", "军君", "芳方", "杰洁", "娜纳", "敏闽", "磊垒", "涛韬",
              "勇永", "艳燕", "平萍", "刚钢", "英瑛", "玉钰", "红虹", "飞菲", "斌彬", "文雯", "辉晖", "宇羽", "晨辰",
              "浩昊", "然冉", "欣鑫", "怡仪", "子紫", "雨宇", "思斯", "远源", "嘉佳", "琪琦", "婷亭", "雪薛", "梅玫",
              "春纯", "兰岚", "东冬", "立丽", "新欣", "德得", "福富", "慧惠", "俊骏", "峰锋", "家佳", "豪毫"]
_HOMO = {ch: [x for x in group if x != ch and x.strip()] for group in HOMOPHONES for ch in group if ch.strip()}


def person(rng: random.Random) -> tuple[str, str, str, str]:
    """(name, company, phone, e-mail) of a random customer."""
    if rng.random() < 0.12:
        name = f"{rng.choice(EN_FIRST)} {rng.choice(EN_LAST)}"
    else:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    company = ""
    if rng.random() < 0.7:
        word, _ind = rng.choice(INDUSTRIES)
        company = rng.choice(CITIES) + rng.choice(FIRM_WORDS) + word + rng.choice(SUFFIXES)
    phone = "+86" + rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
    email = ""
    if rng.random() < 0.5:
        email = f"{(pinyin_keys(name)[0] or name.replace(' ', '.').lower())}{rng.randrange(10**6)}@example.cn"
    return name, company, phone, email


def write_import_csv(path: Path, n: int, seed: int = 7) -> None:
    """A GBK CSV with CRLF and quoted cells, the way Excel on Chinese Windows saves one."""
    rng = random.Random(seed)
    with open(path, "w", encoding="gb18030", newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        w.writerow(["客户名称", "公司", "手机", "邮箱", "地址", "行业", "备注"])
        used = set()
        for _ in range(n):
            name, company, phone, email = person(rng)
            while phone in used:
                phone = "+86" + rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
            used.add(phone)
            local = phone[3:]
            w.writerow([name, company, f"{local[:3]} {local[3:7]} {local[7:]}", email, "", "", "导入测试"])


def insert_book(db, rows: list[tuple[str, str, str, str]], seed: int = 1) -> list[str]:
    """Insert customers (name, company, phone, email) with executemany; returns their ids in order."""
    rng = random.Random(seed)
    stamp = Stamp(int(NOW.timestamp() * 1000), 0, "bench00000000000").encode()
    now = ts_text(NOW)
    ids, cust, search = [], [], []
    for name, company, phone, email in rows:
        cid = f"{rng.getrandbits(128):032x}"
        ids.append(cid)
        full, initials = pinyin_keys(name)
        cust.append((cid, stamp, stamp, "person", name, full or name.casefold(), initials, company, phone, email,
                     "", "", "", "", "", "bench", 0, 0, now, now))
        search.append((cid, *search_texts(name, company, phone, email, "", [], [])))
    with db.raw_connection() as conn:
        insert_many(conn, "customer", ("id", "created_stamp", "stamp", "kind", "name", "name_pinyin", "name_initials",
                                       "company", "phone", "email", "address", "industry", "needs", "notes",
                                       "external_id", "owner", "consent_marketing", "do_not_contact", "created_at",
                                       "updated_at"),
                    cust)
        insert_many(conn, "customer_search", ("customer_id", "key", "doc"), search)
    db.clock.observe(stamp)
    return ids


def _strip_suffix(company: str) -> str:
    """The company without its legal form (有限公司, 股份有限公司); "贸易" and "集团" are part of the name."""
    for s in ("股份有限公司", "有限公司"):
        if company.endswith(s):
            return company[: -len(s)]
    return company


def _typo(rng: random.Random, name: str) -> str:
    if name.isascii():
        letters = list(name)
        i = rng.randrange(1, len(letters) - 1)
        if rng.random() < 0.5 and letters[i] != " " and letters[i + 1] != " ":
            letters[i], letters[i + 1] = letters[i + 1], letters[i]
        else:
            del letters[i]
        return "".join(letters)
    chars = list(name)
    for i in range(len(chars) - 1, 0, -1):
        if chars[i] in _HOMO:
            chars[i] = rng.choice(_HOMO[chars[i]])
            return "".join(chars)
    return name


def duplicate_book(n: int, dup_share: float = 0.1, seed: int = 3):
    """(rows, true pairs as index pairs): n base customers, a share of them duplicated once with a
    realistic variation, plus hard negatives (colleagues sharing a switchboard number)."""
    rng = random.Random(seed)
    rows = []
    used_phones: set[str] = set()
    for _ in range(n):
        r = person(rng)
        while r[2] in used_phones:
            r = person(rng)
        used_phones.add(r[2])
        rows.append(r)
    # hard negatives: groups of colleagues entered with the company's switchboard number
    for g in range(n // 200):
        board = f"+86105{g:07d}"
        members = rng.sample(range(n), 3)
        for m in members:
            name, company, _phone, email = rows[m]
            rows[m] = (name, company, board, email)
    pairs: set[tuple[int, int]] = set()
    for base in rng.sample(range(n), int(n * dup_share)):
        name, company, phone, email = rows[base]
        kind = rng.random()
        if kind < 0.3:  # same phone, name typed differently (width, spaces, case), company without suffix
            new_name = name.upper() if name.isascii() else " ".join(name) if rng.random() < 0.5 else name
            dup = (new_name, _strip_suffix(company), phone, "")
        elif kind < 0.45 and email:  # same e-mail, new phone number
            dup = (name, company, "", email)
        elif kind < 0.7 and company:  # same name and company (other legal form), no phone given
            dup = (name, _strip_suffix(company) + rng.choice(["", "有限公司", "股份有限公司"]), "", "")
        elif kind < 0.85 and company:  # name misspelt / homophone, same company
            typo = _typo(rng, name)
            if typo == name:
                continue
            dup = (typo, company, "", "")
        else:  # typo in the name but the same mobile
            dup = (_typo(rng, name), "", phone, email)
        rows.append(dup)
        pairs.add((base, len(rows) - 1))
    return rows, pairs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--customers", type=int, default=100_000)
    args = ap.parse_args()
    from crm_desktop.exchange.tabular import read_table
    from crm_desktop.services.dedupe import DedupeService
    from crm_desktop.services.export import export
    from crm_desktop.services.imports import CustomerImporter, auto_mapping

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        src = d / "customers.csv"
        write_import_csv(src, args.customers)
        db = open_database(d / "import.sqlite")
        ctx = ServiceContext(db, user="bench", now=lambda: NOW)
        t0 = time.perf_counter()
        table = read_table(src)
        t1 = time.perf_counter()
        importer = CustomerImporter(ctx)
        plan = importer.prepare(table, auto_mapping(table.headers))
        t2 = time.perf_counter()
        result = importer.run(plan, "skip")
        t3 = time.perf_counter()
        print(f"import {args.customers} customers from a {src.stat().st_size / 1e6:.1f} MB GBK CSV: "
              f"{t3 - t0:.2f} s (read {t1 - t0:.2f} s, validate+match {t2 - t1:.2f} s, write {t3 - t2:.2f} s); "
              f"added {result.added}, rejected {result.rejected}  [target ≤ 20 s]")
        t0 = time.perf_counter()
        importer.undo_last()
        print(f"undo that import: {time.perf_counter() - t0:.2f} s")
        # export the book (re-import it first: undo tombstoned it)
        importer.run(importer.prepare(table, auto_mapping(table.headers)), "skip")
        for suffix in (".csv", ".xlsx"):
            t0 = time.perf_counter()
            export(db, "customers", d / f"out{suffix}")
            print(f"export {args.customers} customers to {suffix}: {time.perf_counter() - t0:.2f} s")
        t0 = time.perf_counter()
        found = DedupeService(ctx).scan()
        print(f"duplicate scan of {args.customers} customers: {time.perf_counter() - t0:.2f} s, "
              f"{len(found)} pairs  [target ≤ 10 s]")
        db.close()

        db = open_database(d / "dupes.sqlite")
        rows, truth = duplicate_book(args.customers)
        ids = insert_book(db, rows)
        ctx = ServiceContext(db, user="bench", now=lambda: NOW)
        t0 = time.perf_counter()
        found = DedupeService(ctx).scan()
        elapsed = time.perf_counter() - t0
        true_pairs = {frozenset((ids[a], ids[b])) for a, b in truth}
        got = {frozenset((p.a_id, p.b_id)) for p in found}
        tp = len(got & true_pairs)
        print(f"duplicate scan of {len(rows)} customers with {len(true_pairs)} known duplicates: {elapsed:.2f} s")
        print(f"precision {tp / max(len(got), 1):.3f}  recall {tp / max(len(true_pairs), 1):.3f}  "
              f"({tp} of {len(got)} flagged pairs are true)  [target ≥ 0.95 at ≥ 0.9]")
        missed = [tuple(rows[ids.index(i)] for i in p) for p in list(true_pairs - got)[:5]]
        wrong = [(p.a_name, p.a_company, p.b_name, p.b_company, p.score, p.reasons)
                 for p in found if frozenset((p.a_id, p.b_id)) not in true_pairs][:5]
        print("examples missed:", missed)
        print("examples wrongly flagged:", wrong)
        db.close()


if __name__ == "__main__":
    main()
