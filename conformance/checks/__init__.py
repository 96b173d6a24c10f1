"""Every check module; importing this package registers all checks."""

from conformance.checks import (
    auth,
    core,
    delivery,
    durability,
    fuzz,
    human,
    idempotency,
    lifecycle,
    matrix,
    streams,
    timers,
    wire,
)

__all__ = [
    "auth",
    "core",
    "delivery",
    "durability",
    "fuzz",
    "human",
    "idempotency",
    "lifecycle",
    "matrix",
    "streams",
    "timers",
    "wire",
]
