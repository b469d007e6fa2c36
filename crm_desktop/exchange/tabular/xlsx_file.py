"""Reading .xlsx workbooks within limits: the archive is checked before openpyxl sees it (zip bombs,
huge sheets), merged cells are spread out."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Any

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP
from crm_desktop.exchange.tabular.table import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_MERGED_RANGES,
    MAX_ROWS,
    MAX_TEXT_CHARS,
    MAX_XLSX_MEMBERS,
    MAX_XLSX_RATIO,
    MAX_XLSX_UNPACKED_BYTES,
    RATIO_CHECK_BYTES,
    Table,
    TabularError,
    check_size,
    finish,
)


def _xlsx_too_large(path: Path, message: str, **params: Any) -> TabularError:
    return TabularError(message, name=path.name, **params)


def check_xlsx_archive(path: Path) -> None:
    """Refuse an archive whose declared sizes, member count or compression ratios no spreadsheet has.

    Python's zipfile never unpacks more than a member's declared size, so checking the declared sizes
    bounds what openpyxl can be made to read.
    """
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise TabularError(QT_TRANSLATE_NOOP("errors", "“{name}” is not an Excel (.xlsx) file."),
                           name=path.name) from None
    if len(infos) > MAX_XLSX_MEMBERS:
        raise _xlsx_too_large(path, QT_TRANSLATE_NOOP(
            "errors", "“{name}” is too large: it holds more than {limit} files."), limit=MAX_XLSX_MEMBERS)
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise _xlsx_too_large(path, QT_TRANSLATE_NOOP(
            "errors", "“{name}” is too large: it unpacks to {size} MB, more than {limit} MB."),
            size=unpacked // (1024 * 1024), limit=MAX_XLSX_UNPACKED_BYTES // (1024 * 1024))
    for i in infos:
        if i.file_size > RATIO_CHECK_BYTES and i.file_size > MAX_XLSX_RATIO * max(i.compress_size, 1):
            raise _xlsx_too_large(path, QT_TRANSLATE_NOOP(
                "errors", "“{name}” is packed {ratio} times tighter than any real spreadsheet; it was not opened."),
                ratio=i.file_size // max(i.compress_size, 1))


def _merged_ranges(archive: zipfile.ZipFile, member: str) -> list[tuple[int, int, int, int]]:
    """(min_row, max_row, min_col, max_col) of the sheet's merged ranges (columns capped), by first row."""
    from defusedxml.ElementTree import iterparse
    from openpyxl.utils.cell import range_boundaries

    ranges: list[tuple[int, int, int, int]] = []
    with archive.open(member) as src:
        for _event, el in iterparse(src, events=("end",)):
            tag = el.tag.rsplit("}", 1)[-1]
            if tag == "mergeCell":
                try:
                    min_col, min_row, max_col, max_row = range_boundaries(el.get("ref", ""))
                except (ValueError, TypeError):
                    continue
                if min_col <= MAX_COLUMNS and None not in (min_col, min_row, max_col, max_row):
                    ranges.append((min_row, max_row, min_col, min(max_col, MAX_COLUMNS)))
                    if len(ranges) > MAX_MERGED_RANGES:
                        raise TabularError(QT_TRANSLATE_NOOP(
                            "errors", "“{name}” is too large: more than {limit} merged cell ranges."),
                            name=Path(member).name, limit=MAX_MERGED_RANGES)
            if tag in ("c", "row", "mergeCell"):
                el.clear()  # keep memory flat while streaming through sheetData
    ranges.sort()
    return ranges


def read_xlsx(path: str | os.PathLike[str], sheet: str | None = None) -> Table:
    """The first (or named) sheet of an .xlsx as a :class:`Table`.

    Merged cells are spread out: every cell of a merged range gets the range's
    value, so a header "联系方式" merged over two columns names both.  A two-row
    header (a merged group title above column titles) is read as one row:
    the lower title where present, else the upper one.

    Hostile workbooks are refused with one sentence before they cost memory:
    the archive's declared sizes and ratios are checked first
    (:func:`check_xlsx_archive`), openpyxl reads in read-only mode (streaming,
    defusedxml) with the columns capped, and rows, cells, characters and
    merged ranges are counted against :data:`MAX_ROWS`, :data:`MAX_CELLS`,
    :data:`MAX_TEXT_CHARS` and :data:`MAX_MERGED_RANGES` as they are read.  A
    merged range is never expanded beyond the rows and columns really read.
    """
    p = Path(path)
    check_size(p)
    if not zipfile.is_zipfile(p):
        raise TabularError(QT_TRANSLATE_NOOP("errors", "“{name}” is not an Excel (.xlsx) file."), name=p.name)
    check_xlsx_archive(p)
    import openpyxl

    damaged = TabularError(QT_TRANSLATE_NOOP("errors", "“{name}” is damaged or not an Excel (.xlsx) file."),
                           name=p.name)
    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except MemoryError:
        raise _xlsx_too_large(p, QT_TRANSLATE_NOOP("errors", "“{name}” is too large to open.")) from None
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for damaged files
        raise damaged from None
    try:
        try:
            ws = wb[sheet] if sheet else wb.worksheets[0]
            member = getattr(ws, "_worksheet_path", None)
            archive = getattr(wb, "_archive", None)
            merged = _merged_ranges(archive, member) if member and archive is not None else []
            ws.reset_dimensions()  # a forged <dimension> must not make openpyxl pad millions of cells
            raw, horizontal_rows = _read_rows(p, ws, merged)
        except (TabularError, MemoryError):
            raise
        except Exception:  # noqa: BLE001 - a damaged part of the workbook
            raise damaged from None
    except MemoryError:
        raise _xlsx_too_large(p, QT_TRANSLATE_NOOP("errors", "“{name}” is too large to open.")) from None
    finally:
        wb.close()
    nonempty = [(n, r) for n, r in raw if any(c.strip() for c in r)]
    header_rows = 1
    if len(nonempty) >= 2 and nonempty[0][0] in horizontal_rows:
        (n0, top), (n1, low) = nonempty[0], nonempty[1]
        width = max(len(top), len(low))
        top = top + [""] * (width - len(top))
        low = low + [""] * (width - len(low))
        combined = [(b.strip() or a.strip()) for a, b in zip(top, low)]
        raw = [(n0, combined)] + [(n, r) for n, r in raw if n > n1]
    table = finish(raw, header_rows)
    table.encoding = "xlsx"
    table.kind = "xlsx"
    return table


def _read_rows(p: Path, ws: Any, merged: list[tuple[int, int, int, int]]
               ) -> tuple[list[tuple[int, list[str]]], set[int]]:
    """Non-empty rows as (row number, cell texts) with merged ranges spread, counted against the caps."""
    horizontal_rows = {r0 for r0, r1, c0, c1 in merged if r0 == r1 and c1 > c0}
    raw: list[tuple[int, list[str]]] = []
    pending = 0
    active: list[tuple[int, int, int, str]] = []  # (max_row, min_col, max_col, value)
    cells_read = chars_read = 0
    for r_idx, row in enumerate(ws.iter_rows(min_row=1, max_col=MAX_COLUMNS + 1, values_only=True), start=1):
        if row.count(None) == len(row) and not active and (pending >= len(merged) or merged[pending][0] > r_idx):
            continue  # an empty row (openpyxl pads the gaps between rows): nothing to read or spread
        cells = [_cell_text(v) for v in row]
        if len(cells) > MAX_COLUMNS:
            if any(c for c in cells[MAX_COLUMNS:]):
                raise _xlsx_too_large(p, QT_TRANSLATE_NOOP(
                    "errors", "“{name}” is too large: more than {limit} columns."), limit=MAX_COLUMNS)
            del cells[MAX_COLUMNS:]
        while pending < len(merged) and merged[pending][0] <= r_idx:
            r0, r1, c0, c1 = merged[pending]
            pending += 1
            if r0 == r_idx and c0 <= len(cells) and cells[c0 - 1]:
                active.append((r1, c0, c1, cells[c0 - 1]))
        if active:
            active = [a for a in active if a[0] >= r_idx]
            for _r1, c0, c1, value in active:
                if len(cells) < c1:
                    cells.extend([""] * (c1 - len(cells)))
                for c in range(c0 - 1, c1):
                    cells[c] = value
        while cells and cells[-1] == "":
            cells.pop()
        if not cells:
            continue
        for text in cells:
            if text:
                cells_read += 1
                chars_read += len(text)
        if cells_read > MAX_CELLS:
            raise _xlsx_too_large(p, QT_TRANSLATE_NOOP(
                "errors", "“{name}” is too large: more than {limit} cells."), limit=f"{MAX_CELLS:,}")
        if chars_read > MAX_TEXT_CHARS:
            raise _xlsx_too_large(p, QT_TRANSLATE_NOOP(
                "errors", "“{name}” is too large: more than {limit} million characters of text."),
                limit=MAX_TEXT_CHARS // 1_000_000)
        raw.append((r_idx, cells))
        if len(raw) > MAX_ROWS:
            raise _xlsx_too_large(p, QT_TRANSLATE_NOOP(
                "errors", "“{name}” is too large: more than {limit} rows."), limit=f"{MAX_ROWS:,}")
    return raw, horizontal_rows


def _cell_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))  # phone numbers typed into Excel come back as floats
    if hasattr(v, "isoformat"):
        text = str(v.isoformat())
        return text[:10] if text.endswith("T00:00:00") else text
    return str(v)


