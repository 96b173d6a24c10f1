"""Every check module; importing this package registers all checks."""

from conformance.checks import auth, core, delivery, fuzz, human, idempotency, lifecycle, streams, timers, wire

__all__ = ["auth", "core", "delivery", "fuzz", "human", "idempotency", "lifecycle", "streams", "timers", "wire"]
