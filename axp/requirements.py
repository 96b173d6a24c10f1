"""The requirement index: every ``**AXP-XX-NNN** (LEVEL)`` sentence of the spec prose.

The prose is the source; ``spec/requirements.json`` is generated from it (``python -m
axp.requirements --write``) and a test fails when the two drift apart, so reports, docs and the
conformance suite can look requirements up without parsing Markdown.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from axp._generated import write_or_check
from axp._resources import spec_dir

DEFINITION = re.compile(r"\*\*(AXP-[A-Z]+-\d{3})\*\* \((MUST NOT|MUST|SHOULD NOT|SHOULD|MAY)\)\s*(.*)")
MENTION = re.compile(r"\bAXP-[A-Z]+-\d{3}\b")
ID_FORMAT = re.compile(r"^AXP-[A-Z]+-\d{3}$")
LEVELS = ("MUST", "MUST NOT", "SHOULD", "SHOULD NOT", "MAY")
# Where the docs site is published (mkdocs.yml site_url; tests/test_docs.py keeps the two equal).
DOCS_URL = "https://axp.dev/"


@dataclass(frozen=True)
class Requirement:
    id: str
    level: str
    area: str
    file: str
    anchor: str
    text: str

    @property
    def severity(self) -> str:
        """``must`` for MUST / MUST NOT, ``should`` for SHOULD / SHOULD NOT, ``may`` for MAY."""
        return self.level.split()[0].lower()


def prose_files(root: Path | None = None) -> list[Path]:
    return sorted((root or spec_dir()).glob("[0-9][0-9]-*.md"))


def parse(root: Path | None = None) -> list[Requirement]:
    """Every requirement definition in the prose, in file order (duplicates included)."""
    found: list[Requirement] = []
    for path in prose_files(root):
        for line in path.read_text(encoding="utf-8").splitlines():
            for match in DEFINITION.finditer(line):
                rid, level, text = match.groups()
                found.append(
                    Requirement(
                        id=rid,
                        level=level,
                        area=rid.split("-")[1],
                        file=path.name,
                        anchor=rid.lower(),
                        text=text.strip(),
                    )
                )
    return found


def build_index(root: Path | None = None) -> dict[str, object]:
    reqs = sorted(parse(root), key=lambda r: r.id)
    return {"requirements": [asdict(r) for r in reqs]}


def index_path() -> Path:
    return spec_dir() / "requirements.json"


def render_index(root: Path | None = None) -> str:
    return json.dumps(build_index(root), indent=2, ensure_ascii=False) + "\n"


@cache
def load_index() -> dict[str, Requirement]:
    """The committed index, keyed by ID."""
    doc = json.loads(index_path().read_text(encoding="utf-8"))
    return {r["id"]: Requirement(**r) for r in doc["requirements"]}


def requirement(rid: str) -> Requirement:
    return load_index()[rid]


def doc_url(rid: str) -> str:
    """The published permalink of a requirement: its sentence on the docs site, for reports and tools."""
    req = requirement(rid)
    return f"{DOCS_URL}spec/{req.file.removesuffix('.md')}/#{req.anchor}"


def main(argv: list[str] | None = None) -> int:
    return write_or_check(argv, index_path(), render_index, "python -m axp.requirements --write")


if __name__ == "__main__":
    raise SystemExit(main())
