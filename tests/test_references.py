"""The code's own words point at things that exist: files named in docstrings and comments, and the
modules Sphinx-style roles (:mod:`…`, :func:`…`, :class:`…`) name."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = sorted(p for p in [*(REPO / "crm_desktop").rglob("*.py"), *(REPO / "tests").rglob("*.py"),
                              REPO / "build.spec"] if p != Path(__file__).resolve())
NOT_REFERENCES = {"crm_desktop/fake.py"}
"""Names used as data, not as references (a compiled snippet's pretend file name)."""

FILE_REF = re.compile(r"(?<![\w/.-])((?:[\w.-]+/)+[\w.-]+\.(?:py|md|json|spec|toml|sh|ts|qm|png|ico|iss|txt))\b")
"""A path with at least one folder: crm_desktop/ui/shell/labels.py, resources/installers/README.md …"""
DOC_REF = re.compile(r"(?<![\w/.-])([A-Z][A-Z_]+\.md)\b")
"""A bare document name in capitals (README.md …)."""
ROLE_REF = re.compile(r":(?:mod|func|class|meth|data|attr|exc):`~?(crm_desktop(?:\.\w+)+)`")


def _exists(ref: str, source: Path) -> bool:
    ref = ref.strip(".")
    return any((base / ref).exists() for base in (REPO, REPO / "crm_desktop", source.parent))


def _module_exists(dotted: str) -> bool:
    """Whether some prefix of *dotted* (crm_desktop.a.b.name) is a module or package of the repo."""
    parts = dotted.split(".")
    for n in range(len(parts), 1, -1):
        base = REPO.joinpath(*parts[:n])
        if base.with_suffix(".py").exists() or (base / "__init__.py").exists():
            return n >= len(parts) - 2  # at most a name and an attribute after the module
    return False


def _refs():
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        for ref in FILE_REF.findall(text):
            if ref not in NOT_REFERENCES:
                yield path, ref, _exists(ref, path)
        for ref in DOC_REF.findall(text):
            yield path, ref, _exists(ref, path) or (REPO / "resources" / "installers" / ref).exists()
        for ref in ROLE_REF.findall(text):
            yield path, ref, _module_exists(ref)


def test_named_files_and_modules_exist():
    """No docstring or comment names a file or module the repo does not have."""
    missing = sorted({f"{p.relative_to(REPO)}: {ref}" for p, ref, ok in _refs() if not ok})
    assert not missing, "references to nothing:\n" + "\n".join(missing)


def test_the_check_sees_references():
    """The check reads real references (a guard against a pattern that matches nothing)."""
    found = {ref for _p, ref, _ok in _refs()}
    assert "crm_desktop.services.merge.join" in found or any(r.startswith("crm_desktop.") for r in found)
    assert any(r.endswith(".md") for r in found) and any("/" in r for r in found)
