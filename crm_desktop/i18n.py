"""Loading translations: our .qm files plus Qt's own for standard dialogs.

The UI language is the user's choice in settings, else the system locale:
Chinese locales get 简体中文, everything else English (the source language).
"""

from __future__ import annotations

from crm_desktop.paths import resource_path

LANGUAGES = ("zh_CN", "en")


def system_language() -> str:
    from PySide6.QtCore import QLocale

    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def resolve_language(choice: str | None) -> str:
    return choice if choice in LANGUAGES else system_language()


_installed: list = []


def install_translators(app, language: str) -> str:
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
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    return language


def translate_cli(context: str, text: str) -> str:
    """Translate one message for the command line (QtCore only, no window)."""
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance()
    if app is None:
        import os

        from crm_desktop.ui.settings import AppSettings

        lang = resolve_language(os.environ.get("CRM_LANGUAGE") or AppSettings().language)
        app = QCoreApplication([])
        install_translators(app, lang)
        translate_cli._app = app  # type: ignore[attr-defined]
    return QCoreApplication.translate(context, text)
