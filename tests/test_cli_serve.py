"""`axp serve` as a user runs it: clear one-line errors for bad configuration, one log line per request."""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from axp.cli import main
from axp.server.runner import ServerProcess


def serve(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["serve", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


def test_no_keys_is_a_usage_error() -> None:
    code, out = serve("--db", ":memory:")
    assert code == 2 and "no API keys" in out


@pytest.mark.parametrize(
    "make_db, expected",
    [
        (lambda d: d / "missing-dir" / "x.db", "unable to open database file"),
        (lambda d: (d / "notes.txt").write_text("hello, not sqlite " * 100) and d / "notes.txt", "file is not a database"),
        (lambda d: d, "unable to open database file"),
    ],
    ids=["missing directory", "not a database", "a directory"],
)
def test_unusable_db_is_one_line_not_a_traceback(tmp_path: Path, make_db: object, expected: str) -> None:
    path = make_db(tmp_path)  # type: ignore[operator]
    code, out = serve("--dev-keys", "--db", str(path), "--port", "0")
    assert code == 2, out
    assert out.startswith("Error: ") and out.count("\n") == 1 and expected in out and "Traceback" not in out


def test_another_programs_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "theirs.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    code, out = serve("--dev-keys", "--db", str(path), "--port", "0")
    assert code == 2 and "not an axp server database" in out
    with sqlite3.connect(path) as conn:  # untouched: no axp tables were added to it
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"invoices"}


def test_busy_port_is_one_line_before_any_announcement(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, out = serve("--dev-keys", "--db", str(tmp_path / "axp.db"), "--port", str(port))
    assert code == 2, out
    assert out == f"Error: cannot listen on 127.0.0.1:{port}: Address already in use\n"
    assert not (tmp_path / "axp.db").exists()  # nothing was set up for a server that cannot run


def test_unknown_host_is_one_line(tmp_path: Path) -> None:
    code, out = serve("--dev-keys", "--db", str(tmp_path / "axp.db"), "--host", "no-such-host.invalid")
    assert code == 2 and out.startswith("Error: cannot listen on no-such-host.invalid:8080: cannot resolve the host")


def test_serve_logs_one_line_per_request_and_reopens_its_own_database(tmp_path: Path) -> None:
    server = ServerProcess(tmp_path / "axp.db").start()
    try:
        with httpx.Client(base_url=server.base_url, trust_env=False, timeout=5) as http:
            assert http.get("/v1/intents/not-a-uuid", headers={"x-api-key": "axp-dev-client"}).status_code == 404
            assert http.get("/v1/capabilities").status_code == 200
        server.restart()  # the same file opens again: it is an axp database now
        with httpx.Client(base_url=server.base_url, trust_env=False, timeout=5) as http:
            assert http.get("/health").status_code == 200
    finally:
        server.stop()
    assert server.log_path is not None
    log = server.log_path.read_text()
    request_lines = [line for line in log.splitlines() if "/v1/intents/not-a-uuid" in line]
    assert len(request_lines) == 1 and " 404 " in request_lines[0], log
    assert sum("/v1/capabilities" in line for line in log.splitlines()) == 1


def test_capabilities_option_serves_only_what_it_claims(tmp_path: Path) -> None:
    """`--capabilities core` claims the core capabilities only, and the routes of the others are not
    served: 405 with Allow where the path serves another method, 404 elsewhere, for anyone."""
    from axp.capabilities import core_names

    with ServerProcess(tmp_path / "core.db", extra_args=["--capabilities", "core", "--no-ui"]) as server:
        document = httpx.get(f"{server.base_url}/v1/capabilities").json()
        assert sorted(document["capabilities"]) == sorted(core_names())
        listed = httpx.get(f"{server.base_url}/v1/intents")
        assert listed.status_code == 405 and listed.json()["error"]["code"] == "method_not_allowed"
        assert "POST" in listed.headers["allow"] and "GET" not in listed.headers["allow"]
        push = httpx.put(f"{server.base_url}/v1/agents/local/dev/agent/push", json={})
        assert push.status_code == 404 and push.json()["error"]["code"] == "not_found"
    with ServerProcess(tmp_path / "some.db", extra_args=["--capabilities", "intents.cancel,deadlines"]) as server:
        claimed = httpx.get(f"{server.base_url}/v1/capabilities").json()["capabilities"]
        assert sorted(claimed) == sorted([*core_names(), "intents.cancel", "deadlines"])
    result = CliRunner().invoke(main, ["serve", "--dev-keys", "--capabilities", "intents.teleport"])
    assert result.exit_code == 2 and "intents.teleport is not an optional capability" in result.output
