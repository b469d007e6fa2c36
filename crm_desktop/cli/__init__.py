"""The command line.  No arguments opens the GUI; subcommands do the rest.

Each subcommand is a small function registered in :func:`build_parser`;
feature modules listed in :data:`FEATURE_COMMANDS` add theirs through a
``register(subparsers)`` function, so import, export, backup, restore, merge,
calllist and scores slot in without touching the rest.

Errors are one sentence on stderr in the user's language and exit status 2:
a :class:`UserError` from any layer, and — caught once in :func:`main` for
every command — SQLite's own failures (disk full, a book another program is
writing, a damaged page), a closed pipe (``… | head``) and a full disk while
writing.  Only ``demo`` (and ``recover``, into a new file) ever makes a book;
every other command refuses a path where there is none.

Help texts are marked with ``T("cli", …)`` and translated when the parser is
built (argparse's own few words, "usage:", "options", come from the same
translations; its error details such as "invalid choice" stay English).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from crm_desktop import APP_NAME, __version__
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError


def _translate(context: str, text: str) -> str:
    try:
        from crm_desktop.ui.shell.i18n import translate_cli

        return translate_cli(context, text)
    except Exception:  # noqa: BLE001 - translations are a nicety on the command line
        return text


def T(context: str, text: str) -> str:  # noqa: N802 - lupdate collects T(context, text) like QT_TRANSLATE_NOOP
    """*text* in the user's language, now; ``pyside6-lupdate`` collects every ``T(…)`` call."""
    return _translate(context, text)


def _fail(exc: UserError) -> int:
    print(exc.text(_translate), file=sys.stderr)
    return 2


def _db_path(args) -> str:
    from crm_desktop.paths import default_db_path

    return str(args.db) if getattr(args, "db", None) else str(default_db_path())


# --- numbers on the command line -----------------------------------------------------------

def whole_number(low: int | None = None, high: int | None = None):
    """An argparse ``type`` for a whole number in [low, high], refusing anything else with a sentence."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(
                T("cli", "“{value}” is not a whole number.").format(value=text)) from None
        if low is not None and value < low:
            raise argparse.ArgumentTypeError(
                T("cli", "{value} is too small: give at least {low}.").format(value=value, low=low))
        if high is not None and value > high:
            raise argparse.ArgumentTypeError(
                T("cli", "{value} is too large: give at most {high}.").format(value=value, high=high))
        return value

    parse.__name__ = "whole number"
    return parse


positive = whole_number(1)
"""A whole number of at least 1 (counts, days ahead, rows)."""


# --- argparse in the user's language -----------------------------------------------------------

class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        if prefix is None:
            prefix = T("cli", "usage: ")
        return super().add_usage(usage, actions, groups, prefix)


class CliParser(argparse.ArgumentParser):
    """An ArgumentParser whose own words ("usage:", "options", -h) come from our translations."""

    def __init__(self, *args, **kwargs) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = T("cli", "positional arguments")
        self._optionals.title = T("cli", "options")
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help=T("cli", "show this help message and exit"))

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, T("cli", "{prog}: error: {message}").format(prog=self.prog, message=message) + "\n")


def _shared_options_from_top(parser: argparse.ArgumentParser) -> None:
    """Let ``crm-desktop --db X COMMAND`` reach every command.

    argparse lets a sub-command's own default overwrite what the top-level
    option set; with ``SUPPRESS`` a sub-command's ``--db`` / ``--language``
    only counts when it is given.
    """
    for action in parser._actions:  # noqa: SLF001 - argparse has no public walk over its parsers
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for sub in action.choices.values():
                for option in sub._actions:  # noqa: SLF001
                    if option.dest in ("db", "language"):
                        option.default = argparse.SUPPRESS
                _shared_options_from_top(sub)


# --- commands ----------------------------------------------------------------------------------

def cmd_gui(args) -> int:
    from crm_desktop.app import run_gui

    return run_gui(db=args.db, language=getattr(args, "language", None))


class DemoPathTakenError(UserError):
    def __init__(self, path: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "“{path}” already exists; demo only writes new files, so choose another path."), path=path)


class NotADemoBookError(UserError):
    def __init__(self, path: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "“{path}” is not a demo book, so demo leaves it alone; give another path with --db."),
            path=path)


def _language(args) -> str:
    from crm_desktop.ui.shell.i18n import resolve_language

    choice = getattr(args, "language", None)
    if choice:
        return choice
    try:
        from crm_desktop.ui.shell.settings import AppSettings

        return resolve_language(AppSettings().language)
    except Exception:  # noqa: BLE001 - no settings: the system's language
        return resolve_language(None)


def cmd_demo(args) -> int:
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
    language = _language(args)
    if not reuse:
        lock = BookLock(path)
        lock.acquire()  # the window may have this demo open: then it is left alone
        try:
            now = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
            show = sys.stderr.isatty()

            def progress(done: int, total: int) -> None:
                print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

            counts = create_demo_book(path, customers=args.customers, seed=args.seed, now=now, language=language,
                                      progress=progress if show else None)
            if show:
                print(file=sys.stderr)
        finally:
            lock.release()
        print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    print(path)
    if args.no_gui:
        return 0
    return run_gui_on(str(path), args, language)


def run_gui_on(path: str, args, language: str | None = None) -> int:
    from crm_desktop.app import run_gui

    return run_gui(db=path, language=language or getattr(args, "language", None))


def cmd_check(args) -> int:
    from crm_desktop.db.database import open_database
    from crm_desktop.services.check import check_database

    db = open_database(_db_path(args), create=False)
    try:
        _not_busy(db)
    except BaseException:
        db.engine.dispose()
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
        from crm_desktop.db.database import CorruptDatabaseError

        print(CorruptDatabaseError(report.path).text(_translate), file=sys.stderr)
    print("OK" if report.ok else "PROBLEMS FOUND")
    return 0 if report.ok else 1


class RecoverTargetTakenError(UserError):
    def __init__(self, path: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "“{path}” already exists; recover writes only a new book, so choose another path."),
            path=path)


def cmd_recover(args) -> int:
    from crm_desktop.db.database import check_book_path
    from crm_desktop.services.check import recover_book
    from crm_desktop.db.lock import BookLock

    source = check_book_path(_db_path(args), create=False)
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


FEATURE_COMMANDS: tuple[str, ...] = (
    "crm_desktop.cli.exchange",
    "crm_desktop.cli.backup",
    "crm_desktop.cli.calllist",
    "crm_desktop.cli.orders",
)
"""Modules with a ``register(subparsers, groups)`` function adding their subcommands.

``groups`` maps "import" and "export" to the sub-subparsers of
``crm-desktop import …`` and ``crm-desktop export …``, so each feature adds its
own kind (``import orders``, ``import customers``, ``export customers`` …)."""


BUSY_PROBE_MS = 1500
"""How long a command waits for another program's write lock before saying the book is busy."""


def _not_busy(db) -> None:
    if db.is_sqlite:
        db.ensure_writable(timeout_ms=BUSY_PROBE_MS)


def open_for_command(args):
    """Open the existing book named by ``--db`` (or the default) for a subcommand.

    Returns ``(db, lock)``; close both with :func:`close_for_command`.  A path
    with no book is refused before anything is written (no lock file, no
    folder); the lock refuses a file that is open in a window; a book another
    program is writing is refused within :data:`BUSY_PROBE_MS`.
    """
    from crm_desktop.db.database import check_book_path, open_database
    from crm_desktop.db.lock import BookLock

    path = _db_path(args)
    lock = None
    if "://" not in path:
        lock = BookLock(check_book_path(path, create=False))
        lock.acquire()
    try:
        db = open_database(path, create=False)
    except BaseException:
        if lock:
            lock.release()
        raise
    try:
        _not_busy(db)
    except BaseException:
        db.engine.dispose()  # nothing was written, and the other program's lock would hold up close()
        if lock:
            lock.release()
        raise
    return db, lock


def close_for_command(db, lock) -> None:
    try:
        db.close()
    finally:
        if lock:
            lock.release()


def build_parser() -> argparse.ArgumentParser:
    p = CliParser(prog=APP_NAME, description=T("cli", "Offline CRM for small sales teams. "
                                               "Without a command, opens the window."))
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}",
                   help=T("cli", "show the version and exit"))
    p.add_argument("--self-test", action="store_true",
                   help=T("cli", "check this installation on a temporary database and exit (0 = all passed)"))
    p.add_argument("--db", help=T("cli", "the book (database file) to use (default: crm.sqlite in the user's data "
                                         "folder; CRM_DATA_DIR moves that folder)"))
    p.add_argument("--language", choices=["zh_CN", "en"], help=T("cli", "UI language (default: the system's)"))
    p.add_argument("--probe-platform", help=argparse.SUPPRESS)  # the self-test's child process
    sub = p.add_subparsers(dest="command", metavar=T("cli", "COMMAND"), title=T("cli", "commands"))

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
    d.add_argument("--keep", action="store_true", help=T("cli", "open the existing demo book instead of making a new one"))
    d.add_argument("--no-gui", action="store_true", help=T("cli", "only create the file"))
    d.set_defaults(func=cmd_demo)

    c = sub.add_parser("check", help=T("cli", "check a book and print a summary"))
    c.add_argument("--db", help=T("cli", "the book to check"))
    c.set_defaults(func=cmd_check)

    r = sub.add_parser("recover", help=T("cli", "copy what can still be read from a damaged book into a new one"))
    r.add_argument("out", metavar="OUT", help=T("cli", "the new book to write"))
    r.add_argument("--db", help=T("cli", "the damaged book (it is only read)"))
    r.set_defaults(func=cmd_recover)

    imp = sub.add_parser("import", help=T("cli", "import data from a file"))
    exp = sub.add_parser("export", help=T("cli", "export data to a file"))
    groups = {
        "import": imp.add_subparsers(dest="kind", metavar=T("cli", "KIND"), required=True),
        "export": exp.add_subparsers(dest="kind", metavar=T("cli", "KIND"), required=True),
    }
    import importlib

    for module in FEATURE_COMMANDS:
        importlib.import_module(module).register(sub, groups)
    _shared_options_from_top(p)
    return p


def _language_in(argv: list[str]) -> str | None:
    """The ``--language`` of *argv*, read before the parser is built (its help is in that language)."""
    for i, arg in enumerate(argv):
        if arg == "--language" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--language="):
            return arg.split("=", 1)[1]
    return None


def as_user_error(exc: BaseException, path: str | None) -> UserError | None:
    """The sentence for a failure of SQLite or of the disk during a command on the book at *path*."""
    import errno
    import sqlite3

    from crm_desktop.db.errors import DiskFullError, translate_operational_error

    original = getattr(exc, "orig", None) or exc
    if isinstance(original, sqlite3.Error):
        from crm_desktop.db.database import sqlite_error

        return sqlite_error(original, path)
    if isinstance(original, UnicodeDecodeError) and path and _in_sqlite(exc):
        from crm_desktop.db.database import CorruptDatabaseError

        return CorruptDatabaseError(path)  # SQLite's message about a damaged schema could not even be decoded
    if isinstance(original, OSError) and original.errno in (errno.ENOSPC, errno.EDQUOT):
        target = original.filename or path
        return DiskFullError(target) if target else translate_operational_error(original, path)
    return None


def _in_sqlite(exc: BaseException) -> bool:
    """True when *exc* was raised by a call into sqlite3 or SQLAlchemy (the innermost frame tells)."""
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb.tb_frame.f_code.co_filename
        tb = tb.tb_next
    if not last:
        return False
    where = Path(last).as_posix()
    return "/sqlalchemy/" in where or "/sqlite3/" in where or "/crm_desktop/db/" in where


def _silence_stdout() -> None:
    """After a closed pipe: send what is still buffered nowhere, so exiting prints no second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    language = _language_in(argv)
    if language:
        from crm_desktop.ui.shell.i18n import set_cli_language

        set_cli_language(language)
    args = None
    try:
        return _run(argv)
    finally:
        if language:
            from crm_desktop.ui.shell.i18n import set_cli_language

            set_cli_language(None)


def _run(argv: list[str]) -> int:
    args = None
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.probe_platform:
            from crm_desktop.cli.selftest import probe_platform

            return probe_platform(args.probe_platform)
        if args.self_test:
            from crm_desktop.cli.selftest import run_self_test

            return run_self_test()
        func = getattr(args, "func", cmd_gui)
        result = func(args)
        sys.stdout.flush()
        return result
    except UserError as exc:
        return _fail(exc)
    except BrokenPipeError:
        _silence_stdout()
        return 1
    except Exception as exc:  # noqa: BLE001 - SQLite's and the disk's failures get their sentence here, once
        known = as_user_error(exc, _db_path(args) if args is not None else None)
        if known is None:
            raise
        return _fail(known)


def gui_main() -> int:
    return main([])
