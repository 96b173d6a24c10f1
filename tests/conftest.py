"""Shared fixtures: a real reference server on loopback with a real SQLite file, and a real
PostgreSQL cluster (one per test session, a fresh database per test) for the PostgreSQL backend."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from axp.server.config import ServerConfig
from axp.server.runner import serve_in_thread
from tests import pgcluster

CLIENT, AGENT, AGENT2, ADMIN = "axp-dev-client", "axp-dev-agent", "axp-dev-agent2", "axp-dev-admin"
AGENT_ADDR, AGENT2_ADDR = "agent://local/dev/agent", "agent://local/dev/agent-two"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def backend_name() -> str:
    """The backend the ``server`` fixture runs on; a module that imports ``both_backends`` from
    tests/pgcluster.py runs its server tests on SQLite and on PostgreSQL."""
    return "sqlite"


@pytest.fixture
def server_db(backend_name: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """``--db`` for the ``server`` fixture: a SQLite file, or a fresh PostgreSQL database."""
    if backend_name == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return str(tmp_path / "axp.db")


@pytest.fixture
def server(server_db: str) -> Iterator[str]:
    config = ServerConfig.dev(server_db, keepalive_seconds=0.5, log_requests=False, push_backoff_base=0.05)
    with serve_in_thread(config) as base_url:
        yield base_url


def intent_body(to: str = AGENT_ADDR, **extra: Any) -> dict[str, Any]:
    """A valid create body with a fresh correlation id."""
    return {"intent_type": "order.fulfill.v1", "correlation_id": str(uuid.uuid4()), "to_agent": to, "payload": {}, **extra}


class Api:
    """A thin httpx wrapper per principal so tests read like the protocol."""

    def __init__(self, base_url: str, key: str | None) -> None:
        headers = {"x-api-key": key} if key else {}
        self.http = httpx.Client(base_url=base_url, headers=headers, timeout=30, trust_env=False)

    def create(self, to: str = AGENT_ADDR, **extra: Any) -> dict[str, Any]:
        body = {
            "intent_type": "order.fulfill.v1",
            "correlation_id": str(uuid.uuid4()),
            "to_agent": to,
            "payload": {"order_id": "ORD-1"},
            **extra,
        }
        response = self.http.post("/v1/intents", json=body)
        assert response.status_code == 200, response.text
        return dict(response.json())

    def events(self, intent_id: str, since: int = 0) -> list[dict[str, Any]]:
        return list(self.http.get(f"/v1/intents/{intent_id}/events", params={"since": since}).json()["events"])


@pytest.fixture
def api(server: str) -> dict[str, Api]:
    return {
        "client": Api(server, CLIENT),
        "agent": Api(server, AGENT),
        "agent2": Api(server, AGENT2),
        "admin": Api(server, ADMIN),
        "anon": Api(server, None),
    }


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright (the docs and console render tests)."""
    if CHROMIUM is None:
        if os.environ.get("AXP_REQUIRE_BROWSER"):  # set by .ci/run: CI must never skip the render tests
            pytest.fail("Debian chromium is required (apt-get install chromium)")
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[pgcluster.Cluster]:
    """A throwaway PostgreSQL 15 cluster (Debian's server binaries), stopped at the end."""
    if not pgcluster.available():
        if pgcluster.required():  # CI (.ci/run, or CI=true) must never skip the PostgreSQL tests
            pytest.fail(f"PostgreSQL server binaries are required in {pgcluster.PG_BIN} (apt-get install postgresql)")
        pytest.skip(f"no PostgreSQL server binaries in {pgcluster.PG_BIN} (apt-get install postgresql)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.fail("psycopg is missing: pip install -e '.[dev]' (it includes the postgresql extra)")
    cluster = pgcluster.Cluster().start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: pgcluster.Cluster) -> str:
    """The URL of a new, empty schema on the session's cluster (a platform of its own)."""
    return pg_cluster.create_schema()
