"""Random, hostile text never makes the readers or the import check raise anything but one sentence."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from crm_desktop.domain.errors import UserError
from crm_desktop.exchange.tabular import read_csv_text
from crm_desktop.exchange.vcard import parse_vcards
from crm_desktop.services.imports import CustomerImporter, auto_mapping

_PIECES = st.sampled_from([
    "BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "FN:张伟", "N:;;;;", "ORG:华信", "TEL;CELL:13800138000",
    "TEL:+49 1234 56789", "EMAIL:a@b", "NOTE;ENCODING=QUOTED-PRINTABLE:=E5=BC=", "=", " folded", "\t", ":",
    ";", '"', "PHOTO;ENCODING=b:AAAA", "N;CHARSET=X;ENCODING=QUOTED-PRINTABLE:=ZZ", "\\", "\r\n", "\n", "\r",
    "X-ABShowAs:COMPANY", "KIND:org", "BDAY:--0412", "item1.TEL;type=pref:(111) 555-4444", "\x00", "\ufeff",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=60))
def test_vcard_parser_never_raises(pieces):
    """Any mix of vCard fragments parses into cards and remarks, never an exception."""
    cards, problems = parse_vcards("\r\n".join(pieces))
    assert all(c.line >= 1 for c in cards) and all(p.row >= 1 for p in problems)


_CSV = st.lists(st.sampled_from(list('ab张,;"\n\r\t 1+@.-') + ["13800138000", "客户名称", "联系人", "手机", "'="]),
                max_size=120).map("".join)


def test_csv_reader_and_import_check_never_raise_a_traceback(tmp_path):
    """Random CSV text either reads into a table whose check gives issues, or is refused in one sentence."""
    from crm_desktop.db.database import open_database
    from crm_desktop.services.context import ServiceContext

    db = open_database(tmp_path / "b.sqlite")
    importer = CustomerImporter(ServiceContext(db, user="测试"))

    @settings(max_examples=150, deadline=None)
    @given(text=_CSV)
    def check(text):
        try:
            table = read_csv_text(text)
        except UserError:
            return
        if not table.headers:
            return
        try:
            plan = importer.prepare(table, auto_mapping(table.headers))
        except UserError:
            return
        assert plan.total == len(table.rows)

    try:
        check()
    finally:
        db.close()
