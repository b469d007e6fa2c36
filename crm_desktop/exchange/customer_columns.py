"""Which column of a customer sheet holds what: the import's targets, header synonyms and presets.

:func:`auto_mapping` gives each column its target field from common Chinese
and English titles (姓名/客户名称, 联系人, 职务, 手机/联系电话, 微信, Name,
E-mail …) or a preset (Google Contacts, Outlook); :func:`detect_preset` tells
those programs' exports by their titles.  A sheet naming a customer or
company *and* a contact person is a *business sheet*: its personal columns
(phone, WeChat, e-mail, birthday) describe the contact, while a company phone
(公司电话, 总机) stays the business's.  The word lists (kinds of customer,
buying roles, lead sources) and :func:`parse_date` read cells the way
spreadsheets write them.  Pure: no database, no validation libraries.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date
from enum import Enum
from typing import TypeVar

from crm_desktop.domain.enums import BuyingRole, CustomerKind, LeadSource
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP

E = TypeVar("E", bound=Enum)

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

_PRESET_HEADERS: dict[str, dict[str, str]] = {
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



# --- cells ---------------------------------------------------------------------------------------------------

KIND_WORDS: dict[str, CustomerKind] = {
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
ROLE_WORDS: dict[str, BuyingRole] = {
    "使用者": BuyingRole.USER, "用户": BuyingRole.USER, "user": BuyingRole.USER,
    "影响者": BuyingRole.INFLUENCER, "影响人": BuyingRole.INFLUENCER, "influencer": BuyingRole.INFLUENCER,
    "决策者": BuyingRole.DECIDER, "决策人": BuyingRole.DECIDER, "decider": BuyingRole.DECIDER,
    "decision maker": BuyingRole.DECIDER,
    "批准者": BuyingRole.APPROVER, "审批人": BuyingRole.APPROVER, "approver": BuyingRole.APPROVER,
    "购买者": BuyingRole.BUYER, "采购": BuyingRole.BUYER, "采购员": BuyingRole.BUYER, "buyer": BuyingRole.BUYER,
    "把关者": BuyingRole.GATEKEEPER, "守门人": BuyingRole.GATEKEEPER, "gatekeeper": BuyingRole.GATEKEEPER,
}
SOURCE_WORDS: dict[str, LeadSource] = {
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
TAG_SPLIT = re.compile(r"\s*(?:[,，;；、|]|:::)\s*")
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


def word(text: str, words: Mapping[str, E], enum_cls: type[E]) -> E | None:
    """The enum member a cell names ("决策者", "decider"), or None."""
    key = unicodedata.normalize("NFKC", text).casefold().strip()
    if key in words:
        return words[key]
    try:
        return enum_cls(key.replace(" ", "_"))
    except ValueError:
        return None
