"""Writing vCards: one card per customer, CRLF line ends, lines folded at 75 octets."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from crm_desktop.exchange.vcard.parse import CJK


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
    if CJK.search(name) and " " not in name and len(name) >= 2:
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
