"""vCard 3.0/4.0: folded lines, several TEL/EMAIL, photos, non-ASCII names, writing and import."""

from __future__ import annotations

import base64

from crm_desktop.domain.models import CustomerQuery
from crm_desktop.exchange.vcard import CardData, fold, format_vcard, parse_vcards, read_vcards_table, split_structured
from crm_desktop.services.imports import import_file

PHOTO = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8).decode()


def _photo_lines() -> str:
    return "PHOTO;ENCODING=b;TYPE=PNG:" + "\r\n ".join(PHOTO[i:i + 70] for i in range(0, len(PHOTO), 70))


PHONE_EXPORT = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张伟\r\nN:张;伟;;;\r\nORG:华信科技有限公司;销售部\r\n"
    "TEL;TYPE=WORK,VOICE:010-8888 8888\r\nTEL;TYPE=CELL:138 0013 8000\r\n"
    "item1.EMAIL;TYPE=INTERNET:zw@example.cn\r\nEMAIL;TYPE=INTERNET,HOME:zhang.wei@qq.com\r\n"
    "NOTE:第一行\\n第二行\\, 带逗号\\; 分号\r\n"
    f"{_photo_lines()}\r\n"
    "ADR;TYPE=WORK:;;建国路88号;北京;;100022;中国\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zoë O'Brien-Møller, a very long name that forces the line to be fol\r\n"
    " ded\r\nTEL;VALUE=uri;TYPE=cell:tel:+44-7911-123456\r\nEMAIL:zoe@example.ie\r\n"
    "UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\r\nCATEGORIES:VIP,展会线索\r\nBDAY:19850704\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E7=8E=8B;=E8=8A=B3;;;\r\n"
    "TEL;CELL;PREF:13900139000\r\nEND:VCARD\r\n"
)


def test_parse_folded_lines_multiple_tel_email_and_photo():
    """Unfolding, groups, escapes, several TEL/EMAIL, PHOTO skipped, quoted-printable names decoded."""
    cards, problems = parse_vcards(PHONE_EXPORT)
    assert problems == [] and len(cards) == 3
    zhang, zoe, wang = cards
    assert zhang.first("FN") == "张伟" and len(zhang.all("TEL")) == 2 and len(zhang.all("EMAIL")) == 2
    assert zhang.first("NOTE") == "第一行\n第二行, 带逗号; 分号"
    assert not zhang.all("PHOTO")
    assert split_structured(zhang.first("ORG")) == ["华信科技有限公司", "销售部"]
    assert zoe.first("FN") == "Zoë O'Brien-Møller, a very long name that forces the line to be folded"
    assert zoe.version == "4.0"
    assert wang.first("N").startswith("王;芳")


def test_cards_become_a_table_mobile_first(tmp_path):
    """The card's first phone (the mobile) and e-mail lead; the others get columns named by type; ADR's country too."""
    f = tmp_path / "contacts.vcf"
    f.write_bytes(PHONE_EXPORT.encode("utf-8"))
    t = read_vcards_table(f)
    assert t.headers[:6] == ["Name", "Company", "Title", "Phone", "Work phone", "E-mail"]
    assert "Home e-mail" in t.headers and "Country" in t.headers
    zhang = dict(zip(t.headers, t.rows[0]))
    assert zhang["Phone"] == "138 0013 8000" and zhang["Work phone"] == "010-8888 8888"
    assert zhang["E-mail"] == "zw@example.cn" and zhang["Home e-mail"] == "zhang.wei@qq.com"
    assert zhang["Country"] == "中国"
    assert zhang["Company"] == "华信科技有限公司 销售部" and zhang["Address"] == "建国路88号, 北京, 100022, 中国"
    assert dict(zip(t.headers, t.rows[2]))["Name"] == "王芳"
    assert t.row_numbers[0] == 1


def test_vcard_import_creates_customers_keeping_extra_details(tmp_path, ctx, customers):
    """Importing the .vcf gives one customer per card; extra phones and e-mails are kept in the notes."""
    f = tmp_path / "contacts.vcf"
    f.write_bytes(PHONE_EXPORT.encode("utf-8"))
    plan, result = import_file(ctx, f)
    assert result.added == 3 and not [i for i in plan.issues if i.blocking]
    zhang = customers.get(customers.search(CustomerQuery(text="张伟"))[0])
    assert zhang.phone == "+8613800138000" and zhang.email == "zw@example.cn"
    assert "010-8888 8888" in zhang.notes and "zhang.wei@qq.com" in zhang.notes and "第二行" in zhang.notes
    zoe = customers.get(customers.search(CustomerQuery(text="zoe@example"))[0])
    assert zoe.phone == "+447911123456" and zoe.tags == ("VIP", "展会线索")
    assert zoe.external_id == "4fbe8971-0bc3-424c-9c26-36c3e1eff6b1" and zoe.birthday.isoformat() == "1985-07-04"
    # importing the same file again matches every card (external id / phone) and adds nothing
    assert import_file(ctx, f)[1].skipped == 3


def test_writer_folds_at_75_octets_without_splitting_characters():
    """Every written line is at most 75 octets and unfolds back to the original UTF-8 text."""
    long = "客户备注" * 40
    folded = fold("NOTE:" + long)
    assert all(len(line.encode()) <= 75 for line in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "NOTE:" + long


def test_write_then_read_round_trip_3_and_4():
    """A card written as 3.0 and as 4.0 reads back with the same name, phone, e-mail, notes and tags."""
    card = CardData(uid="abc", name="欧阳娜娜", company="恒达; 贸易", phone="+8613800138000", email="o@example.cn",
                    address="南山区, 科技园", birthday="1990-01-02", notes="多行\n备注, 逗号", tags=("VIP", "老客户"))
    for version in ("3.0", "4.0"):
        text = format_vcard(card, version)
        assert text.endswith("END:VCARD\r\n") and f"VERSION:{version}" in text
        (parsed,), problems = parse_vcards(text)
        assert not problems
        assert parsed.first("FN") == "欧阳娜娜" and parsed.first("NOTE") == "多行\n备注, 逗号"
        assert split_structured(parsed.first("ORG")) == ["恒达; 贸易"]
        tel = parsed.first("TEL")
        assert tel.removeprefix("tel:") == "+8613800138000"
        assert parsed.first("CATEGORIES") == "VIP,老客户"


def test_truncated_and_junk_vcards(tmp_path):
    """A card without END is read with a message; a file without cards is refused in one sentence."""
    cards, problems = parse_vcards("BEGIN:VCARD\nFN:半张\nTEL:13800138000\n")
    assert len(cards) == 1 and problems and "END:VCARD" in problems[0].text()
    f = tmp_path / "none.vcf"
    f.write_text("hello\nworld\n")
    import pytest

    from crm_desktop.exchange.tabular import TabularError

    with pytest.raises(TabularError, match="no vCards"):
        read_vcards_table(f)


def _folded(name: str, chars: int) -> str:
    body = "x" * chars
    return name + ":" + "\r\n ".join(body[i:i + 74] for i in range(0, len(body), 74))


def test_huge_folded_properties_are_capped_and_the_card_kept():
    """A 3 MB folded photo is skipped, a 3 MB folded note is left out with one message; the card is read."""
    from crm_desktop.exchange.vcard import MAX_PROPERTY_CHARS

    text = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张伟\r\n" + _folded("PHOTO;ENCODING=b;TYPE=JPEG", 3_000_000) + "\r\n"
            + _folded("NOTE", MAX_PROPERTY_CHARS + 1000) + "\r\nTEL:13800138000\r\nEND:VCARD\r\n")
    (card,), problems = parse_vcards(text)
    assert card.first("FN") == "张伟" and card.first("TEL") == "13800138000" and not card.all("NOTE")
    assert len(problems) == 1 and "NOTE" in problems[0].text() and "left out" in problems[0].text()


def test_too_many_properties_on_one_card_are_cut_with_a_message():
    """A card with 5,000 EMAIL lines keeps the first ones and says the rest were left out."""
    from crm_desktop.exchange.vcard import MAX_PROPERTIES_PER_CARD

    lines = "".join(f"EMAIL:a{i}@example.cn\r\n" for i in range(5000))
    (card,), problems = parse_vcards(f"BEGIN:VCARD\r\nFN:王芳\r\n{lines}END:VCARD\r\n")
    assert len(card.all("EMAIL")) == MAX_PROPERTIES_PER_CARD - 1
    assert [p.text() for p in problems] == [f"The vCard has more than {MAX_PROPERTIES_PER_CARD} properties; "
                                            "the rest were left out."]


def test_a_card_without_end_before_the_next_begin_is_read():
    """BEGIN:VCARD inside an unfinished card closes it with a message instead of merging two people."""
    cards, problems = parse_vcards("BEGIN:VCARD\nFN:甲\nBEGIN:VCARD\nFN:乙\nEND:VCARD\n")
    assert [c.first("FN") for c in cards] == ["甲", "乙"] and len(problems) == 1
