"""A human task's ``form_schema`` as HTML form fields, and the submitted fields back as JSON.

The browser checks what HTML constraints can say (required, min/max, lengths, patterns, enums)
before anything is sent; the platform then validates the whole ``task_result`` against the schema
(AXP-HT-005) and its errors are shown next to the fields their JSON pointers name. Schema parts a
form cannot express (``oneOf``, untyped values, ...) become a JSON text area, checked as JSON in the
browser and against the schema by the platform.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

MAX_FORM_BYTES = 1024 * 1024
INPUT_TYPES = {"date": "date", "email": "email", "uri": "url", "time": "time"}
LONG_TEXT = 200  # strings allowed to be longer than this get a text area


class FormData:
    """An ``application/x-www-form-urlencoded`` body: every value of every name, in order."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self._values: dict[str, list[str]] = {}
        for name, value in pairs:
            self._values.setdefault(name, []).append(value)

    @classmethod
    def parse(cls, body: bytes) -> FormData:
        return cls(parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True))

    def get(self, name: str, default: str = "") -> str:
        values = self._values.get(name)
        return values[0] if values else default

    def getlist(self, name: str) -> list[str]:
        return list(self._values.get(name, []))

    def __contains__(self, name: object) -> bool:
        return name in self._values

    def as_values(self) -> dict[str, list[str]]:
        """What the user typed, to put back into a form shown again with errors."""
        return {k: list(v) for k, v in self._values.items()}


@dataclass
class Field:
    name: str  # the form control's name: "data.<path>" (one field per leaf of the schema)
    path: tuple[str, ...]  # where the value goes inside task_result.data
    kind: str  # text, textarea, integer, number, checkbox, select, multi, lines, json, group
    label: str
    help: str = ""
    required: bool = False
    enforced: bool = False  # required here and in every enclosing object, so the browser may insist
    attrs: dict[str, Any] = field(default_factory=dict)  # HTML constraint attributes
    options: list[Any] = field(default_factory=list)  # enum values for select / multi
    default: Any = None
    children: list[Field] = field(default_factory=list)

    @property
    def control_id(self) -> str:
        return "f-" + "-".join(self.path or ("data",))

    def option_labels(self) -> list[tuple[str, str]]:
        """(value sent by the browser, text shown) per enum value; the value is its index, so any JSON enum works."""
        return [(str(i), v if isinstance(v, str) else json.dumps(v)) for i, v in enumerate(self.options)]

    def initial(self) -> list[str]:
        """The form values that show this field's schema default."""
        if self.default is None:
            return []
        if self.kind in ("select", "multi"):
            chosen = self.default if self.kind == "multi" and isinstance(self.default, list) else [self.default]
            return [str(i) for i, v in enumerate(self.options) if v in chosen]
        if self.kind == "checkbox":
            return ["on"] if self.default is True else []
        if self.kind == "json":
            return [json.dumps(self.default, indent=2)]
        if self.kind == "lines" and isinstance(self.default, list):
            return ["\n".join(str(v) for v in self.default)]
        return [str(self.default)]


def _label(name: str, schema: dict[str, Any]) -> str:
    title = schema.get("title")
    return str(title) if isinstance(title, str) and title else name.replace("_", " ").capitalize()


def _kind(schema: dict[str, Any]) -> str:
    kind = schema.get("type")
    if "enum" in schema and isinstance(schema["enum"], list) and schema["enum"]:
        return "select"
    if kind == "string":
        return "textarea" if int(schema.get("maxLength", 0) or 0) > LONG_TEXT else "text"
    if kind in ("integer", "number"):
        return str(kind)
    if kind == "boolean":
        return "checkbox"
    if kind == "array" and isinstance(schema.get("items"), dict):
        items = schema["items"]
        if isinstance(items.get("enum"), list) and items["enum"]:
            return "multi"
        if items.get("type") == "string":
            return "lines"
    if kind == "object" and isinstance(schema.get("properties"), dict) and schema["properties"]:
        return "group"
    return "json"


def _attrs(schema: dict[str, Any], kind: str) -> dict[str, Any]:
    attrs: dict[str, Any] = {}
    if kind in ("text", "textarea"):
        if isinstance(schema.get("minLength"), int):
            attrs["minlength"] = schema["minLength"]
        if isinstance(schema.get("maxLength"), int):
            attrs["maxlength"] = schema["maxLength"]
        if kind == "text" and isinstance(schema.get("pattern"), str):
            attrs["pattern"] = schema["pattern"]
        if kind == "text":
            attrs["type"] = INPUT_TYPES.get(str(schema.get("format", "")), "text")
            if schema.get("format") == "date-time":
                attrs["placeholder"] = "2026-11-24T10:00:00Z"
    if kind in ("integer", "number"):
        attrs["type"] = "number"
        attrs["step"] = "1" if kind == "integer" else "any"
        low, high = schema.get("minimum"), schema.get("maximum")
        if isinstance(schema.get("exclusiveMinimum"), int | float):
            low = schema["exclusiveMinimum"] + (1 if kind == "integer" else 0)
        if isinstance(schema.get("exclusiveMaximum"), int | float):
            high = schema["exclusiveMaximum"] - (1 if kind == "integer" else 0)
        if isinstance(low, int | float):
            attrs["min"] = low
        if isinstance(high, int | float):
            attrs["max"] = high
    return attrs


def _fields(schema: dict[str, Any], path: tuple[str, ...], required: set[str], enforced: bool = True) -> list[Field]:
    out = []
    for name, sub in schema.get("properties", {}).items():
        sub = sub if isinstance(sub, dict) else {}
        kind = _kind(sub)
        child_path = (*path, str(name))
        item = Field(
            name="data." + ".".join(child_path),
            path=child_path,
            kind=kind,
            label=_label(str(name), sub),
            help=str(sub.get("description", "")),
            required=name in required,
            enforced=enforced and name in required,
            attrs=_attrs(sub, kind),
            options=list(sub["enum"]) if kind == "select" else list(sub["items"]["enum"]) if kind == "multi" else [],
            default=sub.get("default"),
        )
        if kind == "checkbox" and sub.get("const") is True:
            item.attrs["required"] = True  # "I confirm ..." boxes must be ticked
        if kind == "group":
            item.children = _fields(sub, child_path, set(sub.get("required", [])), item.enforced)
        out.append(item)
    return out


def fields_for(task: dict[str, Any]) -> list[Field]:
    """The form a human task asks for: its form_schema's fields, plus evidence when the task requires it."""
    schema = task.get("form_schema")
    if not isinstance(schema, dict) or not schema:
        found: list[Field] = []
    elif schema.get("type", "object") == "object" and isinstance(schema.get("properties"), dict):
        found = _fields(schema, (), set(schema.get("required", [])))
    else:
        whole = Field("data", (), "json", "Answer (a JSON object)", help="The task's form asks for JSON.", required=True)
        whole.enforced = True
        found = [whole]
    if task.get("evidence_required") and not any(f.path == ("evidence",) for f in found):
        found.append(
            Field(
                "data.evidence",
                ("evidence",),
                "textarea",
                "Evidence",
                help="This task requires evidence: a link, a reference or a short account of what you checked.",
                required=True,
                enforced=True,
            )
        )
    return found


def _leaf(item: Field, form: FormData, errors: dict[str, str]) -> tuple[bool, Any]:
    """(present, value) of one field as JSON; a problem goes into ``errors`` under the field's name."""
    if item.kind == "checkbox":
        if item.name in form:
            return True, True
        return item.required, False
    if item.kind == "multi":
        chosen = [item.options[int(i)] for i in form.getlist(item.name) if i.isdigit() and int(i) < len(item.options)]
        return bool(chosen) or item.required, chosen
    raw = form.get(item.name)
    if not raw.strip():
        if item.required:
            errors[item.name] = "required"
        return False, None
    if item.kind == "select":
        if not raw.isdigit() or int(raw) >= len(item.options):
            errors[item.name] = "choose one of the options"
            return False, None
        return True, item.options[int(raw)]
    if item.kind in ("integer", "number"):
        try:
            number = float(raw) if item.kind == "number" else int(raw)
        except ValueError:
            errors[item.name] = f"{raw!r} is not {'an integer' if item.kind == 'integer' else 'a number'}"
            return False, None
        if isinstance(number, float) and number.is_integer() and "." not in raw and "e" not in raw.lower():
            number = int(number)
        return True, number
    if item.kind == "lines":
        return True, [line.strip() for line in raw.splitlines() if line.strip()]
    if item.kind == "json":
        try:
            return True, json.loads(raw)
        except json.JSONDecodeError as exc:
            errors[item.name] = f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
            return False, None
    return True, raw


def parse(fields: list[Field], form: FormData, errors: dict[str, str]) -> dict[str, Any]:
    """``task_result.data`` from the submitted fields (typed by the schema); problems go into ``errors``."""
    data: dict[str, Any] = {}
    for item in fields:
        if item.kind == "group":
            inner: dict[str, str] = {}
            nested = parse(item.children, form, inner)
            if nested or item.required:  # an optional object left entirely empty is simply not sent
                data[item.path[-1]] = nested
                errors.update(inner)
            continue
        present, value = _leaf(item, form, errors)
        if not present:
            continue
        if not item.path:  # the whole answer is one JSON text
            if isinstance(value, dict):
                data.update(value)
            else:
                errors[item.name] = "the answer must be a JSON object"
            continue
        data[item.path[-1]] = value
    return data


def field_for_pointer(fields: list[Field], pointer: str) -> str | None:
    """The name of the field a JSON pointer inside ``task_result.data`` points into (deepest match)."""
    parts = tuple(p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:])
    best: Field | None = None
    stack = list(fields)
    while stack:
        item = stack.pop()
        if parts[: len(item.path)] == item.path and (best is None or len(item.path) > len(best.path)):
            best = item
        stack.extend(item.children)
    return best.name if best is not None else None
