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

import os
from pathlib import Path

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP
from crm_desktop.exchange.tabular.csv_file import read_csv, read_csv_text
from crm_desktop.exchange.tabular.encoding import (
    EncodingUncertain,
    decode_auto,
    decode_file,
    detect_encoding,
    gb_likeness,
)
from crm_desktop.exchange.tabular.table import (
    ENCODINGS,
    MAX_CELL_CHARS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_MERGED_RANGES,
    MAX_ROWS,
    MAX_TEXT_CHARS,
    MAX_XLSX_MEMBERS,
    MAX_XLSX_RATIO,
    MAX_XLSX_UNPACKED_BYTES,
    RowProblem,
    Table,
    TabularError,
    check_size,
)
from crm_desktop.exchange.tabular.xlsx_file import check_xlsx_archive, read_xlsx

__all__ = [
    "read_csv", "read_csv_text", "EncodingUncertain", "decode_auto", "decode_file", "detect_encoding",
    "gb_likeness", "ENCODINGS", "MAX_CELL_CHARS", "MAX_CELLS", "MAX_COLUMNS", "MAX_FILE_BYTES",
    "MAX_MERGED_RANGES", "MAX_ROWS", "MAX_TEXT_CHARS", "MAX_XLSX_MEMBERS", "MAX_XLSX_RATIO",
    "MAX_XLSX_UNPACKED_BYTES", "RowProblem", "Table", "TabularError", "check_size", "check_xlsx_archive",
    "read_xlsx", "read_table",
]


def read_table(path: str | os.PathLike[str], encoding: str | None = None) -> Table:
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
