"""Reading vCard text: logical lines unfolded in linear time, properties, parameters, escapes, QP values."""

from __future__ import annotations

import codecs
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP
from crm_desktop.exchange.tabular import MAX_CELL_CHARS, RowProblem

SKIPPED_PROPERTIES = frozenset({"PHOTO", "LOGO", "SOUND", "KEY", "X-MS-CARDPICTURE"})
"""Binary properties not imported (no place for them in a customer record); their data is never collected."""

MAX_PROPERTY_CHARS = MAX_CELL_CHARS
"""Longest property value kept (unfolded); a longer one is left out with a message."""

CJK = re.compile(r"[\u3400-\u9fff]")
"""Chinese characters (a name of them is written family name first)."""

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
