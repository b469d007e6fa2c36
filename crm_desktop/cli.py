"""The command line.  No arguments opens the GUI; subcommands do the rest.

Each subcommand is a small function registered in :func:`build_parser`;
feature modules listed in :data:`FEATURE_COMMANDS` add theirs through a
``register(subparsers)`` function, so import, export, backup, restore, merge,
calllist and scores slot in without touching the rest.  Errors are one sentence on stderr (in the user's language when
a translation is installed) and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path

from crm_desktop import APP_NAME, __version__
from crm_desktop.domain.errors import UserError


def _translate(context: str, text: str) -> str:
    try:
        from crm_desktop.i18n import translate_cli

        return translate_cli(context, text)
    except Exception:  # noqa: BLE001 - translations are a nicety on the command line
        return text


def _fail(exc: UserError) -> int:
    print(exc.text(_translate), file=sys.stderr)
    return 2


def _db_path(args) -> str:
    from crm_desktop.paths import default_db_path

    return str(args.db) if getattr(args, "db", None) else str(default_db_path())


def cmd_gui(args) -> int:
    from crm_desktop.app import run_gui

    return run_gui(db=args.db, language=getattr(args, "language", None))


def cmd_demo(args) -> int:
    from crm_desktop.db.database import open_database
    from crm_desktop.paths import demo_db_path
    from crm_desktop.services.demo import generate_demo

    path = Path(args.db) if args.db else demo_db_path()
    if path.exists() and not args.keep:
        for suffix in ("", "-wal", "-shm"):
            p = Path(str(path) + suffix)
            if p.exists():
                p.unlink()
    db = open_database(path)
    try:
        from crm_desktop.services.customers import CustomerService
        from crm_desktop.services.context import ServiceContext

        if CustomerService(ServiceContext(db)).count() == 0:
            now = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)

            def progress(done: int, total: int) -> None:
                print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

            counts = generate_demo(db, customers=args.customers, seed=args.seed, now=now,
                                   progress=progress if sys.stderr.isatty() else None)
            if sys.stderr.isatty():
                print(file=sys.stderr)
            print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    finally:
        db.close()
    print(path)
    if args.no_gui:
        return 0
    return run_gui_on(str(path), args)


def run_gui_on(path: str, args) -> int:
    from crm_desktop.app import run_gui

    return run_gui(db=path, language=getattr(args, "language", None))


def cmd_check(args) -> int:
    from crm_desktop.db.database import open_database
    from crm_desktop.services.check import check_database

    db = open_database(_db_path(args))
    try:
        report = check_database(db)
    finally:
        db.close()
    print(f"file: {report.path}")
    print(f"schema version: {report.schema_version}")
    print(f"integrity: {report.integrity}")
    for table, n in report.counts.items():
        print(f"{table}: {n}")
    for p in report.problems:
        print(f"problem: {p}")
    print("OK" if report.ok else "PROBLEMS FOUND")
    return 0 if report.ok else 1


FEATURE_COMMANDS: tuple[str, ...] = (
    "crm_desktop.cli_exchange",
    "crm_desktop.cli_backup",
    "crm_desktop.cli_calllist",
    "crm_desktop.cli_orders",
)
"""Modules with a ``register(subparsers, groups)`` function adding their subcommands.

``groups`` maps "import" and "export" to the sub-subparsers of
``crm-desktop import …`` and ``crm-desktop export …``, so each feature adds its
own kind (``import orders``, ``import customers``, ``export customers`` …)."""


def open_for_command(args):
    """Open the database named by ``--db`` (or the default) for a subcommand.

    Returns ``(db, lock)``; close both with :func:`close_for_command`.  The lock
    refuses to write a file that is open in a window.
    """
    from crm_desktop.db.database import open_database
    from crm_desktop.lock import DatabaseLock

    path = _db_path(args)
    lock = None
    if "://" not in path:
        lock = DatabaseLock(Path(path))
        lock.acquire()
    try:
        return open_database(path), lock
    except BaseException:
        if lock:
            lock.release()
        raise


def close_for_command(db, lock) -> None:
    db.close()
    if lock:
        lock.release()


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=APP_NAME, description="Offline CRM for small sales teams. "
                                "Without a command, opens the window.")
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    p.add_argument("--self-test", action="store_true",
                   help="check this installation on a temporary database and exit (0 = all passed)")
    p.add_argument("--db", help="database file (default: the user's data folder; CRM_DATA_DIR overrides)")
    p.add_argument("--language", choices=["zh_CN", "en"], help="UI language (default: the system's)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    d = sub.add_parser("demo", help="create a demo database in its own file and open it")
    d.add_argument("--customers", type=int, default=2000, help="number of customers (default 2000)")
    d.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives the same book")
    d.add_argument("--db", help="where to write the demo file (default: demo.sqlite in the data folder)")
    d.add_argument("--keep", action="store_true", help="reuse an existing demo file instead of recreating it")
    d.add_argument("--no-gui", action="store_true", help="only create the file")
    d.set_defaults(func=cmd_demo)

    c = sub.add_parser("check", help="check a database file and print a summary")
    c.add_argument("--db", help="database file")
    c.set_defaults(func=cmd_check)

    imp = sub.add_parser("import", help="import data from a file")
    exp = sub.add_parser("export", help="export data to a file")
    groups = {
        "import": imp.add_subparsers(dest="kind", metavar="KIND", required=True),
        "export": exp.add_subparsers(dest="kind", metavar="KIND", required=True),
    }
    import importlib

    for module in FEATURE_COMMANDS:
        importlib.import_module(module).register(sub, groups)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from crm_desktop.selftest import run_self_test

        return run_self_test()
    func = getattr(args, "func", cmd_gui)
    try:
        return func(args)
    except UserError as exc:
        return _fail(exc)


def gui_main() -> int:
    return main([])
