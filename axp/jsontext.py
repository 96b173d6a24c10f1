"""Strict JSON text parsing (RFC 8259), shared by the server and the validator CLI.

Python's ``json`` module accepts things other JSON parsers do not — ``NaN``, ``Infinity``, numbers
that overflow to infinity, lone UTF-16 surrogates, an object naming one member twice (the last one
silently wins, where other parsers keep the first or fail) — and it raises ``RecursionError`` on
deeply nested input. A message accepted here must survive a round trip through any other stack, and
no input may crash the caller, so every such case becomes one ``JSONTextError`` with a clear message
(AXP-API-019, AXP-API-022).
"""

from __future__ import annotations

import json
import math
import re
from itertools import accumulate
from typing import Any

# AXP-API-019: a platform's nesting limit lies in this range (vectors/json_text.json states the same).
MIN_DEPTH_LIMIT = 32
MAX_DEPTH_LIMIT = 512

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NESTING = {ord("{"): 1, ord("["): 1, ord("}"): -1, ord("]"): -1}
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class JSONTextError(ValueError):
    """The text is not interoperable JSON; ``lineno``/``colno`` point at the problem when known."""

    def __init__(self, message: str, lineno: int | None = None, colno: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.lineno = lineno
        self.colno = colno

    def located(self) -> str:
        """The message with its position in the text, when the parser knows it."""
        return f"{self.message} (line {self.lineno} column {self.colno})" if self.lineno else self.message


def _no_constants(name: str) -> Any:
    raise JSONTextError(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise JSONTextError(f"number {text[:40]} is out of range for a double")
    return value


def _finite_int(text: str) -> int:
    if len(text.lstrip("-")) > 308 and math.isinf(float(text)):
        raise JSONTextError(f"integer of {len(text.lstrip('-'))} digits is out of range for a double")
    return int(text)


def _unique_members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Build one object, refusing a member name it holds twice (names compare after unescaping).

    The C scanner calls this once per object; comparing two lengths is the whole cost when names are
    unique (bench/validate.py prints it against plain ``json.loads``), far cheaper than any pre-scan
    of the text, which would have to find member names among string values."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for name, _ in pairs:
            if name in seen:
                raise JSONTextError(f"the member name {json.dumps(name[:60])} appears twice in one object")
            seen.add(name)
    return obj


_DECODER = json.JSONDecoder(object_pairs_hook=_unique_members, parse_constant=_no_constants, parse_float=_finite)
# Only texts with a run of 309+ digits can hold an integer beyond a double; they take the slow path.
_LONG_DIGITS = re.compile(r"\d{309}")
_INT_CHECKING_DECODER = json.JSONDecoder(
    object_pairs_hook=_unique_members, parse_constant=_no_constants, parse_float=_finite, parse_int=_finite_int
)


def nesting_depth(text: str) -> int:
    """The deepest nesting of objects and arrays, ignoring brackets inside strings."""
    if text.count("{") + text.count("[") == 0:
        return 0
    deltas = (_NESTING.get(c, 0) for c in _STRING.sub("", text).encode("ascii", "ignore"))
    return max(accumulate(deltas), default=0)


def _has_lone_surrogate(value: Any) -> bool:
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def loads(text: str, *, max_depth: int | None = None) -> Any:
    """Parse one JSON text strictly. ``max_depth`` bounds nesting (a server's resource limit);
    without it, input nested beyond what the parser can recurse into is still an error, not a crash."""
    if max_depth is not None and text.count("{") + text.count("[") > max_depth:
        depth = nesting_depth(text)
        if depth > max_depth:
            raise JSONTextError(f"nested {depth} levels deep; the limit is {max_depth}")
    try:
        decoder = _INT_CHECKING_DECODER if _LONG_DIGITS.search(text) else _DECODER
        value = decoder.decode(text)
    except json.JSONDecodeError as exc:
        raise JSONTextError(exc.msg, exc.lineno, exc.colno) from None
    except JSONTextError:
        raise
    except ValueError as exc:  # float() of a huge literal, or Python's 4300-digit integer limit
        raise JSONTextError(f"number out of range: {exc}") from None
    except RecursionError:
        raise JSONTextError("nested too deeply to parse") from None
    if _SURROGATE_ESCAPE.search(text) and _has_lone_surrogate(value):
        raise JSONTextError("a string holds a lone UTF-16 surrogate (\\ud800-\\udfff escape), which is not Unicode text")
    return value
