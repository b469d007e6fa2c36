"""The app's schema image (what every checked copy is made from), kept in the cache folder."""

from __future__ import annotations

import pytest

from crm_desktop import paths
from crm_desktop.db.intake import schema as image_module
from crm_desktop.db.intake.schema import HEAD_REVISION, app_schema, schema_image


@pytest.fixture
def fresh(monkeypatch):
    """No image made yet in this process."""
    monkeypatch.setattr(image_module, "_templates", {})


def _schema(image: bytes):
    import sqlite3

    conn = sqlite3.connect(":memory:")
    conn.deserialize(image)
    try:
        return app_schema(conn), conn.execute("PRAGMA user_version").fetchone()
    finally:
        conn.close()


def test_the_kept_image_is_the_one_the_migrations_make_and_is_read_back(fresh, monkeypatch):
    made = schema_image()
    kept = list(paths.cache_dir().glob(f"schema-{HEAD_REVISION}-*.sqlite"))
    assert len(kept) == 1 and kept[0].read_bytes() == made
    assert _schema(made) == _schema(image_module._build_template(HEAD_REVISION))

    monkeypatch.setattr(image_module, "_templates", {})
    monkeypatch.setattr(image_module, "_build_template", lambda revision: pytest.fail("made again"))
    assert schema_image() == made


@pytest.mark.parametrize("damage", [b"", b"not a database", b"SQLite format 3\0" + b"\xff" * 5000])
def test_a_damaged_kept_image_is_made_again(fresh, monkeypatch, damage):
    made = schema_image()
    (kept,) = paths.cache_dir().glob("schema-*.sqlite")
    kept.write_bytes(damage)
    monkeypatch.setattr(image_module, "_templates", {})
    assert schema_image() == made
    assert kept.read_bytes() == made


def test_an_image_of_another_revision_in_the_cache_is_not_taken(fresh, monkeypatch):
    made = schema_image()
    (kept,) = paths.cache_dir().glob("schema-*.sqlite")
    kept.write_bytes(image_module._build_template("0001"))
    monkeypatch.setattr(image_module, "_templates", {})
    assert schema_image() == made


def test_a_cache_folder_that_cannot_be_written_only_keeps_nothing(fresh, monkeypatch, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would be")
    monkeypatch.setattr(paths, "cache_dir", lambda: blocked / "cache")
    made = schema_image()
    assert _schema(made) == _schema(image_module._build_template(HEAD_REVISION))
