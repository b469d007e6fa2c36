"""Reading tables from CSV and .xlsx files the way users really have them.

Files come from Excel on a Chinese Windows (GBK, CRLF, every cell quoted),
from WPS (UTF-8 with a BOM), from other CRMs (UTF-16 with a BOM, tabs), from
phones.  :func:`read_table` turns any of them into a :class:`Table`: one header
row and data rows of equal width, each remembering its line in the file, plus
the problems found per row.  Nothing is dropped silently: a row that cannot be
used keeps its number and a message.

Limits (a hostile or mistaken file must not exhaust memory):

* files larger than :data:`MAX_FILE_BYTES` are refused before a byte is read;
* a cell longer than :data:`MAX_CELL_CHARS` is emptied and its row gets a
  message (the import then refuses that row instead of storing megabytes);
* binary junk (NUL bytes in a "CSV", a ".xlsx" that is not a zip) is refused
  with one sentence.

Encodings (:func:`decode_auto`): a BOM decides (UTF-8, UTF-16 LE/BE,
UTF-32); otherwise strict UTF-8, then UTF-16 without a BOM when its NUL bytes
say so, then GB18030 — the superset of GB2312 and GBK, so rare characters in
names survive — when it decodes cleanly *and* reads as Chinese text.  Nothing
else is guessed: a weak guess (a UTF-8 file with one damaged byte, which reads
as "寮犱笁" in GBK or as Latin letters in cp1250) raises
:class:`EncodingUncertain` naming the encodings that would read the file, and
the person chooses (the wizard previews the choice; the command line asks for
``--encoding``).  A chosen encoding that cannot decode the file is a clear
error, never mojibake stored in the database.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from crm_desktop.domain.errors import format_message, QT_TRANSLATE_NOOP, UserError

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

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936", "euc_cn", "gb2312-80"}


class TabularError(UserError):
    """A file that cannot be read as a table; the message says why in one sentence."""


def _too_big(path: Path, size: int) -> TabularError:
    return TabularError(QT_TRANSLATE_NOOP("errors", "“{name}” is too large ({size} MB); the limit is {limit} MB."),
                        name=path.name, size=size // (1024 * 1024), limit=MAX_FILE_BYTES // (1024 * 1024))


@dataclass
class RowProblem:
    """A problem with one row: ``row`` is its line (CSV) or row number (xlsx) in the file, 1-based;
    ``message`` an English template (context "errors") without the row number, which is shown beside it."""

    row: int
    message: str
    params: dict = field(default_factory=dict)

    def text(self, translate=None) -> str:
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
        raise _too_big(path, size)
    if size == 0:
        raise TabularError(QT_TRANSLATE_NOOP("errors", "“{name}” is empty."), name=path.name)
    return size


class EncodingUncertain(TabularError):
    """The file is not UTF-8 and no other encoding is clearly right; ``candidates`` are the encodings
    that read it without error, likeliest first (the wizard previews the first, the user confirms)."""

    def __init__(self, name: str, line: int, candidates: list[str]) -> None:
        self.candidates = candidates
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "“{name}” is not UTF-8 (line {line}) and its encoding is unclear; it may be {candidates}. "
                      "Choose the encoding and check the preview (on the command line: --encoding)."),
            name=name, line=line, candidates=", ".join(candidates) or "?")


GB_LEVEL1_SHARE = 0.8
"""Share of a text's non-ASCII characters that must be common hanzi (GB2312 level 1) or CJK punctuation
for a file that is not UTF-8 to be read as GB18030 without asking.  Real Chinese text scores 0.95–1.0;
UTF-8 read as GBK ("张三" → "寮犱笁") scores 0.0–0.3."""


def gb_likeness(text: str) -> tuple[float, int]:
    """(share of non-ASCII characters that are common hanzi or CJK punctuation, how many non-ASCII)."""
    wide = [ch for ch in text if ord(ch) > 127]
    if not wide:
        return 0.0, 0
    common = 0
    for ch in wide:
        try:
            b = ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        if len(b) == 2 and (0xB0 <= b[0] <= 0xD7 or 0xA1 <= b[0] <= 0xA9):
            common += 1
    return common / len(wide), len(wide)


def _clean(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_auto(data: bytes, name: str = "") -> tuple[str, str]:
    """(text, encoding) of *data*, refusing to guess when the guess is weak.

    In order: a BOM (UTF-8, UTF-16, UTF-32); strict UTF-8; UTF-16 without BOM when every other
    byte is NUL and it decodes cleanly; GB18030 when it decodes cleanly and reads as Chinese text
    (:data:`GB_LEVEL1_SHARE`).  Anything else raises :class:`EncodingUncertain` naming the
    encodings that would read it, so the person (wizard preview) or ``--encoding`` decides.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = _clean(data, enc)
            if text is not None:
                return (text[1:] if text.startswith("\ufeff") else text), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        bad_line = data.count(b"\n", 0, exc.start) + 1
    sample = data[:SAMPLE_BYTES]
    for enc, nuls in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if len(sample) >= 4 and nuls.count(0) > len(sample) // 4:
            text = _clean(data, enc)
            if text is not None:
                return text, enc
    text = _clean(data, "gb18030")
    if text is not None:
        share, wide = gb_likeness(text[:SAMPLE_BYTES])
        if wide >= 2 and share >= GB_LEVEL1_SHARE:
            return text, "gb18030"
    raise EncodingUncertain(name, bad_line, _candidates(data))


def _candidates(data: bytes) -> list[str]:
    """Encodings that decode *data* cleanly, the best guess of charset-normalizer first (at most four)."""
    from charset_normalizer import from_bytes

    order: list[str] = []
    best = from_bytes(data[:SAMPLE_BYTES]).best()
    if best is not None:
        guess = best.encoding.lower().replace("-", "_")
        guess = "gb18030" if (guess in _GB_FAMILY or guess.startswith("gb")) else codecs.lookup(guess).name
        order.append(guess)
    for enc in ("gb18030", "big5", "shift_jis", "cp1252", "latin-1"):
        if codecs.lookup(enc).name not in order:
            order.append(codecs.lookup(enc).name)
    return [enc for enc in order if _clean(data, enc) is not None][:4]


def detect_encoding(data: bytes, name: str = "") -> str:
    """The encoding :func:`decode_auto` reads *data* with (raises :class:`EncodingUncertain` when unclear)."""
    return decode_auto(data, name)[1]


def _looks_binary(text_start: str) -> bool:
    if "\x00" in text_start:
        return True
    controls = sum(1 for ch in text_start if ord(ch) < 32 and ch not in "\t\r\n\f")
    return controls > max(8, len(text_start) // 50)


def _sniff_delimiter(text_start: str) -> str:
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


def decode_file(path: Path, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used) of a text file, refusing binary junk, wrong encodings and weak guesses."""
    check_size(path)
    data = path.read_bytes()
    not_text = TabularError(QT_TRANSLATE_NOOP("errors", "“{name}” is not a text table (CSV) file."), name=path.name)
    if encoding is None:
        if b"\x00" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and \
                not _utf16_shaped(data):
            raise not_text
        text, enc = decode_auto(data, path.name)
    else:
        enc = encoding
        try:
            codecs.lookup(enc)
        except LookupError:
            raise TabularError(QT_TRANSLATE_NOOP("errors", "“{encoding}” is not a known encoding."),
                               encoding=enc) from None
        if enc.replace("_", "-").lower() in ("utf-8", "utf8") and data.startswith(codecs.BOM_UTF8):
            enc = "utf-8-sig"
        if not enc.lower().startswith(("utf-16", "utf-32")) and b"\x00" in data[:8192]:
            raise not_text
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            raise TabularError(QT_TRANSLATE_NOOP(
                "errors", "“{name}” cannot be read as {encoding}; choose another encoding."),
                name=path.name, encoding=enc) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if _looks_binary(text[:4096]):
        raise not_text
    return text, enc


def _utf16_shaped(data: bytes) -> bool:
    """Whether NUL bytes sit in every other position (UTF-16 without a BOM), not scattered (binary)."""
    sample = data[:8192]
    return len(sample) >= 4 and max(sample[1::2].count(0), sample[0::2].count(0)) > len(sample) // 4


def _finish(raw_rows: list[tuple[int, list[str]]], header_rows: int = 1) -> Table:
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


def read_csv_text(text: str, delimiter: str | None = None) -> Table:
    """Parse CSV *text* (quoted newlines, CRLF, ragged rows) into a :class:`Table`."""
    delim = delimiter or _sniff_delimiter(text[:65536])
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
    table = _finish(raw)
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


def read_csv(path: str | os.PathLike, encoding: str | None = None, delimiter: str | None = None) -> Table:
    """A CSV (or tab-separated) file as a :class:`Table`; *encoding* None detects it."""
    text, enc = decode_file(Path(path), encoding)
    table = read_csv_text(text, delimiter)
    table.encoding = enc
    return table


def _xlsx_too_large(path: Path, message: str, **params) -> TabularError:
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


def read_xlsx(path: str | os.PathLike, sheet: str | None = None) -> Table:
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
        raise _xlsx_too_large(p, QT_TRANSLATE_NOOP("errors", "“{name}” is too large to open."))
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
    table = _finish(raw, header_rows)
    table.encoding = "xlsx"
    table.kind = "xlsx"
    return table


def _read_rows(p: Path, ws, merged: list[tuple[int, int, int, int]]
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
        for c in cells:
            if c:
                cells_read += 1
                chars_read += len(c)
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


def _cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))  # phone numbers typed into Excel come back as floats
    if hasattr(v, "isoformat"):
        text = v.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    return str(v)


def read_table(path: str | os.PathLike, encoding: str | None = None) -> Table:
    """A CSV, TSV or .xlsx file as a :class:`Table`, chosen by the file's content and name."""
    p = Path(path)
    check_size(p)
    with open(p, "rb") as f:
        head = f.read(4)
    if p.suffix.lower() in (".xlsx", ".xlsm") or head == b"PK\x03\x04":
        return read_xlsx(p)
    if p.suffix.lower() == ".xls" or head == b"\xd0\xcf\x11\xe0":
        raise TabularError(QT_TRANSLATE_NOOP(
            "errors", "“{name}” is an old Excel (.xls) file; save it as .xlsx or CSV and try again."), name=p.name)
    return read_csv(p, encoding)
