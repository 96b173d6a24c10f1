"""Models for TypeScript, Go, Java and C# (through quicktype) and the self-contained JSON Schema
bundle they are generated from.

quicktype was chosen over per-language generators because it is one well-kept npm package (one
pin) that covers all four languages with the same reading of the schemas, and because it writes
parse-time converters, not only types: a message with a wrong type, an unknown enum value or
an unknown property on a closed object (TypeScript) is refused when it is read. The other
candidates were weaker where it matters here: json-schema-to-typescript and openapi-typescript
write types only (nothing checks a parsed message), and the Java and C# generators of the
OpenAPI world need Maven or NuGet, which CI cannot reach.

The generator version is pinned once, in ``node/package.json`` beside this file; CI installs it
from the committed lock file (``npm ci --prefix axp/codegen/node``), and elsewhere ``npx`` fetches
exactly that version.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from axp.codegen.errors import CodegenError, ToolMissing

NODE_DIR = Path(__file__).resolve().parent / "node"
BUNDLE_NAME = "axp.schema.json"
_LIBRARY_KEYS = {"$schema", "$id", "title", "description", "$defs", "$comment"}


@dataclass(frozen=True)
class Language:
    quicktype: str  # quicktype's --lang
    path: str  # the main file, relative to the output directory
    options: tuple[str, ...]
    runtime: str
    usage: str


TARGETS: dict[str, Language | None] = {
    "typescript": Language(
        "typescript",
        "axp.ts",
        # String-literal unions, so a JSON literal such as "COMPLETED" type-checks as a Status.
        ("--prefer-unions",),
        "none (the converters are plain TypeScript; CI checks them with TypeScript 5.9 --strict)",
        "const envelope = Convert.toIntentEnvelope(text); Convert.intentEnvelopeToJson(envelope)",
    ),
    "go": Language(
        "go",
        "axp.go",
        # Optional fields get omitempty, so an unset field is left out instead of written as null.
        ("--package", "axp", "--omit-empty"),
        "none (the standard library's encoding/json; Go >= 1.19)",
        "envelope, err := axp.UnmarshalIntentEnvelope(data); out, err := envelope.Marshal()",
    ),
    "java": Language(
        "java",
        "dev/axp/models/Converter.java",
        ("--package", "dev.axp.models", "--datetime-provider", "java8"),
        "Jackson 2.x (com.fasterxml.jackson.core:jackson-databind; CI compiles with 2.14 and JDK 17); Java >= 8",
        "IntentEnvelope e = Converter.IntentEnvelopeFromJsonString(json); Converter.IntentEnvelopeToJsonString(e)",
    ),
    "csharp": Language(
        "csharp",
        "Axp.cs",
        # Not --check-required: it needs Required.DisallowNull (Json.NET >= 8), and the Json.NET
        # that Debian ships (and CI compiles against) is 6.
        ("--namespace", "Axp.Models", "--framework", "NewtonSoft", "--csharp-version", "6"),
        "Newtonsoft.Json >= 6 (NuGet Newtonsoft.Json); C# 6",
        "var envelope = IntentEnvelope.FromJson(json); var text = envelope.ToJson();",
    ),
    "jsonschema": None,  # the bundle itself
}

# quicktype's Java converter leaves three things to the caller (see _apply).
_JAVA_PATCHES = (
    # Unset optional fields are left out instead of written as null (which the schemas refuse).
    (
        "        ObjectMapper mapper = new ObjectMapper();\n",
        "        ObjectMapper mapper = new ObjectMapper();\n"
        "        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);\n",
    ),
    # Date-times are written as RFC 3339 (seconds always present) without needing the jsr310
    # module; quicktype only registers the deserializer.
    (
        "        mapper.registerModule(module);\n",
        "        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {\n"
        "            @Override\n"
        "            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider)"
        " throws IOException {\n"
        "                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));\n"
        "            }\n"
        "        });\n"
        "        mapper.registerModule(module);\n",
    ),
    # Some Jackson builds (Debian's) declare IOException on writeValueAsString; IOException
    # covers JsonProcessingException, so callers compile against every Jackson 2.x.
    (") throws JsonProcessingException {\n        return get", ") throws IOException {\n        return get"),
    (
        "import com.fasterxml.jackson.core.JsonParser;\n",
        "import com.fasterxml.jackson.core.JsonParser;\n"
        "import com.fasterxml.jackson.core.JsonGenerator;\n"
        "import com.fasterxml.jackson.annotation.JsonInclude;\n",
    ),
)


# quicktype's C# length checkers dereference a null string (a nullable bounded string such as
# next_cursor on a last page throws NullReferenceException when read or written): null passes
# through them, and Json.NET's own null handling applies.
_CSHARP_PATCHES = (
    (
        "            var value = serializer.Deserialize<string>(reader);\n            if (value.Length",
        "            var value = serializer.Deserialize<string>(reader);\n"
        "            if (value == null) return null;\n"
        "            if (value.Length",
    ),
    (
        "            var value = (string)untypedValue;\n            if (value.Length",
        "            var value = (string)untypedValue;\n"
        "            if (value == null)\n"
        "            {\n"
        "                serializer.Serialize(writer, null);\n"
        "                return;\n"
        "            }\n"
        "            if (value.Length",
    ),
)


def _apply(path: Path, patches: tuple[tuple[str, str], ...]) -> None:
    """Apply each (old, new) replacement to every occurrence; a missing one is an error, so a
    generator upgrade that changes the code fails loudly instead of silently losing a fix."""
    text = path.read_text(encoding="utf-8")
    for old, new in patches:
        if old not in text:
            raise CodegenError(
                f"quicktype's output changed: {old.strip()[:60]!r} not found in {path.name}; see axp/codegen/foreign.py"
            )
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def _is_library(doc: dict[str, Any]) -> bool:
    """A file of shared ``$defs`` only (common.json), not a message of its own."""
    return set(doc) <= _LIBRARY_KEYS


def bundle(source: Path) -> dict[str, Any]:
    """Every schema in ``source`` as one self-contained JSON Schema 2020-12 document: each message
    schema under ``$defs/<title>``, each shared definition under its own name (prefixed with its
    file's title when two files define the same name), and every ``$ref`` a local pointer."""
    docs = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(source.glob("*.json"))}
    titles = {stem: str(doc.get("title", stem)) for stem, doc in docs.items()}
    counts = Counter(name for doc in docs.values() for name in doc.get("$defs", {}))
    counts.update(titles[stem] for stem, doc in docs.items() if not _is_library(doc))

    def def_name(stem: str, name: str) -> str:
        return name if counts[name] == 1 else titles[stem].replace(" ", "") + name

    def rewrite(node: Any, stem: str) -> Any:
        if isinstance(node, list):
            return [rewrite(item, stem) for item in node]
        if not isinstance(node, dict):
            return node
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in ("$id", "$schema"):
                continue
            if key == "$ref" and isinstance(value, str):
                file_part, _, fragment = value.partition("#")
                target = Path(file_part).stem if file_part else stem
                if target not in docs:
                    raise CodegenError(f"{stem}.json: $ref {value!r} points outside the schema directory")
                if fragment.startswith("/$defs/") and fragment.count("/") == 2:
                    out[key] = "#/$defs/" + def_name(target, fragment.rsplit("/", 1)[1])
                elif fragment in ("", "/"):
                    out[key] = "#/$defs/" + titles[target]
                else:
                    raise CodegenError(f"{stem}.json: $ref {value!r} is not a whole schema or a $defs entry")
            else:
                out[key] = rewrite(value, stem)
        return out

    defs: dict[str, Any] = {}
    for stem, doc in docs.items():
        for name, body in doc.get("$defs", {}).items():
            defs[def_name(stem, name)] = {"title": def_name(stem, name), **rewrite(body, stem)}
        if not _is_library(doc):
            defs[titles[stem]] = {k: v for k, v in rewrite(doc, stem).items() if k != "$defs"}
    any_id = next((str(doc["$id"]) for doc in docs.values() if "$id" in doc), f"{BUNDLE_NAME}")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": any_id.rsplit("/", 1)[0] + "/" + BUNDLE_NAME if "/" in any_id else BUNDLE_NAME,
        "title": "AXP message schemas",
        "description": "Every AXP message schema in one self-contained document: validate against $defs/<Title>.",
        "$defs": dict(sorted(defs.items())),
    }


def messages(doc: dict[str, Any], source: Path) -> list[str]:
    """The titles of the message schemas (not the shared definitions), in file order."""
    out = []
    for path in sorted(source.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        if not _is_library(schema):
            out.append(str(schema.get("title", path.stem)))
    return out


def pinned(package: str) -> str:
    manifest = json.loads((NODE_DIR / "package.json").read_text(encoding="utf-8"))
    return str({**manifest.get("dependencies", {}), **manifest.get("devDependencies", {})}[package])


def quicktype_command() -> list[str]:
    """The pinned quicktype: the project-local install when there is one, else npx fetches it."""
    if shutil.which("node") is None:
        raise ToolMissing(
            "the typescript, go, java and csharp targets run quicktype on Node.js >= 20, which is not installed "
            "(install Node.js with npm, e.g. apt-get install nodejs npm)"
        )
    local = NODE_DIR / "node_modules" / ".bin" / "quicktype"
    if local.exists():
        return [str(local)]
    npx = shutil.which("npx")
    if npx is None:
        raise ToolMissing("quicktype is fetched with npx, which is not installed (install npm beside Node.js)")
    return [npx, "--yes", f"quicktype@{pinned('quicktype')}"]


def _required_nullable(doc: dict[str, Any]) -> dict[str, set[str]]:
    """Per model title, its required properties that may be null (``next_cursor`` on a last page)."""
    out: dict[str, set[str]] = {}
    for title, schema in doc["$defs"].items():
        for name in schema.get("required", []):
            prop = schema.get("properties", {}).get(name, {})
            if any(branch.get("type") == "null" for branch in prop.get("anyOf", [])) or "null" in prop.get("type", []):
                out.setdefault(title.lower(), set()).add(name)
    return out


def _patch_java(out_dir: Path, doc: dict[str, Any]) -> None:
    # With NON_NULL below, a required property whose value is null would be left out; these keep it.
    keep_null = _required_nullable(doc)
    for path in (out_dir / "dev" / "axp" / "models").glob("*.java"):
        names = keep_null.get(path.stem.lower(), set())
        text = path.read_text(encoding="utf-8")
        for name in sorted(names):
            getter = f'    @JsonProperty("{name}")\n    public '
            if getter not in text:
                raise CodegenError(f"quicktype's Java output changed: no getter for {path.stem}.{name}")
            text = text.replace(getter, "    @JsonInclude(JsonInclude.Include.ALWAYS)\n" + getter, 1)
        path.write_text(text, encoding="utf-8")
    _apply(out_dir / "dev" / "axp" / "models" / "Converter.java", _JAVA_PATCHES)


def readme(target: str) -> str:
    spec = TARGETS[target]
    head = (
        f"# AXP models ({target})\n\n"
        f"Generated by `axp codegen --target {target}` from the AXP v1 JSON Schemas; do not edit, regenerate.\n\n"
    )
    if spec is None:
        return head + (
            f"`{BUNDLE_NAME}` holds every message schema under `$defs/<Title>` with local references only.\n\n"
            "Runtime dependency: any JSON Schema 2020-12 validator (with format checking for uuid and date-time).\n"
        )
    return head + (
        f"Runtime dependency: {spec.runtime}.\n\n"
        f"Use: `{spec.usage}`.\n\n"
        'Types cannot express every rule (conditional ones such as "WAITING requires waiting_reason",\n'
        "patterns, lengths, uniqueItems): validate with `axp validate` where that matters.\n"
    )


def generate(out_dir: Path, target: str, source: Path) -> None:
    doc = bundle(source)
    out_dir.mkdir(parents=True, exist_ok=True)
    spec = TARGETS[target]
    if spec is None:
        (out_dir / BUNDLE_NAME).write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        (out_dir / "README.md").write_text(readme(target), encoding="utf-8")
        return
    with tempfile.TemporaryDirectory(prefix="axp-codegen-") as tmp:
        schema_file = Path(tmp) / BUNDLE_NAME
        schema_file.write_text(json.dumps(doc), encoding="utf-8")
        sources = [arg for title in messages(doc, source) for arg in ("--src", f"{schema_file}#/$defs/{title}")]
        main_file = out_dir / spec.path
        main_file.parent.mkdir(parents=True, exist_ok=True)
        cmd = [*quicktype_command(), "--src-lang", "schema", "--lang", spec.quicktype, *spec.options, *sources]
        proc = subprocess.run([*cmd, "-o", str(main_file)], capture_output=True, text=True, check=False, timeout=600)
    if proc.returncode != 0:
        lines = [ln for ln in (proc.stderr + proc.stdout).splitlines() if ln.strip()]
        raise CodegenError(f"quicktype failed: {lines[-1] if lines else f'exit {proc.returncode}'}")
    if target == "java":
        _patch_java(out_dir, doc)
    if target == "csharp":
        _apply(out_dir / spec.path, _CSHARP_PATCHES)
    (out_dir / "README.md").write_text(readme(target), encoding="utf-8")
