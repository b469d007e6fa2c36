"""The demo book a first start makes reads in the window's language."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crm_desktop.db.database import peek_meta

NOW = datetime(2026, 11, 23, tzinfo=UTC)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_first_start_demo_follows_the_ui_language(qapp, tmp_path, monkeypatch, language):
    """Under 简体中文 the demo is Chinese, under English it is English."""
    from crm_desktop.ui.shell import books
    from crm_desktop.ui.shell.i18n import install_translators

    monkeypatch.setattr(books, "DEMO_CUSTOMERS", 20)
    install_translators(qapp, language)
    try:
        path = tmp_path / "demo.sqlite"
        assert books.make_demo_book(path, lambda: NOW)
    finally:
        install_translators(qapp, "en")
    assert peek_meta(path, "demo_language") == language
