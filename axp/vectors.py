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
    return sum(1 for _ in iter_schema_vectors()) + sum(1 for _ in iter_lifecycle_vectors())
