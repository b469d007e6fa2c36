"""One row of a customer sheet turned into a :class:`~crm_desktop.domain.models.CustomerInput`.

**Odd values never drop a row.**  A phone that is not valid for China is read
under the row's own country (a Country column, a vCard address) when that
makes it valid, else kept as typed when it has the shape of a phone number,
else kept in the notes; an invalid e-mail is kept in the notes.  Each case is
a non-blocking remark, counted by its :data:`~crm_desktop.services.imports.plan.KEPT`
key.  Where several values arrive for one field: the customer's phone is the
first valid one and the others go to the notes ("Phone 2: …"); a contact's
first phone is its phone, the second its second phone, further ones its
notes; e-mails likewise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from crm_desktop.domain.enums import BuyingRole, CustomerKind, LeadSource
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from crm_desktop.domain.models import ContactInput, CustomerInput
from crm_desktop.domain.text import fold
from crm_desktop.exchange.customer_columns import (
    KIND_WORDS,
    ROLE_WORDS,
    SOURCE_WORDS,
    TAG_SPLIT,
    parse_date,
    word,
)
from crm_desktop.services.validation import (
    PhoneReading,
    normalize_email,
    read_phone_leniently,
    region_of_country,
    validate_customer,
)

_SEPARATORS = re.compile(r"[\s\-().]")
_CN_MOBILE_TEXT = re.compile(r"^(?:\+86|0086|86)?(1\d{10})$")
_DOT_ATOM = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_cn_mobile_pattern: re.Pattern[str] | None = None
_email_domains: dict[str, str | None] = {}


def fast_phone(raw: str) -> str | None:
    """E.164 of a mainland mobile written in one of the usual ways, or None to ask phonenumbers.

    Exactly what :func:`~crm_desktop.services.validation.normalize_phone` answers for these
    numbers (the pattern is phonenumbers' own CN mobile pattern), at a fiftieth of the cost:
    importing 100k customers must not spend seconds parsing 138 0013 8000 a hundred thousand times.
    """
    global _cn_mobile_pattern
    m = _CN_MOBILE_TEXT.match(_SEPARATORS.sub("", raw or ""))
    if not m:
        return None
    if _cn_mobile_pattern is None:
        import phonenumbers

        meta = phonenumbers.PhoneMetadata.metadata_for_region("CN")
        assert meta is not None and meta.mobile is not None  # phonenumbers ships China's metadata
        _cn_mobile_pattern = re.compile(f"(?:{meta.mobile.national_number_pattern})")
    national = m.group(1)
    return "+86" + national if _cn_mobile_pattern.fullmatch(national) else None


def fast_email(raw: str) -> str | None:
    """Normalised form of a plain ASCII address, or None to ask email-validator.

    The local part must be a dot-atom (what nearly every address is); the domain is checked by
    email-validator once per distinct domain (qq.com, 163.com … repeat across a whole file).
    """
    raw = (raw or "").strip()
    if len(raw) > 254 or raw.count("@") != 1 or not raw.isascii():
        return None
    local, domain = raw.split("@")
    if not local or len(local) > 64 or not _DOT_ATOM.match(local):
        return None
    key = domain.lower()
    if key not in _email_domains:
        from email_validator import EmailNotValidError, validate_email

        try:
            _email_domains[key] = validate_email("a@" + domain, check_deliverability=False).domain
        except EmailNotValidError:
            _email_domains[key] = None
    checked = _email_domains[key]
    return None if checked is None else f"{local}@{checked}"


Note = tuple[str, str, dict[str, Any], str]
"""A non-blocking remark on a row: (field, English template, params, :data:`KEPT` key or "")."""


def _pick_phones(items: list[tuple[str, str]], region: str, slots: int, field_name: str,
                 notes: list[Note], counts: dict[str, int]) -> tuple[list[str], list[str]]:
    """(up to *slots* phones for the fields, "Title: value" lines for the notes) from *items*.

    Valid numbers come first, then numbers kept as typed; the rest, and text that is no phone
    number at all, go to the notes (see the module docstring).
    """
    readings: list[tuple[str, str, str | None, PhoneReading | None]] = []
    seen: set[str] = set()
    for header, raw in items:
        fast = fast_phone(raw)
        reading = read_phone_leniently(raw, region) if fast is None else None
        value = fast or (reading.value if reading is not None else "")
        if value and value in seen:
            continue
        seen.add(value)
        readings.append((header, raw, fast, reading))
    rank = {"valid": 0, "abroad": 0, "as_typed": 1}
    usable = [x for x in readings if x[2] or (x[3] is not None and x[3].how in rank)]
    usable.sort(key=lambda x: 0 if x[2] or x[3] is None else rank[x[3].how])  # stable: file order in each class
    chosen = usable[:slots]
    fields: list[str] = []
    lines: list[str] = []
    for _header, raw, fast, reading in chosen:
        fields.append(fast or (reading.value if reading is not None else ""))
        if reading is not None and reading.how == "abroad":
            notes.append((field_name, QT_TRANSLATE_NOOP(
                "errors", "“{value}” is not a valid number in China; it was read as a number in {region}."),
                {"value": raw, "region": reading.region}, "phone_abroad"))
        elif reading is not None and reading.how == "as_typed":
            notes.append((field_name, QT_TRANSLATE_NOOP(
                "errors", "“{value}” is not a valid phone number for China or the row's country; "
                          "it was kept as typed."), {"value": raw}, "phone_as_typed"))
    for item in readings:
        if any(item is c for c in chosen):
            continue
        header, raw, _fast, reading = item
        lines.append(f"{header}: {raw}")
        if reading is not None and reading.how == "not_a_phone":
            notes.append((field_name, QT_TRANSLATE_NOOP(
                "errors", "“{value}” is not a phone number; it was kept in the notes."), {"value": raw}, "in_notes"))
        else:
            counts["in_notes"] = counts.get("in_notes", 0) + 1
    return fields, lines


def _pick_emails(items: list[tuple[str, str]], slots: int, field_name: str, notes: list[Note],
                 counts: dict[str, int]) -> tuple[list[str], list[str]]:
    """(up to *slots* valid e-mails, note lines for the others); an invalid address is kept in the notes."""
    fields: list[str] = []
    lines: list[str] = []
    seen: set[str] = set()
    for header, raw in items:
        value = fast_email(raw)
        if value is None:
            try:
                value = normalize_email(raw)
            except ValidationError:
                lines.append(f"{header}: {raw}")
                notes.append((field_name, QT_TRANSLATE_NOOP(
                    "errors", "“{value}” is not a valid e-mail address; it was kept in the notes."),
                    {"value": raw}, "in_notes"))
                continue
        if value.casefold() in seen:
            continue
        seen.add(value.casefold())
        if len(fields) < slots:
            fields.append(value)
        else:
            lines.append(f"{header}: {raw}")
            counts["in_notes"] = counts.get("in_notes", 0) + 1
    return fields, lines


def validate_row(data: CustomerInput) -> tuple[CustomerInput, list[ValidationError]]:
    """:func:`validate_customer` for a row whose phones and e-mails :func:`row_to_input` already read.

    Those fields are set aside while the rest is checked (a name for the customer and for each contact,
    trimmed text), so a phone kept as typed is never refused here: the customer dialog keeps the
    strict check.
    """
    phones = (data.phone, data.email, [(c.phone, c.phone2, c.email) for c in data.contacts])
    probe = CustomerInput(**{**data.__dict__, "phone": "", "email": "",
                             "contacts": [ContactInput(**{**c.__dict__, "phone": "", "phone2": "", "email": ""})
                                          for c in data.contacts]})
    clean, errors = validate_customer(probe)
    clean.phone, clean.email = phones[0], phones[1]
    for c, (phone, phone2, email) in zip(clean.contacts, phones[2]):
        c.phone, c.phone2, c.email = phone, phone2, email
    return clean, errors


def join_lines(parts: Sequence[str]) -> str:
    """The non-empty *parts*, one per line (how notes are added to)."""
    return "\n".join(p for p in parts if p)


@dataclass
class _Cells:
    """The non-empty cells of one row by target, with the remarks and quiet counts made reading them."""

    values: dict[str, list[tuple[str, str]]]
    notes: list[Note] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, cells: Sequence[str], headers: Sequence[str], mapping: Sequence[str | None]) -> _Cells:
        values: dict[str, list[tuple[str, str]]] = {}
        for cell, header, target in zip(cells, headers, mapping):
            if target is None:
                continue
            v = cell.strip()
            if v.startswith("'") and v[1:2] and v[1:2] in "=+-@":
                v = v[1:]  # a cell an export neutralised against formula injection reads back as it was
            if v:
                values.setdefault(target, []).append((header, v))
        return cls(values)

    def first(self, key: str) -> str:
        got = self.values.get(key)
        return got[0][1] if got else ""

    def title(self, key: str) -> str:
        return self.values[key][0][0]

    def all(self, key: str) -> list[tuple[str, str]]:
        return list(self.values.get(key, []))

    def lines(self, key: str) -> list[str]:
        """"Title: value" for every cell of *key* (what goes to the notes)."""
        return [f"{h}: {v}" for h, v in self.values.get(key, [])]

    def not_a_date(self, key: str, raw: str) -> None:
        self.notes.append((key, QT_TRANSLATE_NOOP("errors", "“{value}” is not a date; it was kept in the notes."),
                           {"value": raw}, "in_notes"))


def row_to_input(cells: Sequence[str], headers: Sequence[str], mapping: Sequence[str | None]
                 ) -> tuple[CustomerInput, list[Note], dict[str, int]]:
    """(customer input, remarks, quiet counts by KEPT key) for one row, before validation.

    Phones and e-mails are read here (leniently, see the module docstring); the
    contact columns make at most one contact; extra phones and e-mails, "add to
    notes" columns and unreadable dates are kept in the notes so nothing typed
    in the file is lost.
    """
    row = _Cells.of(cells, headers, mapping)
    name = row.first("name")
    if not name:
        given, family = row.first("given_name"), row.first("family_name")
        name = (family + given) if (family + given) and not (family + given).isascii() else f"{given} {family}".strip()
    data = CustomerInput(name=name, company=row.first("company"), address=row.first("address"),
                         industry=row.first("industry"), needs=row.first("needs"),
                         external_id=row.first("external_id"), owner=row.first("owner"), wechat=row.first("wechat"))
    extra_lines: list[str] = []
    country = row.first("country")
    region = region_of_country(country)
    if country and fold(country) not in fold(data.address):
        extra_lines.append(f"{row.title('country')}: {country}")
    phone_items, email_items = row.all("phone"), row.all("email")
    contact = _contact(row, region) if row.first("contact_name") else None
    if contact is None:
        # contact details without a contact name describe the customer itself
        phone_items += row.all("contact_phone") + row.all("contact_phone2")
        email_items += row.all("contact_email")
        if not data.wechat:
            data.wechat = row.first("contact_wechat")
        for key in ("contact_title", "contact_role", "contact_birthday", "contact_notes"):
            extra_lines += row.lines(key)
    phones, lines = _pick_phones(phone_items, region, 1, "phone", row.notes, row.counts)
    data.phone = phones[0] if phones else ""
    extra_lines += lines
    emails, lines = _pick_emails(email_items, 1, "email", row.notes, row.counts)
    data.email = emails[0] if emails else ""
    extra_lines += lines + row.lines("extra")
    extra_lines += _classify(data, row, contact is not None or "contact_name" in mapping)
    tags: list[str] = []
    for _h, v in row.all("tags"):
        tags += [t.strip().lstrip("*").strip() for t in TAG_SPLIT.split(v)]
    data.tags = [t for t in tags if t and t.casefold() != "mycontacts"]
    data.notes = join_lines([v for _h, v in row.all("notes")] + extra_lines)
    data.contacts = [contact] if contact is not None else []
    return data, row.notes, row.counts


def _contact(row: _Cells, region: str) -> ContactInput:
    """The row's contact person (a business sheet): name, title, two phones, an e-mail, role, birthday."""
    contact = ContactInput(name=row.first("contact_name"), title=row.first("contact_title"),
                           wechat=row.first("contact_wechat"))
    lines: list[str] = []
    phone_items = row.all("contact_phone")
    phone_items = phone_items[:1] + row.all("contact_phone2") + phone_items[1:]
    phones, more = _pick_phones(phone_items, region, 2, "contact_phone", row.notes, row.counts)
    lines += more
    contact.phone = phones[0] if phones else ""
    contact.phone2 = phones[1] if len(phones) > 1 else ""
    emails, more = _pick_emails(row.all("contact_email"), 1, "contact_email", row.notes, row.counts)
    lines += more
    contact.email = emails[0] if emails else ""
    role = row.first("contact_role")
    if role:
        contact.role = word(role, ROLE_WORDS, BuyingRole)
        if contact.role is None:
            lines.append(f"{row.title('contact_role')}: {role}")
    birthday = row.first("contact_birthday")
    if birthday:
        contact.birthday = parse_date(birthday)
        if contact.birthday is None:
            lines.append(f"{row.title('contact_birthday')}: {birthday}")
            row.not_a_date("contact_birthday", birthday)
    contact.notes = join_lines([v for _h, v in row.all("contact_notes")] + lines)
    contact.title = contact.title[:100]
    return contact


def _classify(data: CustomerInput, row: _Cells, business_sheet: bool) -> list[str]:
    """Set the kind, the lead source and the birthday from their cells; returns note lines for cells that
    are none of the known words or no date.  A row of a business sheet, or a list of companies, is a
    business (and a company without a name is the customer's name)."""
    lines: list[str] = []
    kind_text = row.first("kind")
    kind = word(kind_text, KIND_WORDS, CustomerKind) if kind_text else None
    if kind_text and kind is None:
        lines.append(f"{row.title('kind')}: {kind_text}")
    if kind is not None:
        data.kind = kind
    elif business_sheet or (data.company and not data.name):
        data.kind = CustomerKind.BUSINESS
    if not data.name and data.company:
        data.name = data.company
    source = row.first("lead_source")
    if source:
        data.lead_source = word(source, SOURCE_WORDS, LeadSource)
        if data.lead_source is None:
            lines.append(f"{row.title('lead_source')}: {source}")
    birthday = row.first("birthday")
    if birthday:
        parsed = parse_date(birthday)
        if parsed is None:
            lines.append(f"{row.title('birthday')}: {birthday}")
            row.not_a_date("birthday", birthday)
        else:
            data.birthday = parsed
    return lines
