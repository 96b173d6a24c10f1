"""Generated models are current, round-trip every valid vector, and reject invalid ones (known gaps listed)."""

from __future__ import annotations

import datetime
import filecmp
import importlib
import shutil
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from axp import schemas, vectors
from axp.codegen import TARGETS, generate

MODELS_DIR = Path(__file__).resolve().parent.parent / "axp" / "models"
SCHEMA_VECTORS = list(vectors.iter_schema_vectors())

# What pydantic cannot express, so these invalid vectors pass the models (the validator rejects them):
PYDANTIC_GAPS = {
    "conditional (if/then/not)": {
        "event/invalid/waiting-without-reason",
        "event/invalid/reason-on-in-progress",
        "intent/invalid/waiting-without-reason",
        "intent/invalid/reason-when-not-waiting",
        "lifecycle_state/invalid/waiting-without-reason",
        "resolve_request/invalid/completed-without-result",
        "resolve_request/invalid/failed-without-error",
        "resolve_request/invalid/canceled-without-reason",
        "resume_request/invalid/wait-without-reason",
        "resume_request/invalid/complete-without-result",
        "resume_request/invalid/fail-without-error",
        "resume_request/invalid/task-result-with-action",
        "resume_request/invalid/approve-with-action",
    },
    "uniqueItems / minProperties": {
        "capabilities_response/invalid/duplicate",
        "human_task/invalid/duplicate-outcomes",
        "controls_request/invalid/empty-patch",
    },
    "lax formats (uuid, date-time, pattern on URLs)": {
        "envelope/invalid/uuid-without-hyphens",
        "envelope/invalid/space-separated-time",
        "push_registration_request/invalid/ftp-url",
    },
}


def model_for(schema: str) -> type[BaseModel]:
    module = importlib.import_module(f"axp.models.{schema}")
    return getattr(module, schemas.get(schema)["title"])  # type: ignore[no-any-return]


def canonical(value: Any) -> Any:
    """Date-times compared as instants: pydantic re-renders them (microseconds, upper-case T/Z)."""
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return [canonical(v) for v in value]
    if isinstance(value, str) and len(value) >= 20 and value[4:5] == "-" and value[10:11] in "Tt":
        try:
            return datetime.datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        except ValueError:
            return value
    return value


def test_committed_models_match_a_fresh_generation(tmp_path: Path) -> None:
    # The builtin formatter takes its line length from the nearest pyproject.toml: give it the repo's.
    shutil.copy(MODELS_DIR.parent.parent / "pyproject.toml", tmp_path / "pyproject.toml")
    generate(tmp_path / "models")
    fresh = sorted(p.relative_to(tmp_path / "models") for p in (tmp_path / "models").rglob("*.py"))
    committed = sorted(p.relative_to(MODELS_DIR) for p in MODELS_DIR.rglob("*.py"))
    assert fresh == committed
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "models", MODELS_DIR, [str(p) for p in fresh], shallow=False)
    assert mismatch == [] and errors == [], "run: axp codegen --out axp/models"


@pytest.mark.parametrize("vector", [v for v in SCHEMA_VECTORS if v.valid], ids=lambda v: v.id)
def test_valid_vector_round_trips(vector: vectors.SchemaVector) -> None:
    model = model_for(vector.schema).model_validate(vector.message)
    dumped = model.model_dump(mode="json", by_alias=True, exclude_unset=True)
    assert canonical(dumped) == canonical(vector.message)


@pytest.mark.parametrize("vector", [v for v in SCHEMA_VECTORS if not v.valid], ids=lambda v: v.id)
def test_invalid_vector_is_rejected_unless_a_known_gap(vector: vectors.SchemaVector) -> None:
    known_gap = any(vector.id in ids for ids in PYDANTIC_GAPS.values())
    try:
        model_for(vector.schema).model_validate(vector.message)
    except ValidationError:
        assert not known_gap, f"{vector.id} is rejected now: remove it from PYDANTIC_GAPS"
    else:
        assert known_gap, f"the models accept the invalid vector {vector.id}"


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_codegen_targets_produce_importable_code(target: str, tmp_path: Path) -> None:
    files = generate(tmp_path / "out", target)
    assert any(p.name == "envelope.py" for p in files)
    source = (tmp_path / "out" / "envelope.py").read_text()
    compile(source, "envelope.py", "exec")
    marker = {"pydantic-v2": "BaseModel", "dataclasses": "@dataclass", "typeddict": "TypedDict", "msgspec": "Struct"}[target]
    assert marker in source


def test_codegen_cli_reports_bad_input_in_one_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from axp.cli import main

    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["codegen", "--out", str(tmp_path / "o"), "--schemas", str(empty)])
    assert result.exit_code == 1 and "holds no .json schemas" in result.output
    result = CliRunner().invoke(main, ["codegen", "--out", str(tmp_path / "o2"), "--target", "dataclasses"])
    assert result.exit_code == 0 and "wrote" in result.output


def test_every_model_field_carries_its_schema_description() -> None:
    """Descriptions flow from the schemas into the generated models (and so into IDE hovers)."""
    import inspect

    seen = 0
    for name in schemas.names():
        module = importlib.import_module(f"axp.models.{name}")
        for _, model in inspect.getmembers(module, inspect.isclass):
            if not issubclass(model, BaseModel) or model.__module__ != module.__name__ or "root" in model.model_fields:
                continue
            for field_name, field in model.model_fields.items():
                seen += 1
                assert field.description, f"{name}: {model.__name__}.{field_name} has no description"
    assert seen > 250
