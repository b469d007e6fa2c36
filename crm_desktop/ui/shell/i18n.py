"""Loading translations: our .qm files plus Qt's own for standard dialogs.

English texts are the sources; English still gets a small translator of its own, with the plural
forms of the ``%n`` messages (``crm_desktop_en.qm``).

The UI language is the user's choice in settings, else the system locale:
Chinese locales get 简体中文, everything else English (the source language).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from crm_desktop.paths import resource_path, settings_path

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from crm_desktop.translations import QmCatalog

LANGUAGES = ("zh_CN", "en")


def system_language() -> str:
    from PySide6.QtCore import QLocale

    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def resolve_language(choice: str | None) -> str:
    return choice if choice in LANGUAGES else system_language()


_installed: list[QTranslator] = []


def install_translators(app: QCoreApplication, language: str) -> str:
    """Install the translators for *language* on *app* (replacing earlier ones); returns it."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if language == "zh_CN":
        ours = QTranslator(app)
        if ours.load(str(resource_path("translations", "crm_desktop_zh_CN.qm"))):
            app.installTranslator(ours)
            _installed.append(ours)
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    else:
        # English is the source language; its file holds only the plural forms ("1 customer", "2 customers")
        plurals = QTranslator(app)
        if plurals.load(str(resource_path("translations", "crm_desktop_en.qm"))):
            app.installTranslator(plurals)
            _installed.append(plurals)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    return language


_cli_translator: QmCatalog | None = None
_cli_language: str | None = None


def set_cli_language(language: str | None) -> None:
    """Use *language* for the command line's texts from now on (``--language``), whatever the settings say."""
    global _cli_translator, _cli_language
    _cli_language = language if language in LANGUAGES else None
    _cli_translator = None


def cli_language() -> str:
    """The command line's language: ``--language``, else ``CRM_LANGUAGE``, else the window's setting, else the
    system's — read without Qt where the platform allows (:mod:`crm_desktop.translations`)."""
    import os

    from crm_desktop import translations

    choice = _cli_language or os.environ.get("CRM_LANGUAGE") or translations.settings_language(settings_path())
    if choice in LANGUAGES:
        return choice
    return translations.system_language() or system_language()


def translate_cli(context: str, text: str) -> str:
    """Translate one message for the command line.

    Reads our .qm file itself (:class:`crm_desktop.translations.QmCatalog`, the same answers as a
    QTranslator): a command needs no Qt for its texts.  When a window runs in the same process (Qt loaded and a
    QCoreApplication made), its translators answer instead.
    """
    global _cli_translator
    qt = sys.modules.get("PySide6.QtCore")
    if qt is not None and qt.QCoreApplication.instance() is not None:
        return str(qt.QCoreApplication.translate(context, text))
    if _cli_translator is None:
        from crm_desktop.translations import QmCatalog

        _cli_translator = (QmCatalog.load(resource_path("translations", "crm_desktop_zh_CN.qm"))
                           if cli_language() == "zh_CN" else QmCatalog({}))
    return _cli_translator.translate(context, text) or text
