"""Merging a teammate's backup into the book, field by field: the join (:mod:`.join`) and the plan on the
database (:mod:`.plan`).  The backup service (crm_desktop.services.backup) runs it in one transaction."""

from __future__ import annotations

from crm_desktop.services.merge.join import (
    CHILD_TABLES,
    DELETED,
    DERIVED_FIELDS,
    LATEST_VALUE_FIELDS,
    PII_FIELDS,
    TABLE_NAMES,
    Conflict,
    MergeOutcome,
    RowOutcome,
    State,
    merge_erasure,
    merge_row,
    merge_states,
)
from crm_desktop.services.merge.plan import (
    DuplicateCandidate,
    MergePlan,
    TableCounts,
    apply_plan,
    phone_key,
    plan_merge,
    read_state,
)

__all__ = [
    "CHILD_TABLES", "DELETED", "DERIVED_FIELDS", "LATEST_VALUE_FIELDS", "PII_FIELDS", "TABLE_NAMES",
    "Conflict", "MergeOutcome", "RowOutcome", "State", "merge_erasure", "merge_row", "merge_states",
    "DuplicateCandidate", "MergePlan", "TableCounts", "apply_plan", "phone_key", "plan_merge", "read_state",
]
