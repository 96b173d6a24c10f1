"""Which AXP requirement a schema failure breaks, as data kept in one place.

A schema error is matched by (field name of the failing value or of its parent, keyword); the
first matching row wins. Rows name fields, not schemas, because the same common type (an agent
address, a status) carries the same requirement wherever it appears.
"""

from __future__ import annotations

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


def requirement_for(field: str | None, keyword: str) -> str | None:
    if field is None:
        return None
    for name, kw, req in SCHEMA_REQUIREMENTS:
        if name == field and (kw == "*" or kw == keyword):
            return req
    return None
