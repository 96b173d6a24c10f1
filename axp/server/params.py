"""Query and header parameters checked against the parameter schemas of spec/openapi.yaml.

The server reads its parameter rules from the spec instead of restating them, so a bound the
OpenAPI document declares (``limit`` 1..200, ``status`` pattern, ``cursor`` length, ...) is
enforced the moment it is written there. Handlers still parse the values they use.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

import jsonschema_rs

from axp.bundle import bundle_openapi
from axp.server.errors import ApiError

INTEGER = re.compile(r"-?[0-9]{1,40}")  # ASCII digits only: int() also takes "١" and friends


@cache
def _parameters() -> dict[tuple[str, str], list[tuple[str, str, bool, Any]]]:
    """(METHOD, path template) -> [(location, name, is integer, compiled validator)] for query and header params."""
    doc = bundle_openapi()
    shared = doc["components"]["parameters"]
    out: dict[tuple[str, str], list[tuple[str, str, bool, Any]]] = {}
    for path, item in doc["paths"].items():
        for method, op in item.items():
            found = []
            for ref in op.get("parameters", []):
                param = shared[ref["$ref"].rsplit("/", 1)[-1]] if "$ref" in ref else ref
                if param["in"] in ("query", "header"):
                    validator = jsonschema_rs.validator_for(param["schema"], validate_formats=True)
                    name = param["name"].lower() if param["in"] == "header" else param["name"]
                    found.append((param["in"], name, param["schema"].get("type") == "integer", validator))
            out[(method.upper(), path)] = found
    return out


def check(method: str, path_template: str, query: Mapping[str, str], headers: Mapping[str, str]) -> None:
    """Raise invalid_parameter (400) for the first parameter that breaks its declared schema.
    ``headers`` is keyed by lower-case names."""
    declared = _parameters().get(("GET" if method == "HEAD" else method, path_template), [])
    for location, name, integer, validator in declared:
        raw = query.get(name) if location == "query" else headers.get(name)
        if raw is None:
            continue
        value: Any = int(raw) if integer and INTEGER.fullmatch(raw) else raw
        if not validator.is_valid(value):
            error = next(iter(validator.iter_errors(value)))
            raise ApiError("invalid_parameter", f"{name}: {error.message}"[:300])


def warm() -> None:
    """Load the parameter rules now, at startup: parsing openapi.yaml takes long enough (a second
    on a busy machine) that the first request should not pay for it."""
    _parameters()
