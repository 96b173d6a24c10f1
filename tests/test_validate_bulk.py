"""The fast path of ``axp validate --events`` gives exactly what the line-by-line path gives:
bulk NDJSON parsing (jsontext.loads_lines) against jsontext.loads, batched lifecycle checks
(StreamChecker.feed_many) against feed(), and the whole CLI with the fast path on and off."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from axp import jsontext, vectors
from axp.cli import main
from axp.commands import _inputs
from axp.lifecycle import LIFECYCLE
from axp.validate import StreamChecker, validator_for

SETTINGS = settings(max_examples=60, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))


def typed(value: Any) -> Any:
    """A value with its JSON types spelled out, so 1, 1.0 and True never compare equal."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return (type(value).__name__, value)


def line_by_line(chunk: bytes) -> list[Any] | None:
    """What loads() makes of each line; None when some line is blank or refused."""
    out = []
    for raw in chunk.split(b"\n")[:-1]:
        if not raw.strip():
            return None
        try:
            out.append(jsontext.loads(raw.decode("utf-8")))
        except (jsontext.JSONTextError, UnicodeDecodeError):
            return None
    return out


def assert_agrees(chunk: bytes) -> list[Any] | None:
    bulk = jsontext.loads_lines(chunk)
    if bulk is not None:
        expected = line_by_line(chunk)
        assert expected is not None, chunk
        assert typed(bulk) == typed(expected)
    return bulk


json_scalars = (
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False, allow_infinity=False) | st.text()
)
json_values = st.recursive(
    json_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3), max_leaves=8
)
objects = st.dictionaries(st.text(max_size=8), json_values, min_size=1, max_size=5)


@SETTINGS
@given(st.lists(objects, min_size=1, max_size=12), st.booleans())
def test_clean_lines_take_the_bulk_path_and_parse_the_same(lines: list[dict[str, Any]], crlf: bool) -> None:
    end = b"\r\n" if crlf else b"\n"
    chunk = b"".join(json.dumps(line, ensure_ascii=False).encode() + end for line in lines)
    bulk = assert_agrees(chunk)
    if b"\\u003" not in chunk:  # the only clean text the bulk path hands back
        assert bulk is not None


MUTATIONS = [
    lambda text: text.replace("}", ', "k": 1, "k": 2}', 1),  # a member named twice
    lambda text: text.replace("{", '{"z": "\\u003a", "z": 1, ', 1),  # ... with an escaped colon to blur the count
    lambda text: text.replace("{", '{"n": ' + "7" * 400 + ", ", 1),  # an integer beyond a double
    lambda text: text.replace("\n", "\n\n", 1),  # a blank line
    lambda text: text.replace("\n", "\n   \n", 1),  # a whitespace-only line
    lambda text: text.replace("\n", " ", 1),  # two values on one line
    lambda text: text.replace(":", ":\n", 1),  # one value over two lines
    lambda text: text.replace("}", ', "x": NaN}', 1),
    lambda text: text.replace("}", ', "x": 1e400}', 1),
    lambda text: text.replace("}", ', "x": "\\ud800"}', 1),
    lambda text: "\ufeff" + text,
    lambda text: text.replace("}", ', "x": "\x01"}', 1),
]


@SETTINGS
@given(st.lists(objects, min_size=2, max_size=6), st.sampled_from(range(len(MUTATIONS))))
def test_any_line_loads_refuses_sends_the_chunk_back(lines: list[dict[str, Any]], which: int) -> None:
    text = "".join(json.dumps(line) + "\n" for line in lines)
    assert_agrees(MUTATIONS[which](text).encode())


@pytest.mark.parametrize(
    "chunk",
    [
        b'{"a": 1, "a": 2}\n',
        b'{"a": "x", "a": "\\u003a"}\n',
        b'{"n": ' + b"9" * 309 + b"}\n",
        b'{"a": [{"b": 1}\n{"c": 2}]}\n{"x": 1} {"y": 2}\n',  # a line split over two, two values on a third
        b'{"a": 1}\n\n{"b": 2} {"c": 3}\n',  # a blank line balanced by two values on a line
        b'[1]\n{"a": 1}\n',
    ],
)
def test_known_differences_never_pass_in_bulk(chunk: bytes) -> None:
    assert jsontext.loads_lines(chunk) is None


def _flat_lines(count: int) -> list[str]:
    """Ordinary flat event lines: the shape the bulk path decides with its cheapest checks."""
    return [
        json.dumps({"intent_id": str(uuid.UUID(int=n + 1)), "seq": n + 1, "status": "CREATED", "at": "2026-11-24T10:00:00Z"})
        for n in range(count)
    ]


def test_flat_lines_are_vouched_for_without_re_encoding(monkeypatch: pytest.MonkeyPatch) -> None:
    """The comma count alone clears flat lines; the tests below show what it hands to the exact count."""
    import msgspec

    chunk = "".join(line + "\n" for line in _flat_lines(300)).encode()

    def refuse(*args: Any, **kwargs: Any) -> bytes:
        raise AssertionError("the exact count ran on flat lines")

    monkeypatch.setattr(msgspec.json, "encode", refuse)
    assert assert_agrees(chunk) is not None


REPEATS = [
    '{"a": 1, "b": 2, "a": 3}',  # flat, the repeat takes a comma with it
    '{"a": 1, "a": 2}',
    '{"a": "x,y", "a": "z"}',  # a comma inside a string beside the repeat
    '{"a": {"b": 1, "b": 2}}',  # nested
    '{"a": [{"b": 1, "c": 2, "b": 3}], "d": 4}',
    '{"a": 1, "\\u0061": 2}',  # the same name once unescaped
]


@pytest.mark.parametrize("repeat", REPEATS)
@pytest.mark.parametrize("where", [0, 137, 299])
@pytest.mark.parametrize("extra", ["", "{}", '{"s": "p,q,r"}', '{"n": {"k": 1}}'])
def test_a_repeated_name_on_one_line_among_many_sends_the_chunk_back(repeat: str, where: int, extra: str) -> None:
    """However the other lines' commas fall (an empty object, commas in strings, a nested member),
    one repeated name anywhere keeps the chunk from passing in bulk, and loads names it."""
    lines = _flat_lines(300)
    lines[where] = repeat
    if extra:
        lines[(where + 1) % len(lines)] = extra
    chunk = "".join(line + "\n" for line in lines).encode()
    assert jsontext.loads_lines(chunk) is None
    with pytest.raises(jsontext.JSONTextError, match="appears twice"):
        jsontext.loads(repeat)


@pytest.mark.parametrize("shift", range(31))  # every offset the sampled digit check can meet
@pytest.mark.parametrize("digits", [309, 400])
def test_an_integer_beyond_a_double_at_any_offset_sends_the_chunk_back(shift: int, digits: int) -> None:
    lines = _flat_lines(200)
    lines[97] = json.dumps({"pad": "p" * shift})[:-1] + ', "n": ' + "9" * digits + "}"
    chunk = "".join(line + "\n" for line in lines).encode()
    assert jsontext.loads_lines(chunk) is None
    with pytest.raises(jsontext.JSONTextError, match="out of range"):
        jsontext.loads(lines[97])


@pytest.mark.parametrize("shift", [0, 5, 30])
def test_long_digit_runs_short_of_309_still_pass_in_bulk(shift: int) -> None:
    """Digit-dense lines make the sampled check look closer; without a run of 309 they still pass."""
    lines = _flat_lines(200)
    for n in range(0, 200, 3):
        lines[n] = json.dumps({"pad": "p" * shift, "n": int("9" * 308), "m": [12345678] * 20, "s": "7" * 300})
    chunk = "".join(line + "\n" for line in lines).encode()
    assert assert_agrees(chunk) is not None


def _event(intent: str, seq: int, status: str, event_type: str | None = None, **extra: Any) -> dict[str, Any]:
    event = {
        "intent_id": intent,
        "seq": seq,
        "event_type": event_type or LIFECYCLE.status_event[status],
        "status": status,
        "at": "2026-11-24T10:00:00Z",
        **extra,
    }
    if status == LIFECYCLE.waiting_status and "waiting_reason" not in extra:
        event["waiting_reason"] = LIFECYCLE.waiting_reasons[0]
    return event


INTENTS = [str(uuid.UUID(int=n)) for n in range(1, 4)]
random_events = st.builds(
    _event,
    st.sampled_from(INTENTS + [5, ["x"]]),  # type: ignore[operator]
    st.sampled_from([0, 1, 2, 3, 4, 5, True]),
    st.sampled_from(LIFECYCLE.statuses),
    st.sampled_from([None, *LIFECYCLE.annotation_events, "intent.timeout", "intent.nope"]),
) | st.sampled_from([{"seq": 1}, [], "text"])


def _outcome(checker: StreamChecker, issues: list[Any]) -> Any:
    return (
        [(i.index, i.line, i.rule, i.requirement, i.pointer, i.keyword) for i in issues],
        dict(checker._state),
        checker.events_checked,
    )


def _compare(events: list[Any], check_schema: bool) -> None:
    one, many = StreamChecker(check_schema=check_schema), StreamChecker(check_schema=check_schema)
    single = [issue for n, e in enumerate(events) for issue in one.feed(e, index=n, line=n + 1)]
    valid = check_schema and validator_for("event").all_valid(events)
    batch = many.feed_many(events, 0, 1, schema_valid=valid)
    assert _outcome(many, batch) == _outcome(one, single)


@SETTINGS
@given(st.lists(random_events, max_size=25), st.booleans())
def test_batched_checks_name_what_single_checks_name(events: list[Any], check_schema: bool) -> None:
    _compare(events, check_schema)


@pytest.mark.parametrize("vector", list(vectors.iter_lifecycle_vectors()), ids=lambda v: v.id)
def test_batched_checks_agree_on_every_lifecycle_vector(vector: vectors.LifecycleVector) -> None:
    _compare(list(vector.events), check_schema=True)
    _compare(list(vector.events) * 2, check_schema=True)  # the same intents again: after_terminal, seq faults


PATH = ["CREATED", "SUBMITTED", "DELIVERED", "ACKNOWLEDGED", "IN_PROGRESS", "WAITING", "IN_PROGRESS", "COMPLETED"]


def _run(intent: str) -> list[dict[str, Any]]:
    """One intent's events, a reminder among them: a run the fast path follows in local variables."""
    events = [_event(intent, seq, status) for seq, status in enumerate(PATH, 1)]
    events.insert(5, _event(intent, 0, "IN_PROGRESS", "intent.reminder"))
    for seq, event in enumerate(events, 1):
        event["seq"] = seq
    return events


def _runs(intents: int) -> list[dict[str, Any]]:
    return [event for n in range(intents) for event in _run(str(uuid.UUID(int=n + 1)))]


def _after_terminal(events: list[dict[str, Any]], at: int) -> int:
    end = at - at % 9 + 9  # after the run's terminal event
    last = events[end - 1]
    events.insert(end, _event(last["intent_id"], last["seq"] + 1, last["status"], "intent.reminder"))
    return end


def _illegal(events: list[dict[str, Any]], at: int) -> int:
    current = events[at - 1]["status"]
    target = next(
        s for s in LIFECYCLE.statuses if s not in (current, LIFECYCLE.waiting_status) and s not in LIFECYCLE.transitions[current]
    )
    events[at].update(event_type=LIFECYCLE.status_event[target], status=target)
    return at


def _unexplained_wait(events: list[dict[str, Any]], at: int) -> int:
    waiting = at - at % 9 + 6  # the run's WAITING event
    del events[waiting]["waiting_reason"]
    return waiting


def _changed(field: str, value: Any) -> Any:
    def change(events: list[dict[str, Any]], at: int) -> int:
        events[at][field] = value(events[at]) if callable(value) else value
        return at

    return change


FAULTS: dict[str, Any] = {  # rule -> how to break a run near a position; returns where the fault is
    "seq_gap": _changed("seq", lambda event: event["seq"] + 1),
    "seq_duplicate": _changed("seq", lambda event: event["seq"] - 1),
    "illegal_transition": _illegal,
    "after_terminal": _after_terminal,
    "waiting_reason_missing": _unexplained_wait,
    "waiting_reason_unexpected": _changed("waiting_reason", "WAITING_FOR_TOOL"),
    "annotation_status_change": _changed("event_type", "intent.reminder"),
}


def test_runs_of_one_intent_are_clean_in_bulk() -> None:
    events = _runs(40)
    checker = StreamChecker()
    assert validator_for("event").all_valid(events)
    assert checker.feed_many(events, 0, 1, schema_valid=True) == []
    assert checker.events_checked == len(events) and checker.intents_seen == 40
    assert checker._state[str(uuid.UUID(int=7))] == (len(_run("x")), "COMPLETED", True)


@pytest.mark.parametrize("rule", sorted(FAULTS))
@pytest.mark.parametrize("offset", [1, 4, 8])  # early in a run, mid-run, at its terminal event
def test_a_fault_inside_a_run_is_found_on_its_line(rule: str, offset: int) -> None:
    """The fast path holds the followed intent in local variables; a fault anywhere in its run
    still reaches the full path, on its own line, and the state left is what feed() leaves."""
    events = _runs(40)
    at = FAULTS[rule](events, 9 * 23 + offset)  # in the 24th intent's run (9 events a run)
    _compare(events, check_schema=True)
    _compare(events, check_schema=False)
    valid = validator_for("event").all_valid(events)
    for checker in (StreamChecker(), StreamChecker(check_schema=False)):  # the fast path decides alone in the second
        issues = checker.feed_many(events, 0, 1, schema_valid=valid)
        assert (rule, at + 1) in {(i.rule, i.line) for i in issues}


def test_an_intent_resumed_after_others_keeps_its_state() -> None:
    """Interleaved intents and an intent resumed later: the state written back on each switch is
    the state the next event of that intent is judged against."""
    first, second = _run(str(uuid.UUID(int=1))), _run(str(uuid.UUID(int=2)))
    events = [e for pair in zip(first[:4], second[:4], strict=True) for e in pair] + _runs(4)[18:] + first[4:] + second[4:]
    _compare(events, check_schema=True)
    assert StreamChecker().feed_many(events, 0, 1, schema_valid=True) == []
    resumed = [dict(e) for e in events]
    resumed[-3]["seq"] = 3  # a regression in the resumed run of the second intent
    _compare(resumed, check_schema=True)
    found = [(i.rule, i.line) for i in StreamChecker().feed_many(resumed, 0, 1, schema_valid=True)]
    assert found == [("seq_regression", len(events) - 2), ("seq_gap", len(events) - 1)]  # seq 6 still stands


def _messy_stream(path: Path) -> None:
    legal = next(v for v in vectors.iter_lifecycle_vectors() if v.name == "happy-path")
    lines = []
    for n in range(60):
        intent = str(uuid.UUID(int=n + 1))
        for event in legal.events:
            lines.append(json.dumps({**event, "intent_id": intent}))
    lines[10] = lines[10].replace('"seq": 5', '"seq": 9')
    lines[40] = '{"broken": '
    lines[70] = lines[70].replace("}", ', "at": "2026-11-24T10:00:00Z", "details": {"n": ' + "1" * 400 + "}}")
    lines[100] = ""
    lines[150] = lines[150].replace("2026-11-24T10:00:00Z", "yesterday")
    lines[200] = lines[200] + " " + lines[200]
    lines[250] = json.dumps({"x": "y" * 5000})  # a line longer than the smallest chunk below
    path.write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize("chunk_bytes", [256, 4096, 1024 * 1024])
def test_the_cli_reports_the_same_with_and_without_the_fast_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk_bytes: int
) -> None:
    stream = tmp_path / "messy.ndjson"
    _messy_stream(stream)

    def report() -> tuple[int, dict[str, Any]]:
        result = CliRunner().invoke(main, ["validate", "--events", "--format", "json", str(stream)])
        return result.exit_code, json.loads(result.stdout)

    monkeypatch.setattr(_inputs, "CHUNK_BYTES", chunk_bytes)
    fast = report()
    monkeypatch.setattr(jsontext, "loads_lines", lambda chunk: None)
    slow = report()
    assert fast == slow
    assert fast[0] == 2 and len(fast[1]["problems"]) >= 5 and len(fast[1]["unreadable"]) == 3
