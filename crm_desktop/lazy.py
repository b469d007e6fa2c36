"""Modules imported on first use, so the window shows without paying for them."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class LazyModule:
    """Stands in for a module until an attribute is first used, then imports it.

    ``np = LazyModule("numpy")`` at the top of a module costs nothing; the
    first ``np.zeros(…)`` imports numpy (~0.15 s and ~15 MB at start-up).
    """

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attr)
