"""Same-origin SSE endpoints that keep the console's pages live.

A browser's ``EventSource`` cannot send ``x-api-key``, so the console relays with the session's key:

- an intent's timeline relays the API's own event stream (``GET /v1/intents/{id}/events/stream``,
  window after window, resuming from the last seq), each event rendered as the page renders it;
- the intents list and the human-task inbox have no stream in the API, so they re-read the list
  operation: the list from the last two pages it knows (where new intents appear), the inbox whole.

Each relay sends HTML fragments rendered by the same Jinja macros as the page (escaped the same
way), and ``id:`` lines a reconnecting browser hands back as ``Last-Event-ID``.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import time
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from sse_starlette.sse import EventSourceResponse
from starlette.requests import Request
from starlette.responses import Response

from axp.client import AsyncClient, AxpError
from axp.console import views
from axp.lifecycle import LIFECYCLE

if TYPE_CHECKING:
    from axp.console.app import Console
    from axp.console.sessions import Session

LIST_POLL_SECONDS = 0.25  # "a new intent appears within a second"
TAIL_PAGE = 50  # the list relay re-reads the last two pages of this size: the newest 50..100 (a view shows 25)
INBOX_POLL_SECONDS = 1.0
COUNTS_EVERY_SECONDS = 2.0  # a full re-read for the counts, at most this often while things change
WINDOW_SECONDS = 30.0  # a polling relay ends after this; the browser reconnects with Last-Event-ID
RETRY_MS = 500


def list_state(token: str, watch: str | None) -> str:
    """The list relay's resume point as one opaque, URL- and header-safe string."""
    raw = json.dumps({"since": token, "watch": watch}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _parse_state(text: str) -> tuple[str, str | None]:
    try:
        raw = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (binascii.Error, ValueError):
        return "", None
    if not isinstance(raw, dict):
        return "", None
    since, watch = raw.get("since"), raw.get("watch")
    return (since if isinstance(since, str) else ""), (watch if isinstance(watch, str) else None)


def _frame(event: str, data: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
    frame: dict[str, Any] = {"event": event, "data": json.dumps(data, separators=(",", ":")), "retry": RETRY_MS}
    if event_id is not None:
        frame["id"] = event_id
    return frame


def _stream(frames: AsyncIterator[dict[str, Any]]) -> Response:
    return EventSourceResponse(frames, ping=10, headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


def _macros(console: Console) -> Any:
    return console.templates.env.get_template("_macros.html").module


async def intents_stream(request: Request, session: Session) -> Response:
    console: Console = request.state.console
    filters, _ = views.Filters.of(request.query_params)
    since, watch = _parse_state(request.headers.get("last-event-id") or request.query_params.get("state", ""))
    ui = console.ui(request, session)
    macros = _macros(console)

    async def frames() -> AsyncIterator[dict[str, Any]]:
        nonlocal since, watch
        known: dict[str, tuple[Any, ...]] = {}
        first = True
        counts_at = 0.0
        counts_due = False
        counting: asyncio.Task[tuple[dict[str, int], float]] | None = None
        ends = time.monotonic() + WINDOW_SECONDS

        async def count(api: AsyncClient) -> tuple[dict[str, int], float]:
            began = time.monotonic()
            everything = await views.scan(api, filters.api_params())
            return views.counts(everything.intents, filters), time.monotonic() - began

        async with console.api(request, session.key) as api:
            try:
                while time.monotonic() < ends:
                    try:
                        found = await views.scan(api, filters.api_params(), cursor=watch, limit=TAIL_PAGE)
                    except AxpError as exc:
                        yield _frame("problem", {"message": f"{exc.code}: the list could not be read"})
                        return
                    changed = []
                    for intent in found.intents:
                        mark = (intent.get("updated_at"), intent.get("last_seq"), intent.get("status"))
                        fresh = views.changed_since(intent, since) if first else known.get(intent["intent_id"]) != mark
                        known[intent["intent_id"]] = mark
                        if fresh and filters.matches(intent, with_status=False):
                            changed.append(intent)
                    first = False
                    watch = views.watch_cursor(found) if len(found.cursors) >= 2 else watch
                    since = max(since, views.newest_update(found.intents), key=views.instant)
                    state = list_state(since, watch)
                    for intent in changed:
                        html = str(macros.row(ui, intent))
                        data = {"intent_id": intent["intent_id"], "status": intent["status"], "matches": filters.matches(intent)}
                        yield _frame("intent", {**data, "html": html}, state)
                    # Counts need the whole list: re-read it beside the polling, never in its way, and
                    # wait in proportion to what a re-read cost before the next one.
                    counts_due = counts_due or bool(changed)
                    if counting is not None and counting.done():
                        finished, counting = counting, None
                        if finished.exception() is None:
                            counts, spent = finished.result()
                            yield _frame("counts", {"counts": counts}, state)
                            counts_at = time.monotonic() + max(COUNTS_EVERY_SECONDS, 10 * spent)
                    if counts_due and counting is None and time.monotonic() >= counts_at:
                        counting, counts_due = asyncio.create_task(count(api)), False
                    await asyncio.sleep(LIST_POLL_SECONDS)
            finally:
                if counting is not None:
                    counting.cancel()

    return _stream(frames())


async def intent_stream(request: Request, session: Session) -> Response:
    console: Console = request.state.console
    intent_id = str(request.path_params["intent_id"])
    raw = (request.headers.get("last-event-id") or request.query_params.get("since", "0")).strip()
    since = int(raw) if raw.isdigit() and len(raw) < 19 else 0
    ui = console.ui(request, session)
    macros = _macros(console)

    async def frames() -> AsyncIterator[dict[str, Any]]:
        async with console.api(request, session.key) as api:
            try:
                intent = await api.get_intent(intent_id)
                if LIFECYCLE.is_terminal(intent["status"]) and since >= int(intent.get("last_seq", 0)):
                    yield _frame("end", {"status": intent["status"]})
                    return
                async for event in api.observe(intent_id, since=since, wait_seconds=15):
                    intent = await api.get_intent(intent_id)
                    events = await api.list_events(intent_id)
                    data = {
                        "seq": event["seq"],
                        "status": event["status"],
                        "item": str(macros.event_item(ui, event)),
                        "state": str(macros.state(ui, intent, events)),
                        "actions": str(macros.actions(ui, intent, {})),
                        "sig": ",".join(ui["viewer"].actions(intent)),
                    }
                    yield _frame("lifecycle", data, str(event["seq"]))
            except AxpError as exc:
                yield _frame("problem", {"message": f"{exc.code}: the timeline stopped"})
                return
            yield _frame("end", {"status": intent["status"]})

    return _stream(frames())


async def inbox_stream(request: Request, session: Session) -> Response:
    console: Console = request.state.console
    ui = console.ui(request, session)
    macros = _macros(console)

    async def frames() -> AsyncIterator[dict[str, Any]]:
        previous: list[str] | None = None
        ends = time.monotonic() + WINDOW_SECONDS
        async with console.api(request, session.key) as api:
            while time.monotonic() < ends:
                try:
                    tasks = await views.human_tasks(api, ui["viewer"])
                except AxpError as exc:
                    yield _frame("problem", {"message": f"{exc.code}: the inbox could not be read"})
                    return
                ids = [t["intent_id"] for t in tasks]
                if ids != previous:
                    old = set(previous or [])
                    fresh = [t for t in tasks if t["intent_id"] not in old]
                    cards = {t["intent_id"]: str(macros.task_card(ui, t, {}, "inbox")) for t in fresh}
                    yield _frame("tasks", {"ids": ids, "cards": cards})
                    previous = ids
                await asyncio.sleep(INBOX_POLL_SECONDS)

    return _stream(frames())
