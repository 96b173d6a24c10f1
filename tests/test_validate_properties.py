"""Property tests: messages generated from the schemas validate; the same messages mutated do not."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from axp.bundle import bundle_schema
from axp.validate import validator_for

NAMES = ["envelope", "event", "create_intent_request", "human_task", "error_response", "delivery"]
FORMATS = {"uuid": st.uuids().map(str)}


def strategy(name: str) -> st.SearchStrategy[Any]:
    flat = bundle_schema(name)
    flat.pop("$id", None)
    return from_schema(flat, custom_formats=FORMATS)


@pytest.mark.parametrize("name", NAMES)
def test_generated_messages_validate_and_mutations_fail(name: str) -> None:
    validator = validator_for(name)
    schema_required = list(bundle_schema(name).get("required", []))

    @settings(max_examples=25, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(message=strategy(name), data=st.data())
    def check(message: dict[str, Any], data: st.DataObject) -> None:
        assert validator.errors(message) == []
        field = data.draw(st.sampled_from(schema_required))
        missing = {k: v for k, v in message.items() if k != field}
        assert not validator.is_valid(missing)
        wrong_type = {**message, field: [None, {"not": "valid"}]}
        assert not validator.is_valid(wrong_type)

    check()


@pytest.mark.parametrize("value", [{"payload": {"x": "\ud800"}}, {1: 2}], ids=["lone surrogate", "int key"])
def test_a_python_value_that_is_not_json_is_one_issue_not_an_exception(value: object) -> None:
    issues = validator_for("create_intent_request").errors(value)
    assert [(i.pointer, i.rule) for i in issues] == [("", "json")]
    assert issues[0].message.startswith("not a JSON value")
