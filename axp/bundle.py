"""Flatten the multi-file spec into single documents for tools that cannot follow file references.

``spec/openapi.yaml`` and ``schemas/v1`` reference each other by relative file name. Several tools
(schemathesis, openapi-spec-validator on compound bundles, code generators, documentation
renderers) need one self-contained document instead. The bundle lifts every referenced schema
into ``components/schemas`` (or ``$defs``) under its title, drops ``$id``/``$schema`` so no
reference resolves through an absolute URI, and rewrites every ``$ref`` to a local pointer.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml

from axp import schemas
from axp._generated import write_or_check
from axp._resources import spec_dir

COMMON = "common"


def _split_ref(ref: str, current: str) -> tuple[str, str | None]:
    """(schema short name, $defs name or None) for a file reference, relative to ``current``."""
    file_part, _, fragment = ref.partition("#")
    name = Path(file_part).stem if file_part else current
    definition = fragment.rsplit("/", 1)[-1] if fragment.startswith("/$defs/") else None
    return name, definition


def _component_name(name: str, definition: str | None) -> str:
    return definition if definition else str(schemas.get(name)["title"])


def _rewrite(node: Any, current: str, prefix: str, needed: set[tuple[str, str | None]]) -> Any:
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in ("$id", "$schema"):
                continue
            if key == "$ref" and isinstance(value, str) and not value.startswith("#/components"):
                target = _split_ref(value, current)
                needed.add(target)
                out[key] = prefix + _component_name(*target)
            else:
                out[key] = _rewrite(value, current, prefix, needed)
        return out
    if isinstance(node, list):
        return [_rewrite(item, current, prefix, needed) for item in node]
    return node


def _lift(root: Any, root_name: str, prefix: str) -> tuple[Any, dict[str, Any]]:
    """Rewrite ``root`` and collect every schema it (transitively) needs, keyed by component name."""
    needed: set[tuple[str, str | None]] = set()
    rewritten = _rewrite(root, root_name, prefix, needed)
    lifted: dict[str, Any] = {}
    done: set[tuple[str, str | None]] = set()
    while needed - done:
        target = sorted(needed - done, key=lambda t: (t[0], t[1] or ""))[0]
        done.add(target)
        name, definition = target
        source = schemas.get(name)["$defs"][definition] if definition else schemas.get(name)
        body = _rewrite(copy.deepcopy(source), name, prefix, needed)
        if not definition:
            body.pop("$defs", None)
        lifted[_component_name(name, definition)] = body
    return rewritten, lifted


class RecursiveReference(ValueError):
    """A reference that contains itself cannot be inlined; the error names the cycle."""


def _pointer_get(doc: Any, pointer: str) -> Any:
    node = doc
    for part in pointer.lstrip("#").strip("/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


# Keywords that describe and never constrain: beside a $ref they can merge into the target.
ANNOTATIONS = frozenset({"description", "title", "$comment", "examples", "deprecated", "readOnly", "writeOnly"})


def dereference(doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` (a bundle with local references only) with every ``$ref`` replaced by its target,
    for tools that cannot follow references at all. A schema reference with sibling keywords
    becomes ``allOf`` so no keyword is lost, unless the siblings only annotate (a field's own
    ``description``), which merge; other objects (responses, parameters) merge. The
    component sections stay for readers, but nothing points into them any more."""

    def inline(node: Any, stack: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [inline(item, stack) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if not isinstance(ref, str) or not ref.startswith("#"):
            return {key: inline(value, stack) for key, value in node.items()}
        if ref in stack:
            raise RecursiveReference(" -> ".join((*stack, ref)))
        target = inline(copy.deepcopy(_pointer_get(doc, ref)), (*stack, ref))
        siblings = {key: inline(value, stack) for key, value in node.items() if key != "$ref"}
        if not siblings:
            return target
        if ("/schemas/" in ref or "/$defs/" in ref) and not set(siblings) <= ANNOTATIONS:
            return {**siblings, "allOf": [target]}
        return {**target, **siblings}  # annotations (a field's own description) override the target's

    return dict(inline(doc, ()))


def load_openapi() -> dict[str, Any]:
    return dict(yaml.safe_load((spec_dir() / "openapi.yaml").read_text(encoding="utf-8")))


def bundle_openapi() -> dict[str, Any]:
    """The OpenAPI document as one file with every schema under ``components/schemas``."""
    doc = load_openapi()
    rewritten, lifted = _lift(doc, COMMON, "#/components/schemas/")
    components = rewritten.setdefault("components", {})
    components["schemas"] = dict(sorted({**components.get("schemas", {}), **lifted}.items()))
    return dict(rewritten)


def bundle_schema(name: str) -> dict[str, Any]:
    """One JSON Schema with every referenced schema lifted into its ``$defs``."""
    original = schemas.get(name)
    rewritten, lifted = _lift(original, name, "#/$defs/")
    rewritten.pop("$defs", None)
    out = {"$schema": original["$schema"], "$id": original["$id"], **rewritten}
    if lifted:
        out["$defs"] = dict(sorted(lifted.items()))
    return out


def bundle_schema_draft7(name: str) -> dict[str, Any]:
    """``bundle_schema`` spelled for draft-07-only tools (e.g. fastjsonschema): ``$defs`` become ``definitions``.

    The AXP schemas use no 2020-12-only keyword besides ``$defs``, so the meaning is unchanged;
    the test suite checks that a draft-07 engine agrees with the reference validator on every vector.
    """
    flat = bundle_schema(name)
    flat.pop("$id", None)
    flat["$schema"] = "http://json-schema.org/draft-07/schema#"
    text = json.dumps(flat).replace('"$defs"', '"definitions"').replace("#/$defs/", "#/definitions/")
    return dict(json.loads(text))


def render(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def bundle_path() -> Path:
    return spec_dir() / "openapi.bundled.json"


def write_bundle() -> Path:
    bundle_path().write_text(render(bundle_openapi()), encoding="utf-8")
    return bundle_path()


def main(argv: list[str] | None = None) -> int:
    return write_or_check(argv, bundle_path(), lambda: render(bundle_openapi()), "python -m axp.bundle --write")


if __name__ == "__main__":
    raise SystemExit(main())
