"""No double-booking on import (防撞单): rows that would become new customers but probably are existing ones.

An import matches rows to customers by exact keys (this app's id, external id, phone, e-mail, a business's
name: :mod:`crm_desktop.services.imports.plan`).  A row that matches none may still be someone's customer
under another spelling — the same company, a name that sounds the same.  :func:`add_duplicate_hints` asks the
live duplicate finder (:class:`~crm_desktop.services.duplicate_hints.DuplicateHintService`, a few bounded
index probes per row) about each new row and adds a non-blocking issue naming the existing customer and whose
customer it is, so the preview says so before anything is written.  A name that only sounds the same is no
hint here (a book of 100k customers has dozens of 张伟): it must come with the same company, phone or
e-mail.  The row is still imported as new: the person decides (skip the row in the file, or merge the two
afterwards).
"""

from __future__ import annotations

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.duplicate_hints import DuplicateHintService
from crm_desktop.services.imports.plan import ImportPlan, ProgressFn, RowIssue

CHECKED_ROWS = 2_000
"""New rows checked at most (about 2 ms each): a bigger file is checked on its first rows, and the preview
says so."""

REASON_WORDS = {
    "phone": QT_TRANSLATE_NOOP("dedupe", "same phone"),
    "email": QT_TRANSLATE_NOOP("dedupe", "same e-mail"),
    "company": QT_TRANSLATE_NOOP("dedupe", "same company"),
    "sound": QT_TRANSLATE_NOOP("dedupe", "name sounds the same"),
}


def add_duplicate_hints(ctx: ServiceContext, plan: ImportPlan, progress: ProgressFn | None = None,
                        limit: int = CHECKED_ROWS) -> ImportPlan:
    """*plan* with one non-blocking issue per new row that probably is an existing customer (field "name",
    code "possible_duplicate"), for its first *limit* new rows; ``plan.kept["hints_unchecked"]`` counts the
    new rows left unchecked."""
    finder = DuplicateHintService(ctx)
    new_rows = [r for r in plan.rows if not r.match_id]
    for k, r in enumerate(new_rows[:limit]):
        d = r.data
        contact = d.contacts[0] if d.contacts else None
        found = finder.hints(name=d.name, phone=d.phone or (contact.phone if contact else ""),
                             company=d.company or (d.name if d.kind == "business" else ""),
                             email=d.email or (contact.email if contact else ""), limit=1)
        if found.hints and set(found.hints[0].reasons) - {"sound"}:
            h = found.hints[0]
            plan.kept["possible_duplicate"] = plan.kept.get("possible_duplicate", 0) + 1
            why = REASON_WORDS[next((x for x in REASON_WORDS if x in h.reasons), "sound")]  # the strongest
            plan.issues.append(RowIssue(
                r.row, "name",
                QT_TRANSLATE_NOOP("errors", "Probably already in the book as “{name}” ({owner}'s customer, "
                                            "{why_word}): check before importing it as a new customer.")
                if h.owner else
                QT_TRANSLATE_NOOP("errors", "Probably already in the book as “{name}” (no owner, {why_word}): "
                                            "check before importing it as a new customer."),
                {"name": h.name, "owner": h.owner, "why_word": why}, blocking=False, code="possible_duplicate"))
        if progress and k % 100 == 0:
            progress(k, min(limit, len(new_rows)))
    if len(new_rows) > limit:
        plan.kept["hints_unchecked"] = len(new_rows) - limit
    return plan
