"""pytest plugin: ``pytest --axp-url URL`` runs the conformance suite as one test per check.

Implementers put the suite in their own CI this way; without ``--axp-url`` the plugin does nothing.
"""

from __future__ import annotations

import os
from typing import Any

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("axp", "AXP conformance")
    group.addoption("--axp-url", default=None, help="Run the AXP conformance suite against this server.")
    # Keys default to the same environment variables as `axp conformance run`, then to the dev keys.
    group.addoption("--axp-api-key", default=os.environ.get("AXP_API_KEY", "axp-dev-client"))
    group.addoption("--axp-agent-key", default=os.environ.get("AXP_AGENT_KEY", "axp-dev-agent"))
    group.addoption("--axp-agent2-key", default=os.environ.get("AXP_AGENT2_KEY", "axp-dev-agent2"))
    group.addoption("--axp-agent-address", default="agent://local/dev/agent")
    group.addoption("--axp-agent2-address", default="agent://local/dev/agent-two")
    group.addoption("--axp-only", action="append", default=[], help="Check name, area, requirement or tag.")


class AxpCheckItem(pytest.Item):
    def __init__(self, *, check: Any, target: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.check = check
        self.target = target
        for req in check.requirements:
            self.add_marker(pytest.mark.axp_requirement(req))

    def runtest(self) -> None:
        from conformance.runner import run_check

        result = run_check(self.check, self.target)
        if result.status == "not_applicable":
            pytest.skip(result.message)
        if result.status == "harness_error":
            raise RuntimeError(f"harness error (suite side): {result.message}")
        if result.status == "failed":
            lines = [f"{req}: {msg}" for req, msg in result.failures]
            raise AssertionError("\n".join(lines) + f"\nevidence: {result.evidence}")

    def reportinfo(self) -> tuple[str, int, str]:
        return "axp-conformance", 0, f"{self.check.name} [{', '.join(self.check.requirements)}]"


class AxpCollector(pytest.Collector):
    def collect(self) -> list[pytest.Item]:
        from conformance.context import Target
        from conformance.registry import all_checks
        from conformance.runner import fetch_capabilities, preflight, select

        opt = self.config.getoption
        target = Target(
            opt("--axp-url").rstrip("/"),
            opt("--axp-api-key"),
            opt("--axp-agent-key"),
            opt("--axp-agent2-key"),
            opt("--axp-agent-address"),
            opt("--axp-agent2-address"),
        )
        problem = preflight(target)
        if problem:
            raise pytest.UsageError(problem)
        target.capabilities = fetch_capabilities(target.base_url, target.timeout)
        return [
            AxpCheckItem.from_parent(self, name=c.name, check=c, target=target)
            for c in select(all_checks(), tuple(opt("--axp-only")))
        ]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "axp_requirement(id): the AXP requirement a conformance check verifies")


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--axp-url"):
        items[:] = AxpCollector.from_parent(session, name="axp-conformance").collect()
