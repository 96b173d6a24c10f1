"""``axp intents``: send, read, follow and act on intents of any AXP server from the shell.

The server comes from ``--url``/``--api-key`` or ``AXP_URL``/``AXP_API_KEY``. Text output is for
people, ``--json`` for scripts (``watch --json`` writes one event per line, as it arrives).

Exit codes: 0 done (``watch``: the intent COMPLETED), 1 ``watch`` saw FAILED, CANCELED or TIMED_OUT,
2 bad input, an unreachable server or a refusal by the server, 124 ``watch --timeout`` ran out.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click
import httpx

from axp import jsontext
from axp.cli import UnusableInput
from axp.client import AxpError, Client, WaitTimeout
from axp.lifecycle import LIFECYCLE

F = TypeVar("F", bound=Callable[..., Any])
EXIT_TIMEOUT = 124  # what `timeout(1)` exits with: the command gave up waiting


class Refused(click.ClickException):
    """The server could not be reached or refused the request: exit 2, one line."""

    exit_code = 2


class Unfinished(click.ClickException):
    exit_code = EXIT_TIMEOUT


@click.group(name="intents")
@click.option("--url", envvar="AXP_URL", metavar="URL", help="The AXP server (default: $AXP_URL).")
@click.option("--api-key", envvar="AXP_API_KEY", metavar="KEY", help="The API key to act with (default: $AXP_API_KEY).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (watch: one event per line) instead of text.")
@click.option(
    "--request-timeout", default=30.0, show_default=True, type=click.FloatRange(0, min_open=True), help="Seconds per request."
)
@click.pass_context
def command(ctx: click.Context, url: str | None, api_key: str | None, as_json: bool, request_timeout: float) -> None:
    """Send, read, follow and act on intents of any AXP server."""
    ctx.obj = {"url": url, "api_key": api_key, "json": as_json, "timeout": request_timeout}


@contextmanager
def _client(ctx: click.Context) -> Iterator[Client]:
    """A client for the chosen server; its refusals and transport failures become one line."""
    options = ctx.find_object(dict) or {}
    url, key = options.get("url"), options.get("api_key")
    if not url:
        raise click.UsageError("no server: pass --url URL or set AXP_URL")
    if not url.startswith(("http://", "https://")):
        raise click.UsageError(f"{url!r} is not a server URL: give one like http://127.0.0.1:8080")
    if not key:
        raise click.UsageError("no API key: pass --api-key KEY or set AXP_API_KEY")
    try:
        with Client(url, key, timeout=options.get("timeout", 30.0)) as client:
            yield client
    except AxpError as exc:
        message = (exc.body.get("error") or {}).get("message") if isinstance(exc.body.get("error"), dict) else None
        raise Refused(f"the server answered {exc.status} {exc.code}" + (f": {message}" if message else "")) from None
    except httpx.TransportError as exc:
        raise Refused(f"cannot reach {url}: {exc or type(exc).__name__}") from None


def _json_option(value: str | None, what: str) -> Any:
    """A JSON argument: inline text, ``@file`` or ``-`` for stdin; strict JSON, an object."""
    if value is None:
        return None
    if value == "-":
        text = sys.stdin.read()
    elif value.startswith("@"):
        try:
            text = Path(value[1:]).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UnusableInput(f"{value[1:]}: cannot read {what} ({getattr(exc, 'strerror', None) or exc})") from None
    else:
        text = value
    try:
        parsed = jsontext.loads(text)
    except jsontext.JSONTextError as exc:
        raise click.UsageError(f"{what} is not JSON: {exc.located()}") from None
    if not isinstance(parsed, dict):
        raise click.UsageError(f"{what} must be a JSON object")
    return parsed


def _emit(ctx: click.Context, value: Any, text: str) -> None:
    click.echo(json.dumps(value, ensure_ascii=False) if (ctx.find_object(dict) or {}).get("json") else text)


def _event_line(event: dict[str, Any]) -> str:
    reason = f" ({event['waiting_reason']})" if event.get("waiting_reason") else ""
    return (
        f"{event.get('seq', '?'):>4}  {event.get('at', '')}  {event.get('event_type', ''):<28} {event.get('status', '')}{reason}"
    )


def _write_result(ctx: click.Context, answer: dict[str, Any]) -> None:
    intent = answer.get("intent") or {}
    event = answer.get("event")
    if event:
        text = f"{intent.get('status', '')} (event {event.get('seq')} {event.get('event_type')})"
    else:
        text = f"{intent.get('status', '')} (nothing changed)"
    _emit(ctx, answer, text)


@command.command(name="send")
@click.argument("intent_type")
@click.argument("to_agent")
@click.option("--payload", metavar="JSON|@FILE|-", default="{}", show_default=True, help="The payload object.")
@click.option("--correlation-id", help="Default: a new UUID.")
@click.option("--idempotency-key", help="Default: a new one per command (retries inside it are safe).")
@click.option("--field", "fields", metavar="JSON|@FILE", help="More create fields as an object (deadline_at, human_task, ...).")
@click.pass_context
def send_cmd(
    ctx: click.Context,
    intent_type: str,
    to_agent: str,
    payload: str,
    correlation_id: str | None,
    idempotency_key: str | None,
    fields: str | None,
) -> None:
    """Create an intent; prints its id (--json: the create answer)."""
    body = _json_option(payload, "--payload")
    extra = _json_option(fields, "--field") or {}
    with _client(ctx) as client:
        created = client.create_intent(
            intent_type, to_agent, body, correlation_id=correlation_id, idempotency_key=idempotency_key, **extra
        )
    _emit(ctx, created, str(created.get("intent_id")))


@command.command(name="get")
@click.argument("intent_id")
@click.pass_context
def get_cmd(ctx: click.Context, intent_id: str) -> None:
    """Show an intent."""
    with _client(ctx) as client:
        intent = client.get_intent(intent_id)
    shown = ("intent_id", "status", "waiting_reason", "intent_type", "to_agent", "from_agent", "correlation_id")
    lines = [f"{name:<15} {intent[name]}" for name in (*shown, "created_at", "updated_at") if intent.get(name) is not None]
    _emit(ctx, intent, "\n".join(lines))


@command.command(name="events")
@click.argument("intent_id")
@click.option("--since", default=0, show_default=True, type=click.IntRange(0), help="Only events after this seq.")
@click.pass_context
def events_cmd(ctx: click.Context, intent_id: str, since: int) -> None:
    """List an intent's events so far."""
    with _client(ctx) as client:
        events = client.list_events(intent_id, since=since)
    if (ctx.find_object(dict) or {}).get("json"):
        click.echo(json.dumps(events, ensure_ascii=False))
    else:
        for event in events:
            click.echo(_event_line(event))


@command.command(name="watch")
@click.argument("intent_id")
@click.option("--since", default=0, show_default=True, type=click.IntRange(0), help="Only events after this seq.")
@click.option("--timeout", type=click.FloatRange(0, min_open=True), help="Give up after this many seconds (exit 124).")
@click.option("--wait-seconds", default=15, show_default=True, type=click.IntRange(1, 60), help="Length of one SSE window.")
@click.pass_context
def watch_cmd(ctx: click.Context, intent_id: str, since: int, timeout: float | None, wait_seconds: int) -> None:
    """Print an intent's events as they happen, until it ends. Exit 0 COMPLETED; 1 FAILED,
    CANCELED or TIMED_OUT."""
    as_json = (ctx.find_object(dict) or {}).get("json")
    last: dict[str, Any] | None = None
    with _client(ctx) as client:
        try:
            for event in client.observe(intent_id, since=since, wait_seconds=wait_seconds, timeout=timeout):
                last = event
                click.echo(json.dumps(event, ensure_ascii=False) if as_json else _event_line(event))
        except WaitTimeout:
            raise Unfinished(f"{intent_id} did not finish within {timeout:g}s") from None
    status = (last or {}).get("status")
    if status is None or not LIFECYCLE.is_terminal(status):
        return  # nothing after --since: it had already ended
    ctx.exit(0 if status == "COMPLETED" else 1)


@command.command(name="resolve")
@click.argument("intent_id")
@click.argument("status", type=click.Choice(["COMPLETED", "FAILED", "CANCELED"]))
@click.option("--result", metavar="JSON|@FILE|-", help="The result object (COMPLETED).")
@click.option("--error", "error_detail", metavar="JSON|@FILE|-", help="The error object, {code, message} (FAILED).")
@click.option("--reason")
@click.option("--idempotency-key", help="Makes the write safe to retry.")
@click.pass_context
def resolve_cmd(
    ctx: click.Context,
    intent_id: str,
    status: str,
    result: str | None,
    error_detail: str | None,
    reason: str | None,
    idempotency_key: str | None,
) -> None:
    """Write a terminal status."""
    with _client(ctx) as client:
        answer = client.resolve(
            intent_id,
            status,
            result=_json_option(result, "--result"),
            error=_json_option(error_detail, "--error"),
            reason=reason,
            idempotency_key=idempotency_key,
        )
    _write_result(ctx, answer)


@command.command(name="cancel")
@click.argument("intent_id")
@click.option("--reason")
@click.option("--idempotency-key", help="Makes the write safe to retry.")
@click.pass_context
def cancel_cmd(ctx: click.Context, intent_id: str, reason: str | None, idempotency_key: str | None) -> None:
    """Cancel an intent."""
    with _client(ctx) as client:
        answer = client.cancel(intent_id, reason, idempotency_key=idempotency_key)
    _write_result(ctx, answer)


@command.command(name="resume")
@click.argument("intent_id")
@click.option("--body", metavar="JSON|@FILE|-", help="The whole resume body.")
@click.option("--action", help="start, wait, complete or fail (resume_request.json).")
@click.option("--result", metavar="JSON|@FILE|-", help="The result object (complete).")
@click.option("--task-result", metavar="JSON|@FILE|-", help="A person's answer to a human task.")
@click.option("--reason")
@click.option("--idempotency-key", help="Makes the write safe to retry.")
@click.pass_context
def resume_cmd(
    ctx: click.Context,
    intent_id: str,
    body: str | None,
    action: str | None,
    result: str | None,
    task_result: str | None,
    reason: str | None,
    idempotency_key: str | None,
) -> None:
    """Report progress as the addressed agent, or answer a human task."""
    fields = {
        "action": action,
        "result": _json_option(result, "--result"),
        "task_result": _json_option(task_result, "--task-result"),
        "reason": reason,
    }
    with _client(ctx) as client:
        answer = client.resume(
            intent_id,
            _json_option(body, "--body"),
            idempotency_key=idempotency_key,
            **{k: v for k, v in fields.items() if v is not None},
        )
    _write_result(ctx, answer)
