"""Benchmark of the frozen app (the one-folder bundle from ``pyinstaller build.spec``).

Prints, against the targets of the packaging work:

* bundle size — every file of the one-folder bundle (≤ 180 MB);
* download size — the bundle as .tar.gz (gzip -9), plus any .deb/.tar.gz/installer
  already built in the output folder (≤ 80 MB);
* start — process start to the first page of the customer list shown, on a
  100,000-customer demo database, median of several runs after one warm-up
  (≤ 1.2 s); measured from outside (Popen to the app's ``first-page`` line, so
  the bootloader and Python start-up count) and the app's own figure
  (``CRM_STARTUP_PROBE=1``, from the import of crm_desktop.ui.shell.application);
* memory — peak resident set size of the process, which quits right after the
  first page (≤ 250 MB).

Usage::

    python tests/bench/bench_frozen.py [--bundle dist/crm-desktop] [--db FILE] [--runs 7]

Without ``--db`` a demo database with 100,000 customers is made once with
``python -m crm_desktop demo --customers 100000 --db FILE --no-gui`` and kept in
the temporary folder for later runs.  Qt runs offscreen unless
``QT_QPA_PLATFORM`` is set.  Exit status 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MB = 1_000_000
MIB = 1024 * 1024
TARGETS = {"bundle_mb": 180.0, "download_mb": 80.0, "start_s": 1.2, "rss_mb": 250.0}


def bundle_bytes(folder: Path) -> int:
    """Apparent size of every regular file (symlinks counted as links, not targets)."""
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            p = Path(dirpath, name)
            if not p.is_symlink():
                total += p.stat().st_size
    return total


def targz_bytes(folder: Path) -> int:
    """Size of the bundle packed as .tar.gz with gzip level 9 (what a download would be)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp, "bundle.tar.gz")
        with tarfile.open(out, "w:gz", compresslevel=9) as tar:
            tar.add(folder, arcname=folder.name)
        return out.stat().st_size


def ensure_demo_db(path: Path, customers: int) -> Path:
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"making a demo database with {customers} customers (once; takes a minute) …", flush=True)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    subprocess.run([sys.executable, "-m", "crm_desktop", "demo", "--customers", str(customers),
                    "--db", str(path), "--no-gui"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return path


def start_once(exe: Path, db: Path, data_dir: Path) -> tuple[float, float, float]:
    """(wall seconds to first page, the app's own figure, peak RSS in bytes) for one start."""
    env = dict(os.environ, CRM_STARTUP_PROBE="1", CRM_DATA_DIR=str(data_dir))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(exe), "--db", str(db)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env=env, text=True)
    wall = own = None
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("first-page "):
            wall = time.perf_counter() - t0
            own = float(line.split()[1])
    if hasattr(os, "wait4"):
        _pid, status, usage = os.wait4(proc.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    else:  # pragma: no cover - Windows: no rusage of a child here
        code, rss = proc.wait(), float("nan")
    if wall is None or code != 0:
        raise SystemExit(f"the frozen app did not reach the first page (exit status {code})")
    return wall, own, rss


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bundle", default=str(ROOT / "dist" / "crm-desktop"), help="one-folder bundle")
    ap.add_argument("--db", help="database to open (default: a cached 100,000-customer demo)")
    ap.add_argument("--customers", type=int, default=100_000, help="size of the demo database to make")
    ap.add_argument("--runs", type=int, default=7, help="measured starts after one warm-up (default 7)")
    ap.add_argument("--no-targz", action="store_true", help="skip packing the bundle (slow on big bundles)")
    args = ap.parse_args()

    bundle = Path(args.bundle)
    exe = bundle / ("crm-desktop.exe" if sys.platform == "win32" else "crm-desktop")
    if not exe.exists():
        print(f"no frozen app at {exe}: run `pyinstaller build.spec --noconfirm` first", file=sys.stderr)
        return 2
    missed = []

    size = bundle_bytes(bundle)
    print(f"bundle: {size / MB:.1f} MB ({size / MIB:.1f} MiB) in {bundle.name}/ — "
          f"target ≤ {TARGETS['bundle_mb']:.0f} MB")
    if size / MB > TARGETS["bundle_mb"]:
        missed.append("bundle size")
    if not args.no_targz:
        packed = targz_bytes(bundle)
        print(f"download (.tar.gz -9 of the bundle): {packed / MB:.1f} MB — target ≤ {TARGETS['download_mb']:.0f} MB")
        if packed / MB > TARGETS["download_mb"]:
            missed.append("download size")
    for pattern in ("*.deb", "*.tar.gz", "*-setup.exe", "*.dmg"):
        for built in sorted(bundle.parent.glob(pattern)):
            print(f"built package {built.name}: {built.stat().st_size / MB:.1f} MB")
            if built.stat().st_size / MB > TARGETS["download_mb"]:
                missed.append(f"{built.name} size")

    db = Path(args.db) if args.db else ensure_demo_db(
        Path(tempfile.gettempdir()) / "crm-desktop-bench" / f"demo-{args.customers}.sqlite", args.customers)
    with tempfile.TemporaryDirectory() as data:
        warm = start_once(exe, db, Path(data))
        print(f"warm-up start: {warm[0]:.3f} s (app's own {warm[1]:.3f} s), peak RSS {warm[2] / MB:.0f} MB")
        runs = [start_once(exe, db, Path(data)) for _ in range(args.runs)]
    walls = [r[0] for r in runs]
    owns = [r[1] for r in runs]
    rss = max(r[2] for r in runs)
    med = statistics.median(walls)
    print(f"start to first page on {db.name}: median {med:.3f} s over {len(runs)} runs "
          f"(min {min(walls):.3f}, max {max(walls):.3f}; app's own median {statistics.median(owns):.3f} s)"
          f" — target ≤ {TARGETS['start_s']} s")
    print(f"peak RSS after start: {rss / MB:.0f} MB ({rss / MIB:.0f} MiB) — target ≤ {TARGETS['rss_mb']:.0f} MB")
    try:
        print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    except OSError:  # pragma: no cover - not on every platform
        pass
    if med > TARGETS["start_s"]:
        missed.append("start time")
    if rss / MB > TARGETS["rss_mb"]:
        missed.append("memory")
    print("all targets met" if not missed else "MISSED: " + ", ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
