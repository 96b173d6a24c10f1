"""Every schema is sound, and every vector behaves as it says, in both validator engines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from jsonschema import Draft202012Validator
from referencing.exceptions import Unresolvable

from axp import schemas, vectors
from axp.lifecycle import LIFECYCLE
from axp.requirements import load_index
from axp.validate import RULES, validator_for

SCHEMA_VECTORS = list(vectors.iter_schema_vectors())
LIFECYCLE_VECTORS = list(vectors.iter_lifecycle_vectors())
REQUIREMENT = r"^AXP-[A-Z]+-\d{3}$"


def _python_validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(
        schemas.get(name), registry=schemas.referencing_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def _walk(errors: Any) -> Iterator[jsonschema.ValidationError]:
    for err in errors:
        yield err
        yield from _walk(err.context)


def _pointer(path: Any) -> str:
    return "".join(f"/{p}" for p in path)


@pytest.mark.parametrize("name", schemas.names())
def test_schema_is_valid_against_the_2020_12_metaschema(name: str) -> None:
    Draft202012Validator.check_schema(schemas.get(name))
    assert schemas.get(name)["$id"] == f"{schemas.BASE_URI}{name}.json"


@pytest.mark.parametrize("name", schemas.names())
def test_every_ref_resolves_offline(name: str) -> None:
    resolver = schemas.referencing_registry().resolver(base_uri=schemas.schema_id(name))
    refs = list(schemas.iter_refs(schemas.get(name)))
    for ref in refs:
        try:
            resolver.lookup(ref)
        except Unresolvable as exc:  # pragma: no cover - the assertion message is the point
            pytest.fail(f"{name}: $ref {ref!r} does not resolve: {exc}")


def test_there_are_at_least_150_vectors() -> None:
    assert vectors.count() >= 150


def test_every_message_schema_has_vectors() -> None:
    covered = {v.schema for v in SCHEMA_VECTORS}
    not_messages = {
        "common",
        "lifecycle_table",
        "error_registry",
        "capability_registry",
        "vector_file",
        "json_text_vectors",
        "conformance_report",
    }
    assert set(schemas.names()) - not_messages - covered == set()


@pytest.mark.parametrize("path", vectors.schema_vector_files(), ids=lambda p: p.stem)
def test_vector_file_matches_vector_file_schema(path: Any) -> None:
    assert validator_for("vector_file").errors(json.loads(path.read_text(encoding="utf-8"))) == []


def test_json_text_vectors_match_their_schema_the_spec_and_the_parser() -> None:
    from axp import jsontext

    doc = vectors.json_text_document()
    assert validator_for("json_text_vectors").errors(doc) == []
    assert (doc["max_accepted_depth"], doc["refused_beyond_depth"]) == (jsontext.MIN_DEPTH_LIMIT, jsontext.MAX_DEPTH_LIMIT)
    prose = load_index()["AXP-API-019"].text
    assert f"at least {jsontext.MIN_DEPTH_LIMIT} and at most {jsontext.MAX_DEPTH_LIMIT} levels" in prose
    texts = list(vectors.iter_json_text_vectors())
    assert {v.valid for v in texts} == {True, False}
    assert [v.id for v in texts if v.holds() is not v.valid] == []


@pytest.mark.parametrize("vector", [v for v in SCHEMA_VECTORS if v.valid], ids=lambda v: v.id)
def test_valid_vector_passes_both_engines(vector: vectors.SchemaVector) -> None:
    assert [e.message for e in _python_validator(vector.schema).iter_errors(vector.message)] == []
    assert validator_for(vector.schema).errors(vector.message) == []


@pytest.mark.parametrize("vector", [v for v in SCHEMA_VECTORS if not v.valid], ids=lambda v: v.id)
def test_invalid_vector_fails_both_engines_for_the_stated_reason(vector: vectors.SchemaVector) -> None:
    py_errors = list(_walk(_python_validator(vector.schema).iter_errors(vector.message)))
    assert any(e.validator == vector.rule and _pointer(e.absolute_path) == vector.pointer for e in py_errors), (
        f"jsonschema did not report {vector.rule} at {vector.pointer!r}: "
        f"{[(e.validator, _pointer(e.absolute_path)) for e in py_errors]}"
    )
    rs_errors = validator_for(vector.schema).errors(vector.message)
    # jsonschema-rs reports a failing anyOf branch at the anyOf itself (no context), so the stated
    # keyword may surface as the combinator one level up; the location must still match.
    assert any(
        (e.rule == vector.rule and e.pointer == vector.pointer)
        or (e.rule in ("anyOf", "oneOf") and vector.pointer.startswith(e.pointer))
        for e in rs_errors
    ), f"jsonschema-rs: {[(e.rule, e.pointer) for e in rs_errors]}"


@pytest.mark.parametrize("vector", SCHEMA_VECTORS, ids=lambda v: v.id)
def test_engines_agree_on_validity(vector: vectors.SchemaVector) -> None:
    assert _python_validator(vector.schema).is_valid(vector.message) is vector.valid
    assert validator_for(vector.schema).is_valid(vector.message) is vector.valid


def test_requirement_ids_in_vectors_are_well_formed() -> None:
    import re

    named = [v.requirement for v in SCHEMA_VECTORS if v.requirement]
    named += [x["requirement"] for v in LIFECYCLE_VECTORS for x in v.violations]
    assert named and all(re.match(REQUIREMENT, r) for r in named)


def test_lifecycle_rules_file_matches_the_stream_checker() -> None:
    assert vectors.lifecycle_rules() == RULES


@pytest.mark.parametrize("vector", [v for v in LIFECYCLE_VECTORS if not v.legal], ids=lambda v: v.id)
def test_illegal_lifecycle_vector_names_known_rules(vector: vectors.LifecycleVector) -> None:
    rules = vectors.lifecycle_rules()
    assert vector.violations
    for violation in vector.violations:
        assert rules[violation["rule"]] == violation["requirement"]
        assert 0 <= violation["index"] < len(vector.events)


def test_status_enum_matches_the_lifecycle_table() -> None:
    defs = schemas.get("common")["$defs"]
    assert defs["Status"]["enum"] == list(LIFECYCLE.statuses)
    assert defs["WaitingReason"]["enum"] == list(LIFECYCLE.waiting_reasons)
    assert set(defs["EventType"]["enum"]) == set(LIFECYCLE.event_types)
    assert set(defs["TerminalResolveStatus"]["enum"]) == LIFECYCLE.terminal - {"TIMED_OUT"}
    assert not set(LIFECYCLE.retired_event_types) & set(defs["EventType"]["enum"])


UUID_PATTERN = schemas.get("common")["$defs"]["Uuid"]["pattern"]


@pytest.mark.parametrize("vector", SCHEMA_VECTORS, ids=lambda v: v.id)
def test_fastjsonschema_agrees_on_the_draft7_bundle(vector: vectors.SchemaVector) -> None:
    """The third engine measured in bench/validate.py; it only knows draft-07, hence the draft-07 bundle."""
    import fastjsonschema

    from axp.bundle import bundle_schema_draft7

    check = _fast_validator(vector.schema, bundle_schema_draft7)
    try:
        check(vector.message)
        accepted = True
    except fastjsonschema.JsonSchemaException:
        accepted = False
    assert accepted is vector.valid


_FAST: dict[str, Any] = {}


def _fast_validator(name: str, make: Any) -> Any:
    import fastjsonschema

    if name not in _FAST:
        _FAST[name] = fastjsonschema.compile(make(name), formats={"uuid": UUID_PATTERN})
    return _FAST[name]
