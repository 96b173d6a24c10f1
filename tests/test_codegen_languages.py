"""The TypeScript, Go, Java and C# models of ``axp codegen`` (committed under ``generated/``):
current, compiled by each language's own toolchain, and in each of them every
valid vector parses and re-serialises to a message ``axp validate`` accepts, while the invalid
vectors each type system refuses at parse time are exactly the ones its docs page lists.

Each toolchain is looked up on the machine; without it a test skips locally, and fails in CI
(``.ci/run`` sets AXP_REQUIRE_TOOLCHAINS=1 and installs them).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from axp import schemas, vectors
from axp.codegen import FOREIGN_TARGETS
from axp.codegen.__main__ import committed, stale
from axp.codegen.foreign import NODE_DIR
from axp.validate import validate_message

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated"
DOCS = ROOT / "docs" / "codegen"
SCHEMA_VECTORS = list(vectors.iter_schema_vectors())
JAVA_JARS = [Path("/usr/share/java") / f"jackson-{part}.jar" for part in ("databind", "core", "annotations")]
NEWTONSOFT = [
    Path("/usr/lib/cli/Newtonsoft.Json-5.0/Newtonsoft.Json.dll"),
    *sorted(Path("/usr/lib/mono/gac/Newtonsoft.Json").glob("*/Newtonsoft.Json.dll")),
]


def need(what: str, found: Any, install: str) -> Any:
    if not found:
        if os.environ.get("AXP_REQUIRE_TOOLCHAINS"):  # set by .ci/run: CI must never skip these
            pytest.fail(f"{what} is required ({install})")
        pytest.skip(f"{what} is not installed ({install})")
    return found


def tsc() -> Path:
    need("node", shutil.which("node"), "apt-get install nodejs npm")
    found = NODE_DIR / "node_modules" / ".bin" / "tsc"
    return Path(need("typescript from npm", found.exists() and found, "npm ci --prefix axp/codegen/node"))


def newtonsoft() -> Path:
    return Path(need("Json.NET", next((p for p in NEWTONSOFT if p.exists()), None), "apt-get install libnewtonsoft-json-cil-dev"))


def run(cmd: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, **(env or {})},
    )
    assert proc.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
    return proc.stdout


# ---------------------------------------------------------------------------------------------
# Builders: each compiles the committed models and the given programs ({"harness": source,
# "example": source}) with the language's own toolchain, once, and returns the command that
# runs each program.

Programs = dict[str, list[str | Path]]


def build_typescript(tmp: Path, programs: dict[str, str]) -> Programs:
    compiler = tsc()
    shutil.copy(GENERATED / "typescript" / "axp.ts", tmp / "axp.ts")
    for name, text in programs.items():
        (tmp / f"{name}.ts").write_text(text)
    files = ["axp.ts", *(f"{name}.ts" for name in programs)]
    run([compiler, "--strict", "--target", "es2020", "--module", "commonjs", "--outDir", "js", *files], tmp)
    return {name: ["node", tmp / "js" / f"{name}.js"] for name in programs}


def build_go(tmp: Path, programs: dict[str, str]) -> Programs:
    go = need("go", shutil.which("go"), "apt-get install golang-go")
    (tmp / "axp").mkdir()
    shutil.copy(GENERATED / "go" / "axp.go", tmp / "axp" / "axp.go")
    (tmp / "go.mod").write_text("module example.com/app\n\ngo 1.19\n")
    for name, text in programs.items():
        (tmp / "cmd" / name).mkdir(parents=True)
        (tmp / "cmd" / name / "main.go").write_text(text)
    env = {"GOFLAGS": "-mod=mod", "GOCACHE": os.environ.get("GOCACHE", str(tmp / ".gocache")), "GOPATH": str(tmp / ".gopath")}
    run([go, "vet", "./..."], tmp, env)
    run([go, "build", "-o", "bin/", "./cmd/..."], tmp, env)
    return {name: [tmp / "bin" / name] for name in programs}


def build_java(tmp: Path, programs: dict[str, str]) -> Programs:
    javac = need("javac (JDK 17)", shutil.which("javac"), "apt-get install openjdk-17-jdk-headless")
    jars = need("Jackson", all(j.exists() for j in JAVA_JARS) and JAVA_JARS, "apt-get install libjackson2-databind-java")
    classpath = ":".join(str(j) for j in jars)
    classes = {name: name.capitalize() for name in programs}  # the public class each source declares
    for name, text in programs.items():
        (tmp / f"{classes[name]}.java").write_text(text)
    sources = [str(p) for p in sorted((GENERATED / "java").rglob("*.java"))] + [f"{c}.java" for c in classes.values()]
    run([javac, "-Xlint:none", "-d", "classes", "-cp", classpath, *sources], tmp)
    return {name: ["java", "-cp", f"classes:{classpath}", classes[name]] for name in programs}


def build_csharp(tmp: Path, programs: dict[str, str]) -> Programs:
    mcs = need("mcs (Mono)", shutil.which("mcs"), "apt-get install mono-mcs")
    mono = need("mono", shutil.which("mono"), "apt-get install mono-runtime")
    shutil.copy(newtonsoft(), tmp / "Newtonsoft.Json.dll")
    run([mcs, "-target:library", "-r:Newtonsoft.Json.dll", "-out:Axp.dll", GENERATED / "csharp" / "Axp.cs"], tmp)
    for name, text in programs.items():
        (tmp / f"{name}.cs").write_text(text)
        run([mcs, "-r:Axp.dll", "-r:Newtonsoft.Json.dll", f"-out:{name}.exe", f"{name}.cs"], tmp)
    return {name: [mono, tmp / f"{name}.exe"] for name in programs}


BUILDERS = {"typescript": build_typescript, "go": build_go, "java": build_java, "csharp": build_csharp}


def test_every_language_target_is_committed_and_has_a_builder() -> None:
    assert set(BUILDERS) | {"jsonschema"} == set(FOREIGN_TARGETS)
    for target in FOREIGN_TARGETS:
        assert (GENERATED / target / "README.md").read_text().count("Runtime dependency: ") == 1


@pytest.mark.parametrize("target", FOREIGN_TARGETS)
def test_committed_output_matches_a_fresh_generation(target: str) -> None:
    if target != "jsonschema":
        need("node", shutil.which("node"), "apt-get install nodejs npm")
        need("quicktype", (NODE_DIR / "node_modules" / ".bin" / "quicktype").exists(), "npm ci --prefix axp/codegen/node")
    assert stale(target, committed()[target]) == [], "run: python -m axp.codegen --write"


def test_the_bundle_judges_every_vector_like_the_reference_validator() -> None:
    from jsonschema_rs import Draft202012Validator

    doc = json.loads((GENERATED / "jsonschema" / "axp.schema.json").read_text())
    assert "$ref" not in json.dumps(doc).replace('"$ref": "#/', "")  # local references only
    for vector in SCHEMA_VECTORS:
        title = schemas.get(vector.schema)["title"]
        validator = Draft202012Validator({**doc, "$ref": f"#/$defs/{title}"}, validate_formats=True)
        assert validator.is_valid(vector.message) == vector.valid, vector.id


def docs_example(target: str) -> str:
    """The one usage example on the language's docs page."""
    blocks = re.findall(rf"^```{target}\n(.*?)^```", (DOCS / f"{target}.md").read_text(), re.M | re.S)
    assert len(blocks) == 1, f"docs/codegen/{target}.md should hold one {target} example"
    return str(blocks[0])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], tuple[Path, Programs]]:
    """Each language built once for the module: the models, the vector harness and the docs example."""
    cache: dict[str, tuple[Path, Programs]] = {}

    def get(target: str) -> tuple[Path, Programs]:
        if target not in cache:
            tmp = tmp_path_factory.mktemp(target)
            cache[target] = tmp, BUILDERS[target](tmp, {"harness": HARNESSES[target](), "example": docs_example(target)})
        return cache[target]

    return get


@pytest.mark.parametrize("target", sorted(BUILDERS))
def test_output_compiles_with_the_languages_toolchain(target: str, built: Callable[[str], tuple[Path, Programs]]) -> None:
    _, programs = built(target)
    assert set(programs) == {"harness", "example"}


# ---------------------------------------------------------------------------------------------
# Vectors: one program per language reads [{"title", "message"}...] and answers one JSON line per
# case: {"ok": true, "out": <the re-serialised text>} or {"ok": false, "error": ...}.

TS_HARNESS = """
import { Convert } from "./axp";
declare const require: (name: string) => any;
declare const process: { argv: string[] };
const fs = require("fs");
const convert = Convert as unknown as Record<string, (x: any) => any>;
const names = Object.getOwnPropertyNames(Convert);
const cases: { title: string; message: unknown }[] = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const lines = cases.map(({ title, message }) => {
  const parse = names.find((n) => n.toLowerCase() === "to" + title.toLowerCase())!;
  const dump = names.find((n) => n.toLowerCase() === title.toLowerCase() + "tojson")!;
  try {
    return JSON.stringify({ ok: true, out: convert[dump](convert[parse](JSON.stringify(message))) });
  } catch (e) {
    return JSON.stringify({ ok: false, error: String(e) });
  }
});
fs.writeFileSync(process.argv[3], lines.join("\\n") + "\\n");
"""

JAVA_HARNESS = """
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.*;
import java.util.*;

public class Harness {
    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Method> methods = new HashMap<>();
        for (Method m : dev.axp.models.Converter.class.getMethods()) methods.put(m.getName().toLowerCase(), m);
        StringBuilder out = new StringBuilder();
        for (JsonNode item : mapper.readTree(Files.readString(Path.of(args[0])))) {
            String title = item.get("title").asText().toLowerCase();
            Map<String, Object> line = new LinkedHashMap<>();
            try {
                Object value = methods.get(title + "fromjsonstring").invoke(null, mapper.writeValueAsString(item.get("message")));
                line.put("ok", true);
                line.put("out", methods.get(title + "tojsonstring").invoke(null, value));
            } catch (InvocationTargetException e) {
                line.put("ok", false);
                line.put("error", String.valueOf(e.getCause()));
            }
            out.append(mapper.writeValueAsString(line)).append('\\n');
        }
        Files.writeString(Path.of(args[1]), out.toString());
    }
}
"""


CSHARP_HARNESS = """
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

class Harness
{
    static void Main(string[] args)
    {
        var assembly = typeof(Axp.Models.IntentEnvelope).Assembly;
        var serialize = assembly.GetType("Axp.Models.Serialize");
        var lines = new List<string>();
        foreach (JObject item in JArray.Parse(File.ReadAllText(args[0])))
        {
            var title = (string)item["title"];
            var type = assembly.GetTypes().First(t => t.Namespace == "Axp.Models"
                && string.Equals(t.Name, title, StringComparison.OrdinalIgnoreCase) && t.GetMethod("FromJson") != null);
            var result = new JObject();
            try
            {
                var value = type.GetMethod("FromJson").Invoke(null, new object[] { (string)item["text"] });
                var toJson = serialize.GetMethods().First(m => m.Name == "ToJson" && m.GetParameters()[0].ParameterType == type);
                result["ok"] = true;
                result["out"] = (string)toJson.Invoke(null, new object[] { value });
            }
            catch (TargetInvocationException e)
            {
                result["ok"] = false;
                result["error"] = e.InnerException.Message;
            }
            lines.Add(result.ToString(Formatting.None));
        }
        File.WriteAllText(args[1], string.Join("\\n", lines) + "\\n");
    }
}
"""


def go_harness(titles: list[str]) -> str:
    source = (GENERATED / "go" / "axp.go").read_text()
    names = re.findall(r"^func Unmarshal(\w+)\(", source, re.M)
    by_lower = {n.lower(): n for n in names}
    cases = "\n".join(
        f'\tcase "{t}":\n\t\tv, err := axp.Unmarshal{by_lower[t.lower()]}(data)\n'
        f"\t\tif err != nil {{\n\t\t\treturn nil, err\n\t\t}}\n\t\treturn v.Marshal()"
        for t in sorted(set(titles))
    )
    return f"""package main

import (
\t"encoding/json"
\t"fmt"
\t"os"

\t"example.com/app/axp"
)

func convert(title string, data []byte) ([]byte, error) {{
\tswitch title {{
{cases}
\t}}
\treturn nil, fmt.Errorf("no model for %s", title)
}}

func main() {{
\tvar items []struct {{
\t\tTitle   string          `json:"title"`
\t\tMessage json.RawMessage `json:"message"`
\t}}
\traw, _ := os.ReadFile(os.Args[1])
\tif err := json.Unmarshal(raw, &items); err != nil {{
\t\tpanic(err)
\t}}
\tout, _ := os.Create(os.Args[2])
\tdefer out.Close()
\tenc := json.NewEncoder(out)
\tfor _, item := range items {{
\t\tdumped, err := convert(item.Title, item.Message)
\t\tif err != nil {{
\t\t\tenc.Encode(map[string]any{{"ok": false, "error": err.Error()}})
\t\t}} else {{
\t\t\tenc.Encode(map[string]any{{"ok": true, "out": string(dumped)}})
\t\t}}
\t}}
}}
"""


# "text": the message as JSON text, for harnesses whose JSON reader would re-render date-times.
CASES = [{"title": schemas.get(v.schema)["title"], "message": v.message, "text": json.dumps(v.message)} for v in SCHEMA_VECTORS]
HARNESSES: dict[str, Callable[[], str]] = {
    "typescript": lambda: TS_HARNESS,
    "java": lambda: JAVA_HARNESS,
    "go": lambda: go_harness([c["title"] for c in CASES]),
    "csharp": lambda: CSHARP_HARNESS,
}


@pytest.fixture(scope="module", params=sorted(BUILDERS))
def results(request: pytest.FixtureRequest, built: Callable[[str], tuple[Path, Programs]]) -> tuple[str, dict[str, Any]]:
    target = str(request.param)
    tmp, programs = built(target)
    (tmp / "cases.json").write_text(json.dumps(CASES))
    run([*programs["harness"], tmp / "cases.json", tmp / "results.jsonl"], tmp)
    lines = (tmp / "results.jsonl").read_text().splitlines()
    assert len(lines) == len(SCHEMA_VECTORS)
    return target, {v.id: json.loads(line) for v, line in zip(SCHEMA_VECTORS, lines, strict=True)}


def documented(target: str, heading: str) -> set[str]:
    """The vector ids listed under ``## heading`` of the language's docs page."""
    page = (DOCS / f"{target}.md").read_text()
    section = page.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^- `([a-z_]+/(?:in)?valid/[a-z0-9-]+)`", section, re.M))


def test_every_valid_vector_parses_and_re_serialises_to_valid_axp(results: tuple[str, dict[str, Any]]) -> None:
    target, by_id = results
    problems = []
    for vector in (v for v in SCHEMA_VECTORS if v.valid):
        result = by_id[vector.id]
        if not result["ok"]:
            problems.append(f"{vector.id}: refused: {result['error']}")
            continue
        issues = validate_message(json.loads(result["out"]), vector.schema)
        if issues:
            problems.append(f"{vector.id}: re-serialised to invalid AXP: {issues[0]} in {result['out']}")
    failing = {p.split(":", 1)[0] for p in problems}
    assert failing == documented(target, "Valid vectors it cannot carry"), f"{target}:\n" + "\n".join(problems)


def test_invalid_vectors_the_type_system_catches_are_refused(results: tuple[str, dict[str, Any]]) -> None:
    target, by_id = results
    refused = {v.id for v in SCHEMA_VECTORS if not v.valid and not by_id[v.id]["ok"]}
    assert refused, f"{target}: no invalid vector is refused at all"
    listed = documented(target, "Invalid vectors refused at parse time")
    assert refused == listed, (
        f"{target}: update docs/codegen/{target}.md: now refused {sorted(refused - listed)}, no longer {sorted(listed - refused)}"
    )


@pytest.mark.parametrize("target", sorted(BUILDERS))
def test_the_docs_usage_example_compiles_runs_and_prints_valid_axp(
    target: str, built: Callable[[str], tuple[Path, Programs]]
) -> None:
    tmp, programs = built(target)
    printed = run(programs["example"], tmp).strip()
    assert validate_message(json.loads(printed), "envelope") == []
    assert json.loads(printed)["idempotency_key"] == "order-ORD-123"


def test_a_missing_node_is_one_clear_error_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from axp.cli import main

    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    monkeypatch.setenv("PATH", str(empty_bin))
    result = CliRunner().invoke(main, ["codegen", "--target", "java", "--out", str(tmp_path / "java")])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "Node.js" in lines[0]
    # The bundle needs no Node.js.
    result = CliRunner().invoke(main, ["codegen", "--target", "jsonschema", "--out", str(tmp_path / "bundle")])
    assert result.exit_code == 0 and (tmp_path / "bundle" / "axp.schema.json").exists()
