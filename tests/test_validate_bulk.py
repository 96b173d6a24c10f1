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
