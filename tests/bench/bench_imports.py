"""Benchmarks of the hostile-input-proof imports; prints figures (not a pytest test).

    python tests/bench/bench_imports.py [--rows 100000] [--vcard-mb 8]

Each figure comes with a floor measured in the same run on the same file, so the ratio means
something on a shared, noisy machine:

1. 100k-row business CSV (GBK, Chinese headers, contacts): read + check + write, against
   ``csv.reader`` over the same decoded file.
2. An 8 MB address book of ordinary cards, and an 8 MB vCard that is one folded property (what was
   quadratic: 36 s), against splitting the same text into lines.
3. The .xlsx bombs (forged dimension, merged whole sheet, shared strings, 1000:1 zip): time and
   peak memory (VmHWM, Linux) of reading each in a fresh process, against the peak of a process
   that only imports the reader.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "exchange"))

from crm_desktop.db.database import open_database  # noqa: E402
from crm_desktop.services.context import ServiceContext  # noqa: E402
from crm_desktop.services.demo import CITIES, FIRM_WORDS, GIVEN, INDUSTRIES, SUFFIXES, SURNAMES  # noqa: E402
from crm_desktop.services.imports import CustomerImporter, auto_mapping, read_any  # noqa: E402

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
TITLES = ["总经理", "采购经理", "财务总监", "厂长", "采购员", "店长", "技术总监", "销售经理"]


def write_business_csv(path: Path, n: int, seed: int = 11) -> None:
    """*n* contact rows of about n/3 companies, the usual Chinese sheet, GBK with every cell quoted."""
    rng = random.Random(seed)
    companies = []
    for i in range(max(1, n // 3)):
        word, industry = rng.choice(INDUSTRIES)
        companies.append((f"{rng.choice(CITIES)}{rng.choice(FIRM_WORDS)}{word}{i}{rng.choice(SUFFIXES)}", industry))
    with open(path, "w", encoding="gb18030", newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        w.writerow(["序号", "客户名称", "联系人", "职务", "手机", "微信", "邮箱", "地址", "行业", "备注"])
        for i in range(n):
            company, industry = companies[i % len(companies)]
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
            phone = f"13{rng.randrange(10**9):09d}"
            w.writerow([i + 1, company, name, rng.choice(TITLES), f"{phone[:3]} {phone[3:7]} {phone[7:]}",
                        f"wx{phone[-6:]}", f"c{i}@example.cn", f"{rng.choice(CITIES)}某路{i % 300}号", industry,
                        "导入测试"])


def bench_csv(rows: int, tmp: Path) -> None:
    src = tmp / "business.csv"
    write_business_csv(src, rows)
    t0 = time.perf_counter()
    text = src.read_bytes().decode("gb18030")
    floor_rows = sum(1 for _ in csv.reader(io.StringIO(text, newline="")))
    floor = time.perf_counter() - t0
    db = open_database(tmp / "csv.sqlite")
    ctx = ServiceContext(db, user="bench", now=lambda: NOW)
    t0 = time.perf_counter()
    table = read_any(src)
    t_read = time.perf_counter() - t0
    importer = CustomerImporter(ctx)
    t0 = time.perf_counter()
    plan = importer.prepare(table, auto_mapping(table.headers))
    t_prepare = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = importer.run(plan)
    t_run = time.perf_counter() - t0
    db.close()
    total = t_read + t_prepare + t_run
    print(f"CSV {rows} rows ({src.stat().st_size / 1e6:.1f} MB GBK): read {t_read:.2f} s, check {t_prepare:.2f} s, "
          f"write {t_run:.2f} s = {total:.2f} s ({rows / total:,.0f} rows/s); {result.added} businesses, "
          f"{result.contacts} contacts")
    print(f"    floor: decode + csv.reader over {floor_rows} records {floor:.2f} s; ratio {total / floor:.1f}×")


def _cards(target_bytes: int) -> str:
    rng = random.Random(5)
    out, size, i = [], 0, 0
    while size < target_bytes:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        card = (f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:{name[0]};{name[1:]};;;\r\nFN:{name}\r\n"
                f"TEL;TYPE=CELL:13{rng.randrange(10**9):09d}\r\nTEL;TYPE=WORK:010-6{rng.randrange(10**6):06d}\r\n"
                f"EMAIL;TYPE=INTERNET:c{i}@example.cn\r\nORG:{rng.choice(CITIES)}公司{i % 500};\r\n"
                f"NOTE:第{i}张名片\\n第二行\r\nEND:VCARD\r\n")
        out.append(card)
        size += len(card.encode())
        i += 1
    return "".join(out)


def bench_vcard(mb: float, tmp: Path) -> None:
    target = int(mb * 1024 * 1024)
    many = tmp / "many.vcf"
    many.write_text(_cards(target), encoding="utf-8")
    body = "x" * target
    folded = tmp / "folded.vcf"
    folded.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张伟\r\nNOTE:" + "\r\n ".join(
        body[i:i + 74] for i in range(0, len(body), 74)) + "\r\nTEL:13800138000\r\nEND:VCARD\r\n", encoding="utf-8")
    for label, path in (("ordinary cards", many), ("one folded property", folded)):
        t0 = time.perf_counter()
        lines = path.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
        floor = time.perf_counter() - t0
        db = open_database(tmp / f"{path.stem}.sqlite")
        ctx = ServiceContext(db, user="bench", now=lambda: NOW)
        t0 = time.perf_counter()
        table = read_any(path)
        t_read = time.perf_counter() - t0
        importer = CustomerImporter(ctx)
        plan = importer.prepare(table, auto_mapping(table.headers))
        result = importer.run(plan)
        total = time.perf_counter() - t0
        db.close()
        print(f"vCard {path.stat().st_size / 1e6:.1f} MB, {label}: parse {t_read:.2f} s, import total {total:.2f} s "
              f"({result.added} customers, {len(table.problems)} remarks)")
        print(f"    floor: read + split into {len(lines):,} lines {floor:.3f} s; parse ratio {t_read / floor:.1f}×")


_PROBE = """
import json, sys, time
sys.path.insert(0, {root!r})
from crm_desktop.exchange.tabular import read_table, TabularError
t0 = time.perf_counter()
outcome = "baseline"
if {path!r}:
    try:
        outcome = "read %d rows" % len(read_table({path!r}).rows)
    except TabularError as exc:
        outcome = exc.text()
hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({{"s": time.perf_counter() - t0, "peak_mb": hwm / 1024, "outcome": outcome}}))
"""


def _probe(path: str) -> dict:
    done = subprocess.run([sys.executable, "-c", _PROBE.format(root=str(ROOT), path=path)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_bombs(tmp: Path) -> None:
    import samples

    base = _probe("")
    print(f"xlsx bombs (floor: a process that only imports the reader peaks at {base['peak_mb']:.0f} MB)")
    for kind in ("dimension", "merged", "shared_strings", "ratio"):
        path = samples.write_xlsx_bomb(tmp / f"bomb_{kind}.xlsx", kind)
        got = _probe(str(path))
        print(f"    {kind:15} {path.stat().st_size / 1024:7.1f} KB: {got['s']:.2f} s, peak {got['peak_mb']:.0f} MB "
              f"({got['peak_mb'] / base['peak_mb']:.1f}× floor) — {got['outcome']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--vcard-mb", type=float, default=8)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        bench_csv(args.rows, tmp)
        bench_vcard(args.vcard_mb, tmp)
        bench_bombs(tmp)


if __name__ == "__main__":
    main()
