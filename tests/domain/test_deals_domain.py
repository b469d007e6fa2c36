"""The deal rules without Qt or a database: stages as a setting, the board's columns, how long a stage
usually takes, and when a deal has gone quiet."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from crm_desktop.domain import deals as d
from crm_desktop.domain.deals import DealRow, DealSettings, Stage, StageChange, UsualDays

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def _deal(stage: str, days_in_stage: float = 0, did: str = "d1", customer: str = "c1") -> DealRow:
    since = NOW - timedelta(days=days_in_stage)
    return DealRow(did, customer, "张伟", None, "年度采购", 0, "CNY", None, stage, "", "", "", since, since)


def test_default_stages_read_in_both_languages():
    """The default stages are named by the reader's language; a stage the team named shows as typed."""
    zh = {"Contact made": "初步接洽", "Won": "赢单"}
    assert [s.label() for s in d.DEFAULT_STAGES] == ["Contact made", "Needs confirmed", "Proposal/quote",
                                                     "Negotiation", "Won", "Lost"]
    assert d.DEFAULT_STAGES[0].label(lambda _ctx, text: zh.get(text, text)) == "初步接洽"
    assert Stage("s1", "试用").label(lambda _ctx, text: "x") == "试用"


def test_stages_from_a_setting_must_be_whole():
    """Stored stages are used only when they are a usable list: open ones first, then Won, then Lost."""
    good = d.stages_to_json(d.DEFAULT_STAGES)
    assert d.stages_from_json(good) == d.DEFAULT_STAGES
    assert d.stages_from_json("junk") is None
    assert d.stages_from_json([{"key": "a", "outcome": "open", "usual_days": "7"}]) is None
    assert d.stages_from_json(good[:-1]) is None  # no Lost stage
    assert d.stages_from_json([good[4], *good[:4], good[5]]) is None  # Won before the open stages
    assert d.stage_errors((Stage("a", "同名"), Stage("b", "同名"), *d.DEFAULT_STAGES[4:])) == [
        "Two stages have the same name."]


def test_board_columns_put_unknown_stages_first_and_leave_closed_deals_out():
    """Open deals by stage, oldest in stage first; a removed stage's deal goes to the first column."""
    rows = [_deal("proposal", 1, "new"), _deal("proposal", 9, "old"), _deal("gone", 2, "orphan"),
            _deal("won", 3, "won"), _deal("lost", 3, "lost")]
    cols = d.board_columns(rows, DealSettings())
    assert [r.id for r in cols["proposal"]] == ["old", "new"]
    assert [r.id for r in cols["contact"]] == ["orphan"]
    assert sum(len(c) for c in cols.values()) == 3


def test_next_open_stage():
    """Ctrl+→ moves a deal to the next open stage; none after Negotiation or for a closed deal."""
    st = DealSettings()
    assert st.next_open("contact").key == "needs"
    assert st.next_open("negotiation") is None and st.next_open("won") is None


def test_usual_days_is_the_median_of_closed_deals_once_there_are_enough():
    """Three stays of 2, 4 and 10 days in Proposal: usually 4 days (sample 3) with min_history 3; with too
    few examples the stage's setting stands."""
    changes = []
    for i, days in enumerate((2, 4, 10)):
        start = NOW - timedelta(days=30)
        changes += [StageChange(f"d{i}", start, "", None, "proposal"),
                    StageChange(f"d{i}", start + timedelta(days=days), "", "proposal", "won")]
    changes.append(StageChange("open", NOW - timedelta(days=50), "", None, "proposal"))  # not closed: no end
    durations = d.stage_durations(changes, {"d0": "won", "d1": "won", "d2": "won"})
    assert sorted(durations["proposal"]) == [2.0, 4.0, 10.0]
    assert d.usual_days(DealSettings(min_history=3), durations)["proposal"] == UsualDays(4.0, 3)
    assert d.usual_days(DealSettings(min_history=4), durations)["proposal"] == UsualDays(5.0, 0)
    quick = {"needs": [0.01, 0.02, 0.5]}  # clicked through in minutes: still a day
    assert d.usual_days(DealSettings(min_history=3), quick)["needs"] == UsualDays(1.0, 3)


def test_a_deal_goes_quiet_when_nobody_called_for_longer_than_usual():
    """In Proposal 12 days, usually 5: quiet since entering the stage; a contact 2 days ago makes it not quiet
    yet; a contact before it entered the stage does not count."""
    usual = {"proposal": UsualDays(5.0, 0)}
    deal = _deal("proposal", 12)
    quiet = d.quiet_deal(deal, None, usual, DealSettings(), NOW)
    assert quiet is not None and (quiet.days_in_stage, quiet.quiet_days) == (12, 12)
    assert d.quiet_deal(deal, NOW - timedelta(days=2), usual, DealSettings(), NOW) is None
    old_call = d.quiet_deal(deal, NOW - timedelta(days=20), usual, DealSettings(), NOW)
    assert old_call is not None and old_call.quiet_days == 12
    assert d.quiet_deal(_deal("won", 40), None, usual, DealSettings(), NOW) is None


def test_the_quiet_deal_reason_reads_in_both_languages_with_its_sample():
    """The reason names the stage (the team's name, or the default in the reader's language), the days and
    the usual time; its tooltip gives the sample the usual time was learned from."""
    from crm_desktop.domain.calllist import QUIET_DEAL, Reason, reason_tooltip, render_reason

    zh = {"Proposal/quote": "方案报价",
          "in {stage} for {days} days; deals usually move on within {usual} days":
              "{stage}已{days}天，此阶段通常{usual}天内推进",
          "Deal “{title}”: the usual time is the median of the team's {n} closed deals that went through this "
          "stage.": "商机“{title}”：通常天数取团队{n}个经过此阶段的已结束商机的中位数。"}
    reason = Reason(QUIET_DEAL, {"title": "年度采购", "stage": "proposal", "stage_name": "", "days": 12,
                                 "usual": 5.0, "sample": 8, "min_history": 5})
    assert render_reason(reason) == "in Proposal/quote for 12 days; deals usually move on within 5 days"
    assert render_reason(reason, lambda _c, t: zh.get(t, t)) == "方案报价已12天，此阶段通常5天内推进"
    assert reason_tooltip(reason, lambda _c, t: zh.get(t, t)) == \
        "商机“年度采购”：通常天数取团队8个经过此阶段的已结束商机的中位数。"
    named = Reason(QUIET_DEAL, {**reason.params, "stage_name": "试用", "usual": 3.5})
    assert render_reason(named) == "in 试用 for 12 days; deals usually move on within 3.5 days"


def test_win_rates_are_learned_per_stage_once_enough_closed_deals_went_through():
    """Four closed deals went through Proposal, three won: 75 % (sample 4) with min_history 4; Negotiation saw
    only two, so its setting (70 %) stands, saying two so far; an open deal teaches nothing."""
    changes, closed = [], {}
    for i, (path, end) in enumerate(((("contact", "proposal"), "won"), (("proposal", "negotiation"), "won"),
                                     (("proposal", "negotiation"), "won"), (("proposal",), "lost"))):
        at = NOW - timedelta(days=40)
        before = None
        for k, stage in enumerate(path):
            changes.append(StageChange(f"d{i}", at + timedelta(days=k), "", before, stage))
            before = stage
        changes.append(StageChange(f"d{i}", at + timedelta(days=9), "", before, end))
        closed[f"d{i}"] = end
    changes.append(StageChange("open", NOW, "", None, "proposal"))
    st = DealSettings(min_history=4)
    rates = d.win_rates(st, d.stage_outcomes(st, changes, closed))
    assert rates["proposal"] == d.WinRate(75.0, 4, True)
    assert rates["negotiation"] == d.WinRate(70.0, 2, False)
    assert rates["needs"] == d.WinRate(25.0, 0, False)


def test_the_weighted_pipeline_sums_each_currency_by_its_stages_rate():
    """¥10,000 in Proposal at 50 % and ¥20,000 in Negotiation at 70 %: ¥30,000, weighted ¥19,000; a stage
    without a rate counts at 0 %; US dollars are summed apart."""
    rows = [_deal("proposal", did="a"), _deal("negotiation", did="b"), _deal("gone", did="c")]
    rows[0].amount_minor, rows[1].amount_minor, rows[2].amount_minor = 1_000_000, 2_000_000, 500_000
    usd = _deal("proposal", did="u")
    usd.amount_minor, usd.currency = 10_000, "USD"
    rates = {"proposal": d.WinRate(50.0, 0, False), "negotiation": d.WinRate(70.0, 0, False)}
    assert d.pipeline([*rows, usd], rates) == [d.Pipeline("CNY", 3, 3_500_000, 1_900_000),
                                               d.Pipeline("USD", 1, 10_000, 5_000)]


def test_old_stage_settings_without_a_win_percent_get_the_default():
    """Stages stored before the chance of winning was a setting read with the defaults (custom stages 20 %)."""
    old = [{k: v for k, v in item.items() if k != "win_percent"} for item in d.stages_to_json(d.DEFAULT_STAGES)]
    old.insert(0, {"key": "s1", "name": "试用", "outcome": "open", "usual_days": 3})
    stages = d.stages_from_json(old)
    assert stages is not None and [s.win_percent for s in stages] == [20, 10, 25, 50, 70, 100, 0]
