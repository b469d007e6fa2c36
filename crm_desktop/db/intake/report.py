"""What taking a backup in found: the :class:`IntakeReport`, and untrusted names made safe to show."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from crm_desktop.db.intake.schema import HEAD_REVISION


@dataclass
class IntakeReport:
    """What :func:`take_in` found.

    ``revision``: the schema revision the file was made at (migrated to the
    current one after the copy when older); ``rows``: records copied per
    table; ``ignored``: (kind, name) of what was in the file but not taken —
    kind is "trigger", "view", "table", "index" or "column" (names cleaned of
    control characters and cut to 60 characters); ``future``: per site id,
    how many stamps were later than ``cap_ms`` (when the file says it was
    made) and were lowered to it; ``max_stamp``: the latest stamp left in the
    copy; ``names``: site id → person's name, as the file's ``meta`` says
    (untrusted text, cleaned), ``made_by``: the sender's own name if given;
    ``changed_customers``: for a restore built on the book's own records, the
    customers whose search text must be made again (None: the whole index
    came from the file and must be checked).
    """

    revision: str = HEAD_REVISION
    rows: dict[str, int] = field(default_factory=dict)
    ignored: list[tuple[str, str]] = field(default_factory=list)
    future: dict[str, int] = field(default_factory=dict)
    cap_ms: int = 0
    max_stamp: str | None = None
    names: dict[str, str] = field(default_factory=dict)
    made_by: str = ""
    partial_of: str = ""
    """Set when the backup holds only some customers: whose (as the file says; shown, not trusted)."""
    search_rows: int = 0
    changed_customers: set[str] | None = None

    @property
    def future_count(self) -> int:
        return sum(self.future.values())


def clean_label(text: object, limit: int = 60) -> str:
    """Untrusted text made safe to show on one line: no control or format characters, at most *limit* long."""
    if not isinstance(text, str):
        return ""
    kept = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    kept = " ".join(kept.split())
    return kept if len(kept) <= limit else kept[: limit - 1] + "…"
