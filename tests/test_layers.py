"""Layering rules from DESIGN.md, checked on the source: an arrow never points back."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "crm_desktop"

FORBIDDEN = {
    "domain": ("PySide6", "sqlalchemy", "sqlmodel", "numpy", "crm_desktop.db", "crm_desktop.services",
               "crm_desktop.exchange", "crm_desktop.ui", "crm_desktop.scoring"),
    "scoring": ("PySide6", "sqlalchemy", "sqlmodel", "scipy", "crm_desktop.db", "crm_desktop.services",
                "crm_desktop.exchange", "crm_desktop.ui"),
    "db": ("PySide6", "crm_desktop.services", "crm_desktop.exchange", "crm_desktop.ui"),
    "services": ("PySide6", "crm_desktop.ui"),
    "exchange": ("PySide6", "crm_desktop.ui"),
    "ui": ("sqlalchemy", "sqlmodel", "crm_desktop.db"),
}


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_lower_layers(package):
    """No module of a layer imports a layer above it (or Qt/SQL where not allowed)."""
    bad = []
    for path in (ROOT / package).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for name in _imports(path):
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN[package]):
                bad.append(f"{path.relative_to(ROOT.parent)} imports {name}")
    assert not bad, "\n".join(bad)
