"""``axp validate``: check AXP messages or event streams in files, globs, directories or stdin.

Exit codes: 0 all valid, 1 invalid input found, 2 usage error or unreadable input.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import click

from axp import schemas
from axp.commands._inputs import InputError, Item, expand, read
from axp.validate import StreamChecker, ValidationIssue, detect_schema, validator_for

FORMATS = ("text", "json", "github", "junit")


class Finding:
    """One issue with the file and line it was found at."""

    def __init__(self, source: str, line: int | None, index: int, issue: ValidationIssue) -> None:
        self.source, self.line, self.index, self.issue = source, line, index, issue

    def location(self) -> str:
        where = self.source + (f":{self.line}" if self.line else "")
        if self.line is None and self.index:
            where += f"[{self.index}]"
        return where

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.source, "line": self.line, "index": self.index, **self.issue.to_dict()}


def _check_message(item: Item, schema: str | None) -> list[ValidationIssue]:
    name = schema or detect_schema(item.value)
    if name is None:
        return [ValidationIssue("", "cannot tell which AXP schema this is; pass --schema NAME", "schema-detection")]
    return validator_for(name).errors(item.value)


def _run(files: list[str], schema: str | None, events: bool) -> tuple[list[Finding], list[str], int, dict[str, int]]:
    findings: list[Finding] = []
    unreadable: list[str] = []
    checked = 0
    per_file: dict[str, int] = {}
    checker = StreamChecker() if events else None
    for name in files:
        count = 0
        try:
            for item in read(name):
                count += 1
                if item.error is not None:
                    unreadable.append(f"{item.source}{':' + str(item.line) if item.line else ''}: {item.error}")
                    continue
                issues = (
                    checker.feed(item.value, index=item.index, line=item.line)
                    if checker is not None
                    else _check_message(item, schema)
                )
                findings.extend(Finding(item.source, item.line, item.index, i) for i in issues)
        except InputError as exc:
            unreadable.append(str(exc))
        except MemoryError:
            unreadable.append(f"{name}: too large to read into memory; use NDJSON")
        checked += count
        per_file[name if name != "-" else "<stdin>"] = count
    return findings, unreadable, checked, per_file


def _emit_text(findings: list[Finding], unreadable: list[str], checked: int) -> None:
    for f in findings:
        req = f", {f.issue.requirement}" if f.issue.requirement else ""
        pointer = f.issue.pointer or "/"
        click.echo(f"{f.location()}: {pointer}: {f.issue.message} [{f.issue.rule}{req}]")
    for line in unreadable:
        click.echo(f"error: {line}", err=True)
    if findings:
        click.echo(f"{len(findings)} problem(s) in {checked} message(s)")
    elif not unreadable:
        click.echo(f"{checked} message(s) valid")


def _emit_github(findings: list[Finding], unreadable: list[str]) -> None:
    for f in findings:
        title = f.issue.requirement or f.issue.rule
        line = f",line={f.line}" if f.line else ""
        message = f"{f.issue.pointer or '/'}: {f.issue.message}".replace("%", "%25").replace("\n", "%0A")
        click.echo(f"::error file={f.source}{line},title={title}::{message}")
    for text in unreadable:
        click.echo(f"::error title=unreadable input::{text}")


def _emit_junit(findings: list[Finding], unreadable: list[str], per_file: dict[str, int]) -> str:
    by_file: dict[str, list[Finding]] = {}
    for f in findings:
        by_file.setdefault(f.source, []).append(f)
    suites = []
    for source, count in per_file.items():
        failures = by_file.get(source, [])
        cases = []
        for f in failures:
            text = escape(f"{f.issue.pointer or '/'}: {f.issue.message}")
            cases.append(
                f"    <testcase classname={quoteattr(source)} name={quoteattr(f.location())}>"
                f"<failure type={quoteattr(f.issue.rule)} message={quoteattr(f.issue.requirement or f.issue.rule)}>"
                f"{text}</failure></testcase>"
            )
        passed = count - len({(f.line, f.index) for f in failures})
        if passed > 0:
            cases.append(f"    <testcase classname={quoteattr(source)} name={quoteattr(f'{passed} valid message(s)')}/>")
        suites.append(
            f'  <testsuite name={quoteattr(source)} tests="{len(cases)}" failures="{len(failures)}">\n'
            + "\n".join(cases)
            + "\n  </testsuite>"
        )
    for text in unreadable:
        suites.append(
            f'  <testsuite name="unreadable" tests="1" errors="1"><testcase name={quoteattr(text)}>'
            f"<error message={quoteattr(text)}/></testcase></testsuite>"
        )
    return '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="axp validate">\n' + "\n".join(suites) + "\n</testsuites>\n"


def _check_vectors() -> None:
    """Run the validator over the shipped vectors: each must behave as it says."""
    from axp import vectors
    from axp.validate import check_stream

    wrong = 0
    total = 0
    for vector in vectors.iter_schema_vectors():
        total += 1
        if validator_for(vector.schema).is_valid(vector.message) is not vector.valid:
            wrong += 1
            click.echo(f"{vector.id}: expected {'valid' if vector.valid else 'invalid'}")
    for text in vectors.iter_json_text_vectors():
        total += 1
        if text.holds() is not text.valid:
            wrong += 1
            click.echo(f"{text.id}: expected {'accepted' if text.valid else 'refused'} as a payload")
    for lc in vectors.iter_lifecycle_vectors():
        total += 1
        got = sorted((i.index, i.rule) for i in check_stream(lc.events))
        want = sorted((v["index"], v["rule"]) for v in lc.violations)
        if got != want:
            wrong += 1
            click.echo(f"lifecycle/{lc.id}: expected {want}, got {got}")
    click.echo(f"{total - wrong}/{total} vectors behave as stated")
    sys.exit(1 if wrong else 0)


@click.command(name="validate")
@click.argument("files", nargs=-1)
@click.option("--schema", "schema", metavar="NAME", help="Schema to validate against (default: detect per message).")
@click.option("--events", is_flag=True, help="Treat the input as event stream(s): seq order, transitions, terminals.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report here.")
@click.option("--vectors", "vectors_mode", is_flag=True, help="Check the shipped test vectors behave as stated.")
def command(files: tuple[str, ...], schema: str | None, events: bool, fmt: str, output: str | None, vectors_mode: bool) -> None:
    """Validate AXP messages (JSON, JSON arrays or NDJSON; '-' reads stdin)."""
    if vectors_mode:
        _check_vectors()
    if not files:
        raise click.UsageError("name at least one FILE (or '-' for stdin), or use --vectors")
    if schema is not None:
        try:
            schemas.get(schema)
        except KeyError as exc:
            raise click.UsageError(str(exc.args[0])) from None
    try:
        names = expand(files)
    except InputError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    findings, unreadable, checked, per_file = _run(names, schema, events)
    if output and fmt in ("json", "junit"):
        sys.stdout = open(output, "w", encoding="utf-8")  # noqa: SIM115 - closed at exit
    if fmt == "text":
        _emit_text(findings, unreadable, checked)
    elif fmt == "github":
        _emit_github(findings, unreadable)
    elif fmt == "json":
        rules = Counter(f.issue.rule for f in findings)
        click.echo(
            json.dumps(
                {
                    "checked": checked,
                    "valid": not findings and not unreadable,
                    "problems": [f.to_dict() for f in findings],
                    "unreadable": unreadable,
                    "rules": dict(rules),
                },
                indent=2,
            )
        )
    else:
        click.echo(_emit_junit(findings, unreadable, per_file), nl=False)
    if unreadable:
        sys.exit(2)
    sys.exit(1 if findings else 0)
