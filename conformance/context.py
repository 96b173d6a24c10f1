"""What a check gets: HTTP clients per principal, helpers that speak the protocol, rule-level
assertions on every answer, and evidence capture.

Every answer a check receives through ``ctx.http(...)`` is judged by the rules that hold for all
answers (x-request-id, the error model and its registry, ``ok: true`` on success, no credential
echoed) before the check looks at it, so a violation is blamed on the rule it breaks wherever it
shows up. Everything a check reads about an intent's events is remembered for the whole run, so
an event that changes between two reads (or across a restart) breaks AXP-EV-006 wherever that is
seen.
"""

from __future__ import annotations

import json
import shlex
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NoReturn, TypeVar

import httpx

from axp import errors
from axp.lifecycle import LIFECYCLE
from axp.validate import ValidationIssue, check_stream, validator_for
from conformance.registry import CheckFailure, HarnessError

T = TypeVar("T")

EVIDENCE_BYTES = 4096
PRINCIPALS = ("client", "agent", "agent2", "admin", "anon")
# Where a replayed request gets each principal's key from (reports and commands never carry keys).
KEY_ENV = {"client": "AXP_API_KEY", "agent": "AXP_AGENT_KEY", "agent2": "AXP_AGENT2_KEY", "admin": "AXP_ADMIN_KEY"}
JSON_TYPES = ("application/json",)


@dataclass
class RunState:
    """What the whole run has seen, shared by every check (and both halves of a restart)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    events: dict[str, dict[int, dict[str, Any]]] = field(default_factory=dict)  # intent -> seq -> event
    unkeyed_creates: set[str] = field(default_factory=set)  # intent ids answered to creates without a key
    agent_cursors: dict[str, int] = field(default_factory=dict)  # agent address -> poll cursor seen
    restarted_at: float | None = None  # wall clock (time.time()) when the restart began, if there was one


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
    admin_key: str = "axp-dev-admin"
    limits: dict[str, Any] = field(default_factory=dict)
    state: RunState = field(default_factory=RunState)

    def key_of(self, who: str) -> str | None:
        return {
            "client": self.client_key,
            "agent": self.agent_key,
            "agent2": self.agent2_key,
            "admin": self.admin_key,
        }.get(who)

    def claims(self, capability: str) -> bool:
        return capability in self.capabilities


def _redact(text: str, target: Target) -> str:
    """Each of the run's keys replaced by the environment variable a replay reads it from."""
    for who, env in KEY_ENV.items():
        key = target.key_of(who)
        if key:
            text = text.replace(key, f"${env}")
    return text


def shell_word(text: str) -> str:
    """Quote for a POSIX shell; keep ``$AXP_*`` placeholders expandable."""
    if "$AXP_" not in text:
        return shlex.quote(text)
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`")
    return f'"{escaped}"'


@dataclass
class Exchange:
    """One request and its answer, as evidence: keys replaced by their environment variables."""

    method: str
    url: str
    headers: dict[str, str]
    body: str | None
    response: httpx.Response
    stream_text: str | None = None

    def summary(self) -> str:
        return f"{self.method} {httpx.URL(self.url).raw_path.decode('ascii', 'replace')} -> {self.response.status_code}"

    def curl(self) -> str:
        parts = ["curl", "-sS", "-X", self.method, shell_word(self.url)]
        for name, value in self.headers.items():
            if name.lower() in ("host", "content-length", "accept-encoding", "connection", "user-agent", "accept"):
                continue
            parts += ["-H", shell_word(f"{name}: {value}")]
        if self.body is not None:
            parts += ["--data-binary", shell_word(self.body)]
        return " ".join(parts)

    def as_evidence(self, target: Target) -> dict[str, Any]:
        response = self.response
        if self.stream_text is not None:
            body = self.stream_text
        else:
            try:
                body = response.text
            except httpx.ResponseNotRead:
                body = "(not read)"
        return {
            "request": {"method": self.method, "url": self.url, "headers": self.headers, "body": self.body},
            "response": {
                "status": response.status_code,
                "headers": {k: _redact(v, target) for k, v in response.headers.items()},
                "body": _redact(body[:EVIDENCE_BYTES], target),
            },
            "curl": self.curl(),
        }


class Context:
    def __init__(self, target: Target) -> None:
        self.target = target
        self.exchanges: list[Exchange] = []
        self._clients: list[httpx.Client] = []
        self._by_principal: dict[str, httpx.Client] = {}

    # ---- HTTP -----------------------------------------------------------------------------------
    def http(self, who: str = "client") -> httpx.Client:
        """The client of one principal (``anon`` sends no credential); every answer is judged."""
        if who not in PRINCIPALS:
            raise HarnessError(f"unknown principal {who!r}")
        if who not in self._by_principal:
            key = self.target.key_of(who)
            self._by_principal[who] = self.client({"x-api-key": key} if key else {})
        return self._by_principal[who]

    def client(self, headers: dict[str, str] | None = None) -> httpx.Client:
        """A client with exactly these headers (odd credentials, Bearer, ...), judged like the others."""
        c = httpx.Client(
            base_url=self.target.base_url,
            headers=headers or {},
            timeout=self.target.timeout,
            trust_env=False,
            event_hooks={"response": [self._on_response]},
        )
        self._clients.append(c)
        return c

    def _on_response(self, response: httpx.Response) -> None:
        request = response.request
        headers = {k: _redact(v, self.target) for k, v in request.headers.items()}
        body = None
        if request.content:
            body = _redact(request.content.decode("utf-8", "replace")[:EVIDENCE_BYTES], self.target)
        self.exchanges = [*self.exchanges[-4:], Exchange(request.method, str(request.url), headers, body, response)]
        if not response.headers.get("content-type", "").startswith("text/event-stream"):
            response.read()
        self._rules_for_every_answer(response)

    @property
    def last(self) -> dict[str, Any]:
        """Evidence of the last exchange (and a one-line summary of the ones before it)."""
        if not self.exchanges:
            return {}
        evidence = self.exchanges[-1].as_evidence(self.target)
        if len(self.exchanges) > 1:
            evidence["earlier"] = [e.summary() for e in self.exchanges[:-1]]
        return evidence

    def close(self) -> None:
        for c in self._clients:
            c.close()

    # ---- rules that hold for every answer -----------------------------------------------------
    def _rules_for_every_answer(self, response: httpx.Response) -> None:
        status = response.status_code
        ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
        self.expect(bool(response.headers.get("x-request-id")), f"HTTP {status} answer without x-request-id", "AXP-API-010")
        if ctype != "text/event-stream":
            text = response.text
            for who, env in KEY_ENV.items():
                key = self.target.key_of(who)
                if key and len(key) >= 8 and (key in text or any(key in v for v in response.headers.values())):
                    self.fail(f"the answer echoes a credential (the {who} key, ${env})", "AXP-AUTH-009")
        if status in (429, 503):
            retry = response.headers.get("retry-after", "")
            self.expect(retry.strip().isdigit(), f"HTTP {status} without Retry-After in seconds", "AXP-ERR-003")
        path = response.request.url.path
        if 200 <= status < 300 and not path.endswith("/stream"):
            self.expect(status == 200, f"a successful answer must be 200, not {status}", "AXP-API-009")
            try:
                body = response.json()
            except ValueError:
                self.fail(f"a successful answer is not JSON: {response.text[:200]!r}", "AXP-API-009")
            self.expect(
                isinstance(body, dict) and body.get("ok") is True, "a successful answer must carry ok: true", "AXP-API-009"
            )
            if response.request.method == "POST" and path.rstrip("/").endswith("/v1/intents"):
                self._remember_create(response, body)
        elif status >= 400 and ctype in JSON_TYPES:
            try:
                body = response.json()
            except ValueError:
                self.fail(f"an error answer labelled JSON is not JSON: {response.text[:200]!r}", "AXP-ERR-001")
            self.schema("error_response", body, "AXP-ERR-001", specific=False)
            entry = errors.registry().get(body["error"]["code"])
            # A 5xx is first the requesting check's business (no client input may cause one, AXP-API-005).
            if entry is not None and status < 500:
                self.expect(
                    (entry.http_status, entry.category, entry.retryable)
                    == (status, body["error"]["category"], body["error"]["retryable"]),
                    f"{entry.code} must be HTTP {entry.http_status} / {entry.category} / retryable "
                    f"{str(entry.retryable).lower()}, got HTTP {status} / {body['error']['category']} / "
                    f"{str(body['error']['retryable']).lower()}",
                    "AXP-ERR-002",
                )

    def _remember_create(self, response: httpx.Response, body: Any) -> None:
        """AXP-ID-005: a create without a key must never answer an intent id the run saw before."""
        if response.request.headers.get("idempotency-key") is not None or not isinstance(body, dict):
            return
        intent_id = body.get("intent_id")
        if not isinstance(intent_id, str):
            return
        with self.target.state.lock:
            reused = intent_id.lower() in self.target.state.unkeyed_creates
            self.target.state.unkeyed_creates.add(intent_id.lower())
        self.expect(not reused, f"a new create answered intent_id {intent_id}, which an earlier create got", "AXP-ID-005")

    # ---- assertions ---------------------------------------------------------------------------
    def fail(self, message: str, requirement: str | None = None) -> NoReturn:
        raise CheckFailure(message, requirement, self.last)

    def expect(self, condition: bool, message: str, requirement: str | None = None) -> None:
        if not condition:
            self.fail(message, requirement)

    def json_of(self, response: httpx.Response, requirement: str | None = None) -> Any:
        try:
            return response.read() and response.json()
        except (httpx.StreamConsumed, httpx.ResponseNotRead):
            self.fail(f"answer is a {response.headers.get('content-type', '?')} stream, not JSON", requirement)
        except (ValueError, json.JSONDecodeError):
            self.fail(f"answer is not JSON: {text_of(response)[:200]!r}", requirement)

    def schema(self, name: str, value: Any, requirement: str | None = None, *, specific: bool = True) -> None:
        """``value`` must match ``name``.json. A failure is blamed on the rule the failing field
        carries (an address pattern is AXP-ID-001 wherever it appears) when ``specific``, else on
        ``requirement``; anyOf/oneOf failures say which branch came closest and why it failed."""
        problems = validator_for(name).errors(value)
        if problems:
            message, rule = explain(name, value, problems[0])
            self.fail(f"does not match {name}.json: {message}", (rule if specific else None) or requirement)

    def expect_error(
        self, response: httpx.Response, status: int, code: str | None = None, requirement: str | None = None
    ) -> dict[str, Any]:
        """The answer is HTTP ``status`` with the error model (and ``code`` when given)."""
        got = response.status_code
        ctype = response.headers.get("content-type", "")
        wanted = f"HTTP {status}{' ' + code if code else ''}"
        self.expect(got == status, f"expected {wanted}, got {got}: {text_of(response)[:160]!r}", requirement)
        self.expect(ctype.startswith("application/json"), f"{wanted} must use the JSON error model, not {ctype!r}", requirement)
        body = self.json_of(response, requirement)
        self.schema("error_response", body, "AXP-ERR-001", specific=False)
        if code is not None:
            self.expect(body["error"]["code"] == code, f"expected error code {code}, got {body['error']['code']}", requirement)
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
        self.expect(response.status_code == 200, f"create answered {response.status_code}", "AXP-API-001")
        created = self.json_of(response, "AXP-API-001")
        self.schema("create_intent_response", created, "AXP-API-001")
        return str(created["intent_id"])

    def events(self, intent_id: str, since: int | None = None, who: str = "client") -> list[dict[str, Any]]:
        """The event list (judged by the lifecycle checker, then by its schema)."""
        params = {"since": since} if since is not None else None
        response = self.http(who).get(f"/v1/intents/{intent_id}/events", params=params)
        self.expect(response.status_code == 200, f"events answered {response.status_code}", "AXP-API-004")
        body = self.json_of(response, "AXP-API-004")
        listed = body.get("events") if isinstance(body, dict) else None
        if isinstance(listed, list):
            if since is None:
                self.check_stream(listed)
            self.observe(intent_id, listed)
        self.schema("list_events_response", body, "AXP-API-004")
        return list(body["events"])

    def check_stream(self, events: list[dict[str, Any]]) -> None:
        """Every observed stream is judged by the reference stream checker (lifecycle table)."""
        issues = check_stream(events)
        if issues:
            first = issues[0]
            self.fail(f"event stream breaks {first.rule} at index {first.index}: {first.message}", first.requirement)

    def observe(self, intent_id: str, events: Iterable[Any]) -> None:
        """AXP-EV-006: an event read again (in any view, at any time) is the same event."""
        changed: list[str] = []
        with self.target.state.lock:
            seen = self.target.state.events.setdefault(intent_id.lower(), {})
            for event in events:
                if not isinstance(event, dict) or not isinstance(event.get("seq"), int):
                    continue
                before = seen.setdefault(event["seq"], event)
                if before != event:
                    changed.append(f"seq {event['seq']} was {json.dumps(before)} and is now {json.dumps(event)}")
        self.expect(not changed, f"a stored event changed: {changed[0] if changed else ''}", "AXP-EV-006")

    def seen_events(self, intent_id: str) -> dict[int, dict[str, Any]]:
        with self.target.state.lock:
            return dict(self.target.state.events.get(intent_id.lower(), {}))

    def intent(self, intent_id: str, who: str = "client") -> dict[str, Any]:
        """GET the intent; its lifecycle rules are judged before its schema."""
        response = self.http(who).get(f"/v1/intents/{intent_id}")
        self.expect(response.status_code == 200, f"get answered {response.status_code}", "AXP-API-002")
        body = self.json_of(response, "AXP-API-002")
        doc = body.get("intent") if isinstance(body, dict) else None
        if isinstance(doc, dict):
            self.intent_rules(doc)
        self.schema("get_intent_response", body, "AXP-API-002")
        return dict(body["intent"])

    def intent_rules(self, doc: dict[str, Any]) -> None:
        """The lifecycle rules of an intent document (from GET, a list, a write answer or a delivery)."""
        status = doc.get("status")
        self.expect(status in LIFECYCLE.statuses, f"status {status!r} is not a lifecycle status", "AXP-LC-001")
        reason = doc.get("waiting_reason")
        if status == LIFECYCLE.waiting_status:
            self.expect(reason in LIFECYCLE.waiting_reasons, f"a WAITING intent has waiting_reason {reason!r}", "AXP-LC-004")
        else:
            self.expect(reason is None, f"a {status} intent carries waiting_reason {reason!r}", "AXP-LC-005")
        if "lifecycle_status" in doc:
            self.expect(
                doc["lifecycle_status"] == status,
                f"lifecycle_status {doc['lifecycle_status']} differs from status {status}",
                "AXP-API-002",
            )

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

    def unless_log_moved(self, intent_id: str, attempt: Callable[[], tuple[bool, T]], tries: int = 4) -> tuple[bool, T]:
        """``attempt()`` → (passed, what it saw), taken again while it fails and the intent's log grew
        meanwhile, at most ``tries`` times. Why: an intent addressed to the shared agent may be handed
        over (SUBMITTED → DELIVERED) by another check's reader at any moment; a measurement that a
        hand-over crossed proves nothing, while one that fails over a log that stood still is a failure."""
        for n in range(tries):
            before = self.intent(intent_id)["last_seq"]
            passed, seen = attempt()
            if passed or n == tries - 1 or self.intent(intent_id)["last_seq"] == before:
                return passed, seen
        raise AssertionError("unreachable")  # tries >= 1

    def wait_events(self, intent_id: str, done: Callable[[list[dict[str, Any]]], bool], timeout: float) -> list[dict[str, Any]]:
        """Poll the event list until ``done(events)`` or ``timeout`` seconds; returns the last list."""
        deadline = time.monotonic() + timeout
        events = self.events(intent_id)
        while not done(events) and time.monotonic() < deadline:
            time.sleep(0.1)
            events = self.events(intent_id)
        return events

    def agent_path(self, suffix: str, address: str | None = None) -> str:
        return "/v1/agents/" + (address or self.target.agent_address).removeprefix("agent://") + suffix

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
        frames as dicts plus the raw text. A frame's data lines are joined by newlines (as the SSE
        spec says) and ``":data_lines"`` counts them.

        ``until`` is asked only when the text read so far ends with a whole frame: a network read
        can end in the middle of one (a large record, a busy machine), and a window cut there would
        hand the check half a frame whose data is not JSON."""
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
                whole = raw.endswith(("\n\n", "\r\r", "\r\n\r\n"))
                if time.monotonic() - started > limit or (until is not None and whole and until(raw)):
                    break
        if self.exchanges and self.exchanges[-1].response is response:
            self.exchanges[-1].stream_text = raw
        for block in raw.replace("\r\n", "\n").split("\n\n"):
            fields: dict[str, str] = {}
            data: list[str] = []
            for line in block.split("\n"):
                if not line or line.startswith(":"):
                    continue
                name, _, value = line.partition(":")
                value = value[1:] if value.startswith(" ") else value
                if name == "data":
                    data.append(value)
                else:
                    fields[name] = value
            if data:
                fields["data"] = "\n".join(data)
                fields[":data_lines"] = str(len(data))
            if fields:
                frames.append(fields)
        return response, frames, raw

    def stream_events(self, frames: list[dict[str, str]], intent_id: str | None = None) -> list[dict[str, Any]]:
        """The intent events of an intent stream's frames (remembered for AXP-EV-006)."""
        out: list[dict[str, Any]] = []
        for frame in frames:
            if frame.get("event", "").startswith("intent.") and "data" in frame:
                try:
                    out.append(json.loads(frame["data"]))
                except ValueError:
                    self.fail(f"a frame's data is not JSON: {frame['data'][:200]!r}", "AXP-SSE-002")
        if intent_id is not None:
            self.observe(intent_id, out)
        return out

    def poll_until(self, intent_id: str, who: str = "agent", address: str | None = None) -> dict[str, Any] | None:
        """Poll the agent's deliveries (from the run's last known cursor) until ``intent_id`` shows up;
        the record, or None when the pages ran out first."""
        address = address or (self.target.agent_address if who != "agent2" else self.target.agent2_address)
        path = self.agent_path("/intents", address)
        with self.target.state.lock:
            cursor = self.target.state.agent_cursors.get(address, 0)
        for _ in range(200):
            response = self.http(who).get(path, params={"since": cursor, "limit": 200})
            self.expect(response.status_code == 200, f"poll answered {response.status_code}", "AXP-DLV-008")
            page = self.json_of(response, "AXP-DLV-008")
            self.schema("agent_poll_response", page, "AXP-DLV-008")
            found = next((d for d in page["deliveries"] if d["intent_id"] == intent_id), None)
            if found is not None:
                return dict(found)
            if page["next_cursor"] == cursor or not page["deliveries"]:
                return None
            cursor = page["next_cursor"]
            with self.target.state.lock:
                self.target.state.agent_cursors[address] = max(cursor, self.target.state.agent_cursors.get(address, 0))
        return None


def text_of(response: httpx.Response) -> str:
    """The answer's text, or what it was when it was a stream already consumed."""
    try:
        return response.text
    except httpx.ResponseNotRead:
        return f"(a {response.headers.get('content-type', '?')} stream)"


def explain(schema_name: str, value: Any, issue: ValidationIssue) -> tuple[str, str | None]:
    """A schema failure in words, and the requirement it breaks when the failing field names one.

    For ``anyOf``/``oneOf`` the engine only says "no branch matched"; jsonschema's ``best_match``
    finds the branch that came closest and the error inside it, which names the real problem (a
    WAITING intent whose waiting_reason is misspelt, rather than "not valid under any schema")."""
    where = issue.pointer or "/"
    if issue.rule not in ("anyOf", "oneOf"):
        return f"{where}: {issue.message}", issue.requirement
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    from axp import schemas
    from axp.validate.requirements_map import requirement_for

    engine = Draft202012Validator(
        schemas.get(schema_name), registry=schemas.referencing_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    best = best_match(engine.iter_errors(value))
    if best is None:
        return f"{where}: {issue.message}", issue.requirement
    inner = "".join(f"/{p}" for p in best.absolute_path) or "/"
    field = next((str(p) for p in reversed(best.absolute_path) if isinstance(p, str)), None)
    rule = requirement_for(field, str(best.validator)) or issue.requirement
    return f"{where}: no {issue.rule} branch matched; the closest fails at {inner}: {best.message}", rule
