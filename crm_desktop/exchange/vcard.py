"""vCard 3.0 / 4.0 (RFC 2426 / RFC 6350) reading and writing, small and strict about limits.

Phones and mail programs export address books as .vcf files.  Reading
unfolds continuation lines, understands escaped text (``\\n``, ``\\,``,
``\\;``), property groups (``item1.TEL``), parameters in both styles
(``TYPE=cell,voice`` and the 2.1 ``;CELL``), quoted-printable values from old
phones, several TEL/EMAIL per card (preferred and mobile numbers first), and
skips PHOTO/LOGO/SOUND data (base64 blobs the CRM has no place for).  Cards
become a :class:`~crm_desktop.exchange.tabular.Table` whose columns the
customer import maps automatically, so vCards get the same validation,
matching and undo as CSV.

Writing produces one card per customer with CRLF line ends and lines folded
at 75 octets without splitting a UTF-8 character.
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP
from crm_desktop.exchange.tabular import MAX_CELL_CHARS, RowProblem, Table, TabularError, decode_file

SKIPPED_PROPERTIES = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
"""Binary properties not imported (no place for them in a customer record)."""


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


def unescape(value: str) -> str:
    r"""vCard text unescaped: ``\n`` → newline, ``\,`` → ``,`` …"""
    if "\\" not in value:
        return value
    out, i = [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            out.append(_ESCAPES.get(value[i + 1], value[i + 1]))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def split_structured(value: str) -> list[str]:
    r"""Components of a structured value (N, ADR, ORG) split at unescaped ``;``, each unescaped."""
    parts, cur, i = [], [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            cur.append(value[i:i + 2])
            i += 2
            continue
        if ch == ";":
            parts.append(unescape("".join(cur)))
            cur = []
        else:
            cur.append(ch)
        i += 1
    parts.append(unescape("".join(cur)))
    return parts


def _split_line(line: str) -> tuple[str, dict[str, list[str]], str] | None:
    """(name, params, raw value) of a content line; None if it has no ':' outside quotes."""
    in_quotes = False
    for i, ch in enumerate(line):
        if ch == '"':
            in_quotes = not in_quotes
        elif ch == ":" and not in_quotes:
            head, raw = line[:i], line[i + 1:]
            break
    else:
        return None
    pieces = re.findall(r'(?:[^;"]|"[^"]*")+', head)
    if not pieces:
        return None
    name = pieces[0].rsplit(".", 1)[-1].upper().strip()
    params: dict[str, list[str]] = {}
    for piece in pieces[1:]:
        if "=" in piece:
            k, v = piece.split("=", 1)
            vals = [x.strip('"') for x in re.findall(r'"[^"]*"|[^,]+', v)]
            params.setdefault(k.upper().strip(), []).extend(vals)
        else:  # vCard 2.1: ;CELL;PREF
            params.setdefault("TYPE", []).append(piece.strip())
    return name, params, raw


def parse_vcards(text: str) -> tuple[list[VCard], list[RowProblem]]:
    """All cards in *text* and the problems found (line numbers of the file)."""
    physical = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    logical: list[tuple[int, str]] = []
    for n, line in enumerate(physical, start=1):
        if line[:1] in (" ", "\t") and logical:
            ln, prev = logical[-1]
            logical[-1] = (ln, prev + line[1:])
        elif logical and logical[-1][1].endswith("=") and "QUOTED-PRINTABLE" in logical[-1][1].split(":", 1)[0].upper():
            ln, prev = logical[-1]
            logical[-1] = (ln, prev[:-1] + line)  # quoted-printable soft line break
        else:
            logical.append((n, line))
    cards: list[VCard] = []
    problems: list[RowProblem] = []
    card: VCard | None = None
    for n, line in logical:
        if not line.strip():
            continue
        parsed = _split_line(line)
        if parsed is None:
            if card is not None:
                problems.append(RowProblem(n, QT_TRANSLATE_NOOP("errors", "A line of the vCard could not be read.")))
            continue
        name, params, raw = parsed
        if name == "BEGIN" and raw.strip().upper() == "VCARD":
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
        encoding = [e.upper() for e in params.get("ENCODING", [])]
        if "QUOTED-PRINTABLE" in encoding or "QUOTED-PRINTABLE" in [t.upper() for t in params.get("TYPE", [])]:
            charset = (params.get("CHARSET") or ["utf-8"])[0]
            try:
                raw = quopri.decodestring(raw.encode("ascii", "replace")).decode(charset, "replace")
            except LookupError:
                raw = quopri.decodestring(raw.encode("ascii", "replace")).decode("utf-8", "replace")
        if len(raw) > MAX_CELL_CHARS:
            problems.append(RowProblem(n, QT_TRANSLATE_NOOP(
                "errors", "The vCard property {name} is longer than {limit} characters; it was left out."),
                {"name": name, "limit": MAX_CELL_CHARS}))
            continue
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


def _ordered(props: list[VProperty], mobile_first: bool) -> list[VProperty]:
    def rank(p: VProperty) -> tuple[int, int]:
        t = p.types | {x.lower() for x in p.params.get("PREF", [])}
        pref = 0 if ("pref" in t or p.params.get("PREF")) else 1
        cell = 0 if (mobile_first and "cell" in t) else 1
        return (pref, cell) if not mobile_first else (cell, pref)
    return sorted(props, key=rank)


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


def read_vcards_table(path: str | Path, encoding: str | None = None) -> Table:
    """A .vcf file as a customer :class:`Table` (one row per card; extra TEL/EMAIL in extra columns)."""
    p = Path(path)
    text, enc = decode_file(p, encoding)
    cards, problems = parse_vcards(text)
    if not cards:
        raise TabularError(QT_TRANSLATE_NOOP("errors", "“{name}” contains no vCards."), name=p.name)
    n_tel = max(1, max(len(c.all("TEL")) for c in cards))
    n_mail = max(1, max(len(c.all("EMAIL")) for c in cards))
    headers = (["Name", "Company"] + ["Phone" if i == 0 else f"Phone {i + 1}" for i in range(n_tel)]
               + ["E-mail" if i == 0 else f"E-mail {i + 1}" for i in range(n_mail)]
               + ["Address", "Birthday", "Title", "Notes", "Categories", "UID"])
    rows, numbers = [], []
    for c in cards:
        tels = [_tel_value(t) for t in _ordered(c.all("TEL"), True)]
        mails = [m.value.strip() for m in _ordered(c.all("EMAIL"), False)]
        org = split_structured(c.first("ORG"))
        adr = split_structured(c.first("ADR")) if c.first("ADR") else []
        address = ", ".join(x.strip().replace("\n", ", ") for x in adr if x.strip())
        row = [card_name(c), " ".join(x for x in org if x).strip()]
        row += tels + [""] * (n_tel - len(tels))
        row += mails + [""] * (n_mail - len(mails))
        uid = c.first("UID").strip()
        if uid.lower().startswith("urn:uuid:"):
            uid = uid[9:]
        row += [address, c.first("BDAY").strip(), c.first("TITLE").strip(), c.first("NOTE"),
                c.first("CATEGORIES"), uid[:100]]
        rows.append(row)
        numbers.append(c.line)
    return Table(headers=headers, rows=rows, row_numbers=numbers, problems=problems, encoding=enc)


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
