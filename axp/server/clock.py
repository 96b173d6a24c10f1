"""Timestamps in the spec's profile: RFC 3339, UTC, millisecond precision, ``Z`` suffix."""

from __future__ import annotations

import time
from datetime import UTC, datetime


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(value: str) -> float:
    """Epoch seconds of an RFC 3339 timestamp (already schema-validated)."""
    return datetime.fromisoformat(value.replace("z", "Z").replace("t", "T").replace("Z", "+00:00")).timestamp()


def now() -> float:
    return time.time()
