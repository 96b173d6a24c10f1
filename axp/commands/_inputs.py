"""Read JSON and NDJSON inputs for the CLI with one clear error per bad input, never a traceback.

NDJSON is read line by line so a file of millions of events needs constant memory; a single JSON
document is read whole, so it is refused above a size limit instead of exhausting memory.
"""

from __future__ import annotations

import glob
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from axp import jsontext

MAX_DOCUMENT_BYTES = 256 * 1024 * 1024
NDJSON_SUFFIXES = (".ndjson", ".jsonl")
DOCUMENT_SUFFIXES = (".json",)


class InputError(Exception):
    """An input that cannot be read at all (missing, a directory without JSON, binary, too large)."""


@dataclass(frozen=True)
class Item:
    """One message read from an input: its value, or a parse error at a line."""

    source: str
    line: int | None
    index: int
    value: Any = None
    error: str | None = None


def expand(patterns: tuple[str, ...]) -> list[str]:
    """Files named by the arguments: globs expanded, directories searched for JSON/NDJSON files."""
    out: list[str] = []
    for pattern in patterns:
        if pattern == "-":
            out.append("-")
            continue
        matches = sorted(glob.glob(pattern, recursive=True)) if glob.has_magic(pattern) else [pattern]
        if not matches:
            raise InputError(f"{pattern}: no file matches")
        for match in matches:
            path = Path(match)
            if path.is_dir():
                found = sorted(p for p in path.rglob("*") if p.suffix in NDJSON_SUFFIXES + DOCUMENT_SUFFIXES and p.is_file())
                if not found:
                    raise InputError(f"{match}: is a directory with no .json/.ndjson files")
                out.extend(str(p) for p in found)
            else:
                out.append(match)
    return out


def _decode(raw: bytes, source: str, line: int | None = None) -> str:
    if b"\x00" in raw:
        raise InputError(f"{source}: binary data, not JSON text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = f" line {line}" if line else ""
        raise InputError(f"{source}:{where} not UTF-8 text (byte {exc.start})") from None


def _parse_document(text: str, source: str) -> Iterator[Item]:
    try:
        value = jsontext.loads(text)
    except jsontext.JSONTextError as exc:
        yield Item(source, exc.lineno, 0, error=f"malformed JSON: {exc.located()}")
        return
    if isinstance(value, list):
        for index, element in enumerate(value):
            yield Item(source, None, index, element)
    else:
        yield Item(source, None, 0, value)


def _iter_ndjson_lines(lines: Iterator[bytes], source: str) -> Iterator[Item]:
    index = 0
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        text = _decode(raw, source, number)
        try:
            value = jsontext.loads(text)
        except jsontext.JSONTextError as exc:
            where = f" (column {exc.colno})" if exc.colno else ""
            yield Item(source, number, index, error=f"malformed JSON: {exc.message}{where}")
        else:
            yield Item(source, number, index, value)
        index += 1


def read(name: str) -> Iterator[Item]:
    """Every message of one input. Raises InputError for inputs that cannot be read at all, and
    for empty ones: validating nothing and reporting success would hide a broken fixture or pipe."""
    count = 0
    for item in _read(name):
        count += 1
        yield item
    if count == 0:
        raise InputError(f"{'<stdin>' if name == '-' else name}: empty, no JSON message in it")


def _read(name: str) -> Iterator[Item]:
    if name == "-":
        data = sys.stdin.buffer.read()
        text = _decode(data, "<stdin>")
        stripped = text.lstrip()
        if stripped.startswith(("{", "[")) and _is_single_document(stripped):
            yield from _parse_document(text, "<stdin>")
        else:
            yield from _iter_ndjson_lines(iter(data.splitlines()), "<stdin>")
        return
    path = Path(name)
    if not path.exists():
        raise InputError(f"{name}: no such file")
    if path.is_dir():
        raise InputError(f"{name}: is a directory")
    try:
        if path.suffix in NDJSON_SUFFIXES:
            with path.open("rb") as handle:
                yield from _iter_ndjson_lines(iter(handle), name)
            return
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise InputError(
                f"{name}: {size // (1024 * 1024)} MiB is too large for one JSON document "
                f"(limit {MAX_DOCUMENT_BYTES // (1024 * 1024)} MiB); use NDJSON (.ndjson) "
                "for large streams"
            )
        with path.open("rb") as handle:
            head = handle.read(1)
            rest = handle.read()
        yield from _parse_document(_decode(head + rest, name), name)
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from None


def _is_single_document(text: str) -> bool:
    try:
        jsontext.loads(text)
    except jsontext.JSONTextError:
        return False
    return True
