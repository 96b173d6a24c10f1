"""YAML inputs for ``axp validate``, read as the JSON they stand for.

YAML can say things JSON cannot, and a fixture that passes here must mean the same message in JSON:
timestamps stay strings (YAML 1.1 would make them datetime objects), keys must be unique strings,
values must be JSON values (no ``.nan``, no ``!!binary``, no sets), and aliases may not expand
into more values than a document could reasonably hold. Each document of a multi-document file is
a message (or, when it is a sequence, each of its elements), with the line of every value known.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator
from typing import Any

import yaml

from axp.commands._inputs import Item, items_of

MAX_VALUES = 1_000_000  # an alias bomb expands past this long before it would exhaust memory
_MERGE = "tag:yaml.org,2002:merge"


class _JsonLoader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps, refusing keys that repeat or are not strings."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == _MERGE:
                continue  # merged keys may be overridden by the mapping's own keys: that is YAML
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise yaml.constructor.ConstructorError(
                    None, None, f"a key must be a string to be JSON, not {key!r}", key_node.start_mark
                )
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"the key {key!r} appears twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_JsonLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _NotJson(Exception):
    pass


def _check_json(value: Any, budget: list[int]) -> None:
    """Raise _NotJson unless ``value`` is made of JSON values only (and stays within MAX_VALUES)."""
    budget[0] -= 1
    if budget[0] < 0:
        raise _NotJson(f"expands to more than {MAX_VALUES:,} values (YAML aliases)")
    if isinstance(value, dict):
        for item in value.values():
            _check_json(item, budget)
    elif isinstance(value, list):
        for item in value:
            _check_json(item, budget)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _NotJson(f"{value} is not a JSON number")
    elif not (value is None or isinstance(value, str | int | bool)):
        raise _NotJson(f"a {type(value).__name__} is not a JSON value")


def _locator(root: yaml.Node) -> Any:
    def locate(tokens: tuple[str, ...]) -> int | None:
        node = root
        for token in tokens:
            if isinstance(node, yaml.MappingNode):
                matches = [v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == token]
                if not matches:
                    return None
                node = matches[-1]
            elif isinstance(node, yaml.SequenceNode) and token.isdigit() and int(token) < len(node.value):
                node = node.value[int(token)]
            else:
                return None
        return int(node.start_mark.line) + 1

    return locate


def parse_yaml(text: str, source: str) -> Iterator[Item]:
    loader = _JsonLoader(text)
    index = 0
    try:
        while loader.check_node():
            node = loader.get_node()
            assert node is not None  # check_node said there is one
            value = loader.construct_document(node)
            try:
                _check_json(value, [MAX_VALUES])
            except _NotJson as exc:
                yield Item(source, int(node.start_mark.line) + 1, index, error=f"not JSON-compatible YAML: {exc}")
                return
            for item in items_of(value, source, _locator(node)):
                yield dataclasses.replace(item, index=index)
                index += 1
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = int(mark.line) + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        kind = "not JSON-compatible YAML" if isinstance(exc, yaml.constructor.ConstructorError) else "malformed YAML"
        yield Item(source, line, index, error=f"{kind}: {problem}")
    except RecursionError:
        yield Item(source, None, index, error="malformed YAML: nested too deeply to parse")
    finally:
        loader.dispose()
