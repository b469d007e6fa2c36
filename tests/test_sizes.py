"""The house stays in rooms a newcomer can read: no module much over 500 lines, no function much over 80."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "crm_desktop"
MODULE_LINES = 550
"""About 500: a module that grows past this is split along its sections."""
FUNCTION_LINES = 85
"""About 80: a function that grows past this is split into the steps it already has."""


def _sources():
    return [p for p in sorted(ROOT.rglob("*.py")) if "migrations" not in p.parts]


def test_no_module_is_much_over_500_lines():
    """Every module of crm_desktop is at most MODULE_LINES long."""
    big = [f"{p.relative_to(ROOT.parent)}: {n}" for p in _sources()
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > MODULE_LINES]
    assert not big, "split these modules:\n" + "\n".join(big)


def test_no_function_is_much_over_80_lines():
    """Every function and method is at most FUNCTION_LINES long."""
    long = []
    for p in _sources():
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno is not None:
                n = node.end_lineno - node.lineno + 1
                if n > FUNCTION_LINES:
                    long.append(f"{p.relative_to(ROOT.parent)}:{node.lineno} {node.name}: {n}")
    assert not long, "split these functions:\n" + "\n".join(long)
