"""mkdocs hook: generate the spec, lifecycle, schema, API, error and capability pages from the sources.

Nothing generated is committed or edited by hand: every build reads spec/*.md, spec/*.json,
schemas/v1 and the bundled OpenAPI document, so the site cannot drift from the spec.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from axp import bundle, errors, schemas, vectors
from axp.capabilities import vocabulary
from axp.lifecycle import LIFECYCLE
from axp.requirements import DEFINITION, MENTION, load_index, prose_files

ROOT = Path(__file__).resolve().parent.parent
MERMAID_JS = ROOT / ".cache" / "docs-assets" / "mermaid.min.js"


def _add(files: Files, config: MkDocsConfig, path: str, content: str | bytes) -> None:
    files.append(File.generated(config, path, content=content))


# ---- spec prose -----------------------------------------------------------------------------------


def spec_page(path: Path) -> str:
    index = load_index()
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():

        def define(m: re.Match[str]) -> str:
            rid, level, rest = m.group(1), m.group(2), m.group(3)
            anchor = rid.lower()
            return (
                f'<a id="{anchor}" class="axp-req" href="#{anchor}" title="Permalink to {rid}">'
                f"<strong>{rid}</strong></a> ({level}) {rest}"
            )

        if DEFINITION.search(line):
            lines.append(DEFINITION.sub(define, line))
            continue

        def mention(m: re.Match[str]) -> str:
            req = index.get(m.group(0))
            if req is None:
                return m.group(0)
            target = "" if req.file == path.name else req.file
            return f"[{m.group(0)}]({target}#{req.anchor})"

        lines.append(MENTION.sub(mention, line))
    return "\n".join(lines) + "\n"


# ---- lifecycle ------------------------------------------------------------------------------------


def lifecycle_diagram() -> str:
    """The state machine drawn readably: every live status inside one composite state, with one edge
    from it to each terminal status (labelled with the live statuses that lack that edge), instead of
    one arrow per (status, terminal) pair; the terminal-edge table lists those pairs."""
    lc = LIFECYCLE
    live = [s for s in lc.statuses if not lc.is_terminal(s)]
    terminals = [s for s in lc.statuses if lc.is_terminal(s)]
    lines = ["stateDiagram-v2", '    state "live" as LIVE {', f"        [*] --> {lc.initial_status}"]
    for source in live:
        for target in sorted(lc.transitions[source], key=lc.statuses.index):
            if target in live:
                lines.append(f"        {source} --> {target}")
    lines.append("    }")
    for target in terminals:
        missing = [s for s in live if target not in lc.transitions[s]]
        label = f": not from {', '.join(missing)}" if missing else ""
        lines.append(f"    LIVE --> {target}{label}")
        lines.append(f"    {target} --> [*]")
    return "\n".join(lines)


def terminal_edges_table() -> str:
    lc = LIFECYCLE
    terminals = [s for s in lc.statuses if lc.is_terminal(s)]
    head = "| from | " + " | ".join(f"`{t}`" for t in terminals) + " |\n|---|" + "---|" * len(terminals)
    rows = [
        f"| `{s}` | " + " | ".join("yes" if t in lc.transitions[s] else "—" for t in terminals) + " |"
        for s in lc.statuses
        if not lc.is_terminal(s)
    ]
    return head + "\n" + "\n".join(rows)


def lifecycle_page() -> str:
    lc = LIFECYCLE
    rows = "\n".join(
        f"| `{s['name']}` | {'yes' if s['terminal'] else 'no'} | `{s['event_type']}` | {s['description']} |"
        for s in lc.raw["statuses"]
    )
    trans = "\n".join(
        f"| `{t['from']}` | {', '.join(f'`{x}`' for x in t['to']) or '— (terminal)'} |" for t in lc.raw["transitions"]
    )
    reasons = "\n".join(f"| `{r['name']}` | {r['description']} |" for r in lc.raw["waiting_reasons"])
    notes = "\n".join(f"| `{e['event_type']}` | {e['description']} |" for e in lc.raw["annotation_events"])
    retired = "\n".join(
        f"| `{e['event_type']}` | `{e['replaced_by']}` | {e['reason']} |" for e in lc.raw.get("retired_event_types", [])
    )
    return f"""# Lifecycle

Generated from `spec/lifecycle.json`, the normative state machine (see [the lifecycle rules](03-lifecycle.md)).

The diagram draws the live statuses inside one box: an arrow leaving the box leaves from every
status inside it, except those its label names. The [terminal edges](#terminal-edges) table lists
the same edges one by one, and [the flows](../flows.md) show who causes each change.

```mermaid
{lifecycle_diagram()}
```

## Statuses

| status | terminal | event type on entry | meaning |
|---|---|---|---|
{rows}

## Terminal edges

Which live status may end in which terminal status (`resolve`, `cancel`, a failed push, a
deadline). `CREATED` cannot complete: an intent is stored and submitted before anyone can work on it.

{terminal_edges_table()}

## Legal transitions

| from | to |
|---|---|
{trans}

## Waiting reasons (required while `{lc.waiting_status}`)

| reason | meaning |
|---|---|
{reasons}

## Annotation events (no status change)

| event type | meaning |
|---|---|
{notes}

## Retired event types

| event type | replaced by | why |
|---|---|---|
{retired}
"""


# ---- schemas --------------------------------------------------------------------------------------


def type_of(node: dict[str, Any], current: str) -> str:
    if "$ref" in node:
        ref = node["$ref"]
        file_part, _, frag = ref.partition("#")
        name = Path(file_part).stem if file_part else current
        label = frag.rsplit("/", 1)[-1] if frag else schemas.get(name).get("title", name)
        anchor = f"#{label.lower()}" if frag else ""
        return f"[{label}]({name}.md{anchor})"
    if "anyOf" in node:
        return " or ".join(type_of(n, current) for n in node["anyOf"])
    if "const" in node:
        return f"`{json.dumps(node['const'])}`"
    if "enum" in node:
        return "one of " + ", ".join(f"`{v}`" for v in node["enum"])
    kind = node.get("type", "any")
    if kind == "array" and isinstance(node.get("items"), dict):
        return f"array of {type_of(node['items'], current)}"
    return f"`{kind}`" + (f" ({node['format']})" if "format" in node else "")


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def constraints(node: dict[str, Any]) -> str:
    keys = (
        "pattern",
        "minLength",
        "maxLength",
        "minimum",
        "maximum",
        "minItems",
        "maxItems",
        "uniqueItems",
        "minProperties",
        "maxProperties",
        "default",
    )
    parts = [f"{k}: `{node[k]}`" for k in keys if k in node]
    return "<br>".join(p.replace("|", "\\|") for p in parts)


def _field_rows(node: dict[str, Any], current: str, prefix: str = "") -> list[str]:
    """One row per property, nested inline objects flattened as ``parent.child`` (``list[].child``
    for the items of an array), so every described field shows up in the table."""
    rows = []
    required = set(node.get("required", []))
    for name, p in node.get("properties", {}).items():
        rows.append(
            f"| `{prefix}{name}` | {type_of(p, current)} | {'yes' if name in required else ''} | {constraints(p)} | "
            f"{cell(p.get('description', ''))} |"
        )
        if isinstance(p.get("properties"), dict):
            rows += _field_rows(p, current, f"{prefix}{name}.")
        items = p.get("items")
        if isinstance(items, dict) and isinstance(items.get("properties"), dict):
            rows += _field_rows(items, current, f"{prefix}{name}[].")
    return rows


def properties_table(node: dict[str, Any], current: str) -> str:
    rows = _field_rows(node, current)
    if not rows:
        return ""
    return "| field | type | required | constraints | description |\n|---|---|---|---|---|\n" + "\n".join(rows)


def schema_page(name: str) -> str:
    doc = schemas.get(name)
    out = [
        f"# {doc.get('title', name)}",
        "",
        doc.get("description", ""),
        "",
        f"`$id`: `{doc['$id']}` · source: `schemas/v1/{name}.json`",
        "",
    ]
    table = properties_table(doc, name)
    if table:
        out += ["## Fields", "", table, ""]
    extra = doc.get("additionalProperties")
    if extra is False:
        out += ["Unknown fields are rejected (`additionalProperties: false`).", ""]
    for rule in doc.get("allOf", []):
        out += ["Conditional rule: `" + json.dumps(rule)[:300].replace("`", "'") + "`", ""]
    for def_name, definition in doc.get("$defs", {}).items():
        out += [
            f"## {def_name}",
            "",
            definition.get("description", ""),
            "",
            f"Type: {type_of(definition, name)}",
            "",
            constraints(definition),
            "",
        ]
        table = properties_table(definition, name)
        if table:
            out += [table, ""]
    samples = [v for v in vectors.iter_schema_vectors() if v.schema == name]
    for valid in (True, False):
        chosen = [v for v in samples if v.valid is valid][:3]
        if chosen:
            out += ["## Valid examples" if valid else "## Invalid examples (from the test vectors)", ""]
            for v in chosen:
                why = (
                    ""
                    if valid
                    else f" — breaks `{v.rule}` at `{v.pointer or '/'}`" + (f" ({v.requirement})" if v.requirement else "")
                )
                out += [
                    f"**{v.name}**: {v.description}{why}",
                    "",
                    "```json",
                    json.dumps(v.message, indent=2, ensure_ascii=False),
                    "```",
                    "",
                ]
    return "\n".join(out)


# ---- HTTP API -------------------------------------------------------------------------------------

EXAMPLE_HOST = "127.0.0.1:8080"
# The examples' sender is agent://acme/prod/storefront and the addressed agent agent://acme/prod/fulfiller.
AGENT_SIDE = ("resumeIntent", "ackIntent", "streamAgentIntents", "pollAgentIntents", "registerAgentPush")


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    doc = bundle.bundle_openapi()
    return [(path, method, op) for path, item in doc["paths"].items() for method, op in item.items()]


def _component(doc: dict[str, Any], node: dict[str, Any], section: str) -> dict[str, Any]:
    return dict(doc["components"][section][node["$ref"].rsplit("/", 1)[-1]]) if "$ref" in node else node


def _schema_link(node: dict[str, Any], depth: int) -> str:
    ref = node.get("$ref", "")
    title = ref.rsplit("/", 1)[-1]
    name = next((n for n in schemas.names() if schemas.get(n).get("title") == title), None)
    return f"[{title}]({'../' * depth}schemas/{name}.md)" if name else f"`{title or 'object'}`"


def _example(content: dict[str, Any]) -> Any:
    if "example" in content:
        return content["example"]
    first = next(iter(content.get("examples", {}).values()), None)
    return None if first is None else first["value"]


def exchange(path: str, method: str, op: dict[str, Any]) -> tuple[str, str]:
    """One complete HTTP exchange of the operation, request and answer as text, from the examples of
    spec/openapi.yaml (parameter examples fill the path and query; the 200 answer's example is the body)."""
    doc = bundle.bundle_openapi()
    params = [_component(doc, p, "parameters") for p in op.get("parameters", [])]
    target = path
    query = []
    headers = [f"Host: {EXAMPLE_HOST}"]
    if op.get("security") != []:
        headers.append(f"x-api-key: {'FULFILLER_KEY' if op['operationId'] in AGENT_SIDE else 'STOREFRONT_KEY'}")
    for p in params:
        if "example" not in p:
            continue
        if p["in"] == "path":
            target = target.replace("{" + p["name"] + "}", str(p["example"]))
        elif p["in"] == "query":
            query.append(f"{p['name']}={p['example']}")
        elif p["in"] == "header" and p["name"] != "X-Trace-Id":
            headers.append(f"{p['name']}: {p['example']}")
    request = [f"{method.upper()} {target}{'?' + '&'.join(query) if query else ''} HTTP/1.1", *headers]
    if "requestBody" in op:
        body = json.dumps(_example(op["requestBody"]["content"]["application/json"]), indent=2, ensure_ascii=False)
        request += ["Content-Type: application/json", f"Content-Length: {len(body.encode())}", "", body]
    ok = op["responses"]["200"]
    kind, content = next(iter(ok["content"].items()))
    value = _example(content)
    if value is None:
        raise ValueError(f"{op['operationId']}: the 200 answer has no example in spec/openapi.yaml")
    answer = value if isinstance(value, str) else json.dumps(value, indent=2, ensure_ascii=False)
    response = ["HTTP/1.1 200 OK", f"Content-Type: {kind}", "x-request-id: 5f0c9e7a1d2b4c38"]
    if kind == "application/json":
        response.append(f"Content-Length: {len(answer.encode())}")
    response += ["", answer]
    return "\n".join(request), "\n".join(response)


def operation_page(path: str, method: str, op: dict[str, Any]) -> str:
    doc = bundle.bundle_openapi()
    capability = op.get("x-axp-capability")
    kind = "" if capability is None else f" · capability [`{capability}`](../capabilities.md)"
    out = [
        f"# {op['summary']}",
        "",
        f"`{method.upper()} {path}` · operationId `{op['operationId']}`{kind}"
        + (" · no authentication" if op.get("security") == [] else ""),
        "",
        op["description"],
        "",
    ]
    request, response = exchange(path, method, op)
    out += ["## Example", "", "```http", request, "```", "", "```http", response, "```", ""]
    params = [_component(doc, p, "parameters") for p in op.get("parameters", [])]
    if params:
        out += ["## Parameters", "", "| parameter | in | required | schema | description |", "|---|---|---|---|---|"]
        for p in params:
            schema = json.dumps(p["schema"]).replace("|", "\\|")
            out.append(
                f"| `{p['name']}` | {p['in']} | {'yes' if p.get('required') else ''} | `{schema}` | "
                f"{cell(p.get('description', ''))} |"
            )
        out.append("")
    if "requestBody" in op:
        body = op["requestBody"]
        content = body["content"]["application/json"]
        optional = "" if body.get("required") else " (optional: no body reads as `{}`)"
        out += ["## Request body", "", f"{_schema_link(content['schema'], 1)}{optional}", ""]
    out += ["## Answers", "", "| status | meaning | body |", "|---|---|---|"]
    for code, resp in op["responses"].items():
        resp = _component(doc, resp, "responses")
        content = resp.get("content", {})
        body = (
            _schema_link(content["application/json"]["schema"], 1)
            if "application/json" in content
            else "`text/event-stream`"
            if "text/event-stream" in content
            else ""
        )
        out.append(f"| {code} | {cell(resp['description'])} | {body} |")
    out.append("")
    return "\n".join(out)


def api_index_page() -> str:
    doc = bundle.bundle_openapi()
    rows = "\n".join(
        f"| [{op['summary']}]({op['operationId']}.md) | `{method.upper()} {path}` | `{op.get('x-axp-capability') or '—'}` |"
        for path, method, op in _operations()
    )
    return f"""# HTTP API reference

{doc["info"]["description"]}

Generated from `spec/openapi.yaml` (bundled as `spec/openapi.bundled.json`). Authentication:
`x-api-key: KEY` or `Authorization: Bearer KEY`, except where noted. Every operation's page shows
one complete request and answer, taken from the document's examples.

| operation | method and path | capability |
|---|---|---|
{rows}
"""


def errors_page() -> str:
    index = load_index()
    naming: dict[str, list[str]] = {}
    for req in index.values():
        for code in re.findall(r"`([a-z_]+)`", req.text):
            naming.setdefault(code, [])
            if req.id not in naming[code]:
                naming[code].append(req.id)
    rows = "\n".join(
        f"| `{e.code}` | {e.category} | {e.http_status} | {'yes' if e.retryable else 'no'} | {e.description} | "
        f"{', '.join(naming.get(e.code, [])) or '—'} |"
        for e in errors.registry().values()
    )
    cats = "\n".join(f"| {c} | {', '.join(map(str, s))} |" for c, s in errors.categories().items())
    return f"""# Error codes

Generated from `spec/errors.json`, the normative registry. Every non-2xx JSON answer is
[ErrorResponse](schemas/error_response.md); the last column names the requirements that use each code.

| category | HTTP status |
|---|---|
{cats}

| code | category | HTTP | retryable | meaning | requirements |
|---|---|---|---|---|---|
{rows}
"""


def capabilities_page() -> str:
    ops: dict[str, list[str]] = {}
    for _, _, op in _operations():
        if op.get("x-axp-capability"):
            ops.setdefault(op["x-axp-capability"], []).append(f"[`{op['operationId']}`](api/{op['operationId']}.md)")
    rows = "\n".join(
        f"| `{c.name}` | {'core' if c.core else 'optional'} | {', '.join(ops.get(c.name, [])) or '—'} | {c.description} |"
        for c in vocabulary()
    )
    return f"""# Capabilities

Generated from `spec/capabilities.json` and the `x-axp-capability` of each operation in
`spec/openapi.yaml`. The conformance suite tests an optional capability only when
`GET /v1/capabilities` lists it; a platform answers the operations of one it does not list like
routes it does not serve (AXP-CAP-005).

| capability | kind | operations | meaning |
|---|---|---|---|
{rows}
"""


def requirements_page() -> str:
    rows = "\n".join(f"| [{r.id}](spec/{r.file}#{r.anchor}) | {r.level} | {cell(r.text)} |" for r in load_index().values())
    return (
        f"# Requirements index\n\nEvery requirement ID of the spec ({len(load_index())}), generated from the prose.\n\n"
        f"| ID | level | requirement |\n|---|---|---|\n{rows}\n"
    )


# ---- every page: requirement IDs are links -------------------------------------------------------

_CODE = re.compile(r"(^[ \t]*```.*?^[ \t]*```|`[^`\n]*`)", re.S | re.M)
_BARE_ID = re.compile(r"(?<![\[\w/#-])(AXP-[A-Z]+-\d{3})(?![\w\]-])")


def link_requirements(markdown: str, src_uri: str) -> str:
    """Turn every requirement ID outside code and outside an existing link into a link to its
    definition, relative to the page (``src_uri``) so the strict build checks every one."""
    index = load_index()
    up = "../" * src_uri.count("/")

    def link(match: re.Match[str]) -> str:
        req = index.get(match.group(1))
        return match.group(0) if req is None else f"[{req.id}]({up}spec/{req.file}#{req.anchor})"

    parts = _CODE.split(markdown)
    return "".join(part if i % 2 else _BARE_ID.sub(link, part) for i, part in enumerate(parts))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = page.file.src_uri
    if src.startswith("spec/") and src != "spec/lifecycle.md" or src == "requirements.md":
        return markdown  # generated with links and anchors already
    return link_requirements(markdown, src)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """One nav entry per operation under Reference > HTTP API, derived from the OpenAPI document."""
    pages = [{"Overview": "api/index.md"}] + [{op["summary"]: f"api/{op['operationId']}.md"} for _, _, op in _operations()]

    def replace(items: list[Any]) -> None:
        for entry in items:
            if isinstance(entry, dict):
                for key, value in entry.items():
                    if value == "api/index.md":
                        entry[key] = pages
                    elif isinstance(value, list):
                        replace(value)

    replace(config["nav"] or [])
    return config


# ---- conformance results across implementations ---------------------------------------------------

RESULTS_DIR = ROOT / "docs" / "conformance-results"
VERDICT_MARK = {
    "passed": "✅ passed",
    "failed": "❌ failed",
    "warning": "⚠️ warning",
    "not_reached": "⏸ not reached",
    "not_applicable": "— n/a",
    "not_covered": "❔ not covered",
    "not_selected": "· not selected",
}


def committed_reports() -> list[tuple[str, str, dict[str, Any]]]:
    """(file, title, report) for each line of docs/conformance-results/implementations.yaml; every
    report must match conformance_report.json, or the build fails."""
    import yaml

    from axp.validate import validator_for

    listed = yaml.safe_load((RESULTS_DIR / "implementations.yaml").read_text(encoding="utf-8")) or {}
    out = []
    for file, title in listed.items():
        report = json.loads((RESULTS_DIR / file).read_text(encoding="utf-8"))
        problems = validator_for("conformance_report").errors(report)
        if problems:
            raise ValueError(f"{RESULTS_DIR / file}: not a conformance report: {problems[0].pointer}: {problems[0].message}")
        out.append((str(file), str(title), report))
    return out


def conformance_results_page() -> str:
    from conformance.report import headline

    reports = committed_reports()
    heads = "\n".join(
        f"| [{title}](conformance-results/{file}) | {headline(r)} | {r['suite_version']} | {r['started_at'][:10]} | "
        f"{len(r['capabilities'])} |"
        for file, title, r in reports
    )
    by_id = [{q["id"]: q for q in r["requirements"]} for _, _, r in reports]
    rows = []
    for req in load_index().values():
        cells = []
        for verdicts in by_id:
            found = verdicts.get(req.id)
            cells.append(VERDICT_MARK[found["verdict"]] if found else "not in this report")
        rows.append(f"| [{req.id}](spec/{req.file}#{req.anchor}) | {req.level} | " + " | ".join(cells) + " |")
    columns = " | ".join(title for _, title, _ in reports)
    return f"""# Conformance results

Each implementation below was run through `axp conformance run` (with its crash-restart phase);
the committed JSON reports in `docs/conformance-results/` are rendered here at build time, so the
table always shows exactly what the reports say. To add an implementation, commit its report
(`--report json`) to that directory and add one line to `implementations.yaml` there.

| implementation | headline | suite | run on | capabilities claimed |
|---|---|---|---|---|
{heads}

## Requirement by requirement

| requirement | level | {columns} |
|---|---|{"---|" * len(reports)}
{chr(10).join(rows)}
"""


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for path in prose_files():
        _add(files, config, f"spec/{path.name}", spec_page(path))
    _add(files, config, "spec/lifecycle.md", lifecycle_page())
    _add(files, config, "requirements.md", requirements_page())
    _add(files, config, "api/index.md", api_index_page())
    for path, method, op in _operations():
        _add(files, config, f"api/{op['operationId']}.md", operation_page(path, method, op))
    _add(files, config, "errors.md", errors_page())
    _add(files, config, "capabilities.md", capabilities_page())
    _add(files, config, "conformance-results.md", conformance_results_page())
    for name in schemas.names():
        _add(files, config, f"schemas/{name}.md", schema_page(name))
    if not MERMAID_JS.exists():
        raise FileNotFoundError(f"{MERMAID_JS} is missing: run python docs_hooks/fetch_assets.py")
    _add(files, config, "assets/javascripts/mermaid.min.js", MERMAID_JS.read_bytes())
    return files
