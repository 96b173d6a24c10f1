"""What a check gets: HTTP clients per principal, helpers that speak the protocol, and evidence capture."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from axp.lifecycle import LIFECYCLE
from axp.validate import check_stream, validator_for
from conformance.registry import CheckFailure, HarnessError


@dataclass
class Target:
    base_url: str
    client_key: str = "axp-dev-client"
    agent_key: str = "axp-dev-agent"
    agent2_key: str = "axp-dev-agent2"
    agent_address: str = "agent://local/dev/agent"
    agent2_address: str = "agent://local/dev/agent-two"
    timeout: float = 10.0
    seed: int = 0
    max_examples: int = 10
    capabilities: list[str] = field(default_factory=list)


class Context:
    def __init__(self, target: Target) -> None:
        self.target = target
        self.last: dict[str, Any] = {}
        self._clients: dict[str, httpx.Client] = {}

    def http(self, who: str = "client") -> httpx.Client:
        if who not in self._clients:
            key = {
                "client": self.target.client_key,
                "agent": self.target.agent_key,
                "agent2": self.target.agent2_key,
                "anon": None,
            }[who]
            headers = {"x-api-key": key} if key else {}
            self._clients[who] = httpx.Client(
                base_url=self.target.base_url,
                headers=headers,
                timeout=self.target.timeout,
                trust_env=False,
                event_hooks={"response": [self._record]},
            )
        return self._clients[who]

    def _record(self, response: httpx.Response) -> None:
        request = response.request
        body = request.content.decode("utf-8", "replace")[:2000] if request.content else None
        self.last = {
            "request": {"method": request.method, "url": str(request.url), "body": body},
            "response": {"status": response.status_code, "content_type": response.headers.get("content-type", "")},
        }

    def close(self) -> None:
        for c in self._clients.values():
            c.close()

    # ---- assertions ---------------------------------------------------------------------------
    def fail(self, message: str, requirement: str | None = None) -> None:
        raise CheckFailure(message, requirement, dict(self.last))

    def expect(self, condition: bool, message: str, requirement: str | None = None) -> None:
        if not condition:
            self.fail(message, requirement)

    def json_of(self, response: httpx.Response, requirement: str | None = None) -> Any:
        try:
            body = response.read() and response.json()
        except (ValueError, json.JSONDecodeError):
            self.fail(f"answer is not JSON: {response.text[:200]!r}", requirement)
        self.last.setdefault("response", {})["body"] = response.text[:2000]
        return body

    def schema(self, name: str, value: Any, requirement: str | None = None) -> None:
        problems = validator_for(name).errors(value)
        if problems:
            self.fail(f"does not match {name}.json: {problems[0].pointer or '/'}: {problems[0].message}", requirement)

    def expect_error(
        self, response: httpx.Response, status: int, code: str | None = None, requirement: str | None = None
    ) -> dict[str, Any]:
        body = self.json_of(response, "AXP-ERR-001")
        self.expect(
            response.status_code == status,
            f"expected HTTP {status}{' ' + code if code else ''}, got {response.status_code}",
            requirement,
        )
        self.schema("error_response", body, "AXP-ERR-001")
        if code is not None:
            self.expect(body["error"]["code"] == code, f"expected error code {code}, got {body['error']['code']}", requirement)
        from axp import errors

        entry = errors.registry().get(body["error"]["code"])
        if entry is not None:
            self.expect(
                entry.http_status == response.status_code and entry.category == body["error"]["category"],
                f"{entry.code} must be HTTP {entry.http_status}/{entry.category}",
                "AXP-ERR-002",
            )
        return dict(body)

    # ---- protocol helpers ---------------------------------------------------------------------
    def create_body(self, **extra: Any) -> dict[str, Any]:
        return {
            "intent_type": "conformance.check.v1",
            "correlation_id": str(uuid.uuid4()),
            "to_agent": self.target.agent_address,
            "payload": {"check": True},
            **extra,
        }

    def create(self, who: str = "client", headers: dict[str, str] | None = None, **extra: Any) -> str:
        """Create a valid intent. The body is checked against the spec first: if the suite itself
        built an invalid one, that is our bug (a harness error), not the server's failure."""
        body = self.create_body(**extra)
        problems = validator_for("create_intent_request").errors(body)
        if problems:
            raise HarnessError(f"the suite built an invalid create body: {problems[0].pointer}: {problems[0].message}")
        response = self.http(who).post("/v1/intents", json=body, headers=headers)
        body = self.json_of(response, "AXP-API-001")
        self.expect(response.status_code == 200, f"create answered {response.status_code}", "AXP-API-001")
        self.schema("create_intent_response", body, "AXP-API-001")
        return str(body["intent_id"])

    def events(self, intent_id: str, since: int | None = None, who: str = "client") -> list[dict[str, Any]]:
        params = {"since": since} if since is not None else None
        response = self.http(who).get(f"/v1/intents/{intent_id}/events", params=params)
        body = self.json_of(response, "AXP-API-004")
        self.expect(response.status_code == 200, f"events answered {response.status_code}", "AXP-API-004")
        self.schema("list_events_response", body, "AXP-API-004")
        events = list(body["events"])
        if since is None:
            self.check_stream(events)
        return events

    def check_stream(self, events: list[dict[str, Any]]) -> None:
        """Every observed stream is judged by the reference stream checker (lifecycle table)."""
        issues = check_stream(events)
        if issues:
            first = issues[0]
            self.fail(f"event stream breaks {first.rule} at index {first.index}: {first.message}", first.requirement)

    def intent(self, intent_id: str, who: str = "client") -> dict[str, Any]:
        response = self.http(who).get(f"/v1/intents/{intent_id}")
        body = self.json_of(response, "AXP-API-002")
        self.expect(response.status_code == 200, f"get answered {response.status_code}", "AXP-API-002")
        self.schema("get_intent_response", body, "AXP-API-002")
        return dict(body["intent"])

    def wait_status(self, intent_id: str, wanted: str, timeout: float, requirement: str) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        events: list[dict[str, Any]] = []
        while time.monotonic() < deadline:
            events = self.events(intent_id)
            if events and events[-1]["status"] == wanted:
                return events
            if events and LIFECYCLE.is_terminal(events[-1]["status"]):
                break
            time.sleep(0.1)
        last = events[-1]["status"] if events else "nothing"
        self.fail(f"intent did not reach {wanted} within {timeout}s (last status {last})", requirement)
        return events

    def sse(
        self,
        path: str,
        who: str = "client",
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        limit: float = 30.0,
        until: Callable[[str], bool] | None = None,
    ) -> tuple[httpx.Response, list[dict[str, str]], str]:
        """Read one SSE window fully (bounded by ``limit`` seconds, or until ``until(raw)`` holds):
        frames as dicts plus the raw text."""
        frames: list[dict[str, str]] = []
        raw = ""
        started = time.monotonic()
        with self.http(who).stream(
            "GET", path, params=params, headers=headers, timeout=httpx.Timeout(limit, connect=5)
        ) as response:
            if response.status_code != 200 or not response.headers.get("content-type", "").startswith("text/event-stream"):
                response.read()
                return response, frames, response.text
            for chunk in response.iter_text():
                raw += chunk
                if time.monotonic() - started > limit or (until is not None and until(raw)):
                    break
        for block in raw.replace("\r\n", "\n").split("\n\n"):
            fields: dict[str, str] = {}
            for line in block.split("\n"):
                if not line or line.startswith(":"):
                    continue
                name, _, value = line.partition(":")
                fields[name] = value[1:] if value.startswith(" ") else value
            if fields:
                frames.append(fields)
        return response, frames, raw
