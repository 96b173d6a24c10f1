"""The capability vocabulary, loaded from ``spec/capabilities.json``.

The server advertises from it, the suite gates optional checks on it and the docs render it, so
the set of capability names exists in one file only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from axp._resources import spec_dir


@dataclass(frozen=True)
class Capability:
    name: str
    core: bool
    description: str


@cache
def vocabulary() -> tuple[Capability, ...]:
    raw = json.loads((spec_dir() / "capabilities.json").read_text(encoding="utf-8"))
    return tuple(Capability(c["name"], bool(c["core"]), c["description"]) for c in raw["capabilities"])


def core_names() -> list[str]:
    """Capabilities every AXP server has."""
    return [c.name for c in vocabulary() if c.core]
