"""Quotes as pure rules: the amount in upper-case words, totals with tax per line, versions, and lines read
back from hostile JSON."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crm_desktop.domain.quotes import QuoteLine, lines_from_json, lines_to_json, next_version, quote_totals, rmb_upper


@pytest.mark.parametrize(("minor", "words"), [
    (5, "伍分"),
    (50, "伍角"),
    (10000, "壹佰元整"),
    (100530, "壹仟零伍元叁角"),
    (1_000_000_000, "壹仟万元整"),
    (0, "零元整"),
    (105, "壹元零伍分"),
    (1000, "壹拾元整"),
    (123_456_789, "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"),
    (1_230_000, "壹万贰仟叁佰元整"),
    (1_000_500, "壹万零伍元整"),
    (10_000_000_500, "壹亿零伍元整"),
    (10_010_000_000, "壹亿零壹拾万元整"),
    (30_000_000_000_000, "叁仟亿元整"),
    (1_010_100, "壹万零壹佰零壹元整"),
    (1_230_000, "壹万贰仟叁佰元整"),
])
def test_rmb_upper_writes_amounts_as_on_a_chinese_invoice(minor, words):
    """The 大写金额 of fen amounts: zeros collapse to one 零, 整 only without jiao or fen."""
    assert rmb_upper(minor) == words


def test_rmb_upper_refuses_negative_amounts():
    """A negative amount has no upper-case words on a quote."""
    with pytest.raises(ValueError):
        rmb_upper(-1)


@given(st.integers(min_value=0, max_value=10**18))
def test_rmb_upper_never_doubles_a_zero_nor_ends_on_one(minor):
    """Any amount: no 零零, never 零 before 元/万/亿 or at the end."""
    words = rmb_upper(minor)
    assert "零零" not in words and "零元" not in words[1:] and "零万" not in words and "零亿" not in words
    assert not words.endswith("零")


def test_totals_tax_each_line_and_round_half_up():
    """2 chairs at 1,280.00 less 10 % at 13 % and 3 boxes at 199.50 at 6 %: net 2,902.50, tax 335.43 (299.52 +
    35.91, each rounded), gross 3,237.93."""
    lines = (QuoteLine("p1", "A-01", "办公椅", "把", 2000, 128000, 1000, 1300),
             QuoteLine("p2", "B-02", "打印纸", "箱", 3000, 19950, 0, 600))
    totals = quote_totals(lines)
    assert lines[0].net_minor == 230400 and lines[0].tax_minor == 29952
    assert lines[1].net_minor == 59850 and lines[1].tax_minor == 3591
    assert (totals.net_minor, totals.tax_minor, totals.gross_minor) == (290250, 33543, 323793)


def test_a_new_quote_is_one_more_than_the_highest_version():
    """v1 first; after v1 and v3 (a teammate's v2 deleted) comes v4."""
    assert next_version([]) == 1 and next_version([1, 3]) == 4


def test_lines_go_through_json_unchanged():
    """What is written is what is read."""
    lines = (QuoteLine("p1", "A-01", "办公椅 \"Pro\"", "把", 2500, 128000, 1000, 1300),)
    assert lines_from_json(lines_to_json(lines)) == lines


@pytest.mark.parametrize("raw", ["", "not json", "{}", "[1, null, \"x\"]", "[" * 5000 + "]" * 5000,
                                 '[{"quantity_milli": 0, "unit_price_minor": 1}]',
                                 '[{"quantity_milli": 1000, "unit_price_minor": -1}]',
                                 '[{"quantity_milli": 1000, "unit_price_minor": 1, "tax_bp": 10001}]',
                                 '[{"quantity_milli": true, "unit_price_minor": 1}]',
                                 '[{"quantity_milli": 1000, "unit_price_minor": 1, "name": 5}]'])
def test_hostile_lines_are_left_out(raw):
    """Damaged or foreign text gives no lines, never an error."""
    assert lines_from_json(raw) == ()


def test_a_good_line_beside_bad_ones_is_kept():
    """Only the bad lines are dropped."""
    raw = '[{"quantity_milli": 1000, "unit_price_minor": 500, "name": "纸"}, {"quantity_milli": -5}]'
    assert [line.name for line in lines_from_json(raw)] == ["纸"]
