"""Importing customers from a table (CSV, .xlsx, vCard, Google/Outlook exports).

Three steps, each usable on its own (the wizard shows the result of each):

1. :func:`auto_mapping` — which column holds what, from common Chinese and
   English headers (姓名/客户名称, 联系人, 职务, 手机/联系电话, 微信, Name, E-mail …) or
   a preset (Google Contacts, Outlook).
2. :meth:`CustomerImporter.prepare` — every row turned into a
   :class:`~crm_desktop.domain.models.CustomerInput` and checked with the same
   validation as the customer dialog (e-mail syntax; a name), then matched
   against existing customers by external id, phone, e-mail, a business's name
   or one of its contacts.  Problems are listed by file row.
3. :meth:`CustomerImporter.run` — writes the valid rows in **one
   transaction**: new customers (and their contacts) with ``executemany`` (plus
   their ``customer_search`` rows; the FTS index follows by trigger), matches
   skipped, updated (only non-empty cells, stamped per field with
   ``update_row``) or created.  A cancel or error rolls everything back.  A
   :class:`ChangeBatch` row of kind ``import`` records the ids added and the
   previous values of what was updated, so :meth:`CustomerImporter.undo_last`
   can remove exactly what the import added and restore what it changed.

**Business sheets.**  The usual Chinese sheet has one row per contact person
of a company: 客户名称 (or 公司名称/单位名称), 联系人, 职务, 手机, 微信, 邮箱, 地址.
When the columns name both a customer or company and a contact person, the
row is a *business* customer with that *contact*: 职务 is the contact's title
and the person's phone, WeChat, e-mail and birthday are the contact's, while
the address, industry, lead source, notes and a company phone (公司电话, 总机)
stay the business's.  Rows naming the same business (same name after NFKC
and case folding) become one customer with several contacts; a contact that
is already there (same phone, e-mail or name at the matched customer) is
matched, not added twice.  A sheet with a 联系人 column but no company column
is a list of people: 联系人 is then the customer's name.

**Odd values never drop a row.**  A phone that is not valid for China is read
under the row's own country (a Country column, a vCard address) when that
makes it valid, else kept as typed when it has the shape of a phone number,
else kept in the notes; an invalid e-mail is kept in the notes.  Each case is
a non-blocking :class:`RowIssue` and is counted in :attr:`ImportPlan.kept`,
which the wizard and the command line show after the counts.  Where several
values arrive for one field: the customer's phone is the first valid one and
the others go to the notes ("Phone 2: …"); a contact's first phone is its
phone, the second its second phone, further ones its notes; e-mails likewise.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Sequence

from crm_desktop.db import imports as q
from crm_desktop.db.bulk import insert_many, set_meta, tombstone_many
from crm_desktop.db.errors import sqlite_errors_as_sentences
from crm_desktop.db.models import ChangeBatch, Contact, Customer
from crm_desktop.db.sync import new_id, stable_id, update_row
from crm_desktop.db.types import ts_text
from crm_desktop.domain.enums import BuyingRole, CustomerKind, LeadSource
from crm_desktop.domain.errors import format_message, QT_TRANSLATE_NOOP, UserError, ValidationError
from crm_desktop.domain.models import ContactInput, CustomerInput
from crm_desktop.exchange.tabular import RowProblem, Table
from crm_desktop.services.context import ServiceContext
from crm_desktop.db.search import reindex_customers
from crm_desktop.domain.text import fold, pinyin_keys, search_texts
from crm_desktop.services.validation import normalize_email, read_phone_leniently, region_of_country, validate_customer

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
    "wechat": QT_TRANSLATE_NOOP("import", "WeChat"),
    "address": QT_TRANSLATE_NOOP("import", "Address"),
    "country": QT_TRANSLATE_NOOP("import", "Country (to read phone numbers)"),
    "industry": QT_TRANSLATE_NOOP("import", "Industry"),
    "kind": QT_TRANSLATE_NOOP("import", "Kind of customer"),
    "lead_source": QT_TRANSLATE_NOOP("import", "Lead source"),
    "owner": QT_TRANSLATE_NOOP("import", "Owner"),
    "tags": QT_TRANSLATE_NOOP("import", "Tags"),
    "birthday": QT_TRANSLATE_NOOP("import", "Birthday"),
    "needs": QT_TRANSLATE_NOOP("import", "Needs"),
    "notes": QT_TRANSLATE_NOOP("import", "Notes"),
    "external_id": QT_TRANSLATE_NOOP("import", "External id"),
    "crm_id": QT_TRANSLATE_NOOP("import", "Customer id in this app (from an export)"),
    "contact_name": QT_TRANSLATE_NOOP("import", "Contact: name"),
    "contact_title": QT_TRANSLATE_NOOP("import", "Contact: title"),
    "contact_role": QT_TRANSLATE_NOOP("import", "Contact: buying role"),
    "contact_phone": QT_TRANSLATE_NOOP("import", "Contact: phone"),
    "contact_phone2": QT_TRANSLATE_NOOP("import", "Contact: second phone"),
    "contact_wechat": QT_TRANSLATE_NOOP("import", "Contact: WeChat"),
    "contact_email": QT_TRANSLATE_NOOP("import", "Contact: e-mail"),
    "contact_birthday": QT_TRANSLATE_NOOP("import", "Contact: birthday"),
    "contact_notes": QT_TRANSLATE_NOOP("import", "Contact: notes"),
    "extra": QT_TRANSLATE_NOOP("import", "Add to notes (with the column title)"),
}
"""Where a column can go (key → English label for the wizard); None means "ignore the column".

``phone``, ``email``, ``notes``, ``extra`` and the contact's phone, e-mail and
notes may take several columns (see the module docstring for where the
second and later values go).  The ``contact_*`` targets make the row's
customer a business with that contact person.
"""

MULTI_TARGETS = frozenset({"phone", "email", "notes", "extra", "contact_phone", "contact_email", "contact_notes"})
CONTACT_TARGETS = frozenset(t for t in TARGETS if t.startswith("contact_"))
ONE_LINE_TARGETS = frozenset({"name", "given_name", "family_name", "company", "phone", "email", "wechat",
                              "external_id", "crm_id", "kind", "owner", "contact_name", "contact_phone",
                              "contact_phone2", "contact_email", "contact_wechat"})
"""Fields no real cell spreads over several lines: a line break in one means the file's quotes are off."""

_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名称", "客户名称", "客户姓名", "客户", "名字", "name", "fullname", "customername",
             "displayname", "fn"),
    "given_name": ("名", "firstname", "givenname"),
    "family_name": ("姓", "lastname", "familyname", "surname"),
    "company": ("公司", "单位", "公司名称", "单位名称", "企业名称", "企业", "机构", "机构名称", "所属公司", "工作单位",
                "客户单位", "company", "companyname", "organization", "organisation", "organization1name",
                "organizationname", "org", "employer", "account", "accountname"),
    "phone": ("手机", "电话", "联系电话", "手机号", "手机号码", "电话号码", "移动电话", "座机", "办公电话", "固话",
              "公司电话", "单位电话", "总机", "备用电话", "备用手机", "其他电话", "phone", "mobile", "mobilephone",
              "cell", "cellphone", "tel", "telephone", "phonenumber", "phone1value", "phone2value", "phone3value",
              "businessphone", "homephone", "primaryphone", "companymainphone", "companyphone", "mainphone",
              "businessphone2", "homephone2", "otherphone", "workphone"),
    "email": ("邮箱", "电子邮件", "电子邮箱", "邮件", "邮箱地址", "email", "e-mail", "emailaddress", "mail",
              "email1value", "email2value", "email3value", "e-mailaddress", "e-mail2address", "e-mail3address",
              "e-mail1value", "e-mail2value", "workemail", "homeemail", "otheremail"),
    "wechat": ("微信", "微信号", "微信账号", "微信id", "wechat", "wechatid", "weixin", "wx"),
    "address": ("地址", "联系地址", "通讯地址", "公司地址", "单位地址", "详细地址", "办公地址", "address",
                "address1formatted", "businessstreet", "homestreet", "street", "mailingaddress"),
    "country": ("国家", "国家地区", "国家或地区", "country", "countryregion", "businesscountryregion",
                "homecountryregion", "businesscountry", "homecountry", "address1country"),
    "industry": ("行业", "所属行业", "行业类别", "industry", "sector"),
    "kind": ("类型", "客户类型", "客户类别", "kind", "type", "customertype"),
    "lead_source": ("来源", "客户来源", "线索来源", "获客渠道", "leadsource", "source"),
    "owner": ("负责人", "销售", "业务员", "所属销售", "归属", "owner", "salesperson", "accountowner"),
    "tags": ("标签", "分组", "tags", "tag", "labels", "groupmembership", "categories"),
    "birthday": ("生日", "出生日期", "birthday", "dateofbirth", "birthdate", "bday"),
    "needs": ("需求", "客户需求", "needs"),
    "notes": ("备注", "说明", "notes", "note", "remarks", "comment", "comments", "memo", "extracells"),
    "external_id": ("编号", "客户编号", "客户id", "客户代码", "id", "externalid", "customerid", "customerno",
                    "customernumber", "uid", "code"),
    "crm_id": ("crmid", "crm编号", "crmcustomerid", "crm客户编号"),
    "contact_name": ("联系人", "联系人姓名", "联系人名称", "联络人", "对接人", "contact", "contactname",
                     "contactperson"),
    "contact_title": ("职务", "职位", "岗位", "头衔", "联系人职务", "联系人职位", "jobtitle", "title", "position"),
    "contact_role": ("角色", "采购角色", "决策角色", "buyingrole", "role"),
    "contact_phone": ("联系人手机", "联系人电话", "contactphone", "contactmobile"),
    "contact_email": ("联系人邮箱", "contactemail"),
    "contact_wechat": ("联系人微信", "contactwechat"),
    "contact_birthday": ("联系人生日", "contactbirthday"),
    "contact_notes": ("联系人备注", "contactnotes"),
    "extra": ("部门", "网址", "qq", "department", "website", "website1value", "businesscity", "businessstate",
              "businesspostalcode", "homecity", "city", "城市", "省份"),
}

_COMPANY_PHONES = ("公司电话", "单位电话", "总机", "companyphone", "companymainphone", "mainphone")
"""Phone columns that are the organisation's own number, also in a business sheet."""

_ORG_NAMES = ("客户名称", "名称", "客户", "客户全称", "customername", "customer", "client", "clientname")
"""Name columns that may hold an organisation's name (姓名 and "Name" are a person's)."""

_PERSONAL_TO_CONTACT = {"phone": "contact_phone", "email": "contact_email", "wechat": "contact_wechat",
                        "birthday": "contact_birthday"}
"""In a business sheet these columns describe the contact person, not the business."""

_CONTACT_TO_CUSTOMER = {"contact_name": "name", "contact_phone": "phone", "contact_phone2": "phone",
                        "contact_email": "email", "contact_wechat": "wechat", "contact_birthday": "birthday",
                        "contact_notes": "notes", "contact_title": "extra", "contact_role": "extra"}
"""In a sheet of people (no company column) contact columns describe the customer."""

_IGNORE = ("phone1type", "phone2type", "phone3type", "email1type", "email2type", "email3type", "e-mail1type",
           "e-mail2type", "address1type", "website1type", "middlename", "additionalname", "nameprefix", "namesuffix",
           "yominame", "photo", "e-maildisplayname", "e-mail2displayname", "e-mailtype", "sensitivity", "priority",
           "initials", "gender", "nickname", "donotcontact", "序号", "行号", "no", "rowno", "index")


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
_COMPANY_PHONE_KEYS = frozenset(_header_key(_n) for _n in _COMPANY_PHONES)
_ORG_NAME_KEYS = frozenset(_header_key(_n) for _n in _ORG_NAMES)


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
    dropped unless the user says so.  A sheet naming a customer or company
    *and* a contact person is a business sheet (module docstring): its
    personal columns go to the contact.  (A person's name column, 姓名 or
    "Name", beside a 联系人 column does not make a business sheet.)
    """
    if preset == "auto":
        preset = detect_preset(headers)
    table = _PRESET_HEADERS.get(preset, {})
    raw: list[str | None] = []
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
        raw.append(target)
    business = "contact_name" in raw and (
        "company" in raw or any(t == "name" and _header_key(h) in _ORG_NAME_KEYS for h, t in zip(headers, raw)))
    out: list[str | None] = []
    taken: set[str] = set()
    for h, target in zip(headers, raw):
        if business and target in _PERSONAL_TO_CONTACT and _header_key(h) not in _COMPANY_PHONE_KEYS:
            target = _PERSONAL_TO_CONTACT[target]
        elif not business and target in _CONTACT_TO_CUSTOMER:
            target = _CONTACT_TO_CUSTOMER[target]
            if target == "name" and "name" in raw:
                target = "extra"
        if business and target == "contact_phone" and "contact_phone" in taken and "contact_phone2" not in taken:
            target = "contact_phone2"
        if target is not None and target not in MULTI_TARGETS:
            if target in taken:
                target = "extra"
            taken.add(target)
        elif target is not None:
            taken.add(target)
        out.append(target)
    return out


# --- rows --------------------------------------------------------------------------------------------------------

_KIND_WORDS = {
    "个人": CustomerKind.PERSON, "消费者": CustomerKind.PERSON, "person": CustomerKind.PERSON,
    "consumer": CustomerKind.PERSON, "individual": CustomerKind.PERSON,
    "企业": CustomerKind.BUSINESS, "公司": CustomerKind.BUSINESS, "business": CustomerKind.BUSINESS,
    "company": CustomerKind.BUSINESS, "单位": CustomerKind.BUSINESS,
    "中间商": CustomerKind.INTERMEDIARY, "经销商": CustomerKind.INTERMEDIARY, "代理商": CustomerKind.INTERMEDIARY,
    "intermediary": CustomerKind.INTERMEDIARY, "distributor": CustomerKind.INTERMEDIARY,
    "公利客户": CustomerKind.PUBLIC, "公利": CustomerKind.PUBLIC, "公共机构": CustomerKind.PUBLIC,
    "政府": CustomerKind.PUBLIC, "协会": CustomerKind.PUBLIC, "public": CustomerKind.PUBLIC,
    "association": CustomerKind.PUBLIC,
}
_ROLE_WORDS = {
    "使用者": BuyingRole.USER, "用户": BuyingRole.USER, "user": BuyingRole.USER,
    "影响者": BuyingRole.INFLUENCER, "影响人": BuyingRole.INFLUENCER, "influencer": BuyingRole.INFLUENCER,
    "决策者": BuyingRole.DECIDER, "决策人": BuyingRole.DECIDER, "decider": BuyingRole.DECIDER,
    "decision maker": BuyingRole.DECIDER,
    "批准者": BuyingRole.APPROVER, "审批人": BuyingRole.APPROVER, "approver": BuyingRole.APPROVER,
    "购买者": BuyingRole.BUYER, "采购": BuyingRole.BUYER, "采购员": BuyingRole.BUYER, "buyer": BuyingRole.BUYER,
    "把关者": BuyingRole.GATEKEEPER, "守门人": BuyingRole.GATEKEEPER, "gatekeeper": BuyingRole.GATEKEEPER,
}
_SOURCE_WORDS = {
    "展会": LeadSource.TRADE_FAIR, "展销会": LeadSource.TRADE_FAIR, "交易会": LeadSource.TRADE_FAIR,
    "trade fair": LeadSource.TRADE_FAIR, "trade show": LeadSource.TRADE_FAIR, "exhibition": LeadSource.TRADE_FAIR,
    "协会": LeadSource.ASSOCIATION, "行业协会": LeadSource.ASSOCIATION, "商会": LeadSource.ASSOCIATION,
    "association": LeadSource.ASSOCIATION,
    "介绍": LeadSource.REFERRAL, "转介绍": LeadSource.REFERRAL, "朋友介绍": LeadSource.REFERRAL,
    "熟人介绍": LeadSource.REFERRAL, "referral": LeadSource.REFERRAL,
    "客户介绍": LeadSource.CUSTOMER_REFERRAL, "老客户介绍": LeadSource.CUSTOMER_REFERRAL,
    "customer referral": LeadSource.CUSTOMER_REFERRAL,
    "员工": LeadSource.STAFF, "员工介绍": LeadSource.STAFF, "staff": LeadSource.STAFF,
    "拜访": LeadSource.VISIT, "上门": LeadSource.VISIT, "陌拜": LeadSource.VISIT, "visit": LeadSource.VISIT,
    "网站": LeadSource.WEB, "官网": LeadSource.WEB, "网络": LeadSource.WEB, "网上": LeadSource.WEB,
    "web": LeadSource.WEB, "website": LeadSource.WEB, "online": LeadSource.WEB,
    "其他": LeadSource.OTHER, "other": LeadSource.OTHER,
}
_TAG_SPLIT = re.compile(r"\s*(?:[,，;；、|]|:::)\s*")
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
    re.compile(r"^--(\d{2})-?(\d{2})$"),  # vCard 4.0 birthday without a year: kept in the notes
)


def parse_date(text: str) -> date | None:
    """A date from 2024-05-01, 2024/5/1, 2024年5月1日 or 20240501; None when it is not one."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m and m.lastindex == 3:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


KEPT: dict[str, str] = {
    "business": QT_TRANSLATE_NOOP("import", "Business customers (companies and other organisations): {count}"),
    "contact_added": QT_TRANSLATE_NOOP("import", "New contacts at these customers: {count}"),
    "contact_matched": QT_TRANSLATE_NOOP("import", "Contacts already there, matched and not added again: {count}"),
    "row_joined": QT_TRANSLATE_NOOP("import", "Rows added to the business of an earlier row: {count}"),
    "phone_abroad": QT_TRANSLATE_NOOP("import", "Phones read under the row's own country: {count}"),
    "phone_as_typed": QT_TRANSLATE_NOOP("import", "Phones kept as typed (not valid for China or their country): "
                                                  "{count}"),
    "in_notes": QT_TRANSLATE_NOOP("import", "Further phones, e-mails and unreadable values kept in the notes: "
                                            "{count}"),
}
"""What the summary after an import counts (key of :attr:`ImportPlan.kept` → English label, context "import")."""


@dataclass
class RowIssue:
    """A problem with one file row: ``row`` is its line in the file; ``field`` the target; ``message`` an
    English template (translation context "errors") with ``params``; ``blocking`` rows are not imported;
    ``code`` a key of :data:`KEPT` when the issue says how a value was kept."""

    row: int
    field: str
    message: str
    params: dict = field(default_factory=dict)
    blocking: bool = True
    code: str = ""

    def text(self, translate=None) -> str:
        """The problem in one sentence (without the row number, which is shown beside it)."""
        return format_message(self.message, self.params, translate)


@dataclass
class PreparedRow:
    """A valid row: ``data`` is validated and normalised (its contacts carry the id of the existing contact
    each matched, else None); ``match_id`` the existing customer it matches (by ``match_by``:
    "external_id", "phone", "email", "name" (a business's name) or "contact" (one of its contacts' phone
    or e-mail)), or None for a new customer; ``joined`` the later file rows merged into this one."""

    row: int
    data: CustomerInput
    match_id: str | None = None
    match_by: str = ""
    joined: list[int] = field(default_factory=list)


@dataclass
class ImportPlan:
    """What an import would do: ``rows`` valid rows (one per customer), ``issues`` problems by row,
    ``total`` data rows read, ``kept`` counts by :data:`KEPT` key of how values were kept."""

    rows: list[PreparedRow]
    issues: list[RowIssue]
    total: int
    kept: dict[str, int] = field(default_factory=dict)

    @property
    def matched(self) -> int:
        return sum(1 for r in self.rows if r.match_id)

    @property
    def new(self) -> int:
        return sum(1 for r in self.rows if not r.match_id)

    @property
    def contacts(self) -> int:
        return sum(len(r.data.contacts) for r in self.rows)

    @property
    def rejected(self) -> int:
        return len({i.row for i in self.issues if i.blocking})

    def summary(self, translate=None) -> list[str]:
        """One line per non-zero :attr:`kept` count, in :data:`KEPT` order, translated when given."""
        return [format_message(label, {"count": self.kept[key]}, translate, "import")
                for key, label in KEPT.items() if self.kept.get(key)]


@dataclass(frozen=True)
class ImportResult:
    """What an import did: counts and the ChangeBatch id that undoes it (None when nothing changed);
    ``contacts`` is the number of contacts added (to new and to updated customers)."""

    added: int
    updated: int
    skipped: int
    rejected: int
    batch_id: str | None
    contacts: int = 0


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


_Note = tuple[str, str, dict, str]
"""A non-blocking remark on a row: (field, English template, params, :data:`KEPT` key or "")."""


def _pick_phones(items: list[tuple[str, str]], region: str, slots: int, field_name: str,
                 notes: list[_Note], counts: dict[str, int]) -> tuple[list[str], list[str]]:
    """(up to *slots* phones for the fields, "Title: value" lines for the notes) from *items*.

    Valid numbers come first, then numbers kept as typed; the rest, and text that is no phone
    number at all, go to the notes (see the module docstring).
    """
    readings, seen = [], set()
    for header, raw in items:
        fast = fast_phone(raw)
        reading = read_phone_leniently(raw, region) if fast is None else None
        value = fast or reading.value
        if value and value in seen:
            continue
        seen.add(value)
        readings.append((header, raw, fast, reading))
    rank = {"valid": 0, "abroad": 0, "as_typed": 1}
    usable = [x for x in readings if x[2] or x[3].how in rank]
    usable.sort(key=lambda x: 0 if x[2] else rank[x[3].how])  # stable: file order within each class
    chosen = usable[:slots]
    fields, lines = [], []
    for header, raw, fast, reading in chosen:
        fields.append(fast or reading.value)
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


def _pick_emails(items: list[tuple[str, str]], slots: int, field_name: str, notes: list[_Note],
                 counts: dict[str, int]) -> tuple[list[str], list[str]]:
    """(up to *slots* valid e-mails, note lines for the others); an invalid address is kept in the notes."""
    fields, lines, seen = [], [], set()
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


def _word(text: str, words: dict, enum_cls):
    """The enum member a cell names ("决策者", "decider"), or None."""
    key = unicodedata.normalize("NFKC", text).casefold().strip()
    if key in words:
        return words[key]
    try:
        return enum_cls(key.replace(" ", "_"))
    except ValueError:
        return None


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


MATCH_POLICIES = ("skip", "update", "create")
_UPDATABLE = ("company", "phone", "email", "wechat", "address", "industry", "lead_source", "needs", "external_id",
              "birthday")
"""Fields an ``update`` import may overwrite (only with non-empty cells); notes and tags are added to instead."""


def _join(parts: list[str]) -> str:
    return "\n".join(p for p in parts if p)


def row_to_input(cells: Sequence[str], headers: Sequence[str], mapping: Sequence[str | None]
                 ) -> tuple[CustomerInput, list[_Note], dict[str, int]]:
    """(customer input, remarks, quiet counts by :data:`KEPT` key) for one row, before validation.

    Phones and e-mails are read here (leniently, see the module docstring); the
    contact columns make at most one contact; extra phones and e-mails, "add to
    notes" columns and unreadable dates are kept in the notes so nothing typed
    in the file is lost.
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
    notes: list[_Note] = []
    counts: dict[str, int] = {}

    def first(key: str) -> str:
        got = values.get(key)
        return got[0][1] if got else ""

    def title(key: str) -> str:
        return values[key][0][0]

    name = first("name")
    if not name:
        given, family = first("given_name"), first("family_name")
        name = (family + given) if (family + given) and not (family + given).isascii() else f"{given} {family}".strip()
    data = CustomerInput(name=name, company=first("company"), address=first("address"),
                         industry=first("industry"), needs=first("needs"), external_id=first("external_id"),
                         owner=first("owner"), wechat=first("wechat"))
    extra_lines: list[str] = []
    country = first("country")
    region = region_of_country(country)
    if country and fold(country) not in fold(data.address):
        extra_lines.append(f"{title('country')}: {country}")

    phone_items = list(values.get("phone", []))
    email_items = list(values.get("email", []))
    contact_name = first("contact_name")
    contact: ContactInput | None = None
    if contact_name:
        contact = ContactInput(name=contact_name, title=first("contact_title"), wechat=first("contact_wechat"))
        c_lines: list[str] = []
        c_phone_items = values.get("contact_phone", [])
        c_phone_items = c_phone_items[:1] + values.get("contact_phone2", []) + c_phone_items[1:]
        c_phones, lines = _pick_phones(c_phone_items, region, 2, "contact_phone", notes, counts)
        c_lines += lines
        contact.phone = c_phones[0] if c_phones else ""
        contact.phone2 = c_phones[1] if len(c_phones) > 1 else ""
        c_emails, lines = _pick_emails(values.get("contact_email", []), 1, "contact_email", notes, counts)
        c_lines += lines
        contact.email = c_emails[0] if c_emails else ""
        role = first("contact_role")
        if role:
            contact.role = _word(role, _ROLE_WORDS, BuyingRole)
            if contact.role is None:
                c_lines.append(f"{title('contact_role')}: {role}")
        bday = first("contact_birthday")
        if bday:
            contact.birthday = parse_date(bday)
            if contact.birthday is None:
                c_lines.append(f"{title('contact_birthday')}: {bday}")
                notes.append(("contact_birthday", QT_TRANSLATE_NOOP(
                    "errors", "“{value}” is not a date; it was kept in the notes."), {"value": bday}, "in_notes"))
        contact.notes = _join([v for _h, v in values.get("contact_notes", [])] + c_lines)
        contact.title = contact.title[:100]
    else:
        # contact details without a contact name describe the customer itself
        phone_items += values.get("contact_phone", []) + values.get("contact_phone2", [])
        email_items += values.get("contact_email", [])
        if not data.wechat:
            data.wechat = first("contact_wechat")
        for key in ("contact_title", "contact_role", "contact_birthday", "contact_notes"):
            extra_lines += [f"{h}: {v}" for h, v in values.get(key, [])]

    phones, lines = _pick_phones(phone_items, region, 1, "phone", notes, counts)
    data.phone = phones[0] if phones else ""
    extra_lines += lines
    emails, lines = _pick_emails(email_items, 1, "email", notes, counts)
    data.email = emails[0] if emails else ""
    extra_lines += lines
    extra_lines += [f"{h}: {v}" for h, v in values.get("extra", [])]

    kind_text = first("kind")
    kind = _word(kind_text, _KIND_WORDS, CustomerKind) if kind_text else None
    if kind_text and kind is None:
        extra_lines.append(f"{title('kind')}: {kind_text}")
    if kind is not None:
        data.kind = kind
    elif contact is not None or "contact_name" in mapping or (data.company and not data.name):
        data.kind = CustomerKind.BUSINESS  # a row of a business sheet, or a list of companies
    if not data.name and data.company:
        data.name = data.company  # a list of companies: the company is the customer's name
    source = first("lead_source")
    if source:
        data.lead_source = _word(source, _SOURCE_WORDS, LeadSource)
        if data.lead_source is None:
            extra_lines.append(f"{title('lead_source')}: {source}")
    bday = first("birthday")
    if bday:
        parsed = parse_date(bday)
        if parsed is None:
            extra_lines.append(f"{title('birthday')}: {bday}")
            notes.append(("birthday", QT_TRANSLATE_NOOP(
                "errors", "“{value}” is not a date; it was kept in the notes."), {"value": bday}, "in_notes"))
        else:
            data.birthday = parsed
    tags: list[str] = []
    for _h, v in values.get("tags", []):
        tags += [t.strip().lstrip("*").strip() for t in _TAG_SPLIT.split(v)]
    data.tags = [t for t in tags if t and t.casefold() != "mycontacts"]
    data.notes = _join([v for _h, v in values.get("notes", [])] + extra_lines)
    data.contacts = [contact] if contact is not None else []
    return data, notes, counts


def _contact_keys(c) -> list[tuple[str, str]]:
    """The phone and e-mail keys of a contact (what finds its customer from another row)."""
    keys = [("phone", p) for p in (c.phone, c.phone2) if p]
    if c.email:
        keys.append(("email", c.email.casefold()))
    return keys


def _same_person(a, b) -> bool:
    """Whether two contacts of one customer are the same person: a shared phone or e-mail, or the same
    name with no phone or e-mail telling them apart (two 张伟 with different mobiles are two people)."""
    ka, kb = set(_contact_keys(a)), set(_contact_keys(b))
    if ka & kb:
        return True
    if fold(a.name) != fold(b.name):
        return False
    phones_a, phones_b = {p for p in (a.phone, a.phone2) if p}, {p for p in (b.phone, b.phone2) if p}
    if phones_a and phones_b:
        return False
    return not (a.email and b.email and a.email.casefold() != b.email.casefold())


def _fill_from(target: CustomerInput, extra: CustomerInput) -> None:
    """Add what a later row of the same business says to the customer of the first row."""
    for f in ("company", "phone", "email", "wechat", "address", "industry", "needs", "external_id", "owner"):
        if not getattr(target, f) and getattr(extra, f):
            setattr(target, f, getattr(extra, f))
    for f in ("lead_source", "birthday"):
        if getattr(target, f) is None and getattr(extra, f) is not None:
            setattr(target, f, getattr(extra, f))
    if extra.notes and extra.notes not in target.notes:
        target.notes = _join([target.notes, extra.notes])
    target.tags = sorted(set(target.tags) | set(extra.tags))


class CustomerImporter:
    """Prepares, runs and undoes customer imports over the database in ``ctx``."""

    def __init__(self, ctx: ServiceContext, invalidate: Callable[[], None] | None = None) -> None:
        self.ctx = ctx
        self._invalidate = invalidate or (lambda: None)

    # --- matching ------------------------------------------------------------------------------------------------
    def _existing_keys(self) -> dict[str, dict[str, str]]:
        """{"crm_id" | "external_id" | "phone" | "email" | "name": key → customer id} of live customers
        ("name" only for businesses, intermediaries and public bodies, folded)."""
        index: dict[str, dict[str, str]] = {"crm_id": {}, "external_id": {}, "phone": {}, "email": {}, "name": {}}
        with self.ctx.db.engine.connect() as conn:
            for cid, ext, phone, email, kind, name in q.customer_match_keys(conn):
                index["crm_id"][cid] = cid
                if ext:
                    index["external_id"].setdefault(ext, cid)
                if phone:
                    index["phone"].setdefault(phone, cid)
                if email:
                    index["email"].setdefault(email.casefold(), cid)
                if kind != CustomerKind.PERSON.value and name:
                    index["name"].setdefault(fold(name), cid)
        return index

    def _existing_contacts(self) -> tuple[dict[str, list[ContactInput]], dict[tuple[str, str], str]]:
        """({customer id: its live contacts (with ids)}, {phone/e-mail key: customer id})."""
        per_customer: dict[str, list[ContactInput]] = {}
        owner: dict[tuple[str, str], str] = {}
        with self.ctx.db.engine.connect() as conn:
            for contact_id, cid, name, phone, email in q.contact_match_keys(conn):
                c = ContactInput(name=name or "", phone=phone or "", email=email or "", id=contact_id)
                per_customer.setdefault(cid, []).append(c)
                for k in _contact_keys(c):
                    owner.setdefault(k, cid)
        return per_customer, owner

    def prepare(self, table: Table, mapping: Sequence[str | None], progress: ProgressFn | None = None) -> ImportPlan:
        """Validate and match every row (no writes).  Rows with a blocking issue are left out of the plan.

        Rows of the same business are joined into one :class:`PreparedRow`; a row with a contact but no
        customer name belongs to the business of the row above (a company cell merged over its contacts'
        rows reads back blank in CSV).
        """
        if len(mapping) != len(table.headers):
            raise ValueError("mapping must have one entry per column")
        if "name" not in mapping and not ({"given_name", "family_name", "company"} & set(mapping)):
            raise UserError(QT_TRANSLATE_NOOP("errors", "Choose which column holds the customer's name."))
        index = self._existing_keys()
        contacts_of, contact_owner = ({}, {}) if not (CONTACT_TARGETS & set(mapping)) else self._existing_contacts()
        bad_rows = {table.row_numbers[i] for i in table.bad_rows}
        issues: list[RowIssue] = [RowIssue(p.row, "", p.message, p.params, blocking=p.row in bad_rows)
                                  for p in table.problems]
        crm_col = mapping.index("crm_id") if "crm_id" in mapping else None
        kept: dict[str, int] = {}
        rows: list[PreparedRow] = []
        seen: dict[tuple[str, str], int] = {}
        businesses: dict[str, PreparedRow] = {}
        last_business: PreparedRow | None = None
        total = len(table.rows)
        for i, cells in enumerate(table.rows):
            n = table.row_numbers[i]
            if progress and i % 2000 == 0:
                progress(i, total)
            if i in table.bad_rows:
                continue
            broken = next((j for j, (c, t) in enumerate(zip(cells, mapping)) if t in ONE_LINE_TARGETS and "\n" in c),
                          None)
            if broken is not None and table.kind != "csv":  # a line break typed into a cell (Alt+Enter)
                cells = [" ".join(c.split()) if t in ONE_LINE_TARGETS else c for c, t in zip(cells, mapping)]
            elif broken is not None:
                issues.append(RowIssue(n, mapping[broken], QT_TRANSLATE_NOOP(
                    "errors", "The “{column}” cell runs over {count} lines; a quote in the file is probably not "
                              "closed. The row was not imported."),
                    {"column": table.headers[broken], "count": cells[broken].count("\n") + 1}))
                continue
            data, notes, counts = row_to_input(cells, table.headers, mapping)
            for f, msg, params, code in notes:
                issues.append(RowIssue(n, f, msg, params, blocking=False, code=code))
                if code:
                    kept[code] = kept.get(code, 0) + 1
            for code, count in counts.items():
                kept[code] = kept.get(code, 0) + count
            if not data.name and data.contacts and last_business is not None:
                issues.append(RowIssue(n, "name", QT_TRANSLATE_NOOP(
                    "errors", "No customer name; the contact was added to “{name}” of the row above."),
                    {"name": last_business.data.name}, blocking=False, code="row_joined"))
                data.name, data.kind = last_business.data.name, last_business.data.kind
            if not data.name and not data.phone and not data.email:
                issues.append(RowIssue(n, "name", QT_TRANSLATE_NOOP(
                    "errors", "No name, phone or e-mail; the row was not imported.")))
                continue
            clean, errors = validate_row(data)
            if errors:
                for e in errors:
                    issues.append(RowIssue(n, e.field, e.message, dict(e.params)))
                continue
            business_key = fold(clean.name) if clean.kind != CustomerKind.PERSON else ""
            group = businesses.get(business_key) if business_key else None
            if group is not None:
                _fill_from(group.data, clean)
                self._add_contacts(group, clean.contacts, contacts_of, kept)
                group.joined.append(n)
                kept["row_joined"] = kept.get("row_joined", 0) + 1
                last_business = group
                continue
            crm_id = cells[crm_col].strip() if crm_col is not None else ""
            keys = [("crm_id", crm_id), ("external_id", clean.external_id), ("phone", clean.phone),
                    ("email", clean.email.casefold())]
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
            for k, v in (*keys, ("name", business_key)):
                if v and v in index[k]:
                    match_id, match_by = index[k][v], k
                    break
            if match_id is None:
                for c in clean.contacts:
                    owner = next((contact_owner[k] for k in _contact_keys(c) if k in contact_owner), None)
                    if owner:
                        match_id, match_by = owner, "contact"
                        break
            prepared = PreparedRow(n, clean, match_id, match_by)
            contacts, clean.contacts = clean.contacts, []
            self._add_contacts(prepared, contacts, contacts_of, kept)
            rows.append(prepared)
            if business_key:
                businesses[business_key] = prepared
                last_business = prepared
            else:
                last_business = None
        kept["business"] = sum(1 for r in rows if r.data.kind != CustomerKind.PERSON)
        kept["contact_added"] = sum(1 for r in rows for c in r.data.contacts if c.id is None)
        if progress:
            progress(total, total)
        return ImportPlan(rows=rows, issues=issues, total=total, kept=kept)

    @staticmethod
    def _add_contacts(target: PreparedRow, contacts: list[ContactInput],
                      contacts_of: dict[str, list[ContactInput]], kept: dict[str, int]) -> None:
        """Add *contacts* to *target* unless the same person (:func:`_same_person`) is already in it, or at
        its matched customer, whose contact id it then takes."""
        existing = contacts_of.get(target.match_id or "", [])
        for c in contacts:
            twin = next((o for o in target.data.contacts if _same_person(c, o)), None)
            if twin is not None:
                for f in ("title", "phone", "phone2", "email", "wechat", "notes"):
                    if not getattr(twin, f) and getattr(c, f):
                        setattr(twin, f, getattr(c, f))
                if twin.role is None:
                    twin.role = c.role
                if twin.birthday is None:
                    twin.birthday = c.birthday
                kept["contact_matched"] = kept.get("contact_matched", 0) + 1
                continue
            c.id = next((o.id for o in existing if _same_person(c, o)), None)
            if c.id is not None:
                kept["contact_matched"] = kept.get("contact_matched", 0) + 1
            target.data.contacts.append(c)

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
        contacts_added: list[str] = []
        updated: dict[str, dict[str, list]] = {}  # id -> {field: [old, new]}
        contacts_updated: dict[str, dict[str, list]] = {}
        chunk = 5000
        with sqlite_errors_as_sentences(ctx.db.path), ctx.db.engine.begin() as conn:
            raw = conn.connection.driver_connection  # same connection, same transaction
            raw.execute("PRAGMA cache_size=-200000")  # 200 MB while bulk-writing: random ids scatter B-tree pages
            known_tags: set[str] = {r[0] for r in raw.execute("SELECT id FROM tag")}
            for start in range(0, len(new_rows), chunk):
                if progress:
                    progress(start, total)
                cust, search, tag_rows, link_rows, contact_rows = [], [], [], [], []
                for r in new_rows[start:start + chunk]:
                    d = r.data
                    cid = new_id()
                    added_ids.append(cid)
                    full, initials = pinyin_keys(d.name)
                    cust.append((cid, stamp, stamp, str(d.kind), d.name, full or d.name.casefold(), initials,
                                 d.company, d.phone, d.email, d.wechat, d.address, d.industry,
                                 str(d.lead_source) if d.lead_source else None,
                                 d.birthday.isoformat() if d.birthday else None, int(d.consent_marketing),
                                 int(d.do_not_contact), d.owner or ctx.user, d.needs, d.notes, d.external_id,
                                 now_txt, now_txt))
                    for c in d.contacts:
                        contact_id = new_id()
                        contacts_added.append(contact_id)
                        contact_rows.append(_contact_row(contact_id, stamp, cid, c))
                    key, doc = search_texts(d.name, d.company, d.phone, d.email, d.wechat,
                                            [d.industry, d.address, d.notes, d.needs],
                                            [(c.name, c.phone, c.phone2, c.email, c.wechat) for c in d.contacts])
                    search.append((cid, key, doc))
                    for t in d.tags:
                        tid = stable_id("tag", t)
                        if tid not in known_tags:
                            known_tags.add(tid)
                            tag_rows.append((tid, stamp, stamp, t, ""))
                        link_rows.append((stable_id("customer_tag", cid, tid), stamp, stamp, cid, tid))
                insert_many(raw, "customer", q.CUSTOMER_COLUMNS, cust)
                insert_many(raw, "contact", q.CONTACT_COLUMNS, contact_rows)
                insert_many(raw, "customer_search", ("customer_id", "key", "doc"), search)
                insert_many(raw, "tag", ("id", "created_stamp", "stamp", "name", "color"), tag_rows)
                insert_many(raw, "customer_tag", ("id", "created_stamp", "stamp", "customer_id", "tag_id"), link_rows)
            for j, r in enumerate(upd_rows):
                if progress and j % 500 == 0:
                    progress(len(new_rows) + j, total)
                change = self._update_one(conn, raw, r, stamp, now_txt, known_tags)
                change_contacts = self._update_contacts(conn, raw, r, stamp, contacts_added, contacts_updated)
                if change or change_contacts:
                    updated[r.match_id] = change
                    _reindex(raw, r.match_id)
            batch_id = None
            if added_ids or updated:
                batch_id = new_id()
                payload = json.dumps({"added": added_ids, "updated": updated, "contacts_added": contacts_added,
                                      "contacts_updated": contacts_updated}, ensure_ascii=False, default=str)
                conn.execute(ChangeBatch.__table__.insert().values(
                    id=batch_id, kind="import", created_at=now, actor=ctx.user,
                    description=description or f"{len(added_ids)} added, {len(updated)} updated", payload=payload))
            set_meta(raw, "last_stamp", stamp)
            if progress:
                progress(total, total)  # a cancel pressed at the very end still rolls back
            raw.execute("PRAGMA cache_size=-2000")
        self._invalidate()
        return ImportResult(added=len(added_ids), updated=len(updated), skipped=skipped, rejected=plan.rejected,
                            batch_id=batch_id, contacts=len(contacts_added))

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
            elif f == "lead_source":
                v = str(v) if v else None
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
                insert_many(raw, "tag", ("id", "created_stamp", "stamp", "name", "color"), [(tid, stamp, stamp, t, "")])
            link = stable_id("customer_tag", r.match_id, tid)
            if raw.execute("SELECT 1 FROM customer_tag WHERE id = ?", (link,)).fetchone() is None:
                insert_many(raw, "customer_tag", ("id", "created_stamp", "stamp", "customer_id", "tag_id"),
                            [(link, stamp, stamp, r.match_id, tid)])
                changes.setdefault("_tags_added", []).append(link)
        return {f: ([old[f], v] if not f.startswith("_") else v) for f, v in changes.items()}

    @staticmethod
    def _update_contacts(conn, raw, r: PreparedRow, stamp: str, added: list[str],
                         updated: dict[str, dict[str, list]]) -> bool:
        """Add the row's new contacts to the matched customer and fill matched ones (non-empty cells win)."""
        changed = False
        for c in r.data.contacts:
            if c.id is None:
                contact_id = new_id()
                insert_many(raw, "contact", q.CONTACT_COLUMNS, [_contact_row(contact_id, stamp, r.match_id, c)])
                added.append(contact_id)
                changed = True
                continue
            old = q.contact_values(raw, c.id)
            if old is None:
                continue
            new = _contact_storage(c)
            changes = {f: v for f, v in new.items() if v and v != old[f] and f != "name"}
            if c.notes and c.notes not in (old["notes"] or ""):
                changes["notes"] = _join([old["notes"], c.notes])
            if changes:
                db_changes = {f: (date.fromisoformat(v) if f == "birthday" else v) for f, v in changes.items()}
                update_row(conn, Contact, c.id, db_changes, stamp)
                updated[c.id] = {f: [old[f], v] for f, v in changes.items()}
                changed = True
        return changed

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
            tombstone_many(raw, "contact", payload.get("contacts_added", []), stamp)
            removed = tombstone_many(raw, "customer", added, stamp)
            restored = kept = 0
            touched: set[str] = set()
            for model, table, changes in ((Customer, "customer", payload.get("updated", {})),
                                          (Contact, "contact", payload.get("contacts_updated", {}))):
                for row_id, fields in changes.items():
                    current = raw.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
                    if current is None:
                        continue
                    cols = [c[0] for c in raw.execute(f"SELECT * FROM {table} LIMIT 0").description]
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
                        update_row(conn, model, row_id, back, stamp)
                        restored += len(back)
                    touched.add(row_id if table == "customer" else cur["customer_id"])
            for cid in touched - set(added):
                _reindex(raw, cid)
            raw.execute("UPDATE change_batch SET undone_at = ? WHERE id = ?", (ts_text(ctx.now()), batch_id))
        self._invalidate()
        return UndoResult(removed=removed, restored=restored, kept=kept)


def _contact_storage(c: ContactInput) -> dict:
    """A contact's importable fields in storage form (enums as text, birthday as ISO text)."""
    return {"name": c.name, "role": str(c.role) if c.role else None, "title": c.title, "phone": c.phone,
            "phone2": c.phone2, "email": c.email, "wechat": c.wechat,
            "birthday": c.birthday.isoformat() if c.birthday else None, "notes": c.notes}


def _contact_row(contact_id: str, stamp: str, customer_id: str, c: ContactInput) -> tuple:
    v = _contact_storage(c)
    return (contact_id, stamp, stamp, customer_id, *(v[f] for f in q.CONTACT_FIELDS))


def _reindex(raw, customer_id: str) -> None:
    """Recompute one customer's search text (names, pinyin, phones, contacts) on the raw connection."""
    reindex_customers(raw, [customer_id])


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


__all__ = ["TARGETS", "PRESETS", "MATCH_POLICIES", "KEPT", "auto_mapping", "detect_preset", "CustomerImporter",
           "ImportPlan", "ImportResult", "UndoResult", "RowIssue", "RowProblem", "import_file", "read_any",
           "NothingToUndo"]
