"""Hybrid logical clock stamps: the order of edits across laptops.

A stamp is ``(wall_ms, counter, site_id)`` encoded as one fixed-width string
``"WWWWWWWWWWWWW-CCCCC-SITE"`` (13 digits of UTC milliseconds, 5 digits of
counter, the site id), so comparing two stamps as strings compares them as
tuples.  That lets SQL ``ORDER BY``/``MAX`` and Python ``max`` work on stamps
directly.  A clock never goes backwards, even if the wall clock does, and it
moves past any stamp it has seen from a teammate's file (``observe``).

The bound on the clock: a stamp can only hold 13 digits of milliseconds, so a
clock that observed a stamp from the far future (a crafted backup, a laptop
whose date was wrong) would soon issue stamps it cannot read back.
:meth:`HybridClock.observe` therefore takes the machine's time and never moves
further than :data:`MAX_SKEW_MS` ahead of it, and :meth:`HybridClock.tick`
never issues a wall part beyond :data:`MAX_WALL_MS`.  Backups are bounded the
same way before their stamps are observed (:mod:`crm_desktop.db.intake`).
"""

from __future__ import annotations

import re
import secrets
import threading
from dataclasses import dataclass
from typing import TypeGuard

_WALL_DIGITS = 13
_COUNTER_DIGITS = 5
_MAX_COUNTER = 10**_COUNTER_DIGITS - 1
MAX_WALL_MS = 10**_WALL_DIGITS - 1
"""The largest wall part a stamp can hold (the year 2286)."""
MAX_SKEW_MS = 24 * 3600 * 1000
"""How far ahead of this machine's clock a stamp may be: one day."""
SITE_CHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_.-"
"""Characters of the site ids this app makes (a stamp's site part may hold any but NUL)."""
MAX_SITE_LEN = 20
"""Longest site id in a stamp (stamp columns hold at most 40 characters)."""
_FORM = re.compile(r"([0-9]{13})-([0-9]{5})-([^\x00]{1,20})", re.ASCII)


def new_site_id() -> str:
    """A random id for one install (16 hex characters)."""
    return secrets.token_hex(8)


def is_stamp(text: object) -> TypeGuard[str]:
    """True when *text* is a well-formed stamp (the only form the app writes and reads back)."""
    return isinstance(text, str) and _FORM.fullmatch(text) is not None


@dataclass(frozen=True, order=True)
class Stamp:
    """One hybrid-logical-clock reading; ordered as (wall_ms, counter, site_id)."""

    wall_ms: int
    counter: int
    site_id: str

    def encode(self) -> str:
        if not (0 <= self.wall_ms <= MAX_WALL_MS and 0 <= self.counter <= _MAX_COUNTER):
            raise ValueError(f"stamp out of range: {self.wall_ms}, {self.counter}")
        return f"{self.wall_ms:0{_WALL_DIGITS}d}-{self.counter:0{_COUNTER_DIGITS}d}-{self.site_id}"

    @classmethod
    def decode(cls, text: str) -> Stamp:
        match = _FORM.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            raise ValueError(f"not a stamp: {text!r}")
        return cls(int(match[1]), int(match[2]), match[3])


class HybridClock:
    """Issues strictly increasing stamps for one site; thread-safe.

    ``last``: the last stamp issued before (``meta.last_stamp``); a value that
    is not a stamp is ignored (the caller repairs it, see
    :func:`crm_desktop.db.database.open_database`).
    """

    def __init__(self, site_id: str, last: str | None = None) -> None:
        self.site_id = site_id
        self._wall = 0
        self._counter = 0
        self._lock = threading.Lock()
        if last and is_stamp(last):
            s = Stamp.decode(last)
            self._wall, self._counter = min(s.wall_ms, MAX_WALL_MS), s.counter

    def tick(self, now_ms: int) -> str:
        """A new stamp later than every stamp issued or observed so far."""
        with self._lock:
            now_ms = min(max(0, now_ms), MAX_WALL_MS)
            if now_ms > self._wall:
                self._wall, self._counter = now_ms, 0
            elif self._counter < _MAX_COUNTER:
                self._counter += 1
            elif self._wall < MAX_WALL_MS:  # more than 100k edits in one millisecond: borrow the next one
                self._wall, self._counter = self._wall + 1, 0
            # else: the year 2286 with a full counter; stay readable rather than overflow
            return Stamp(self._wall, self._counter, self.site_id).encode()

    def observe(self, stamp: str, now_ms: int | None = None) -> None:
        """Move past *stamp* (from a merged file) so later local edits win over it.

        With *now_ms* (this machine's time) the clock moves at most
        :data:`MAX_SKEW_MS` ahead of it; a value that is not a stamp is ignored.
        """
        if not is_stamp(stamp):
            return
        s = Stamp.decode(stamp)
        wall, counter = s.wall_ms, s.counter
        if now_ms is not None and wall > now_ms + MAX_SKEW_MS:
            wall, counter = max(0, now_ms + MAX_SKEW_MS), 0
        wall = min(wall, MAX_WALL_MS)
        with self._lock:
            if (wall, counter) > (self._wall, self._counter):
                self._wall, self._counter = wall, counter

    @property
    def last(self) -> str:
        """The last stamp issued or observed (without issuing a new one)."""
        with self._lock:
            return Stamp(self._wall, self._counter, self.site_id).encode()
