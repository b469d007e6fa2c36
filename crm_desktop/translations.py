"""Our translations for the command line, without Qt: the .qm file read as it is, the language as Qt picks it.

A command prints a few dozen texts; loading Qt for them cost a fifth of a second.  :class:`QmCatalog` reads
the same ``.qm`` file the window's ``QTranslator`` loads (``pyside6-lrelease`` writes every message with its
context, source text and comment) and answers alike: the first translation of the message with that context,
source text and an empty comment, else nothing.  :func:`system_language` and :func:`settings_language` give
what :func:`crm_desktop.ui.shell.i18n.resolve_language` gives with Qt, where that can be read without it
(Linux and the other Unixes: the environment, as Qt reads it; Windows: the user's locale); elsewhere they
answer None and the caller asks Qt.
"""

from __future__ import annotations

import configparser
import os
import struct
import sys
from pathlib import Path

QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")

_MESSAGES = 0x69  # the sections of a .qm file: tag byte, big-endian length, body
_END, _TRANSLATION, _OBSOLETE1, _SOURCE, _CONTEXT, _COMMENT = 1, 3, 5, 6, 7, 8


class QmCatalog:
    """The messages of one ``.qm`` file: ``translate(context, text)`` → the translation, or "" (none)."""

    def __init__(self, messages: dict[tuple[str, str, str], str]) -> None:
        self._messages = messages

    @classmethod
    def load(cls, path: Path) -> QmCatalog:
        """The catalog in the file at *path*; an empty one when it is missing or not a whole .qm file."""
        try:
            data = path.read_bytes()
        except OSError:
            return cls({})
        return cls(read_qm(data))

    def translate(self, context: str, text: str) -> str:
        return self._messages.get((context, text, ""), "")

    def __len__(self) -> int:
        return len(self._messages)


def read_qm(data: bytes) -> dict[tuple[str, str, str], str]:
    """(context, source text, comment) → first translation, for every message of the .qm file *data* that has
    them; {} for anything that is not a .qm file (a damaged one gives the messages before the damage)."""
    out: dict[tuple[str, str, str], str] = {}
    if not data.startswith(QM_MAGIC):
        return out
    pos, end = len(QM_MAGIC), len(data)
    while pos + 5 <= end:
        tag, length = data[pos], struct.unpack_from(">I", data, pos + 1)[0]
        pos += 5
        if tag == _MESSAGES:
            _read_messages(memoryview(data)[pos:pos + length], out)
        pos += length
    return out


def _read_messages(block: memoryview, out: dict[tuple[str, str, str], str]) -> None:
    pos, end = 0, len(block)
    translations: list[str] = []
    source = context = comment = None
    try:
        while pos < end:
            tag = block[pos]
            pos += 1
            if tag == _END:
                if source is not None and context is not None and translations:
                    out.setdefault((context, source, comment or ""), translations[0])
                translations, source, context, comment = [], None, None, None
                continue
            if tag == _OBSOLETE1:
                pos += 4
                continue
            if tag not in (_TRANSLATION, _SOURCE, _CONTEXT, _COMMENT):
                return  # a tag this reader does not know: what follows cannot be read safely
            (length,) = struct.unpack_from(">I", block, pos)
            pos += 4
            if length == 0xFFFFFFFF:  # a null string
                value = ""
            else:
                raw = bytes(block[pos:pos + length])
                pos += length
                value = raw.decode("utf-16-be") if tag == _TRANSLATION else raw.decode("utf-8")
            if tag == _TRANSLATION:
                translations.append(value)
            elif tag == _SOURCE:
                source = value
            elif tag == _CONTEXT:
                context = value
            else:
                comment = value
    except (struct.error, UnicodeDecodeError):
        return


# --- which language ------------------------------------------------------------------------------------------------

def settings_language(path: Path) -> str:
    """The ``language`` the window's settings file (QSettings' INI format) holds; "" when none or unreadable."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # QSettings' keys keep their case
    try:
        parser.read(path, encoding="utf-8")
        value = parser.get("General", "language", fallback="")
    except (configparser.Error, OSError, UnicodeDecodeError):
        return ""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    return value


def system_language(environ: dict[str, str] | None = None, platform: str | None = None) -> str | None:
    """"zh_CN" for a Chinese system locale, "en" for any other; None where only Qt can tell (macOS)."""
    platform = sys.platform if platform is None else platform
    if platform == "win32":
        return _windows_language()
    if platform == "darwin":
        return None
    env = os.environ if environ is None else environ
    # as Qt reads a Unix locale: LC_ALL, else LC_MESSAGES, else LANG; "C" and "POSIX" are no language;
    # LANGUAGE's first entry wins over a real one
    name = env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or ""
    if name in ("", "C", "POSIX"):
        return "en"
    first = (env.get("LANGUAGE") or "").split(":")[0]
    if first:
        name = first
    code = name.replace("-", "_").replace(".", "_").replace("@", "_").split("_")[0].lower()
    return "zh_CN" if code == "zh" else "en"


def _windows_language() -> str | None:
    try:
        import ctypes

        lcid = ctypes.windll.kernel32.GetUserDefaultLCID()  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return None
    return "zh_CN" if lcid & 0x3FF == 0x04 else "en"  # LANG_CHINESE, the primary language of any Chinese locale
