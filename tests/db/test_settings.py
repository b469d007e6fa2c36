"""Team settings: one codec for the call list's and the complaints' settings."""

from crm_desktop.db.models import Setting
from crm_desktop.db.settings import read_settings, write_setting
from crm_desktop.db.sync import set_deleted, stable_id


def test_a_setting_round_trips_in_one_row_with_a_key_derived_id(db, ctx):
    """A value comes back decoded; rewriting it changes the row in place; an unchanged value spends no stamp."""
    with db.writing() as tx:
        assert write_setting(tx, "calllist.top_n", 7, ctx.stamp())
        assert write_setting(tx, "calllist.top_n", 8, ctx.stamp())
        assert not write_setting(tx, "calllist.top_n", 8, ctx.stamp())
        assert write_setting(tx, "complaints.categories", ["包装", "物流"], ctx.stamp())
    with db.reading() as tx:
        assert read_settings(tx, "calllist.") == {"top_n": 8}
        assert read_settings(tx, "complaints.") == {"categories": ["包装", "物流"]}
    with db.bulk() as tx:
        rows = tx.execute("SELECT id, key, value FROM setting ORDER BY key").fetchall()
    assert rows == [(stable_id("setting", "calllist.top_n"), "calllist.top_n", "8"),
                    (stable_id("setting", "complaints.categories"), "complaints.categories", '["包装", "物流"]')]


def test_a_prefix_matches_exactly_and_unreadable_values_are_left_out(db, ctx):
    """"calllist." does not read "calllistX" (no LIKE patterns); a value that is not JSON is left out."""
    with db.writing() as tx:
        write_setting(tx, "calllist.w_growth", 20.5, ctx.stamp())
        write_setting(tx, "calllistXtop_n", 3, ctx.stamp())
        write_setting(tx, "calllist.rest_days", 1, ctx.stamp())
    with db.bulk() as tx:
        tx.execute("UPDATE setting SET value = '{broken' WHERE key = 'calllist.rest_days'")
    with db.reading() as tx:
        assert read_settings(tx, "calllist.") == {"w_growth": 20.5}
        assert read_settings(tx, "calllist_") == {}


def test_a_deleted_setting_is_not_read_and_comes_back_when_written(db, ctx):
    """A tombstoned setting reads as absent (its default applies); writing it again brings the row back."""
    with db.writing() as tx:
        write_setting(tx, "complaints.followup_days", 5, ctx.stamp())
        set_deleted(tx, Setting, stable_id("setting", "complaints.followup_days"), True, ctx.stamp())
    with db.reading() as tx:
        assert read_settings(tx, "complaints.") == {}
    with db.writing() as tx:
        assert write_setting(tx, "complaints.followup_days", 5, ctx.stamp())
    with db.reading() as tx:
        assert read_settings(tx, "complaints.") == {"followup_days": 5}
