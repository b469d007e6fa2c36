"""No double-booking (防撞单): existing customers that a new one being typed probably is, live.

While the salesperson types a new customer's name, phone, company or e-mail,
:meth:`DuplicateHintService.hints` looks up the duplicate finder's keys
(:mod:`crm_desktop.services.dedupe`): the normalised phone, the e-mail, the
sound of the name (pinyin) and the company key.  Each is one bounded index
probe (:mod:`crm_desktop.db.duplicate_hints`), so a keystroke costs a few
milliseconds on 100k customers.  A half-typed phone or e-mail is no key yet
and finds nothing.

Hints are ranked by evidence, as the finder scores pairs: the same phone or
e-mail first, then the same company with a name that sounds the same, then the
same company alone (two people chasing one firm), then a name that sounds the
same alone (张伟 is common: those come last, and only the first few show).
Each hint says whose customer it is and when they were last contacted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from crm_desktop.db import duplicate_hints as q
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.text import fold, has_cjk, name_columns
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.dedupe import company_key, name_key
from crm_desktop.services.validation import normalize_email, normalize_phone

LIMIT = 5
"""Hints shown at most (the rest are counted)."""

PROBE = 50
"""Rows each lookup reads at most."""

_RANK = {"phone": 0, "email": 0, "company": 2, "sound": 3}
_WORD = re.compile(r"[\W_]+", re.UNICODE)


@dataclass(frozen=True)
class DuplicateHint:
    """An existing customer the one being typed may be: ``reasons`` among ``phone``, ``email``, ``sound``
    (the name sounds the same), ``company``; ``last_contact``: when they were last contacted (None: never)."""

    id: str
    name: str
    company: str
    owner: str
    phone: str
    email: str
    reasons: tuple[str, ...]
    last_contact: datetime | None


@dataclass(frozen=True)
class HintResult:
    """The first hints, best first, and how many more matched."""

    hints: tuple[DuplicateHint, ...] = ()
    more: int = 0


def _phone(raw: str) -> str:
    try:
        return normalize_phone(raw) if raw.strip() else ""
    except ValidationError:
        return ""  # not a whole number yet


def _emails(raw: str) -> list[str]:
    if "@" not in raw:
        return []
    try:
        e = normalize_email(raw)
    except ValidationError:
        return []
    return sorted({e, e.casefold()}) if e else []


def company_word(company: str) -> str:
    """What of *company* to look up in the trigram index: its company key when Chinese, else its words
    without the legal form, as the search text holds them (``Pacific Trading Co., Ltd.`` →
    ``pacific trading``)."""
    key = company_key(company)
    if not key or has_cjk(key):
        return key
    words = [w for w in _WORD.split(fold(company)) if w]
    while words and not company_key(words[-1]):  # a legal form alone has no key
        words.pop()
    return " ".join(words)


def rank(reasons: set[str]) -> int:
    """Lower is stronger evidence (see the module docstring)."""
    best = min((_RANK[r] for r in reasons), default=9)
    if best == 2 and "sound" in reasons:
        return 1
    return best


class DuplicateHintService:
    """Live duplicate hints over the open book (see the module docstring)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def hints(self, name: str = "", phone: str = "", company: str = "", email: str = "", *,
              limit: int = LIMIT, exclude: str | None = None) -> HintResult:
        """Existing customers the one being typed probably is, best first (*exclude*: the customer being
        edited)."""
        found: dict[str, tuple[q.Candidate, set[str]]] = {}

        def add(rows: list[q.Candidate], reason: str) -> None:
            for c in rows:
                if c.id != exclude:
                    found.setdefault(c.id, (c, set()))[1].add(reason)

        e164 = _phone(phone)
        emails = _emails(email)
        sound = name_columns(name)[0] if name_key(name) else ""
        ckey = company_key(company)
        word = company_word(company) if ckey else ""
        with self.ctx.db.reading() as tx:
            if e164:
                add(q.by_phone(tx, e164, PROBE), "phone")
            if emails:
                exact = q.by_email(tx, emails, PROBE)
                add(exact, "email")
                folded = emails[0].casefold()
                if not exact:  # the same address in another case: its local part is the rarer probe
                    add([c for c in q.by_text(tx, folded.split("@")[0], PROBE) if c.email.casefold() == folded],
                        "email")
            if sound and len(name_key(name)) >= 2:
                add(q.by_name_pinyin(tx, sound, PROBE), "sound")
            if word:
                add([c for c in q.by_text(tx, word.casefold(), PROBE) if company_key(c.company) == ckey],
                    "company")
            ordered = sorted(found.values(), key=lambda f: (rank(f[1]), f[0].name, f[0].id))
            first = ordered[:limit]
            last = q.last_contacts(tx, [c.id for c, _r in first])
        hints = tuple(DuplicateHint(c.id, c.name, c.company, c.owner, c.phone, c.email,
                                    tuple(r for r in ("phone", "email", "sound", "company") if r in reasons),
                                    last.get(c.id)) for c, reasons in first)
        return HintResult(hints, max(0, len(ordered) - limit))
