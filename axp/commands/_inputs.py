"""Read JSON, NDJSON and YAML inputs for the CLI with one clear error per bad input, never a traceback.

NDJSON is read in chunks so a file of millions of events needs constant memory, and a chunk is
parsed in bulk when that provably gives what line-by-line strict parsing would
(:func:`axp.jsontext.loads_lines`). A JSON or YAML document is read whole, so it is refused above a
size limit instead of exhausting memory. Every message knows the line it starts on, and can find the
line of any JSON pointer inside it, so reports point at the offending line of a ``.json`` file too.
"""

from __future__ import annotations

import bisect
import glob
import mmap
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from axp import jsontext

MAX_DOCUMENT_BYTES = 256 * 1024 * 1024
CHUNK_BYTES = 1024 * 1024
NDJSON_SUFFIXES = (".ndjson", ".jsonl")
DOCUMENT_SUFFIXES = (".json",)
YAML_SUFFIXES = (".yaml", ".yml")
INPUT_SUFFIXES = NDJSON_SUFFIXES + DOCUMENT_SUFFIXES + YAML_SUFFIXES


class InputError(Exception):
    """An input that cannot be read at all (missing, a directory without inputs, binary, too large)."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


@dataclass(frozen=True)
class Item:
    """One message read from an input: its value, or a parse error at a line. ``locate`` gives the
    line of a JSON pointer inside the message (None for stdin and for NDJSON, where ``line`` is it)."""

    source: str
    line: int | None
    index: int
    value: Any = None
    error: str | None = None
    locate: Callable[[str], int | None] | None = None

    def line_of(self, pointer: str) -> int | None:
        if self.locate is not None:
            found = self.locate(pointer)
            if found is not None:
                return found
        return self.line


@dataclass(frozen=True)
class Batch:
    """Consecutive NDJSON lines parsed in bulk: ``values[i]`` is message ``first_index + i`` and sits
    on line ``first_line + i`` (a bulk chunk has no blank line)."""

    source: str
    first_line: int
    first_index: int
    values: list[Any]


def expand(patterns: tuple[str, ...]) -> list[str]:
    """Files named by the arguments: globs expanded, directories searched for JSON/NDJSON/YAML files."""
    out: list[str] = []
    for pattern in patterns:
        if pattern == "-":
            out.append("-")
            continue
        matches = sorted(glob.glob(pattern, recursive=True)) if glob.has_magic(pattern) else [pattern]
        if not matches:
            raise InputError(pattern, "no file matches")
        for match in matches:
            path = Path(match)
            if path.is_dir():
                found = sorted(p for p in path.rglob("*") if p.suffix in INPUT_SUFFIXES and p.is_file())
                if not found:
                    raise InputError(match, "is a directory with no .json/.ndjson/.yaml files")
                out.extend(str(p) for p in found)
            else:
                out.append(match)
    return out


def _decode(raw: bytes, source: str, line: int | None = None) -> str:
    if b"\x00" in raw:
        raise InputError(source, "binary data, not JSON text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = f"line {line} " if line else ""
        raise InputError(source, f"{where}not UTF-8 text (byte {exc.start})") from None


def _parse_document(text: str, source: str) -> Iterator[Item]:
    try:
        value = jsontext.loads(text)
    except jsontext.JSONTextError as exc:
        yield Item(source, exc.lineno, 0, error=f"malformed JSON: {exc.located()}")
        return
    # nobody can open stdin at a line: its messages are located by index only
    positions = None if source == "<stdin>" else _TextPositions(text, isinstance(value, list))
    yield from items_of(value, source, positions.line if positions else None)


class _TextPositions:
    """Lines of JSON pointers in one document, worked out on first use: only messages with
    problems ask, so a valid file costs nothing beyond its parse."""

    def __init__(self, text: str, is_array: bool) -> None:
        self.text = text
        self.is_array = is_array
        self._elements: list[int] | None = None
        self._newlines: list[int] | None = None

    def line(self, tokens: tuple[str, ...]) -> int | None:
        start = 0
        if tokens and self.is_array:
            if self._elements is None:
                self._elements = jsontext.element_offsets(self.text)
            index = int(tokens[0])
            if index >= len(self._elements):
                return None
            start, tokens = self._elements[index], tokens[1:]
        offset = jsontext.offset_of(self.text, tokens, start)
        if offset is None:
            return None
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        return bisect.bisect_left(self._newlines, offset) + 1


def items_of(value: Any, source: str, locate: Callable[[tuple[str, ...]], int | None] | None) -> Iterator[Item]:
    """A document's messages: each element of a top-level array, else the document itself;
    ``locate`` finds the line of pointer tokens counted from the document's root."""

    def bind(prefix: tuple[str, ...]) -> Callable[[str], int | None] | None:
        if locate is None:
            return None
        return lambda pointer: locate(prefix + pointer_tokens(pointer))

    if isinstance(value, list):
        for index, element in enumerate(value):
            yield Item(source, None, index, element, locate=bind((str(index),)))
    else:
        yield Item(source, None, 0, value, locate=bind(()))


def pointer_tokens(pointer: str) -> tuple[str, ...]:
    """The reference tokens of an RFC 6901 pointer (``""`` is the whole document)."""
    if not pointer:
        return ()
    return tuple(t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/"))


def _iter_ndjson_lines(lines: Iterator[bytes], source: str, first_line: int = 1, first_index: int = 0) -> Iterator[Item]:
    index = first_index
    for number, raw in enumerate(lines, first_line):
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


def _iter_ndjson_chunks(path: Path, source: str) -> Iterator[Item | Batch]:
    """Whole-line chunks of an NDJSON file, in bulk when :func:`jsontext.loads_lines` vouches for
    them, line by line otherwise (so errors, blank lines and line numbers are exactly as before).
    The file is mapped, not read: a chunk is then one copy of its bytes, not two."""
    if path.stat().st_size == 0:
        return
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        line, index, pos, size = 1, 0, 0, len(mapped)
        while pos < size:
            cut = mapped.rfind(b"\n", pos, pos + CHUNK_BYTES) + 1 if pos + CHUNK_BYTES < size else size
            if cut == 0:  # one line longer than a chunk
                cut = mapped.find(b"\n", pos) + 1 or size
            chunk = mapped[pos:cut]
            if not chunk.endswith(b"\n"):
                chunk += b"\n"
            values = jsontext.loads_lines(chunk)
            if values is not None:  # one value a line
                yield Batch(source, line, index, values)
                index += len(values)
                line += len(values)
            else:
                for item in _iter_ndjson_lines(iter(chunk.split(b"\n")[:-1]), source, line, index):
                    index = item.index + 1
                    yield item
                line += chunk.count(b"\n")
            pos = cut


def read(name: str, *, bulk: bool = False) -> Iterator[Item | Batch]:
    """Every message of one input (``bulk``: NDJSON files in :class:`Batch` chunks where possible).
    Raises InputError for inputs that cannot be read at all, and for empty ones: validating nothing
    and reporting success would hide a broken fixture or pipe."""
    count = 0
    for entry in _read(name, bulk):
        count += len(entry.values) if isinstance(entry, Batch) else 1
        yield entry
    if count == 0:
        raise InputError("<stdin>" if name == "-" else name, "empty, no message in it")


def _read(name: str, bulk: bool) -> Iterator[Item | Batch]:
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
        raise InputError(name, "no such file")
    if path.is_dir():
        raise InputError(name, "is a directory")
    try:
        if path.suffix in NDJSON_SUFFIXES:
            if bulk:
                yield from _iter_ndjson_chunks(path, name)
            else:
                with path.open("rb") as handle:
                    yield from _iter_ndjson_lines(iter(handle), name)
            return
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise InputError(
                name,
                f"{size // (1024 * 1024)} MiB is too large for one document (limit "
                f"{MAX_DOCUMENT_BYTES // (1024 * 1024)} MiB); use NDJSON (.ndjson) for large streams",
            )
        text = _decode(path.read_bytes(), name)
        if path.suffix in YAML_SUFFIXES:
            from axp.commands._yaml import parse_yaml

            yield from parse_yaml(text, name)
        else:
            yield from _parse_document(text, name)
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as exc:
        raise InputError(name, f"cannot read ({exc.strerror})") from None


def _is_single_document(text: str) -> bool:
    try:
        jsontext.loads(text)
    except jsontext.JSONTextError:
        return False
    return True
