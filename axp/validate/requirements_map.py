"""Which AXP requirement a schema failure breaks.

Three sources, most specific first:

1. ``SCHEMA_REQUIREMENTS``: rows matched by (field name of the failing value or of its parent,
   keyword). Rows name fields, not schemas, because the same common type (an agent address, a
   status) carries the same requirement wherever it appears. A presence keyword (``required``,
   ``additionalProperties``) uses a row only when the row names that keyword: a missing
   ``correlation_id`` breaks the envelope's shape, not the UUID rule.
2. The failing subschema's own description, when it cites exactly one requirement ID
   (``"agent://org/workspace/name (AXP-ID-001)."``).
3. The requirement whose text names the schema file (`` `envelope.json` ``): for a missing or an
   extra field, the one that names that field if any, a ``MUST NOT`` one for an extra field, else
   the first; tried for the schema that holds the failing keyword, then for the message's schema.
"""

from __future__ import annotations

import re
from functools import cache

from axp.requirements import MENTION, load_index

# (field, keyword or "*", requirement)
SCHEMA_REQUIREMENTS: tuple[tuple[str, str, str], ...] = (
    ("waiting_reason", "required", "AXP-LC-004"),
    ("waiting_reason", "type", "AXP-LC-005"),
    ("waiting_reason", "enum", "AXP-LC-004"),
    ("status", "enum", "AXP-LC-001"),
    ("lifecycle_status", "enum", "AXP-LC-001"),
    ("event_type", "enum", "AXP-EV-003"),
    ("seq", "*", "AXP-EV-001"),
    ("to_agent", "*", "AXP-ID-001"),
    ("from_agent", "*", "AXP-ID-001"),
    ("reply_to", "*", "AXP-ID-001"),
    ("intent_type", "*", "AXP-ID-002"),
    ("intent_id", "*", "AXP-ID-003"),
    ("correlation_id", "*", "AXP-ID-003"),
)

PRESENCE_KEYWORDS = frozenset({"required", "additionalProperties", "unevaluatedProperties", "dependentRequired"})
EXTRA_KEYWORDS = frozenset({"additionalProperties", "unevaluatedProperties"})


def requirement_for(field: str | None, keyword: str) -> str | None:
    """Source 1: the row for this field and keyword, if any."""
    if field is None:
        return None
    for name, kw, req in SCHEMA_REQUIREMENTS:
        if name == field and (kw == keyword or (kw == "*" and keyword not in PRESENCE_KEYWORDS)):
            return req
    return None


def cited_requirement(description: str | None) -> str | None:
    """Source 2: the one requirement ID a schema description cites, if it cites exactly one."""
    cited = set(MENTION.findall(description or ""))
    return cited.pop() if len(cited) == 1 else None


@cache
def _naming(schema: str) -> tuple[tuple[str, str, str], ...]:
    """(id, level, text) of every requirement whose text names ``schema.json``, in index order."""
    mention = f"`{schema}.json`"
    return tuple((r.id, r.level, r.text) for r in load_index().values() if mention in r.text)


def schema_requirement(schema: str, keyword: str, field: str | None) -> str | None:
    """Source 3 for one schema file."""
    candidates = _naming(schema)
    if not candidates:
        return None
    if field is not None and keyword in PRESENCE_KEYWORDS:
        named = [rid for rid, _, text in candidates if re.search(rf"`{re.escape(field)}`", text)]
        if named:
            return named[0]
    if keyword in EXTRA_KEYWORDS:
        forbidding = [rid for rid, level, _ in candidates if level == "MUST NOT"]
        if forbidding:
            return forbidding[0]
    musts = [rid for rid, level, _ in candidates if level == "MUST"]
    return (musts or [candidates[0][0]])[0]
