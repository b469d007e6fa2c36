"""Settings ▸ Company details…: the name, address, phone, tax id and bank printed on quotes, and the seal
image drawn at the bottom right of a quote (only when one is set).  A chosen image is checked before it is
kept: a file that is not a PNG, larger than a megabyte, that does not decode or is of absurd size gets one
sentence and is not taken."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError
from crm_desktop.domain.quotes import CompanyDetails
from crm_desktop.services.company import MAX_SEAL_BYTES, SEAL_TOO_LARGE, BadSeal, check_seal
from crm_desktop.ui.shell.files import choose_open
from crm_desktop.ui.shell.labels import error_text
from crm_desktop.ui.shell.saving import Job, SavingDialog

MAX_SEAL_SIDE = 4000
"""Pixels a seal image may have on a side (a real seal is a few hundred)."""


def read_seal(path: str | Path) -> bytes:
    """The PNG at *path* as a seal, or :class:`UserError` with the one sentence that says why not."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_SEAL_BYTES:
            raise BadSeal(SEAL_TOO_LARGE)
        data = p.read_bytes()
    except OSError as exc:
        raise UserError(QT_TRANSLATE_NOOP("errors", "Cannot read “{path}”: {detail}"), path=str(p),
                        detail=exc.strerror or str(exc)) from None
    check_seal(data)
    image = QImage()
    if not image.loadFromData(data, "PNG"):
        raise UserError(QT_TRANSLATE_NOOP("errors", "The seal image is damaged and cannot be shown."))
    if image.width() > MAX_SEAL_SIDE or image.height() > MAX_SEAL_SIDE:
        raise UserError(QT_TRANSLATE_NOOP("errors", "The seal image is larger than {side} × {side} pixels; save "
                                                    "it smaller and choose it again."), side=MAX_SEAL_SIDE)
    return data


class CompanyDialog(SavingDialog):
    """Edit the company details; ``save(CompanyDetails)`` stores them."""

    def __init__(self, details: CompanyDetails, save: Callable[[CompanyDetails], Any], *, runner: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, runner=runner, error_name="companyError")
        buttons = self.button_box(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.setObjectName("companyDialog")
        self.setWindowTitle(self.tr("Company details"))
        self.save = save
        self.details = details
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, label in (("name", self.tr("Company name")), ("address", self.tr("Address")),
                           ("phone", self.tr("Phone")), ("tax_id", self.tr("Tax ID")),
                           ("bank", self.tr("Bank and account"))):
            edit = QLineEdit(str(getattr(details, key)), self)
            edit.setObjectName(f"company_{key}")
            edit.setMaxLength(400)
            self.fields[key] = edit
            form.addRow(label, edit)
        self.seal = details.seal_png
        self.preview = QLabel(self)
        self.preview.setObjectName("sealPreview")
        self.preview.setFixedSize(96, 96)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.choose_button = QPushButton(self.tr("C&hoose PNG…"), self)
        self.choose_button.setObjectName("chooseSeal")
        self.choose_button.clicked.connect(lambda: self.choose_seal())
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        self.remove_button.setObjectName("removeSeal")
        self.remove_button.clicked.connect(lambda: self._set_seal(b""))
        seal_row = QHBoxLayout()
        seal_row.addWidget(self.preview)
        seal_row.addWidget(self.choose_button)
        seal_row.addWidget(self.remove_button)
        seal_row.addStretch(1)
        form.addRow(self.tr("Seal image"), seal_row)
        note = QLabel(self.tr("Printed on every quote; the seal is drawn at the bottom right when set."), self)
        note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self._set_seal(self.seal)
        self.resize(560, self.sizeHint().height())

    def _set_seal(self, data: bytes) -> None:
        self.seal = data
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.preview.setPixmap(pixmap.scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))
        else:
            self.preview.clear()
            self.preview.setText(self.tr("(none)"))
        self.remove_button.setEnabled(bool(data))

    def choose_seal(self, path: str | None = None) -> bool:
        """Take the PNG at *path* (asked when None) as the seal; a bad one is one sentence, the old seal kept."""
        if path is None:
            path = choose_open(self, "seal", self.tr("Seal image"), [self.tr("PNG images (*.png)")])
            if not path:
                return False
        try:
            data = read_seal(path)
        except UserError as exc:
            self.show_error(error_text(exc))
            return False
        self.show_error("")
        self._set_seal(data)
        return True

    def data(self) -> CompanyDetails:
        return replace(self.details, **{k: e.text() for k, e in self.fields.items()}, seal_png=self.seal)

    def job(self) -> Job | None:
        data, save = self.data(), self.save
        return lambda: save(data)
