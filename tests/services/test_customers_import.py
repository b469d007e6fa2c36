"""Customer import: mapping, per-row checks, match policies, one transaction, cancel, undo, CLI."""

from __future__ import annotations

import json

import pytest

from crm_desktop.domain.models import CustomerInput, CustomerQuery
from crm_desktop.exchange.tabular import read_table
from crm_desktop.services.imports import CustomerImporter, NothingToUndo, auto_mapping, detect_preset, import_file
from crm_desktop.services.imports.rows import fast_email, fast_phone
from crm_desktop.services.validation import normalize_phone

GBK_ROWS = [
    ["客户名称", "单位", "联系电话", "电子邮件", "地址", "行业", "备注", "生日"],
    ["张伟", "华信科技有限公司", "138 0013 8000", "ZW@QQ.com", "北京市朝阳区", "科技", "老客户\r\n要发票", "1990/1/2"],
    ["李娜", "", "12345", "not-an-email", "", "", "", ""],
    ["王芳", "恒达贸易", "+86 139-0013-9000", "", "", "", "", "去年"],
    ["", "", "", "", "", "", "只有备注", ""],
    ["张伟", "", "13800138000", "", "", "", "同一个人", ""],
]


def _write_gbk(path, rows=GBK_ROWS):
    text = "".join(",".join('"' + c.replace('"', '""') + '"' for c in r) + "\r\n" for r in rows)
    path.write_bytes(text.encode("gbk"))
    return path


def _importer(ctx, customers):
    return CustomerImporter(ctx, customers.invalidate)


def test_mapping_from_chinese_english_google_and_outlook_headers():
    """Common titles map to fields; Google/Outlook exports are recognised; unknown titles go to notes."""
    assert auto_mapping(["姓名", "公司", "手机", "邮箱", "地址", "行业", "备注", "微信"]) == [
        "name", "company", "phone", "email", "address", "industry", "notes", "wechat"]
    assert auto_mapping(["Name", "Company", "Mobile", "E-mail", "Phone", "Something"]) == [
        "name", "company", "phone", "email", "phone", "extra"]
    google = ["Name", "Given Name", "Family Name", "Phone 1 - Type", "Phone 1 - Value", "E-mail 1 - Value",
              "Organization 1 - Name", "Group Membership"]
    assert detect_preset(google) == "google"
    assert auto_mapping(google) == ["name", "given_name", "family_name", None, "phone", "email", "company", "tags"]
    outlook = ["First Name", "Middle Name", "Last Name", "Company", "Job Title", "E-mail Address", "Mobile Phone"]
    assert detect_preset(outlook) == "outlook"
    assert auto_mapping(outlook) == ["given_name", None, "family_name", "company", "extra", "email", "phone"]


def test_gbk_import_validates_rows_and_writes_valid_ones(tmp_path, ctx, customers, db):
    """Valid rows become customers (E.164, pinyin, owner = user, searchable); bad rows are listed by line."""
    table = read_table(_write_gbk(tmp_path / "c.csv"))
    importer = _importer(ctx, customers)
    plan = importer.prepare(table, auto_mapping(table.headers))
    by_row = {}
    for issue in plan.issues:
        by_row.setdefault(issue.row, []).append((issue.field, issue.blocking))
    assert by_row[4] == [("phone", False), ("email", False)]  # row 2 spans two lines (quoted newline)
    assert by_row[5] == [("birthday", False)]  # kept in the notes, row imported
    assert by_row[6] == [("name", True)]
    assert by_row[7] == [("", True)]  # same phone as row 2 of the same file
    assert plan.new == 3 and plan.rejected == 2
    assert plan.kept["in_notes"] == 3
    result = importer.run(plan)
    assert (result.added, result.rejected) == (3, 2)
    ids = customers.search(CustomerQuery(text="zhangwei"))
    assert len(ids) == 1
    d = customers.get(ids[0])
    assert d.phone == "+8613800138000" and d.email == "ZW@qq.com" and d.owner == "李娜"
    assert d.company == "华信科技有限公司" and d.notes == "老客户\n要发票" and d.birthday.isoformat() == "1990-01-02"
    wang = customers.get(customers.search(CustomerQuery(text="王芳"))[0])
    assert wang.phone == "+8613900139000" and "去年" in wang.notes
    li = customers.get(customers.search(CustomerQuery(text="李娜"))[0])
    assert li.phone == "" and li.email == "" and "12345" in li.notes and "not-an-email" in li.notes
    assert customers.count() == 3


def test_match_policies_skip_update_create(tmp_path, ctx, customers, db):
    """Matches by phone are skipped, updated (only non-empty cells, stamped per field) or created anew."""
    existing = customers.create(CustomerInput(name="张伟", phone="13800138000", address="旧地址", industry="制造")).id
    f = tmp_path / "m.csv"
    f.write_text("姓名,手机,地址,行业,标签\n张伟,13800138000,新地址,,VIP\n", encoding="utf-8")
    importer = _importer(ctx, customers)
    table = read_table(f)
    mapping = auto_mapping(table.headers)
    plan = importer.prepare(table, mapping)
    assert plan.matched == 1 and plan.rows[0].match_id == existing and plan.rows[0].match_by == "phone"
    assert importer.run(plan, "skip").skipped == 1
    assert customers.get(existing).address == "旧地址"
    result = importer.run(importer.prepare(table, mapping), "update")
    assert result.updated == 1
    d = customers.get(existing)
    assert d.address == "新地址" and d.industry == "制造" and d.tags == ("VIP",)
    with db.engine.connect() as c:
        stamps = json.loads(c.exec_driver_sql("SELECT field_stamps FROM customer WHERE id = ?",
                                              (existing,)).scalar())
    assert set(stamps) == {"address"}
    assert importer.run(importer.prepare(table, mapping), "create").added == 1
    assert customers.count() == 2


def test_undo_last_import_removes_added_and_restores_updated(tmp_path, ctx, customers, clock):
    """Undo tombstones exactly what the import added and puts back what it changed, unless edited since."""
    a = customers.create(CustomerInput(name="甲", phone="13800138000", address="A0", industry="I0")).id
    f = tmp_path / "u.csv"
    f.write_text("姓名,手机,地址,行业\n甲,13800138000,A1,I1\n乙,13900139000,,\n", encoding="utf-8")
    importer = _importer(ctx, customers)
    plan, result = import_file(ctx, f, on_match="update", invalidate=customers.invalidate)
    assert (result.added, result.updated) == (1, 1)
    edited = customers.get(a).to_input()
    edited.industry = "edited by hand"
    customers.update(a, edited)
    undo = importer.undo_last()
    assert (undo.removed, undo.restored, undo.kept) == (1, 1, 1)
    d = customers.get(a)
    assert d.address == "A0" and d.industry == "edited by hand"
    assert customers.count() == 1
    with pytest.raises(NothingToUndo):
        importer.undo_last()


def test_cancel_rolls_everything_back(tmp_path, ctx, customers, db):
    """A progress callback that raises (the UI's Cancel) leaves no customer and no undo record behind."""
    f = tmp_path / "many.csv"
    f.write_text("姓名,手机\n" + "".join(f"客户{i},1380000{i:04d}\n" for i in range(6000)), encoding="utf-8")
    table = read_table(f)
    importer = _importer(ctx, customers)
    plan = importer.prepare(table, auto_mapping(table.headers))
    assert plan.new == 6000

    class Stop(Exception):
        pass

    def progress(done, total):
        if done >= 5000:
            raise Stop()

    with pytest.raises(Stop):
        importer.run(plan, progress=progress)
    assert customers.count() == 0
    with db.engine.connect() as c:
        assert c.exec_driver_sql("SELECT COUNT(*) FROM change_batch").scalar() == 0
        assert c.exec_driver_sql("SELECT COUNT(*) FROM customer_search").scalar() == 0


def test_formula_cells_are_stored_as_plain_text(tmp_path, ctx, customers):
    """A cell like =HYPERLINK(...) is data: stored verbatim, never evaluated; a neutralised one reads back."""
    f = tmp_path / "f.csv"
    f.write_text('姓名,手机,备注\n"=HYPERLINK(""http://x"")",13800138000,"\'+1 good"\n', encoding="utf-8")
    import_file(ctx, f)
    d = customers.get(customers.search(CustomerQuery())[0])
    assert d.name == '=HYPERLINK("http://x")' and d.notes == "+1 good"


def test_fast_paths_agree_with_the_validation_module():
    """The bulk shortcuts give exactly what validation.py gives for the forms they accept."""
    import random

    rng = random.Random(5)
    for _ in range(3000):
        raw = "1" + "".join(rng.choice("0123456789") for _ in range(10))
        fast = fast_phone(raw)
        if fast is not None:
            assert fast == normalize_phone(raw)
    assert fast_phone("+86 138-0013-8000") == "+8613800138000"
    assert fast_phone("010 8888 8888") is None  # landlines go to phonenumbers
    assert fast_email("A.B@QQ.COM") == "A.B@qq.com"
    assert fast_email("bad@localhost") is None and fast_email("a..b@x.cn") is None


def test_cli_import_and_export(tmp_path, capsys, qapp):
    """crm-desktop import customers / export customers work on a --db file and report per row."""
    # qapp: the CLI translates its messages through Qt; without an application already running it would
    # make a bare QCoreApplication for this process, which later widget tests cannot use.
    from crm_desktop.cli import main

    src = _write_gbk(tmp_path / "c.csv")
    db_path = tmp_path / "cli.sqlite"
    from crm_desktop.db.database import open_database

    open_database(db_path).close()  # commands other than demo never make a book
    assert main(["import", "customers", str(src), "--db", str(db_path), "--on-match", "update"]) == 1
    captured = capsys.readouterr()
    assert "added 3" in captured.out and "row 4:" in captured.err and "not a phone number" in captured.err
    out = tmp_path / "out.xlsx"
    assert main(["export", "customers", str(out), "--db", str(db_path)]) == 0
    assert out.exists()
    assert main(["export", "orders", str(tmp_path / "o.vcf"), "--db", str(db_path)]) == 2
    assert main(["import", "customers", str(out), "--db", str(db_path)]) == 0
    assert "skipped 3" in capsys.readouterr().out


def test_cli_refuses_an_unclear_encoding_and_names_candidates(tmp_path, capsys, qapp):
    """The command line asks for --encoding, names the candidates, writes nothing, and accepts the choice."""
    from crm_desktop.cli import main

    f = tmp_path / "damaged.csv"
    f.write_bytes("姓名,手机\n张三,13800138000\n".encode() + b"Jos\xe9,13700137000\n")
    db_path = tmp_path / "cli.sqlite"
    from crm_desktop.db.database import open_database

    open_database(db_path).close()  # commands other than demo never make a book
    book_before = db_path.read_bytes()
    assert main(["import", "customers", str(f), "--db", str(db_path)]) != 0
    err = capsys.readouterr().err
    assert "--encoding" in err and "line 3" in err and "Traceback" not in err
    assert db_path.read_bytes() == book_before
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Name,Phone\nJosé Müller,+49 30 1234567\n".encode("cp1252"))
    assert main(["import", "customers", str(latin), "--db", str(db_path)]) != 0
    assert "cp1252" in capsys.readouterr().err
    assert main(["import", "customers", str(latin), "--db", str(db_path), "--encoding", "cp1252"]) == 0
    assert "added 1" in capsys.readouterr().out


def test_a_name_or_phone_running_over_lines_is_refused_in_a_csv(tmp_path, ctx, customers):
    """In a narrow CSV a quote left open puts line breaks into the phone: that row is refused, the rest kept."""
    f = tmp_path / "q.csv"
    f.write_text('姓名,手机\n张三,"13800138000\n李四,13900139000\n王五,13700137000\n', encoding="utf-8")
    plan = _importer(ctx, customers).prepare(read_table(f), ["name", "phone"])
    assert plan.rejected == 1 and "quote" in plan.issues[0].text() and plan.issues[0].row == 2
    assert plan.new == 0 or all(r.data.name != "张三" for r in plan.rows)


def test_a_line_break_typed_into_an_excel_name_cell_is_joined(tmp_path, ctx, customers):
    """Alt+Enter inside an .xlsx name cell is not a quote problem: the lines are joined with a space."""
    import openpyxl

    path = tmp_path / "n.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["客户名称", "手机"])
    wb.active.append(["华信科技\n北京分公司", "13800138000"])
    wb.save(path)
    plan = _importer(ctx, customers).prepare(read_table(path), ["name", "phone"])
    assert [r.data.name for r in plan.rows] == ["华信科技 北京分公司"] and plan.rejected == 0


def test_owners_in_the_sheet_join_the_team(tmp_path, ctx, customers):
    """An owner cell names a person: a new name becomes a person of the book (one per spelling of a name),
    a name the team knows, even one a person was renamed from, makes no second one."""
    from crm_desktop.db.people import ensure_person, live_people, person_id_for, rename_person

    with ctx.db.writing() as tx:  # 陈静 joined earlier and has since renamed herself
        ensure_person(tx, person_id_for("陈静"), "陈静", ctx.stamp())
        rename_person(tx, person_id_for("陈静"), "陈小静", ctx.stamp())
    f = tmp_path / "owners.csv"
    f.write_text("姓名,手机,负责人\n赵一,13800000001,王磊\n钱二,13800000002, 王磊\n孙三,13800000003,\n"
                 "周四,13800000004,陈静\n吴五,13800000005,陈小静\n", encoding="utf-8")
    table = read_table(f)
    importer = _importer(ctx, customers)
    importer.run(importer.prepare(table, auto_mapping(table.headers)))
    with ctx.db.reading() as tx:
        people = live_people(tx)
    # 孙三 has no owner: the customer is mine, so I am a person of the book too
    assert sorted(people) == sorted([(person_id_for("王磊"), "王磊"), (person_id_for("陈静"), "陈小静"),
                                     (person_id_for(ctx.user), ctx.user)])
