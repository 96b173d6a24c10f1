"""Validate single AXP messages against the bundled JSON Schemas.

jsonschema-rs does the work: it asserts formats (``validate_formats=True``; in 2020-12 they are
annotations by default, so a bad uuid would otherwise pass) and a compiled validator is cached
per schema, because compiling per message would cost more than validating.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

import jsonschema_rs

from axp import schemas
from axp.validate.issues import ValidationIssue, json_pointer
from axp.validate.requirements_map import requirement_for

_QUOTED = re.compile(r'^"((?:[^"\\]|\\.)*)"')


class MessageValidator:
    """A compiled validator for one schema: ``is_valid`` for hot paths, ``iter_errors`` for reports."""

    def __init__(self, schema_name: str) -> None:
        self.schema_name = schemas.get(schema_name)["$id"].rsplit("/", 1)[-1].removesuffix(".json")
        self._engine = jsonschema_rs.Draft202012Validator(
            schemas.get(schema_name), registry=schemas.registry(), validate_formats=True
        )
        self.is_valid = self._engine.is_valid

    def iter_errors(self, message: Any) -> Iterator[ValidationIssue]:
        try:
            found = list(self._engine.iter_errors(message))
        except (ValueError, TypeError, UnicodeError) as exc:
            # Not a JSON value at all (a lone surrogate, a non-string key, an object of no JSON
            # type): one issue rather than an exception, so reports can carry it like any other.
            yield ValidationIssue(pointer="", message=f"not a JSON value: {exc}", rule="json")
            return
        for err in found:
            path = list(err.instance_path)
            keyword = str(list(err.schema_path)[-1]) if list(err.schema_path) else "schema"
            field: str | None = None
            if keyword in ("required", "additionalProperties", "dependentRequired"):
                match = _QUOTED.match(err.message)
                field = match.group(1) if match else None
            if field is None:
                field = next((str(p) for p in reversed(path) if isinstance(p, str)), None)
            yield ValidationIssue(
                pointer=json_pointer(path),
                message=err.message,
                rule=keyword,
                requirement=requirement_for(field, keyword),
            )

    def errors(self, message: Any) -> list[ValidationIssue]:
        return list(self.iter_errors(message))


@cache
def validator_for(schema_name: str) -> MessageValidator:
    """The cached compiled validator for a schema short name (``"envelope"``, ``"event"``, ...)."""
    return MessageValidator(schema_name)


# Shape rules for guessing which schema a message is meant to match, most specific first.
_SHAPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("error_response", ("ok", "error")),
    ("delivery", ("delivery_id", "envelope")),
    ("envelope", ("version", "intent_id", "from_agent")),
    ("agent_delivery", ("intent", "event_type", "seq")),
    ("event", ("event_type", "seq")),
    ("list_events_response", ("events",)),
    ("list_intents_response", ("intents",)),
    ("agent_poll_response", ("deliveries",)),
    ("intent_update_response", ("applied", "event")),
    ("controls_response", ("policy_generation", "applied")),
    ("get_intent_response", ("ok", "intent")),
    ("capabilities_response", ("capabilities",)),
    ("create_intent_response", ("ok", "intent_id", "created_at")),
    ("intent", ("intent_id", "status", "created_at", "payload")),
    ("create_intent_request", ("intent_type", "to_agent", "payload")),
    ("resolve_request", ("status",)),
    ("controls_request", ("controls_patch",)),
    ("task_result", ("outcome",)),
    ("human_task", ("title",)),
    ("stream_timeout", ("next_seq",)),
)


def detect_schema(message: Any) -> str | None:
    """Guess the schema of a message from ``$schema``, ``kind`` or its shape; None if no guess."""
    if not isinstance(message, Mapping):
        return None
    for key in ("$schema", "kind"):
        hint = message.get(key)
        if isinstance(hint, str):
            try:
                return validator_for(hint).schema_name
            except KeyError:
                pass
    for name, keys in _SHAPES:
        if all(k in message for k in keys):
            return name
    return None


def validate_message(message: Any, schema: str | None = None) -> list[ValidationIssue]:
    """All problems of one message; the schema is detected when not named."""
    name = schema or detect_schema(message)
    if name is None:
        return [
            ValidationIssue(
                pointer="",
                message="cannot tell which AXP schema this message is for; name one with --schema",
                rule="schema-detection",
            )
        ]
    target = message
    if isinstance(message, Mapping) and ("$schema" in message or "kind" in message) and schema is None:
        target = {k: v for k, v in message.items() if k not in ("$schema", "kind")}
    return validator_for(name).errors(target)
