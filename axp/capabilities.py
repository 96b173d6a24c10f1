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


@dataclass(frozen=True)
class Operation:
    """An HTTP operation of spec/openapi.yaml and the capability it belongs to (``x-axp-capability``;
    None for the discovery endpoints every server answers)."""

    operation_id: str
    method: str
    path: str
    capability: str | None


@cache
def operations() -> tuple[Operation, ...]:
    from axp.bundle import load_openapi

    found = []
    for path, item in load_openapi()["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and "operationId" in op:
                found.append(Operation(op["operationId"], method.upper(), path, op.get("x-axp-capability")))
    return tuple(found)


def unclaimed_operations(claimed: list[str] | tuple[str, ...] | set[str]) -> list[Operation]:
    """Operations of optional capabilities the platform does not claim: it answers them like routes
    it does not serve (404 not_found, or 405 method_not_allowed when the path serves other methods)."""
    core = set(core_names())
    return [op for op in operations() if op.capability and op.capability not in core and op.capability not in claimed]
