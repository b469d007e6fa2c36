"""Importing customers from a table (CSV, .xlsx, vCard, Google/Outlook exports).

Three steps, each usable on its own (the wizard shows the result of each):

1. :func:`auto_mapping` — which column holds what, from common Chinese and
   English headers (姓名/客户名称, 手机/联系电话, Name, E-mail …) or a preset
   (Google Contacts, Outlook).
2. :meth:`CustomerImporter.prepare` — every row turned into a
   :class:`~crm_desktop.domain.models.CustomerInput` and checked with the same
   validation as the customer dialog (phone to E.164, default region CN;
   e-mail syntax), then matched against existing customers by external id,
   phone or e-mail.  Problems are listed by file row.
3. :meth:`CustomerImporter.run` — writes the valid rows in **one
   transaction**: new customers with ``executemany`` (plus their
   ``customer_search`` rows; the FTS index follows by trigger), matches skipped,
   updated (only non-empty cells, stamped per field with ``update_row``) or
   created.  A cancel or error rolls everything back.  A :class:`ChangeBatch`
   row of kind ``import`` records the ids added and the previous values of
   what was updated, so :meth:`CustomerImporter.undo_last` can remove exactly
   what the import added and restore what it changed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Sequence

from crm_desktop.db.bulk import tombstone_many
from crm_desktop.db.errors import sqlite_errors_as_sentences
from crm_desktop.db.models import ChangeBatch, Customer
from crm_desktop.db.sync import new_id, stable_id, update_row
from crm_desktop.db.types import ts_text
from crm_desktop.domain.enums import CustomerKind
from crm_desktop.domain.errors import format_message, QT_TRANSLATE_NOOP, UserError
from crm_desktop.domain.models import CustomerInput
from crm_desktop.exchange.tabular import RowProblem, Table
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.text import pinyin_keys, search_texts
from crm_desktop.services.validation import validate_customer

ProgressFn = Callable[[int, int], None]
"""``progress(done, total)``; it may raise (e.g. the UI's Cancelled) to stop: everything is rolled back."""

# --- target fields -----------------------------------------------------------------------------------------------

TARGETS: dict[str, str] = {
    "name": QT_TRANSLATE_NOOP("import", "Name"),
    "given_name": QT_TRANSLATE_NOOP("import", "Given name"),
    "family_name": QT_TRANSLATE_NOOP("import", "Family name"),
    "company": QT_TRANSLATE_NOOP("import", "Company"),
    "phone": QT_TRANSLATE_NOOP("import", "Phone"),
    "email": QT_TRANSLATE_NOOP("import", "E-mail"),
    "address": QT_TRANSLATE_NOOP("import", "Address"),
    "industry": QT_TRANSLATE_NOOP("import", "Industry"),
    "kind": QT_TRANSLATE_NOOP("import", "Kind of customer"),
    "owner": QT_TRANSLATE_NOOP("import", "Owner"),
    "tags": QT_TRANSLATE_NOOP("import", "Tags"),
    "birthday": QT_TRANSLATE_NOOP("import", "Birthday"),
    "needs": QT_TRANSLATE_NOOP("import", "Needs"),
    "notes": QT_TRANSLATE_NOOP("import", "Notes"),
    "external_id": QT_TRANSLATE_NOOP("import", "External id"),
    "extra": QT_TRANSLATE_NOOP("import", "Add to notes (with the column title)"),
}
"""Where a column can go (key → English label for the wizard); None means "ignore the column".

``phone``, ``email``, ``notes`` and ``extra`` may take several columns: the
first valid phone/e-mail is the customer's, the others are kept in the notes.
"""

MULTI_TARGETS = frozenset({"phone", "email", "notes", "extra"})

_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名称", "客户名称", "客户姓名", "客户", "联系人", "联系人姓名", "名字", "name", "fullname",
             "customername", "contactname", "displayname", "fn"),
    "given_name": ("名", "firstname", "givenname"),
    "family_name": ("姓", "lastname", "familyname", "surname"),
    "company": ("公司", "单位", "公司名称", "单位名称", "企业名称", "所属公司", "工作单位", "company", "organization",
                "organisation", "organization1name", "organizationname", "org", "employer"),
    "phone": ("手机", "电话", "联系电话", "手机号", "手机号码", "电话号码", "移动电话", "座机", "办公电话", "phone",
              "mobile", "mobilephone", "cell", "cellphone", "tel", "telephone", "phonenumber", "phone1value",
              "phone2value", "phone3value", "businessphone", "homephone", "primaryphone", "companymainphone",
              "businessphone2", "homephone2", "otherphone"),
    "email": ("邮箱", "电子邮件", "电子邮箱", "邮件", "email", "e-mail", "emailaddress", "mail", "email1value",
              "email2value", "email3value", "e-mailaddress", "e-mail2address", "e-mail3address", "e-mail1value",
              "e-mail2value"),
    "address": ("地址", "联系地址", "通讯地址", "公司地址", "详细地址", "address", "address1formatted",
                "businessstreet", "homestreet", "street", "mailingaddress"),
    "industry": ("行业", "所属行业", "industry", "sector"),
    "kind": ("类型", "客户类型", "kind", "type", "customertype"),
    "owner": ("负责人", "销售", "业务员", "所属销售", "归属", "owner", "salesperson", "accountowner"),
    "tags": ("标签", "分组", "tags", "tag", "labels", "groupmembership", "categories"),
    "birthday": ("生日", "出生日期", "birthday", "dateofbirth", "birthdate", "bday"),
    "needs": ("需求", "客户需求", "needs"),
    "notes": ("备注", "说明", "notes", "note", "remarks", "comment", "comments", "memo", "extracells"),
    "external_id": ("编号", "客户编号", "客户id", "客户代码", "id", "externalid", "customerid", "customerno",
                    "customernumber", "uid", "code"),
    "extra": ("职位", "职务", "部门", "网址", "微信", "qq", "jobtitle", "title", "department", "website",
              "website1value", "wechat", "businesscity", "businessstate", "businesspostalcode", "homecity",
              "city", "城市", "省份"),
}

_IGNORE = ("phone1type", "phone2type", "phone3type", "email1type", "email2type", "email3type", "e-mail1type",
           "e-mail2type", "address1type", "website1type", "middlename", "additionalname", "nameprefix", "namesuffix",
           "yominame", "photo", "e-maildisplayname", "e-mail2displayname", "e-mailtype", "sensitivity", "priority",
           "initials", "gender", "nickname", "crmid", "crmcustomerid", "donotcontact")


PRESETS: dict[str, str] = {
    "auto": QT_TRANSLATE_NOOP("import", "Detect from the column titles"),
    "google": QT_TRANSLATE_NOOP("import", "Google Contacts CSV"),
    "outlook": QT_TRANSLATE_NOOP("import", "Outlook CSV"),
}

_PRESET_HEADERS = {
    "google": {"Name": "name", "Given Name": "given_name", "First Name": "given_name", "Family Name": "family_name",
               "Last Name": "family_name", "Organization 1 - Name": "company", "Organization Name": "company",
               "E-mail 1 - Value": "email", "E-mail 2 - Value": "email", "Phone 1 - Value": "phone",
               "Phone 2 - Value": "phone", "Phone 3 - Value": "phone", "Address 1 - Formatted": "address",
               "Notes": "notes", "Birthday": "birthday", "Labels": "tags", "Group Membership": "tags",
               "Organization 1 - Title": "extra", "Organization Title": "extra", "Website 1 - Value": "extra"},
    "outlook": {"First Name": "given_name", "Last Name": "family_name", "Company": "company",
                "E-mail Address": "email", "E-mail 2 Address": "email", "E-mail 3 Address": "email",
                "Mobile Phone": "phone", "Business Phone": "phone", "Home Phone": "phone",
                "Business Street": "address", "Home Street": "address", "Notes": "notes", "Birthday": "birthday",
                "Categories": "tags", "Job Title": "extra", "Department": "extra", "Business City": "extra",
                "Web Page": "extra"},
}

_HEADER_JUNK = re.compile(r"[\s_:：()（）*#.\-/]+")


def _header_key(header: str) -> str:
    text = unicodedata.normalize("NFKC", header or "").casefold()
    text = text.replace("e-mail", "email")
    key = _HEADER_JUNK.sub("", text)
    return key.rstrip("0123456789") or key  # "Phone 2", "电话2" mean the same as "Phone"


_ALIAS_INDEX: dict[str, str | None] = {}
for _target, _names in _ALIASES.items():
    for _n in _names:
        _ALIAS_INDEX.setdefault(_header_key(_n), _target)
for _n in _IGNORE:
    _ALIAS_INDEX[_header_key(_n)] = None


def detect_preset(headers: Sequence[str]) -> str:
    """"google", "outlook" or "auto", from the column titles an export of that program has."""
    hs = set(headers)
    if {"E-mail 1 - Value", "Phone 1 - Value"} & hs or "Organization 1 - Name" in hs:
        return "google"
    if {"E-mail Address", "Mobile Phone", "Business Phone"} & hs and "First Name" in hs:
        return "outlook"
    return "auto"


def auto_mapping(headers: Sequence[str], preset: str = "auto") -> list[str | None]:
    """The target field of each column (None = ignore), from the column titles.

    A single-valued target (name, company …) goes to the first column that
    claims it; later columns with the same meaning are added to the notes.
    Titles nobody recognises go to the notes too ("extra"), so no data is
    dropped unless the user says so.
    """
    if preset == "auto":
        preset = detect_preset(headers)
    table = _PRESET_HEADERS.get(preset, {})
    out: list[str | None] = []
    taken: set[str] = set()
    for h in headers:
        if h in table:
            target: str | None = table[h]
        else:
            key = _header_key(h)
            if key in _ALIAS_INDEX:
                target = _ALIAS_INDEX[key]
            elif preset != "auto" or not key:
                target = None  # a known program's export: its other columns are metadata
            else:
                target = "extra"
        if target is not None and target not in MULTI_TARGETS:
            if target in taken:
                target = "extra"
            taken.add(target)
        out.append(target)
    return out


# --- rows --------------------------------------------------------------------------------------------------------

_KIND_WORDS = {
    "个人": CustomerKind.PERSON, "消费者": CustomerKind.PERSON, "person": CustomerKind.PERSON,
    "consumer": CustomerKind.PERSON, "individual": CustomerKind.PERSON,
    "企业": CustomerKind.BUSINESS, "公司": CustomerKind.BUSINESS, "business": CustomerKind.BUSINESS,
    "company": CustomerKind.BUSINESS,
    "中间商": CustomerKind.INTERMEDIARY, "经销商": CustomerKind.INTERMEDIARY, "代理商": CustomerKind.INTERMEDIARY,
    "intermediary": CustomerKind.INTERMEDIARY, "distributor": CustomerKind.INTERMEDIARY,
    "公利客户": CustomerKind.PUBLIC, "公利": CustomerKind.PUBLIC, "政府": CustomerKind.PUBLIC,
    "public": CustomerKind.PUBLIC, "association": CustomerKind.PUBLIC,
}
_TAG_SPLIT = re.compile(r"\s*(?:[,，;；、|]|:::)\s*")
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(text: str) -> date | None:
    """A date from 2024-05-01, 2024/5/1, 2024年5月1日 or 20240501; None when it is not one."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


@dataclass
class RowIssue:
    """A problem with one file row: ``row`` is its line in the file; ``field`` the target; ``message`` an
    English template (translation context "errors") with ``params``; ``blocking`` rows are not imported."""

    row: int
    field: str
    message: str
    params: dict = field(default_factory=dict)
    blocking: bool = True

    def text(self, translate=None) -> str:
        """The problem in one sentence (without the row number, which is shown beside it)."""
        return format_message(self.message, self.params, translate)


@dataclass
class PreparedRow:
    """A valid row: ``data`` is validated and normalised; ``match_id`` the existing customer it matches
    (by ``match_by``: "external_id", "phone" or "email"), or None for a new customer."""

    row: int
    data: CustomerInput
    match_id: str | None = None
    match_by: str = ""


@dataclass
class ImportPlan:
    """What an import would do: ``rows`` valid rows, ``issues`` problems by row, ``total`` data rows read."""

    rows: list[PreparedRow]
    issues: list[RowIssue]
    total: int

    @property
    def matched(self) -> int:
        return sum(1 for r in self.rows if r.match_id)

    @property
    def new(self) -> int:
        return sum(1 for r in self.rows if not r.match_id)

    @property
    def rejected(self) -> int:
        return len({i.row for i in self.issues if i.blocking})


@dataclass(frozen=True)
class ImportResult:
    """What an import did: counts and the ChangeBatch id that undoes it (None when nothing changed)."""

    added: int
    updated: int
    skipped: int
    rejected: int
    batch_id: str | None


@dataclass(frozen=True)
class UndoResult:
    """What undoing an import did; ``kept`` counts fields left alone because someone edited them since."""

    removed: int
    restored: int
    kept: int


class NothingToUndo(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "There is no import to undo."))


_SEPARATORS = re.compile(r"[\s\-().]")
_CN_MOBILE_TEXT = re.compile(r"^(?:\+86|0086|86)?(1\d{10})$")
_DOT_ATOM = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_cn_mobile_pattern = None
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


def validate_row(data: CustomerInput):
    """:func:`validate_customer` with exact shortcuts for the common phone and e-mail forms."""
    phone, email = fast_phone(data.phone), fast_email(data.email)
    if phone is None and email is None:
        return validate_customer(data)
    probe = CustomerInput(**{**data.__dict__, "phone": "" if phone else data.phone,
                             "email": "" if email else data.email})
    clean, errors = validate_customer(probe)
    if phone:
        clean.phone = phone
    if email:
        clean.email = email
    return clean, errors


MATCH_POLICIES = ("skip", "update", "create")
_UPDATABLE = ("company", "phone", "email", "address", "industry", "needs", "external_id", "birthday")
"""Fields an ``update`` import may overwrite (only with non-empty cells); notes and tags are added to instead."""


def _join(parts: list[str]) -> str:
    return "\n".join(p for p in parts if p)


def row_to_input(cells: Sequence[str], headers: Sequence[str], mapping: Sequence[str | None]
                 ) -> tuple[CustomerInput, list[tuple[str, str, dict]]]:
    """(customer input, problems as (field, template, params)) for one row, before validation.

    Extra phones and e-mails, "add to notes" columns and unparseable birthdays
    are kept in the notes so nothing typed in the file is lost.
    """
    values: dict[str, list[tuple[str, str]]] = {}
    for cell, header, target in zip(cells, headers, mapping):
        if target is None:
            continue
        v = cell.strip()
        if v.startswith("'") and v[1:2] and v[1:2] in "=+-@":
            v = v[1:]  # a cell an export neutralised against formula injection reads back as it was
        if v:
            values.setdefault(target, []).append((header, v))
    problems: list[tuple[str, str, dict]] = []

    def first(key: str) -> str:
        got = values.get(key)
        return got[0][1] if got else ""

    name = first("name")
    if not name:
        given, family = first("given_name"), first("family_name")
        name = (family + given) if (family + given) and not (family + given).isascii() else f"{given} {family}".strip()
    notes = [v for _h, v in values.get("notes", [])]
    data = CustomerInput(name=name, company=first("company"), address=first("address"),
                         industry=first("industry"), needs=first("needs"), external_id=first("external_id"),
                         owner=first("owner"))
    phones = [v for _h, v in values.get("phone", [])]
    emails = [v for _h, v in values.get("email", [])]
    data.phone = phones[0] if phones else ""
    data.email = emails[0] if emails else ""
    extra_lines = [f"{h}: {v}" for h, v in values.get("phone", [])[1:]]
    extra_lines += [f"{h}: {v}" for h, v in values.get("email", [])[1:]]
    extra_lines += [f"{h}: {v}" for h, v in values.get("extra", [])]
    kind_text = first("kind")
    if kind_text:
        kind = _KIND_WORDS.get(unicodedata.normalize("NFKC", kind_text).casefold().strip())
        if kind is None:
            try:
                kind = CustomerKind(kind_text.strip().lower())
            except ValueError:
                kind = None
        if kind is None:
            extra_lines.append(f"{values['kind'][0][0]}: {kind_text}")
        else:
            data.kind = kind
    elif data.company and not data.name:
        data.kind = CustomerKind.BUSINESS
    if not data.name and data.company:
        data.name = data.company  # a list of companies: the company is the customer's name
    bday = first("birthday")
    if bday:
        parsed = parse_date(bday)
        if parsed is None:
            extra_lines.append(f"{values['birthday'][0][0]}: {bday}")
            problems.append(("birthday", QT_TRANSLATE_NOOP(
                "errors", "“{value}” is not a date; it was kept in the notes."), {"value": bday}))
        else:
            data.birthday = parsed
    tags: list[str] = []
    for _h, v in values.get("tags", []):
        tags += [t.strip().lstrip("*").strip() for t in _TAG_SPLIT.split(v)]
    data.tags = [t for t in tags if t and t.casefold() != "mycontacts"]
    data.notes = _join(notes + extra_lines)
    return data, problems


class CustomerImporter:
    """Prepares, runs and undoes customer imports over the database in ``ctx``."""

    def __init__(self, ctx: ServiceContext, invalidate: Callable[[], None] | None = None) -> None:
        self.ctx = ctx
        self._invalidate = invalidate or (lambda: None)

    # --- matching ------------------------------------------------------------------------------------------------
    def _existing_keys(self) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
        """(external_id → id, phone → id, e-mail (folded) → id) of live customers."""
        by_ext: dict[str, str] = {}
        by_phone: dict[str, str] = {}
        by_email: dict[str, str] = {}
        with self.ctx.db.engine.connect() as conn:
            for cid, ext, phone, email in conn.exec_driver_sql(
                    "SELECT id, external_id, phone, email FROM customer WHERE deleted_stamp IS NULL"):
                if ext:
                    by_ext.setdefault(ext, cid)
                if phone:
                    by_phone.setdefault(phone, cid)
                if email:
                    by_email.setdefault(email.casefold(), cid)
        return by_ext, by_phone, by_email

    def prepare(self, table: Table, mapping: Sequence[str | None], progress: ProgressFn | None = None) -> ImportPlan:
        """Validate and match every row (no writes).  Rows with a blocking issue are left out of the plan."""
        if len(mapping) != len(table.headers):
            raise ValueError("mapping must have one entry per column")
        if "name" not in mapping and not ({"given_name", "family_name", "company"} & set(mapping)):
            raise UserError(QT_TRANSLATE_NOOP("errors", "Choose which column holds the customer's name."))
        by_ext, by_phone, by_email = self._existing_keys()
        bad_rows = {table.row_numbers[i] for i in table.bad_rows}
        issues: list[RowIssue] = [RowIssue(p.row, "", p.message, p.params, blocking=p.row in bad_rows)
                                  for p in table.problems]
        rows: list[PreparedRow] = []
        seen: dict[tuple[str, str], int] = {}
        total = len(table.rows)
        for i, cells in enumerate(table.rows):
            n = table.row_numbers[i]
            if progress and i % 2000 == 0:
                progress(i, total)
            if i in table.bad_rows:
                continue
            data, problems = row_to_input(cells, table.headers, mapping)
            for f, msg, params in problems:
                issues.append(RowIssue(n, f, msg, params, blocking=False))
            if not data.name and not data.phone and not data.email:
                issues.append(RowIssue(n, "name", QT_TRANSLATE_NOOP(
                    "errors", "No name, phone or e-mail; the row was not imported.")))
                continue
            clean, errors = validate_row(data)
            if errors:
                for e in errors:
                    issues.append(RowIssue(n, e.field, e.message, dict(e.params)))
                continue
            keys = [("external_id", clean.external_id), ("phone", clean.phone), ("email", clean.email.casefold())]
            dup_of = next((seen[(k, v)] for k, v in keys if v and (k, v) in seen), None)
            if dup_of is not None:
                issues.append(RowIssue(n, "", QT_TRANSLATE_NOOP(
                    "errors", "Same customer as row {other} (same id, phone or e-mail); the row was not imported."),
                    {"other": dup_of}))
                continue
            for k, v in keys:
                if v:
                    seen[(k, v)] = n
            match_id, match_by = None, ""
            for k, v, index in (("external_id", clean.external_id, by_ext), ("phone", clean.phone, by_phone),
                                ("email", clean.email.casefold(), by_email)):
                if v and v in index:
                    match_id, match_by = index[v], k
                    break
            rows.append(PreparedRow(n, clean, match_id, match_by))
        if progress:
            progress(total, total)
        return ImportPlan(rows=rows, issues=issues, total=total)

    # --- writing -------------------------------------------------------------------------------------------------
    def run(self, plan: ImportPlan, on_match: str = "skip", progress: ProgressFn | None = None,
            description: str = "") -> ImportResult:
        """Write *plan* in one transaction (see module docstring); *on_match* is skip, update or create."""
        if on_match not in MATCH_POLICIES:
            raise ValueError(on_match)
        ctx = self.ctx
        now = ctx.now()
        stamp = ctx.stamp()
        now_txt = ts_text(now)
        new_rows = [r for r in plan.rows if not r.match_id or on_match == "create"]
        upd_rows = [r for r in plan.rows if r.match_id and on_match == "update"]
        skipped = len(plan.rows) - len(new_rows) - len(upd_rows)
        total = len(new_rows) + len(upd_rows)
        added_ids: list[str] = []
        updated: dict[str, dict[str, list]] = {}  # id -> {field: [old, new]}
        chunk = 5000
        with sqlite_errors_as_sentences(ctx.db.path), ctx.db.engine.begin() as conn:
            raw = conn.connection.driver_connection  # same connection, same transaction
            raw.execute("PRAGMA cache_size=-200000")  # 200 MB while bulk-writing: random ids scatter B-tree pages
            known_tags: set[str] = {r[0] for r in raw.execute("SELECT id FROM tag")}
            for start in range(0, len(new_rows), chunk):
                if progress:
                    progress(start, total)
                cust, search, tag_rows, link_rows = [], [], [], []
                for r in new_rows[start:start + chunk]:
                    d = r.data
                    cid = new_id()
                    added_ids.append(cid)
                    full, initials = pinyin_keys(d.name)
                    cust.append((cid, stamp, stamp, str(d.kind), d.name, full or d.name.casefold(), initials,
                                 d.company, d.phone, d.email, d.address, d.industry,
                                 d.birthday.isoformat() if d.birthday else None, int(d.consent_marketing),
                                 int(d.do_not_contact), d.owner or ctx.user, d.needs, d.notes, d.external_id,
                                 now_txt, now_txt))
                    key, doc = search_texts(d.name, d.company, d.phone, d.email,
                                            [d.industry, d.address, d.notes, d.needs], [])
                    search.append((cid, key, doc))
                    for t in d.tags:
                        tid = stable_id("tag", t)
                        if tid not in known_tags:
                            known_tags.add(tid)
                            tag_rows.append((tid, stamp, stamp, t, ""))
                        link_rows.append((stable_id("customer_tag", cid, tid), stamp, stamp, cid, tid))
                raw.executemany(
                    "INSERT INTO customer (id, created_stamp, stamp, kind, name, name_pinyin, name_initials, company,"
                    " phone, email, address, industry, birthday, consent_marketing, do_not_contact, owner, needs,"
                    " notes, external_id, created_at, updated_at) VALUES"
                    " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", cust)
                raw.executemany("INSERT INTO customer_search (customer_id, key, doc) VALUES (?,?,?)", search)
                raw.executemany("INSERT INTO tag (id, created_stamp, stamp, name, color) VALUES (?,?,?,?,?)",
                                tag_rows)
                raw.executemany("INSERT INTO customer_tag (id, created_stamp, stamp, customer_id, tag_id)"
                                " VALUES (?,?,?,?,?)", link_rows)
            for j, r in enumerate(upd_rows):
                if progress and j % 500 == 0:
                    progress(len(new_rows) + j, total)
                change = self._update_one(conn, raw, r, stamp, now_txt, known_tags)
                if change:
                    updated[r.match_id] = change
            batch_id = None
            if added_ids or updated:
                batch_id = new_id()
                payload = json.dumps({"added": added_ids, "updated": updated}, ensure_ascii=False, default=str)
                conn.execute(ChangeBatch.__table__.insert().values(
                    id=batch_id, kind="import", created_at=now, actor=ctx.user,
                    description=description or f"{len(added_ids)} added, {len(updated)} updated", payload=payload))
            raw.execute("INSERT INTO meta(key, value) VALUES ('last_stamp', ?) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (stamp,))
            if progress:
                progress(total, total)  # a cancel pressed at the very end still rolls back
            raw.execute("PRAGMA cache_size=-2000")
        self._invalidate()
        return ImportResult(added=len(added_ids), updated=len(updated), skipped=skipped, rejected=plan.rejected,
                            batch_id=batch_id)

    def _update_one(self, conn, raw, r: PreparedRow, stamp: str, now_txt: str, known_tags: set[str]) -> dict:
        d = r.data
        current = raw.execute(f"SELECT {', '.join(_UPDATABLE)}, notes, name FROM customer WHERE id = ?",
                              (r.match_id,)).fetchone()
        old = dict(zip((*_UPDATABLE, "notes", "name"), current))
        changes: dict = {}
        for f in _UPDATABLE:
            v = getattr(d, f)
            if f == "birthday":
                v = v.isoformat() if v else None
            if v and v != old[f]:
                changes[f] = v
        if d.notes and d.notes not in (old["notes"] or ""):
            changes["notes"] = _join([old["notes"], d.notes])
        if changes:
            db_changes = dict(changes)
            if "birthday" in db_changes:
                db_changes["birthday"] = date.fromisoformat(db_changes["birthday"])
            update_row(conn, Customer, r.match_id, db_changes, stamp)
            raw.execute("UPDATE customer SET updated_at = ? WHERE id = ?", (now_txt, r.match_id))
        for t in d.tags:  # tags are only ever added by an import
            tid = stable_id("tag", t)
            if tid not in known_tags:
                known_tags.add(tid)
                raw.execute("INSERT INTO tag (id, created_stamp, stamp, name, color) VALUES (?,?,?,?,?)",
                            (tid, stamp, stamp, t, ""))
            link = stable_id("customer_tag", r.match_id, tid)
            if raw.execute("SELECT 1 FROM customer_tag WHERE id = ?", (link,)).fetchone() is None:
                raw.execute("INSERT INTO customer_tag (id, created_stamp, stamp, customer_id, tag_id) "
                            "VALUES (?,?,?,?,?)", (link, stamp, stamp, r.match_id, tid))
                changes.setdefault("_tags_added", []).append(link)
        if changes:
            _reindex(raw, r.match_id)
        return {f: ([old[f], v] if not f.startswith("_") else v) for f, v in changes.items()}

    def last_batch(self) -> tuple[str, str] | None:
        """(id, description) of the newest import that can still be undone, or None."""
        with self.ctx.db.engine.connect() as conn:
            row = conn.exec_driver_sql(
                "SELECT id, description FROM change_batch WHERE kind = 'import' AND undone_at IS NULL "
                "ORDER BY created_at DESC, rowid DESC LIMIT 1").first()
        return (row[0], row[1]) if row else None

    def undo_last(self, progress: ProgressFn | None = None) -> UndoResult:
        """Undo the newest import: tombstone what it added, restore the fields it changed.

        A field someone edited after the import (its value is no longer what
        the import wrote) is left as it is and counted in ``kept``.
        """
        found = self.last_batch()
        if found is None:
            raise NothingToUndo()
        batch_id = found[0]
        ctx = self.ctx
        stamp = ctx.stamp()
        with sqlite_errors_as_sentences(ctx.db.path), ctx.db.engine.begin() as conn:
            raw = conn.connection.driver_connection
            payload = json.loads(raw.execute("SELECT payload FROM change_batch WHERE id = ?",
                                             (batch_id,)).fetchone()[0])
            added = payload.get("added", [])
            removed = tombstone_many(raw, "customer", added, stamp)
            restored = kept = 0
            for cid, fields in payload.get("updated", {}).items():
                current = raw.execute("SELECT * FROM customer WHERE id = ?", (cid,)).fetchone()
                if current is None:
                    continue
                cols = [c[0] for c in raw.execute("SELECT * FROM customer LIMIT 0").description]
                cur = dict(zip(cols, current))
                back: dict = {}
                for f, val in fields.items():
                    if f == "_tags_added":
                        tombstone_many(raw, "customer_tag", val, stamp)
                        continue
                    old, new = val
                    if cur.get(f) == new:
                        back[f] = date.fromisoformat(old) if (f == "birthday" and old) else old
                    else:
                        kept += 1
                if back:
                    update_row(conn, Customer, cid, back, stamp)
                    restored += len(back)
                _reindex(raw, cid)
            raw.execute("UPDATE change_batch SET undone_at = ? WHERE id = ?", (ts_text(ctx.now()), batch_id))
        self._invalidate()
        return UndoResult(removed=removed, restored=restored, kept=kept)


def _reindex(raw, customer_id: str) -> None:
    """Recompute one customer's search text (names, pinyin, phones, contacts) on the raw connection."""
    row = raw.execute("SELECT name, company, phone, email, industry, address, notes, needs FROM customer "
                      "WHERE id = ?", (customer_id,)).fetchone()
    if row is None:
        return
    contacts = [tuple(c) for c in raw.execute(
        "SELECT name, phone, email FROM contact WHERE customer_id = ? AND deleted_stamp IS NULL", (customer_id,))]
    key, doc = search_texts(row[0], row[1], row[2], row[3], [row[4], row[5], row[6], row[7]], contacts)
    full, initials = pinyin_keys(row[0])
    raw.execute("UPDATE customer SET name_pinyin = ?, name_initials = ? WHERE id = ?",
                (full or row[0].casefold(), initials, customer_id))
    raw.execute("INSERT INTO customer_search(customer_id, key, doc) VALUES (?, ?, ?) "
                "ON CONFLICT(customer_id) DO UPDATE SET key = excluded.key, doc = excluded.doc",
                (customer_id, key, doc))


def import_file(ctx: ServiceContext, path, *, encoding: str | None = None, on_match: str = "skip",
                mapping: Sequence[str | None] | None = None, preset: str = "auto",
                progress: ProgressFn | None = None, invalidate: Callable[[], None] | None = None
                ) -> tuple[ImportPlan, ImportResult]:
    """Read, prepare and run an import of *path* (CSV, TSV, .xlsx or .vcf) with the automatic mapping."""
    table = read_any(path, encoding)
    mapping = list(mapping) if mapping is not None else auto_mapping(table.headers, preset)
    importer = CustomerImporter(ctx, invalidate)
    plan = importer.prepare(table, mapping)
    result = importer.run(plan, on_match, progress, description=str(path))
    return plan, result


def read_any(path, encoding: str | None = None) -> Table:
    """A customer table from a CSV/TSV/.xlsx file or a vCard (.vcf) file."""
    from pathlib import Path

    from crm_desktop.exchange.tabular import read_table

    p = Path(path)
    if p.suffix.lower() in (".vcf", ".vcard"):
        from crm_desktop.exchange.vcard import read_vcards_table

        return read_vcards_table(p, encoding)
    return read_table(p, encoding)


__all__ = ["TARGETS", "PRESETS", "MATCH_POLICIES", "auto_mapping", "detect_preset", "CustomerImporter", "ImportPlan",
           "ImportResult", "UndoResult", "RowIssue", "RowProblem", "import_file", "read_any", "NothingToUndo"]
