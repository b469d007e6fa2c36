"""Reading CSV and .xlsx files as users have them: encodings, BOMs, quoting, merged headers, hostile files."""

from __future__ import annotations

import codecs
import time

import pytest

from crm_desktop.exchange import tabular
from crm_desktop.exchange.tabular import TabularError, detect_encoding, read_table

ROWS = [["姓名", "公司", "手机", "备注"],
        ["张伟", "华信科技有限公司", "138 0013 8000", "第一行\r\n第二行"],
        ["李娜", "恒达贸易", "13900139000", "说“你好”, 然后走了"]]


def _excel_csv(rows) -> str:
    """CSV the way Excel on Chinese Windows saves it: every cell quoted, CRLF."""
    return "".join(",".join('"' + c.replace('"', '""') + '"' for c in r) + "\r\n" for r in rows)


def test_gbk_csv_from_a_spreadsheet_program(tmp_path):
    """A GBK file with CRLF, quoted cells and a quoted newline is detected as GB18030 and read exactly."""
    f = tmp_path / "客户.csv"
    f.write_bytes(_excel_csv(ROWS).encode("gbk"))
    t = read_table(f)
    assert t.encoding == "gb18030"
    assert t.headers == ROWS[0]
    assert t.rows[0] == ["张伟", "华信科技有限公司", "138 0013 8000", "第一行\n第二行"]
    assert t.rows[1][3] == "说“你好”, 然后走了"
    assert t.row_numbers == [2, 4]  # the quoted newline makes row 2 span two lines


def test_utf16_with_bom_tab_separated(tmp_path):
    """Excel's "Unicode text" (UTF-16 LE with BOM, tabs) is read with the right delimiter."""
    f = tmp_path / "u16.csv"
    f.write_bytes(codecs.BOM_UTF16_LE + "姓名\t手机\r\n王芳\t13700137000\r\n".encode("utf-16-le"))
    t = read_table(f)
    assert t.encoding == "utf-16" and t.delimiter == "\t"
    assert t.headers == ["姓名", "手机"] and t.rows == [["王芳", "13700137000"]]


def test_utf8_bom_is_not_part_of_the_first_header(tmp_path):
    """A UTF-8 BOM (WPS, Excel "CSV UTF-8") does not stick to the first column title."""
    f = tmp_path / "bom.csv"
    f.write_bytes(codecs.BOM_UTF8 + b"Name,E-mail\nAnna,anna@example.cn\n")
    t = read_table(f)
    assert t.headers == ["Name", "E-mail"] and t.encoding == "utf-8-sig"


def test_utf8_without_bom_and_semicolons(tmp_path):
    """Plain UTF-8 with semicolons (European Excel) is read with the semicolon delimiter."""
    f = tmp_path / "semi.csv"
    f.write_text("Name;Phone\nJosé;+34 600 000 000\n", encoding="utf-8")
    t = read_table(f)
    assert t.encoding == "utf-8" and t.delimiter == ";" and t.rows == [["José", "+34 600 000 000"]]


def test_encoding_override_and_a_wrong_override(tmp_path):
    """The user's encoding wins; one that cannot decode the file is a clear error, not mojibake."""
    f = tmp_path / "gbk.csv"
    f.write_bytes(_excel_csv(ROWS).encode("gbk"))
    assert read_table(f, encoding="gbk").rows[0][0] == "张伟"
    with pytest.raises(TabularError) as exc:
        read_table(f, encoding="utf-8")
    assert "utf-8" in str(exc.value) and "choose another encoding" in str(exc.value)


def test_ragged_rows_are_padded_and_extra_cells_kept(tmp_path):
    """Short rows are padded; cells beyond the header go to an extra column with a row message."""
    f = tmp_path / "ragged.csv"
    f.write_text("Name,Phone,Notes\nA,1\nB,2,x,surplus,more\n\nC\n", encoding="utf-8")
    t = read_table(f)
    assert t.headers == ["Name", "Phone", "Notes", "Extra cells"]
    assert t.rows == [["A", "1", "", ""], ["B", "2", "x", "surplus\nmore"], ["C", "", "", ""]]
    assert [(p.row, "more cells" in p.text()) for p in t.problems] == [(3, True)]
    assert not t.bad_rows


def test_xlsx_with_merged_header_cells(tmp_path):
    """A group title merged over two columns above their titles reads as one header row; numbers as text."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["客户名称", "联系方式", None, "备注"])
    ws.append([None, "手机", "邮箱", None])
    ws.merge_cells("B1:C1")
    ws.merge_cells("A1:A2")
    ws.merge_cells("D1:D2")
    ws.append(["张伟", 13800138000, "zw@example.cn", "老客户"])
    ws.append(["李娜", 13900139000.0, None, None])
    f = tmp_path / "merged.xlsx"
    wb.save(f)
    t = read_table(f)
    assert t.headers == ["客户名称", "手机", "邮箱", "备注"]
    assert t.rows == [["张伟", "13800138000", "zw@example.cn", "老客户"], ["李娜", "13900139000", "", ""]]
    assert t.row_numbers == [3, 4] and t.encoding == "xlsx"


def test_a_ten_megabyte_cell_refuses_only_its_row(tmp_path):
    """A 10 MB cell empties that cell, marks the row as not importable and names it; other rows survive."""
    f = tmp_path / "big_cell.csv"
    f.write_text("Name,Notes\nA,ok\nB," + "x" * (10 * 1024 * 1024) + "\nC,fine\n", encoding="utf-8")
    t = read_table(f)
    assert [r[0] for r in t.rows] == ["A", "B", "C"]
    assert t.bad_rows == {1} and t.rows[1][1] == ""
    assert t.problems[0].row == 3 and "longer than" in t.problems[0].text()


def test_a_huge_file_is_refused_before_reading(tmp_path):
    """A 1 GB file (sparse here) is refused at once with its size in the message."""
    f = tmp_path / "huge.csv"
    with open(f, "wb") as fh:
        fh.seek(1024 * 1024 * 1024 - 1)
        fh.write(b"\0")
    start = time.perf_counter()
    with pytest.raises(TabularError) as exc:
        read_table(f)
    assert time.perf_counter() - start < 0.5
    assert "too large" in str(exc.value) and "1024 MB" in str(exc.value)


def test_binary_junk_is_not_a_table(tmp_path):
    """Random bytes named .csv, and a text file named .xlsx, get one clear sentence each."""
    import random

    junk = tmp_path / "junk.csv"
    rng = random.Random(1)
    junk.write_bytes(bytes(rng.randrange(256) for _ in range(5000)))
    with pytest.raises(TabularError, match="not a text table"):
        read_table(junk)
    fake = tmp_path / "fake.xlsx"
    fake.write_text("Name\nA\n")
    with pytest.raises(TabularError, match="not an Excel"):
        read_table(fake)
    png = tmp_path / "photo.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    with pytest.raises(TabularError, match="not a text table"):
        read_table(png)


def test_empty_file_and_old_excel(tmp_path):
    """An empty file and an old .xls file are refused with a sentence that says what to do."""
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(TabularError, match="empty"):
        read_table(empty)
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(TabularError, match=r"\.xlsx or CSV"):
        read_table(xls)


def test_detect_encoding_variants():
    """BOMs decide; plain UTF-8 stays UTF-8; GBK text is guessed as GB18030."""
    assert detect_encoding(codecs.BOM_UTF16_BE + "名".encode("utf-16-be")) == "utf-16"
    assert detect_encoding("客户名称,手机".encode()) == "utf-8"
    assert detect_encoding(("客户名称,手机,备注\r\n" * 20).encode("gbk")) == "gb18030"
    assert tabular.MAX_FILE_BYTES < 1024 ** 3


def test_utf8_with_one_damaged_byte_is_never_read_as_gbk_or_cp1250(tmp_path):
    """A UTF-8 file with a stray byte is refused with its line and the candidates, never stored as 寮犱笁."""
    from crm_desktop.exchange.tabular import EncodingUncertain

    f = tmp_path / "damaged.csv"
    f.write_bytes("姓名,手机\n张三,13800138000\n李四,13900139000\n".encode() + b"Jos\xe9,13700137000\n")
    with pytest.raises(EncodingUncertain) as exc:
        read_table(f)
    assert exc.value.params["line"] == 4 and "--encoding" in exc.value.text()
    assert exc.value.candidates and all(c != "utf-8" for c in exc.value.candidates)
    assert read_table(f, encoding=exc.value.candidates[0]).rows  # each candidate reads the file


def test_gbk_is_read_only_when_it_reads_as_chinese(tmp_path):
    """GB18030 is chosen for real Chinese text; bytes that merely decode as GB (Latin-1 text) are asked about."""
    from crm_desktop.exchange.tabular import EncodingUncertain, gb_likeness

    assert gb_likeness("张三,李四,欧阳娜娜")[0] == 1.0
    assert gb_likeness("寮犱笁,鏉庡洓")[0] < 0.3  # what UTF-8 "张三,李四" looks like read as GBK
    ok = tmp_path / "gbk.csv"
    ok.write_bytes("客户名称,联系人\r\n华信科技有限公司,张伟\r\n".encode("gbk"))
    assert read_table(ok).encoding == "gb18030"
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Name,City\nJosé Müller,Zürich\nŁukasz,Łódź\n".encode("cp1250"))
    with pytest.raises(EncodingUncertain) as exc:
        read_table(latin)
    assert "cp1250" in exc.value.candidates or "cp1252" in exc.value.candidates


def _samples():
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("crm_test_samples", Path(__file__).with_name("samples.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_xlsx_with_a_forged_dimension_reads_only_its_real_cells(tmp_path):
    """A 5 KB workbook claiming A1:XFD1048576 with a cell in the last row is read as its two real rows."""
    t = read_table(_samples().write_xlsx_bomb(tmp_path / "dim.xlsx", "dimension"))
    assert t.headers == ["姓名", "手机"] and t.rows == [["张伟", "13800138000"]]


def test_xlsx_merged_over_the_whole_sheet_is_spread_only_over_what_is_read(tmp_path):
    """A merged range A1:XFD1048576 fills at most the rows present and the capped columns."""
    from crm_desktop.exchange.tabular import MAX_COLUMNS

    t = read_table(_samples().write_xlsx_bomb(tmp_path / "merged.xlsx", "merged"))
    assert len(t.headers) == MAX_COLUMNS and len(t.rows) == 1 and set(t.rows[0]) == {"姓名"}


@pytest.mark.parametrize("kind, words", [("shared_strings", "million characters"), ("ratio", "times tighter")])
def test_xlsx_bombs_are_refused_in_one_sentence(kind, words, tmp_path):
    """A shared-strings bomb and a zip packed 1000:1 are refused as too large, never as damaged."""
    with pytest.raises(TabularError) as exc:
        read_table(_samples().write_xlsx_bomb(tmp_path / f"{kind}.xlsx", kind))
    assert words in exc.value.text() and "damaged" not in exc.value.text()


def test_xlsx_caps_on_rows_columns_and_cells(tmp_path, monkeypatch):
    """Rows, columns and cells beyond the caps refuse the workbook with the cap in the sentence."""
    import openpyxl

    from crm_desktop.exchange.tabular import xlsx_file

    path = tmp_path / "wide.xlsx"
    wb = openpyxl.Workbook()
    for r in range(30):
        wb.active.append([f"r{r}c{c}" for c in range(12)])
    wb.save(path)
    for cap, value, words in (("MAX_ROWS", 20, "more than 20 rows"), ("MAX_COLUMNS", 10, "more than 10 columns"),
                              ("MAX_CELLS", 100, "more than 100 cells")):
        with monkeypatch.context() as m:
            m.setattr(xlsx_file, cap, value)
            with pytest.raises(TabularError, match=words):
                read_table(path)
    assert len(read_table(path).rows) == 29


def test_an_unclosed_quote_that_swallows_rows_is_refused_with_its_line(tmp_path):
    """A stray quote merging the next rows into one cell marks that row bad, naming its lines; others stay."""
    f = tmp_path / "q.csv"
    f.write_text('姓名,手机,公司,备注\n张三,"13800138000,华信,老客户\n李四,13900139000,恒达,新客户\n'
                 '王五,"13700137000",浦江,x\n赵六,13600136000,天府,"多行\n备注, 正常"\n', encoding="utf-8")
    t = read_table(f)
    assert [p.row for p in t.problems] == [2] and "lines 2 to 4" in t.problems[0].text()
    assert {t.row_numbers[i] for i in t.bad_rows} == {2}
    assert t.rows[-1][0] == "赵六" and t.rows[-1][3] == "多行\n备注, 正常"  # a real multi-line note is fine
