import pytest


def test_second_window_on_same_file_is_refused(tmp_path, qapp):
    """A second lock on the same database file is refused with a message."""
    from crm_desktop.db.lock import AlreadyOpenError, BookLock

    first = BookLock(tmp_path / "crm.sqlite")
    first.acquire()
    try:
        with pytest.raises(AlreadyOpenError) as err:
            BookLock(tmp_path / "crm.sqlite").acquire()
        assert "already open" in str(err.value)
    finally:
        first.release()


def test_language_resolution_prefers_the_setting():
    """An explicit choice wins; anything else falls back to the system's language."""
    from crm_desktop.ui.shell.i18n import resolve_language, system_language

    assert resolve_language("en") == "en"
    assert resolve_language("zh_CN") == "zh_CN"
    assert resolve_language("") == system_language()
