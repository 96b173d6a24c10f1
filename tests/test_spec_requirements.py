"""Requirement IDs in the prose are well-formed, unique, indexed, and consistent with the data files."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from axp import bundle, errors, requirements, schemas
from axp._resources import spec_dir
from axp.lifecycle import LIFECYCLE
from axp.server import compat

REQS = requirements.parse()
IDS = {r.id for r in REQS}


def test_ids_are_well_formed_and_levels_valid() -> None:
    assert REQS
    for req in REQS:
        assert requirements.ID_FORMAT.match(req.id), req.id
        assert req.level in requirements.LEVELS
        assert req.text, f"{req.id} has no sentence"


def test_every_id_is_defined_exactly_once() -> None:
    dupes = [rid for rid, n in Counter(r.id for r in REQS).items() if n > 1]
    assert dupes == []


def test_committed_index_is_exactly_what_the_prose_yields() -> None:
    committed = json.loads(requirements.index_path().read_text(encoding="utf-8"))
    assert committed == requirements.build_index()
    assert {r["id"] for r in committed["requirements"]} == IDS


def test_every_mentioned_id_is_defined() -> None:
    for path in requirements.prose_files():
        mentioned = set(requirements.MENTION.findall(path.read_text(encoding="utf-8")))
        assert mentioned - IDS == set(), path.name


@pytest.mark.parametrize(
    "rid",
    [f"AXP-LC-00{i}" for i in range(1, 9)]
    + [f"AXP-EV-00{i}" for i in range(1, 7)]
    + [f"AXP-SSE-00{i}" for i in range(1, 8)]
    + [f"AXP-IDEM-00{i}" for i in range(1, 4)]
    + [f"AXP-AUTH-00{i}" for i in range(1, 6)],
)
def test_ids_other_components_depend_on_exist(rid: str) -> None:
    assert rid in IDS


def test_every_area_file_states_requirements() -> None:
    files_with_reqs = {r.file for r in REQS}
    for path in requirements.prose_files():
        if path.name in ("15-upstream-differences.md",):
            continue
        assert path.name in files_with_reqs, f"{path.name} has no requirement"


def test_prose_does_not_hand_copy_the_transition_table() -> None:
    """A line pairing two statuses with an arrow would restate lifecycle.json; the docs render it instead."""
    status = "|".join(LIFECYCLE.statuses)
    arrow = re.compile(rf"\b({status})\b\s*(->|→|=>)\s*`?\b({status})\b")
    for path in requirements.prose_files():
        in_fence = False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("```"):
                in_fence = not in_fence
                continue
            assert in_fence or not arrow.search(line), f"{path.name}:{number} restates a transition"


def _schema_vocabulary() -> set[str]:
    """Every schema name and every property name any schema defines."""
    words: set[str] = set(schemas.names())

    def walk(node: object) -> None:
        if isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict):
                words.update(props)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for name in schemas.names():
        walk(schemas.get(name))
    openapi = bundle.load_openapi()
    words.update(p["name"] for p in openapi["components"]["parameters"].values())
    words.update(compat.UPSTREAM_NAMES)  # upstream members the axme profile reads (16-compat-axme.md)
    return words


def test_backticked_names_in_prose_exist_in_the_sources() -> None:
    """Status, error-code, field and schema names quoted in the prose must exist in the data files."""
    statuses = set(LIFECYCLE.statuses) | set(LIFECYCLE.waiting_reasons)
    aliases = {"ACCEPTED", "PROCESSING", "PENDING", "RESOLVED", "EXPIRED", "CANCELLED"}
    vocabulary = (
        _schema_vocabulary() | set(errors.registry()) | set(errors.categories()) | {"waiting_reasons", "annotation_events"}
    )
    for path in requirements.prose_files():
        text = path.read_text(encoding="utf-8")
        for word in re.findall(r"`([A-Z][A-Z_]+)`", text):
            assert word in statuses or word in aliases, f"{path.name}: unknown status {word}"
        for word in re.findall(r"`([a-z]+(?:_[a-z]+)+)(?:\\.json)?`", text):
            assert word in vocabulary, f"{path.name}: `{word}` is not a schema, field or error code"


def test_upstream_differences_cite_existing_requirements() -> None:
    text = (spec_dir() / "15-upstream-differences.md").read_text(encoding="utf-8")
    cited = set(requirements.MENTION.findall(text))
    assert len(cited) >= 20
    assert cited <= IDS


def test_every_upstream_difference_row_is_tested_by_a_conformance_check() -> None:
    """A row of the table is a promise about behaviour; its "tested by" cell must name a checked requirement."""
    from conformance.runner import all_covered

    text = (spec_dir() / "15-upstream-differences.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if re.match(r"\| \d+ \|", line)]
    assert [int(row.split("|")[1]) for row in rows] == list(range(1, len(rows) + 1)), "rows are numbered 1..n"
    for row in rows:
        number, tested_by = row.split("|")[1].strip(), row.split("|")[-2]
        cited = set(requirements.MENTION.findall(tested_by))
        assert cited, f"row {number} cites no requirement"
        assert cited <= IDS, f"row {number} cites unknown {sorted(cited - IDS)}"
        assert cited & all_covered(), f"row {number}: none of {sorted(cited)} has a conformance check"
