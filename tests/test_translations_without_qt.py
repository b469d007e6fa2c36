"""The command line's translations without Qt (crm_desktop.translations): the same answers Qt gives."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crm_desktop.paths import resource_path
from crm_desktop.translations import QM_MAGIC, QmCatalog, read_qm, settings_language, system_language

QM_FILES = sorted(resource_path("translations").glob("*.qm"))


@pytest.mark.parametrize("qm", QM_FILES, ids=lambda p: p.name)
def test_every_message_reads_as_qtranslator_reads_it(qm):
    """Each message of our .qm files translates exactly as QTranslator translates it, and none is left out."""
    import xml.etree.ElementTree as ET

    from PySide6.QtCore import QTranslator

    qt = QTranslator()
    assert qt.load(str(qm))
    ours = QmCatalog.load(qm)
    root = ET.parse(qm.with_suffix(".ts")).getroot()
    asked = 0
    for ctx in root.iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            if msg.find("comment") is not None:
                continue
            source = msg.findtext("source")
            assert ours.translate(name, source) == qt.translate(name, source), (name, source)
            asked += 1
    assert asked > 50 and len(ours) >= asked - 5


def test_a_chinese_message_comes_out_chinese():
    """The call list's empty message reads in Chinese from the zh_CN file."""
    ours = QmCatalog.load(resource_path("translations", "crm_desktop_zh_CN.qm"))
    assert ours.translate("calllist", "Nobody to call today.") not in ("", "Nobody to call today.")
    assert ours.translate("calllist", "no such message") == ""


@pytest.mark.parametrize("data", [b"", b"not a qm file", QM_MAGIC + b"\x69\x00\x00\x00\x10\x03\xff",
                                  QM_MAGIC + b"\x69\xff\xff\xff\xff\x07\x00\x00\x00\x02ab\x42"])
def test_a_damaged_file_gives_no_messages_and_no_error(data):
    """A truncated or foreign file reads as no messages (the texts stay English), never an exception."""
    assert read_qm(data) == {}


def test_a_missing_file_is_an_empty_catalog(tmp_path):
    """No .qm file: an empty catalog."""
    assert len(QmCatalog.load(tmp_path / "none.qm")) == 0


def test_the_settings_language_is_read_as_qsettings_writes_it(tmp_path):
    """The language QSettings stored in the window's settings.ini comes back; a missing or broken file is ""."""
    from PySide6.QtCore import QSettings

    path = tmp_path / "settings.ini"
    s = QSettings(str(path), QSettings.Format.IniFormat)
    s.setValue("language", "zh_CN")
    s.setValue("user_name", "王小明")
    s.setValue("dialogs/customer", "x")
    s.sync()
    assert settings_language(path) == "zh_CN"
    assert settings_language(tmp_path / "missing.ini") == ""
    path.write_bytes(b"\xff\xfe[General\nlanguage")
    assert settings_language(path) == ""


ENVIRONMENTS = [
    {"LANG": "zh_CN.UTF-8"}, {"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"},
    {"LANG": "en_US.UTF-8", "LC_NUMERIC": "zh_CN.UTF-8"}, {"LANG": "zh_CN.UTF-8", "LC_ALL": "C"},
    {"LANG": "en_US", "LANGUAGE": "zh_CN:en"}, {"LANG": "C", "LANGUAGE": "zh_CN"}, {"LC_ALL": "zh_TW.UTF-8"},
    {"LANG": "zh"}, {"LANG": "zh_CN", "LC_MESSAGES": "en_US"}, {}, {"LANG": "POSIX"}, {"LANG": "de_DE@euro"},
]


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the Unix environment's rules")
@pytest.mark.parametrize("env", ENVIRONMENTS, ids=lambda e: ",".join(f"{k}={v}" for k, v in e.items()) or "none")
def test_the_system_language_is_the_one_qt_sees(env):
    """Without Qt, the system language is what QLocale.system() says for the same environment."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")}
    done = subprocess.run([sys.executable, "-c", "from crm_desktop.ui.shell.i18n import system_language; "
                           "print(system_language())"], env={**base, **env}, capture_output=True, text=True,
                          timeout=60, cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 0, done.stderr
    assert system_language(env, "linux") == done.stdout.strip()


def test_macos_asks_qt():
    """On macOS the locale is not in the environment: None, so the caller asks Qt."""
    assert system_language({"LANG": "zh_CN.UTF-8"}, "darwin") is None
