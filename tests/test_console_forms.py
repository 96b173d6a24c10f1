"""The console's pure parts: a human task's form_schema as fields and back to JSON, and escaped JSON HTML."""

from __future__ import annotations

import re
from typing import Any

import jsonschema_rs

from axp.console.forms import FormData, field_for_pointer, fields_for, parse
from axp.console.render import COLLAPSE_ITEMS, json_html, status_badge, timestamp

SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["cost_center", "amount"],
    "properties": {
        "cost_center": {"type": "string", "enum": ["R&D", "Sales"], "title": "Cost center"},
        "amount": {"type": "integer", "minimum": 1, "maximum": 10000, "multipleOf": 10},
        "rate": {"type": "number", "exclusiveMinimum": 0},
        "level": {"enum": [1, 2, 3]},
        "urgent": {"type": "boolean"},
        "tags": {"type": "array", "items": {"enum": ["travel", "food"]}},
        "notes": {"type": "array", "items": {"type": "string"}},
        "code": {"type": "string", "pattern": "^[A-Z]{3}$", "maxLength": 3},
        "summary": {"type": "string", "maxLength": 2000},
        "when": {"type": "string", "format": "date"},
        "address": {
            "type": "object",
            "required": ["city"],
            "properties": {"city": {"type": "string", "minLength": 1}, "zip": {"type": "string"}},
        },
        "extra": {"oneOf": [{"type": "string"}, {"type": "object"}]},
    },
}


def by_name(task: dict[str, Any]) -> dict[str, Any]:
    out = {}
    stack = list(fields_for(task))
    while stack:
        item = stack.pop()
        out[item.name] = item
        stack.extend(item.children)
    return out


def test_schema_types_become_constrained_controls() -> None:
    fields = by_name({"title": "t", "form_schema": SCHEMA})
    assert fields["data.cost_center"].kind == "select" and fields["data.cost_center"].required
    assert fields["data.cost_center"].label == "Cost center"
    assert fields["data.amount"].kind == "integer"
    assert fields["data.amount"].attrs == {"type": "number", "step": "1", "min": 1, "max": 10000}
    assert fields["data.rate"].attrs["step"] == "any" and fields["data.rate"].attrs["min"] == 0
    assert fields["data.level"].kind == "select" and fields["data.level"].option_labels() == [("0", "1"), ("1", "2"), ("2", "3")]
    assert fields["data.urgent"].kind == "checkbox" and not fields["data.urgent"].required
    assert fields["data.tags"].kind == "multi" and fields["data.notes"].kind == "lines"
    assert fields["data.code"].attrs == {"maxlength": 3, "pattern": "^[A-Z]{3}$", "type": "text"}
    assert fields["data.summary"].kind == "textarea" and fields["data.when"].attrs["type"] == "date"
    assert fields["data.address"].kind == "group" and fields["data.address.city"].required
    assert not fields["data.address.zip"].required
    # address is optional, so the browser may not insist on its city: an empty address is not sent at all
    assert fields["data.amount"].enforced and not fields["data.address.city"].enforced
    assert fields["data.extra"].kind == "json"
    assert "data.evidence" not in fields


def test_evidence_field_only_when_required_and_not_in_the_schema() -> None:
    assert by_name({"title": "t", "evidence_required": True})["data.evidence"].required
    own = {"type": "object", "properties": {"evidence": {"type": "string", "format": "uri"}}}
    fields = by_name({"title": "t", "evidence_required": True, "form_schema": own})
    assert fields["data.evidence"].attrs["type"] == "url"
    # A form schema that is not an object with properties is answered as one JSON object.
    [whole] = fields_for({"title": "t", "form_schema": {"type": "object", "minProperties": 1}})
    assert whole.kind == "json" and whole.name == "data" and whole.required


def test_submitted_fields_become_typed_json_the_schema_accepts() -> None:
    form = FormData(
        [
            ("data.cost_center", "0"),
            ("data.amount", "420"),
            ("data.rate", "2.5"),
            ("data.level", "2"),
            ("data.urgent", "on"),
            ("data.tags", "1"),
            ("data.tags", "0"),
            ("data.notes", "first\n\n second \n"),
            ("data.code", "ABC"),
            ("data.summary", ""),
            ("data.address.city", "Paris"),
            ("data.address.zip", ""),
            ("data.extra", '{"k": [1, 2]}'),
        ]
    )
    errors: dict[str, str] = {}
    data = parse(fields_for({"title": "t", "form_schema": SCHEMA}), form, errors)
    assert errors == {}
    assert data == {
        "cost_center": "R&D",
        "amount": 420,
        "rate": 2.5,
        "level": 3,
        "urgent": True,
        "tags": ["food", "travel"],  # in the order the browser sent the ticked boxes
        "notes": ["first", "second"],
        "code": "ABC",
        "address": {"city": "Paris"},
        "extra": {"k": [1, 2]},
    }
    assert jsonschema_rs.validator_for(SCHEMA).is_valid(data)


def test_bad_values_are_reported_per_field_and_empty_optional_groups_left_out() -> None:
    form = FormData([("data.amount", "12.5x"), ("data.level", "7"), ("data.extra", "{nope"), ("data.address.zip", "75001")])
    errors: dict[str, str] = {}
    data = parse(fields_for({"title": "t", "form_schema": SCHEMA}), form, errors)
    assert set(errors) == {"data.cost_center", "data.amount", "data.level", "data.extra", "data.address.city"}
    assert "not an integer" in errors["data.amount"] and "not valid JSON" in errors["data.extra"]
    assert data == {"address": {"zip": "75001"}}  # a started object is sent, its missing city reported
    optional = {"type": "object", "properties": {"box": {"type": "object", "properties": {"a": {"type": "string"}}}}}
    assert parse(fields_for({"title": "t", "form_schema": optional}), FormData([("data.box.a", "")]), {}) == {}


def test_platform_errors_find_their_fields() -> None:
    fields = fields_for({"title": "t", "form_schema": SCHEMA, "evidence_required": True})
    assert field_for_pointer(fields, "/amount") == "data.amount"
    assert field_for_pointer(fields, "/address/city") == "data.address.city"
    assert field_for_pointer(fields, "/address") == "data.address"
    assert field_for_pointer(fields, "/extra/k/0") == "data.extra"
    assert field_for_pointer(fields, "/evidence") == "data.evidence"
    assert field_for_pointer(fields, "") is None


def test_json_html_escapes_everything_and_folds() -> None:
    hostile = {'"><img src=x onerror=alert(1)>': "<script>alert(2)</script>", "n": [1, 2.5, True, None], "e": {}}
    html = str(json_html(hostile))
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert html.count("<details") == 2 and html.count(" open>") == 2
    text = re.sub(r"<[^>]+>", "", html).replace("&#34;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert text.startswith("{") and text.rstrip().endswith("}") and '"n": [1,2.5,true,null]' in text.replace("\n", "")
    long = str(json_html({"items": list(range(COLLAPSE_ITEMS + 1))}))
    assert long.count(" open>") == 1  # the top level stays open, the long nested array starts folded


def test_time_and_status_helpers_escape() -> None:
    assert str(timestamp('2026-01-01T00:00:00Z"><b>')) == (
        '<time class="ts" datetime="2026-01-01T00:00:00Z&#34;&gt;&lt;b&gt;" title="2026-01-01T00:00:00Z&#34;&gt;&lt;b&gt;">'
        "2026-01-01T00:00:00Z&#34;&gt;&lt;b&gt;</time>"
    )
    assert "—" in str(timestamp(None))
    assert "badge-waiting" in str(status_badge("WAITING", "WAITING_FOR_HUMAN"))
    assert "badge-good" in str(status_badge("COMPLETED")) and "badge-bad" in str(status_badge("TIMED_OUT"))
