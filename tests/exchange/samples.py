"""Sample files as Chinese sales teams really have them, written fresh into a test's folder.

``write_chinese_sheet_csv`` / ``write_chinese_sheet_xlsx``: the usual customer sheet kept in Excel on a
Chinese Windows — one row per contact person of a company, Chinese headers (序号, 客户名称, 联系人, 职务,
手机, 微信, 邮箱, 地址, 行业, 来源, 备注, 生日), the CSV saved as GBK with CRLF and every cell quoted, the
.xlsx with the company cell merged down over its contacts' rows and mobiles typed as numbers.
:data:`SHEET_EXPECTED` says what an import of either must give (the journey tests use it too).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

SHEET_HEADERS = ["序号", "客户名称", "联系人", "职务", "手机", "微信", "邮箱", "地址", "行业", "来源", "备注", "生日"]
SHEET_ROWS = [
    ["1", "华信科技有限公司", "张伟", "总经理", "138 0013 8000", "zhangwei_hx", "zhangwei@huaxin.com.cn",
     "北京市朝阳区建国路88号", "信息技术", "展会", "重点客户，年底续约", "1978/5/12"],
    ["2", "华信科技有限公司", "李娜", "采购经理", "139-0013-9000", "lina1985", "lina@huaxin.com.cn",
     "北京市朝阳区建国路88号", "信息技术", "展会", "", ""],
    ["3", "恒达贸易（深圳）有限公司", "王芳", "财务总监", "13712345678", "", "wangfang@hengda.cn",
     "广东省深圳市南山区科技园南区", "贸易", "老客户介绍", "每月5号前对账", "1985年3月8日"],
    ["4", "上海浦江机械制造厂", "刘洋", "厂长", "021-6888 1234", "liuyang_pj", "",
     "上海市闵行区莘庄工业区申富路18号", "制造", "拜访", "需要增值税专用发票\n月结30天", ""],
    ["5", "", "陈静", "采购员", "186 2000 1234", "chenjing_pj", "chenjing@pujiang-jx.cn", "", "", "", "", ""],
    ["6", "成都天府餐饮管理有限公司", "赵磊", "店长", "15928001234", "zl_tianfu", "", "四川省成都市锦江区春熙路1号",
     "餐饮", "网站", "", "1990-11-02"],
    ["7", "北京市朝阳区教育局", "孙丽", "科长", "010-6509 1234", "", "sunli@bjchy.edu.cn", "北京市朝阳区日坛北路",
     "政府", "协会", "", ""],
    ["8", "华信科技有限公司", "张伟", "总经理", "13800138000", "", "", "", "", "", "上次展会名片", ""],
    ["9", "Acme Trading Ltd.", "John Smith", "Sales Director", "+1 905-555-1234", "", "john.smith@acme.example",
     "Toronto, Canada", "贸易", "展会", "", ""],
]
"""Row 5 continues the company of row 4 (its cell is merged in Excel, blank in CSV); row 8 repeats 张伟."""

SHEET_EXPECTED = {
    "customers": 6,
    "contacts": 8,
    "businesses": {
        "华信科技有限公司": {"张伟": ("总经理", "+8613800138000", "zhangwei_hx"),
                         "李娜": ("采购经理", "+8613900139000", "lina1985")},
        "恒达贸易（深圳）有限公司": {"王芳": ("财务总监", "+8613712345678", "")},
        "上海浦江机械制造厂": {"刘洋": ("厂长", "+862168881234", "liuyang_pj"),
                          "陈静": ("采购员", "+8618620001234", "chenjing_pj")},
        "成都天府餐饮管理有限公司": {"赵磊": ("店长", "+8615928001234", "zl_tianfu")},
        "北京市朝阳区教育局": {"孙丽": ("科长", "+861065091234", "")},
        "Acme Trading Ltd.": {"John Smith": ("Sales Director", "+19055551234", "")},
    },
}
"""What importing the sheet into an empty book gives: business name → {contact: (title, phone, WeChat)}."""


def write_chinese_sheet_csv(path: str | Path, rows: list[list[str]] | None = None) -> Path:
    """The sheet as Excel on a Chinese Windows saves "CSV": GBK, CRLF, every cell quoted."""
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(SHEET_HEADERS)
    writer.writerows(rows if rows is not None else SHEET_ROWS)
    p = Path(path)
    p.write_bytes(buf.getvalue().encode("gbk"))
    return p


def write_chinese_sheet_xlsx(path: str | Path) -> Path:
    """The same sheet as .xlsx: a title row merged over the columns, the company cell merged down over
    its contacts' rows, mobiles and 序号 typed as numbers, a birthday typed as a date."""
    from datetime import datetime

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "客户名单"
    ws.append(SHEET_HEADERS)
    for row in SHEET_ROWS:
        cells: list[object] = list(row)
        cells[0] = int(row[0])
        digits = row[4].replace(" ", "")
        if digits.isdigit() and len(digits) == 11:
            cells[4] = int(digits)  # Excel shows 13712345678; openpyxl reads it back as a number
        if row[11] == "1990-11-02":
            cells[11] = datetime(1990, 11, 2)
        ws.append(cells)
    first_pujiang = next(i for i, r in enumerate(SHEET_ROWS, start=2) if r[1] == "上海浦江机械制造厂")
    ws.merge_cells(start_row=first_pujiang, start_column=2, end_row=first_pujiang + 1, end_column=2)
    p = Path(path)
    wb.save(p)
    return p


def write_xlsx_bomb(path: str | Path, kind: str) -> Path:
    """A workbook of a few KB built to exhaust a naive reader; *kind* is one of:

    * ``"dimension"`` — a forged ``<dimension ref="A1:XFD1048576">`` and a cell in the last column of the
      last row (a reader that fills the box makes 17 billion cells);
    * ``"merged"`` — one merged range over the whole sheet, A1:XFD1048576;
    * ``"shared_strings"`` — one shared string of 900,000 characters used by 30,000 cells;
    * ``"ratio"`` — an extra member of 200 MB of zeros packed into a few hundred KB.
    """
    import zipfile

    p = Path(path)
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    head = ('<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>手机</t></is>'
            '</c></row><row r="2"><c r="A2" t="inlineStr"><is><t>张伟</t></is></c><c r="B2"><v>13800138000</v></c>'
            '</row>')
    shared = None
    if kind == "dimension":
        sheet = (f'<worksheet {ns}><dimension ref="A1:XFD1048576"/><sheetData>{head}<row r="1048576">'
                 '<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>')
    elif kind == "merged":
        sheet = (f'<worksheet {ns}><dimension ref="A1:B2"/><sheetData>{head}</sheetData>'
                 '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>')
    elif kind == "shared_strings":
        rows = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c><c r="B{r}" t="s"><v>0</v></c></row>'
                       for r in range(3, 15003))
        sheet = f'<worksheet {ns}><sheetData>{head}{rows}</sheetData></worksheet>'
        shared = (f'<sst {ns} count="30000" uniqueCount="1"><si><t>' + "客" * 900_000 + '</t></si></sst>')
    elif kind == "ratio":
        sheet = f'<worksheet {ns}><sheetData>{head}</sheetData></worksheet>'
    else:
        raise ValueError(kind)
    base = Path(str(p) + ".base.xlsx")
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["x"])
    wb.save(base)
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = sheet.encode()
            elif info.filename == "xl/sharedStrings.xml" and shared is not None:
                data = shared.encode()
            elif info.filename == "[Content_Types].xml" and shared is not None and b"sharedStrings" not in data:
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
            elif info.filename == "xl/_rels/workbook.xml.rels" and shared is not None and b"sharedStrings" not in data:
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdSS" Type="http://schemas.openxmlformats'
                                    b'.org/officeDocument/2006/relationships/sharedStrings" '
                                    b'Target="sharedStrings.xml"/></Relationships>')
            dst.writestr(info.filename, data)
        if shared is not None and "xl/sharedStrings.xml" not in src.namelist():
            dst.writestr("xl/sharedStrings.xml", shared.encode())
        if kind == "ratio":
            dst.writestr("xl/media/padding.bin", b"\0" * (200 * 1024 * 1024))
    base.unlink()
    return p
