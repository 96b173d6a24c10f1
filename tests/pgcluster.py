"""A throwaway PostgreSQL cluster for tests: ``initdb`` + ``pg_ctl`` in a temp dir, on a free loopback port.

PostgreSQL refuses to run as root, and tests (and CI) run as root here: then the server binaries
run as an unprivileged user — Debian's ``postgres`` system user, which its ``postgresql`` package
creates, else ``nobody`` — through ``subprocess``'s own ``user=``/``group=`` switch, in a temp
dir that user owns. As any other user they simply run as that user. Nothing is mocked: it is the
real server, with ``fsync`` on.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Any

import pytest

from axp.server.runner import free_port

PG_BIN = Path(os.environ.get("AXP_PG_BIN", "/usr/lib/postgresql/15/bin"))
PORT_ATTEMPTS = 3
USER = "axp"  # the cluster's superuser (trust authentication on loopback only)


@pytest.fixture(params=["sqlite", "postgresql"], name="backend_name")
def both_backends(request: pytest.FixtureRequest) -> str:
    """Imported by a test module, it runs that module's ``server`` tests on both backends."""
    return str(request.param)


def available() -> bool:
    return (PG_BIN / "initdb").exists() and (PG_BIN / "pg_ctl").exists()


def required() -> bool:
    """Must the PostgreSQL tests run (fail, never skip, without the binaries)? In CI: ``.ci/run``
    sets AXP_REQUIRE_POSTGRES, and any CI service sets ``CI=true``."""
    return bool(os.environ.get("AXP_REQUIRE_POSTGRES")) or os.environ.get("CI", "").lower() in ("true", "1")


def _runner() -> dict[str, Any]:
    """subprocess arguments that drop root, or nothing when not root."""
    if os.geteuid() != 0:
        return {}
    for name in ("postgres", "nobody"):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}
    raise RuntimeError("running as root and there is no 'postgres' or 'nobody' user to run PostgreSQL as")


class Cluster:
    def __init__(self) -> None:
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="axp-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        self._as = _runner()
        if self._as:
            os.chown(self.dir, self._as["user"], self._as["group"])
        self.started = False
        self._shared: str | None = None

    def _run(self, *args: str, timeout: float = 120) -> None:
        done = subprocess.run(
            list(args),
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.dir,
            env={**os.environ, "LC_ALL": "C"},
            **self._as,
        )
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(args[:2])} failed ({done.returncode}): {done.stderr.strip()[-2000:]}\n{log}")

    def start(self) -> Cluster:
        self._run(
            str(PG_BIN / "initdb"), "-D", str(self.data), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"
        )
        for attempt in range(PORT_ATTEMPTS):
            options = " ".join(
                [
                    f"-p {self.port}",
                    f"-k {self.dir}",  # the Unix socket stays in the temp dir
                    "-c listen_addresses=127.0.0.1",
                    "-c max_connections=300",
                    "-c shared_buffers=64MB",
                    "-c log_min_messages=warning",
                ]
            )
            try:
                self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")
            except RuntimeError as exc:
                # The free port was taken by another process between free_port() and the bind (the
                # machine is shared): pick another. Any other failure is the test's to report.
                if "already in use" not in str(exc) or attempt == PORT_ATTEMPTS - 1:
                    raise
                self.log.unlink(missing_ok=True)
                self.port = free_port()
                continue
            self.started = True
            return self
        raise AssertionError("unreachable")  # pragma: no cover

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, prefix: str = "t") -> str:
        """A new empty database; its URL."""
        import psycopg

        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def create_schema(self, prefix: str = "t") -> str:
        """A new empty schema in the shared test database, as a URL whose connections use it:
        as good as a new database for one platform, and far quicker to make (no files copied)."""
        import psycopg

        if self._shared is None:
            self._shared = self.create_database("axp_tests")
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self._shared, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{name}"')
        return f"{self._shared}?options=-csearch_path%3D{name}"

    def stop(self) -> None:
        if self.started:
            try:
                self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop", timeout=60)
            finally:
                self.started = False
        shutil.rmtree(self.dir, ignore_errors=True)


def sql(url: str, statement: str, *args: Any) -> list[tuple[Any, ...]]:
    """Run one statement on the database (and schema) of ``url``: tests inspect what is stored."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        cur = conn.execute(statement, args)
        return list(cur.fetchall()) if cur.description else []
