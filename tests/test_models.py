"""Generated Python models are current, valid by default (a plain dump of any model validates),
round-trip every valid vector, and reject invalid ones (known gaps listed); every Python target
of ``axp codegen`` is importable and keeps its promises."""

from __future__ import annotations

import datetime
import importlib
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from axp import models, schemas, vectors
from axp.codegen import PYTHON_TARGETS, generate
from axp.codegen.__main__ import stale
from axp.validate import validate_message

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
    "lax formats (date-time, pattern on URLs)": {
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


def test_committed_models_match_a_fresh_generation() -> None:
    assert stale("pydantic-v2", MODELS_DIR) == [], "run: python -m axp.codegen --write"


@pytest.mark.parametrize("vector", [v for v in SCHEMA_VECTORS if v.valid], ids=lambda v: v.id)
def test_valid_vector_round_trips_through_a_plain_dump(vector: vectors.SchemaVector) -> None:
    model = model_for(vector.schema).model_validate(vector.message)
    assert canonical(model.model_dump(mode="json", exclude_unset=True)) == canonical(vector.message)
    assert validate_message(json.loads(model.model_dump_json()), vector.schema) == []
    assert validate_message(model.model_dump(mode="json"), vector.schema) == []


def test_a_model_built_in_code_dumps_valid_axp_without_options() -> None:
    envelope = models.IntentEnvelope(
        version="v1",
        intent_type="order.fulfill.v1",
        intent_id="3f1c2b9e-8d4a-4c71-9e0b-5a6d7c8e9f10",
        correlation_id="c0ffee00-1234-4abc-8def-0123456789ab",
        created_at=datetime.datetime(2026, 11, 24, 10, tzinfo=datetime.UTC),
        from_agent="agent://acme/prod/storefront",
        to_agent="agent://acme/prod/fulfiller",
        payload={"order_id": "ORD-123"},
    )
    dumped = json.loads(envelope.model_dump_json())
    assert "idempotency_key" not in dumped and "metadata" not in dumped
    assert validate_message(dumped, "envelope") == []
    with pytest.raises(ValidationError):  # an absent optional field is absent, never null
        models.IntentEnvelope.model_validate({**dumped, "idempotency_key": None})
    assert isinstance(envelope.intent_id, str)  # a plain annotated str, no RootModel wrapper


@pytest.mark.parametrize(
    "uuid",
    [
        "{3f1c2b9e-8d4a-4c71-9e0b-5a6d7c8e9f10}",
        "3f1c2b9e8d4a4c719e0b5a6d7c8e9f10",
        "urn:uuid:3f1c2b9e-8d4a-4c71-9e0b-5a6d7c8e9f10",
    ],
)
def test_only_the_canonical_uuid_form_is_accepted(uuid: str) -> None:
    event = {"intent_id": uuid, "seq": 1, "event_type": "intent.created", "status": "CREATED", "at": "2026-11-24T10:00:00Z"}
    with pytest.raises(ValidationError):
        models.IntentEvent.model_validate(event)


def test_the_package_re_exports_every_message_model() -> None:
    for name in schemas.names():
        if "properties" in schemas.get(name):
            assert getattr(models, schemas.get(name)["title"]) is model_for(name)


@pytest.mark.parametrize("vector", [v for v in SCHEMA_VECTORS if not v.valid], ids=lambda v: v.id)
def test_invalid_vector_is_rejected_unless_a_known_gap(vector: vectors.SchemaVector) -> None:
    known_gap = any(vector.id in ids for ids in PYDANTIC_GAPS.values())
    try:
        model_for(vector.schema).model_validate(vector.message)
    except ValidationError:
        assert not known_gap, f"{vector.id} is rejected now: remove it from PYDANTIC_GAPS"
    else:
        assert known_gap, f"the models accept the invalid vector {vector.id}"


def generated_package(tmp_path: Path, target: str) -> Any:
    """Generate ``target`` into a fresh importable package and import it."""
    name = "gen_" + target.replace("-", "_")
    generate(tmp_path / name, target)
    sys.path.insert(0, str(tmp_path))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(tmp_path))


@pytest.mark.parametrize("target", PYTHON_TARGETS)
def test_each_python_target_states_its_runtime_dependency_and_re_exports(target: str, tmp_path: Path) -> None:
    files = generate(tmp_path / "out", target)
    readme = (tmp_path / "out" / "README.md").read_text()
    assert "Runtime dependency: " in readme
    init = (tmp_path / "out" / "__init__.py").read_text()
    for name in ("IntentEnvelope", "IntentEvent", "CreateIntentRequest"):
        assert f"import {name}" in init or f"    {name},\n" in init
    for path in files:
        if path.suffix == ".py":
            compile(path.read_text(), str(path), "exec")
    # The payload is any JSON object: a dict, not an empty class that would drop its members.
    assert re.search(r"^    payload: (Annotated\[\s*)?dict\b", (tmp_path / "out" / "envelope.py").read_text(), re.M)


def test_dataclass_to_dict_omits_unset_fields_and_validates(tmp_path: Path) -> None:
    pkg = generated_package(tmp_path, "dataclasses")
    task = pkg.HumanTask(title="Approve the refund", task_type="approval")
    envelope = pkg.IntentEnvelope(
        version="v1",
        intent_type="refund.approve.v1",
        intent_id="3f1c2b9e-8d4a-4c71-9e0b-5a6d7c8e9f10",
        correlation_id="c0ffee00-1234-4abc-8def-0123456789ab",
        created_at="2026-11-24T10:00:00Z",
        from_agent="agent://acme/prod/storefront",
        to_agent="agent://acme/prod/fulfiller",
        payload={"refund_id": "R-1"},
        human_task=task,
    )
    data = json.loads(json.dumps(envelope.to_dict()))
    assert "idempotency_key" not in data and "description" not in data["human_task"]
    assert data["human_task"]["task_type"] == "approval" and None not in data["human_task"].values()
    assert validate_message(data, "envelope") == []


def test_typeddict_required_keys_match_the_schemas(tmp_path: Path) -> None:
    pkg = generated_package(tmp_path, "typeddict")
    checked = 0
    for name in schemas.names():
        schema = schemas.get(name)
        if "properties" not in schema:
            continue
        typed = getattr(pkg, schema["title"])
        assert typed.__required_keys__ == frozenset(schema.get("required", [])), name
        assert typed.__optional_keys__ == frozenset(schema["properties"]) - frozenset(schema.get("required", [])), name
        checked += 1
    assert checked > 20


def test_msgspec_structs_round_trip_every_valid_vector_and_refuse_bad_types(tmp_path: Path) -> None:
    """The msgspec target is used through ``msgspec.json.decode(type=...)`` and ``encode``: what
    comes out for a valid message must still be valid AXP (UNSET members left out, nulls kept)."""
    import msgspec

    pkg = generated_package(tmp_path, "msgspec")
    round_tripped = refused = 0
    for vector in SCHEMA_VECTORS:
        struct = getattr(pkg, schemas.get(vector.schema)["title"])
        try:
            decoded = msgspec.json.decode(json.dumps(vector.message).encode(), type=struct)
        except msgspec.ValidationError as exc:
            assert not vector.valid, f"msgspec refuses the valid vector {vector.id}: {exc}"
            refused += 1
            continue
        if vector.valid:
            again = json.loads(msgspec.json.encode(decoded))
            assert validate_message(again, vector.schema) == [], vector.id
            round_tripped += 1
    assert round_tripped == sum(v.valid for v in SCHEMA_VECTORS)
    assert refused > 10  # wrong types and missing required members are caught by the structs


def test_codegen_cli_reports_bad_input_in_one_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from axp.cli import main

    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["codegen", "--out", str(tmp_path / "o"), "--schemas", str(empty)])
    assert result.exit_code == 2 and "holds no .json schemas" in result.output
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
