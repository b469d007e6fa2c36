"""vCards as iPhone, Android, BlackBerry, Outlook, Gmail, Lotus Notes, Evolution and Mac export them: all kept."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from crm_desktop.domain.models import CustomerQuery
from crm_desktop.exchange.vcard import parse_vcards
from crm_desktop.services.imports import import_file

_spec = importlib.util.spec_from_file_location("vcard_samples", Path(__file__).with_name("vcard_samples.py"))
samples = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(samples)


@pytest.mark.parametrize("name", sorted(samples.SAMPLES))
def test_every_card_of_every_program_is_imported_with_all_its_details(name, tmp_path, ctx, customers):
    """No card is rejected: names (QP in UTF-8 or GBK) decoded, ORG-only cards are businesses, every phone
    and e-mail is on the customer or in its notes."""
    path = samples.write_samples(tmp_path)[name]
    plan, result = import_file(ctx, path, invalidate=customers.invalidate)
    assert [i.text() for i in plan.issues if i.blocking] == []
    expected = samples.EXPECTED[name]
    assert result.added == len(expected)
    found = {d.name: d for d in (customers.get(i) for i in customers.search(CustomerQuery()))}
    assert set(found) == {e[0] for e in expected}
    for cname, kind, phone, email, in_notes in expected:
        d = found[cname]
        assert (str(d.kind), d.phone, d.email) == (kind, phone, email), cname
        for text in in_notes:
            assert text in d.notes, (cname, text, d.notes)


def test_odd_numbers_are_read_abroad_or_kept_as_typed_and_counted(tmp_path, ctx, customers):
    """905-555-1234 on a card in Canada is +1; +49 1234 56789 is kept as typed; the summary counts both."""
    paths = samples.write_samples(tmp_path)
    plan, _ = import_file(ctx, paths["iphone.vcf"])
    assert plan.kept["phone_abroad"] == 1
    assert any(i.code == "phone_abroad" and "CA" in i.text() for i in plan.issues)
    plan, _ = import_file(ctx, paths["android.vcf"])
    typed = [i for i in plan.issues if i.code == "phone_as_typed"]
    assert [i.params["value"] for i in typed] == ["+49 1234 56789"] and not typed[0].blocking
    assert plan.kept["phone_as_typed"] == 1
    assert any(line.startswith("Phones kept as typed") and line.endswith(": 1") for line in plan.summary())
    plan, _ = import_file(ctx, paths["mac_address_book.vcf"])
    assert plan.kept["in_notes"] >= 2 and any("95338" in i.text() for i in plan.issues)


def test_an_odd_line_is_reported_and_the_card_still_read():
    """Lotus Notes' line without a colon is one remark; the card around it keeps every other field."""
    cards, problems = parse_vcards(samples.LOTUS_NOTES)
    assert len(cards) == 2 and len(problems) == 1 and "could not be read" in problems[0].text()
    assert cards[0].first("EMAIL") == "sunli@bjchy.edu.cn"


def test_gbk_quoted_printable_name_and_unknown_charset():
    """CHARSET=GBK names decode as GB18030; an unknown CHARSET falls back to whichever decodes cleanly."""
    (card,), _ = parse_vcards(samples.BLACKBERRY.split("END:VCARD\r\n")[1] + "END:VCARD\r\n")
    assert card.first("FN") == "赵磊"
    text = (f"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=X-WEIRD;ENCODING=QUOTED-PRINTABLE:{samples.qp('张伟')}\r\n"
            "END:VCARD\r\n")
    (card,), problems = parse_vcards(text)
    assert card.first("FN") == "张伟" and not problems
