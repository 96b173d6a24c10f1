"""The generic renderings of a :class:`~axp.reporting.model.Report`, one function per format."""

from __future__ import annotations

import html
import json
from typing import TextIO

from axp.reporting.model import Case, Report

# Human-facing tables stop here: a GitHub job summary holds 1 MiB, and nobody reads further.
MAX_ROWS = 500


def _labels(case: Case) -> str:
    """``rule, requirement``: the rule that broke and the requirement it belongs to, once each."""
    labels = [case.kind] if case.kind else []
    if case.title and case.title != case.kind:
        labels.append(case.title)
    return ", ".join(labels)


def write_text(report: Report, out: TextIO) -> None:
    """One line per problem (``where: what [rule, requirement]``), then the summary line."""
    for case in report.problems():
        labels = _labels(case)
        out.write(f"{case.name}: {case.message}" + (f" [{labels}]" if labels else "") + "\n")
    out.write(report.summary + "\n")


def write_json(report: Report, out: TextIO) -> None:
    """The producer's own JSON document; refused when it breaks the schema it claims, because a
    report that does not match its published schema is a bug of ours, not something to ship."""
    if report.document_schema is not None:
        from axp.validate import validator_for

        problems = validator_for(report.document_schema).errors(dict(report.document))
        if problems:
            raise ValueError(f"report breaks {report.document_schema}.json: {problems[0].pointer}: {problems[0].message}")
    out.write(json.dumps(report.document, indent=2) + "\n")


def _property(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def write_github(report: Report, out: TextIO) -> None:
    """GitHub Actions workflow commands: an error annotation per problem, on its file and line
    when it has them; the summary as a plain log line."""
    for case in report.problems():
        props = []
        if case.file:
            props.append(f"file={_property(case.file)}")
            if case.line:
                props.append(f"line={case.line}")
        title = case.title or case.kind
        if title:
            props.append(f"title={_property(title)}")
        out.write(f"::error {','.join(props)}::{_data(case.message)}\n")
    out.write(report.summary + "\n")


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def write_markdown(report: Report, out: TextIO) -> None:
    """A summary for pull requests and job pages (``$GITHUB_STEP_SUMMARY``): the verdict, then a
    table of problems."""
    out.write(f"## {_md_cell(report.tool)}: {_md_cell(report.summary)}\n")
    problems = report.problems()
    if problems:
        out.write("\n| where | problem | rule |\n|---|---|---|\n")
        for case in problems[:MAX_ROWS]:
            out.write(f"| `{_md_cell(case.name)}` | {_md_cell(case.message)} | {_md_cell(_labels(case))} |\n")
        if len(problems) > MAX_ROWS:
            out.write(f"\n… and {len(problems) - MAX_ROWS} more.\n")


def write_html(report: Report, out: TextIO) -> None:
    """One self-contained page: the verdict and a table of problems."""
    title = html.escape(report.tool)
    rows = "".join(
        f"<tr class='{case.status}'><td><code>{html.escape(case.name)}</code></td><td>{html.escape(case.message)}</td>"
        f"<td>{html.escape(_labels(case))}</td></tr>"
        for case in report.problems()[:MAX_ROWS]
    )
    more = len(report.problems()) - MAX_ROWS
    out.write(
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        "<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}"
        "td,th{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}"
        ".failed td:nth-child(2),.error td:nth-child(2){color:#cf222e}</style></head>"
        f"<body><h1>{title}</h1><p><strong>{html.escape(report.summary)}</strong></p>"
        + (f"<table><tr><th>where</th><th>problem</th><th>rule</th></tr>{rows}</table>" if rows else "")
        + (f"<p>… and {more} more.</p>" if more > 0 else "")
        + "</body></html>\n"
    )
