"""A deterministic, realistic demo book, in Chinese or in English.

The same ``seed`` and ``language`` give the same customers, contacts, orders,
contacts made and complaints, dated relative to ``now``.  Every text —
names, companies, addresses, notes, next steps, summaries, complaints and
order descriptions — comes from the language's seed file
(``resources/demo/demo_<language>.json``), so a Chinese demo reads Chinese
and an English one English.  The Chinese demo has a few 张伟 (the commonest
name), so the README's ``zw`` example works on it.

It looks like a real book:

* spend per customer is log-normal (a few big customers, many small; the top
  20 % bring most of the revenue), about a fifth are prospects who never
  bought, and some buyers went quiet a year or more ago;
* everything happens in office hours of the book's time zone (Asia/Shanghai;
  Asia/Singapore for the English demo), on weekdays but for a few Saturdays;
* outcomes fit the channel: a call reaches someone or not, a message or an
  e-mail is sent or answered, a visit is held;
* each customer has at most one open next step (on the latest contact made):
  only a handful are overdue and a few are due today, the rest are later or
  done, and only a few complaints are still open — so the call list shows a
  realistic mix instead of a wall of red;
* persons have birthdays, businesses founding anniversaries, contacts
  birthdays, WeChat ids and second phones, sometimes.

Rows are written with ``executemany`` in one transaction, a few thousand
customers at a time, so memory stays flat however large the book.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any, NotRequired, TypedDict, TypeVar

from crm_desktop.db.bulk import insert_many, large_cache, set_meta
from crm_desktop.db.database import Database
from crm_desktop.db.people import person_id_for
from crm_desktop.db.search import mark_index_current, reindex_customers
from crm_desktop.db.sync import stable_id
from crm_desktop.db.types import ts_text
from crm_desktop.domain.hlc import Stamp
from crm_desktop.domain.text import name_columns, pinyin_keys
from crm_desktop.services.demo_extra import CHANGE_COLUMNS, DEAL_COLUMNS, DemoExtras, catalogue

LANGUAGES = ("zh_CN", "en")

Row = tuple[str | int | float | None, ...]
"""One row of a table, its values in the order of :data:`_COLUMNS`."""

_T = TypeVar("_T")


class ComplaintCase(TypedDict):
    """A complaint the demo can raise: its category, the customer's words, and how it was put right."""

    category: str
    text: str
    resolution: str


class DemoSeed(TypedDict):
    """The texts and settings of one demo language (resources/demo/demo_<language>.json)."""

    language: str
    timezone: str
    utc_offset_hours: int
    channels: dict[str, int]
    tags: list[str]
    fixed_names: NotRequired[list[str]]
    given_chars: NotRequired[str]  # Chinese names: a surname and one or two of these
    surnames: NotRequired[str]
    first_names: NotRequired[list[str]]  # other names: first and last
    last_names: NotRequired[list[str]]
    industries: list[list[str]]  # [word in a firm's name, industry]
    company_format: str
    firm_words: list[str]
    company_suffixes: list[str]
    address_format: str
    districts: dict[str, list[str]]
    streets: list[str]
    mobile_prefixes: list[str]
    phone_country: str
    owners: list[str]
    notes: list[str]
    needs: list[str]
    wechat_share: float
    cities: list[str]
    public_bodies: list[str]
    email_domains: list[str]
    company_email_domain: str
    titles: list[str]
    contact_notes: list[str]
    order_median_minor: int
    currency: str
    orders: list[str]
    summaries: dict[str, list[str]]
    next_steps: list[str]
    complaints: list[ComplaintCase]
    deal_titles: list[str]
    products: NotRequired[dict[str, Any]]  # the catalogue and the name of its MVC price list

SPAN_DAYS = 730
"""The demo's history: two years up to ``now``."""

CHUNK = 5_000
"""Customers generated and written per batch (memory stays flat for a million)."""

ROLES = ["user", "influencer", "decider", "approver", "buyer", "gatekeeper"]
LEAD_SOURCES = ["trade_fair", "association", "referral", "customer_referral", "staff", "visit", "web", "other"]
SEVERITIES = ["low"] * 4 + ["medium"] * 3 + ["high"] * 2 + ["critical"]
SLA_HOURS = {"critical": (4, 24), "high": (8, 72), "medium": (24, 168), "low": (48, 336)}

# Outcomes that fit each channel and direction (values of domain.enums.Outcome), with weights.
_OUTCOMES = {
    ("call", "out"): {"reached": 50, "no_answer": 20, "call_back": 12, "not_interested": 6,
                      "order_promised": 8, "ordered": 4},
    ("call", "in"): {"reached": 80, "order_promised": 10, "ordered": 10},
    ("message", "out"): {"replied": 50, "sent": 35, "order_promised": 8, "not_interested": 4, "ordered": 3},
    ("message", "in"): {"replied": 80, "order_promised": 10, "ordered": 10},
    ("email", "out"): {"sent": 55, "replied": 35, "order_promised": 6, "not_interested": 4},
    ("email", "in"): {"replied": 85, "order_promised": 10, "ordered": 5},
    ("visit", "out"): {"held": 75, "order_promised": 15, "ordered": 7, "not_interested": 3},
    ("visit", "in"): {"held": 80, "order_promised": 12, "ordered": 8},
}
_GROUP = {"phone": "call", "wechat": "message", "sms": "message", "email": "email", "visit": "visit",
          "meeting": "visit"}
_OUTBOUND_SHARE = {"call": 0.7, "message": 0.6, "email": 0.65, "visit": 1.0}
_MEETING_OUTBOUND = 0.7
# local office hours 9–17 with the lunch dip, weights per starting hour
_HOURS = [9] * 6 + [10] * 10 + [11] * 10 + [12] * 3 + [13] * 6 + [14] * 10 + [15] * 10 + [16] * 8 + [17] * 4


@cache
def load_seed(language: str) -> DemoSeed:
    """The texts and settings of the demo in *language* (zh_CN or en)."""
    from crm_desktop.paths import resource_path

    if language not in LANGUAGES:
        raise ValueError(f"no demo in {language!r}; choose one of {', '.join(LANGUAGES)}")
    with open(resource_path("demo", f"demo_{language}.json"), encoding="utf-8") as f:
        seed: DemoSeed = json.load(f)
    return seed


def _weighted(table: dict[str, int]) -> list[str]:
    return [k for k, w in table.items() for _ in range(w)]


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


class _Calendar:
    """Day indexes 0..SPAN_DAYS (today) in the book's time zone, and stored UTC text for local moments."""

    def __init__(self, now: datetime, offset_hours: int) -> None:
        self.offset = offset_hours * 3600
        local_today = (now.astimezone(UTC) + timedelta(seconds=self.offset)).date()
        self.first_day = local_today - timedelta(days=SPAN_DAYS)
        first_midnight = datetime(self.first_day.year, self.first_day.month, self.first_day.day,
                                  tzinfo=UTC)
        self.base = int(first_midnight.timestamp()) - self.offset  # UTC epoch of local midnight, day 0
        self.weekday0 = self.first_day.weekday()
        self.utc_day0 = self.base // 86400 - 2
        self._days = [(date(1970, 1, 1) + timedelta(days=self.utc_day0 + i)).isoformat()
                      for i in range(SPAN_DAYS + 60)]

    def epoch(self, day: int, seconds: int) -> int:
        return self.base + day * 86400 + seconds

    def text(self, epoch: int) -> str:
        """The UTC text SQLite stores for *epoch* (as :func:`ts_text` writes it)."""
        d, s = divmod(epoch, 86400)
        h, s = divmod(s, 3600)
        m, s = divmod(s, 60)
        return f"{self._days[d - self.utc_day0]} {h:02d}:{m:02d}:{s:02d}.000000"

    def workday(self, day: int, rnd: Callable[[], float]) -> int:
        """*day*, or for Sundays and most Saturdays a weekday of the same week (never after today)."""
        wd = (self.weekday0 + day) % 7
        if (wd == 6 and rnd() < 0.95) or (wd == 5 and rnd() < 0.85):
            monday = day - wd
            day = monday + int(rnd() * 5)
            if day >= SPAN_DAYS:
                day = monday + int(rnd() * max(1, min(5, SPAN_DAYS - monday)))
        return max(0, day)

    def office_seconds(self, rng: random.Random) -> int:
        """Seconds after local midnight of a moment in office hours (one draw: this runs a million times)."""
        x = rng.random() * len(_HOURS)
        hour = int(x)
        return _HOURS[hour] * 3600 + int((x - hour) * 3600)


class _Generator:
    """Makes the rows of a batch of customers; holds the random stream and the language's texts."""

    def __init__(self, customers: int, seed: int, now: datetime, language: str,
                 interactions_per_customer: float) -> None:
        self.t = load_seed(language)
        self.language = language
        self.rng = random.Random(seed)
        self.cal = _Calendar(now, int(self.t["utc_offset_hours"]))
        self.now_epoch = int(now.timestamp())
        self.ipc = interactions_per_customer
        site = f"demo{seed:012d}"[:16]
        self.stamp = Stamp(int(now.timestamp() * 1000), 0, site).encode()
        self.channels = _weighted(self.t["channels"])
        self.outcomes = {k: _weighted(v) for k, v in _OUTCOMES.items()}
        self.tag_ids = [stable_id("tag", name) for name in self.t["tags"]]
        picker = random.Random(seed * 7919 + 17)  # who gets an open follow-up or complaint: its own stream
        everyone = range(customers)
        overdue = _clamp(customers // 400, min(2, customers), 12)
        today = _clamp(customers // 250, min(3, customers), 15)
        chosen = picker.sample(everyone, min(customers, overdue + today))
        self.overdue, self.due_today = set(chosen[:overdue]), set(chosen[overdue:])
        self.open_complaints = set(picker.sample(everyone, min(customers, _clamp(customers // 400, 1, 6))))
        fixed = self.t.get("fixed_names", [])
        self.fixed_names = dict(zip(picker.sample(everyone, min(customers, len(fixed))), fixed))
        self.owner_names = {person_id_for(name): name for name in self.t["owners"]}  # actors are written by name
        self.extra = DemoExtras(seed, self.t, self.stamp, self.now_epoch, self.cal.text,
                                lambda epoch: datetime.fromtimestamp(epoch, UTC).date().isoformat())
        self.extra.owner_names = self.owner_names

    # --- people and firms ----------------------------------------------------------------
    def person_name(self) -> str:
        rng, t = self.rng, self.t
        if self.language == "zh_CN":
            given = t["given_chars"]
            while True:
                name = rng.choice(t["surnames"]) + "".join(rng.choice(given) for _ in range(rng.choice((1, 2, 2))))
                full, initials = pinyin_keys(name)
                # no 曾伟 / 曾文 before the demo's 张伟 among the exact "zw" matches (the README's example)
                if initials != "zw" or full >= "zhangwei":
                    return name
        return f"{rng.choice(t['first_names'])} {rng.choice(t['last_names'])}"

    def firm(self, city: str) -> tuple[str, str]:
        rng, t = self.rng, self.t
        word, industry = rng.choice(t["industries"])
        name = t["company_format"].format(city=city, word=rng.choice(t["firm_words"]), industry_word=word,
                                          suffix=rng.choice(t["company_suffixes"]))
        return name, industry

    def address(self, city: str) -> str:
        rng, t = self.rng, self.t
        return t["address_format"].format(city=city, district=rng.choice(t["districts"][city]),
                                          street=rng.choice(t["streets"]), number=rng.randrange(1, 300))

    def mobile(self) -> str:
        rng, t = self.rng, self.t
        prefix = rng.choice(t["mobile_prefixes"])
        rest = 11 - len(prefix) if t["phone_country"] == "+86" else 8 - len(prefix)
        return t["phone_country"] + prefix + f"{rng.randrange(10**rest):0{rest}d}"

    def handle(self, name: str) -> str:
        """A mail/WeChat user name: pinyin for Chinese names, first.last for others."""
        full = pinyin_keys(name)[0]
        return full or ".".join(name.lower().split())

    def wechat(self, name: str) -> str:
        rng = self.rng
        if rng.random() < 0.4:
            return "wxid_" + "".join(rng.choice("abcdefghijkmnpqrstuvwxyz23456789") for _ in range(10))
        return f"{self.handle(name).replace('.', '_')}{rng.randrange(10, 100)}"

    def birthday(self, first_year: int = 1962, years: int = 40) -> str:
        return (date(first_year, 1, 1) + timedelta(days=self.rng.randrange(365 * years))).isoformat()

    # --- one batch -------------------------------------------------------------------------
    def batch(self, first: int, count: int) -> dict[str, list[Row]]:
        """The rows of customers *first* .. *first* + *count* - 1, by table (see :data:`_COLUMNS`)."""
        rng, t, cal, stamp = self.rng, self.t, self.cal, self.stamp
        rnd, choice = rng.random, rng.choice
        out: dict[str, list[Row]] = {k: [] for k in (
            "customer", "contact", "customer_tag", "sales_order", "interaction", "complaint", "complaint_event",
            "deal", "deal_stage_change")}
        owners = [person_id_for(name) for name in t["owners"]]  # owners are stored as person ids
        for i in range(first, first + count):
            cid = f"{rng.getrandbits(128):032x}"
            kind, city, name, company, industry = self._who(i)
            owner = owners[min(int(rng.paretovariate(1.2)) - 1, len(owners) - 1)]
            created_day = cal.workday(rng.randrange(int(SPAN_DAYS * 0.9)), rnd)
            created = cal.epoch(created_day, cal.office_seconds(rng))
            dnc = rnd() < 0.03 and i not in self.overdue and i not in self.due_today
            phone, email, wechat, birthday, anniversary, contact_ids = self._reach(kind, name, cid, out["contact"])
            address = self.address(city) if rnd() < 0.7 else ""
            notes = choice(t["notes"]) if rnd() < 0.35 else ""
            needs = choice(t["needs"]) if rnd() < 0.5 else ""
            channel = choice(["phone", "wechat" if t["wechat_share"] > 0.2 else "sms", "email", "visit", None])
            out["customer"].append((
                cid, stamp, stamp, kind, name, *name_columns(name), company, phone, email, wechat,
                address, industry, choice([None, "micro", "small", "medium", "large"]) if kind != "person" else None,
                choice(LEAD_SOURCES), channel, birthday, anniversary, int(rnd() < 0.6 and not dnc), int(dnc), owner,
                choice([None, "awareness", "exploration", "expansion", "commitment"]), needs, notes,
                f"C{100000 + i}" if rnd() < 0.3 else "", cal.text(created), cal.text(created)))
            for tag_index in rng.sample(range(len(self.tag_ids)), k=choice((0, 0, 0, 1, 1, 2))):
                tid = self.tag_ids[tag_index]
                out["customer_tag"].append((stable_id("customer_tag", cid, tid), stamp, stamp, cid, tid))
            since = created - cal.base
            buying, spent = self._orders(cid, since, out["sales_order"])
            row = out["customer"][-1]  # the stage and the churn reason fit how they bought (their own stream)
            out["customer"][-1] = (*row[:21], self.extra.stage(buying), *row[22:], self.extra.churn(buying, spent))
            self.extra.deals(cid, kind, owner, buying, out["deal"], out["deal_stage_change"])
            self._interactions(i, cid, owner, since, contact_ids, out["interaction"])
            self._complaint(i, cid, owner, since, out["complaint"], out["complaint_event"])
        return out

    def _who(self, i: int) -> tuple[str, str, str, str, str]:
        """(kind, city, name, company, industry) of customer *i*: a person (perhaps working at a firm), a
        business or intermediary (its firm; its people are the contacts), or a public body."""
        rng, t = self.rng, self.t
        r = rng.random()
        kind = "person" if r < 0.45 else "business" if r < 0.85 else "intermediary" if r < 0.95 else "public"
        if i in self.fixed_names:
            kind = "person"
        city = rng.choice(t["cities"])
        company, industry = "", ""
        if kind == "person":
            name = self.fixed_names.get(i) or self.person_name()
            if rng.random() < 0.4:
                company, industry = self.firm(city)  # where this person works
        elif kind == "public":
            name = rng.choice(t["public_bodies"]).format(city=city)
        else:
            name, industry = self.firm(city)
        return kind, city, name, company, industry

    def _reach(self, kind: str, name: str, cid: str, contacts: list[Row]
               ) -> tuple[str, str, str, str | None, str | None, list[str]]:
        """(phone, e-mail, WeChat id, birthday, anniversary, contact ids) of a customer: a person's own,
        or for a firm its founding anniversary and the first contact's phone and e-mail, its contacts'
        rows going to *contacts*."""
        rng, t, stamp = self.rng, self.t, self.stamp
        rnd, choice = rng.random, rng.choice
        if kind == "person":
            phone = self.mobile()
            email = f"{self.handle(name)}{rng.randrange(100)}@{choice(t['email_domains'])}" if rnd() < 0.6 else ""
            wechat = self.wechat(name) if rnd() < t["wechat_share"] else ""
            return phone, email, wechat, self.birthday() if rnd() < 0.6 else None, None, []
        phone, email = "", ""
        anniversary = self.birthday(1990, 33) if rnd() < 0.25 else None
        contact_ids: list[str] = []
        for _ in range(choice((1, 1, 2, 2, 3, 4))):
            cname = self.person_name()
            cphone = self.mobile()
            cemail = f"{self.handle(cname)}@{t['company_email_domain']}" if rnd() < 0.5 else ""
            contact_id = f"{rng.getrandbits(128):032x}"
            contacts.append((
                contact_id, stamp, stamp, cid, cname, choice(ROLES), choice(t["titles"]), cphone,
                self.mobile() if rnd() < 0.15 else "", cemail,
                self.wechat(cname) if rnd() < t["wechat_share"] else "",
                self.birthday() if rnd() < 0.35 else None,
                choice(t["contact_notes"]) if rnd() < 0.15 else ""))
            contact_ids.append(contact_id)
            if not phone:
                phone, email = cphone, cemail
        return phone, email, "", None, anniversary, contact_ids

    def _orders(self, cid: str, since: float, out: list[Row]) -> tuple[str, int]:
        """The customer's orders since *since* (seconds after day 0): prospects never buy; value per
        customer is log-normal (a Pareto-like skew), and some buyers went quiet.  Returns how they buy
        ("never", "active", "stopped") and what they spent."""
        rng, t, cal, stamp = self.rng, self.t, self.cal, self.stamp
        rnd = rng.random
        span_s = SPAN_DAYS * 86400
        if rnd() <= 0.2:
            return "never", 0
        rate = min(rng.lognormvariate(1.0, 0.9), 40.0) / (365 * 86400)
        avg_minor = rng.lognormvariate(math.log(t["order_median_minor"]), 1.1)
        end = span_s if rnd() > 0.25 else rng.uniform(since, span_s)
        at = since + rng.expovariate(rate)
        spent, first = 0, len(out)
        while at < end:
            day = cal.workday(int(at // 86400), rnd)
            amount = max(100, int(avg_minor * rng.lognormvariate(0, 0.4)) // 100 * 100)
            out.append((f"{rng.getrandbits(128):032x}", stamp, stamp, cid,
                        cal.text(cal.epoch(day, cal.office_seconds(rng))), amount, t["currency"],
                        rng.choice(t["orders"]), ""))
            spent += amount
            at += rng.expovariate(rate)
        if len(out) == first:
            return "never", 0
        return ("stopped" if end < span_s and span_s - end > 120 * 86400 else "active"), spent

    def _interactions(self, i: int, cid: str, owner: str, since: float, contact_ids: list[str],
                      out: list[Row]) -> None:
        rng, t, cal, stamp = self.rng, self.t, self.cal, self.stamp
        rnd = rng.random

        def choice(seq: Sequence[_T]) -> _T:  # rng.choice costs twice as much; this runs ten times per customer
            return seq[int(rnd() * len(seq))]

        first_day = int(since // 86400)
        n = int(rng.expovariate(1.0 / self.ipc)) if self.ipc else 0
        getrandbits = rng.getrandbits
        width = SPAN_DAYS - first_day
        days = sorted(cal.workday(first_day + int(rnd() * width), rnd) for _ in range(n))
        # the follow-up this customer has open today, if any: (day of the last contact, due day)
        last_open: tuple[int, int] | None = None
        if i in self.overdue:
            due = SPAN_DAYS - rng.randint(1, 9)
            last_open = (max(first_day, due - choice((1, 2, 3, 7))), due)
        elif i in self.due_today:
            last_open = (max(first_day, SPAN_DAYS - rng.randint(1, 7)), SPAN_DAYS)
        elif rnd() < 0.07:
            last_open = (max(first_day, SPAN_DAYS - rng.randint(1, 14)), SPAN_DAYS + rng.randint(1, 21))
        if last_open:
            days = [d for d in days if d < last_open[0]] + [cal.workday(last_open[0], rnd)]
        summaries = t["summaries"]
        for k, day in enumerate(days):
            channel = choice(self.channels)
            group = _GROUP[channel]
            outbound = rnd() < (_MEETING_OUTBOUND if channel == "meeting" else _OUTBOUND_SHARE[group])
            direction = "out" if outbound else "in"
            texts = summaries[group if outbound or f"{group}_in" not in summaries else f"{group}_in"]
            at = cal.epoch(day, cal.office_seconds(rng))
            if at >= self.now_epoch:
                at = self.now_epoch - 3600 * rng.randint(15, 40)  # never in the future
            step, due_at, done = "", None, 1  # due_at: stored text (due above is a day index)
            if last_open and k == len(days) - 1:
                step, done = choice(t["next_steps"]), 0
                due_at = cal.text(cal.epoch(last_open[1], cal.office_seconds(rng)))
            elif rnd() < 0.35:
                step = choice(t["next_steps"])
                due_at = cal.text(at + 86400 * choice((1, 2, 3, 7, 14)))
            out.append((f"{getrandbits(128):032x}", stamp, stamp, cid,
                        choice(contact_ids) if contact_ids and rnd() < 0.7 else None, owner, channel, direction,
                        cal.text(at), choice(texts), choice(self.outcomes[(group, direction)]), step, due_at, done,
                        None))

    def _complaint(self, i: int, cid: str, owner: str, since: float, complaints: list[Row],
                   events: list[Row]) -> None:
        rng, t, cal, stamp = self.rng, self.t, self.cal, self.stamp
        still_open = i in self.open_complaints
        if not still_open and rng.random() >= 0.035:
            return
        if still_open:
            day = SPAN_DAYS - rng.randint(0, 10)
        else:
            day = rng.randrange(max(int(since // 86400), SPAN_DAYS - 200), SPAN_DAYS - 21)
        opened = cal.epoch(cal.workday(day, rng.random), cal.office_seconds(rng))
        if opened >= self.now_epoch:
            opened = self.now_epoch - 3600 * rng.randint(1, 6)
        sev = rng.choice(SEVERITIES)
        respond_h, resolve_h = SLA_HOURS[sev]
        if still_open:
            status = rng.choice(["new", "acknowledged", "in_progress", "in_progress"])
        else:
            status = rng.choice(["resolved", "closed", "closed", "closed"])
        case = rng.choice(t["complaints"])
        first = opened + int(rng.uniform(0.2, 1.5) * respond_h * 3600) if status != "new" else None
        resolved = opened + int(rng.uniform(0.3, 1.5) * resolve_h * 3600) if status in ("resolved", "closed") else None
        if first and first >= self.now_epoch:
            first = self.now_epoch - 1800
        if resolved and resolved >= self.now_epoch:
            resolved = self.now_epoch - 900
        closed = resolved + 86400 * rng.randint(1, 3) if status == "closed" and resolved else None
        if closed and closed >= self.now_epoch:
            closed = self.now_epoch - 600
        comp_id = f"{rng.getrandbits(128):032x}"
        complaints.append((
            comp_id, stamp, stamp, cid, cal.text(opened), rng.choice(("phone", "wechat", "email")), case["category"],
            sev, status, owner, case["text"], cal.text(opened + respond_h * 3600),
            cal.text(opened + resolve_h * 3600), cal.text(first) if first else None,
            cal.text(resolved) if resolved else None, cal.text(closed) if closed else None,
            case["resolution"] if resolved else "", rng.choice((3, 4, 5, 5, 2)) if status == "closed" else None))
        steps: list[tuple[int, str | None, str]] = [(opened, None, "new")]
        if first:
            steps.append((first, "new", "acknowledged"))
            if status != "acknowledged":
                steps.append((first + 600, "acknowledged", "in_progress"))
        if resolved:
            steps.append((resolved, "in_progress", "resolved"))
        if closed:
            steps.append((closed, "resolved", "closed"))
        for at, before, after in steps:
            events.append((f"{rng.getrandbits(128):032x}", stamp, stamp, comp_id, cal.text(at),
                           self.owner_names[owner], before,
                           after, ""))


_COLUMNS = {
    "customer": ("id", "created_stamp", "stamp", "kind", "name", "name_pinyin", "name_initials", "company", "phone",
                 "email", "wechat", "address", "industry", "size", "lead_source", "preferred_channel", "birthday",
                 "anniversary", "consent_marketing", "do_not_contact", "owner", "relationship_stage", "needs",
                 "notes", "external_id", "created_at", "updated_at", "churn_reason"),
    "contact": ("id", "created_stamp", "stamp", "customer_id", "name", "role", "title", "phone", "phone2", "email",
                "wechat", "birthday", "notes"),
    "customer_tag": ("id", "created_stamp", "stamp", "customer_id", "tag_id"),
    "sales_order": ("id", "created_stamp", "stamp", "customer_id", "ordered_at", "amount_minor", "currency",
                    "description", "external_ref"),
    "interaction": ("id", "created_stamp", "stamp", "customer_id", "contact_id", "owner", "channel", "direction",
                    "occurred_at", "summary", "outcome", "next_step", "next_due_at", "next_done", "complaint_id"),
    "complaint": ("id", "created_stamp", "stamp", "customer_id", "opened_at", "channel", "category", "severity",
                  "status", "owner", "description", "response_due_at", "resolve_due_at", "first_response_at",
                  "resolved_at", "closed_at", "resolution", "satisfaction"),
    "complaint_event": ("id", "created_stamp", "stamp", "complaint_id", "at", "actor", "from_status", "to_status",
                        "note"),
    "deal": DEAL_COLUMNS,
    "deal_stage_change": CHANGE_COLUMNS,
}


def generate_demo(db: Database, *, customers: int = 2000, seed: int = 1, now: datetime,
                  interactions_per_customer: float = 10.0, language: str = "zh_CN",
                  progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Fill the (new, empty) database *db* with a demo book in *language*; returns row counts."""
    gen = _Generator(customers, seed, now.astimezone(UTC), language, interactions_per_customer)
    counts = {"customer": 0, "contact": 0, "sales_order": 0, "interaction": 0, "complaint": 0, "customer_tag": 0,
              "deal": 0}
    with db.bulk() as conn, large_cache(conn, 400):
        insert_many(conn, "tag", ("id", "created_stamp", "stamp", "name", "color"),
                    [(tid, gen.stamp, gen.stamp, name, "") for tid, name in zip(gen.tag_ids, gen.t["tags"])])
        insert_many(conn, "person", ("id", "created_stamp", "stamp", "name"),  # the team the customers belong to
                    [(person_id_for(name), gen.stamp, gen.stamp, name) for name in gen.t["owners"]])
        for first in range(0, customers, CHUNK):
            rows = gen.batch(first, min(CHUNK, customers - first))
            for table, columns in _COLUMNS.items():
                insert_many(conn, table, columns, rows[table])
                if table in counts:
                    counts[table] += len(rows[table])
            reindex_customers(conn, [str(r[0]) for r in rows["customer"]])  # the ids
            if progress:
                progress(first + len(rows["customer"]), customers)
        for table, columns, made in catalogue(gen.t, gen.stamp):  # products and the MVC price list
            insert_many(conn, table, columns, made)
        mark_index_current(conn)  # every customer was indexed, batch by batch
        set_meta(conn, "demo", "1")  # only a book marked so may be replaced by the next demo
        set_meta(conn, "demo_seed", str(seed))
        set_meta(conn, "demo_language", language)
        set_meta(conn, "demo_created_at", ts_text(now))
        set_meta(conn, "last_stamp", gen.stamp)
    db.clock.observe(gen.stamp)
    return counts
