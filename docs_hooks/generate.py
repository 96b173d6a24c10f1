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


def lifecycle_page() -> str:
    lc = LIFECYCLE
    diagram = ["stateDiagram-v2", f"    [*] --> {lc.initial_status}"]
    for source in lc.statuses:
        for target in sorted(lc.transitions[source], key=lc.statuses.index):
            diagram.append(f"    {source} --> {target}")
    for status in lc.statuses:
        if lc.is_terminal(status):
            diagram.append(f"    {status} --> [*]")
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

```mermaid
{chr(10).join(diagram)}
```

## Statuses

| status | terminal | event type on entry | meaning |
|---|---|---|---|
{rows}

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


def api_page() -> str:
    doc = bundle.bundle_openapi()
    out = [
        "# HTTP API reference",
        "",
        doc["info"]["description"],
        "",
        "Generated from `spec/openapi.yaml` (bundled). Authentication: `x-api-key: KEY` or "
        "`Authorization: Bearer KEY`, except where noted.",
        "",
    ]
    params = doc["components"]["parameters"]
    responses = doc["components"]["responses"]

    def schema_link(node: dict[str, Any]) -> str:
        ref = node.get("$ref", "")
        title = ref.rsplit("/", 1)[-1]
        name = next((n for n in schemas.names() if schemas.get(n).get("title") == title), None)
        return f"[{title}](schemas/{name}.md)" if name else f"`{title or 'object'}`"

    for path, item in doc["paths"].items():
        for method, op in item.items():
            out += [
                f"## {op['summary']}",
                "",
                f"`{method.upper()} {path}` · operationId `{op['operationId']}`"
                + (" · no authentication" if op.get("security") == [] else ""),
                "",
                op["description"],
                "",
            ]
            plist = [params[p["$ref"].rsplit("/", 1)[-1]] if "$ref" in p else p for p in op.get("parameters", [])]
            if plist:
                out += ["| parameter | in | required | schema | description |", "|---|---|---|---|---|"]
                for p in plist:
                    schema = json.dumps(p["schema"]).replace("|", "\\|")
                    out.append(
                        f"| `{p['name']}` | {p['in']} | {'yes' if p.get('required') else ''} | `{schema}` | "
                        f"{p.get('description', '')} |"
                    )
                out.append("")
            if "requestBody" in op:
                content = op["requestBody"]["content"]["application/json"]
                out += [f"Request body: {schema_link(content['schema'])}", ""]
                for example in content.get("examples", {}).values():
                    out += ["```json", json.dumps(example["value"], indent=2), "```", ""]
            out += ["| status | meaning | body |", "|---|---|---|"]
            for code, resp in op["responses"].items():
                resp = responses[resp["$ref"].rsplit("/", 1)[-1]] if "$ref" in resp else resp
                content = resp.get("content", {})
                body = (
                    schema_link(content["application/json"]["schema"])
                    if "application/json" in content
                    else "`text/event-stream`"
                    if "text/event-stream" in content
                    else ""
                )
                out.append(f"| {code} | {resp['description']} | {body} |")
            out.append("")
    return "\n".join(out)


def errors_page() -> str:
    rows = "\n".join(
        f"| `{e.code}` | {e.category} | {e.http_status} | {'yes' if e.retryable else 'no'} | {e.description} |"
        for e in errors.registry().values()
    )
    cats = "\n".join(f"| {c} | {', '.join(map(str, s))} |" for c, s in errors.categories().items())
    return f"""# Error codes

Generated from `spec/errors.json`, the normative registry. Every non-2xx JSON answer is
[ErrorResponse](schemas/error_response.md).

| category | HTTP status |
|---|---|
{cats}

| code | category | HTTP | retryable | meaning |
|---|---|---|---|---|
{rows}
"""


def capabilities_page() -> str:
    rows = "\n".join(f"| `{c.name}` | {'core' if c.core else 'optional'} | {c.description} |" for c in vocabulary())
    return f"""# Capabilities

Generated from `spec/capabilities.json`. The conformance suite tests an optional capability only
when `GET /v1/capabilities` lists it.

| capability | kind | meaning |
|---|---|---|
{rows}
"""


def requirements_page() -> str:
    rows = "\n".join(f"| [{r.id}](spec/{r.file}#{r.anchor}) | {r.level} | {cell(r.text)} |" for r in load_index().values())
    return (
        f"# Requirements index\n\nEvery requirement ID of the spec ({len(load_index())}), generated from the prose.\n\n"
        f"| ID | level | requirement |\n|---|---|---|\n{rows}\n"
    )


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for path in prose_files():
        _add(files, config, f"spec/{path.name}", spec_page(path))
    _add(files, config, "spec/lifecycle.md", lifecycle_page())
    _add(files, config, "requirements.md", requirements_page())
    _add(files, config, "api.md", api_page())
    _add(files, config, "errors.md", errors_page())
    _add(files, config, "capabilities.md", capabilities_page())
    for name in schemas.names():
        _add(files, config, f"schemas/{name}.md", schema_page(name))
    if not MERMAID_JS.exists():
        raise FileNotFoundError(f"{MERMAID_JS} is missing: run python docs_hooks/fetch_assets.py")
    _add(files, config, "assets/javascripts/mermaid.min.js", MERMAID_JS.read_bytes())
    return files
