"""Strict JSON text parsing (RFC 8259), shared by the server and the validator CLI.

Python's ``json`` module accepts things other JSON parsers do not — ``NaN``, ``Infinity``, numbers
that overflow to infinity, lone UTF-16 surrogates, an object naming one member twice (the last one
silently wins, where other parsers keep the first or fail) — and it raises ``RecursionError`` on
deeply nested input. A message accepted here must survive a round trip through any other stack, and
no input may crash the caller, so every such case becomes one ``JSONTextError`` with a clear message
(AXP-API-019, AXP-API-022).
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterator
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


# ---- NDJSON in bulk ---------------------------------------------------------------------------
# ``loads`` costs microseconds a line (the C scanner plus a Python hook per object). A validator
# reading millions of lines parses a whole chunk with msgspec instead, and keeps the result only
# when it provably equals what ``loads`` would give line by line; anything else (a blank line, a
# malformed one, or a line ``loads`` refuses and msgspec accepts) sends the chunk back to ``loads``.
@functools.cache
def _lines_decoder(msgspec: Any) -> Any:
    return msgspec.json.Decoder()


_DIGITS_ONLY = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))
_LONG_RUN = b"0" * 309
# Any 309 consecutive offsets hold at least 309 // 31 = 9 consecutive multiples of 31, so a chunk
# whose every 31st byte never shows 9 digits in a row has no run of 309 digits; only the rare chunk
# that does is translated whole (a thirty-first of the work on ordinary text).
_STRIDE = 31
_SAMPLED_RUN = b"0" * (len(_LONG_RUN) // _STRIDE)


def _has_long_digit_run(chunk: bytes) -> bool:
    return _SAMPLED_RUN in chunk[::_STRIDE].translate(_DIGITS_ONLY) and _LONG_RUN in chunk.translate(_DIGITS_ONLY)


def _names_unique(chunk: bytes, values: list[Any]) -> bool:
    """Whether no object in ``chunk`` (one object a line, decoded to ``values``) names a member twice.

    A line's object of n members holds n - 1 commas between them, and the decoded dict holds fewer
    members only when a name repeats. Every other comma (inside a nested value or a string) only adds
    to the text's count, so a text with exactly sum(len - 1) commas over its lines has no repeated
    name at its top level and no nested object of two members or more: nothing left to repeat. That
    is two C calls a chunk; texts with more commas (nested objects, arrays) take the exact count."""
    if chunk.count(b",") == sum(map(len, values)) - len(values):
        return True
    # The exact count: every dropped member took its ``:`` with it, so the text then has more name
    # separators than the re-encoded values (an escaped colon, ``\u003a``, would blur the count).
    if b"\\u003" in chunk and (b"\\u003a" in chunk or b"\\u003A" in chunk):
        return False
    import msgspec

    return bool(chunk.count(b":") == msgspec.json.encode(values).count(b":"))


def loads_lines(chunk: bytes) -> list[Any] | None:
    """Every line of ``chunk`` (whole lines of one JSON object each, the last one ending in a
    newline) parsed as ``loads`` parses it, or None when the chunk must be read line by line.

    msgspec already refuses what ``loads`` refuses for NaN, infinities, out-of-range floats, lone
    surrogates, control characters and bad UTF-8. What is left is ruled out here:

    - line boundaries: msgspec reads whitespace-separated values, so every newline must sit
      between ``}`` and ``{`` (a newline inside a valid value never does: it would need a comma
      there) and there must be one value per newline; a blank line, or two values on a line,
      sends the chunk back;
    - an integer beyond a double, which ``loads`` refuses: no run of 309 digits;
    - a member name given twice, which msgspec resolves to the last one (:func:`_names_unique`)."""
    import msgspec  # only the validator's bulk path needs it; the server parses with loads

    lines = chunk.count(b"\n")
    if not chunk.startswith(b"{"):
        return None
    if not (chunk.endswith(b"}\n") and chunk.count(b"}\n{") == lines - 1) and not (
        chunk.endswith(b"}\r\n") and chunk.count(b"}\r\n{") == lines - 1
    ):
        return None
    try:
        values: list[Any] = _lines_decoder(msgspec).decode_lines(chunk)
    except (msgspec.DecodeError, ValueError, RecursionError):
        return None
    if len(values) != lines or _has_long_digit_run(chunk) or not _names_unique(chunk, values):
        return None
    return values


# ---- positions in a JSON text -------------------------------------------------------------------
# Reports point at the line of the offending value, so a CI annotation lands on it. Positions are
# found only for messages that have problems, by walking the text along the pointer and skipping
# the values beside the path with the C decoder.
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_SKIPPER = json.JSONDecoder()


def _after_ws(text: str, pos: int) -> int:
    match = _WHITESPACE.match(text, pos)
    return match.end() if match else pos


def _members(text: str, pos: int) -> Iterator[tuple[str, int, int]]:
    """(name, value offset, offset after the value) of each member of the object starting at ``pos``."""
    pos = _after_ws(text, pos + 1)
    while pos < len(text) and text[pos] == '"':
        name, pos = json.decoder.scanstring(text, pos + 1)  # type: ignore[attr-defined]
        pos = _after_ws(text, pos)
        if pos >= len(text) or text[pos] != ":":
            return
        start = _after_ws(text, pos + 1)
        _, end = _SKIPPER.raw_decode(text, start)
        yield name, start, end
        pos = _after_ws(text, end)
        pos = _after_ws(text, pos + 1) if pos < len(text) and text[pos] == "," else pos


def element_offsets(text: str, pos: int = 0) -> list[int]:
    """Offsets of the elements of the array starting at ``pos`` (at or after whitespace)."""
    pos = _after_ws(text, pos)
    out: list[int] = []
    if pos >= len(text) or text[pos] != "[":
        return out
    pos = _after_ws(text, pos + 1)
    while pos < len(text) and text[pos] != "]":
        out.append(pos)
        _, pos = _SKIPPER.raw_decode(text, pos)
        pos = _after_ws(text, pos)
        pos = _after_ws(text, pos + 1) if pos < len(text) and text[pos] == "," else pos
    return out


def offset_of(text: str, tokens: tuple[str, ...], start: int = 0) -> int | None:
    """Offset of the value a JSON pointer's tokens name, in a text ``loads`` accepted (the value
    starting at ``start``); None when the pointer names nothing there."""
    pos = _after_ws(text, start)
    try:
        for token in tokens:
            if pos >= len(text):
                return None
            if text[pos] == "{":
                found = [value for name, value, _ in _members(text, pos) if name == token]
                if not found:
                    return None
                pos = found[-1]  # a repeated name cannot occur: loads refuses it
            elif text[pos] == "[" and token.isdigit():
                elements = element_offsets(text, pos)
                if int(token) >= len(elements):
                    return None
                pos = elements[int(token)]
            else:
                return None
    except (ValueError, IndexError):  # not the text that was parsed: no position rather than a crash
        return None
    return pos
