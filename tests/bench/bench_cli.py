"""Benchmark of the command line on a big book: ``calllist`` and ``scores --format json`` (a script, not a test).

Run on the 100k-customer demo (make it first, about a minute):

    python -m crm_desktop demo --customers 100000 --db demo100k.sqlite --no-gui
    python tests/bench/bench_cli.py --book demo100k.sqlite [--runs 5]

Each command runs as a fresh process, as a person or a script runs it: first cold — the book's kept scores
of the day are emptied first (derived data: the book rebuilds them, and the first run of the day does just
that) — then warm, the same day, median of ``--runs`` runs.  Output goes to a pipe and is counted, not kept.

Prints, for each command, the cold time, the warm median (min, max), its target, and its ratio to two floors
measured in the same run: SQLite alone aggregating the orders per customer over the same book (``SELECT
customer_id, count(*), sum(amount_minor), min(ordered_at), max(ordered_at) FROM sales_order GROUP BY
customer_id`` through sqlite3, in its own process) and the start-up of ``python -c "import sqlite3"``.
The noisy, shared machine moves the seconds; the ratios move much less, and the CPU time (user + system, median
of the warm runs, beside the floor's) least.
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from helpers.bytecode import compile_app  # noqa: E402

AGGREGATE = ("SELECT customer_id, count(*), sum(amount_minor), min(ordered_at), max(ordered_at) "
             "FROM sales_order GROUP BY customer_id")

COMMANDS = {  # name: (arguments after --db BOOK, target in seconds)
    "calllist": (["calllist"], 1.0),
    "scores --format json": (["scores", "--format", "json"], 2.0),
}


CPU: list[float] = []
"""CPU seconds (user + system) of each process :func:`timed` ran, in order: on a shared machine the wall time
waits for the cores, the CPU time much less."""


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time of *cmd* as a fresh process and the bytes it printed (a failure stops the benchmark)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    out = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, timeout=600)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if out.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({out.returncode}): {out.stderr.decode(errors='replace')[-2000:]}")
    return wall, len(out.stdout)


def median_of(cmd: list[str], env: dict[str, str], runs: int) -> list[float]:
    return [timed(cmd, env)[0] for _ in range(runs)]


def forget_kept_scores(book: Path) -> int:
    """Empty the book's score cache (derived, rebuilt by the next command); the rows removed."""
    conn = sqlite3.connect(book)
    try:
        with conn:
            return conn.execute("DELETE FROM score_cache").rowcount
    finally:
        conn.close()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--book", required=True, type=Path, help="the demo book (its score cache is emptied once)")
    p.add_argument("--runs", type=int, default=5, help="warm runs per figure (median)")
    args = p.parse_args()
    book = args.book.resolve()
    if not book.is_file():
        sys.exit(f"no book at {book}")
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    py = sys.executable
    compile_app()  # as an install has them: no command here compiles the app's modules from source

    floor_cmd = [py, "-c", f"import sqlite3; c = sqlite3.connect({str(book)!r}); c.execute({AGGREGATE!r}).fetchall()"]
    start_cmd = [py, "-c", "import sqlite3"]
    timed(floor_cmd, env)  # the file into the page cache, as it is for the commands' warm runs
    aggregate = statistics.median(median_of(floor_cmd, env, args.runs))
    aggregate_cpu = statistics.median(CPU[-args.runs:])
    start = statistics.median(median_of(start_cmd, env, args.runs))
    print(f"book: {book.name}, {book.stat().st_size / 1e6:.0f} MB")
    print(f"floor: SQLite aggregating the orders per customer {aggregate:.3f} s (CPU {aggregate_cpu:.3f} s; median "
          f"of {args.runs}); python -c 'import sqlite3' {start:.3f} s")

    for name, (cmd_args, target) in COMMANDS.items():
        cmd = [py, "-m", "crm_desktop", "--db", str(book), *cmd_args]
        removed = forget_kept_scores(book)
        cold, size = timed(cmd, env)
        warm = median_of(cmd, env, args.runs)
        med = statistics.median(warm)
        cpu = statistics.median(CPU[-args.runs:])
        verdict = "ok" if med <= target else "MISSED"
        print(f"{name:22s} cold {cold:.2f} s (kept scores emptied: {removed} rows)   warm median {med:.2f} s "
              f"(min {min(warm):.2f}, max {max(warm):.2f}) over {args.runs}   target <= {target:.1f} s {verdict}   "
              f"output {size / 1e6:.1f} MB")
        print(f"{'':22s} ratio warm / aggregate floor {med / aggregate:.1f}x, warm / python start "
              f"{med / start:.1f}x, warm - python start {med - start:.2f} s; CPU {cpu:.2f} s, "
              f"{cpu / aggregate_cpu:.1f}x the floor's CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
