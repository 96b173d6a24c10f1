"""Strict JSON text parsing (axp.jsontext): I-JSON's duplicate member names (AXP-API-022) on top of
the number, surrogate and nesting rules, for the server and the validator alike."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from axp import jsontext


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('{"a": 1, "a": 2}', "a"),
        ('{"a": 1, "a": 1}', "a"),  # equal values are still two members
        ('{"a": 1, "\\u0061": 2}', "a"),  # the same name once unescaped
        ('{"x": [{"k": true, "y": null, "k": false}]}', "k"),
        ('{"outer": {"inner": {"z": 0, "z": 0}}}', "z"),
        ('{"big": 1' + "0" * 308 + ', "big": 2}', "big"),  # 309 digits: the long-integer decoder checks names too
    ],
)
def test_a_member_name_twice_in_one_object_is_refused(text: str, name: str) -> None:
    with pytest.raises(jsontext.JSONTextError, match=f'member name "{name}" appears twice'):
        jsontext.loads(text)


def test_the_same_name_in_different_objects_is_fine() -> None:
    text = '{"sku": "C", "items": [{"sku": "A"}, {"sku": "B", "meta": {"sku": "B1"}}]}'
    assert jsontext.loads(text) == json.loads(text)


def test_a_duplicate_name_that_is_not_printable_is_reported_escaped() -> None:
    with pytest.raises(jsontext.JSONTextError) as caught:
        jsontext.loads('{"\\u0007": 1, "\\u0007": 2}')
    assert "\\u0007" in caught.value.message and "\x07" not in caught.value.message


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_every_json_value_round_trips_exactly(value: Any) -> None:
    """Python dicts cannot hold a name twice, so every serialised value must parse back unchanged."""
    text = json.dumps(value, ensure_ascii=False)
    if "\\ud8" in text.lower() or "\\udc" in text.lower() or any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        return  # lone surrogates are refused on purpose (AXP-API-019)
    assert jsontext.loads(text) == value
