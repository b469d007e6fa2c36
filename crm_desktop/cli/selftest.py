"""``crm-desktop --self-test``: prove an installed (or frozen) app works, in seconds.

Everything happens in a new temporary data folder (``CRM_DATA_DIR`` points
there for the run), so the user's own database and settings are never touched.
Steps, one printed line each (``ok``/``FAIL`` with the time taken and a detail):

1. ``resources``    — icons, translations, the demo's texts and Alembic migrations are on disk;
2. ``libraries``    — every library a feature imports lazily is present, SQLite has FTS5;
3. ``database``     — a new database file is created by running the migrations;
4. ``customer``     — a customer is written and read back;
5. ``search``       — found by Chinese name, pinyin initials, full pinyin and Latin text;
6. ``window``       — the main window renders offscreen and its grab() PNG is not blank;
7. ``scoring``      — a small book of orders is scored (numpy);
8. ``backup``       — an encrypted backup is made, opened and its rows counted
                      (cryptography; small key-derivation parameters to stay fast);
9. ``translations`` — the 简体中文 translation loads and translates a label;
10. ``platform``    — on Linux with a display (``DISPLAY`` or ``WAYLAND_DISPLAY``
                      set), a child process starts Qt on the real platform
                      (xcb, or wayland without X); when it cannot, the step
                      names the missing system libraries and their packages.
                      Without a display it says so and passes.

A step whose prerequisite failed is reported as failed too ("needs …").  The
exit status is 0 only if every step passed.  A windowed Windows build has no
console: there, run ``crm-desktop.exe --self-test > selftest.txt`` (the
redirection gives the process a stdout), or read the report this module writes
to ``crm-desktop-selftest.txt`` in the system temporary folder when it has none.

The window is rendered with Qt's ``offscreen`` platform unless
``QT_QPA_PLATFORM`` says otherwise, so the test runs on a headless build
machine and never flashes a window on a salesperson's screen.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from crm_desktop.db.database import Database
    from crm_desktop.services import Services

PASSPHRASE = "self-test: 客户 backup passphrase"
SAMPLE_CHINESE = "张伟"
SAMPLE_COMPANY = "华为技术有限公司"
SAMPLE_LATIN = "Anna Smith"


# Third-party modules the features import lazily (inside functions), so a bundle that lacks
# one starts fine and fails only when a salesperson uses that feature.  Keep this in step with
# the imports under crm_desktop/ (and with build.spec's excludes); the database's own are listed
# by crm_desktop.db.commands.DB_LIBRARIES.
LIBRARIES = (
    "numpy.linalg", "phonenumbers", "pypinyin", "email_validator", "platformdirs",
    "cryptography.hazmat.primitives.ciphers.aead", "cryptography.hazmat.primitives.kdf.scrypt",
    "openpyxl", "charset_normalizer", "icalendar", "keyring", "zstandard",
)


class StepFailed(Exception):
    """A check inside a step did not hold; the message says what was expected."""


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise StepFailed(message)


class SelfTest:
    """The state shared by the steps: temp folder, database, services, Qt app.

    ``out`` receives the report lines; ``folder`` is the temporary data folder
    (:func:`run_self_test` deletes it unless asked to keep it); ``passed`` and
    ``failed`` name the steps so far; ``ids`` holds the sample customers' ids.
    """

    def __init__(self, out: TextIO, folder: Path) -> None:
        self.out = out
        self.folder = folder
        self.failed: list[str] = []
        self.passed: list[str] = []
        self.db: Database | None = None
        self.services: Services | None = None
        self.app: Any = None
        self.ids: dict[str, str] = {}

    # --- running -------------------------------------------------------------------
    def step(self, name: str, fn: Callable[[], str], needs: tuple[str, ...] = ()) -> None:
        missing = [n for n in needs if n not in self.passed]
        if missing:
            self.failed.append(name)
            self._line(f"{name}: FAIL (needs {', '.join(missing)})")
            return
        t0 = time.perf_counter()
        try:
            detail = fn()
        except Exception as exc:  # noqa: BLE001 - every failure is reported, none aborts the run
            self.failed.append(name)
            ms = (time.perf_counter() - t0) * 1000
            self._line(f"{name}: FAIL ({ms:.0f} ms) {type(exc).__name__}: {exc}")
            return
        self.passed.append(name)
        ms = (time.perf_counter() - t0) * 1000
        self._line(f"{name}: ok ({ms:.0f} ms){' ' + detail if detail else ''}")

    def _opened(self) -> tuple[Database, Services]:
        """The book and services the database step made (steps that use them name it in ``needs``)."""
        if self.db is None or self.services is None:
            raise StepFailed("the database step has not run")
        return self.db, self.services

    def _line(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def qt_app(self, widgets: bool = True) -> Any:
        """The process's Qt application (see :func:`crm_desktop.ui.shell.selftest_qt.qt_app`)."""
        from crm_desktop.ui.shell import selftest_qt

        return selftest_qt.qt_app(self, widgets)
    def resources(self) -> str:
        from crm_desktop.paths import migrations_dir, resource_path

        icon = resource_path("icons", "crm-desktop-256.png")
        _check(icon.is_file(), f"app icon missing: {icon}")
        mig = migrations_dir()
        _check((mig / "env.py").is_file(), f"migrations missing: {mig / 'env.py'}")
        versions = sorted(p.name for p in (mig / "versions").glob("*.py"))
        _check(bool(versions), f"no migration scripts in {mig / 'versions'}")
        seeds = [resource_path("demo", f"demo_{lang}.json") for lang in ("zh_CN", "en")]
        _check(all(p.is_file() for p in seeds), f"demo texts missing: {', '.join(str(p) for p in seeds)}")
        qm = resource_path("translations", "crm_desktop_zh_CN.qm")
        return (f"{len(versions)} migration(s), icon, demo texts, "
                f"translation {'present' if qm.is_file() else 'MISSING'}")

    def libraries(self) -> str:
        import importlib

        from crm_desktop.db.commands import (
            DB_LIBRARIES,
            sqlite_version,
            trigram_search_missing,
        )

        missing = []
        for name in (*DB_LIBRARIES, *LIBRARIES):
            try:
                importlib.import_module(name)
            except Exception as exc:  # noqa: BLE001 - ImportError or a broken native module
                missing.append(f"{name} ({type(exc).__name__}: {exc})")
        _check(not missing, "cannot import " + "; ".join(missing))
        lacking = trigram_search_missing()
        _check(lacking is None, f"SQLite {sqlite_version()} lacks FTS5 trigram search: {lacking}")
        return f"{len(DB_LIBRARIES) + len(LIBRARIES)} modules, SQLite {sqlite_version()} with FTS5"

    def database(self) -> str:
        from crm_desktop.db.database import HEAD_SCHEMA_VERSION, open_database
        from crm_desktop.services import Services
        from crm_desktop.services.context import ServiceContext

        path = self.folder / "selftest.sqlite"
        self.db = db = open_database(path)
        _check(db.migrated_from == 0, f"expected a new file to be migrated from 0, got {db.migrated_from}")
        from crm_desktop.db.commands import schema_version

        version = schema_version(path)
        _check(version == HEAD_SCHEMA_VERSION, f"schema {version}, expected {HEAD_SCHEMA_VERSION}")
        self.services = Services(ServiceContext(db, user="self-test"))
        return f"schema {version}"

    def customer(self) -> str:
        from crm_desktop.domain.models import CustomerInput

        customers = self._opened()[1].customers
        self.ids["zh"] = customers.create(CustomerInput(
            name=SAMPLE_CHINESE, company=SAMPLE_COMPANY, phone="13800138000", email="zw@example.cn")).id
        self.ids["en"] = customers.create(CustomerInput(name=SAMPLE_LATIN, phone="13900139000")).id
        detail = customers.get(self.ids["zh"])
        _check(detail.name == SAMPLE_CHINESE, f"read back name {detail.name!r}")
        _check(detail.company == SAMPLE_COMPANY, f"read back company {detail.company!r}")
        _check(customers.count() == 2, f"count {customers.count()}, expected 2")
        return f"2 written, read back {detail.name} / {detail.phone}"

    def search(self) -> str:
        from crm_desktop.domain.models import CustomerQuery

        customers = self._opened()[1].customers
        cases = ((SAMPLE_CHINESE, "zh"), ("伟", "zh"), ("zw", "zh"), ("zhangwei", "zh"),
                 ("华为", "zh"), ("anna", "en"), ("Smith", "en"))
        for text, key in cases:
            found = customers.search(CustomerQuery(text=text))
            _check(found == [self.ids[key]], f"search {text!r} found {len(found)} customer(s), expected one")
        return ", ".join(t for t, _ in cases)

    def window(self) -> str:
        from crm_desktop.ui.shell import selftest_qt

        return selftest_qt.window(self)
    def scoring(self) -> str:
        import numpy as np

        from crm_desktop.scoring import score_book

        # 12 customers; customer i buys every (7 + i) days for a year; the last two never buy.
        as_of = np.datetime64("2026-06-30")
        idx, times, amounts = [], [], []
        for i in range(10):
            day = np.datetime64("2025-07-01") + np.timedelta64(i, "D")
            while day <= as_of:
                idx.append(i)
                times.append(day)
                amounts.append(10_000 + 500 * i)
                day = day + np.timedelta64(7 + 3 * i, "D")
        ids = np.array([f"c{i}" for i in range(12)])
        result = score_book(ids, np.array(idx), np.array(times, dtype="datetime64[D]"),
                            np.array(amounts, dtype=np.int64), as_of)
        _check(len(result.p_alive) == 12, "one score per customer expected")
        _check(bool(np.all(np.isfinite(result.expected_value))), "non-finite expected value")
        _check(float(result.expected_value[10]) == 0.0, "a prospect got a positive expected value")
        _check(float(result.expected_value[0]) > 0.0, "a steady buyer got no expected value")
        return f"{len(idx)} orders, model {result.model}"

    def backup(self) -> str:
        from crm_desktop.services.backup import check_format

        seen = check_format(self.folder / "selftest.sqlite", PASSPHRASE, site_id=self._opened()[0].site_id,
                            now=datetime.now(UTC))
        _check(not seen.plaintext_inside, "the backup contains the database in clear")
        _check(seen.authenticated, "the backup header was not authenticated")
        _check(seen.customers == sorted([SAMPLE_CHINESE, SAMPLE_LATIN]), f"restored customers {seen.customers}")
        _check(seen.wrong_passphrase_refused, "a wrong passphrase opened the backup")
        return f"{seen.sealed_size} bytes sealed, {len(seen.customers)} customers restored"

    def translations(self) -> str:
        from crm_desktop.ui.shell import selftest_qt

        return selftest_qt.translations(self)
    def platform(self) -> str:
        name = real_platform()
        if name is None:
            return "no display (DISPLAY/WAYLAND_DISPLAY unset): only offscreen was tried"
        done = _probe_in_child(name)
        if done.returncode == 0:
            return f"{name}: {done.stdout.strip() or 'started'}"
        missing = _missing_for(name)
        if missing:
            from crm_desktop.linux_libs import DEBIAN_PACKAGES, describe

            packages = sorted({DEBIAN_PACKAGES[m].split(" | ")[-1] for m in missing if m in DEBIAN_PACKAGES})
            hint = f"; install them: sudo apt install {' '.join(packages)}" if packages else ""
            raise StepFailed(f"Qt's {name} platform plugin cannot load: missing {describe(missing)}{hint}")
        lines = [ln.strip() for ln in (done.stderr or "").splitlines() if ln.strip()]
        telling = [ln for ln in lines if re.search(r"could not connect|could not load|cannot|failed|error", ln, re.I)]
        said = (telling or lines or [""])[0]
        raise StepFailed(f"Qt did not start on the {name} platform (exit {done.returncode})"
                         + (f": {said}" if said else ""))

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


def run_self_test(out: TextIO | None = None, keep: bool = False) -> int:
    """Run every step; return 0 if all passed, 1 otherwise.  See the module docstring."""
    report_file = None
    if out is None:
        out = sys.stdout
        if out is None:  # a windowed Windows build started without redirection
            report_file = open(Path(tempfile.gettempdir()) / "crm-desktop-selftest.txt", "w", encoding="utf-8")
            out = report_file
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(tempfile.mkdtemp(prefix="crm-desktop-selftest-"))
    saved_env = os.environ.get("CRM_DATA_DIR")
    os.environ["CRM_DATA_DIR"] = str(folder / "data")
    t0 = time.perf_counter()
    test = SelfTest(out, folder)
    try:
        from crm_desktop import APP_NAME, __version__

        test._line(f"{APP_NAME} {__version__} self-test in {folder}"
                   f"{' (frozen)' if getattr(sys, 'frozen', False) else ''}")
        test.step("resources", test.resources)
        test.step("libraries", test.libraries)
        test.step("database", test.database)
        test.step("customer", test.customer, needs=("database",))
        test.step("search", test.search, needs=("customer",))
        test.step("window", test.window, needs=("customer",))
        test.step("scoring", test.scoring)
        test.step("backup", test.backup, needs=("customer",))
        test.step("translations", test.translations)
        test.step("platform", test.platform)
    finally:
        test.close()
        if saved_env is None:
            os.environ.pop("CRM_DATA_DIR", None)
        else:
            os.environ["CRM_DATA_DIR"] = saved_env
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
    total = time.perf_counter() - t0
    if test.failed:
        test._line(f"self-test FAILED ({', '.join(test.failed)}) in {total:.1f} s")
    else:
        test._line(f"self-test passed: {len(test.passed)} steps in {total:.1f} s")
    if report_file is not None:
        report_file.close()
    return 1 if test.failed else 0


def real_platform() -> str | None:
    """The Qt platform a window would use here: xcb with an X display, wayland with only Wayland, else None."""
    if not sys.platform.startswith("linux"):
        return None
    if os.environ.get("DISPLAY"):
        return "xcb"
    if os.environ.get("WAYLAND_DISPLAY"):
        return "wayland"
    return None


def _probe_in_child(name: str) -> subprocess.CompletedProcess[str]:
    """Start Qt on platform *name* in a child process (a platform that cannot load aborts its process)."""
    import subprocess

    if getattr(sys, "frozen", False):
        cmd = [sys.executable, "--probe-platform", name]
    else:
        cmd = [sys.executable, "-m", "crm_desktop", "--probe-platform", name]
    env = dict(os.environ, QT_QPA_PLATFORM=name)
    try:
        return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(cmd, -1, "", f"no answer from the {name} platform in 60 s")


def _missing_for(name: str) -> list[str]:
    """System libraries the platform plugin *name* lacks on this machine (via ldd)."""
    from crm_desktop.linux_libs import missing_libraries

    plugin = _plugin_file(name)
    return missing_libraries(plugin) if plugin else []


def _plugin_file(name: str) -> Path | None:
    from crm_desktop.ui.shell.selftest_qt import plugin_file

    return plugin_file(name)

def probe_platform(name: str) -> int:
    """``crm-desktop --probe-platform NAME`` (the self-test's child): start Qt on *name*, print it, exit 0."""
    from crm_desktop.ui.shell.selftest_qt import probe_platform as probe

    return probe(name)
