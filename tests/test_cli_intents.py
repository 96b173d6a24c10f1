"""``axp intents`` against the reference server: send, get, events, resolve, cancel, resume, and
``watch`` printing events live, its exit code set by the terminal status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from axp.cli import main
from axp.client import Client
from tests.conftest import AGENT, AGENT2_ADDR, AGENT_ADDR, CLIENT


def axp(server: str, *args: str, key: str = CLIENT, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["intents", "--url", server, "--api-key", key, *args], input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def test_send_get_events_and_writes(server: str, tmp_path: Path) -> None:
    code, out, _ = axp(server, "send", "order.fulfill.v1", AGENT_ADDR, "--payload", '{"order_id": "ORD-7"}')
    intent_id = out.strip()
    assert code == 0 and len(intent_id) == 36
    code, out, _ = axp(server, "get", intent_id)
    assert code == 0 and "status          SUBMITTED" in out and f"to_agent        {AGENT_ADDR}" in out
    code, out, _ = axp(server, "--json", "get", intent_id)
    assert json.loads(out)["payload"] == {"order_id": "ORD-7"}
    code, out, _ = axp(server, "events", intent_id)
    assert [line.split()[2] for line in out.splitlines()] == ["intent.created", "intent.submitted"]
    assert [e["seq"] for e in json.loads(axp(server, "--json", "events", intent_id, "--since", "1")[1])] == [2]

    code, out, _ = axp(server, "resume", intent_id, "--action", "start", key=AGENT)
    assert code == 0 and out.strip() == "IN_PROGRESS (event 3 intent.in_progress)"
    result = tmp_path / "result.json"
    result.write_text('{"shipped": true}')
    code, out, _ = axp(server, "--json", "resolve", intent_id, "COMPLETED", "--result", f"@{result}", "--idempotency-key", "r-1")
    answer = json.loads(out)
    assert code == 0 and answer["intent"]["status"] == "COMPLETED" and answer["intent"]["result"] == {"shipped": True}
    # the same key again: the server answers the original result instead of a conflict (AXP-IDEM-008)
    assert axp(server, "resolve", intent_id, "COMPLETED", "--result", f"@{result}", "--idempotency-key", "r-1")[0] == 0

    other = Client(server, CLIENT).send_intent("order.fulfill.v1", AGENT2_ADDR, {})
    code, out, _ = axp(server, "cancel", other, "--reason", "changed my mind")
    assert code == 0 and out.startswith("CANCELED (event 3 intent.canceled)")


def test_payload_from_stdin_and_extra_create_fields(server: str) -> None:
    fields = '{"metadata": {"team": "shop"}}'
    code, out, _ = axp(
        server, "--json", "send", "order.fulfill.v1", AGENT_ADDR, "--payload", "-", "--field", fields, stdin='{"n": 1}'
    )
    created = json.loads(out)
    intent = Client(server, CLIENT).get_intent(created["intent_id"])
    assert code == 0 and intent["payload"] == {"n": 1} and intent["metadata"] == {"team": "shop"}


@pytest.mark.parametrize(
    "args, says",
    [
        (["get", "00000000-0000-4000-8000-000000000000"], "the server answered 404 intent_not_found"),
        (["send", "order.fulfill.v1", AGENT_ADDR, "--payload", "{bad"], "--payload is not JSON"),
        (["send", "order.fulfill.v1", AGENT_ADDR, "--payload", "[1]"], "--payload must be a JSON object"),
        (["send", "order.fulfill.v1", AGENT_ADDR, "--payload", "@/nonexistent/p.json"], "cannot read --payload"),
        (["send", "Not A Type", AGENT_ADDR], "the server answered 422"),
        (["resolve", "00000000-0000-4000-8000-000000000000", "DONE"], "'DONE' is not one of 'COMPLETED', 'FAILED', 'CANCELED'"),
    ],
)
def test_bad_input_and_refusals_are_one_line_exit_two(server: str, args: list[str], says: str) -> None:
    code, out, err = axp(server, *args)
    assert code == 2 and says in err and "Traceback" not in out + err
    assert sum(line.startswith("Error:") for line in err.splitlines()) == 1


def test_server_and_key_come_from_flags_or_the_environment(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["intents", "get", "x"], env={"AXP_URL": "", "AXP_API_KEY": ""})
    assert missing.exit_code == 2 and "no server: pass --url URL or set AXP_URL" in missing.stderr
    no_key = runner.invoke(main, ["intents", "--url", server, "get", "x"], env={"AXP_API_KEY": ""})
    assert no_key.exit_code == 2 and "no API key" in no_key.stderr
    intent_id = Client(server, CLIENT).send_intent("order.fulfill.v1", AGENT_ADDR, {})
    found = runner.invoke(main, ["intents", "get", intent_id], env={"AXP_URL": server, "AXP_API_KEY": CLIENT})
    assert found.exit_code == 0 and intent_id in found.stdout
    unreachable = runner.invoke(main, ["intents", "--url", "http://127.0.0.1:9", "--api-key", "k", "get", "x"])
    assert unreachable.exit_code == 2 and "cannot reach http://127.0.0.1:9" in unreachable.stderr


def _watch(server: str, intent_id: str, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "AXP_URL": server, "AXP_API_KEY": CLIENT}
    return subprocess.Popen(
        [sys.executable, "-m", "axp", "intents", *extra, "watch", intent_id, "--wait-seconds", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.mark.parametrize("ending, exit_code", [("complete", 0), ("fail", 1)])
def test_watch_prints_events_as_they_happen_and_exits_by_the_outcome(server: str, ending: str, exit_code: int) -> None:
    agent = Client(server, AGENT)
    intent_id = Client(server, CLIENT).send_intent("order.fulfill.v1", AGENT_ADDR, {})
    watch = _watch(server, intent_id, "--json")
    assert watch.stdout is not None
    seen = [json.loads(watch.stdout.readline()) for _ in range(2)]  # printed while the intent is still open
    assert [e["event_type"] for e in seen] == ["intent.created", "intent.submitted"] and watch.poll() is None
    agent.resume(intent_id, {"action": "start"})
    assert json.loads(watch.stdout.readline())["status"] == "IN_PROGRESS"
    body: dict[str, Any] = (
        {"action": "complete", "result": {"ok": True}}
        if ending == "complete"
        else {"action": "fail", "error": {"code": "out_of_stock", "message": "none left"}}
    )
    agent.resume(intent_id, body)
    rest, err = watch.communicate(timeout=60)
    assert watch.returncode == exit_code, err
    assert json.loads(rest.splitlines()[-1])["status"] == ("COMPLETED" if ending == "complete" else "FAILED")


def test_watch_text_lines_and_timeout(server: str) -> None:
    client = Client(server, CLIENT)
    canceled = client.send_intent("order.fulfill.v1", AGENT2_ADDR, {})
    client.cancel(canceled)
    code, out, _ = axp(server, "watch", canceled)
    assert code == 1 and [line.split()[2] for line in out.splitlines()] == [
        "intent.created",
        "intent.submitted",
        "intent.canceled",
    ]
    open_one = client.send_intent("order.fulfill.v1", AGENT2_ADDR, {})
    code, out, err = axp(server, "watch", open_one, "--timeout", "1.5", "--wait-seconds", "1")
    assert code == 124 and f"{open_one} did not finish within 1.5s" in err and len(out.splitlines()) == 2
