"""Checks as small named functions, each tagged with the requirement IDs it verifies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class CheckFailure(AssertionError):
    """The server broke a requirement; ``requirement`` names which one (default: the check's first)."""

    def __init__(
        self,
        message: str,
        requirement: str | None = None,
        evidence: dict[str, Any] | None = None,
        others: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.requirement = requirement
        self.evidence = evidence
        self.others = others or []  # further (requirement, message) pairs found by the same check


class HarnessError(RuntimeError):
    """Our side failed (a tool crashed or timed out, or the suite built a request the spec forbids):
    reported apart from server failures, never counted against the server."""


class NotApplicable(Exception):
    """The server does not claim what this check needs (never counted as a failure)."""


@dataclass(frozen=True)
class Check:
    name: str
    area: str
    requirements: tuple[str, ...]
    fn: Callable[[Any], None]
    capability: str | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)
    description: str = ""


CHECKS: dict[str, Check] = {}


def check(
    area: str, requirements: list[str], *, capability: str | None = None, tags: list[str] | None = None
) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
    def register(fn: Callable[[Any], None]) -> Callable[[Any], None]:
        name = fn.__name__
        if name in CHECKS:
            raise ValueError(f"duplicate check {name}")
        CHECKS[name] = Check(
            name,
            area,
            tuple(requirements),
            fn,
            capability,
            tuple(tags or ()),
            (fn.__doc__ or "").strip().splitlines()[0] if fn.__doc__ else "",
        )
        return fn

    return register


def all_checks() -> list[Check]:
    from conformance import checks  # noqa: F401 - importing registers every check

    return list(CHECKS.values())
