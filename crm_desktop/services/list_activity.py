"""The book's last contacts and next dues for the customer list's sorts and its "not contacted for N days"
filter: read once (a grouped query over every interaction, about a second for a million), kept, and brought
up to date only for the customers a logged contact touched (:meth:`ActivityKeys.forget`).

:meth:`ActivityKeys.get` runs on the worker; :meth:`ActivityKeys.forget` may be called from any thread (the
window calls it when a write is announced): a read that overlapped a forget is used once and not kept.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from crm_desktop.db import activity

Reader = Callable[[Any, Sequence[str] | None], dict[str, datetime]]
READERS: dict[str, Reader] = {"last_contact": activity.last_contacts, "next_due": activity.next_dues}
"""Each kept map: customer id → when (only customers that have one)."""


class ActivityKeys:
    """Per map of :data:`READERS`: the values, and the customers whose values must be read again."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._maps: dict[str, dict[str, datetime]] = {}
        self._stale: dict[str, set[str]] = {}
        self._generation = 0

    def forget(self, customer_ids: Iterable[str] | None = None) -> None:
        """The contacts of *customer_ids* changed (None: of anyone, e.g. a merge): read theirs again."""
        with self._lock:
            self._generation += 1
            if customer_ids is None:
                self._maps.clear()
                self._stale.clear()
                return
            ids = set(customer_ids)
            for name in self._maps:
                self._stale.setdefault(name, set()).update(ids)

    def get(self, tx: Any, name: str) -> dict[str, datetime]:
        """The map *name* as the book is now (read in *tx*, the worker's read transaction)."""
        with self._lock:
            kept = self._maps.get(name)
            stale = self._stale.pop(name, set())
            generation = self._generation
        if kept is None:
            fresh = READERS[name](tx, None)
        elif stale:
            fresh = {k: v for k, v in kept.items() if k not in stale}
            fresh.update(READERS[name](tx, sorted(stale)))
        else:
            return kept
        with self._lock:
            if generation == self._generation:
                self._maps[name] = fresh
        return fresh
