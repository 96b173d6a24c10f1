"""Validate single AXP messages against the bundled JSON Schemas.

jsonschema-rs does the work: it asserts formats (``validate_formats=True``; in 2020-12 they are
annotations by default, so a bad uuid would otherwise pass) and a compiled validator is cached
per schema, because compiling per message would cost more than validating.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

import jsonschema_rs

from axp import schemas
from axp.validate.issues import ValidationIssue, json_pointer
from axp.validate.requirements_map import PRESENCE_KEYWORDS, cited_requirement, requirement_for, schema_requirement

_QUOTED = re.compile(r'^"((?:[^"\\]|\\.)*)"')


class MessageValidator:
    """A compiled validator for one schema: ``is_valid`` for hot paths, ``iter_errors`` for reports,
    ``all_valid`` for many messages at once (one call into the engine instead of one per message)."""

    def __init__(self, schema_name: str) -> None:
        self.schema_name = schemas.get(schema_name)["$id"].rsplit("/", 1)[-1].removesuffix(".json")
        self._engine = jsonschema_rs.Draft202012Validator(
            schemas.get(schema_name), registry=schemas.registry(), validate_formats=True
        )
        self.is_valid = self._engine.is_valid
        self._many: Any = None

    def all_valid(self, messages: list[Any]) -> bool:
        """Whether every message is valid; when not, ask ``is_valid``/``iter_errors`` which."""
        if self._many is None:
            self._many = jsonschema_rs.Draft202012Validator(
                {"type": "array", "items": {"$ref": schemas.schema_id(self.schema_name)}},
                registry=schemas.registry(),
                validate_formats=True,
            )
        try:
            return bool(self._many.is_valid(messages))
        except (ValueError, TypeError, UnicodeError):  # a value of no JSON type: the caller looks closer
            return False

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
            owner, location = _split_location(str(err.absolute_keyword_location))
            keyword = location[-1] if location else "schema"
            pointer = json_pointer(path)
            field: str | None = None
            if keyword in ("required", "additionalProperties", "dependentRequired"):
                match = _QUOTED.match(err.message)
                field = match.group(1) if match else None
            if field is None:
                field = next((str(p) for p in reversed(path) if isinstance(p, str)), None)
            subschema = _subschema(owner, location[:-1])
            yield ValidationIssue(
                pointer=pointer,
                message=_message(err.message, keyword, err.instance, location, subschema),
                rule=keyword,
                requirement=requirement_for(field, keyword)
                or (cited_requirement(subschema.get("description")) if keyword not in PRESENCE_KEYWORDS else None)
                or schema_requirement(owner, keyword, field)
                or schema_requirement(self.schema_name, keyword, field),
            )

    def errors(self, message: Any) -> list[ValidationIssue]:
        return list(self.iter_errors(message))


def _split_location(uri: str) -> tuple[str, list[str]]:
    """(schema short name, keyword location tokens) of an absolute keyword location such as
    ``https://axp.dev/schemas/v1/common.json#/$defs/Uuid/pattern``."""
    document, _, fragment = uri.partition("#")
    name = document.rsplit("/", 1)[-1].removesuffix(".json")
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in fragment.split("/")[1:]] if fragment else []
    return name, tokens


def _subschema(schema: str, tokens: list[str]) -> dict[str, Any]:
    """The schema object at ``tokens`` inside one bundled schema ({} when there is none)."""
    try:
        node: Any = schemas.get(schema)
        for token in tokens:
            node = node[int(token)] if isinstance(node, list) else node[token]
    except (KeyError, IndexError, ValueError):
        return {}
    return node if isinstance(node, dict) else {}


_CITATION = re.compile(r"\s*\((?:[^()]*\b)?AXP-[A-Z]+-\d{3}\)\.?$")


def _message(original: str, keyword: str, instance: Any, location: list[str], subschema: dict[str, Any]) -> str:
    """The engine's message, except that a pattern is explained by its schema's description
    ("agent://org/workspace/name") instead of printed as a 100-character regular expression."""
    if keyword != "pattern":
        return original
    value = json.dumps(instance, ensure_ascii=False)
    if len(value) > 80:
        value = value[:77] + '…"'
    name = location[-2] if len(location) >= 2 else "value"
    description = _CITATION.sub("", str(subschema.get("description", ""))).strip().rstrip(".")
    if description:
        return f"{value} is not a valid {name}: {description[0].lower() + description[1:]}"
    pattern = str(subschema.get("pattern", ""))
    shown = pattern if len(pattern) <= 40 else pattern[:39] + "…"
    return f"{value} does not match the {name} pattern {json.dumps(shown, ensure_ascii=False)}"


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


def hinted_schema(message: Any) -> str | None:
    """The schema a message names itself with ``$schema`` (an AXP schema ``$id``) or ``kind``."""
    if not isinstance(message, Mapping):
        return None
    for key in ("$schema", "kind"):
        hint = message.get(key)
        if isinstance(hint, str):
            try:
                return validator_for(hint).schema_name
            except KeyError:
                pass
    return None


def detect_schema(message: Any) -> str | None:
    """Guess the schema of a message from ``$schema``, ``kind`` or its shape; None if no guess."""
    if not isinstance(message, Mapping):
        return None
    hinted = hinted_schema(message)
    if hinted is not None:
        return hinted
    for name, keys in _SHAPES:
        if all(k in message for k in keys):
            return name
    return None


def validate_message(message: Any, schema: str | None = None) -> list[ValidationIssue]:
    """All problems of one message; the schema is detected when not named. A ``$schema``/``kind``
    that names the schema validated against is a label, not a field, so it is left out."""
    name = schema or detect_schema(message)
    if name is None:
        return [
            ValidationIssue(
                pointer="",
                message="cannot tell which AXP schema this message is for; name one with --schema",
                rule="schema-detection",
            )
        ]
    validator = validator_for(name)
    target = message
    if isinstance(message, Mapping) and hinted_schema(message) == validator.schema_name:
        target = {k: v for k, v in message.items() if k not in ("$schema", "kind")}
    return validator.errors(target)
