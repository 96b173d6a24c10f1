"""Check whole event streams against the lifecycle table: seq order, legal transitions, terminals.

The checker keeps three values per intent (last seq, current status, terminal flag), so memory
grows with the number of intents, never with the number of events, and a file of millions of
lines is checked as it is read. Every rule it applies is derived from ``spec/lifecycle.json``;
rule names and their requirement IDs are listed in ``vectors/lifecycle/rules.json``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from axp.lifecycle import LIFECYCLE, Lifecycle
from axp.validate.issues import ValidationIssue
from axp.validate.message import validator_for

REQUIRED_FIELDS = ("intent_id", "seq", "event_type", "status", "at")
_NOBODY = object()
_Step = tuple[str, dict[str, Any], bool]

# rule name -> requirement id; the vectors' rules.json is checked against this in the tests.
RULES: dict[str, str] = {
    "missing_field": "AXP-EV-005",
    "schema": "AXP-EV-005",
    "unknown_status": "AXP-LC-001",
    "unknown_event_type": "AXP-EV-003",
    "retired_event_type": "AXP-EV-003",
    "seq_start": "AXP-EV-001",
    "seq_gap": "AXP-EV-002",
    "seq_duplicate": "AXP-EV-002",
    "seq_regression": "AXP-EV-002",
    "first_event": "AXP-EV-004",
    "event_type_mismatch": "AXP-EV-003",
    "illegal_transition": "AXP-LC-002",
    "self_transition": "AXP-LC-010",
    "after_terminal": "AXP-LC-003",
    "annotation_status_change": "AXP-LC-007",
    "waiting_reason_missing": "AXP-LC-004",
    "waiting_reason_unexpected": "AXP-LC-005",
}


class StreamChecker:
    """Feed events one at a time (any mix of intents); collect issues as they are found.

    ``check_schema`` also validates every event against ``event.json`` (slower, but it catches
    bad formats); the lifecycle rules run either way.
    """

    def __init__(self, *, check_schema: bool = True, lifecycle: Lifecycle = LIFECYCLE) -> None:
        self._lc = lifecycle
        self._state: dict[Any, tuple[int, str, bool]] = {}
        self._check_schema = check_schema
        self._event_validator = validator_for("event") if check_schema else None
        self._statuses = frozenset(lifecycle.statuses)
        self._event_status = lifecycle.event_status
        self._annotations = lifecycle.annotation_events
        self._retired = lifecycle.retired_event_types
        self._transitions = lifecycle.transitions
        self._terminal = lifecycle.terminal
        self._waiting = lifecycle.waiting_status
        self._created_event = lifecycle.status_event[lifecycle.initial_status]
        self._initial = lifecycle.initial_status
        self._reasons = frozenset(lifecycle.waiting_reasons)
        # current status -> {event type: the status it must carry} for every step the table allows
        # from there: a status-changing event along a transition, or an annotation that keeps the
        # status; nothing after a terminal status
        self._steps: dict[str, dict[str, str]] = {}
        for current in lifecycle.statuses:
            allowed: dict[str, str] = {}
            if current not in self._terminal:
                allowed.update((et, st) for et, st in self._event_status.items() if st in self._transitions[current])
                allowed.update((et, current) for et in self._annotations)
            self._steps[current] = allowed
        # the same steps for :meth:`_advance`: event type -> (status it must carry, that status's own
        # row, whether it is the waiting status), so one look-up both checks a step and moves to the
        # row of the status it enters
        self._rows: dict[str, dict[str, _Step]] = {current: {} for current in lifecycle.statuses}
        for current, allowed in self._steps.items():
            self._rows[current].update((et, (st, self._rows[st], st == self._waiting)) for et, st in allowed.items())
        self._first_step: _Step = (self._initial, self._rows[self._initial], self._initial == self._waiting)
        self.events_checked = 0

    @property
    def intents_seen(self) -> int:
        return len(self._state)

    def _issue(
        self, rule: str, message: str, pointer: str, index: int | None, line: int | None, intent_id: Any
    ) -> ValidationIssue:
        return ValidationIssue(
            pointer=pointer,
            message=message,
            rule=rule,
            requirement=RULES[rule],
            index=index,
            line=line,
            intent_id=intent_id if isinstance(intent_id, str) else None,
        )

    def feed(self, event: Any, index: int | None = None, line: int | None = None) -> list[ValidationIssue]:
        """Check one event in stream order; returns the issues it raises (usually none)."""
        if self._event_validator is None and self._advance([event], 0) == 1:
            return []
        self.events_checked += 1
        return self._feed_full(event, index, line)

    def feed_many(
        self, events: list[Any], index: int = 0, line: int | None = None, *, schema_valid: bool = False
    ) -> list[ValidationIssue]:
        """Check consecutive events (``events[i]`` is message ``index + i``, on line ``line + i``).

        ``schema_valid`` says every event is already known to match ``event.json`` (one engine
        call for the whole batch, :meth:`MessageValidator.all_valid`); then, as in lifecycle-only
        mode, ordinary events are decided by :meth:`_advance` and only the others take the full path."""
        issues: list[ValidationIssue] = []
        fast = schema_valid or self._event_validator is None
        position = 0
        while position < len(events):
            if fast:
                position = self._advance(events, position)
                if position == len(events):
                    break
            self.events_checked += 1
            issues.extend(self._feed_full(events[position], index + position, None if line is None else line + position))
            position += 1
        return issues

    def _advance(self, events: list[Any], start: int) -> int:
        """Accept events from ``start`` while each is an ordinary next step, a few look-ups apiece;
        returns the position of the first one that needs the full path (which names every rule it
        breaks). An event accepted here is one ``_feed_full`` finds no lifecycle fault in, and the
        state left is the same (tests/test_validate_stream.py and test_validate_bulk.py compare them).

        Events of one intent usually come in runs, so the intent being followed keeps its seq,
        status and row in local variables and is written back to ``_state`` only when another
        intent's event comes, or when this call returns (also by an exception)."""
        state = self._state
        rows, first_step = self._rows, self._first_step
        reasons, terminal, created = self._reasons, self._terminal, self._created_event
        held: Any = _NOBODY  # the intent whose state lives in last_seq/current/row, not yet in ``state``
        last_seq, current, row = 0, self._initial, first_step[1]
        step: _Step
        position = start
        try:
            for position in range(start, len(events)):
                event = events[position]
                if type(event) is not dict:
                    return position
                try:
                    intent_id = event["intent_id"]
                    seq = event["seq"]
                    event_type = event["event_type"]
                    if type(seq) is not int or "at" not in event:
                        return position
                    if intent_id != held:  # equal ids are one dict key too (1 == 1.0 == True)
                        if held is not _NOBODY:
                            state[held] = (last_seq, current, current in terminal)
                            held = _NOBODY
                        known = state.get(intent_id)
                        if known is None:
                            if event_type != created:
                                return position
                            last_seq, step = 0, first_step
                        else:
                            last_seq, current, _ = known
                            step = rows[current][event_type]
                    else:
                        step = row[event_type]
                    if seq != last_seq + 1 or step[0] != event["status"]:
                        return position
                    if step[2]:
                        if event.get("waiting_reason") not in reasons:
                            return position
                    elif "waiting_reason" in event and event["waiting_reason"] is not None:
                        return position
                except (KeyError, TypeError):  # a missing field, a step the table lacks, an id no dict can hold
                    return position
                current, row, _ = step
                last_seq, held = seq, intent_id
            position = len(events)
            return position
        finally:
            if held is not _NOBODY:
                state[held] = (last_seq, current, current in terminal)
            self.events_checked += position - start

    def _feed_full(self, event: Any, index: int | None, line: int | None) -> list[ValidationIssue]:
        if not isinstance(event, Mapping):
            return [self._issue("schema", "an event must be a JSON object", "", index, line, None)]
        missing = [f for f in REQUIRED_FIELDS if f not in event]
        intent_id = event.get("intent_id")
        if missing:
            return [
                self._issue("missing_field", f"event lacks required field {f!r}", "", index, line, intent_id) for f in missing
            ]
        issues: list[ValidationIssue] = []
        if self._event_validator is not None and not self._event_validator.is_valid(event):
            for err in self._event_validator.iter_errors(event):
                if (
                    err.pointer in ("/status", "/event_type")
                    or err.pointer == "/waiting_reason"
                    or (err.rule == "required" and "waiting_reason" in err.message)
                ):
                    continue  # reported below under a lifecycle rule with a sharper message
                issues.append(  # reported with the failing keyword, as when the event is validated alone
                    ValidationIssue(
                        pointer=err.pointer,
                        message=err.message,
                        rule="schema",
                        requirement=RULES["schema"],
                        index=index,
                        line=line,
                        intent_id=intent_id if isinstance(intent_id, str) else None,
                        keyword=err.rule,
                    )
                )
        status = event["status"]
        event_type = event["event_type"]
        seq = event["seq"]
        if status not in self._statuses:
            issues.append(self._issue("unknown_status", f"{status!r} is not an AXP status", "/status", index, line, intent_id))
            return issues
        if event_type in self._retired:
            issues.append(
                self._issue(
                    "retired_event_type",
                    f"{event_type!r} is retired; use {self._retired[event_type]!r}",
                    "/event_type",
                    index,
                    line,
                    intent_id,
                )
            )
            return issues
        target = self._event_status.get(event_type)
        if target is None and event_type not in self._annotations:
            issues.append(
                self._issue(
                    "unknown_event_type", f"{event_type!r} is not an AXP event type", "/event_type", index, line, intent_id
                )
            )
            return issues
        if not isinstance(seq, int) or isinstance(seq, bool):
            issues.append(self._issue("schema", "seq must be an integer", "/seq", index, line, intent_id))
            return issues

        waiting_reason = event.get("waiting_reason")
        if status == self._waiting:
            if not waiting_reason:
                issues.append(
                    self._issue(
                        "waiting_reason_missing",
                        "a WAITING event must carry waiting_reason",
                        "/waiting_reason",
                        index,
                        line,
                        intent_id,
                    )
                )
        elif waiting_reason is not None:
            issues.append(
                self._issue(
                    "waiting_reason_unexpected",
                    f"waiting_reason is only allowed on WAITING events, not {status}",
                    "/waiting_reason",
                    index,
                    line,
                    intent_id,
                )
            )
        if target is not None and target != status:
            issues.append(
                self._issue(
                    "event_type_mismatch",
                    f"{event_type} must carry status {target}, not {status}",
                    "/status",
                    index,
                    line,
                    intent_id,
                )
            )

        if not isinstance(intent_id, str | int | float | bool | None):  # no stream can be kept for it
            if not any(i.pointer == "/intent_id" for i in issues):
                issues.append(self._issue("schema", "intent_id must be a string", "/intent_id", index, line, None))
            return issues
        state = self._state.get(intent_id)
        if state is None:
            if seq != 1:
                issues.append(
                    self._issue(
                        "seq_start", f"the first event of an intent must have seq 1, not {seq}", "/seq", index, line, intent_id
                    )
                )
            if event_type != self._created_event or status != self._initial:
                issues.append(
                    self._issue(
                        "first_event",
                        f"the first event of an intent must be {self._created_event} with status {self._initial}",
                        "/event_type",
                        index,
                        line,
                        intent_id,
                    )
                )
            self._state[intent_id] = (seq, status, status in self._terminal)
            return issues

        last_seq, current, terminal = state
        if seq == last_seq:
            issues.append(
                self._issue("seq_duplicate", f"seq {seq} repeats the previous event's seq", "/seq", index, line, intent_id)
            )
        elif seq < last_seq:
            issues.append(
                self._issue(
                    "seq_regression", f"seq {seq} is lower than the previous seq {last_seq}", "/seq", index, line, intent_id
                )
            )
        elif seq != last_seq + 1:
            issues.append(self._issue("seq_gap", f"seq jumps from {last_seq} to {seq}", "/seq", index, line, intent_id))
        if terminal:
            issues.append(
                self._issue("after_terminal", f"no event may follow the terminal status {current}", "", index, line, intent_id)
            )
        elif target is None:
            if status != current:
                issues.append(
                    self._issue(
                        "annotation_status_change",
                        f"{event_type} must not change the status ({current} -> {status})",
                        "/status",
                        index,
                        line,
                        intent_id,
                    )
                )
        elif target == status and status not in self._transitions[current]:
            if status == current:  # named apart: a repeat is its own rule (AXP-LC-010), not just any illegal move
                issues.append(
                    self._issue(
                        "self_transition",
                        f"{current} -> {status}: a status never re-enters itself",
                        "/status",
                        index,
                        line,
                        intent_id,
                    )
                )
            else:
                issues.append(
                    self._issue(
                        "illegal_transition",
                        f"{current} -> {status} is not a legal transition",
                        "/status",
                        index,
                        line,
                        intent_id,
                    )
                )
        self._state[intent_id] = (max(seq, last_seq), status if not terminal else current, terminal or status in self._terminal)
        return issues


def check_stream(events: Iterable[Any], *, check_schema: bool = True) -> list[ValidationIssue]:
    """All issues of a finite stream of events (one or many intents, in stream order)."""
    checker = StreamChecker(check_schema=check_schema)
    issues: list[ValidationIssue] = []
    for index, event in enumerate(events):
        issues.extend(checker.feed(event, index=index))
    return issues
