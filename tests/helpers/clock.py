"""The tests' time: a fixed NOW and a clock tests move by hand (services call it as ``now()``)."""

from __future__ import annotations

from datetime import UTC, datetime

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


class Clock:
    """A clock tests move by hand; services call it as ``now()``."""

    def __init__(self, start: datetime = NOW) -> None:
        self.value = start

    def __call__(self) -> datetime:
        return self.value
