"""Texts of Qt's own dialogs that Qt's Chinese catalogue leaves in English.

Qt's translator is installed after ours, so it is asked first; where it has
no translation (its qtbase_zh_CN lacks a few QFileDialog labels) Qt falls back
to ours.  Listing the texts here puts them in our .ts file.
"""

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP

QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)
