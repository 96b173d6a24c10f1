"""``axp validate``: check AXP messages or event streams in files, globs, directories or stdin.

Exit codes: 0 all valid, 1 invalid input found, 2 usage error or unreadable input.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import click

from axp import reporting, schemas
from axp.commands._inputs import Batch, InputError, Item, expand, read
from axp.reporting import Case, Report, Suite
from axp.validate import StreamChecker, ValidationIssue, detect_schema, validate_message, validator_for
from axp.validate.message import hinted_schema

# A file is an event stream when its first message is shaped like an event (AXP-EV-005's fields).
EVENT_SHAPE = ("intent_id", "seq", "event_type")


@dataclass
class Finding:
    """One issue with the input, line, message and schema it was found in."""

    source: str
    line: int | None
    index: int
    issue: ValidationIssue
    schema: str | None = None

    def location(self) -> str:
        where = self.source + (f":{self.line}" if self.line else "")
        if self.line is None and self.index:
            where += f"[{self.index}]"
        return where

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.source, "line": self.line, "index": self.index, "schema": self.schema, **self.issue.to_dict()}


@dataclass
class Unreadable:
    """An input, or one line of it, that is not a message at all."""

    source: str
    line: int | None
    text: str

    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source

    def __str__(self) -> str:
        return f"{self.where()}: {self.text}"


@dataclass
class FileResult:
    source: str
    checked: int = 0
    findings: list[Finding] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)
    schemas: Counter[str] = field(default_factory=Counter)
    skipped: str | None = None


class _NotAxp(Exception):
    """The input is not AXP (``--only-axp``): skip it with a notice."""


def _is_axp(value: Any, events: bool) -> bool:
    """Whether a file's first message marks the file as AXP: ``$schema``/``kind`` naming an AXP
    schema, or (event streams) the shape of an event."""
    if not isinstance(value, Mapping):
        return False
    return hinted_schema(value) is not None or (events and all(k in value for k in EVENT_SHAPE))


def _check_file(name: str, schema: str | None, checker: StreamChecker | None, only_axp: bool) -> FileResult:
    source = name if name != "-" else "<stdin>"
    result = FileResult(source)
    first = True
    try:
        for entry in read(name, bulk=checker is not None):
            if first and only_axp:
                value = entry.values[0] if isinstance(entry, Batch) else entry.value
                if isinstance(entry, Item) and entry.error is not None or not _is_axp(value, checker is not None):
                    raise _NotAxp
            first = False
            if isinstance(entry, Batch):
                _check_batch(entry, checker, schema, result)
            else:
                _check_item(entry, checker, schema, result)
    except _NotAxp:
        kind = "an AXP event stream (its first message is not an event)" if checker else "an AXP message"
        return FileResult(source, skipped=f"not {kind}: no $schema or kind naming an AXP schema")
    except InputError as exc:
        result.unreadable.append(Unreadable(exc.source, None, exc.problem))
    except MemoryError:
        result.unreadable.append(Unreadable(source, None, "too large to read into memory; use NDJSON"))
    return result


def _check_batch(batch: Batch, checker: StreamChecker | None, schema: str | None, result: FileResult) -> None:
    result.checked += len(batch.values)
    if checker is None:
        for offset, value in enumerate(batch.values):
            line = batch.first_line + offset
            _check_item(Item(batch.source, line, batch.first_index + offset, value), None, schema, result, counted=True)
        return
    result.schemas["event"] += len(batch.values)
    valid = validator_for("event").all_valid(batch.values)
    for issue in checker.feed_many(batch.values, batch.first_index, batch.first_line, schema_valid=valid):
        result.findings.append(Finding(batch.source, issue.line, issue.index or 0, issue))


def _check_item(item: Item, checker: StreamChecker | None, schema: str | None, result: FileResult, counted: bool = False) -> None:
    if item.error is not None:
        result.unreadable.append(Unreadable(item.source, item.line, item.error))
        return
    if not counted:
        result.checked += 1
    if checker is not None:
        name: str | None = "event"
        issues = checker.feed(item.value, index=item.index, line=item.line)
    else:
        name = schema or detect_schema(item.value)
        issues = validate_message(item.value, name)
    if name is not None:
        result.schemas[name] += 1
    for issue in issues:  # in an event stream every message is an event: the summary says so once
        shown = name if checker is None else None
        result.findings.append(Finding(item.source, item.line_of(issue.pointer), item.index, issue, shown))


def _run(names: list[str], schema: str | None, events: bool, join: bool, only_axp: bool) -> Iterator[FileResult]:
    """Each input is its own set of streams (a stream per intent): two fixtures that reuse an
    intent id are two stories, not one; ``join`` reads all inputs as one stream, in order."""
    shared = StreamChecker() if events and join else None
    for name in names:
        checker = shared or (StreamChecker() if events else None)
        yield _check_file(name, schema, checker, only_axp)


def _report(results: list[FileResult]) -> Report:
    """The run as a report: one suite per input, a failed case per problem, an error case per
    unreadable input, one passing case counting the valid messages."""
    suites = []
    findings = [f for r in results for f in r.findings]
    unreadable = [u for r in results for u in r.unreadable]
    checked = sum(r.checked for r in results)
    detected: Counter[str] = Counter()
    for r in results:
        if r.skipped:
            continue
        detected.update(r.schemas)
        cases = [_finding_case(f) for f in r.findings] + [_unreadable_case(u) for u in r.unreadable]
        passed = r.checked - len({(f.line, f.index) for f in r.findings})
        if passed > 0:
            kinds = ", ".join(f"{n} {s}" for s, n in sorted(r.schemas.items()))
            cases.append(Case(classname=r.source, name=f"{passed} valid message(s)" + (f" ({kinds})" if kinds else "")))
        suites.append(Suite(r.source, tuple(cases)))
    kinds = ", ".join(f"{s}: {n}" for s, n in sorted(detected.items()))
    summary = f"{len(findings)} problem(s) in {checked} message(s)" if findings else f"{checked} message(s) valid"
    if not findings and not checked and unreadable:
        summary = "no message checked"
    if kinds:
        summary += f" ({kinds})"
    if unreadable:
        summary += f"; {len(unreadable)} unreadable input(s)"
    skipped = [r for r in results if r.skipped]
    if skipped:
        summary += f"; {len(skipped)} non-AXP input(s) skipped"
    document = {
        "checked": checked,
        "valid": not findings and not unreadable,
        "schemas": dict(sorted(detected.items())),
        "problems": [f.to_dict() for f in findings],
        "unreadable": [str(u) for u in unreadable],
        "skipped": [{"file": r.source, "reason": r.skipped} for r in skipped],
        "rules": dict(Counter(f.issue.label for f in findings)),
    }
    return Report(tool="axp validate", summary=summary, suites=tuple(suites), document=document)


def _finding_case(f: Finding) -> Case:
    message = f"{f.issue.pointer or '/'}: {f.issue.message}"
    return Case(
        classname=f.source,
        name=f.location() + (f" ({f.schema})" if f.schema else ""),
        status="failed",
        message=message,
        detail=message,
        kind=f.issue.label,
        title=f.issue.requirement,
        file=f.source if f.source != "<stdin>" else None,
        line=f.line,
    )


def _unreadable_case(u: Unreadable) -> Case:
    return Case(
        classname=u.source,
        name=u.where(),
        status="error",
        message=u.text,
        detail=u.text,
        kind="unreadable input",
        file=u.source if u.source != "<stdin>" else None,
        line=u.line,
    )


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
@click.option(
    "--events", is_flag=True, help="Treat each input as event streams: seq order, transitions, terminals (one stream per intent)."
)
@click.option("--join", is_flag=True, help="With --events: read all inputs as one stream, in order.")
@click.option(
    "--only-axp/--all-inputs",
    default=False,
    help="Skip, with a notice, inputs whose first message is not AXP: no $schema/kind naming an AXP schema "
    "(with --events: not shaped like an event). For hooks that see every JSON file.",
)
@click.option("--format", "fmt", type=reporting.choice(), default="text", show_default=True, help="Report format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file (any format).")
@click.option("--vectors", "vectors_mode", is_flag=True, help="Check the shipped test vectors behave as stated.")
def command(
    files: tuple[str, ...],
    schema: str | None,
    events: bool,
    join: bool,
    only_axp: bool,
    fmt: str,
    output: str | None,
    vectors_mode: bool,
) -> None:
    """Validate AXP messages (JSON, JSON arrays, NDJSON or YAML; '-' reads stdin)."""
    if vectors_mode:
        if files:
            raise click.UsageError("--vectors checks the shipped vectors; it takes no FILE")
        _check_vectors()
    if not files:
        raise click.UsageError("name at least one FILE (or '-' for stdin), or use --vectors")
    if schema is not None and events:
        raise click.UsageError("--schema does not apply with --events: every event is checked against event.json")
    if join and not events:
        raise click.UsageError("--join joins event streams; use it with --events")
    if schema is not None:
        try:
            schemas.get(schema)
        except KeyError as exc:
            raise click.UsageError(str(exc.args[0])) from None
    try:
        names = expand(files)
    except InputError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    results = list(_run(names, schema, events, join, only_axp))
    for r in results:
        if r.skipped:
            click.echo(f"skipped {r.source}: {r.skipped}", err=True)
    unreadable = [u for r in results for u in r.unreadable]
    if fmt != "text" or output:  # the text report lists them itself
        for u in unreadable:
            click.echo(f"Error: {u}", err=True)
    report = _report(results)
    reporting.emit(report, fmt, output)
    if unreadable:
        sys.exit(2)
    sys.exit(1 if report.problems() else 0)
