"""The team's company details printed on quotes (Settings ▸ Company details…): name, address, phone, tax id,
bank, and the seal image.  A team setting (``company.*``), so every book prints the same letterhead.

The seal is a PNG kept as base64 text; what is stored is checked here as bytes (the PNG signature, at most
:data:`MAX_SEAL_BYTES`); whether it decodes as an image of a sensible size is the UI's check.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import fields

from crm_desktop.db import settings as team
from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError
from crm_desktop.domain.quotes import CompanyDetails
from crm_desktop.services.context import ServiceContext

PREFIX = "company."
MAX_SEAL_BYTES = 1_000_000
"""A seal image of at most a megabyte (a 600 × 600 PNG is far smaller)."""
MAX_FIELD = 400
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class BadSeal(UserError):
    """The chosen seal image is not a PNG or is too large."""


SEAL_TOO_LARGE = QT_TRANSLATE_NOOP("errors", "The seal image is larger than 1 MB; save it smaller and choose it "
                                              "again.")
SEAL_NOT_PNG = QT_TRANSLATE_NOOP("errors", "The seal image is not a PNG file.")


def check_seal(data: bytes) -> None:
    """Raise :class:`BadSeal` (one sentence) unless *data* is a PNG file of at most a megabyte."""
    if len(data) > MAX_SEAL_BYTES:
        raise BadSeal(SEAL_TOO_LARGE)
    if not data.startswith(PNG_SIGNATURE):
        raise BadSeal(SEAL_NOT_PNG)


class CompanyService:
    """Reading and saving the company details."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def details(self) -> CompanyDetails:
        """The stored details; a value that is not text, or a seal that is not a PNG, counts as not set."""
        with self.ctx.db.reading() as tx:
            stored = team.read_settings(tx, PREFIX)
        texts = {f.name: stored.get(f.name) for f in fields(CompanyDetails) if f.name != "seal_png"}
        clean = {k: v[:MAX_FIELD] if isinstance(v, str) else "" for k, v in texts.items()}
        seal = b""
        raw = stored.get("seal_png")
        if isinstance(raw, str) and len(raw) <= MAX_SEAL_BYTES * 4 // 3 + 4:
            try:
                seal = base64.b64decode(raw, validate=True)
                check_seal(seal)
            except (binascii.Error, ValueError, BadSeal):
                seal = b""
        return CompanyDetails(**clean, seal_png=seal)

    def save(self, details: CompanyDetails) -> Changes:
        """Store *details* (texts trimmed); a bad seal is refused with nothing saved."""
        if details.seal_png:
            check_seal(details.seal_png)
        values = {f.name: str(getattr(details, f.name)).strip()[:MAX_FIELD] for f in fields(CompanyDetails)
                  if f.name != "seal_png"}
        values["seal_png"] = base64.b64encode(details.seal_png).decode("ascii")
        stamp = self.ctx.stamp()
        changed = False
        with self.ctx.db.writing() as tx:
            for key, value in values.items():
                changed = team.write_setting(tx, PREFIX + key, value, stamp) or changed
        return Changes.of(Kind.SETTING, customers=None) if changed else Changes()
