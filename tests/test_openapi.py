"""The OpenAPI document is valid, references only real schemas, and its bundle is current and usable."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from axp import bundle, schemas
from axp._resources import spec_dir

OPENAPI_PATH = spec_dir() / "openapi.yaml"
DOC = bundle.load_openapi()
EXPECTED_OPERATIONS = {
    "getHealth",
    "getCapabilities",
    "createIntent",
    "listIntents",
    "getIntent",
    "listIntentEvents",
    "streamIntentEvents",
    "resolveIntent",
    "resumeIntent",
    "cancelIntent",
    "ackIntent",
    "updateIntentControls",
    "streamAgentIntents",
    "pollAgentIntents",
    "registerAgentPush",
}


def _operations(doc: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in doc["paths"].items():
        for method, op in item.items():
            yield path, method, op


def _resolve_local(doc: dict[str, Any], pointer: str) -> Any:
    node: Any = doc
    for part in pointer.lstrip("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def test_openapi_document_validates_with_file_relative_refs() -> None:
    validate(DOC, base_uri=OPENAPI_PATH.resolve().as_uri())


def test_bundle_validates_and_is_current() -> None:
    committed = json.loads(bundle.bundle_path().read_text(encoding="utf-8"))
    assert committed == bundle.bundle_openapi(), "run python -m axp.bundle --write"
    validate(committed)
    assert not any(r for r in schemas.iter_refs(committed) if not r.startswith("#/"))


def test_every_ref_points_at_an_existing_file_and_pointer() -> None:
    for ref in schemas.iter_refs(DOC):
        if ref.startswith("#/"):
            _resolve_local(DOC, ref)
            continue
        file_part, _, fragment = ref.partition("#")
        target = (OPENAPI_PATH.parent / file_part).resolve()
        assert target.is_file(), ref
        if fragment:
            _resolve_local(json.loads(target.read_text(encoding="utf-8")), fragment)


def test_operation_ids_are_exactly_the_designed_set() -> None:
    ids = [op["operationId"] for _, _, op in _operations(DOC)]
    assert len(ids) == len(set(ids))
    assert set(ids) == EXPECTED_OPERATIONS


@pytest.mark.parametrize(("path", "method", "op"), list(_operations(DOC)), ids=lambda x: str(x)[:40])
def test_every_operation_documents_errors_with_the_error_model(path: str, method: str, op: dict[str, Any]) -> None:
    error_codes = [code for code in op["responses"] if code.startswith(("4", "5"))]
    assert error_codes, f"{method} {path} documents no error"
    for code in error_codes:
        response = op["responses"][code]
        if "$ref" in response:
            response = _resolve_local(DOC, response["$ref"])
        assert response["content"]["application/json"]["schema"]["$ref"].endswith("error_response.json")
    assert "Requirements: AXP-" in op["description"]


def _example_sites(doc: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], Any]]:
    for path, method, op in _operations(doc):
        media = []
        if "requestBody" in op:
            media.append(("request", op["requestBody"]["content"]["application/json"]))
        for code, resp in op["responses"].items():
            for kind, content in resp.get("content", {}).items():
                if kind == "application/json":
                    media.append((code, content))
        for where, content in media:
            for name, example in content.get("examples", {}).items():
                yield f"{method} {path} {where} {name}", content["schema"], example["value"]


@pytest.mark.parametrize(("site", "schema_ref", "value"), list(_example_sites(DOC)), ids=lambda x: str(x)[:60])
def test_every_example_validates_against_its_schema(site: str, schema_ref: dict[str, Any], value: Any) -> None:
    name = Path(schema_ref["$ref"]).stem
    validator = Draft202012Validator(
        schemas.get(name), registry=schemas.referencing_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    assert [e.message for e in validator.iter_errors(value)] == [], site


def test_sse_operations_declare_event_stream_with_content_schema() -> None:
    for opid in ("streamIntentEvents", "streamAgentIntents"):
        op = next(o for _, _, o in _operations(DOC) if o["operationId"] == opid)
        stream = op["responses"]["200"]["content"]["text/event-stream"]["schema"]
        branches = stream["allOf"][0]
        assert branches["then"]["properties"]["data"]["contentSchema"]["$ref"].endswith("stream_timeout.json")
        assert branches["else"]["properties"]["data"]["contentMediaType"] == "application/json"


def test_schemathesis_loads_the_bundle_and_follows_the_links() -> None:
    loaded = schemathesis.openapi.from_path(str(bundle.bundle_path()))
    operations = [result.ok() for result in loaded.get_all_operations()]
    assert len(operations) == len(EXPECTED_OPERATIONS)
    links = DOC["paths"]["/v1/intents"]["post"]["responses"]["200"]["links"]
    assert len(links) >= 8
    assert {link["operationId"] for link in links.values()} <= EXPECTED_OPERATIONS
    assert loaded.as_state_machine() is not None


def test_security_schemes_cover_both_credentials() -> None:
    schemes = DOC["components"]["securitySchemes"]
    assert schemes["ApiKey"] == {**schemes["ApiKey"], "type": "apiKey", "in": "header", "name": "x-api-key"}
    assert schemes["Bearer"]["scheme"] == "bearer"
    public = {op["operationId"] for _, _, op in _operations(DOC) if op.get("security") == []}
    assert public == {"getHealth", "getCapabilities"}


def test_bundle_schema_inlines_every_reference() -> None:
    for name in schemas.names():
        flat = bundle.bundle_schema(name)
        assert all(ref.startswith("#/$defs/") for ref in schemas.iter_refs(flat)), name
        Draft202012Validator.check_schema(flat)


def test_dereferenced_openapi_has_no_ref_and_still_validates() -> None:
    flat = bundle.dereference(bundle.bundle_openapi())
    assert "$ref" not in json.dumps(flat)
    validate(flat)
    create = flat["paths"]["/v1/intents"]["post"]
    assert create["requestBody"]["content"]["application/json"]["schema"]["title"] == "CreateIntentRequest"
    assert create["responses"]["400"]["content"]["application/json"]["schema"]["title"] == "ErrorResponse"


@pytest.mark.parametrize("name", schemas.names())
def test_dereferenced_schema_judges_every_vector_like_the_original(name: str) -> None:
    import jsonschema_rs

    from axp import vectors
    from axp.validate import validator_for

    flat = bundle.dereference(bundle.bundle_schema(name))
    assert "$ref" not in json.dumps(flat)
    engine = jsonschema_rs.Draft202012Validator(flat, validate_formats=True)
    for vector in (v for v in vectors.iter_schema_vectors() if v.schema == name):
        assert engine.is_valid(vector.message) is validator_for(name).is_valid(vector.message) is vector.valid, vector.id


def test_every_operation_names_its_capability_and_optional_ones_list_404_and_405() -> None:
    """D2: an operation of an unclaimed optional capability answers like a route the server does not
    serve, so its OpenAPI entry lists 404 and 405; the suite derives which operations to fuzz from
    ``x-axp-capability``."""
    from axp.capabilities import core_names, operations, vocabulary

    names = {c.name for c in vocabulary()}
    ops = operations()
    assert {op.operation_id for op in ops if op.capability is None} == {"getHealth", "getCapabilities"}
    assert all(op.capability in names for op in ops if op.capability)
    with_endpoints = {op.capability for op in ops}
    assert set(core_names()) <= with_endpoints
    for path, method, op in _operations(DOC):
        if op.get("x-axp-capability") and op["x-axp-capability"] not in core_names():
            assert {"404", "405"} <= set(op["responses"]), f"{method.upper()} {path}"
