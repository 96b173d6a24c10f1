"""The one error type every validator in axp reports: where, what rule, which requirement."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class ValidationIssue:
    """One problem found in a message or an event stream.

    ``pointer`` is an RFC 6901 JSON pointer into the offending message; ``index`` is the position
    of the message in a stream (0-based) and ``line`` its 1-based line in an NDJSON file, when known.
    ``keyword`` is the JSON Schema keyword that failed when the stream rule is ``schema``, so a bad
    date-time reads ``format`` in a stream as it does in a single message.
    """

    pointer: str
    message: str
    rule: str
    requirement: str | None = None
    index: int | None = None
    line: int | None = None
    intent_id: str | None = None
    keyword: str | None = None

    @property
    def label(self) -> str:
        """What a report shows as the rule: the failing keyword of a schema problem, else the rule."""
        return self.keyword or self.rule

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


def json_pointer(path: tuple[Any, ...] | list[Any]) -> str:
    """RFC 6901 pointer for a path of keys and indexes."""
    if not path:
        return ""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)
