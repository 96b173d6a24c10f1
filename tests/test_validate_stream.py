"""The stream checker agrees with every lifecycle vector and holds constant state per intent."""

from __future__ import annotations

import uuid

import pytest

from axp import vectors
from axp.lifecycle import LIFECYCLE
from axp.validate import StreamChecker, check_stream

LIFECYCLE_VECTORS = list(vectors.iter_lifecycle_vectors())


@pytest.mark.parametrize("vector", LIFECYCLE_VECTORS, ids=lambda v: v.id)
def test_stream_checker_reports_exactly_the_stated_violations(vector: vectors.LifecycleVector) -> None:
    got = sorted((i.index, i.rule, i.requirement) for i in check_stream(vector.events))
    want = sorted((v["index"], v["rule"], v["requirement"]) for v in vector.violations)
    assert got == want


def _event(intent_id: str, seq: int, status: str, **extra: object) -> dict[str, object]:
    return {
        "intent_id": intent_id,
        "seq": seq,
        "event_type": LIFECYCLE.status_event[status],
        "status": status,
        "at": "2026-11-24T10:00:00Z",
        **extra,
    }


@pytest.mark.parametrize("source", LIFECYCLE.statuses)
@pytest.mark.parametrize("target", LIFECYCLE.statuses)
def test_every_pair_of_statuses_is_judged_by_the_table(source: str, target: str) -> None:
    """Walk to ``source`` along legal steps, then try ``target``: legal iff the table says so."""
    path = _path_to(source)
    intent = str(uuid.uuid4())
    events = [_event(intent, i + 1, s, **_reason(s)) for i, s in enumerate(path + [target])]
    rules = {i.rule for i in check_stream(events) if i.index == len(path)}
    if LIFECYCLE.is_terminal(source):
        assert "after_terminal" in rules
    elif target in LIFECYCLE.transitions[source]:
        assert rules == set()
    elif target == source:
        assert "self_transition" in rules  # named apart (AXP-LC-010), so a report names the rule
    else:
        assert "illegal_transition" in rules


def _reason(status: str) -> dict[str, str]:
    return {"waiting_reason": LIFECYCLE.waiting_reasons[0]} if status == LIFECYCLE.waiting_status else {}


def _path_to(status: str) -> list[str]:
    paths = {LIFECYCLE.initial_status: [LIFECYCLE.initial_status]}
    frontier = [LIFECYCLE.initial_status]
    while frontier:
        current = frontier.pop(0)
        for nxt in sorted(LIFECYCLE.transitions[current]):
            if nxt not in paths:
                paths[nxt] = paths[current] + [nxt]
                frontier.append(nxt)
    return paths[status]


def test_state_is_one_entry_per_intent_not_per_event() -> None:
    checker = StreamChecker(check_schema=False)
    intents = [str(uuid.uuid4()) for _ in range(50)]
    for intent in intents:
        checker.feed(_event(intent, 1, "CREATED"))
        checker.feed(_event(intent, 2, "SUBMITTED"))
    for seq in range(3, 203):  # long runs of annotation events grow nothing
        for intent in intents[:5]:
            assert checker.feed({**_event(intent, seq, "SUBMITTED"), "event_type": "intent.reminder"}) == []
    assert checker.intents_seen == 50
    assert checker.events_checked == 100 + 200 * 5


def test_lifecycle_only_mode_skips_format_checks_but_keeps_lifecycle_rules() -> None:
    intent = str(uuid.uuid4())
    events = [_event(intent, 1, "CREATED", at="yesterday"), _event(intent, 3, "SUBMITTED")]
    assert [i.rule for i in check_stream(events, check_schema=False)] == ["seq_gap"]
    assert sorted(i.rule for i in check_stream(events)) == ["schema", "seq_gap"]


@pytest.mark.parametrize("vector", LIFECYCLE_VECTORS, ids=lambda v: v.id)
def test_fast_path_agrees_with_the_full_checker(vector: vectors.LifecycleVector) -> None:
    """Lifecycle-only mode takes a shortcut for ordinary events; it must name the same lifecycle faults."""
    full = sorted((i.index, i.rule) for i in check_stream(vector.events) if i.rule != "schema")
    fast = sorted((i.index, i.rule) for i in check_stream(vector.events, check_schema=False) if i.rule != "schema")
    assert fast == full
