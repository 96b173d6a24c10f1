"""Python targets of ``axp codegen``: datamodel-code-generator with options chosen so that the
models are *valid by default* — what a plain ``model_dump_json()`` (pydantic), ``to_dict()``
(dataclasses) or ``msgspec.json.encode`` writes validates against the schema it came from.

One function holds the generator options, so the committed ``axp/models`` and the models users
generate for their own codebases come from exactly the same invocation.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from axp.codegen.errors import CodegenError


@dataclass(frozen=True)
class PythonTarget:
    model_type: str
    runtime: str  # the one package the generated code imports at run time
    options: tuple[str, ...] = ()


# The dataclass base lives in the generated package; datamodel-codegen only takes an absolute
# import path, so it is generated under this placeholder and the import is made relative after.
_BASE_PLACEHOLDER = "axp_codegen_base"

TARGETS = {
    # MISSING (pydantic >= 2.14) marks an optional field that was never set: it is left out of
    # model_dump()/model_dump_json(), so unset fields never come out as null.
    "pydantic-v2": PythonTarget(
        "pydantic_v2.BaseModel",
        "pydantic>=2.14 (MISSING sentinel)",
        ("--use-missing-sentinel", "--target-pydantic-version", "2.14"),
    ),
    "dataclasses": PythonTarget(
        "dataclasses.dataclass",
        "none: the standard library only",
        ("--base-class", f"{_BASE_PLACEHOLDER}.AXPDataclass"),
    ),
    # Without ``from __future__ import annotations`` Python 3.11 sees NotRequired[...] and
    # computes __required_keys__ correctly; with it every key would count as required.
    "typeddict": PythonTarget(
        "typing.TypedDict", "typing_extensions>=4.10 (TypedDict closed=True)", ("--disable-future-imports",)
    ),
    "msgspec": PythonTarget("msgspec.Struct", "msgspec>=0.18 (UNSET fields are omitted by msgspec.json.encode)"),
}

_BASE_MODULE = '''"""Base of every generated dataclass: ``to_dict()`` gives JSON-ready data that validates.

A field left at None is an absent optional field, so it is omitted rather than written as
null (which the AXP schemas reject for most optional fields).
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Any


def _plain(value: Any) -> Any:
    if isinstance(value, AXPDataclass):
        return value.to_dict()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


class AXPDataclass:
    def to_dict(self) -> dict[str, Any]:
        """This message as JSON-ready data (for json.dumps), None-valued fields left out."""
        out: dict[str, Any] = {}
        for field in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, field.name)
            if value is not None:
                out[field.name] = _plain(value)
        return out
'''


_STRUCTURE = {"properties", "patternProperties", "propertyNames", "allOf", "anyOf", "oneOf", "if", "$ref"}


def free_form_objects(source: Path) -> list[str]:
    """Names of shared definitions that are any JSON object (AXP's ``JsonObject``, the payload).
    datamodel-codegen makes each an empty class, which msgspec decodes to nothing (the payload
    is lost) and a type checker refuses a dict for; they are typed as ``dict`` instead."""
    names = []
    for path in sorted(source.glob("*.json")):
        for name, body in json.loads(path.read_text(encoding="utf-8")).get("$defs", {}).items():
            if body.get("type") == "object" and body.get("additionalProperties", True) is True and not _STRUCTURE & set(body):
                names.append(str(body.get("title", name)))
    return names


def command(out_dir: Path, target: str, source: Path) -> list[str]:
    overrides = {name: "builtins.dict" for name in free_form_objects(source)}
    return [
        sys.executable,
        "-m",
        "datamodel_code_generator",
        "--input",
        str(source),
        "--input-file-type",
        "jsonschema",
        "--output",
        str(out_dir),
        "--output-model-type",
        TARGETS[target].model_type,
        "--use-annotated",
        "--field-constraints",
        "--disable-timestamp",
        "--use-title-as-name",
        "--target-python-version",
        "3.11",
        "--use-standard-collections",
        "--use-union-operator",
        "--strict-types",
        "str",
        "int",
        "bool",
        # A uuid stays a str checked by the schema's 8-4-4-4-12 pattern (AXP-ID-003): Python's
        # UUID type also takes {braces}, urn:uuid: and bare hex, and re-renders the value.
        "--type-mappings",
        "string+uuid=string",
        # Constrained strings and numbers become plain annotated aliases, not RootModel wrappers.
        "--use-type-alias",
        # A field with a schema default is not nullable unless the schema says so (else
        # ``task_type=None`` would be accepted and dumped as an invalid null).
        "--strict-nullable",
        # A default that names an enum value is that enum member (task_type = TaskType.approval),
        # so pydantic dumps it without a serializer warning.
        "--deserialize-default-values",
        "enum",
        "--all-exports-scope",
        "recursive",
        "--all-exports-collision-strategy",
        "minimal-prefix",
        "--formatters",
        "builtin",
        *(("--type-overrides", json.dumps(overrides)) if overrides else ()),
        *TARGETS[target].options,
    ]


def readme(target: str) -> str:
    spec = TARGETS[target]
    usage = {
        "pydantic-v2": "IntentEnvelope.model_validate_json(data) / envelope.model_dump_json()",
        "dataclasses": "json.dumps(envelope.to_dict())",
        "typeddict": "envelope: IntentEnvelope = json.loads(data)  # a type checker checks the keys",
        "msgspec": "msgspec.json.decode(data, type=IntentEnvelope) / msgspec.json.encode(envelope)",
    }[target]
    return (
        f"# AXP models ({target})\n\n"
        "Generated by `axp codegen` from the AXP v1 JSON Schemas; do not edit, regenerate.\n\n"
        f"Runtime dependency: {spec.runtime}.\n\n"
        f"Use: `{usage}`. Every model is re-exported from this package's `__init__`.\n\n"
        'What the types cannot express (conditional rules such as "WAITING requires waiting_reason",\n'
        "uniqueItems, strict date-time formats): validate with `axp validate` where that matters.\n"
    )


def generate(out_dir: Path, target: str, source: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(command(out_dir, target, source), capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        lines = [ln for ln in proc.stderr.splitlines() if ln.strip() and "Warning" not in ln]
        raise CodegenError(lines[-1] if lines else f"datamodel-codegen exited {proc.returncode}")
    if target == "dataclasses":
        (out_dir / "_base.py").write_text(_BASE_MODULE, encoding="utf-8")
        for module in out_dir.glob("*.py"):
            text = module.read_text(encoding="utf-8")
            if _BASE_PLACEHOLDER in text:
                module.write_text(text.replace(f"from {_BASE_PLACEHOLDER} import", "from ._base import"), encoding="utf-8")
    (out_dir / "README.md").write_text(readme(target), encoding="utf-8")
