"""Cards as a :class:`~crm_desktop.exchange.tabular.Table` the customer import maps like any sheet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP
from crm_desktop.exchange.tabular import RowProblem, Table, TabularError, decode_file
from crm_desktop.exchange.vcard.parse import (
    CJK,
    VCard,
    VProperty,
    parse_vcards,
    split_structured,
)


def _tel_value(p: VProperty) -> str:
    v = p.value.strip()
    return v[4:] if v.lower().startswith("tel:") else v


def _pref(p: VProperty) -> bool:
    return "pref" in p.types or bool(p.params.get("PREF"))


_TEL_KINDS = (("cell", "Mobile"), ("", "Phone"), ("work", "Work phone"), ("home", "Home phone"),
              ("other", "Other phone"), ("fax", "Fax"))
_MAIL_KINDS = (("", "E-mail"), ("work", "Work e-mail"), ("home", "Home e-mail"), ("other", "Other e-mail"))


def _tel_kind(p: VProperty) -> str:
    t = p.types
    if "fax" in t:
        return "fax"
    if t & {"cell", "mobile", "iphone"}:
        return "cell"
    if "work" in t:
        return "work"
    if "home" in t:
        return "home"
    if t & {"pager", "other", "car", "isdn", "video", "textphone"}:
        return "other"
    return ""


def _mail_kind(p: VProperty) -> str:
    t = p.types
    for kind in ("work", "home", "other"):
        if kind in t:
            return kind
    return ""


def card_name(card: VCard) -> str:
    """FN, or the N components joined the way the name is written (姓名 without a space)."""
    fn = card.first("FN").strip()
    if fn:
        return fn
    n = card.first("N")
    if not n:
        return ""
    parts = split_structured(n) + ["", ""]
    family, given = parts[0].strip(), parts[1].strip()
    if CJK.search(family + given):
        return family + given
    return f"{given} {family}".strip()


def _is_organisation(card: VCard, name: str, org: str) -> bool:
    if not org:
        return False
    if card.first("X-ABSHOWAS").strip().upper() == "COMPANY" or card.first("KIND").strip().lower() in (
            "org", "organization"):
        return True
    return not name or " ".join(name.split()) == " ".join(org.split())


def _country(card: VCard) -> str:
    adrs = sorted(card.all("ADR"), key=lambda a: not _pref(a))
    for a in adrs:
        parts = split_structured(a.value)
        if len(parts) >= 7 and parts[6].strip():
            return parts[6].strip()
    return ""


def _primary(props: list[VProperty], mobile_first: bool) -> VProperty | None:
    """The card's own first choice: the PREF one, else (for phones) the first mobile, else the first."""
    if not props:
        return None
    pref = [p for p in props if _pref(p)]
    if pref:
        return pref[0]
    if mobile_first:
        cells = [p for p in props if _tel_kind(p) == "cell"]
        if cells:
            return cells[0]
    return props[0]


def _typed_columns(cards: list[VCard], prop: str, kinds: tuple[tuple[str, str], ...],
                   kind_of: Callable[[VProperty], str], primary: Callable[[VCard], VProperty | None]
                   ) -> list[tuple[str, str, int]]:
    """(kind, column title, index within the kind) for the TEL/EMAIL columns after each card's primary one."""
    most: dict[str, int] = {}
    for c in cards:
        counts: dict[str, int] = {}
        first = primary(c)
        for p in c.all(prop):
            if p is first:
                continue
            k = kind_of(p)
            counts[k] = counts.get(k, 0) + 1
        for k, v in counts.items():
            most[k] = max(most.get(k, 0), v)
    return [(k, title if i == 0 else f"{title} {i + 1}", i) for k, title in kinds for i in range(most.get(k, 0))]


def read_vcards_table(path: str | Path, encoding: str | None = None) -> Table:
    """A .vcf file as a customer :class:`Table` (one row per card; see the module docstring for the columns)."""
    p = Path(path)
    text, enc = decode_file(p, encoding)
    cards, problems = parse_vcards(text)
    if not cards:
        raise TabularError(QT_TRANSLATE_NOOP("errors", "“{name}” contains no vCards."), name=p.name)
    primary = {id(c): (_primary(c.all("TEL"), True), _primary(c.all("EMAIL"), False)) for c in cards}
    tel_cols = _typed_columns(cards, "TEL", _TEL_KINDS, _tel_kind, lambda c: primary[id(c)][0])
    mail_cols = _typed_columns(cards, "EMAIL", _MAIL_KINDS, _mail_kind, lambda c: primary[id(c)][1])
    n_adr = max(1, max(len(c.all("ADR")) for c in cards))
    headers = (["Name", "Company", "Title", "Phone"] + [t for _k, t, _i in tel_cols]
               + ["E-mail"] + [t for _k, t, _i in mail_cols]
               + ["Address" if i == 0 else f"Address {i + 1}" for i in range(n_adr)]
               + ["Country", "Birthday", "Website", "Notes", "Categories", "UID"])
    rows, numbers = [], []
    for c in cards:
        first_tel, first_mail = primary[id(c)]
        tels: dict[str, list[str]] = {}
        for t in c.all("TEL"):
            if t is not first_tel:
                tels.setdefault(_tel_kind(t), []).append(_tel_value(t))
        mails: dict[str, list[str]] = {}
        for m in c.all("EMAIL"):
            if m is not first_mail:
                mails.setdefault(_mail_kind(m), []).append(m.value.strip())
        phone = _tel_value(first_tel) if first_tel else ""
        email = first_mail.value.strip() if first_mail else ""
        org = " ".join(x.strip() for x in split_structured(c.first("ORG")) if x.strip())
        name = card_name(c)
        if _is_organisation(c, name, org):
            name = ""  # the import makes a business named after the company
        elif not name and not org:
            fallback = c.first("NICKNAME").strip() or email or phone
            if fallback:
                name = fallback
                problems.append(RowProblem(c.line, QT_TRANSLATE_NOOP(
                    "errors", "The card has no name; it was named “{name}” after its nickname, e-mail or phone."),
                    {"name": fallback}))
        addresses = []
        for a in sorted(c.all("ADR"), key=lambda x: not _pref(x)):
            parts = split_structured(a.value)
            addresses.append(", ".join(x.strip().replace("\n", ", ") for x in parts if x.strip()))
        if not any(addresses) and c.first("LABEL"):
            addresses = [" ".join(c.first("LABEL").split())]
        uid = c.first("UID").strip()
        if uid.lower().startswith("urn:uuid:"):
            uid = uid[9:]
        row = [name, org, c.first("TITLE").strip(), phone]
        row += [(tels.get(k) or [])[i] if i < len(tels.get(k) or []) else "" for k, _t, i in tel_cols]
        row += [email] + [(mails.get(k) or [])[i] if i < len(mails.get(k) or []) else "" for k, _t, i in mail_cols]
        row += addresses + [""] * (n_adr - len(addresses))
        row += [_country(c), c.first("BDAY").strip(), c.first("URL").strip(), c.first("NOTE"),
                c.first("CATEGORIES"), uid[:100]]
        rows.append(row)
        numbers.append(c.line)
    return Table(headers=headers, rows=rows, row_numbers=numbers, problems=problems, encoding=enc, kind="vcard")
