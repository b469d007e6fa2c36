"""Reading CSV and TSV text: the delimiter found, quotes that are never closed flagged per row."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError
from crm_desktop.exchange.tabular.encoding import decode_file
from crm_desktop.exchange.tabular.table import MAX_FILE_BYTES, RowProblem, Table, finish


def sniff_delimiter(text_start: str) -> str:
    lines = [ln for ln in text_start.splitlines()[:20] if ln.strip()]
    if not lines:
        return ","
    best, best_score = ",", -1
    for d in (",", "\t", ";", "|"):
        counts = [ln.count(d) for ln in lines]
        if not counts[0]:
            continue
        consistent = sum(1 for c in counts if c == counts[0])
        score = consistent * 1000 + counts[0]
        if score > best_score:
            best, best_score = d, score
    return best



def read_csv_text(text: str, delimiter: str | None = None) -> Table:
    """Parse CSV *text* (quoted newlines, CRLF, ragged rows) into a :class:`Table`."""
    delim = delimiter or sniff_delimiter(text[:65536])
    old_limit = csv.field_size_limit()
    csv.field_size_limit(MAX_FILE_BYTES)  # long cells are caught per row, with a message
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
        raw: list[tuple[int, list[str]]] = []
        ends: dict[int, int] = {}
        line = 1
        try:
            for record in reader:
                raw.append((line, record))
                if reader.line_num > line:
                    ends[line] = reader.line_num
                line = reader.line_num + 1
        except csv.Error as exc:
            raise UserError(QT_TRANSLATE_NOOP("errors", "The file is not valid CSV near line {line}: {detail}"),
                            line=line, detail=str(exc)) from None
    finally:
        csv.field_size_limit(old_limit)
    table = finish(raw)
    table.delimiter = delim
    _flag_unclosed_quotes(table, ends, delim)
    return table


def _flag_unclosed_quotes(table: Table, ends: dict[int, int], delim: str) -> None:
    """Refuse rows that swallowed the following rows through a quote left open (an unbalanced ``"``).

    A cell may hold line breaks (notes), but one whose later lines carry a row's worth of delimiters,
    in a record that is short of cells, holds a stray quote or belongs to a wide sheet, is rows of
    their own read as one cell: importing it would store several people as one name.
    """
    width = len(table.headers)
    if width < 2:
        return
    for i, n in enumerate(table.row_numbers):
        end = ends.get(n)
        if end is None:
            continue
        cells = table.rows[i]
        short = sum(1 for c in cells if c) < width and not cells[-1]
        for cell in cells:
            if "\n" not in cell:
                continue
            rowlike = any(part.count(delim) >= width - 1 for part in cell.split("\n")[1:])
            if rowlike and ('"' in cell or short or width >= 4):
                table.bad_rows.add(i)
                table.problems.append(RowProblem(n, QT_TRANSLATE_NOOP(
                    "errors", "A quote opened in this row is not closed: lines {line} to {end} were read as one "
                              "row, which was not imported. Check the quotes on line {line}."),
                    {"line": n, "end": end}))
                break


def read_csv(path: str | os.PathLike[str], encoding: str | None = None, delimiter: str | None = None) -> Table:
    """A CSV (or tab-separated) file as a :class:`Table`; *encoding* None detects it."""
    text, enc = decode_file(Path(path), encoding)
    table = read_csv_text(text, delimiter)
    table.encoding = enc
    return table

