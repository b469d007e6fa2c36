"""A backup's copy of the dashboard's cached figures (derived data) is never taken in, never refused, never listed."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from hostile import PASS, image_of, mutate, service, write_backup

from crm_desktop.db.intake import head_schema
from crm_desktop.domain.models import CustomerInput

FORGED = ("INSERT INTO insight_figures (day, fingerprint, built_at, payload) "
          "VALUES ('2999-01-01', 'x', '2026-11-23 09:30:00.000000', '{\"version\": 1, \"customers\": 666}')")


def _rows(path) -> list:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT day, payload FROM insight_figures").fetchall()
    finally:
        conn.close()


def test_restore_starts_with_no_cached_figures_whatever_the_file_held(ctx, customers, tmp_path):
    """Forged cached figures in a backup do not reach the restored book (they are recomputed there)."""
    customers.create(CustomerInput(name="张伟", phone="13800138000"))
    bad = write_backup(tmp_path / "b.crmbak", mutate(image_of(ctx), FORGED), ctx.now())
    service(ctx).restore(bad, PASS)
    assert _rows(ctx.db.path) == []


def test_a_changed_or_missing_figures_table_neither_refuses_the_file_nor_shows_in_the_preview(ctx, customers, clock,
                                                                                              tmp_path):
    """The derived table altered, replaced or dropped: restore and merge go on and say nothing about it."""
    customers.create(CustomerInput(name="张伟", phone="13800138000"))
    for sql in (("ALTER TABLE insight_figures ADD COLUMN spy TEXT", "CREATE INDEX ix_spy ON insight_figures (spy)"),
                ("DROP TABLE insight_figures", "CREATE TABLE insight_figures (x)"),
                ("DROP TABLE insight_figures",)):
        clock.value += timedelta(minutes=1)  # one undo copy per restore
        image = mutate(image_of(ctx), *sql)
        preview = service(ctx).merge_preview(write_backup(tmp_path / "m.crmbak", image, ctx.now()), PASS)
        assert not any("insight" in name for _kind, name in preview.ignored)
        service(ctx).restore(write_backup(tmp_path / "r.crmbak", image, ctx.now()), PASS)
        conn = sqlite3.connect(ctx.db.path)
        try:
            assert sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")) == head_schema()
        finally:
            conn.close()


def test_restore_and_merge_take_no_kept_scores_from_the_file(ctx, customers, tmp_path):
    """Kept scores in a backup (derived data, perhaps forged) reach the book neither by restore nor by merge."""
    customers.create(CustomerInput(name="张伟", phone="13800138000"))
    forged = ("INSERT INTO score_cache (day, fingerprint, built_at, payload) "
              "VALUES ('2999-01-01', 'x', '2026-11-23 09:30:00.000000', x'00')")
    bad = write_backup(tmp_path / "s.crmbak", mutate(image_of(ctx), forged), ctx.now())
    preview = service(ctx).merge_preview(bad, PASS)
    assert not any("score" in name for _kind, name in preview.ignored)
    service(ctx).merge_apply(preview)
    service(ctx).restore(bad, PASS)
    conn = sqlite3.connect(ctx.db.path)
    try:
        assert conn.execute("SELECT count(*) FROM score_cache WHERE day = '2999-01-01'").fetchone() == (0,)
    finally:
        conn.close()
