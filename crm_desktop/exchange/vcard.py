r"""vCard 2.1 / 3.0 / 4.0 (RFC 2426 / RFC 6350) reading and writing, lenient with content, strict about limits.

Phones and mail programs export address books as .vcf files, each in its own
dialect: iPhone and Mac Address Book (3.0, ``item1.`` groups, ``X-ABShowAs:COMPANY``
for companies, base64 photos), Android and BlackBerry (2.1, ``;CELL;PREF``
parameters without names, ``ENCODING=QUOTED-PRINTABLE`` names in UTF-8 or GBK with
soft line breaks), Outlook 2003/2007 (2.1 with QP labels, ``X-MS-*`` fields,
multi-line base64 photos), Gmail, Lotus Notes and Evolution (3.0 with their
own ``X-`` fields), vCard 4.0 (``tel:`` URIs, ``KIND:org``, ``BDAY:--0412``).

Reading unfolds continuation lines in **linear** time (pieces are joined
once per logical line; a QP soft break is recognised from the line's own
parameters, decided once), skips PHOTO/LOGO/SOUND/KEY values without
collecting them, and caps every property at :data:`MAX_PROPERTY_CHARS` and
every card at :data:`MAX_PROPERTIES_PER_CARD` properties.  It understands
escaped text (``\n``, ``\,``, ``\;``), property groups, parameters in both
styles (``TYPE=cell,voice`` and 2.1 ``;CELL``), and quoted-printable values in
any charset (GB2312/GBK are read as GB18030; an unknown charset falls back to
UTF-8 or GB18030, whichever decodes cleanly).  One odd line never rejects a
card: it is reported and skipped.

Cards become a :class:`~crm_desktop.exchange.tabular.Table` whose columns
the customer import maps automatically, so vCards get the same validation,
matching and undo as CSV.  The card's own first choice of phone (the PREF
one, else the first mobile, else the first) and of e-mail fill the "Phone"
and "E-mail" columns; every other TEL and EMAIL gets a column named by its
type ("Mobile", "Work phone", "Home phone", "Other phone", "Fax", "Work
e-mail" …; a second of a type is "Mobile 2").  The import keeps the first
valid phone and e-mail on the customer and writes the others into the notes
under those titles.  A card whose only name is its ORG (or
that says ``X-ABShowAs:COMPANY`` / ``KIND:org``, or whose FN is the ORG)
becomes a business; a card with no name at all is named after its nickname,
e-mail or phone (with a remark).  The ADR country fills a "Country" column so
phones written without ``+cc`` are read under the card's own country.

Why not ``vobject``: its reader (0.9.9) calls ``getvalue()`` on the growing
buffer for every physical line of a folded property (quadratic: an 8 MB
folded photo takes tens of seconds), raises on an unknown CHARSET and gives up
the whole file on one unparsable line; what this module needs of it —
unfolding, parameter splitting, unescaping — is the small part written here.

Writing produces one card per customer with CRLF line ends and lines folded
at 75 octets without splitting a UTF-8 character.
"""

from __future__ import annotations

import codecs
import quopri
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP
from crm_desktop.exchange.tabular import MAX_CELL_CHARS, RowProblem, Table, TabularError, decode_file

SKIPPED_PROPERTIES = frozenset({"PHOTO", "LOGO", "SOUND", "KEY", "X-MS-CARDPICTURE"})
"""Binary properties not imported (no place for them in a customer record); their data is never collected."""

MAX_PROPERTY_CHARS = MAX_CELL_CHARS
"""Longest property value kept (unfolded); a longer one is left out with a message."""

MAX_PROPERTIES_PER_CARD = 2000
"""Properties read per card; the rest of a card that has more is left out with a message."""


@dataclass
class VProperty:
    """One content line: ``name`` upper-case without group, ``params`` {NAME: [values]}, ``value`` unescaped
    text (structured values keep their ``;`` separators, see :func:`split_structured`)."""

    name: str
    params: dict[str, list[str]]
    value: str

    @property
    def types(self) -> set[str]:
        return {t.lower() for t in self.params.get("TYPE", [])}


@dataclass
class VCard:
    """One card: its properties in file order and the line where it began."""

    line: int
    version: str = ""
    props: list[VProperty] = field(default_factory=list)

    def all(self, name: str) -> list[VProperty]:
        return [p for p in self.props if p.name == name]

    def first(self, name: str) -> str:
        for p in self.props:
            if p.name == name:
                return p.value
        return ""


_ESCAPES = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\", ":": ":"}
_ESCAPE_RE = re.compile(r"\\(.)", re.DOTALL)


def unescape(value: str) -> str:
    r"""vCard text unescaped: ``\n`` → newline, ``\,`` → ``,`` …"""
    if "\\" not in value:
        return value
    return _ESCAPE_RE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), value)


_STRUCTURED_RE = re.compile(r"((?:[^\\;]|\\.)*)(?:;|$)", re.DOTALL)


def split_structured(value: str) -> list[str]:
    r"""Components of a structured value (N, ADR, ORG) split at unescaped ``;``, each unescaped."""
    parts = [m.group(1) for m in _STRUCTURED_RE.finditer(value)]
    if len(parts) > 1 and parts[-1] == "" and not value.endswith(";"):
        parts.pop()  # the empty match at the very end
    return [unescape(p) for p in parts] or [""]


_PARAM_RE = re.compile(r'(?:[^;"]|"[^"]*")+')
_PARAM_VALUE_RE = re.compile(r'"[^"]*"|[^,]+')


def _split_line(line: str) -> tuple[str, dict[str, list[str]], str] | None:
    """(name, params, raw value) of a content line; None if it has no ':' outside quotes."""
    colon = line.find(":")
    if colon < 0:
        return None
    if '"' in line[:colon]:
        in_quotes = False
        for i, ch in enumerate(line):
            if ch == '"':
                in_quotes = not in_quotes
            elif ch == ":" and not in_quotes:
                colon = i
                break
        else:
            return None
    head, raw = line[:colon], line[colon + 1:]
    pieces = _PARAM_RE.findall(head)
    if not pieces:
        return None
    name = pieces[0].rsplit(".", 1)[-1].upper().strip()
    if not name:
        return None
    params: dict[str, list[str]] = {}
    for piece in pieces[1:]:
        if "=" in piece:
            k, v = piece.split("=", 1)
            vals = [x.strip('"') for x in _PARAM_VALUE_RE.findall(v)]
            params.setdefault(k.upper().strip(), []).extend(vals)
        else:  # vCard 2.1: ;CELL;PREF;QUOTED-PRINTABLE
            params.setdefault("TYPE", []).append(piece.strip())
    return name, params, raw


def _logical_lines(text: str) -> Iterator[tuple[int, str, bool]]:
    """(first physical line number, unfolded line, too long) for every logical line, in linear time."""
    physical = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    pieces: list[str] = []
    start, size, qp, skip, too_long = 0, 0, False, False, False
    for n, line in enumerate(physical, start=1):
        if pieces and line[:1] in (" ", "\t"):
            piece = line[1:]
        elif pieces and qp and pieces[-1].endswith("="):
            pieces[-1] = pieces[-1][:-1]  # quoted-printable soft line break
            piece = line
        else:
            if pieces:
                yield start, "".join(pieces), too_long
            start, too_long = n, False
            colon = line.find(":")
            head = (line if colon < 0 else line[:colon]).upper()
            name = head.split(";", 1)[0].rsplit(".", 1)[-1].strip()
            skip = name in SKIPPED_PROPERTIES
            qp = "QUOTED-PRINTABLE" in head
            if skip:
                line = line[:colon + 1] if colon >= 0 else line
            pieces, size = [line], len(line)
            if size > MAX_PROPERTY_CHARS:
                pieces, too_long = [line[:colon + 1] if colon >= 0 else ""], True
            continue
        if skip or too_long:
            continue
        size += len(piece)
        if size > MAX_PROPERTY_CHARS:
            too_long = True
            pieces = [pieces[0][:pieces[0].find(":") + 1]]
            continue
        pieces.append(piece)
    if pieces:
        yield start, "".join(pieces), too_long


def _charset(params: dict[str, list[str]]) -> str:
    name = (params.get("CHARSET") or ["utf-8"])[0].strip().lower()
    if name in ("gb2312", "gbk", "gb-2312", "cp936", "euc-cn", "x-gbk"):
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return ""


def _decode_qp(raw: str, params: dict[str, list[str]]) -> str:
    """A quoted-printable value decoded in its CHARSET (an unknown one: UTF-8, else GB18030, else UTF-8 lenient)."""
    data = quopri.decodestring(raw.encode("ascii", "replace"))
    charset = _charset(params)
    for candidate in ([charset] if charset else []) + ["utf-8", "gb18030"]:
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            continue
    return data.decode(charset or "utf-8", "replace")


def parse_vcards(text: str) -> tuple[list[VCard], list[RowProblem]]:
    """All cards in *text* and the problems found (line numbers of the file)."""
    cards: list[VCard] = []
    problems: list[RowProblem] = []
    card: VCard | None = None
    for n, line, too_long in _logical_lines(text):
        if not line.strip():
            continue
        parsed = _split_line(line)
        if parsed is None:
            if card is not None:
                problems.append(RowProblem(n, QT_TRANSLATE_NOOP("errors", "A line of the vCard could not be read.")))
            continue
        name, params, raw = parsed
        if name == "BEGIN" and raw.strip().upper() == "VCARD":
            if card is not None:
                problems.append(RowProblem(card.line, QT_TRANSLATE_NOOP(
                    "errors", "A vCard has no END:VCARD line; it was read up to the next card.")))
                cards.append(card)
            card = VCard(line=n)
            continue
        if card is None:
            continue
        if name == "END" and raw.strip().upper() == "VCARD":
            cards.append(card)
            card = None
            continue
        if name == "VERSION":
            card.version = raw.strip()
            continue
        if name in SKIPPED_PROPERTIES:
            continue
        if too_long:
            problems.append(RowProblem(n, QT_TRANSLATE_NOOP(
                "errors", "The vCard property {name} is longer than {limit} characters; it was left out."),
                {"name": name, "limit": MAX_PROPERTY_CHARS}))
            continue
        if len(card.props) >= MAX_PROPERTIES_PER_CARD:
            if len(card.props) == MAX_PROPERTIES_PER_CARD:
                problems.append(RowProblem(card.line, QT_TRANSLATE_NOOP(
                    "errors", "The vCard has more than {limit} properties; the rest were left out."),
                    {"limit": MAX_PROPERTIES_PER_CARD}))
                card.props.append(VProperty("X-TRUNCATED", {}, ""))
            continue
        encoding = [e.upper() for e in params.get("ENCODING", [])]
        if "QUOTED-PRINTABLE" in encoding or "QUOTED-PRINTABLE" in [t.upper() for t in params.get("TYPE", [])]:
            raw = _decode_qp(raw, params).replace("\r\n", "\n").replace("\r", "\n")
            params["TYPE"] = [t for t in params.get("TYPE", []) if t.upper() != "QUOTED-PRINTABLE"]
        structured = name in ("N", "ADR", "ORG")
        card.props.append(VProperty(name, params, raw if structured else unescape(raw)))
    if card is not None:
        problems.append(RowProblem(card.line, QT_TRANSLATE_NOOP(
            "errors", "The last vCard has no END:VCARD line; it was read anyway.")))
        cards.append(card)
    return cards, problems


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


_CJK = re.compile(r"[\u3400-\u9fff]")


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
    if _CJK.search(family + given):
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


def _typed_columns(cards: list[VCard], prop: str, kinds, kind_of, primary) -> list[tuple[str, str, int]]:
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


# --- writing -----------------------------------------------------------------------------------------------------

def escape(value: str) -> str:
    r"""Text escaped for a vCard value: ``\`` ``,`` ``;`` and newlines."""
    return (value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\n").replace("\n", "\\n"))


def fold(line: str, limit: int = 75) -> str:
    """*line* folded at *limit* octets (CRLF + space), never inside a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= limit:
        return line
    out, start, first = [], 0, True
    while start < len(data):
        size = limit if first else limit - 1
        end = min(start + size, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1
        out.append(("" if first else " ") + data[start:end].decode("utf-8"))
        start, first = end, False
    return "\r\n".join(out)


@dataclass
class CardData:
    """What a customer contributes to a vCard."""

    uid: str
    name: str
    company: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    birthday: str = ""
    notes: str = ""
    tags: tuple[str, ...] = ()
    extra_phones: tuple[str, ...] = ()


def _n_value(name: str) -> str:
    name = name.strip()
    if _CJK.search(name) and " " not in name and len(name) >= 2:
        return f"{escape(name[0])};{escape(name[1:])};;;"
    if " " in name:
        given, family = name.rsplit(" ", 1)
        return f"{escape(family)};{escape(given)};;;"
    return f"{escape(name)};;;;"


def format_vcard(c: CardData, version: str = "3.0") -> str:
    """One card as text with CRLF line ends (vCard *version* "3.0" or "4.0")."""
    v4 = version == "4.0"
    lines = ["BEGIN:VCARD", f"VERSION:{'4.0' if v4 else '3.0'}", f"UID:{'urn:uuid:' if v4 else ''}{c.uid}",
             f"FN:{escape(c.name)}", f"N:{_n_value(c.name)}"]
    if c.company:
        lines.append(f"ORG:{escape(c.company)}")
    for i, tel in enumerate(t for t in (c.phone, *c.extra_phones) if t):
        if v4:
            lines.append(f"TEL;VALUE=uri;TYPE=cell{';PREF=1' if i == 0 else ''}:tel:{tel}")
        else:
            lines.append(f"TEL;TYPE=CELL{',PREF' if i == 0 else ''}:{escape(tel)}")
    if c.email:
        lines.append(f"EMAIL{'' if v4 else ';TYPE=INTERNET'}:{escape(c.email)}")
    if c.address:
        lines.append(f"ADR;TYPE={'work' if v4 else 'WORK'}:;;{escape(c.address)};;;;")
    if c.birthday:
        lines.append(f"BDAY:{c.birthday}")
    if c.tags:
        lines.append("CATEGORIES:" + ",".join(escape(t) for t in c.tags))
    if c.notes:
        lines.append(f"NOTE:{escape(c.notes)}")
    lines.append("END:VCARD")
    return "".join(fold(ln) + "\r\n" for ln in lines)


def write_vcards(path: str | Path, cards: Iterable[CardData], version: str = "3.0") -> int:
    """Write *cards* to *path* (UTF-8, no BOM: vCard readers choke on one); returns how many."""
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        for c in cards:
            f.write(format_vcard(c, version))
            n += 1
    return n
