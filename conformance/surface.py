"""The HTTP surface as data: every operation of spec/openapi.yaml with a concrete request.

Rules stated for "any request" or "any write" are checked on every operation the server claims,
not on one witness; this module turns an operation into a request the suite can send (the path
filled in for a real intent and agent, and the body of the OpenAPI example).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from axp.bundle import load_openapi
from axp.capabilities import Operation, core_names, operations

WRITES = ("resolveIntent", "resumeIntent", "cancelIntent", "ackIntent", "updateIntentControls")
STREAMS = ("streamIntentEvents", "streamAgentIntents")


@cache
def example_body(operation_id: str) -> dict[str, Any] | None:
    """The request body of the operation's OpenAPI example (None when it takes no body)."""
    for item in load_openapi()["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and op.get("operationId") == operation_id and "requestBody" in op:
                examples = op["requestBody"]["content"]["application/json"].get("examples") or {}
                first: dict[str, Any] = next(iter(examples.values()), {})
                return dict(first.get("value") or {})
    return None


def operation(operation_id: str) -> Operation:
    return next(op for op in operations() if op.operation_id == operation_id)


def claimed(capabilities: list[str]) -> list[Operation]:
    """Operations the platform serves: the discovery endpoints, the core ones, and those of the
    optional capabilities it claims."""
    core = set(core_names())
    return [op for op in operations() if op.capability is None or op.capability in core or op.capability in capabilities]


def served_methods(path: str, capabilities: list[str]) -> set[str]:
    """The methods a platform claiming ``capabilities`` serves on ``path``."""
    return {op.method for op in claimed(capabilities) if op.path == path}


def fill(path: str, intent_id: str, agent_address: str) -> str:
    org, workspace, name = agent_address.removeprefix("agent://").split("/")
    return path.replace("{intent_id}", intent_id).replace("{org}", org).replace("{workspace}", workspace).replace("{name}", name)
