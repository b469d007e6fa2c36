"""The command line: help, demo, check, recover, and one-sentence errors."""

import argparse
import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crm_desktop.cli import build_parser, main

BOOK_COMMANDS = {
    # every sub-command and the arguments it needs besides --db
    "demo": ["demo"],
    "check": ["check"],
    "recover": ["recover", "out.sqlite"],
    "import customers": ["import", "customers", "in.csv"],
    "import orders": ["import", "orders", "in.csv"],
    "import products": ["import", "products", "in.csv"],
    "export products": ["export", "products", "out.csv"],
    "quote": ["quote", "ab12", "--pdf", "out.pdf"],
    "export deals": ["export", "deals", "out.csv"],
    "export customers": ["export", "customers", "out.csv"],
    "export orders": ["export", "orders", "out.csv"],
    "export interactions": ["export", "interactions", "out.csv"],
    "export complaints": ["export", "complaints", "out.csv"],
    "export mailing": ["export", "mailing", "out.csv"],
    "export followups": ["export", "followups", "out.ics"],
    "backup": ["backup", "out.crmbak"],
    "restore": ["restore", "in.crmbak"],
    "merge": ["merge", "in.crmbak"],
    "erase": ["erase", "张伟", "--yes"],
    "calllist": ["calllist"],
    "scores": ["scores"],
    "sync": ["sync"],
}
NO_BOOK_COMMANDS = {"hub init", "hub add-user", "hub remove-user"}
"""The team hub administrator's commands: they work on a PostgreSQL hub, not on a book (tests/hub)."""


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _commands(parser: argparse.ArgumentParser, prefix: str = "") -> set[str]:
    found = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                inner = _commands(sub, f"{prefix}{name} ")
                found |= inner or {f"{prefix}{name}"}
    return found


@pytest.fixture
def book(tmp_path):
    """A 40-customer demo book made through the command line."""
    path = tmp_path / "book.sqlite"
    assert main(["demo", "--customers", "40", "--seed", "3", "--language", "zh_CN", "--db", str(path), "--no-gui"]) == 0
    return path


def test_help_lists_commands(capsys):
    """--help names the subcommands."""
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "demo" in out and "check" in out and "recover" in out


def test_the_table_of_commands_is_complete():
    """Every sub-command the parser knows is in BOOK_COMMANDS (or is a hub administrator's), so the --db tests
    cover all of them."""
    assert _commands(build_parser()) == set(BOOK_COMMANDS) | NO_BOOK_COMMANDS


@pytest.mark.parametrize("name", sorted(BOOK_COMMANDS))
def test_global_db_reaches_the_command(name):
    """`crm-desktop --db X COMMAND` gives the command X; the command's own --db still wins when given."""
    argv = BOOK_COMMANDS[name]
    assert build_parser().parse_args(["--db", "global.sqlite", *argv]).db == "global.sqlite"
    assert build_parser().parse_args(["--db", "global.sqlite", *argv, "--db", "own.sqlite"]).db == "own.sqlite"
    assert build_parser().parse_args(argv).db is None


def test_check_uses_the_global_db(book, capsys):
    """`--db BOOK check` checks that book, not the default one."""
    assert main(["--db", str(book), "check"]) == 0
    out = capsys.readouterr().out
    assert f"file: {book}" in out and "customer: 40" in out


@pytest.mark.parametrize("name", sorted(set(BOOK_COMMANDS) - {"demo"}))
def test_a_mistyped_db_path_makes_nothing(name, tmp_path, capsys, monkeypatch):
    """Every command but demo says in one sentence that the book does not exist, and creates no file or folder."""
    monkeypatch.setenv("CRM_PASSPHRASE", "team passphrase")
    (tmp_path / "in.csv").write_text("name,phone\n张三,13800138000\n", encoding="utf-8")
    (tmp_path / "in.crmbak").write_bytes(b"not really a backup")
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / "typo" / "crm.sqlite"
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main(["--db", str(missing), *BOOK_COMMANDS[name]]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"“{missing}” does not exist."
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_demo_without_gui_then_check(tmp_path, capsys):
    """demo --no-gui writes a book that check finds healthy."""
    path = tmp_path / "demo.sqlite"
    assert main(["demo", "--customers", "50", "--seed", "3", "--db", str(path), "--no-gui"]) == 0
    assert main(["check", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "integrity: ok" in out and "customer: 50" in out and out.rstrip().endswith("OK")


def test_check_refuses_a_foreign_file_with_one_sentence(tmp_path, capsys):
    """Another program's SQLite file: one sentence on stderr, exit status 2, file untouched."""
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    assert main(["check", "--db", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert "another application" in err and "\n" not in err
    assert path.read_bytes() == before


def test_a_folder_given_as_book_is_named_a_folder(tmp_path, capsys):
    """--db pointing at a directory: "… is a folder, not a book", for check and for a writing command."""
    for argv in (["check"], ["export", "customers", str(tmp_path / "x.csv")]):
        assert main(["--db", str(tmp_path), *argv]) == 2
        assert capsys.readouterr().err.strip() == f"“{tmp_path}” is a folder, not a book."


def test_a_book_with_only_meta_is_refused_untouched(tmp_path, capsys):
    """A file with our application id but only the meta table: one sentence, the file left as it was."""
    from crm_desktop.db.database import APPLICATION_ID, HEAD_SCHEMA_VERSION

    path = tmp_path / "meta.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version={HEAD_SCHEMA_VERSION}")
    conn.execute("CREATE TABLE meta(key VARCHAR(60) PRIMARY KEY, value VARCHAR NOT NULL)")
    conn.commit()
    conn.close()
    before = _sha(path)
    for argv in (["check"], ["calllist"]):
        assert main(["--db", str(path), *argv]) == 2
        err = capsys.readouterr().err.strip()
        assert "is not a whole book" in err and "customer" in err and "\n" not in err
    assert _sha(path) == before


def test_a_book_whose_customer_is_a_view_is_refused(book, capsys):
    """A `customer` view in place of the table: "not a whole book", not a traceback."""
    conn = sqlite3.connect(book)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("PRAGMA legacy_alter_table=ON")
    conn.execute("ALTER TABLE customer RENAME TO customer_data")
    conn.execute("CREATE VIEW customer AS SELECT * FROM customer_data")
    conn.commit()
    conn.close()
    assert main(["--db", str(book), "calllist"]) == 2
    err = capsys.readouterr().err.strip()
    assert "is not a whole book (missing or not a table: customer)" in err


def _damage(path: Path, every: int = 37) -> None:
    """Overwrite the middle of every *every*-th page after the first few with garbage (not the pages of the
    schema, which SQLite spreads through the file as tables are added: the book must still open)."""
    conn = sqlite3.connect(path)
    schema = {r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = 'sqlite_schema'")}
    conn.close()
    size = path.stat().st_size
    with open(path, "r+b") as f:
        for page in range(8, size // 4096, every):
            if page + 1 in schema:  # dbstat counts pages from 1
                continue
            f.seek(page * 4096 + 200)
            f.write(os.urandom(300))


def test_damaged_pages_say_which_command_recovers(book, capsys):
    """A book with flipped pages: commands name `crm-desktop recover`; check reports the damage (exit 1)."""
    _damage(book, every=5)
    assert main(["--db", str(book), "export", "interactions", str(book.parent / "i.csv")]) == 2
    err = capsys.readouterr().err.strip()
    assert "is damaged" in err and "crm-desktop recover --db" in err and "Traceback" not in err
    assert main(["--db", str(book), "check"]) == 1
    captured = capsys.readouterr()
    assert "PROBLEMS FOUND" in captured.out and "crm-desktop recover" in captured.err


def test_recover_copies_the_readable_rows_into_a_new_book(tmp_path, capsys):
    """recover: most rows of a damaged book come back in a healthy new book; the damaged file is only read."""
    path = tmp_path / "big.sqlite"
    assert main(["demo", "--customers", "400", "--db", str(path), "--no-gui"]) == 0
    conn = sqlite3.connect(path)
    counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("customer", "interaction")}
    conn.close()
    _damage(path)
    before = _sha(path)
    out = tmp_path / "saved.sqlite"
    capsys.readouterr()
    assert main(["recover", "--db", str(path), str(out)]) == 0
    printed = capsys.readouterr().out
    assert "interaction:" in printed and str(out) in printed
    assert _sha(path) == before
    assert main(["check", "--db", str(out)]) == 0
    conn = sqlite3.connect(out)
    got = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("customer", "interaction")}
    searchable = conn.execute("SELECT COUNT(*) FROM customer_search").fetchone()[0]
    conn.close()
    assert got["interaction"] >= counts["interaction"] * 0.8 and got["customer"] >= counts["customer"] * 0.8
    assert searchable == got["customer"]
    assert main(["recover", "--db", str(path), str(out)]) == 2  # never over an existing file
    assert "already exists" in capsys.readouterr().err


def test_a_foreign_write_lock_gets_one_sentence_quickly(book, capsys):
    """Another program in BEGIN IMMEDIATE: "being written by another program", well before the old 10 s."""
    holder = sqlite3.connect(book, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        for argv in (["calllist"], ["export", "customers", str(book.parent / "c.csv")], ["check"]):
            started = time.monotonic()
            assert main(["--db", str(book), *argv]) == 2
            elapsed = time.monotonic() - started
            err = capsys.readouterr().err.strip()
            assert err == f"“{book}” is being written by another program; close it and try again."
            assert elapsed < 5
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_demo_refuses_an_existing_path(book, capsys):
    """demo --db on an existing book leaves it byte for byte as it was and says why."""
    before = _sha(book)
    assert main(["demo", "--customers", "5", "--db", str(book), "--no-gui"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert _sha(book) == before


def test_demo_recreates_only_a_demo_book_at_the_default_path(tmp_path, capsys):
    """The default demo file is made anew when it is a demo book, refused when it is someone's real book."""
    from crm_desktop.db.database import open_database, peek_meta
    from crm_desktop.paths import demo_db_path

    assert main(["demo", "--customers", "5", "--no-gui"]) == 0
    path = demo_db_path()
    assert peek_meta(path, "demo") == "1"
    assert main(["demo", "--customers", "7", "--seed", "2", "--no-gui"]) == 0
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT COUNT(*) FROM customer").fetchone()[0] == 7
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    open_database(path).close()  # a real (non-demo) book in the demo's place
    before = _sha(path)
    capsys.readouterr()
    assert main(["demo", "--customers", "5", "--no-gui"]) == 2
    assert "is not a demo book" in capsys.readouterr().err
    assert _sha(path) == before
    assert not list(path.parent.glob(".*.new*"))


def test_demo_takes_the_book_lock(qapp, tmp_path, capsys):
    """While a window holds the demo book, demo leaves it alone."""
    from crm_desktop.db.lock import BookLock
    from crm_desktop.paths import demo_db_path

    assert main(["demo", "--customers", "5", "--no-gui"]) == 0
    before = _sha(demo_db_path())
    lock = BookLock(demo_db_path())
    lock.acquire()
    try:
        assert main(["demo", "--customers", "9", "--no-gui"]) == 2
        assert "already open in another window" in capsys.readouterr().err
    finally:
        lock.release()
    assert _sha(demo_db_path()) == before


@pytest.mark.parametrize("argv, words", [
    (["demo", "--customers", "-5", "--no-gui"], "-5 is too small: give at least 1."),
    (["demo", "--customers", "lots", "--no-gui"], "“lots” is not a whole number."),
    (["calllist", "--top", "0"], "0 is too small"),
    (["scores", "--horizon-days", "-1"], "-1 is too small"),
    (["export", "followups", "x.ics", "--days", "-3"], "-3 is too small"),
])
def test_numbers_are_checked_with_a_sentence(argv, words, capsys):
    """Out-of-range or non-numeric counts are refused by the parser (exit 2) with a sentence."""
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert words in capsys.readouterr().err


def test_calllist_prints_phones_as_people_read_them(book, capsys):
    """The table shows 138 0013 8000, not +8613800138000; JSON keeps E.164 for programs."""
    assert main(["--db", str(book), "calllist"]) == 0
    out = capsys.readouterr().out
    assert "+86" not in out
    assert re.search(r"\b1\d\d \d{4} \d{4}\b", out)
    assert main(["--db", str(book), "calllist", "--format", "json"]) == 0
    assert "+86" in capsys.readouterr().out


def _cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "crm_desktop", *args], capture_output=True, text=True,
                          env=env, timeout=120, **kwargs)


def test_help_is_chinese_under_zh_cn():
    """--language zh_CN: descriptions, option help and argparse's own words come out in Chinese."""
    done = _cli("--language", "zh_CN", "demo", "--help")
    assert done.returncode == 0
    assert "用法：" in done.stdout and "客户数量（默认2000）" in done.stdout and "选项" in done.stdout
    assert "number of customers" not in done.stdout
    done = _cli("--language", "zh_CN", "demo", "--customers", "-5")
    assert "太小" in done.stderr and "错误" in done.stderr


def test_a_closed_pipe_ends_quietly(book):
    """`crm-desktop calllist | head -1`: no BrokenPipe traceback."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for argv in (["calllist"], ["scores", "--format", "csv"]):
        proc = subprocess.Popen([sys.executable, "-m", "crm_desktop", "--db", str(book), *argv],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        proc.stdout.readline()
        proc.stdout.close()  # what `head -1` does after its line
        err = proc.stderr.read().decode()
        proc.wait(timeout=120)
        assert "Traceback" not in err and "BrokenPipe" not in err, err


def test_translated_help_needs_no_qt_application():
    """The parser builds (and translates) without a Qt application, and stays in English by default."""
    text = build_parser().format_help()
    assert "usage:" in text and "recover" in text


@pytest.fixture
def small_disk(tmp_path):
    """A 40 MB tmpfs mounted at a temporary folder; a test then fills it to leave what it wants free."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small file system needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _leave_free(folder: Path, kilobytes: int) -> None:
    free = shutil.disk_usage(folder).free
    with open(folder / "filler", "wb") as f:
        os.posix_fallocate(f.fileno(), 0, max(0, free - kilobytes * 1024))


@pytest.mark.parametrize("free_kb", [8, 512, 4096])
def test_a_full_disk_says_disk_full(free_kb, small_disk, book, tmp_path, capsys, monkeypatch):
    """At 8 KB, 512 KB and 4 MB free: never "damaged", never a traceback; disk full, with what is needed."""
    monkeypatch.setenv("CRM_PASSPHRASE", "team passphrase")
    shutil.copy(book, small_disk / "book.sqlite")
    target = small_disk / "book.sqlite"
    csv = tmp_path / "many.csv"
    csv.write_text("name,phone\n" + "".join(f"客户{i},1380013{i:04d}\n" for i in range(3000)), encoding="utf-8")
    _leave_free(small_disk, free_kb)
    for argv in (["check"], ["import", "customers", str(csv)], ["backup", str(small_disk / "b.crmbak")],
                 ["recover", str(small_disk / "r.sqlite")]):
        code = main(["--db", str(target), *argv])
        err = capsys.readouterr().err
        assert "damaged" not in err and "Traceback" not in err
        if code != 0:
            assert code == 2 and "is full" in err and "\n" not in err.strip(), (argv, err)
    for argv in (["backup", str(small_disk / "b.crmbak")], ["recover", str(small_disk / "r.sqlite")]):
        assert main(["--db", str(target), *argv]) == 2
        err = capsys.readouterr().err
        assert "is full" in err
        if free_kb >= 512:  # with room for the lock file, the command says how much it needs
            assert "needed" in err
    assert main(["demo", "--db", str(small_disk / "demo.sqlite"), "--no-gui"]) == 2
    assert "is full" in capsys.readouterr().err
    assert not (small_disk / "demo.sqlite").exists()
    (small_disk / "filler").unlink()  # the book is whole afterwards
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT COUNT(*) FROM customer").fetchone()[0] >= 40
    conn.close()


def test_disk_full_mid_command_is_caught_once_for_all(tmp_path):
    """An SQLITE_FULL escaping any command (here from max_page_count) becomes the disk-full sentence."""
    from crm_desktop.cli import as_user_error
    from crm_desktop.db.errors import DiskFullError

    conn = sqlite3.connect(tmp_path / "tiny.sqlite")
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.commit()
    conn.execute(f"PRAGMA max_page_count={conn.execute('PRAGMA page_count').fetchone()[0] + 1}")
    with pytest.raises(sqlite3.OperationalError) as raised:
        conn.executemany("INSERT INTO t VALUES (?)", [("x" * 4000,)] * 50)
    conn.close()
    err = as_user_error(raised.value, str(tmp_path / "tiny.sqlite"))
    assert isinstance(err, DiskFullError) and "is full" in err.text()


def test_demo_follows_the_chosen_language(tmp_path):
    """demo --language en writes an English book, --language zh_CN a Chinese one (names included)."""
    for language, script in (("en", re.compile(r"^[A-Za-z .'-]+$")), ("zh_CN", re.compile(r"[\u4e00-\u9fff]"))):
        path = tmp_path / f"{language}.sqlite"
        assert main(["demo", "--customers", "30", "--language", language, "--db", str(path), "--no-gui"]) == 0
        conn = sqlite3.connect(path)
        names = [r[0] for r in conn.execute("SELECT name FROM customer WHERE kind = 'person'")]
        language_kept = conn.execute("SELECT value FROM meta WHERE key = 'demo_language'").fetchone()[0]
        conn.close()
        assert names and all(script.search(n) for n in names) and language_kept == language


def test_export_customers_carries_the_scores_columns(book, tmp_path, capsys):
    """`export customers` writes today's scores beside each customer (as `scores` prints them), unless asked
    not to."""
    import csv

    out, plain = tmp_path / "c.csv", tmp_path / "p.csv"
    assert main(["--db", str(book), "export", "customers", str(out)]) == 0
    assert main(["--db", str(book), "export", "customers", str(plain), "--without-scores"]) == 0
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows and {"Segment", "Value decile", "Lifecycle", "RFM: recency (1–5)"} <= set(rows[0])
    assert any(r["Segment"] in ("MVC", "MGC", "BZ", "Migrator") and r["Value decile"] for r in rows)
    assert "Segment" not in plain.read_text(encoding="utf-8-sig").splitlines()[0]


def test_scores_json_lines_are_what_the_encoder_writes():
    """Each customer's JSON line of `scores` is json's own encoding of that customer (odd numbers and texts too)."""
    import json
    from types import SimpleNamespace

    import numpy as np

    from crm_desktop.cli.calllist import _customer_lines

    ids = ["a", 'q"uote', "back\\slash", "new\nline", "客户, {甲}", "emoji 🎉", "tab\t\x01"]
    n = len(ids)
    odd = np.array([0.1, float("nan"), float("inf"), -float("inf"), -0.0, 1e16, 1.5e-7])
    s = SimpleNamespace(
        customer_ids=np.array(ids, dtype=object), n_orders=np.arange(n), frequency=np.arange(n) * 1.0,
        recency=odd, T=odd[::-1].copy(), monetary=np.array([12345, 1, 0, 99, 10**12, 7, 3]) * 1.0, p_alive=odd,
        expected_purchases=odd * 3, expected_value=odd * 100, decile=np.array([1.0, 2, 3, 4, 5, 6, 10]),
        segment=np.array(["mvc", "mgc", None, "", "bz", "x", "y"], dtype=object),
        lifecycle=np.array(["active", "at_risk", "lapsed", "new", "prospect", "lost", "活跃"], dtype=object),
        rfm_recency=np.arange(n), rfm_frequency=np.arange(n), rfm_monetary=np.arange(n), rfm_total=np.arange(n) * 3)
    cols = ("customer_id", "name", "orders", "frequency", "recency", "T", "monetary", "p_alive",
            "expected_purchases", "expected_value", "decile", "segment", "lifecycle", "rfm_recency", "rfm_frequency",
            "rfm_monetary", "rfm_total")
    names = {cid: f"名字 {cid}" for cid in ids[1:]}
    encode = json.JSONEncoder(ensure_ascii=False).encode
    want = ["  " + encode(dict(zip(cols, (
        cid, names.get(cid, ""), int(s.n_orders[i]), s.frequency[i].item(), s.recency[i].item(), s.T[i].item(),
        (s.monetary / 100.0)[i].item(), s.p_alive[i].item(), s.expected_purchases[i].item(),
        (s.expected_value / 100.0)[i].item(), int(s.decile[i]), s.segment[i], s.lifecycle[i],
        int(s.rfm_recency[i]), int(s.rfm_frequency[i]), int(s.rfm_monetary[i]), int(s.rfm_total[i])), strict=True)))
        for i, cid in enumerate(ids)]
    assert _customer_lines(cols, s, names) == want
    assert _customer_lines(cols, SimpleNamespace(**{k: (v[:0] if hasattr(v, "shape") else v)
                                                    for k, v in vars(s).items()}), {}) == []


@pytest.mark.parametrize("argv", [["calllist"], ["calllist", "--format", "json"], ["scores", "--format", "json"]])
def test_the_call_list_and_scores_load_neither_qt_nor_the_orm(book, argv):
    """`calllist` and `scores` run without importing PySide6, the ORM (sqlmodel, sqlalchemy.orm) or alembic,
    and print the same as in a process that has them all loaded."""
    import datetime as dt

    if argv[0] == "calllist":  # yesterday is listed as of 09:00: the same moment in both processes
        argv = [*argv, "--date", (dt.date.today() - dt.timedelta(days=1)).isoformat()]
    code = ("import sys, io, contextlib\n"
            "from crm_desktop.cli import main\n"
            "out = io.StringIO()\n"
            "with contextlib.redirect_stdout(out):\n"
            f"    assert main(['--db', {str(book)!r}, *{argv!r}]) == 0\n"
            "heavy = sorted(m for m in ('PySide6', 'PySide6.QtCore', 'sqlmodel', 'sqlalchemy.orm', 'alembic') "
            "if m in sys.modules)\n"
            "print(repr(heavy)); print(out.getvalue(), end='')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"})
    assert done.returncode == 0, done.stderr
    loaded, printed = done.stdout.split("\n", 1)
    assert loaded == "[]"
    with_all = ("import sys, io, contextlib\n"
                "import PySide6.QtCore, sqlmodel, crm_desktop.db.models\n"
                "from crm_desktop.cli import main\n"
                "out = io.StringIO()\n"
                "with contextlib.redirect_stdout(out):\n"
                f"    assert main(['--db', {str(book)!r}, *{argv!r}]) == 0\n"
                "print(out.getvalue(), end='')\n")
    again = subprocess.run([sys.executable, "-c", with_all], capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert printed == again.stdout and len(printed) > 100
