"""Render a conformance report: terminal summary, JSON (with its own schema), JUnit, HTML and an SVG badge."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from rich.console import Console
from rich.table import Table

VERDICT_STYLE = {"passed": "green", "failed": "bold red", "warning": "yellow", "not_applicable": "dim", "not_covered": "dim"}


def summary_table(report: dict[str, Any], console: Console) -> None:
    for key, title in (("by_area", "area"), ("by_level", "level")):
        table = Table(title=f"Requirements by {title}")
        table.add_column(title)
        for verdict in ("passed", "failed", "warning", "not_applicable", "not_covered"):
            table.add_column(verdict.replace("_", " "), justify="right", style=VERDICT_STYLE[verdict])
        for group, counts in sorted(report["summary"][key].items()):
            table.add_row(group, *(str(counts[v]) for v in ("passed", "failed", "warning", "not_applicable", "not_covered")))
        console.print(table)
    s = report["summary"]
    console.print(
        f"MUST requirements passed: {s['must_passed']}/{s['must_applicable']} applicable "
        f"({s['score']}%), failed: {s['must_failed']}, harness errors: {s['harness_errors']}, "
        f"time: {report['duration_seconds']}s"
    )


def write_json(report: dict[str, Any], path: str) -> None:
    from axp.validate import validator_for

    problems = validator_for("conformance_report").errors(report)
    if problems:  # our own bug: refuse to publish a report that breaks its schema
        raise ValueError(f"report breaks conformance_report.json: {problems[0].pointer}: {problems[0].message}")
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def junit(report: dict[str, Any]) -> str:
    cases = []
    for req in report["requirements"]:
        name = quoteattr(f"{req['id']} ({req['level']})")
        inner = ""
        if req["verdict"] == "failed":
            inner = f"<failure message={quoteattr(req.get('message', '')[:500])}>{escape(req['text'])}</failure>"
        elif req["verdict"] in ("not_applicable", "not_covered"):
            inner = f"<skipped message={quoteattr(req['verdict'])}/>"
        elif req["verdict"] == "warning":
            inner = f"<system-out>{escape('warning: ' + req.get('message', ''))}</system-out>"
        cases.append(f'    <testcase classname="axp.{req["area"]}" name={name}>{inner}</testcase>')
    failures = sum(1 for r in report["requirements"] if r["verdict"] == "failed")
    skipped = sum(1 for r in report["requirements"] if r["verdict"] in ("not_applicable", "not_covered"))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuite name="axp-conformance" tests="{len(cases)}" failures="{failures}" skipped="{skipped}" '
        f'time="{report["duration_seconds"]}">\n' + "\n".join(cases) + "\n</testsuite>\n"
    )


def html_page(report: dict[str, Any]) -> str:
    s = report["summary"]
    rows = []
    for req in report["requirements"]:
        color = {"passed": "#1a7f37", "failed": "#cf222e", "warning": "#9a6700"}.get(req["verdict"], "#6e7781")
        rows.append(
            f"<tr><td><code>{req['id']}</code></td><td>{req['level']}</td>"
            f"<td style='color:{color};font-weight:600'>{req['verdict']}</td><td>{html.escape(req['text'])}"
            f"{'<br><small>' + html.escape(req.get('message', '')) + '</small>' if req.get('message') else ''}"
            f"</td><td>{', '.join(req['checks'])}</td></tr>"
        )
    title = html.escape(report["target"])
    style = (
        "body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;width:100%}"
        "td,th{border-bottom:1px solid #d0d7de;padding:.35rem;text-align:left;vertical-align:top}"
        "code{white-space:nowrap}"
    )
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>AXP conformance: {title}</title>
<style>{style}</style></head>
<body><h1>AXP conformance report</h1><p>Target <code>{html.escape(report["target"])}</code>, suite {report["suite_version"]},
spec {report["spec_version"]}, {report["started_at"]}, {report["duration_seconds"]} s.</p>
<p><strong>MUST passed: {s["must_passed"]}/{s["must_applicable"]} ({s["score"]}%)</strong>, failed {s["must_failed"]},
harness errors {s["harness_errors"]}.</p>
<table><thead><tr><th>requirement</th><th>level</th><th>verdict</th><th>text</th><th>checks</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table></body></html>
"""


def badge(report: dict[str, Any]) -> str:
    s = report["summary"]
    ok = s["must_failed"] == 0 and s["must_applicable"] > 0
    value = f"{s['must_passed']}/{s['must_applicable']} MUST"
    color = "#2ea44f" if ok else "#cf222e"
    left, right = 88, 8 + 7 * len(value)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + right}" height="20" role="img" '
        f'aria-label="AXP v1: {value}"><rect width="{left}" height="20" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{color}"/>'
        f'<g fill="#fff" font-family="Verdana,sans-serif" font-size="11">'
        f'<text x="6" y="14">AXP v1 conform</text><text x="{left + 4}" y="14">{value}</text></g></svg>\n'
    )
