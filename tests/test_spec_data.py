"""The spec's data files (lifecycle table, error and capability registries) are self-consistent."""

from __future__ import annotations

import json

import jsonschema_rs
import pytest

from axp import errors, schemas
from axp._resources import spec_dir
from axp.lifecycle import LIFECYCLE

DATA_FILES = {
    "lifecycle.json": "lifecycle_table",
    "errors.json": "error_registry",
    "capabilities.json": "capability_registry",
}


@pytest.mark.parametrize(("file_name", "schema_name"), sorted(DATA_FILES.items()))
def test_data_file_matches_its_schema(file_name: str, schema_name: str) -> None:
    doc = json.loads((spec_dir() / file_name).read_text(encoding="utf-8"))
    validator = jsonschema_rs.Draft202012Validator(schemas.get(schema_name), registry=schemas.registry(), validate_formats=True)
    assert [e.message for e in validator.iter_errors(doc)] == []


def test_every_transition_names_known_statuses() -> None:
    known = set(LIFECYCLE.statuses)
    assert set(LIFECYCLE.transitions) == known
    for source, targets in LIFECYCLE.transitions.items():
        assert targets <= known, source
        assert source not in targets, f"self-transition on {source}"


def test_terminal_statuses_have_no_way_out_and_every_live_status_can_time_out() -> None:
    for status in LIFECYCLE.statuses:
        targets = LIFECYCLE.transitions[status]
        if LIFECYCLE.is_terminal(status):
            assert targets == frozenset()
        else:
            assert "TIMED_OUT" in targets


def test_every_status_is_reachable_from_the_initial_status() -> None:
    seen, frontier = {LIFECYCLE.initial_status}, [LIFECYCLE.initial_status]
    while frontier:
        for target in LIFECYCLE.transitions[frontier.pop()]:
            if target not in seen:
                seen.add(target)
                frontier.append(target)
    assert seen == set(LIFECYCLE.statuses)


def test_event_types_are_unique_across_status_and_annotation_events() -> None:
    status_events = list(LIFECYCLE.status_event.values())
    assert len(status_events) == len(set(status_events))
    assert not set(status_events) & LIFECYCLE.annotation_events
    assert not set(LIFECYCLE.retired_event_types) & set(LIFECYCLE.event_types)


def test_error_codes_use_an_http_status_of_their_category() -> None:
    cats = errors.categories()
    for entry in errors.registry().values():
        assert entry.http_status in cats[entry.category], entry.code


def test_error_body_matches_the_error_response_schema() -> None:
    validator = jsonschema_rs.Draft202012Validator(
        schemas.get("error_response"), registry=schemas.registry(), validate_formats=True
    )
    for code in errors.registry():
        body = errors.error_body(code, "something went wrong", details={"pointer": "/payload"})
        assert validator.is_valid(body), code


def test_capability_names_are_unique() -> None:
    raw = json.loads((spec_dir() / "capabilities.json").read_text(encoding="utf-8"))
    names = [c["name"] for c in raw["capabilities"]]
    assert len(names) == len(set(names))
