"""``crm-desktop demo``, ``check`` and ``recover``: making a demo book, checking a book, saving a damaged one.

Only ``demo`` (and ``recover``, into a new file) ever makes a book; every
other command refuses a path where there is none.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crm_desktop.cli.common import T, db_path, language, translate, whole_number
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError


class DemoPathTakenError(UserError):
    def __init__(self, path: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "“{path}” already exists; demo only writes new files, so choose another path."), path=path)


class NotADemoBookError(UserError):
    def __init__(self, path: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "“{path}” is not a demo book, so demo leaves it alone; give another path with --db."),
            path=path)


class RecoverTargetTakenError(UserError):
    def __init__(self, path: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "“{path}” already exists; recover writes only a new book, so choose another path."),
            path=path)


def run_gui_on(path: str, args: argparse.Namespace, lang: str | None = None) -> int:
    from crm_desktop.app import run_gui

    return run_gui(db=path, language=lang or getattr(args, "language", None))


def cmd_demo(args: argparse.Namespace) -> int:
    from crm_desktop.db.database import check_book_path, is_demo_book
    from crm_desktop.db.lock import BookLock
    from crm_desktop.paths import demo_db_path
    from crm_desktop.services.books import create_demo_book

    explicit = bool(getattr(args, "db", None))
    path = check_book_path(Path(args.db) if explicit else demo_db_path(), create=True).absolute()
    reuse = False
    if path.exists():
        if explicit and not args.keep:
            raise DemoPathTakenError(str(path))
        if not is_demo_book(path):
            raise NotADemoBookError(str(path))
        reuse = args.keep
    lang = language(args)
    if not reuse:
        lock = BookLock(path)
        lock.acquire()  # the window may have this demo open: then it is left alone
        try:
            now = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
            show = sys.stderr.isatty()

            def progress(done: int, total: int) -> None:
                print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

            counts = create_demo_book(path, customers=args.customers, seed=args.seed, now=now, language=lang,
                                      progress=progress if show else None)
            if show:
                print(file=sys.stderr)
        finally:
            lock.release()
        print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    print(path)
    if args.no_gui:
        return 0
    return run_gui_on(str(path), args, lang)


def cmd_check(args: argparse.Namespace) -> int:
    from crm_desktop.cli.common import BUSY_PROBE_MS
    from crm_desktop.db.commands import ensure_not_busy, release
    from crm_desktop.db.database import CorruptDatabaseError, open_database
    from crm_desktop.services.check import check_database

    db = open_database(db_path(args), create=False)
    try:
        ensure_not_busy(db, BUSY_PROBE_MS)
    except BaseException:
        release(db)
        raise
    try:
        report = check_database(db)
    finally:
        db.close()
    print(f"file: {report.path}")
    print(f"schema version: {report.schema_version}")
    print(f"integrity: {report.integrity}")
    for table, n in report.counts.items():
        print(f"{table}: {n if n >= 0 else 'unreadable'}")
    for p in report.problems:
        print(f"problem: {p}")
    if report.damaged:
        print(CorruptDatabaseError(report.path).text(translate), file=sys.stderr)
    print("OK" if report.ok else "PROBLEMS FOUND")
    return 0 if report.ok else 1


def cmd_recover(args: argparse.Namespace) -> int:
    from crm_desktop.db.database import check_book_path
    from crm_desktop.db.lock import BookLock
    from crm_desktop.services.check import recover_book

    source = check_book_path(db_path(args), create=False)
    out = check_book_path(args.out, create=True)
    if out.exists():
        raise RecoverTargetTakenError(str(out))
    lock = BookLock(source)
    lock.acquire()
    try:
        report = recover_book(source, out)
    finally:
        lock.release()
    for table, got in report.copied.items():
        skipped = report.skipped.get(table, 0)
        if got or skipped:
            line = T("cli", "{table}: {rows} rows copied").format(table=table, rows=got)
            if skipped:
                line += T("cli", ", {rows} left out (garbled, or what they belong to was lost)").format(rows=skipped)
            print(line)
    if report.unreadable:
        print(T("cli", "Damaged parts skipped in: {tables}.").format(tables=", ".join(report.unreadable)))
    print(T("cli", "What could be read is in {path}; check it, then open it instead of the damaged book.").format(
        path=out))
    return 0


def register(sub: Any, groups: dict[str, Any]) -> None:
    """Add ``demo``, ``check`` and ``recover`` to the command line."""
    d = sub.add_parser("demo", help=T("cli", "create a demo book in a new file and open it"),
                       description=T("cli", "Create a demo book in a new file and open it. An existing file is "
                                            "never replaced, except the default demo book."))
    d.add_argument("--customers", type=whole_number(1, 10_000_000), default=2000,
                   help=T("cli", "number of customers (default 2000)"))
    d.add_argument("--seed", type=whole_number(0), default=1,
                   help=T("cli", "random seed: the same seed gives the same book"))
    d.add_argument("--db", help=T("cli", "the new file to write (default: demo.sqlite in the data folder)"))
    d.add_argument("--language", choices=["zh_CN", "en"],
                   help=T("cli", "language of the demo's names, notes and texts (default: the UI language)"))
    d.add_argument("--keep", action="store_true",
                   help=T("cli", "open the existing demo book instead of making a new one"))
    d.add_argument("--no-gui", action="store_true", help=T("cli", "only create the file"))
    d.set_defaults(func=cmd_demo)

    c = sub.add_parser("check", help=T("cli", "check a book and print a summary"))
    c.add_argument("--db", help=T("cli", "the book to check"))
    c.set_defaults(func=cmd_check)

    r = sub.add_parser("recover", help=T("cli", "copy what can still be read from a damaged book into a new one"))
    r.add_argument("out", metavar="OUT", help=T("cli", "the new book to write"))
    r.add_argument("--db", help=T("cli", "the damaged book (it is only read)"))
    r.set_defaults(func=cmd_recover)
