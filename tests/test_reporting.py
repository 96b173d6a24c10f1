"""The shared reporters (axp.reporting): one registry for validate and conformance, one JUnit writer,
reports written whole or not at all."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from axp import reporting, vectors
from axp.cli import main
from axp.reporting import Case, Report, Suite
from conformance.report import VERDICTS, as_report

ENVELOPE = next(v.message for v in vectors.iter_schema_vectors() if v.schema == "envelope" and v.valid)


def sample(**overrides: Any) -> Report:
    cases = (
        Case(
            "a.json",
            "a.json:3",
            "failed",
            "/to_agent: bad, really",
            "/to_agent: bad",
            "pattern",
            "AXP-ID-001",
            file="a.json",
            line=3,
        ),
        Case("a.json", "a.json", "error", "malformed JSON: 100% broken\nsecond line", kind="unreadable input", file="a.json"),
        Case("a.json", "2 valid message(s)"),
        Case("b", "skipped one", "skipped", "not_covered"),
        Case("b", "warned", output="warning: \x00 odd\x1b bytes \ud800"),
    )
    fields: dict[str, Any] = {
        "tool": "axp test",
        "summary": "2 problem(s)",
        "suites": (Suite("a.json", cases[:3]), Suite("b", cases[3:], time=1.5)),
        "document": {"ok": False},
        **overrides,
    }
    return Report(**fields)


def rendered(report: Report, fmt: str) -> str:
    out = io.StringIO()
    reporting.render(report, fmt, out)
    return out.getvalue()


def test_validate_and_conformance_offer_the_same_formats() -> None:
    from axp.commands.validate import command as validate_cmd
    from conformance.cli import run_cmd

    fmt = next(p for p in validate_cmd.params if p.name == "fmt")
    report = next(p for p in run_cmd.params if p.name == "reports")
    assert isinstance(fmt.type, click.Choice) and list(fmt.type.choices) == reporting.names()
    kind = report.type.types[0]  # type: ignore[attr-defined]
    assert isinstance(kind, click.Choice) and list(kind.choices) == reporting.names()
    assert {"text", "json", "github", "junit", "markdown", "html"} <= set(reporting.names())


def test_junit_counts_every_status_and_survives_bytes_xml_cannot_carry() -> None:
    root = ET.fromstring(rendered(sample(), "junit"))
    assert root.tag == "testsuites" and root.get("name") == "axp test"
    assert [root.get(k) for k in ("tests", "failures", "errors", "skipped")] == ["5", "1", "1", "1"]
    a, b = root.findall("testsuite")
    failure = a.find("testcase/failure")
    assert failure is not None and failure.get("type") == "pattern" and failure.text == "/to_agent: bad"
    error = a.find("testcase/error")
    assert error is not None and error.get("message") == "malformed JSON: 100% broken\nsecond line"
    assert b.get("time") == "1.5" and b.find("testcase/skipped").get("message") == "not_covered"  # type: ignore[union-attr]
    assert b.findtext("testcase/system-out") == "warning: \ufffd odd\ufffd bytes \ufffd"


def test_junit_single_suite_can_be_the_root() -> None:
    report = sample(suites=(Suite("only", (Case("c", "n"),)),), junit_wrap=False)
    root = ET.fromstring(rendered(report, "junit"))
    assert root.tag == "testsuite" and root.get("name") == "only" and root.get("tests") == "1"


def test_github_annotations_escape_properties_and_data() -> None:
    lines = rendered(sample(), "github").splitlines()
    assert lines[0] == "::error file=a.json,line=3,title=AXP-ID-001::/to_agent: bad, really"
    assert lines[1] == "::error file=a.json,title=unreadable input::malformed JSON: 100%25 broken%0Asecond line"
    assert lines[-1] == "2 problem(s)" and len(lines) == 3
    odd = Report("t", "s", (Suite("s", (Case("c", "n", "failed", "m", title="a:b,c", file="dir,x/f:1.json"),)),), {})
    assert rendered(odd, "github").startswith("::error file=dir%2Cx/f%3A1.json,title=a%3Ab%2Cc::m")


def test_text_markdown_and_html_lead_with_the_problems() -> None:
    text = rendered(sample(), "text")
    assert text.startswith("a.json:3: /to_agent: bad, really [pattern, AXP-ID-001]\na.json: malformed JSON: 100% broken")
    assert text.endswith("second line [unreadable input]\n2 problem(s)\n")
    md = rendered(sample(), "markdown")
    assert md.startswith("## axp test: 2 problem(s)") and "| `a.json:3` | /to_agent: bad, really | pattern, AXP-ID-001 |" in md
    page = rendered(sample(), "html")
    assert "<td><code>a.json:3</code></td>" in page and "100% broken" in page


def test_json_refuses_a_document_that_breaks_its_own_schema() -> None:
    assert json.loads(rendered(sample(), "json")) == {"ok": False}
    with pytest.raises(ValueError, match="report breaks conformance_report.json"):
        rendered(sample(document_schema="conformance_report"), "json")


def test_a_producer_rendering_replaces_the_generic_one() -> None:
    assert rendered(sample(renderings={"html": lambda: "<p>own</p>"}), "html") == "<p>own</p>"


def test_a_report_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "dir" / "r.xml"
    reporting.emit(sample(), "junit", target)
    assert ET.parse(target).getroot().tag == "testsuites"
    before = target.read_text()
    with pytest.raises(ValueError):
        reporting.emit(sample(document_schema="conformance_report"), "json", target)
    assert target.read_text() == before and sorted(p.name for p in target.parent.iterdir()) == ["r.xml"]


@pytest.mark.parametrize("fmt", reporting.names())
def test_validate_writes_every_format_to_o_with_one_note(tmp_path: Path, fmt: str) -> None:
    source = tmp_path / "e.json"
    source.write_text(json.dumps([ENVELOPE, {**ENVELOPE, "version": "v2"}]))
    target = tmp_path / f"report.{fmt}"
    result = CliRunner().invoke(main, ["validate", "--format", fmt, "-o", str(target), str(source)])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"wrote {fmt} report to {target}: 1 problem(s) in 2 message(s) (envelope: 2)\n"
    assert "/version" in target.read_text()


def conformance_result(**summary: Any) -> dict[str, Any]:
    requirements = [
        {
            "id": "AXP-LC-003",
            "level": "MUST",
            "area": "LC",
            "verdict": "failed",
            "message": "x" * 600,
            "text": "No <event> after",
            "checks": ["c"],
        },
        {"id": "AXP-HT-002", "level": "MUST", "area": "HT", "verdict": "not_covered", "text": "t", "checks": []},
        {
            "id": "AXP-SSE-001",
            "level": "SHOULD",
            "area": "SSE",
            "verdict": "warning",
            "message": "slow",
            "text": "t",
            "checks": ["s"],
        },
        {"id": "AXP-API-001", "level": "MUST", "area": "API", "verdict": "passed", "text": "t", "checks": ["a"]},
        {
            "id": "AXP-EV-002",
            "level": "MUST",
            "area": "EV",
            "verdict": "not_reached",
            "message": "its checks stopped at an earlier failure",
            "text": "t",
            "checks": ["c"],
        },
    ]
    by_level: dict[str, dict[str, int]] = {}
    for req in requirements:
        counts = by_level.setdefault(req["level"], dict.fromkeys(VERDICTS, 0))
        counts[req["verdict"]] += 1
    return {
        "requirements": requirements,
        "duration_seconds": 2.5,
        "summary": {
            "must_passed": 1,
            "must_applicable": 2,
            "score": 50.0,
            "must_failed": 1,
            "harness_errors": 0,
            "by_level": by_level,
            **summary,
        },
    }


def test_conformance_junit_keeps_its_content() -> None:
    root = ET.fromstring(rendered(as_report(conformance_result()), "junit"))
    assert root.tag == "testsuite" and root.get("name") == "axp-conformance" and root.get("time") == "2.5"
    assert [root.get(k) for k in ("tests", "failures", "skipped")] == ["5", "1", "2"]
    cases = {c.get("name"): c for c in root.findall("testcase")}
    failure = cases["AXP-LC-003 (MUST)"].find("failure")
    assert cases["AXP-LC-003 (MUST)"].get("classname") == "axp.LC"
    assert failure is not None and failure.get("message") == "x" * 500 and failure.text == "No <event> after"
    assert cases["AXP-HT-002 (MUST)"].find("skipped").get("message") == "not_covered"  # type: ignore[union-attr]
    assert cases["AXP-SSE-001 (SHOULD)"].findtext("system-out") == "warning: slow"
    assert list(cases["AXP-API-001 (MUST)"]) == []
    reached = cases["AXP-EV-002 (MUST)"].find("skipped")
    assert reached is not None and reached.get("message") == "not_reached: its checks stopped at an earlier failure"


def test_the_ci_guide_names_every_format() -> None:
    guide = (Path(__file__).resolve().parent.parent / "docs" / "guides" / "validate-in-ci.md").read_text(encoding="utf-8")
    for name in reporting.names():
        assert f"`{name}`" in guide, name
