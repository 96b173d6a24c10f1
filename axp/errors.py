"""The AXP error-code registry, loaded from ``spec/errors.json``.

Servers, the client and the conformance suite look codes up here instead of hard-coding HTTP
statuses, so an error's status, category and retryability are stated exactly once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from axp._resources import spec_dir


@dataclass(frozen=True)
class ErrorCode:
    code: str
    category: str
    http_status: int
    retryable: bool
    description: str


@cache
def registry() -> dict[str, ErrorCode]:
    raw = json.loads((spec_dir() / "errors.json").read_text(encoding="utf-8"))
    return {c["code"]: ErrorCode(**c) for c in raw["codes"]}


@cache
def categories() -> dict[str, tuple[int, ...]]:
    raw = json.loads((spec_dir() / "errors.json").read_text(encoding="utf-8"))
    return {c["name"]: tuple(c["http_statuses"]) for c in raw["categories"]}


def lookup(code: str) -> ErrorCode:
    """The registry entry for ``code``; unknown codes are a programming error."""
    return registry()[code]


def error_body(
    code: str, message: str, *, details: dict[str, Any] | None = None, request_id: str | None = None
) -> dict[str, Any]:
    """Build the spec's error response body (schemas/v1/error_response.json) for a registered code."""
    entry = lookup(code)
    error: dict[str, Any] = {
        "code": entry.code,
        "message": message,
        "category": entry.category,
        "retryable": entry.retryable,
        "at": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
    }
    if details:
        error["details"] = details
    if request_id:
        error["request_id"] = request_id
    return {"ok": False, "error": error}
