"""The PostgreSQL backend as an operator meets it: ``axp db migrate``, one-line refusals (exit 2),
instances that start together, and the whole conformance suite against ``axp serve`` on
PostgreSQL. (The storage contract on both backends is tests/test_storage.py; the server tests
that import ``both_backends`` run on both; several instances at once: test_postgresql_instances.py.)"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from axp.cli import main
from axp.server.runner import ServerProcess
from axp.server.storage.migrate import VERSION_TABLE, migrations
from axp.server.storage.postgresql import migrate
from tests import pgcluster


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


def test_db_migrate_creates_the_schema_then_has_nothing_to_do(pg_url: str) -> None:
    code, out = invoke("db", "migrate", "--db", pg_url)
    newest = len(migrations("postgresql"))
    assert code == 0 and f"schema 0 -> {newest}: applied 0001_initial" in out, out
    code, out = invoke("db", "migrate", "--db", pg_url)
    assert code == 0 and f"schema at version {newest}, nothing to apply" in out, out
    assert pgcluster.sql(pg_url, f"SELECT version, name FROM {VERSION_TABLE}") == [(1, "initial")]


def test_another_applications_database_is_refused_in_one_line_and_left_alone(pg_url: str) -> None:
    pgcluster.sql(pg_url, "CREATE TABLE invoices (id integer)")
    for command in (["db", "migrate", "--db", pg_url], ["serve", "--dev-keys", "--port", "0", "--db", pg_url]):
        code, out = invoke(*command)
        assert code == 2 and out.count("\n") == 1 and out.startswith("Error: "), out
        assert "another application" in out and "Traceback" not in out
    tables = pgcluster.sql(pg_url, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
    assert tables == [("invoices",)]


def test_a_newer_schema_is_refused_in_one_line(pg_url: str) -> None:
    migrate(pg_url)
    pgcluster.sql(pg_url, f"INSERT INTO {VERSION_TABLE} (version, name) VALUES (99, 'from_the_future')")
    code, out = invoke("serve", "--dev-keys", "--port", "0", "--db", pg_url)
    assert code == 2 and "version 99, newer than this axp knows" in out and out.count("\n") == 1, out


def test_an_unreachable_server_is_one_line_without_the_password(pg_cluster: pgcluster.Cluster) -> None:
    url = f"postgresql://axp:hunter2@127.0.0.1:{pgcluster.free_port()}/nothing"
    code, out = invoke("db", "migrate", "--db", url)
    assert code == 2 and "cannot connect to PostgreSQL" in out and "hunter2" not in out and out.count("\n") == 1, out


def test_without_psycopg_a_postgresql_url_is_one_line_naming_the_extra() -> None:
    program = (
        "import sys; sys.modules['psycopg'] = None; sys.modules['psycopg_pool'] = None\n"
        "from axp.cli import main; main(['serve', '--dev-keys', '--port', '0', '--db', 'postgresql://axp@127.0.0.1:1/x'])"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [
        "Error: --db postgresql://axp@127.0.0.1:1/x needs psycopg and psycopg_pool, which are not installed: "
        "pip install 'axp-toolkit[postgresql]'"
    ]


def test_instances_starting_together_apply_each_migration_once(pg_url: str) -> None:
    outcomes: list[str] = []

    def start() -> None:
        outcomes.append(migrate(pg_url).describe())

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcomes)[0].startswith("schema 0 -> 1") and len(outcomes) == 4
    assert sum("applied" in o for o in outcomes) == 1, outcomes


def test_the_conformance_suite_passes_against_an_instance_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    report = tmp_path / "conformance-postgresql.json"
    with ServerProcess(pg_url, ["--log-level", "warning"], log_path=tmp_path / "serve.log") as server:
        code, out = invoke("conformance", "run", server.base_url, "-q", "--report", "json", str(report))
    assert code == 0, out + (tmp_path / "serve.log").read_text()
    assert re.match(r"MUST: \d+ passed, 0 failed, ", out.strip().splitlines()[-1]), out
    verdicts = [r["verdict"] for r in json.loads(report.read_text())["requirements"]]
    assert "failed" not in verdicts and verdicts.count("passed") >= 90


def test_the_throwaway_cluster_listens_on_loopback_only_and_stops() -> None:
    """The fixture's promise, on a cluster of its own: a free loopback port, and nothing left
    behind (no server process, no port, no files) once stopped."""
    if not pgcluster.available():
        (pytest.fail if pgcluster.required() else pytest.skip)(f"no PostgreSQL server binaries in {pgcluster.PG_BIN}")
    cluster = pgcluster.Cluster().start()
    try:
        pid = int((cluster.data / "postmaster.pid").read_text().split()[0])
        [(addresses, port, addr)] = pgcluster.sql(
            cluster.url(), "SELECT current_setting('listen_addresses'), current_setting('port'), host(inet_server_addr())"
        )
        assert (addresses, int(port), addr) == ("127.0.0.1", cluster.port, "127.0.0.1")
        assert running(pid)
    finally:
        cluster.stop()
    assert not cluster.dir.exists()
    assert not running(pid)
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", cluster.port), timeout=5):
        pass


def running(pid: int) -> bool:
    """Is ``pid`` a live process? An exited one that its new parent has not reaped yet is not."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_in_ci_missing_postgresql_binaries_fail_the_tests_instead_of_skipping(tmp_path: Path) -> None:
    """CI=true (or .ci/run's AXP_REQUIRE_POSTGRES) turns a would-be skip into a failure, so the
    PostgreSQL tests can never silently stop running in CI; locally they skip."""
    test = "tests/test_postgresql.py::test_db_migrate_creates_the_schema_then_has_nothing_to_do"
    base = {k: v for k, v in os.environ.items() if k not in ("CI", "AXP_REQUIRE_POSTGRES")}
    base["AXP_PG_BIN"] = str(tmp_path / "no-postgresql")
    outcomes = {}
    for name, extra in {"local": {}, "ci": {"CI": "true"}, "ci-run": {"AXP_REQUIRE_POSTGRES": "1"}}.items():
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs", test],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=Path(__file__).resolve().parent.parent,
            env={**base, **extra},
        )
        outcomes[name] = (done.returncode, "PostgreSQL server binaries are required" in done.stdout, "1 skipped" in done.stdout)
    assert outcomes == {"local": (0, False, True), "ci": (1, True, False), "ci-run": (1, True, False)}, outcomes
