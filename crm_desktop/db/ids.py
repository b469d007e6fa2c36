"""Long lists of ids in SQL: cut into chunks, and the ``IN (…)`` placeholders of a chunk.

A statement takes at most a few hundred bound values here (SQLite before 3.32 allowed 999), so a
query over many ids runs once per :func:`chunks` piece.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

CHUNK = 900
"""Ids per ``IN (…)`` list: below SQLite's old 999-variable limit."""


def chunks(ids: Sequence[str], size: int = CHUNK) -> Iterator[list[str]]:
    """*ids* in pieces of at most *size*, in order."""
    items = list(ids)
    for start in range(0, len(items), size):
        yield items[start:start + size]


def named_marks(ids: Sequence[str]) -> tuple[str, dict[str, str]]:
    """``:i0, :i1, …`` and their values: the placeholders of ``IN (…)`` with named parameters, which both
    SQLAlchemy's ``text()`` and sqlite3 understand."""
    params = {f"i{n}": v for n, v in enumerate(ids)}
    return ", ".join(f":{k}" for k in params), params


def id_array(ids: Sequence[str], name: str = "ids") -> tuple[str, dict[str, str]]:
    """``SELECT value FROM json_each(:ids)`` and its one value, a JSON array of *ids*: ``IN (…)`` for a list
    of any length (both kinds of handle understand it).  SQLite looks each named placeholder up among the
    ones before it, so :func:`named_marks` of 2,000 ids costs 17 ms to prepare; this costs 1 ms."""
    return f"SELECT value FROM json_each(:{name})", {name: json.dumps(list(ids), ensure_ascii=False)}


def marks(ids: Sequence[object]) -> str:
    """``?, ?, …``: the placeholders of ``IN (…)`` for sqlite3's positional parameters."""
    return ", ".join("?" for _ in ids)
