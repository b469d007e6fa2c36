"""Address books as real programs export them: one .vcf per program, written fresh into a test's folder.

Each sample keeps its program's dialect: line ends, vCard version, parameter style, groups, X- fields,
photos, quoted-printable names (UTF-8 and GBK) with soft line breaks, ORG-only company cards, several
TEL/EMAIL per card, odd foreign numbers and every BDAY form.  :data:`EXPECTED` says, per card, what an
import must keep: (name, kind, phone, e-mail, texts the notes must contain).
"""

from __future__ import annotations

import base64
from pathlib import Path

_JPEG = base64.b64encode(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 12 + b"\xff\xd9").decode()


def qp(text: str, charset: str = "utf-8") -> str:
    """*text* quoted-printable encoded the way phones write names: every byte as =XX."""
    return "".join(f"={b:02X}" for b in text.encode(charset))


def _folded_b64(indent: str = " ", width: int = 72) -> str:
    return ("\r\n" + indent).join(_JPEG[i:i + width] for i in range(0, len(_JPEG), width))


def _qp_soft(encoded: str, width: int = 60) -> str:
    """A QP value broken into soft lines ("=" at the end of each), as Android writes long notes."""
    lines, cur = [], ""
    for i in range(0, len(encoded), 3):
        if len(cur) + 3 > width:
            lines.append(cur + "=")
            cur = ""
        cur += encoded[i:i + 3]
    return "\r\n".join(lines + [cur])


def _crlf(lines: list[str]) -> str:
    return "".join(line + "\r\n" for line in lines)


IPHONE = _crlf([
    "BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//iPhone OS 17.2//EN",
    "N:张;三;;;", "FN:张三", "ORG:华信科技有限公司;", "TITLE:销售经理",
    "TEL;type=CELL;type=VOICE;type=pref:138 0013 8000", "TEL;type=WORK;type=VOICE:010-6509 1234",
    "item1.EMAIL;type=INTERNET;type=pref:zhangsan@huaxin.cn", "item1.X-ABLabel:_$!<Other>!$_",
    "EMAIL;type=INTERNET;type=HOME:zhang@@example",
    "BDAY;value=date:1985-04-12", "X-SOCIALPROFILE;type=weibo:http://weibo.com/zhangsan",
    "PHOTO;ENCODING=b;TYPE=JPEG:" + _folded_b64(), "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//iPhone OS 17.2//EN",
    "N:;;;;", "FN:Apple Store 三里屯", "ORG:Apple Store 三里屯;", "X-ABShowAs:COMPANY",
    "TEL;type=MAIN:400-666-8800", "item1.URL;type=pref:http://www.apple.com/cn/retail/sanlitun",
    "item1.X-ABLabel:_$!<HomePage>!$_", "item2.ADR;type=WORK;type=pref:;;三里屯路19号;北京;北京;100027;中国",
    "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "N:Tremblay;Marc;;;", "FN:Marc Tremblay",
    "TEL;type=CELL;type=VOICE;type=pref:905-555-1234",
    "item1.ADR;type=HOME;type=pref:;;120 King St W;Hamilton;ON;L8P 4V2;Canada",
    "EMAIL;type=INTERNET;type=HOME:marc.tremblay@example.ca", "END:VCARD",
])

_NOTE_LONG = "老客户，每年春节前联系一次，喜欢喝普洱茶，孩子在北京上大学。"
ANDROID = _crlf([
    "BEGIN:VCARD", "VERSION:2.1",
    f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp('王')};{qp('芳')};;;",
    f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp('王芳')}",
    "TEL;CELL;PREF:+86 139 0013 9000", "TEL;HOME:021-5888 6666", "EMAIL;HOME:wangfang@163.com",
    f"X-ANDROID-CUSTOM;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:vnd.android.cursor.item/nickname;{qp('小芳')};1;;;;;;;;;;;;;",
    "PHOTO;ENCODING=BASE64;JPEG:" + _folded_b64(), "", "END:VCARD",
    "BEGIN:VCARD", "VERSION:2.1",
    f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp('李')};{qp('娜')};;;",
    f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp('李娜')}", "TEL;CELL:13900139001",
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:" + _qp_soft(qp(_NOTE_LONG)), "END:VCARD",
    "BEGIN:VCARD", "VERSION:2.1", "N;CHARSET=UTF-8:Müller;Hans;;;", "FN;CHARSET=UTF-8:Hans Müller",
    "TEL;CELL:+49 1234 56789",
    "ADR;WORK;CHARSET=UTF-8:;;Unter den Linden 1;Berlin;;10117;Deutschland", "END:VCARD",
    "BEGIN:VCARD", "VERSION:2.1", "N:;;;;", "TEL;CELL:13712345678", "END:VCARD",
    "BEGIN:VCARD", "VERSION:2.1", f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp('何')};{qp('平')};;;",
    "TEL;CELL:15012345678", f"TEL;X-{qp('公司总机')};ENCODING=QUOTED-PRINTABLE:400 800 8888", "END:VCARD",
])

BLACKBERRY = _crlf([
    "BEGIN:VCARD", "VERSION:2.1", "N:Chen;Jing", "FN:Jing Chen", "ORG:Pujiang Machinery", "TITLE:Buyer",
    "TEL;CELL;VOICE:+86-186-2000-1234", "TEL;WORK;VOICE:(111) 555-4444", "EMAIL;INTERNET;PREF:jing.chen@example.com",
    "X-RIM-PIN:2A1B3C4D", "END:VCARD",
    "BEGIN:VCARD", "VERSION:2.1",
    f"N;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:{qp('赵', 'gbk')};{qp('磊', 'gbk')}",
    f"FN;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:{qp('赵磊', 'gbk')}", "TEL;CELL:15928001234", "END:VCARD",
    "BEGIN:VCARD", "VERSION:2.1", "N:Wu;Gang", "FN:Gang Wu", "TEL;CELL:13900000001", "TEL;CELL:13900000002",
    "END:VCARD",
])

OUTLOOK_2003 = _crlf([
    "BEGIN:VCARD", "VERSION:2.1", "N;LANGUAGE=zh-cn:刘;洋", "FN:刘洋", "ORG:上海浦江机械制造厂;生产部", "TITLE:厂长",
    "TEL;WORK;VOICE:(021) 6888-1234", "TEL;CELL;VOICE:136 1234 5678", "TEL;WORK;FAX:(021) 6888-1235",
    "ADR;WORK;PREF:;;莘庄工业区申富路18号;上海;;201108;中国",
    "LABEL;WORK;PREF;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:" + qp("莘庄工业区申富路18号") + "=0D=0A"
    + qp("上海 201108"),
    "EMAIL;PREF;INTERNET:liuyang@pujiang-jx.cn", "X-MS-OL-DEFAULT-POSTAL-ADDRESS:2", "REV:20080424T195243Z",
    "END:VCARD",
    "BEGIN:VCARD", "VERSION:2.1", "N:", "FN:恒达贸易（深圳）有限公司", "ORG:恒达贸易（深圳）有限公司",
    "TEL;WORK;VOICE:0755-8888 6666", "EMAIL;PREF;INTERNET:info@hengda.cn", "X-MS-OL-DESIGN;CHARSET=utf-8:<card/>",
    "END:VCARD",
])

OUTLOOK_2007 = _crlf([
    "BEGIN:VCARD", "VERSION:2.1", "N;LANGUAGE=en-us:Smith;John", "FN:John Smith", "ORG:Acme Trading Ltd.",
    "TITLE:Sales Director", "TEL;WORK;VOICE:+1 (647) 555-0123", "TEL;CELL;VOICE:+1 416-555-0199",
    "EMAIL;PREF;INTERNET:john.smith@acme.example", "EMAIL;INTERNET:jsmith@mail.example", "BDAY:19750321",
    "PHOTO;TYPE=JPEG;ENCODING=BASE64:", " " + _folded_b64(), "",
    "X-MS-CARDPICTURE;TYPE=JPEG;ENCODING=BASE64:", " " + _folded_b64(), "", "END:VCARD",
    "BEGIN:VCARD", "VERSION:2.1", "N;LANGUAGE=de:Schmidt;Anna", "FN:Anna Schmidt",
    "NOTE;ENCODING=QUOTED-PRINTABLE:Met at Canton Fair=0D=0ASpring 2024", "EMAIL;PREF;INTERNET:anna.schmidt@example.de",
    "TEL;WORK;VOICE:+44 20 7946 0958", "END:VCARD",
])

GMAIL = _crlf([
    "BEGIN:VCARD", "VERSION:3.0", "FN:周杰", "N:周;杰;;;", "EMAIL;TYPE=INTERNET;TYPE=HOME:zhoujie@gmail.com",
    "EMAIL;TYPE=INTERNET;TYPE=WORK:zhoujie@company.cn", "TEL;TYPE=CELL:135 1234 5678", "TEL;TYPE=WORK:010 6509 1235",
    "item1.TEL:+852 2123 4567", "item1.X-ABLabel:香港", "ADR;TYPE=HOME:;;春熙路1号;成都;四川;610000;中国",
    "ORG:天府餐饮", "TITLE:店长", "NOTE:微信 zhoujie88", "CATEGORIES:myContacts,VIP", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "FN:", "N:;;;;", "EMAIL;TYPE=INTERNET:newsletter@shop.example", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "FN:马丽", "N:马;丽;;;", "TEL;TYPE=CELL:18612345678", "BDAY:1990-11-02",
    "END:VCARD",
])

LOTUS_NOTES = "".join(line + "\n" for line in [
    "BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Lotus Development Corporation//NONSGML Lotus Notes 8.5//EN",
    "N:Sun;Li;;;", "FN:Sun Li", "ORG:Chaoyang Education Bureau;Office", "TITLE:Section Chief",
    "TEL;TYPE=WORK:+86 10 6509 1234", "EMAIL;TYPE=INTERNET:sunli@bjchy.edu.cn",
    "ADR;TYPE=WORK:;;Ritan North Road;Beijing;;100020;China", "X_LOTUS_NOTES_ID:OF1234ABCD",
    "Notes formatting that lost its colon", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "N:;;;;", "FN:IBM China", "ORG:IBM China", "TEL;TYPE=WORK:010-6456 8888",
    "END:VCARD",
])

EVOLUTION = "".join(line + "\n" for line in [
    "BEGIN:VCARD", "VERSION:3.0", "UID:pas-id-4E5B1A7C00000001", "X-EVOLUTION-FILE-AS:Huang\\, Lei", "FN:Lei Huang",
    "N:Huang;Lei;;;", "TEL;TYPE=CELL;X-EVOLUTION-UI-SLOT=1:+86 158 1234 5678",
    "TEL;TYPE=HOME;X-EVOLUTION-UI-SLOT=2:0571-8888 1234", "EMAIL;TYPE=WORK;X-EVOLUTION-UI-SLOT=1:huang.lei@example.org",
    "BDAY:1988-08-08", "NOTE:Prefers calls after 18:00", "CATEGORIES:Business,VIP", "END:VCARD",
])

VCARD_4 = _crlf([
    "BEGIN:VCARD", "VERSION:4.0", "KIND:org", "FN:深圳前海微众科技", "ORG:深圳前海微众科技",
    'TEL;VALUE=uri;TYPE="work,voice";PREF=1:tel:+86-755-8888-1234', "EMAIL;TYPE=work:hr@wezhong.example",
    "END:VCARD",
    "BEGIN:VCARD", "VERSION:4.0", "FN:孙悦", "N:孙;悦;;;", "TEL;VALUE=uri;TYPE=cell:tel:+86-138-0000-1111",
    "BDAY:--0412", "GENDER:F", "LANG;PREF=1:zh", "ANNIVERSARY:20100601", "END:VCARD",
])

_MAC_NOTE = "喜欢周末拜访，" * 12
MAC_ADDRESS_BOOK = _crlf([
    "BEGIN:VCARD", "VERSION:3.0", "N:欧阳;娜娜;;;", "FN:欧阳娜娜", "ORG:恒达贸易;",
    "TEL;type=CELL;type=VOICE;type=pref:+86 186 1234 5678", "TEL;type=IPHONE;type=CELL;type=VOICE:188 1234 5678",
    "item1.EMAIL;type=INTERNET;type=pref:ouyang@hengda.cn", "item1.X-ABLabel:_$!<Work>!$_",
    "item2.ADR;type=HOME;type=pref:;;南山区科技园;深圳;广东;518057;中国",
    "NOTE:" + "\r\n ".join(_MAC_NOTE[i:i + 20] for i in range(0, len(_MAC_NOTE), 20)),
    "X-ABUID:5AD380FD-B2DE-4261-BA99-DE1D1DB52FBE\\:ABPerson", "BDAY;value=date:1992-02-29", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "N:;;;;", "FN:顺丰速运", "ORG:顺丰速运;", "X-ABShowAs:COMPANY",
    "TEL;type=WORK;type=VOICE;type=pref:95338", "X-ABUID:0C8E3A52-7D7E-4E0B-8E3C-1F0D0A7B9C11\\:ABPerson",
    "END:VCARD",
])

SAMPLES = {
    "iphone.vcf": IPHONE, "android.vcf": ANDROID, "blackberry.vcf": BLACKBERRY, "outlook2003.vcf": OUTLOOK_2003,
    "outlook2007.vcf": OUTLOOK_2007, "gmail.vcf": GMAIL, "lotus_notes.vcf": LOTUS_NOTES, "evolution.vcf": EVOLUTION,
    "vcard4.vcf": VCARD_4, "mac_address_book.vcf": MAC_ADDRESS_BOOK,
}

P, B = "person", "business"
EXPECTED = {
    "iphone.vcf": [("张三", P, "+8613800138000", "zhangsan@huaxin.cn", ["010-6509 1234", "zhang@@example"]),
                   ("Apple Store 三里屯", B, "+864006668800", "", ["apple.com/cn/retail"]),
                   ("Marc Tremblay", P, "+19055551234", "marc.tremblay@example.ca", [])],
    "android.vcf": [("王芳", P, "+8613900139000", "wangfang@163.com", ["021-5888 6666"]),
                    ("李娜", P, "+8613900139001", "", [_NOTE_LONG]),
                    ("Hans Müller", P, "+49 1234 56789", "", []),
                    ("13712345678", P, "+8613712345678", "", []),
                    ("何平", P, "+8615012345678", "", ["400 800 8888"])],
    "blackberry.vcf": [("Jing Chen", P, "+8618620001234", "jing.chen@example.com", ["(111) 555-4444"]),
                       ("赵磊", P, "+8615928001234", "", []),
                       ("Gang Wu", P, "+8613900000001", "", ["13900000002"])],
    "outlook2003.vcf": [("刘洋", P, "+8613612345678", "liuyang@pujiang-jx.cn", ["(021) 6888-1234", "(021) 6888-1235"]),
                        ("恒达贸易（深圳）有限公司", B, "+8675588886666", "info@hengda.cn", [])],
    "outlook2007.vcf": [("John Smith", P, "+14165550199", "john.smith@acme.example",
                         ["+1 (647) 555-0123", "jsmith@mail.example"]),
                        ("Anna Schmidt", P, "+442079460958", "anna.schmidt@example.de", ["Canton Fair\nSpring 2024"])],
    "gmail.vcf": [("周杰", P, "+8613512345678", "zhoujie@gmail.com",
                   ["010 6509 1235", "+852 2123 4567", "zhoujie@company.cn", "微信 zhoujie88"]),
                  ("newsletter@shop.example", P, "", "newsletter@shop.example", []),
                  ("马丽", P, "+8618612345678", "", [])],
    "lotus_notes.vcf": [("Sun Li", P, "+861065091234", "sunli@bjchy.edu.cn", ["Section Chief"]),
                        ("IBM China", B, "+861064568888", "", [])],
    "evolution.vcf": [("Lei Huang", P, "+8615812345678", "huang.lei@example.org",
                       ["0571-8888 1234", "Prefers calls after 18:00"])],
    "vcard4.vcf": [("深圳前海微众科技", B, "+8675588881234", "hr@wezhong.example", []),
                   ("孙悦", P, "+8613800001111", "", ["--0412"])],
    "mac_address_book.vcf": [("欧阳娜娜", P, "+8618612345678", "ouyang@hengda.cn", ["188 1234 5678", _MAC_NOTE]),
                             ("顺丰速运", B, "", "", ["95338"])],
}
"""Per file, per card: (name, kind, phone, e-mail, texts found in the notes)."""


def write_samples(folder: str | Path) -> dict[str, Path]:
    """Write every sample into *folder*; returns {file name: path}."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, text in SAMPLES.items():
        path = folder / name
        path.write_bytes(text.encode("utf-8"))
        out[name] = path
    return out
