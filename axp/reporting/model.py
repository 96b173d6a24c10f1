"""What a command hands to the reporters: a neutral record of test cases, plus its own JSON document.

Every format is rendered from this one record, so ``axp validate`` and ``axp conformance run``
share the writers (one JUnit writer, one set of GitHub annotations) instead of each keeping its own.
A producer may supply its own rendering for a format whose generic form would lose content (the
conformance report's HTML and Markdown pages); everything else is generic.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["passed", "failed", "error", "skipped"]


@dataclass(frozen=True)
class Case:
    """One test case: a message checked, a requirement judged, an input that could not be read.

    ``message`` is the one-line account of a failure, error or skip; ``detail`` the longer text
    (JUnit element body); ``kind`` the rule or category (JUnit ``type``); ``title`` the short label
    of an annotation (a requirement ID); ``file``/``line`` where it points, when it points at a file.
    """

    classname: str
    name: str
    status: Status = "passed"
    message: str = ""
    detail: str = ""
    kind: str | None = None
    title: str | None = None
    output: str | None = None
    file: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Suite:
    name: str
    cases: tuple[Case, ...]
    time: float | None = None

    def count(self, status: Status) -> int:
        return sum(1 for case in self.cases if case.status == status)


@dataclass(frozen=True)
class Report:
    """A finished run: ``tool`` names it, ``summary`` is its one-line verdict, ``document`` its
    JSON form (validated against ``document_schema`` before it is written, when one is named).
    ``junit_wrap`` False writes a single suite as a bare ``<testsuite>`` root."""

    tool: str
    summary: str
    suites: tuple[Suite, ...]
    document: Mapping[str, Any]
    document_schema: str | None = None
    junit_wrap: bool = True
    renderings: Mapping[str, Callable[[], str]] = field(default_factory=dict)

    def cases(self) -> list[Case]:
        return [case for suite in self.suites for case in suite.cases]

    def problems(self) -> list[Case]:
        """Failures and errors, in report order: what every human-facing format leads with."""
        return [case for case in self.cases() if case.status in ("failed", "error")]
