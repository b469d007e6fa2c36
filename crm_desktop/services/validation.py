"""Checking what a user typed before it is saved.

Phones are normalised to E.164 with phonenumbers (default region CN, so a
mainland mobile may be typed without +86); e-mails are checked with
email-validator (syntax only: the app works offline).  Every problem names its
field so the dialog can show it next to that field.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from crm_desktop.domain.models import ContactInput, CustomerInput

DEFAULT_REGION = "CN"


def normalize_phone(raw: str, field: str = "phone", region: str = DEFAULT_REGION) -> str:
    """E.164 form of *raw*, "" for empty input; ValidationError if it is not a valid number."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    import phonenumbers

    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            field, QT_TRANSLATE_NOOP("errors", "“{value}” is not a valid phone number (region {region})."),
            value=raw, region=region,
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@dataclass(frozen=True, slots=True)
class PhoneReading:
    """How an imported phone was read (:func:`read_phone_leniently`).

    ``value``: E.164 when the number is valid, else the number as typed (spaces collapsed), or "" when
    the text is no phone number at all; ``how``: "valid" (under the default region, or written with its
    own +country code), "abroad" (valid only under the row's own country, ``region``), "as_typed"
    (looks like a phone number but is valid nowhere we know of) or "not_a_phone".
    """

    value: str
    how: str
    region: str = ""


_PHONE_TEXT = re.compile(r"^\+?[\d\s\-().\/]+(?:\s*(?:x|ext\.?|转|分机|#)\s*\d{1,6})?$", re.IGNORECASE)
MAX_PHONE_CHARS = 32
"""Longest phone kept in a phone field (the column's size); longer text goes to the notes."""


def read_phone_leniently(raw: str, home_region: str = "", region: str = DEFAULT_REGION) -> PhoneReading:
    """Read an imported phone without ever refusing it (the customer dialog keeps :func:`normalize_phone`).

    Tried in order: valid under *region* (CN) or by its own ``+cc``/``00cc`` prefix; valid under
    *home_region* (the card's or row's own country, e.g. "CA" for an address in Canada); otherwise kept
    as typed when it has the shape of a phone number (digits and separators, 7–17 digits, an optional
    extension); otherwise "not_a_phone" (the caller keeps the text elsewhere, e.g. in the notes).
    """
    text = " ".join(unicodedata.normalize("NFKC", raw or "").split())
    if not text:
        return PhoneReading("", "valid", region)
    try:
        return PhoneReading(normalize_phone(text, region=region), "valid", region)
    except ValidationError:
        pass
    if home_region and home_region != region and not text.startswith(("+", "00")):
        try:
            return PhoneReading(normalize_phone(text, region=home_region), "abroad", home_region)
        except ValidationError:
            pass
    digits = sum(ch.isdigit() for ch in text)
    if _PHONE_TEXT.match(text) and 7 <= digits <= 17 and len(text) <= MAX_PHONE_CHARS:
        return PhoneReading(text, "as_typed")
    return PhoneReading("", "not_a_phone")


# Country names (as address books and sheets write them) → phone region; ISO codes are accepted as such.
_COUNTRY_NAMES = {
    "china": "CN", "中国": "CN", "中国大陆": "CN", "中华人民共和国": "CN", "prc": "CN",
    "people's republic of china": "CN",
    "hong kong": "HK", "香港": "HK", "中国香港": "HK", "macau": "MO", "macao": "MO", "澳门": "MO", "中国澳门": "MO",
    "taiwan": "TW", "台湾": "TW", "臺灣": "TW", "中国台湾": "TW",
    "canada": "CA", "加拿大": "CA", "united states": "US", "united states of america": "US", "usa": "US",
    "u.s.a.": "US", "u.s.": "US", "america": "US", "美国": "US", "美國": "US",
    "united kingdom": "GB", "uk": "GB", "great britain": "GB", "england": "GB", "英国": "GB",
    "germany": "DE", "deutschland": "DE", "德国": "DE", "france": "FR", "法国": "FR", "italy": "IT", "意大利": "IT",
    "spain": "ES", "西班牙": "ES", "netherlands": "NL", "荷兰": "NL", "switzerland": "CH", "瑞士": "CH",
    "austria": "AT", "奥地利": "AT", "sweden": "SE", "瑞典": "SE", "russia": "RU", "俄罗斯": "RU",
    "japan": "JP", "日本": "JP", "korea": "KR", "south korea": "KR", "republic of korea": "KR", "韩国": "KR",
    "singapore": "SG", "新加坡": "SG", "malaysia": "MY", "马来西亚": "MY", "thailand": "TH", "泰国": "TH",
    "vietnam": "VN", "viet nam": "VN", "越南": "VN", "india": "IN", "印度": "IN", "indonesia": "ID", "印度尼西亚": "ID",
    "philippines": "PH", "菲律宾": "PH", "australia": "AU", "澳大利亚": "AU", "new zealand": "NZ", "新西兰": "NZ",
    "brazil": "BR", "巴西": "BR", "mexico": "MX", "墨西哥": "MX", "united arab emirates": "AE", "uae": "AE",
    "阿联酋": "AE", "south africa": "ZA", "南非": "ZA",
}


def region_of_country(country: str) -> str:
    """The phone region ("CA") of a country as written in an address ("Canada", "加拿大", "ca"), or ""."""
    key = unicodedata.normalize("NFKC", country or "").strip().casefold()
    if not key:
        return ""
    if key in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[key]
    if len(key) == 2 and key.isalpha():
        import phonenumbers

        code = key.upper()
        return code if code in phonenumbers.SUPPORTED_REGIONS else ""
    return ""


@lru_cache(maxsize=50_000)
def format_phone(e164: str) -> str:
    """A stored E.164 number the way people read it (national form for CN numbers).

    Mainland mobiles (+86 1xx…, 11 digits) are formatted by slicing: the list
    formats every painted row, and phonenumbers takes ~0.2 ms a number.
    """
    if not e164:
        return ""
    if e164.startswith("+861") and len(e164) == 14 and e164[1:].isdigit():
        n = e164[3:]
        return f"{n[:3]} {n[3:7]} {n[7:]}"
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    fmt = (phonenumbers.PhoneNumberFormat.NATIONAL if number.country_code == 86
           else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(number, fmt)


def normalize_email(raw: str, field: str = "email") -> str:
    raw = (raw or "").strip()
    if not raw:
        return ""
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(raw, check_deliverability=False).normalized
    except EmailNotValidError:
        raise ValidationError(field, QT_TRANSLATE_NOOP("errors", "“{value}” is not a valid e-mail address."),
                              value=raw) from None


def _require_name(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(field, QT_TRANSLATE_NOOP("errors", "A name is required."))
    return value


def validate_customer(data: CustomerInput, region: str = DEFAULT_REGION) -> tuple[CustomerInput, list[ValidationError]]:
    """(normalised copy, problems).  Saving is allowed only when problems is empty.

    Field names of problems: ``name``, ``phone``, ``email``, and
    ``contacts.N.name`` / ``contacts.N.phone`` / ``contacts.N.phone2`` / ``contacts.N.email``.
    """
    errors: list[ValidationError] = []
    out = dataclasses.replace(data, tags=list(data.tags), contacts=[])

    def check(fn: Callable[..., str], *args: str) -> str | None:
        try:
            return fn(*args)
        except ValidationError as exc:
            errors.append(exc)
            return None

    out.name = check(_require_name, data.name, "name") or data.name
    phone = check(normalize_phone, data.phone, "phone", region)
    out.phone = data.phone if phone is None else phone
    email = check(normalize_email, data.email, "email")
    out.email = data.email if email is None else email
    for field_name in ("company", "address", "industry", "needs", "notes", "external_id", "owner", "wechat"):
        setattr(out, field_name, (getattr(data, field_name) or "").strip())
    out.tags = sorted({t.strip() for t in data.tags if t and t.strip()})
    for i, c in enumerate(data.contacts):
        nc = dataclasses.replace(c)
        nc.name = check(_require_name, c.name, f"contacts.{i}.name") or c.name
        p = check(normalize_phone, c.phone, f"contacts.{i}.phone", region)
        nc.phone = c.phone if p is None else p
        p2 = check(normalize_phone, c.phone2, f"contacts.{i}.phone2", region)
        nc.phone2 = c.phone2 if p2 is None else p2
        for field_name in ("title", "wechat", "notes"):
            setattr(nc, field_name, (getattr(c, field_name) or "").strip())
        e = check(normalize_email, c.email, f"contacts.{i}.email")
        nc.email = c.email if e is None else e
        out.contacts.append(nc)
    return out, errors


__all__ = ["ContactInput", "PhoneReading", "normalize_phone", "normalize_email", "format_phone", "read_phone_leniently",
           "region_of_country", "validate_customer"]
