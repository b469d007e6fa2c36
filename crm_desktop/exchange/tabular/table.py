"""A table read from a file, the limits every reader keeps, and the problems it notes per row."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError, format_message

MAX_FILE_BYTES = 200 * 1024 * 1024
"""Largest file accepted (200 MB ≈ a million customer rows); bigger ones are refused unread."""

MAX_XLSX_UNPACKED_BYTES = 512 * 1024 * 1024
"""Largest total uncompressed size an .xlsx archive may declare (defends against zip bombs)."""

MAX_XLSX_MEMBERS = 10_000
"""Most files an .xlsx archive may hold."""

MAX_XLSX_RATIO = 100
"""Largest compression ratio of a member unpacking to more than :data:`RATIO_CHECK_BYTES`: real
worksheets and shared strings pack 5–30 times, zip bombs a thousand times."""

RATIO_CHECK_BYTES = 8 * 1024 * 1024

MAX_ROWS = 1_000_000
"""Most non-empty rows read from a sheet (about the 200 MB a CSV may have)."""

MAX_COLUMNS = 256
"""Most columns read from a sheet."""

MAX_CELLS = 10_000_000
"""Most non-empty cells (merged ranges spread out included) read from a sheet."""

MAX_TEXT_CHARS = 300_000_000
"""Most characters of cell text read from a sheet: one long shared string used by every cell
would otherwise be copied once per cell."""

MAX_MERGED_RANGES = 20_000
"""Most merged cell ranges a sheet may have."""

MAX_CELL_CHARS = 1024 * 1024
"""Longest cell kept (1 M characters); longer cells are emptied and their row flagged."""

SAMPLE_BYTES = 256 * 1024
"""How much of the file the encoding guess looks at."""

ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "big5", "utf-16", "utf-16-le", "utf-16-be", "shift_jis",
             "latin-1", "cp1252")
"""Encodings offered to the user as overrides (any Python codec name is accepted too)."""


class TabularError(UserError):
    """A file that cannot be read as a table; the message says why in one sentence."""


def too_big(path: Path, size: int) -> TabularError:
    """The sentence for a file above :data:`MAX_FILE_BYTES`."""
    return TabularError(QT_TRANSLATE_NOOP("errors", "“{name}” is too large ({size} MB); the limit is {limit} MB."),
                        name=path.name, size=size // (1024 * 1024), limit=MAX_FILE_BYTES // (1024 * 1024))


@dataclass
class RowProblem:
    """A problem with one row: ``row`` is its line (CSV) or row number (xlsx) in the file, 1-based;
    ``message`` an English template (context "errors") without the row number, which is shown beside it."""

    row: int
    message: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, translate: Callable[..., str] | None = None) -> str:
        return format_message(self.message, self.params, translate)


@dataclass
class Table:
    """A table read from a file.

    ``headers``: the column titles (merged header cells already spread out,
    blanks named "Column N"); ``rows``: data rows, each exactly as wide as
    ``headers``; ``row_numbers``: the file line/row each data row came from
    (what error messages show); ``problems``: rows with something wrong
    (too long a cell, extra cells); ``encoding``: the encoding used (CSV), or
    "xlsx"; ``delimiter``: the CSV delimiter found.
    """

    headers: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    problems: list[RowProblem] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ","
    bad_rows: set[int] = field(default_factory=set)
    """Indexes into ``rows`` of rows that must not be imported (a cell was cut, a quote left open)."""
    kind: str = "csv"
    """Where the table came from: "csv" (text with quotes that can be unbalanced), "xlsx" or "vcard"."""


def check_size(path: Path) -> int:
    """The file size, or TabularError when it is missing, empty or above the limit."""
    try:
        size = os.stat(path).st_size
    except OSError:
        raise TabularError(QT_TRANSLATE_NOOP("errors", "“{name}” cannot be opened."), name=path.name) from None
    if size > MAX_FILE_BYTES:
        raise too_big(path, size)
    if size == 0:
        raise TabularError(QT_TRANSLATE_NOOP("errors", "“{name}” is empty."), name=path.name)
    return size



def finish(raw_rows: list[tuple[int, list[str]]], header_rows: int = 1) -> Table:
    """Header from the first non-empty row; data rows padded to its width, with problems noted."""
    body = [(n, r) for n, r in raw_rows if any(c.strip() for c in r)]
    if not body:
        return Table(headers=[], rows=[], row_numbers=[])
    header_line, headers = body[0]
    headers = [h.strip() for h in headers]
    while headers and not headers[-1]:
        headers.pop()
    headers = [h or f"Column {i + 1}" for i, h in enumerate(headers)]
    width = len(headers)
    table = Table(headers=headers, rows=[], row_numbers=[])
    for n, r in body[header_rows:]:
        cells = [(c if isinstance(c, str) else str(c)).replace("\r\n", "\n") for c in r]
        if len(cells) > width:
            extra = [c for c in cells[width:] if c.strip()]
            if extra:
                table.problems.append(RowProblem(n, QT_TRANSLATE_NOOP(
                    "errors", "{count} more cells than there are columns; they were kept in the notes."),
                    {"count": len(extra)}))
                cells = cells[:width] + ["\n".join(extra)]
                if len(headers) == width:
                    headers.append("Extra cells")
            else:
                cells = cells[:width]
        table.rows.append(cells)
        table.row_numbers.append(n)
    width = len(headers)
    for i, cells in enumerate(table.rows):
        if len(cells) < width:
            cells.extend([""] * (width - len(cells)))
        for j, c in enumerate(cells):
            if len(c) > MAX_CELL_CHARS:
                cells[j] = ""
                table.bad_rows.add(i)
                table.problems.append(RowProblem(table.row_numbers[i], QT_TRANSLATE_NOOP(
                    "errors", "The cell in column “{column}” is longer than {limit} characters; "
                              "the row was not imported."),
                    {"column": headers[j], "limit": MAX_CELL_CHARS}))
    return table

