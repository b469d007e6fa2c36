"""The command line.  No arguments opens the GUI; subcommands do the rest.

One module per command group registers its subcommands through a
``register(subparsers, groups)`` function (:data:`FEATURE_COMMANDS`): books
(demo, check, recover), import and export, backup/restore/merge/erase, the
call list and scores, orders and follow-ups.  What they share (translated
texts, the book a command opens, numbers) is :mod:`crm_desktop.cli.common`.

Errors are one sentence on stderr in the user's language and exit status 2:
a :class:`UserError` from any layer, and — caught once in :func:`main` for
every command — SQLite's own failures (disk full, a book another program is
writing, a damaged page; :func:`crm_desktop.db.commands.failure_sentence`), a
closed pipe (``… | head``) and a full disk while writing.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from crm_desktop import APP_NAME, __version__
from crm_desktop.cli.common import (
    BUSY_PROBE_MS,
    CliParser,
    T,
    close_for_command,
    db_path,
    fail,
    open_for_command,
    positive,
    translate,
    whole_number,
)
from crm_desktop.domain.errors import UserError

__all__ = ["main", "gui_main", "build_parser", "as_user_error", "FEATURE_COMMANDS", "BUSY_PROBE_MS", "CliParser",
           "T", "translate", "whole_number", "positive", "open_for_command", "close_for_command", "db_path"]

FEATURE_COMMANDS: tuple[str, ...] = (
    "crm_desktop.cli.books",
    "crm_desktop.cli.exchange",
    "crm_desktop.cli.backup",
    "crm_desktop.cli.calllist",
    "crm_desktop.cli.orders",
    "crm_desktop.cli.products",
    "crm_desktop.cli.quotes",
    "crm_desktop.cli.hub",
)
"""Modules with a ``register(subparsers, groups)`` function adding their subcommands.

``groups`` maps "import" and "export" to the sub-subparsers of
``crm-desktop import …`` and ``crm-desktop export …``, so each feature adds its
own kind (``import orders``, ``import customers``, ``export customers`` …)."""


def cmd_gui(args: argparse.Namespace) -> int:
    from crm_desktop.app import run_gui

    return run_gui(db=args.db, language=getattr(args, "language", None))


def _shared_options_from_top(parser: argparse.ArgumentParser) -> None:
    """Let ``crm-desktop --db X COMMAND`` reach every command.

    argparse lets a sub-command's own default overwrite what the top-level
    option set; with ``SUPPRESS`` a sub-command's ``--db`` / ``--language``
    only counts when it is given.
    """
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                for option in sub._actions:
                    if option.dest in ("db", "language"):
                        option.default = argparse.SUPPRESS
                _shared_options_from_top(sub)


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
    groups: dict[str, argparse._SubParsersAction[CliParser]] = {}
    first, *rest = FEATURE_COMMANDS
    importlib.import_module(first).register(sub, groups)  # the book commands come first in the help
    imp = sub.add_parser("import", help=T("cli", "import data from a file"))
    exp = sub.add_parser("export", help=T("cli", "export data to a file"))
    groups["import"] = imp.add_subparsers(dest="kind", metavar=T("cli", "KIND"), required=True)
    groups["export"] = exp.add_subparsers(dest="kind", metavar=T("cli", "KIND"), required=True)
    for module in rest:
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
    from crm_desktop.db.commands import failure_sentence

    return failure_sentence(exc, path)


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
        result: int = func(args)
        sys.stdout.flush()
        return result
    except UserError as exc:
        return fail(exc)
    except BrokenPipeError:
        _silence_stdout()
        return 1
    except Exception as exc:
        known = as_user_error(exc, db_path(args) if args is not None else None)
        if known is None:
            raise
        return fail(known)


def gui_main() -> int:
    return main([])
