"""Render a conformance report: terminal summary, HTML and Markdown pages and an SVG badge; JSON,
JUnit and the other formats come from the shared reporters (``as_report``, ``axp.reporting``)."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from rich.console import Console
from rich.table import Table

from axp.reporting import Case, Report, Suite
from axp.requirements import MENTION, doc_url
from conformance.registry import Verdict

VERDICTS = tuple(v.value for v in Verdict)
VERDICT_STYLE = {
    "passed": "green",
    "failed": "bold red",
    "warning": "yellow",
    "not_reached": "magenta",
    "not_applicable": "dim",
    "not_covered": "yellow",
    "not_selected": "dim",
}


def summary_table(report: dict[str, Any], console: Console) -> None:
    for key, title in (("by_area", "area"), ("by_level", "level")):
        table = Table(title=f"Requirements by {title}")
        table.add_column(title)
        for verdict in VERDICTS:
            table.add_column(verdict.replace("_", " "), justify="right", style=VERDICT_STYLE[verdict])
        for group, counts in sorted(report["summary"][key].items()):
            table.add_row(group, *(str(counts[v]) for v in VERDICTS))
        console.print(table)


def headline(report: dict[str, Any]) -> str:
    """``MUST: 93 passed, 0 failed, 4 not covered`` plus whatever else is not zero, on one line:
    what a reader must know before calling a server conformant. The last line of the console
    output and every report's summary."""
    s = report["summary"]
    must = s["by_level"].get("MUST", dict.fromkeys(VERDICTS, 0))
    parts = [f"{must['passed']} passed", f"{must['failed']} failed", f"{must['not_covered']} not covered"]
    parts += [f"{must[v]} {v.replace('_', ' ')}" for v in ("not_reached", "not_applicable", "not_selected") if must[v]]
    tail = f"harness errors: {s['harness_errors']}, " if s["harness_errors"] else ""
    restart = report.get("restart") or {}
    tail += "restart: " + (f"{restart['seconds']}s, " if restart.get("performed") else "none, ")
    return f"MUST: {', '.join(parts)} ({tail}time: {report['duration_seconds']}s)"


SKIPPED = ("not_applicable", "not_covered", "not_reached", "not_selected")


def _case(req: dict[str, Any]) -> Case:
    """A requirement as a test case: failed, skipped (not applicable, not covered, not reached,
    not selected: the reason rides in the message) or passed, a SHOULD-level warning riding
    along as output."""
    common: dict[str, Any] = {"classname": f"axp.{req['area']}", "name": f"{req['id']} ({req['level']})", "title": req["id"]}
    verdict = req["verdict"]
    if verdict == "failed":
        return Case(**common, status="failed", message=req.get("message", "")[:500], detail=req["text"])
    if verdict in SKIPPED:
        return Case(**common, status="skipped", message=f"{verdict}: {req['message']}" if req.get("message") else verdict)
    if verdict == "warning":
        return Case(**common, output="warning: " + req.get("message", ""))
    return Case(**common)


def as_report(report: dict[str, Any]) -> Report:
    """The run for the shared reporters (axp.reporting): one suite of requirements; the JSON form
    is the report itself, checked against conformance_report.json; HTML and Markdown keep the
    suite's own pages."""
    return Report(
        tool="axp-conformance",
        summary=headline(report),
        suites=(Suite("axp-conformance", tuple(_case(r) for r in report["requirements"]), report["duration_seconds"]),),
        document=report,
        document_schema="conformance_report",
        junit_wrap=False,
        renderings={"html": lambda: html_page(report), "markdown": lambda: markdown(report)},
    )


VERDICT_COLOR = {
    "passed": "#1a7f37",
    "failed": "#cf222e",
    "warning": "#9a6700",
    "not_reached": "#8250df",
    "not_covered": "#9a6700",
    "harness_error": "#8250df",
}
_CODE_SPAN = re.compile(r"`([^`]+)`")


def _spec_link(rid: str) -> str:
    """A requirement ID as a link to its sentence on the docs site (unknown IDs stay plain text)."""
    try:
        url = doc_url(rid)
    except KeyError:
        return f"<code>{html.escape(rid)}</code>"
    return f"<a href='{url}'><code>{rid}</code></a>"


def _md_id(rid: str) -> str:
    try:
        return f"[{rid}]({doc_url(rid)})"
    except KeyError:
        return f"`{rid}`"


def _prose(text: str) -> str:
    """Requirement text as HTML: escaped, the spec's `code spans` rendered as code, IDs linked to the spec."""
    linked = MENTION.sub(lambda m: _spec_link(m.group(0)), html.escape(text))
    return _CODE_SPAN.sub(r"<code>\1</code>", linked)


def _counts_table(report: dict[str, Any], key: str, title: str) -> str:
    head = "".join(f"<th>{v.replace('_', ' ')}</th>" for v in VERDICTS)
    rows = "".join(
        f"<tr><td>{html.escape(group)}</td>"
        + "".join(f"<td class='n {v if counts[v] else ''}'>{counts[v]}</td>" for v in VERDICTS)
        + "</tr>"
        for group, counts in sorted(report["summary"][key].items())
    )
    return f"<table class='counts'><caption>by {title}</caption><tr><th>{title}</th>{head}</tr>{rows}</table>"


def curl_for(evidence: dict[str, Any] | None) -> str | None:
    """The failing request as a one-line curl command. Keys appear as the environment variables
    a replay reads them from ($AXP_API_KEY, ...): a report gets shared, credentials must not."""
    curl = (evidence or {}).get("curl")
    return str(curl) if curl else None


def _problem_checks(report: dict[str, Any]) -> str:
    """Failed checks and harness errors first: what broke, the evidence, and the command that replays it."""
    items = []
    for chk in report["checks"]:
        if chk["status"] not in ("failed", "harness_error"):
            continue
        lines = (
            "".join(
                f"<li><a href='#{html.escape(f['requirement'])}'><code>{html.escape(f['requirement'])}</code></a> "
                f"{html.escape(f['message'])}</li>"
                for f in chk["failures"]
            )
            or f"<li>{html.escape(chk['message'])}</li>"
        )
        evidence = chk.get("evidence")
        shown = (
            f"<details><summary>evidence</summary><pre>{html.escape(json.dumps(evidence, indent=2)[:8000])}</pre></details>"
            if evidence
            else ""
        )
        curl = curl_for(evidence)
        shown += f"<p>last request: <code class='cmd'>{html.escape(curl)}</code></p>" if curl else ""
        kind = "harness error (the suite's side)" if chk["status"] == "harness_error" else "failed"
        items.append(
            f"<div class='problem {chk['status']}'><h3>{html.escape(chk['name'])} <small>{kind}</small></h3>"
            f"<ul>{lines}</ul>{shown}<p>replay: <code class='cmd'>{html.escape(chk.get('replay', ''))}</code></p></div>"
        )
    if not items:
        return "<p class='allgood'>No check failed.</p>"
    return "<h2>Failures</h2>" + "".join(items)


def html_page(report: dict[str, Any]) -> str:
    """One self-contained page: the score, counts by level and area, failures with evidence and replay
    commands, then every requirement with its verdict (filterable, each row linkable by its ID)."""
    s = report["summary"]
    rows = []
    for req in report["requirements"]:
        verdict = req["verdict"]
        note = f"<br><small>{html.escape(req['message'])}</small>" if req.get("message") else ""
        rows.append(
            f"<tr id='{req['id']}' class='{verdict}'><td>{_spec_link(req['id'])} <a href='#{req['id']}'>#</a></td>"
            f"<td>{req['level']}</td><td class='verdict'>{verdict.replace('_', ' ')}</td>"
            f"<td>{_prose(req['text'])}{note}</td><td>{', '.join(req['checks'])}</td></tr>"
        )
    filters = "".join(
        f"<label><input type='checkbox' checked data-verdict='{v}'> {v.replace('_', ' ')}</label>" for v in VERDICTS
    )
    colors = "".join(f".{v} .verdict,.n.{v}{{color:{c};font-weight:600}}" for v, c in VERDICT_COLOR.items())
    style = (
        "body{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem}table{border-collapse:collapse}"
        "td,th{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}"
        ".counts{display:inline-table;margin:0 2rem 1rem 0}.counts caption{text-align:left;font-weight:600}"
        ".n{text-align:right}#reqs{width:100%}code{font-size:.9em}td>a>code{white-space:nowrap}"
        ".problem{border-left:4px solid #cf222e;padding:.2rem 1rem;margin:1rem 0;background:#fff8f8}"
        ".problem.harness_error{border-color:#8250df;background:#fbf8ff}.problem h3 small{font-weight:400;color:#57606a}"
        "pre{background:#f6f8fa;padding:.5rem;overflow:auto;max-height:24rem}.cmd{user-select:all}"
        ".allgood{color:#1a7f37;font-weight:600}.filters label{margin-right:1rem}tr:target{background:#fff8c5}" + colors
    )
    script = (
        "document.querySelectorAll('[data-verdict]').forEach(b=>b.addEventListener('change',()=>{"
        "document.querySelectorAll('#reqs tbody tr.'+b.dataset.verdict).forEach(r=>r.hidden=!b.checked)}));"
    )
    title = html.escape(report["target"])
    stale = (report.get("baseline") or {}).get("stale") or []
    stale_note = (
        f"<p><strong>Stale baseline entries</strong> (they pass now; remove them): {html.escape(', '.join(stale))}</p>"
        if stale
        else ""
    )
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>AXP conformance: {title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{style}</style></head>
<body><h1>AXP conformance report</h1><p>Target <code>{title}</code>, suite {report["suite_version"]},
spec {report["spec_version"]}, seed {report["seed"]}, started {report["started_at"]}, {report["duration_seconds"]} s.
Capabilities claimed: {html.escape(", ".join(report["capabilities"]) or "none")}.</p>
<p><strong>{html.escape(headline(report))}</strong>. Only passed and failed MUSTs make the score
({s["must_passed"]}/{s["must_applicable"]}, {s["score"]}%); not covered ones say why below.</p>
{_counts_table(report, "by_level", "level")}{_counts_table(report, "by_area", "area")}
{stale_note}{_problem_checks(report)}
<h2>Requirements</h2><p class="filters">{filters}</p>
<table id="reqs"><thead><tr><th>requirement</th><th>level</th><th>verdict</th><th>text</th><th>checks</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table><script>{script}</script></body></html>
"""


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(report: dict[str, Any]) -> str:
    """A Markdown summary for pull requests and CI job pages (e.g. ``$GITHUB_STEP_SUMMARY``):
    the score, counts by level, each failure with its replay command, then every requirement."""
    s = report["summary"]
    lines = [
        f"## AXP conformance: {s['must_passed']}/{s['must_applicable']} MUST ({s['score']}%)",
        "",
        f"**{headline(report)}**",
        "",
        f"Target `{report['target']}`, suite {report['suite_version']}, spec {report['spec_version']}, "
        f"seed {report['seed']}, {report['duration_seconds']} s; MUST failed {s['must_failed']}, "
        f"harness errors {s['harness_errors']}.",
        "",
        "| level | " + " | ".join(v.replace("_", " ") for v in VERDICTS) + " |",
        "|---|" + "---:|" * len(VERDICTS),
    ]
    for level, counts in sorted(s["by_level"].items()):
        lines.append(f"| {level} | " + " | ".join(str(counts[v]) for v in VERDICTS) + " |")
    problems = [c for c in report["checks"] if c["status"] in ("failed", "harness_error")]
    if problems:
        lines += ["", "### Failures", ""]
        for chk in problems:
            kind = "harness error" if chk["status"] == "harness_error" else "failed"
            found = [f"`{f['requirement']}` {_md_cell(f['message'])}" for f in chk["failures"]] or [_md_cell(chk["message"])]
            lines.append(f"- **{chk['name']}** ({kind}): " + "; ".join(found) + f" — replay: `{chk.get('replay', '')}`")
    lines += ["", "| requirement | level | verdict | checks |", "|---|---|---|---|"]
    for req in report["requirements"]:
        verdict = req["verdict"].replace("_", " ")
        lines.append(f"| {_md_id(req['id'])} | {req['level']} | {verdict} | {', '.join(req['checks'])} |")
    return "\n".join(lines) + "\n"


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
