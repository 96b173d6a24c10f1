"""``axp validate``: check AXP messages or event streams in files, globs, directories or stdin.

Exit codes: 0 all valid, 1 invalid input found, 2 usage error or unreadable input.
"""

from __future__ import annotations

import sys
from collections import Counter
from typing import Any

import click

from axp import reporting, schemas
from axp.commands._inputs import InputError, Item, expand, read
from axp.reporting import Case, Report, Suite
from axp.validate import StreamChecker, ValidationIssue, detect_schema, validator_for


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


def _run(files: list[str], schema: str | None, events: bool) -> tuple[list[Finding], list[Unreadable], int, dict[str, int]]:
    findings: list[Finding] = []
    unreadable: list[Unreadable] = []
    checked = 0
    per_file: dict[str, int] = {}
    checker = StreamChecker() if events else None
    for name in files:
        count = 0
        source = name if name != "-" else "<stdin>"
        try:
            for item in read(name):
                if item.error is not None:
                    unreadable.append(Unreadable(item.source, item.line, item.error))
                    continue
                count += 1
                issues = (
                    checker.feed(item.value, index=item.index, line=item.line)
                    if checker is not None
                    else _check_message(item, schema)
                )
                findings.extend(Finding(item.source, item.line, item.index, i) for i in issues)
        except InputError as exc:
            unreadable.append(Unreadable(source, None, str(exc).removeprefix(f"{source}: ")))
        except MemoryError:
            unreadable.append(Unreadable(source, None, "too large to read into memory; use NDJSON"))
        checked += count
        per_file[source] = count
    return findings, unreadable, checked, per_file


class Unreadable:
    """An input, or one line of it, that is not JSON text at all."""

    def __init__(self, source: str, line: int | None, text: str) -> None:
        self.source, self.line, self.text = source, line, text

    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source

    def __str__(self) -> str:
        return f"{self.where()}: {self.text}"


def _report(findings: list[Finding], unreadable: list[Unreadable], checked: int, per_file: dict[str, int]) -> Report:
    """The run as a report: one suite per input, a failed case per problem, an error case per
    unreadable input, and one passing case counting the valid messages."""
    by_file: dict[str, list[Case]] = {source: [] for source in per_file}
    for f in findings:
        message = f"{f.issue.pointer or '/'}: {f.issue.message}"
        by_file.setdefault(f.source, []).append(
            Case(
                classname=f.source,
                name=f.location(),
                status="failed",
                message=message,
                detail=message,
                kind=f.issue.rule,
                title=f.issue.requirement,
                file=f.source if f.source != "<stdin>" else None,
                line=f.line,
            )
        )
    for u in unreadable:
        by_file.setdefault(u.source, []).append(
            Case(
                classname=u.source,
                name=u.where(),
                status="error",
                message=u.text,
                detail=u.text,
                kind="unreadable input",
                file=u.source if u.source != "<stdin>" else None,
                line=u.line,
            )
        )
    suites = []
    for source, cases in by_file.items():
        failed = len({(f.line, f.index) for f in findings if f.source == source})
        passed = per_file.get(source, 0) - failed
        if passed > 0:
            cases.append(Case(classname=source, name=f"{passed} valid message(s)"))
        suites.append(Suite(source, tuple(cases)))
    if findings:
        summary = f"{len(findings)} problem(s) in {checked} message(s)"
    elif checked or not unreadable:
        summary = f"{checked} message(s) valid"
    else:
        summary = "no message checked"
    if unreadable:
        summary += f"; {len(unreadable)} unreadable input(s)"
    document = {
        "checked": checked,
        "valid": not findings and not unreadable,
        "problems": [f.to_dict() for f in findings],
        "unreadable": [str(u) for u in unreadable],
        "rules": dict(Counter(f.issue.rule for f in findings)),
    }
    return Report(tool="axp validate", summary=summary, suites=tuple(suites), document=document)


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
@click.option("--format", "fmt", type=reporting.choice(), default="text", show_default=True, help="Report format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file (any format).")
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
    if fmt != "text" or output:  # the text report lists them itself
        for u in unreadable:
            click.echo(f"Error: {u}", err=True)
    reporting.emit(_report(findings, unreadable, checked, per_file), fmt, output)
    if unreadable:
        sys.exit(2)
    sys.exit(1 if findings else 0)
