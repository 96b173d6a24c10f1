"""Every check module; importing this package registers all checks."""

from conformance.checks import (
    auth,
    bodies,
    core,
    delivery,
    durability,
    fuzz,
    human,
    idempotency,
    lifecycle,
    matrix,
    principals,
    streams,
    timers,
    values,
    wire,
)

__all__ = [
    "auth",
    "bodies",
    "core",
    "delivery",
    "durability",
    "fuzz",
    "human",
    "idempotency",
    "lifecycle",
    "matrix",
    "principals",
    "streams",
    "timers",
    "values",
    "wire",
]
