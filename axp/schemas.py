"""Access to the bundled JSON Schemas (``schemas/v1``) by short name or ``$id``.

Validators are compiled once per schema and cached: building one is cheap for jsonschema-rs but
validating millions of messages must not rebuild anything.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from axp._resources import schemas_dir

BASE_URI = "https://axp.dev/schemas/v1/"


@cache
def all_schemas() -> dict[str, dict[str, Any]]:
    """Every schema document keyed by short name (file stem), e.g. ``"event"``."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(schemas_dir().glob("*.json")):
        out[path.stem] = json.loads(path.read_text(encoding="utf-8"))
    return out


def names() -> list[str]:
    return sorted(all_schemas())


def get(name: str) -> dict[str, Any]:
    """A schema by short name (``event``), file name (``event.json``) or ``$id``."""
    key = name
    if key.startswith(BASE_URI):
        key = key[len(BASE_URI) :]
    key = Path(key).stem if key.endswith(".json") else key
    try:
        return all_schemas()[key]
    except KeyError:
        raise KeyError(f"unknown schema {name!r}; known: {', '.join(names())}") from None


def schema_id(name: str) -> str:
    return str(get(name)["$id"])


@cache
def registry() -> Any:
    """A jsonschema-rs Registry holding every schema under its ``$id`` (no network access)."""
    import jsonschema_rs

    return jsonschema_rs.Registry([(doc["$id"], doc) for doc in all_schemas().values()])


@cache
def referencing_registry() -> Any:
    """The same schemas as a ``referencing.Registry`` for the pure-Python jsonschema engine."""
    from referencing import Registry, Resource

    return Registry().with_resources((doc["$id"], Resource.from_contents(doc)) for doc in all_schemas().values())


def iter_refs(node: Any) -> Iterator[str]:
    """Every ``$ref`` value in a schema or OpenAPI document, depth first."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from iter_refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from iter_refs(item)
