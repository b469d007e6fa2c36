"""Hybrid logical clock stamps: the order of edits across laptops.

A stamp is ``(wall_ms, counter, site_id)`` encoded as one fixed-width string
``"WWWWWWWWWWWWW-CCCCC-SITE"`` (13 digits of UTC milliseconds, 5 digits of
counter, the site id), so comparing two stamps as strings compares them as
tuples.  That lets SQL ``ORDER BY``/``MAX`` and Python ``max`` work on stamps
directly.  A clock never goes backwards, even if the wall clock does, and it
moves past any stamp it has seen from a teammate's file (``observe``).
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass

_WALL_DIGITS = 13
_COUNTER_DIGITS = 5
_MAX_COUNTER = 10**_COUNTER_DIGITS - 1


def new_site_id() -> str:
    """A random id for one install (16 hex characters)."""
    return secrets.token_hex(8)


@dataclass(frozen=True, order=True)
class Stamp:
    """One hybrid-logical-clock reading; ordered as (wall_ms, counter, site_id)."""

    wall_ms: int
    counter: int
    site_id: str

    def encode(self) -> str:
        return f"{self.wall_ms:0{_WALL_DIGITS}d}-{self.counter:0{_COUNTER_DIGITS}d}-{self.site_id}"

    @classmethod
    def decode(cls, text: str) -> "Stamp":
        wall, counter, site = text.split("-", 2)
        if len(wall) != _WALL_DIGITS or len(counter) != _COUNTER_DIGITS or not site:
            raise ValueError(f"not a stamp: {text!r}")
        return cls(int(wall), int(counter), site)


class HybridClock:
    """Issues strictly increasing stamps for one site; thread-safe."""

    def __init__(self, site_id: str, last: str | None = None) -> None:
        self.site_id = site_id
        self._wall = 0
        self._counter = 0
        self._lock = threading.Lock()
        if last:
            self.observe(last)

    def tick(self, now_ms: int) -> str:
        """A new stamp later than every stamp issued or observed so far."""
        with self._lock:
            if now_ms > self._wall:
                self._wall, self._counter = now_ms, 0
            elif self._counter < _MAX_COUNTER:
                self._counter += 1
            else:  # more than 100k edits in one millisecond: borrow the next one
                self._wall, self._counter = self._wall + 1, 0
            return Stamp(self._wall, self._counter, self.site_id).encode()

    def observe(self, stamp: str) -> None:
        """Move past *stamp* (from a merged file) so later local edits win over it."""
        s = Stamp.decode(stamp)
        with self._lock:
            if (s.wall_ms, s.counter) > (self._wall, self._counter):
                self._wall, self._counter = s.wall_ms, s.counter
