"""`axp validate` and `axp schema`: exit codes, formats, locations and bad-input handling."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from axp import vectors
from axp.cli import main

ENVELOPE = next(v.message for v in vectors.iter_schema_vectors() if v.schema == "envelope" and v.valid)
LEGAL = next(v for v in vectors.iter_lifecycle_vectors() if v.name == "happy-path")


def run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return str(path)


def test_valid_message_exits_zero(tmp_path: Path) -> None:
    code, out, _ = run("validate", write(tmp_path, "env.json", json.dumps(ENVELOPE)))
    assert code == 0 and "1 message(s) valid" in out


def test_invalid_message_exits_one_with_pointer_and_requirement(tmp_path: Path) -> None:
    bad = {**ENVELOPE, "to_agent": "agent://two/segments"}
    code, out, _ = run("validate", "--schema", "envelope", write(tmp_path, "env.json", json.dumps(bad)))
    assert code == 1
    assert "/to_agent" in out and "AXP-ID-001" in out and "[pattern" in out


def test_ndjson_events_point_at_file_and_line(tmp_path: Path) -> None:
    events = list(LEGAL.events)
    events[3] = {**events[3], "seq": 9}
    text = "\n".join(json.dumps(e) for e in events) + "\n"
    code, out, _ = run("validate", "--events", write(tmp_path, "s.ndjson", text))
    assert code == 1
    assert "s.ndjson:4: /seq:" in out and "seq_gap" in out and "AXP-EV-002" in out


def test_legal_stream_passes_in_events_mode(tmp_path: Path) -> None:
    text = "\n".join(json.dumps(e) for e in LEGAL.events)
    assert run("validate", "--events", write(tmp_path, "s.jsonl", text))[0] == 0


def test_stdin_is_read_with_dash() -> None:
    assert run("validate", "-", stdin=json.dumps(ENVELOPE))[0] == 0
    assert run("validate", "--schema", "envelope", "-", stdin=json.dumps({"version": "v1"}))[0] == 1


def test_github_format_prints_annotations(tmp_path: Path) -> None:
    bad = {**ENVELOPE, "intent_id": "nope"}
    code, out, _ = run("validate", "--format", "github", "--schema", "envelope", write(tmp_path, "e.json", json.dumps(bad)))
    assert code == 1 and out.startswith("::error file=") and "title=AXP-ID-003" in out


def test_json_format_is_machine_readable(tmp_path: Path) -> None:
    bad = {**ENVELOPE, "version": "v2"}
    code, out, _ = run("validate", "--format", "json", write(tmp_path, "e.json", json.dumps([ENVELOPE, bad])))
    doc = json.loads(out)
    assert code == 1 and doc["checked"] == 2 and doc["valid"] is False
    assert doc["problems"][0]["index"] == 1 and doc["problems"][0]["pointer"] == "/version"


def test_junit_format_writes_xml(tmp_path: Path) -> None:
    target = tmp_path / "report.xml"
    bad = {**ENVELOPE, "version": "v2"}
    code, _, _ = run("validate", "--format", "junit", "-o", str(target), write(tmp_path, "e.json", json.dumps([ENVELOPE, bad])))
    root = ET.parse(target).getroot()
    assert code == 1 and root.tag == "testsuites"
    assert root.find("testsuite").get("failures") == "1"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bad.json", '{"a": ', "malformed JSON"),
        ("bin.json", b"\x7fELF\x00\x01\x02", "binary data"),
        ("latin.json", b'{"a": "\xe9"}', "not UTF-8"),
        ("deep.json", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("nan.json", '{"a": NaN}', "NaN is not a JSON number"),
        ("inf.ndjson", '{"a": 1}\n{"a": 1e400}\n', "out of range"),
        ("surrogate.json", '{"a": "\\udfff"}', "lone UTF-16 surrogate"),
        ("dup.ndjson", '{"a": 1}\n{"b": {"c": 1, "c": 2}}\n', 'member name "c" appears twice'),
        ("empty.ndjson", "\n\n", "empty, no message"),
        ("empty.json", "", "malformed JSON"),
    ],
)
def test_unreadable_input_is_one_clear_line_and_exit_two(tmp_path: Path, name: str, content: str | bytes, expected: str) -> None:
    code, out, err = run("validate", write(tmp_path, name, content))
    assert code == 2 and expected in out and "Traceback" not in out + err
    # the text report lists it; any other format (or -o) says it on stderr
    code, out, err = run("validate", "--format", "json", write(tmp_path, name, content))
    assert code == 2 and err.startswith("Error: ") and err.count("\n") == 1 and expected in err


def test_missing_file_and_empty_directory(tmp_path: Path) -> None:
    code, out, _ = run("validate", str(tmp_path / "nope.json"))
    assert code == 2 and "nope.json: no such file" in out
    code, _, err = run("validate", str(tmp_path))
    assert code == 2 and "no .json/.ndjson/.yaml files" in err


def test_huge_json_document_is_refused_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from axp.commands import _inputs

    monkeypatch.setattr(_inputs, "MAX_DOCUMENT_BYTES", 1024)
    code, out, _ = run("validate", write(tmp_path, "big.json", "[" + ",".join(["{}"] * 2000) + "]"))
    assert code == 2 and "too large for one document" in out and "NDJSON" in out


def test_unknown_schema_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("validate", "--schema", "nope", write(tmp_path, "e.json", "{}"))
    assert code == 2 and "unknown schema 'nope'" in err


def test_vectors_mode_checks_every_vector() -> None:
    code, out, _ = run("validate", "--vectors")
    assert code == 0 and f"{vectors.count()}/{vectors.count()} vectors behave as stated" in out


def test_schema_list_show_and_bundle(tmp_path: Path) -> None:
    code, out, _ = run("schema", "list")
    assert code == 0 and "envelope" in out and "IntentEnvelope" in out
    code, out, _ = run("schema", "show", "event")
    assert json.loads(out)["title"] == "IntentEvent"
    target = tmp_path / "bundle.json"
    assert run("schema", "bundle", "-o", str(target))[0] == 0
    assert json.loads(target.read_text())["openapi"] == "3.1.0"
    code, out, _ = run("schema", "bundle", "--schema", "create_intent_request")
    assert code == 0 and "$ref" not in out and json.loads(out)["properties"]["to_agent"]["pattern"].startswith("^agent://")
    code, out, _ = run("schema", "bundle", "--schema", "create_intent_request", "--keep-local-refs")
    assert "#/$defs/AgentAddress" in out
    assert run("schema", "show", "nope")[0] == 2


def test_console_script_runs_as_a_real_process(tmp_path: Path) -> None:
    path = write(tmp_path, "e.json", json.dumps(ENVELOPE))
    proc = subprocess.run(
        [sys.executable, "-m", "axp", "validate", path], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr


def test_unwritable_outputs_are_one_line_and_exit_two(tmp_path: Path) -> None:
    message = write(tmp_path, "m.json", "{}")
    for args in (
        ["validate", message, "--format", "junit", "-o", message + "/out.xml"],  # under a file, not a directory
        ["schema", "bundle", "-o", str(tmp_path / "missing-dir" / "bundle.json")],
    ):
        code, out, err = run(*args)
        assert code == 2 and err.startswith("Error: ") and "Traceback" not in out + err, (args, out, err)


def test_an_unexpected_bug_is_one_line_exit_three_unless_debugging(monkeypatch: pytest.MonkeyPatch) -> None:
    import click

    @click.command(name="explode")
    def explode() -> None:
        raise RuntimeError("boom")

    main.add_command(explode)
    try:
        code, out, err = run("explode")
        assert code == 3 and "internal error: RuntimeError: boom" in err and "AXP_DEBUG=1" in err
        monkeypatch.setenv("AXP_DEBUG", "1")
        result = CliRunner().invoke(main, ["explode"])
        assert isinstance(result.exception, RuntimeError)
    finally:
        main.commands.pop("explode")


def _stream(tmp_path: Path, name: str) -> str:
    return write(tmp_path, name, "".join(json.dumps(e) + "\n" for e in LEGAL.events))


def test_each_input_is_its_own_set_of_streams_unless_joined(tmp_path: Path) -> None:
    a, b = _stream(tmp_path, "a.ndjson"), _stream(tmp_path, "b.ndjson")  # the same intent id in both
    code, out, _ = run("validate", "--events", a, b)
    assert code == 0 and f"{2 * len(LEGAL.events)} message(s) valid (event: {2 * len(LEGAL.events)})" in out
    assert run("validate", "--events", str(tmp_path))[0] == 0  # a directory: each file on its own
    code, out, _ = run("validate", "--events", "--join", a, b)
    assert code == 1 and "b.ndjson:1: /: no event may follow the terminal status" in out


def test_options_that_would_be_ignored_are_usage_errors(tmp_path: Path) -> None:
    stream = _stream(tmp_path, "s.ndjson")
    for args, says in (
        (["--events", "--schema", "event", stream], "--schema does not apply with --events"),
        (["--vectors", stream], "--vectors checks the shipped vectors; it takes no FILE"),
        (["--join", stream], "--join joins event streams"),
    ):
        code, _, err = run("validate", *args)
        assert code == 2 and says in err, (args, err)


def test_json_documents_point_at_the_line_of_each_problem(tmp_path: Path) -> None:
    bad = {**ENVELOPE, "to_agent": "agent://two/segments"}
    del bad["correlation_id"]
    path = write(tmp_path, "e.json", json.dumps([ENVELOPE, bad], indent=2))
    text = Path(path).read_text().splitlines()
    to_agent_line = next(n for n, line in enumerate(text, 1) if "agent://two/segments" in line)
    second_start = [n for n, line in enumerate(text, 1) if line == "  {"][1]
    code, out, _ = run("validate", "--format", "github", path)
    assert code == 1
    assert f'::error file={path},line={second_start},title=AXP-ENV-001::/: "correlation_id" is a required property' in out
    assert f"line={to_agent_line},title=AXP-ID-001::/to_agent:" in out
    code, out, _ = run("validate", path)
    assert f"e.json:{to_agent_line} (envelope): /to_agent:" in out


def test_messages_explain_patterns_and_blame_the_right_requirement(tmp_path: Path) -> None:
    bad = {**ENVELOPE, "to_agent": "agent://two/segments"}
    del bad["correlation_id"]
    code, out, _ = run("validate", write(tmp_path, "e.json", json.dumps(bad)))
    assert code == 1
    assert '"agent://two/segments" is not a valid AgentAddress: agent://org/workspace/name [pattern, AXP-ID-001]' in out
    assert '"correlation_id" is a required property [required, AXP-ENV-001]' in out  # not the UUID rule
    assert "^agent://" not in out  # no 100-character regular expression
    intent = next(v.message for v in vectors.iter_schema_vectors() if v.schema == "get_intent_response" and v.valid)
    stale = json.loads(json.dumps(intent))
    del stale["intent"]["updated_at"]
    code, out, _ = run("validate", write(tmp_path, "g.json", json.dumps(stale)))
    assert code == 1 and '"updated_at" is a required property [required, AXP-API-002]' in out


def test_a_schema_problem_reads_the_same_alone_and_in_a_stream(tmp_path: Path) -> None:
    event = {**LEGAL.events[0], "at": "yesterday"}
    _, alone, _ = run("validate", write(tmp_path, "e.json", json.dumps(event)))
    _, streamed, _ = run("validate", "--events", write(tmp_path, "e.ndjson", json.dumps(event) + "\n"))
    label = '/at: "yesterday" is not a "date-time" [format, AXP-EV-005]'
    assert label in alone and label in streamed


def test_only_axp_skips_other_json_with_a_notice(tmp_path: Path) -> None:
    package = write(tmp_path, "package.json", json.dumps({"name": "shop", "version": "1.0.0"}))
    tagged = write(tmp_path, "order.json", json.dumps({"$schema": "https://axp.dev/schemas/v1/envelope.json", **ENVELOPE}))
    kind = write(tmp_path, "kind.json", json.dumps([{"kind": "envelope", **ENVELOPE}]))
    code, out, err = run("validate", "--only-axp", package, tagged, kind)
    assert code == 0 and "2 message(s) valid (envelope: 2); 1 non-AXP input(s) skipped" in out
    assert err == f"skipped {package}: not an AXP message: no $schema or kind naming an AXP schema\n"
    assert run("validate", "--only-axp", "--all-inputs", package)[0] == 1  # the later flag wins
    notes = write(tmp_path, "notes.ndjson", '{"line": 1}\n')
    code, out, err = run("validate", "--events", "--only-axp", notes, _stream(tmp_path, "s.ndjson"))
    assert code == 0 and "skipped" in err and "notes.ndjson" in err


def test_yaml_inputs_are_read_as_the_json_they_stand_for(tmp_path: Path) -> None:
    import yaml

    # unquoted timestamps stay strings, so a YAML fixture means what its JSON twin means
    text = yaml.safe_dump(ENVELOPE, sort_keys=False).replace("'", "")
    assert run("validate", write(tmp_path, "e.yaml", text))[0] == 0
    bad = text.replace(ENVELOPE["to_agent"], "agent://two/segments")
    line = next(n for n, row in enumerate(bad.splitlines(), 1) if "two/segments" in row)
    code, out, _ = run("validate", write(tmp_path, "bad.yml", bad + "---\n" + text))
    assert code == 1 and f"bad.yml:{line} (envelope): /to_agent:" in out and "2 message(s)" in out
    for content, says in (
        ("a: 1\na: 2\n", "the key 'a' appears twice"),
        ("1: x\n", "a key must be a string"),
        ("a: .nan\n", "nan is not a JSON number"),
        ("a: !!binary aGVsbG8=\n", "a bytes is not a JSON value"),
        ("a: [1, 2\n", "malformed YAML"),
        (
            "a: &a [1,1,1,1,1,1,1,1,1,1]\n"
            + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdef", "bcdefg", strict=True)),
            "expands to more than",
        ),
    ):
        code, out, _ = run("validate", write(tmp_path, "x.yaml", content))
        assert code == 2 and says in out, (content, out)


def test_the_readme_example_output_is_what_the_cli_prints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    shown = readme.split("Example output for an invalid vector message", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    vector = next(v for v in vectors.iter_schema_vectors() if v.id == "envelope/invalid/two-segment-address")
    (tmp_path / "env.json").write_text(json.dumps(vector.message, indent=2))
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("validate", "env.json")
    assert code == 1 and out == shown
