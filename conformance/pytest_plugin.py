"""pytest plugin: ``pytest --axp-url URL`` runs the conformance suite as one test per check.

Implementers put the suite in their own CI this way; without ``--axp-url`` the plugin does nothing.
Checks are collected like tests (``collected 70 items``) under node IDs
``conformance/<area>/<check>``, so ``-k`` matches check names, areas, requirement IDs and codes
(``-k "lifecycle and not waiting"``, ``-k LC``), and ``-m`` selects by area or level
(``-m "must and not delivery"``). ``--axp-report FORMAT:PATH`` writes the same reports as
``axp conformance run --report`` from the checks that ran.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from typing import Any

import pytest

from axp import reporting
from conformance.registry import AREAS

LEVELS = ("must", "should", "may")
REPORT_FORMATS = tuple(reporting.names())  # the same formats as `axp conformance run --report`
RESULTS = pytest.StashKey[list[Any]]()
TARGET = pytest.StashKey[Any]()
STARTED = pytest.StashKey[tuple[float, datetime]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("axp", "AXP conformance")
    group.addoption("--axp-url", default=None, help="Run the AXP conformance suite against this server.")
    # Keys default to the same environment variables as `axp conformance run`, then to the dev keys.
    group.addoption("--axp-api-key", default=os.environ.get("AXP_API_KEY", "axp-dev-client"))
    group.addoption("--axp-agent-key", default=os.environ.get("AXP_AGENT_KEY", "axp-dev-agent"))
    group.addoption("--axp-agent2-key", default=os.environ.get("AXP_AGENT2_KEY", "axp-dev-agent2"))
    group.addoption("--axp-admin-key", default=os.environ.get("AXP_ADMIN_KEY", "axp-dev-admin"))
    group.addoption("--axp-agent-address", default="agent://local/dev/agent")
    group.addoption("--axp-agent2-address", default="agent://local/dev/agent-two")
    group.addoption("--axp-only", action="append", default=[], help="What `axp conformance run --only` takes (repeatable).")
    group.addoption(
        "--axp-report",
        action="append",
        default=[],
        metavar="FORMAT:PATH",
        help=f"Write a conformance report ({', '.join(REPORT_FORMATS)}) when the session ends (repeatable).",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "axp_requirement(id): the AXP requirement a conformance check verifies")
    for area, what in AREAS.items():
        config.addinivalue_line("markers", f"{area}: AXP conformance checks of {what}")
    for level in LEVELS:
        config.addinivalue_line("markers", f"{level}: AXP conformance checks of {level.upper()} requirements")
    for spec in config.getoption("--axp-report", default=[]) or []:
        kind, sep, path = str(spec).partition(":")
        if not sep or kind not in REPORT_FORMATS or not path:
            raise pytest.UsageError(f"--axp-report {spec!r}: use FORMAT:PATH with FORMAT one of {', '.join(REPORT_FORMATS)}")


class AxpCheckItem(pytest.Item):
    def __init__(self, *, check: Any, target: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        from axp.requirements import load_index

        self.check = check
        self.target = target
        index = load_index()
        for req in check.requirements:
            self.add_marker(pytest.mark.axp_requirement(req))
        self.add_marker(getattr(pytest.mark, check.area))
        for level in sorted({index[r].severity for r in check.requirements}):
            self.add_marker(getattr(pytest.mark, level))
        # -k matches these too: requirement IDs and their area codes.
        self.extra_keyword_matches.update(check.requirements)
        self.extra_keyword_matches.update(r.split("-")[1] for r in check.requirements)

    def runtest(self) -> None:
        from conformance.runner import run_check

        result = run_check(self.check, self.target)
        self.config.stash[RESULTS].append(result)
        if result.status.value in ("not_applicable", "not_covered"):
            pytest.skip(result.message)
        if result.status.value == "harness_error":
            raise RuntimeError(f"harness error (suite side): {result.message}")
        if result.status.value == "failed":
            lines = [f"{req}: {msg}" for req, msg in result.failures]
            curl = (result.evidence or {}).get("curl")
            raise AssertionError("\n".join(lines) + (f"\nrequest: {curl}" if curl else "") + f"\nevidence: {result.evidence}")

    def reportinfo(self) -> tuple[str, int, str]:
        return self.nodeid, 0, f"{self.nodeid} [{', '.join(self.check.requirements)}]"


class AxpArea(pytest.Collector):
    def __init__(self, *, checks: list[Any], target: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.checks = checks
        self.target = target

    def collect(self) -> list[pytest.Item | pytest.Collector]:
        return [
            AxpCheckItem.from_parent(self, name=c.name, nodeid=f"{self.nodeid}/{c.name}", check=c, target=self.target)
            for c in self.checks
        ]


class AxpSuite(pytest.Collector):
    """``conformance``: one child per area, each holding its checks."""

    def __init__(self, *, target: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.target = target

    def collect(self) -> list[pytest.Item | pytest.Collector]:
        from conformance.registry import all_checks
        from conformance.runner import SelectionError, select

        try:
            chosen = select(all_checks(), tuple(self.config.getoption("--axp-only")))
        except SelectionError as exc:
            raise pytest.UsageError(str(exc)) from None
        by_area: dict[str, list[Any]] = {}
        for chk in chosen:
            by_area.setdefault(chk.area, []).append(chk)
        return [
            AxpArea.from_parent(self, name=area, nodeid=f"{self.nodeid}/{area}", checks=checks, target=self.target)
            for area, checks in sorted(by_area.items())
        ]


def target_of(config: pytest.Config) -> Any:
    """The server under test, after the same preflight as the CLI (a usage error when unusable)."""
    from conformance.context import Target
    from conformance.runner import fetch_capabilities, preflight

    opt = config.getoption
    target = Target(
        opt("--axp-url").rstrip("/"),
        opt("--axp-api-key"),
        opt("--axp-agent-key"),
        opt("--axp-agent2-key"),
        opt("--axp-agent-address"),
        opt("--axp-agent2-address"),
        admin_key=opt("--axp-admin-key"),
    )
    problem = preflight(target)
    if problem:
        raise pytest.UsageError(problem)
    document = fetch_capabilities(target.base_url, target.timeout)
    target.capabilities = [str(c) for c in document.get("capabilities", [])]
    target.limits = dict(document.get("limits") or {})
    return target


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    """Collect the checks as real items before -k / -m deselection sees the list, so both apply
    and the terminal counts them."""
    if not config.getoption("--axp-url"):
        return
    target = config.stash[TARGET] = target_of(config)
    config.stash[RESULTS] = []
    config.stash[STARTED] = (time.monotonic(), datetime.now(UTC))
    suite = AxpSuite.from_parent(session, name="conformance", nodeid="conformance", target=target)
    items.extend(session.genitems(suite))


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    specs = config.getoption("--axp-report", default=[]) or []
    if not specs or TARGET not in config.stash:
        return
    from conformance import report as render
    from conformance.registry import CHECKS
    from conformance.runner import build_report

    results = config.stash[RESULTS]
    ran = [CHECKS[r.name] for r in results]
    started, started_at = config.stash[STARTED]
    report = build_report(config.stash[TARGET], ran, results, time.monotonic() - started, started_at)
    for spec in specs:
        kind, _, path = str(spec).partition(":")
        reporting.emit(render.as_report(report), kind, path)
