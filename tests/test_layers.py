"""The layer rules, checked on the source: an arrow never points back.

    domain ← scoring ← db ← services ← ui ← cli / app        exchange: file formats, used only by services

* each package imports only the packages below it (and the standard library, and what its job needs);
* SQL lives in ``db/`` only: no sqlalchemy, sqlmodel or sqlite3 import, no ``.engine`` or
  ``raw_connection`` anywhere else — services open a unit of work (``db.reading()``, ``db.writing()``,
  ``db.bulk()``) and hand its handle to ``db`` functions;
* Qt lives in ``ui/`` only, the top-level modules included.

There is no allow-list: a module that breaks a rule fails the suite.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "crm_desktop"

LAYERS = ("domain", "scoring", "db", "services", "ui", "cli")
"""Bottom to top; ``exchange`` sits beside ``services`` (only services may use it); top-level modules
(app.py, paths.py, linux_libs.py, lazy.py, __init__.py, __main__.py) belong to the top."""

OWN = {
    "domain": set(),
    "scoring": set(),
    "exchange": {"domain"},
    "db": {"domain", "scoring"},
    "services": {"domain", "scoring", "db", "exchange"},
    "ui": {"domain", "services"},
    "cli": {"domain", "scoring", "db", "services", "ui"},
    "top": {"domain", "scoring", "db", "services", "ui", "cli"},
}
"""The crm_desktop packages each package may import (``paths``, ``lazy`` and the package root's
constants are allowed everywhere)."""

THIRD_PARTY_FORBIDDEN = {
    "domain": ("PySide6", "sqlalchemy", "sqlmodel", "numpy", "sqlite3", "alembic"),
    "scoring": ("PySide6", "sqlalchemy", "sqlmodel", "scipy", "sqlite3", "alembic"),
    "exchange": ("PySide6", "sqlalchemy", "sqlmodel", "sqlite3", "alembic"),
    "db": ("PySide6",),
    "services": ("PySide6", "sqlalchemy", "sqlmodel", "sqlite3", "alembic"),
    "ui": ("sqlalchemy", "sqlmodel", "sqlite3", "alembic"),
    "cli": ("PySide6", "sqlalchemy", "sqlmodel", "sqlite3", "alembic"),
    "top": ("PySide6", "sqlalchemy", "sqlmodel", "sqlite3", "alembic"),
}

SQL_HANDLES = re.compile(r"\.engine\b|raw_connection\b|\.execute(many)?\(|\bsqlalchemy\b")
"""What only db/ may touch: the engine, a raw connection, executing a statement."""

def _package(path: Path) -> str:
    rel = path.relative_to(ROOT)
    return rel.parts[0] if len(rel.parts) > 1 else "top"


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            if node.module == "crm_desktop":  # from crm_desktop import ui
                for alias in node.names:
                    yield f"crm_desktop.{alias.name}"


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        yield path


def _breaks() -> set[str]:
    found = set()
    for path in _sources():
        package = _package(path)
        rel = path.relative_to(ROOT.parent).as_posix()
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] == "crm_desktop" and len(parts) > 1:
                target = parts[1]
                if target in ("paths", "lazy") or target not in OWN:  # shared helpers, top-level constants
                    continue
                if target != package and target not in OWN[package]:
                    found.add(f"{rel}: imports crm_desktop.{target}")
            elif any(name == f or name.startswith(f + ".") for f in THIRD_PARTY_FORBIDDEN[package]):
                found.add(f"{rel}: imports {parts[0]}")
        if package != "db" and SQL_HANDLES.search(path.read_text(encoding="utf-8")):
            found.add(f"{rel}: touches the database engine")
    return found


def test_no_arrow_points_back():
    """Every module imports only lower layers, SQL stays in db/ and Qt in ui/ (see the module docstring)."""
    broken = sorted(_breaks())
    assert not broken, "layer rules broken:\n" + "\n".join(broken)


@pytest.mark.parametrize("package", ["domain", "scoring"])
def test_the_lowest_layers_are_pure(package):
    """domain and scoring import no other crm_desktop package than what lies below them."""
    allowed = {"domain": set(), "scoring": {"domain"}}[package]
    bad = [f"{p.relative_to(ROOT.parent)} imports {n}" for p in (ROOT / package).rglob("*.py")
           for n in _imports(p) if n.startswith("crm_desktop.") and n.split(".")[1] not in allowed | {package}]
    assert not bad, "\n".join(bad)


def package_graph() -> dict[str, set[str]]:
    """Which crm_desktop packages each package imports (top-level modules as "top")."""
    graph: dict[str, set[str]] = {}
    for path in _sources():
        package = _package(path)
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] == "crm_desktop" and len(parts) > 1 and parts[1] in OWN and parts[1] != package:
                graph.setdefault(package, set()).add(parts[1])
    return graph


def test_the_import_graph_runs_one_way():
    """Between packages, imports form no cycle: ordering them bottom to top always succeeds."""
    from graphlib import CycleError, TopologicalSorter

    graph = package_graph()
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as cycle:  # pragma: no cover - the message names the cycle
        pytest.fail(f"packages import each other: {cycle.args[1]}")
    assert order.index("domain") < order.index("db") < order.index("services") < order.index("ui")
    assert "exchange" not in set().union(*(graph.get(p, set()) for p in ("db", "ui", "domain", "scoring")))
