"""``crm-desktop import products`` and ``export products|deals`` on a book made by the command line."""

from __future__ import annotations

import csv

from crm_desktop.cli import main


def test_import_products_then_export_them_and_the_deals(tmp_path, capsys):
    """A Chinese sheet with one bad row: the good rows go in (exit 1, the bad row named); exporting the
    catalogue lists them; exporting deals writes a header and the demo's deals."""
    book = tmp_path / "book.sqlite"
    assert main(["demo", "--customers", "30", "--seed", "3", "--db", str(book), "--no-gui"]) == 0
    sheet = tmp_path / "产品.csv"
    with open(sheet, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([["编码", "名称", "单位", "单价", "税率"], ["A-01", "办公椅", "把", "1280", "13%"],
                                 ["B-02", "打印纸", "箱", "abc", "13"]])
    capsys.readouterr()
    assert main(["--db", str(book), "import", "products", str(sheet)]) == 1
    out = capsys.readouterr()
    assert "row 3:" in out.err and "“abc” is not an amount of money." in out.err
    assert "1 added, 0 updated" in out.out
    assert main(["--db", str(book), "export", "products", str(tmp_path / "p.csv")]) == 0
    with open(tmp_path / "p.csv", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[1][:4] == ["A-01", "办公椅", "把", "1280.00"]
    assert main(["--db", str(book), "export", "deals", str(tmp_path / "d.xlsx")]) == 0
    assert (tmp_path / "d.xlsx").stat().st_size > 0
    assert main(["--db", str(book), "import", "products", "--dry-run", str(sheet)]) == 2
