"""What a customer import would do, decided before anything is written: the :class:`ImportPlan`.

Every row is turned into a customer (:mod:`crm_desktop.services.imports.rows`),
checked with the same validation as the customer dialog, and matched against
existing customers by this app's id (from an export), external id, phone,
e-mail, a business's name or one of its contacts.  Rows naming the same
business (same name after NFKC and case folding) become one customer with
several contacts; a row with a contact but no customer name belongs to the
business of the row above (a company cell merged over its contacts' rows
reads back blank in CSV).  A contact already there (same phone, e-mail or
name at the matched customer) is matched, not added twice.  Problems are
listed by file row.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.enums import CustomerKind
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError, format_message
from crm_desktop.domain.models import ContactInput, CustomerInput
from crm_desktop.domain.text import fold
from crm_desktop.exchange.customer_columns import CONTACT_TARGETS, ONE_LINE_TARGETS
from crm_desktop.exchange.tabular import Table
from crm_desktop.services.imports.rows import join_lines, row_to_input, validate_row

ProgressFn = Callable[[int, int], None]
"""``progress(done, total)``; it may raise (e.g. the UI's Cancelled) to stop: everything is rolled back."""

Translate = Callable[..., str]

MATCH_POLICIES = ("skip", "update", "create")
"""What an import does with a row matching an existing customer."""

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
    "possible_duplicate": QT_TRANSLATE_NOOP("import", "New rows that are probably existing customers (see the "
                                                      "list below): {count}"),
    "hints_unchecked": QT_TRANSLATE_NOOP("import", "New rows not checked for existing customers (only the first "
                                                   "2,000 are): {count}"),
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
    params: dict[str, Any] = dataclasses.field(default_factory=dict)
    blocking: bool = True
    code: str = ""

    def text(self, translate: Translate | None = None) -> str:
        """The problem in one sentence (without the row number, which is shown beside it); a ``…_word`` param is
        itself a text to translate (context "dedupe")."""
        params = {k: translate("dedupe", v) if translate and k.endswith("_word") else v for k, v in self.params.items()}
        return format_message(self.message, params, translate)


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

    def summary(self, translate: Translate | None = None) -> list[str]:
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

    @property
    def changes(self) -> Changes:
        """What the import wrote: customers, their contacts and tags, anyone's."""
        return Changes.of(Kind.CUSTOMER, Kind.CONTACT, Kind.TAG, customers=None) if self.batch_id else Changes()


@dataclass(frozen=True)
class UndoResult:
    """What undoing an import did; ``kept`` counts fields left alone because someone edited them since."""

    removed: int
    restored: int
    kept: int

    @property
    def changes(self) -> Changes:
        """What undoing wrote: customers, their contacts and tags, anyone's."""
        return Changes.of(Kind.CUSTOMER, Kind.CONTACT, Kind.TAG, customers=None)


class NothingToUndo(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "There is no import to undo."))



# --- matching ----------------------------------------------------------------------------------------------------

def contact_keys(c: ContactInput) -> list[tuple[str, str]]:
    """The phone and e-mail keys of a contact (what finds its customer from another row)."""
    keys = [("phone", p) for p in (c.phone, c.phone2) if p]
    if c.email:
        keys.append(("email", c.email.casefold()))
    return keys


def same_person(a: ContactInput, b: ContactInput) -> bool:
    """Whether two contacts of one customer are the same person: a shared phone or e-mail, or the same
    name with no phone or e-mail telling them apart (two 张伟 with different mobiles are two people)."""
    ka, kb = set(contact_keys(a)), set(contact_keys(b))
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
        target.notes = join_lines([target.notes, extra.notes])
    target.tags = sorted(set(target.tags) | set(extra.tags))



# --- preparing ---------------------------------------------------------------------------------------------------

KeyIndex = dict[str, dict[str, str]]
"""{"crm_id" | "external_id" | "phone" | "email" | "name": key → customer id} of live customers."""


def key_index(customers: Sequence[tuple[Any, ...]]) -> KeyIndex:
    """:data:`KeyIndex` of *customers* rows (id, external id, phone, e-mail, kind, name); "name" only for
    businesses, intermediaries and public bodies (folded): a person's name says nothing about identity."""
    index: KeyIndex = {"crm_id": {}, "external_id": {}, "phone": {}, "email": {}, "name": {}}
    for cid, ext, phone, email, kind, name in customers:
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


def contact_index(contacts: Sequence[tuple[Any, ...]]
                  ) -> tuple[dict[str, list[ContactInput]], dict[tuple[str, str], str]]:
    """({customer id: its live contacts (with ids)}, {phone/e-mail key: customer id}) of *contacts* rows
    (id, customer id, name, phone, e-mail)."""
    per_customer: dict[str, list[ContactInput]] = {}
    owner: dict[tuple[str, str], str] = {}
    for contact_id, cid, name, phone, email in contacts:
        c = ContactInput(name=name or "", phone=phone or "", email=email or "", id=contact_id)
        per_customer.setdefault(cid, []).append(c)
        for k in contact_keys(c):
            owner.setdefault(k, cid)
    return per_customer, owner


@dataclass
class Preparer:
    """Validates and matches the rows of one table (no writes); see the module docstring.

    ``index``: the book's customers by key; ``contacts_of`` / ``contact_owner``: the book's contacts (only
    read when the mapping has contact columns)."""

    table: Table
    mapping: Sequence[str | None]
    index: KeyIndex
    contacts_of: dict[str, list[ContactInput]] = field(default_factory=dict)
    contact_owner: dict[tuple[str, str], str] = field(default_factory=dict)
    issues: list[RowIssue] = field(default_factory=list)
    kept: dict[str, int] = field(default_factory=dict)
    rows: list[PreparedRow] = field(default_factory=list)
    seen: dict[tuple[str, str], int] = field(default_factory=dict)
    businesses: dict[str, PreparedRow] = field(default_factory=dict)
    last_business: PreparedRow | None = None

    def __post_init__(self) -> None:
        if len(self.mapping) != len(self.table.headers):
            raise ValueError("mapping must have one entry per column")
        if "name" not in self.mapping and not ({"given_name", "family_name", "company"} & set(self.mapping)):
            raise UserError(QT_TRANSLATE_NOOP("errors", "Choose which column holds the customer's name."))
        self.crm_col = self.mapping.index("crm_id") if "crm_id" in self.mapping else None

    def count(self, code: str, n: int = 1) -> None:
        self.kept[code] = self.kept.get(code, 0) + n

    def run(self, progress: ProgressFn | None = None) -> ImportPlan:
        table = self.table
        bad_rows = {table.row_numbers[i] for i in table.bad_rows}
        self.issues += [RowIssue(p.row, "", p.message, p.params, blocking=p.row in bad_rows) for p in table.problems]
        total = len(table.rows)
        for i, cells in enumerate(table.rows):
            if progress and i % 2000 == 0:
                progress(i, total)
            if i not in table.bad_rows:
                self._row(table.row_numbers[i], cells)
        self.kept["business"] = sum(1 for r in self.rows if r.data.kind != CustomerKind.PERSON)
        self.kept["contact_added"] = sum(1 for r in self.rows for c in r.data.contacts if c.id is None)
        if progress:
            progress(total, total)
        return ImportPlan(rows=self.rows, issues=self.issues, total=total, kept=self.kept)

    def _cells(self, n: int, cells: Sequence[str]) -> Sequence[str] | None:
        """The row's cells, one-line fields joined when a line break was typed into a cell (Alt+Enter); None
        (with an issue) when a CSV cell runs over lines because a quote is not closed."""
        mapping = self.mapping
        broken = next((j for j, (c, t) in enumerate(zip(cells, mapping)) if t in ONE_LINE_TARGETS and "\n" in c),
                      None)
        if broken is None:
            return cells
        if self.table.kind != "csv":
            return [" ".join(c.split()) if t in ONE_LINE_TARGETS else c for c, t in zip(cells, mapping)]
        self.issues.append(RowIssue(n, mapping[broken] or "", QT_TRANSLATE_NOOP(
            "errors", "The “{column}” cell runs over {count} lines; a quote in the file is probably not "
                      "closed. The row was not imported."),
            {"column": self.table.headers[broken], "count": cells[broken].count("\n") + 1}))
        return None

    def _row(self, n: int, raw_cells: Sequence[str]) -> None:
        cells = self._cells(n, raw_cells)
        if cells is None:
            return
        data, notes, counts = row_to_input(cells, self.table.headers, self.mapping)
        for f, msg, params, code in notes:
            self.issues.append(RowIssue(n, f, msg, params, blocking=False, code=code))
            if code:
                self.count(code)
        for code, count in counts.items():
            self.count(code, count)
        if not data.name and data.contacts and self.last_business is not None:
            self.issues.append(RowIssue(n, "name", QT_TRANSLATE_NOOP(
                "errors", "No customer name; the contact was added to “{name}” of the row above."),
                {"name": self.last_business.data.name}, blocking=False, code="row_joined"))
            data.name, data.kind = self.last_business.data.name, self.last_business.data.kind
        if not data.name and not data.phone and not data.email:
            self.issues.append(RowIssue(n, "name", QT_TRANSLATE_NOOP(
                "errors", "No name, phone or e-mail; the row was not imported.")))
            return
        clean, errors = validate_row(data)
        if errors:
            self.issues += [RowIssue(n, e.field, e.message, dict(e.params)) for e in errors]
            return
        business_key = fold(clean.name) if clean.kind != CustomerKind.PERSON else ""
        group = self.businesses.get(business_key) if business_key else None
        if group is not None:
            _fill_from(group.data, clean)
            self._add_contacts(group, clean.contacts)
            group.joined.append(n)
            self.count("row_joined")
            self.last_business = group
            return
        self._new_row(n, cells, clean, business_key)

    def _new_row(self, n: int, cells: Sequence[str], clean: CustomerInput, business_key: str) -> None:
        """A row of a customer not seen earlier in the file: refused as a repeat, or matched and kept."""
        crm_id = cells[self.crm_col].strip() if self.crm_col is not None else ""
        keys = [("crm_id", crm_id), ("external_id", clean.external_id), ("phone", clean.phone),
                ("email", clean.email.casefold())]
        dup_of = next((self.seen[(k, v)] for k, v in keys if v and (k, v) in self.seen), None)
        if dup_of is not None:
            self.issues.append(RowIssue(n, "", QT_TRANSLATE_NOOP(
                "errors", "Same customer as row {other} (same id, phone or e-mail); the row was not imported."),
                {"other": dup_of}))
            return
        for k, v in keys:
            if v:
                self.seen[(k, v)] = n
        match_id, match_by = None, ""
        for k, v in (*keys, ("name", business_key)):
            if v and v in self.index[k]:
                match_id, match_by = self.index[k][v], k
                break
        if match_id is None:
            for c in clean.contacts:
                owner = next((self.contact_owner[k] for k in contact_keys(c) if k in self.contact_owner), None)
                if owner:
                    match_id, match_by = owner, "contact"
                    break
        prepared = PreparedRow(n, clean, match_id, match_by)
        contacts, clean.contacts = clean.contacts, []
        self._add_contacts(prepared, contacts)
        self.rows.append(prepared)
        if business_key:
            self.businesses[business_key] = prepared
        self.last_business = prepared if business_key else None

    def _add_contacts(self, target: PreparedRow, contacts: list[ContactInput]) -> None:
        """Add *contacts* to *target* unless the same person (:func:`same_person`) is already in it, or at
        its matched customer, whose contact id it then takes."""
        existing = self.contacts_of.get(target.match_id or "", [])
        for c in contacts:
            twin = next((o for o in target.data.contacts if same_person(c, o)), None)
            if twin is not None:
                for f in ("title", "phone", "phone2", "email", "wechat", "notes"):
                    if not getattr(twin, f) and getattr(c, f):
                        setattr(twin, f, getattr(c, f))
                if twin.role is None:
                    twin.role = c.role
                if twin.birthday is None:
                    twin.birthday = c.birthday
                self.count("contact_matched")
                continue
            c.id = next((o.id for o in existing if same_person(c, o)), None)
            if c.id is not None:
                self.count("contact_matched")
            target.data.contacts.append(c)


def needs_contacts(mapping: Sequence[str | None]) -> bool:
    """Whether the mapping has contact columns (then the book's contacts are read for matching)."""
    return bool(CONTACT_TARGETS & set(mapping))
