"""The AXP lifecycle state machine, loaded from ``spec/lifecycle.json``.

This module restates nothing: statuses, the terminal set, waiting reasons, legal transitions and
event types all come from the data file, so the validator, the reference server, the conformance
suite and the docs cannot drift apart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from axp._resources import spec_dir


@dataclass(frozen=True)
class Lifecycle:
    statuses: tuple[str, ...]
    terminal: frozenset[str]
    initial_status: str
    waiting_status: str
    waiting_reasons: tuple[str, ...]
    transitions: dict[str, frozenset[str]]
    status_event: dict[str, str]
    annotation_events: frozenset[str]
    retired_event_types: dict[str, str]
    raw: dict[str, Any]

    @property
    def event_status(self) -> dict[str, str]:
        """Map a status-changing event type to the status it enters."""
        return {event: status for status, event in self.status_event.items()}

    @property
    def event_types(self) -> tuple[str, ...]:
        return tuple(self.status_event.values()) + tuple(sorted(self.annotation_events))

    def is_terminal(self, status: str) -> bool:
        return status in self.terminal

    def can_transition(self, current: str, target: str) -> bool:
        return target in self.transitions.get(current, frozenset())

    def is_status_event(self, event_type: str) -> bool:
        return event_type in self.event_status


def _build(raw: dict[str, Any]) -> Lifecycle:
    statuses = tuple(s["name"] for s in raw["statuses"])
    return Lifecycle(
        statuses=statuses,
        terminal=frozenset(s["name"] for s in raw["statuses"] if s["terminal"]),
        initial_status=raw["initial_status"],
        waiting_status=raw["waiting_status"],
        waiting_reasons=tuple(r["name"] for r in raw["waiting_reasons"]),
        transitions={t["from"]: frozenset(t["to"]) for t in raw["transitions"]},
        status_event={s["name"]: s["event_type"] for s in raw["statuses"]},
        annotation_events=frozenset(e["event_type"] for e in raw["annotation_events"]),
        retired_event_types={e["event_type"]: e["replaced_by"] for e in raw.get("retired_event_types", [])},
        raw=raw,
    )


@cache
def load() -> Lifecycle:
    """The lifecycle table of this installation (cached; the file never changes at run time)."""
    return _build(json.loads((spec_dir() / "lifecycle.json").read_text(encoding="utf-8")))


LIFECYCLE = load()
STATUSES = LIFECYCLE.statuses
TERMINAL_STATUSES = LIFECYCLE.terminal
WAITING_REASONS = LIFECYCLE.waiting_reasons
