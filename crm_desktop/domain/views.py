"""Saved views of the customer list: a name and the search, filters and sort it reopens exactly.

A view is kept per user in the app's settings as plain data (:func:`view_to_dict`);
:func:`view_from_dict` reads it back and treats it as hostile (a hand-edited or
damaged settings file): anything that is not what a view can hold is dropped,
never raised.  Two suggestions (:func:`suggested_views`) stand in while the user
has kept none.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from crm_desktop.domain.enums import CustomerKind, RelationshipStage
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP
from crm_desktop.domain.models import CustomerQuery

SEGMENTS = ("MVC", "MGC", "migrator", "BZ")
"""The segments a list can be filtered by, in the order the filter shows them."""
LIFECYCLES = ("prospect", "new", "active", "at_risk", "dormant", "lost")
"""The lifecycle stages, in lifecycle order."""
DECILES = tuple(range(1, 11))
MAX_QUIET_DAYS = 3650
NAME_CHARS = 80
"""A view's name is cut to this many characters."""

SUGGESTIONS = (
    QT_TRANSLATE_NOOP("views", "My sleeping MVCs"),
    QT_TRANSLATE_NOOP("views", "MGC not contacted for 30 days"),
)
"""The names of the suggested views (translated where they are shown)."""


@dataclass(frozen=True)
class SavedView:
    """A named list: *query* without the dashboard's id limit (``ids`` is never kept)."""

    name: str
    query: CustomerQuery


def suggested_views(user_name: str) -> list[SavedView]:
    """The two views offered on an empty list: my MVCs who are dormant or at risk, and MGCs nobody has
    contacted for 30 days."""
    return [
        SavedView(SUGGESTIONS[0], CustomerQuery(owner=user_name or None, segments=frozenset({"MVC"}),
                                                lifecycles=frozenset({"dormant", "at_risk"}))),
        SavedView(SUGGESTIONS[1], CustomerQuery(segments=frozenset({"MGC"}), quiet_days=30)),
    ]


def keepable(query: CustomerQuery) -> CustomerQuery:
    """*query* as a view keeps it: without the dashboard's id limit."""
    return replace(query, ids=None)


def view_to_dict(view: SavedView) -> dict[str, Any]:
    """Plain data (JSON-able) for the settings file; defaults are left out."""
    q = view.query
    out: dict[str, Any] = {"name": view.name, "sort": q.sort, "descending": q.descending}
    for key in ("text", "owner", "tag", "relationship_stage", "industry", "quiet_days", "p_alive_below",
                "value_at_least"):
        value = getattr(q, key)
        if value not in (None, ""):
            out[key] = value
    if q.kind is not None:
        out["kind"] = str(q.kind)
    if q.do_not_contact is not None:
        out["do_not_contact"] = q.do_not_contact
    for key in ("segments", "deciles", "lifecycles"):
        if getattr(q, key):
            out[key] = sorted(getattr(q, key))
    return out


MAX_VALUE = 10**9
"""Largest expected-value threshold a view keeps (whole currency units)."""


def _whole(value: object, high: int) -> int | None:
    """*value* when it is a whole number in 1 … *high*, else None (a hand-edited or damaged setting)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= high else None


def _text(value: object, limit: int = 200) -> str | None:
    return value[:limit] if isinstance(value, str) and value else None


def _choices(value: object, allowed: tuple[Any, ...]) -> frozenset[Any]:
    if not isinstance(value, list):
        return frozenset()
    return frozenset(v for v in value if not isinstance(v, bool) and v in allowed)


def view_from_dict(data: object) -> SavedView | None:
    """The view *data* describes, or None when it has no name; unknown or wrong values are dropped."""
    if not isinstance(data, dict):
        return None
    name = _text(data.get("name"), NAME_CHARS)
    if name is None or not name.strip():
        return None
    kind = data.get("kind")
    stage = data.get("relationship_stage")
    quiet = data.get("quiet_days")
    dnc = data.get("do_not_contact")
    query = CustomerQuery(
        text=_text(data.get("text")) or "",
        kind=CustomerKind(kind) if isinstance(kind, str) and kind in set(CustomerKind) else None,
        owner=_text(data.get("owner")), tag=_text(data.get("tag")),
        do_not_contact=dnc if isinstance(dnc, bool) else None,
        sort=_text(data.get("sort"), 40) or "relevance",
        descending=data.get("descending") is True,
        segments=_choices(data.get("segments"), SEGMENTS),
        deciles=_choices(data.get("deciles"), DECILES),
        lifecycles=_choices(data.get("lifecycles"), LIFECYCLES),
        relationship_stage=stage if isinstance(stage, str) and stage in set(RelationshipStage) else None,
        industry=_text(data.get("industry")),
        quiet_days=quiet if isinstance(quiet, int) and not isinstance(quiet, bool)
        and 0 < quiet <= MAX_QUIET_DAYS else None,
        p_alive_below=_whole(data.get("p_alive_below"), 100),
        value_at_least=_whole(data.get("value_at_least"), MAX_VALUE),
    )
    return SavedView(name.strip(), query)
