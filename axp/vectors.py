"""Load the test vectors shipped with the spec (``vectors/``), for tests and for implementers' harnesses."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from axp._resources import vectors_dir


@dataclass(frozen=True)
class SchemaVector:
    schema: str
    name: str
    valid: bool
    message: Any
    description: str
    rule: str | None = None
    pointer: str | None = None
    requirement: str | None = None

    @property
    def id(self) -> str:
        return f"{self.schema}/{'valid' if self.valid else 'invalid'}/{self.name}"


@dataclass(frozen=True)
class LifecycleVector:
    name: str
    legal: bool
    description: str
    events: list[dict[str, Any]]
    violations: list[dict[str, Any]]
    path: Path

    @property
    def id(self) -> str:
        return f"{'legal' if self.legal else 'illegal'}/{self.name}"


@dataclass(frozen=True)
class JsonTextVector:
    """A raw payload text a platform must accept (valid) or refuse with 400 invalid_json (AXP-API-019, AXP-API-022)."""

    name: str
    valid: bool
    payload_text: str
    description: str
    requirement: str | None = None

    @property
    def id(self) -> str:
        return f"json_text/{'valid' if self.valid else 'invalid'}/{self.name}"

    def holds(self) -> bool:
        """Whether axp's strict parser takes this payload in a request body: at the least limit any
        platform may use for a valid vector, at the greatest for an invalid one."""
        from axp import jsontext

        limit = jsontext.MIN_DEPTH_LIMIT if self.valid else jsontext.MAX_DEPTH_LIMIT
        try:
            jsontext.loads(self.body({"intent_type": "a.b.v1"}).decode("utf-8"), max_depth=limit)
        except jsontext.JSONTextError:
            return False
        return True

    def body(self, fields: dict[str, Any]) -> bytes:
        """A create request body: ``fields`` (without payload) serialised, with this text as the payload."""
        head = json.dumps({k: v for k, v in fields.items() if k != "payload"})
        return (head[:-1] + (", " if len(head) > 2 else "") + f'"payload": {self.payload_text}}}').encode("utf-8")


def json_text_document() -> dict[str, Any]:
    return dict(json.loads((vectors_dir() / "json_text.json").read_text(encoding="utf-8")))


def iter_json_text_vectors() -> Iterator[JsonTextVector]:
    doc = json_text_document()
    for valid in (True, False):
        for v in doc["valid" if valid else "invalid"]:
            yield JsonTextVector(v["name"], valid, v["payload_text"], v["description"], v.get("requirement"))


def schema_vector_files() -> list[Path]:
    return sorted((vectors_dir() / "schemas").glob("*.json"))


def iter_schema_vectors() -> Iterator[SchemaVector]:
    for path in schema_vector_files():
        doc = json.loads(path.read_text(encoding="utf-8"))
        for v in doc["valid"]:
            yield SchemaVector(doc["schema"], v["name"], True, v["message"], v["description"])
        for v in doc["invalid"]:
            yield SchemaVector(
                doc["schema"], v["name"], False, v["message"], v["description"], v["rule"], v["pointer"], v.get("requirement")
            )


def iter_lifecycle_vectors() -> Iterator[LifecycleVector]:
    for kind in ("legal", "illegal"):
        for path in sorted((vectors_dir() / "lifecycle" / kind).glob("*.json")):
            doc = json.loads(path.read_text(encoding="utf-8"))
            yield LifecycleVector(
                doc["name"], kind == "legal", doc["description"], doc["events"], doc.get("violations", []), path
            )


def lifecycle_rules() -> dict[str, str]:
    """Rule name -> requirement ID, as published in ``vectors/lifecycle/rules.json``."""
    doc = json.loads((vectors_dir() / "lifecycle" / "rules.json").read_text(encoding="utf-8"))
    return {r["rule"]: r["requirement"] for r in doc["rules"]}


def count() -> int:
    return (
        sum(1 for _ in iter_schema_vectors())
        + sum(1 for _ in iter_lifecycle_vectors())
        + sum(1 for _ in iter_json_text_vectors())
    )
