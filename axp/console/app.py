"""The console's pages and form posts (mounted at ``/ui`` by ``axp serve``).

Every page is rendered on the server from API answers obtained with the signed-in key (see
``views``); forms post here, and the handler makes the matching API write with that key. A write
must carry the session's CSRF token and come from this origin; each rendered form also carries a
fresh Idempotency-Key, so a double-submitted form acts once.
"""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import Any
from urllib.parse import quote

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from axp.client import AsyncClient, AxpError
from axp.console import forms, live, render, views
from axp.console.sessions import (
    COOKIE,
    SIGNIN_COOKIE,
    Session,
    Sessions,
    clear_cookie,
    same_origin,
    same_token,
    set_cookie,
)
from axp.console.transport import InProcessTransport
from axp.lifecycle import LIFECYCLE
from axp.schemas import get as get_schema
from axp.server.config import KeyRing, Principal
from axp.server.service import DEFAULT_OUTCOMES

API_APP = "axp.console.api"  # scope key: the ASGI app that serves the API this console talks to
PROBE_ID = "00000000-0000-4000-8000-000000000000"  # no intent has it: 404 proves a key, 401 refuses it
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]

RESOLVE_STATUSES = tuple(get_schema("common")["$defs"]["TerminalResolveStatus"]["enum"])
Identify = Callable[[str], tuple[str, str] | None]  # API key -> (role, address), or None if unknown


class ConsoleError(HTTPException):
    """A page the console cannot show; rendered as an HTML error page, never a traceback."""


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("axp.console", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    render.register(env)
    env.globals.update(
        statuses=LIFECYCLE.statuses,
        terminal=LIFECYCLE.terminal,
        resolve_statuses=RESOLVE_STATUSES,
        fields_for=forms.fields_for,
        default_outcomes=DEFAULT_OUTCOMES,
    )
    return env


class Console:
    """The console as an ASGI app; it remembers which app serves the API (the one it is mounted in)."""

    def __init__(self, identify: Identify) -> None:
        self.identify = identify
        self.sessions = Sessions()
        self.templates = Jinja2Templates(env=_environment())
        self.app = Starlette(
            routes=self._routes(),
            exception_handlers={HTTPException: self._error_page, Exception: self._error_page},
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope = {**scope, API_APP: scope["app"]}  # the app this console is mounted in serves the API

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, secured)

    def _routes(self) -> list[Any]:
        static = StaticFiles(directory=str(files("axp.console") / "static"))
        page = self._page
        return [
            Route("/", self.home, methods=["GET"]),
            Route("/signin", self.signin_form, methods=["GET"]),
            Route("/signin", self.signin, methods=["POST"]),
            Route("/signout", self.signout, methods=["POST"]),
            Route("/intents", page(self.intents), methods=["GET"]),
            Route("/open", page(self.open_intent), methods=["GET"]),
            Route("/intents/{intent_id}", page(self.intent), methods=["GET"]),
            Route("/intents/{intent_id}/{action}", page(self.act), methods=["POST"]),
            Route("/inbox", page(self.inbox), methods=["GET"]),
            Route("/live/intents", page(live.intents_stream), methods=["GET"]),
            Route("/live/intents/{intent_id}", page(live.intent_stream), methods=["GET"]),
            Route("/live/inbox", page(live.inbox_stream), methods=["GET"]),
            Mount("/static", app=static, name="static"),
        ]

    # ---- plumbing ---------------------------------------------------------------------------------
    @staticmethod
    def base(request: Request) -> str:
        return str(request.scope.get("root_path") or "")

    @asynccontextmanager
    async def api(self, request: Request, key: str) -> AsyncIterator[AsyncClient]:
        """An AXP client with ``key``, talking to the API app in this process (streaming answers)."""
        transport = InProcessTransport(request.scope[API_APP])
        async with AsyncClient("http://axp.console", key, transport=transport, max_retries=1, timeout=60.0) as client:
            yield client

    def ui(self, request: Request, session: Session) -> dict[str, Any]:
        """What every template and live fragment needs about the page and the viewer."""
        return {
            "base": self.base(request),
            "csrf": session.csrf,
            "viewer": views.Viewer(session.role, session.address, session.capabilities),
            "idem": lambda: str(uuid.uuid4()),
        }

    def render(self, request: Request, name: str, status: int = 200, **context: Any) -> Response:
        session: Session | None = context.pop("session", None)
        context.setdefault("ui", self.ui(request, session) if session else {"base": self.base(request)})
        context.setdefault("flash", session.take_flash() if session else [])
        context["session"] = session
        context.setdefault("active", "")
        response = self.templates.TemplateResponse(request, name, context, status_code=status)
        response.headers["cache-control"] = "no-store"
        return response

    def _page(self, handler: Callable[[Request, Session], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
        """Pages need a session: without one, go to sign-in (live streams answer 401: nobody to redirect)."""

        async def wrapped(request: Request) -> Response:
            session = self.sessions.of(request)
            if session is None:
                if request.url.path.startswith(self.base(request) + "/live/"):
                    return Response("signed out", status_code=401, media_type="text/plain")
                target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                return RedirectResponse(f"{self.base(request)}/signin?next={quote(target, safe='')}", status_code=303)
            request.state.console = self
            request.state.session = session
            try:
                return await handler(request, session)
            except AxpError as exc:
                if exc.status == 401:  # the key stopped working (server restarted with other keys)
                    self.sessions.drop(session.sid)
                    return RedirectResponse(f"{self.base(request)}/signin", status_code=303)
                raise ConsoleError(exc.status, api_message(exc)) from None

        return wrapped

    async def _error_page(self, request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        detail = exc.detail if isinstance(exc, HTTPException) else "the console hit an unexpected error"
        if status == 404 and not isinstance(exc, ConsoleError):
            detail = "There is no console page here."
        session = self.sessions.of(request)
        return self.render(request, "error.html", status=status, session=session, status_code=status, detail=detail)

    async def form(self, request: Request, session: Session | None) -> forms.FormData:
        """The posted form, once it is known to come from this console's own page."""
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > forms.MAX_FORM_BYTES:
                raise ConsoleError(413, "The form is larger than the console accepts (1 MiB).")
        data = forms.FormData.parse(body)
        expected = session.csrf if session else request.cookies.get(SIGNIN_COOKIE, "")
        if not same_origin(request) or not same_token(expected, data.get("csrf")):
            raise ConsoleError(403, "This form's security token does not match your session. Reload the page and try again.")
        return data

    # ---- sign-in / sign-out -------------------------------------------------------------------
    async def home(self, request: Request) -> Response:
        return RedirectResponse(f"{self.base(request)}/intents", status_code=303)

    def _next(self, request: Request, raw: str) -> str:
        base = self.base(request)
        return raw if raw.startswith(base + "/") and not raw.startswith("//") and "\\" not in raw else f"{base}/intents"

    async def signin_form(self, request: Request, problem: str = "", status: int = 200, next_url: str = "") -> Response:
        token = request.cookies.get(SIGNIN_COOKIE) or secrets.token_urlsafe(32)  # several sign-in tabs share one
        next_url = self._next(request, next_url or request.query_params.get("next", ""))
        response = self.render(request, "signin.html", status=status, token=token, next_url=next_url, problem=problem)
        set_cookie(response, request, SIGNIN_COOKIE, token)
        return response

    async def signin(self, request: Request) -> Response:
        data = await self.form(request, None)
        key, next_url = data.get("api_key").strip(), data.get("next")
        if not key:
            return await self.signin_form(request, "Enter an API key.", 400, next_url)
        async with self.api(request, key) as api:
            try:
                await api.get_intent(PROBE_ID)
            except AxpError as exc:
                if exc.status == 401:
                    return await self.signin_form(request, "This API key was refused by the server.", 401, next_url)
                if exc.code != "intent_not_found":
                    problem = f"The server could not check the key: {api_message(exc)}"
                    return await self.signin_form(request, problem, 502, next_url)
            capabilities = frozenset((await api.capabilities()).get("capabilities", []))
        role, address = self.identify(key) or ("unknown", "")
        session = self.sessions.create(key, role, address, capabilities)
        response = RedirectResponse(self._next(request, next_url), status_code=303)
        set_cookie(response, request, COOKIE, session.sid)
        clear_cookie(response, request, SIGNIN_COOKIE)
        return response

    async def signout(self, request: Request) -> Response:
        session = self.sessions.of(request)
        if session is not None:
            await self.form(request, session)
            self.sessions.drop(session.sid)
        response = RedirectResponse(f"{self.base(request)}/signin", status_code=303)
        clear_cookie(response, request, COOKIE)
        return response

    # ---- intents ------------------------------------------------------------------------------
    async def intents(self, request: Request, session: Session) -> Response:
        filters, problem = views.Filters.of(request.query_params)
        if "intents.list" not in session.capabilities:
            return self.render(request, "intents.html", session=session, filters=filters, unlisted=True, problem=problem)
        async with self.api(request, session.key) as api:
            try:
                found = await views.scan(api, filters.api_params())
            except AxpError as exc:
                if exc.status == 401:
                    raise
                refused = "; ".join(filter(None, [problem, api_message(exc)]))
                empty = {"rows": [], "counts": {}, "total": 0, "page": 1, "pages": 1, "found": views.Scan(), "live_url": ""}
                context = {"filters": filters, "unlisted": False, "problem": refused, **empty}
                return self.render(request, "intents.html", status=exc.status, session=session, **context)
        rows = [i for i in views.newest_first(found.intents) if filters.matches(i)]
        pages = max(1, -(-len(rows) // views.PAGE_SIZE))
        page = min(filters.page, pages)
        start = (page - 1) * views.PAGE_SIZE
        live_query = filters.query(page=1) + "&" if filters.query(page=1) else ""
        live_state = live.list_state(views.newest_update(found.intents), views.watch_cursor(found))
        return self.render(
            request,
            "intents.html",
            session=session,
            filters=filters,
            unlisted=False,
            problem=problem,
            rows=rows[start : start + views.PAGE_SIZE],
            counts=views.counts(found.intents, filters),
            total=len(rows),
            page=page,
            pages=pages,
            found=found,
            live_url=f"{self.base(request)}/live/intents?{live_query}state={quote(live_state)}" if page == 1 else "",
        )

    async def open_intent(self, request: Request, session: Session) -> Response:
        intent_id = request.query_params.get("intent_id", "").strip()
        try:
            uuid.UUID(intent_id)
        except ValueError:
            session.flash.append(("error", f"{intent_id!r} is not an intent id (a UUID)."))
            return RedirectResponse(f"{self.base(request)}/intents", status_code=303)
        return RedirectResponse(f"{self.base(request)}/intents/{intent_id.lower()}", status_code=303)

    async def intent(self, request: Request, session: Session, task_form: dict[str, Any] | None = None) -> Response:
        intent_id = str(request.path_params["intent_id"])
        async with self.api(request, session.key) as api:
            try:
                intent = await api.get_intent(intent_id)
                events = await api.list_events(intent_id)
            except AxpError as exc:
                if exc.code == "intent_not_found":
                    raise ConsoleError(404, "No intent with this id is visible to your key.") from None
                raise
        return self.render(
            request,
            "intent.html",
            status=422 if task_form else 200,
            session=session,
            intent=intent,
            events=events,
            task_form=task_form or {},
            live_url=f"{self.base(request)}/live/intents/{intent['intent_id']}?since={events[-1]['seq'] if events else 0}",
        )

    async def inbox(self, request: Request, session: Session, task_form: dict[str, Any] | None = None) -> Response:
        viewer = self.ui(request, session)["viewer"]
        listed = "intents.list" in session.capabilities
        tasks = []
        if listed:
            async with self.api(request, session.key) as api:
                tasks = await views.human_tasks(api, viewer)
        return self.render(
            request,
            "inbox.html",
            status=422 if task_form else 200,
            session=session,
            tasks=tasks,
            listed=listed,
            task_form=task_form or {},
            live_url=f"{self.base(request)}/live/inbox" if listed else "",
        )

    # ---- writes -------------------------------------------------------------------------------
    async def act(self, request: Request, session: Session) -> Response:
        intent_id = str(request.path_params["intent_id"])
        action = str(request.path_params["action"])
        writers = {"cancel": cancel_body, "resolve": resolve_body, "controls": controls_body, "answer": None}
        if action not in writers:
            raise ConsoleError(404, "There is no such action.")
        data = await self.form(request, session)
        back = data.get("back")
        target = f"{self.base(request)}/inbox" if back == "inbox" else f"{self.base(request)}/intents/{intent_id}"
        async with self.api(request, session.key) as api:
            if action == "answer":
                return await self._answer(request, session, api, intent_id, data, back)
            body, problem = writers[action](data)  # type: ignore[misc]
            if problem:
                session.flash.append(("error", f"Nothing was sent: {problem}"))
                return RedirectResponse(target, status_code=303)
            key = data.get("idem") or None
            try:
                if action == "cancel":
                    await api.cancel(intent_id, body.get("reason"), idempotency_key=key)
                elif action == "resolve":
                    await api.resolve(intent_id, idempotency_key=key, **body)
                else:
                    await api.update_controls(intent_id, idempotency_key=key, patch=body.pop("controls_patch"), **body)
            except AxpError as exc:
                if exc.status == 401:
                    raise
                session.flash.append(("error", f"The server refused to {action}: {api_message(exc)}"))
                return RedirectResponse(target, status_code=303)
        done = {"cancel": "Intent canceled.", "resolve": "Intent resolved.", "controls": "Controls updated."}
        session.flash.append(("ok", done[action]))
        return RedirectResponse(target, status_code=303)

    async def _answer(
        self, request: Request, session: Session, api: AsyncClient, intent_id: str, data: forms.FormData, back: str
    ) -> Response:
        """Resume a human task with the task_result built from the form (AXP-HT-*): the platform checks it too."""
        intent = await api.get_intent(intent_id)
        task = intent.get("human_task") or {}
        fields = forms.fields_for(task)
        errors: dict[str, str] = {}
        result: dict[str, Any] = {"outcome": data.get("outcome")}
        comment = data.get("comment").strip()
        if comment:
            result["comment"] = comment
        elif task.get("required_comment"):
            errors["comment"] = "a comment is required"
        payload = forms.parse(fields, data, errors)
        if payload or task.get("form_schema") or task.get("evidence_required"):
            result["data"] = payload
        top: list[str] = []
        if not errors:
            try:
                await api.resume(intent_id, {"task_result": result}, idempotency_key=data.get("idem") or None)
            except AxpError as exc:
                if exc.status == 401:
                    raise
                top = place_errors(exc, fields, errors)
            else:
                session.flash.append(("ok", f"Answered “{task.get('title', intent_id)}”: {result['outcome']}."))
                target = "inbox" if back == "inbox" else f"intents/{intent_id}"
                return RedirectResponse(f"{self.base(request)}/{target}", status_code=303)
        state = {"intent_id": intent_id, "values": data.as_values(), "errors": errors, "top": top}
        if back == "inbox":
            return await self.inbox(request, session, task_form=state)
        return await self.intent(request, session, task_form=state)


def api_message(exc: AxpError) -> str:
    error = exc.body.get("error") if isinstance(exc.body, dict) else None
    message = error.get("message") if isinstance(error, dict) else None
    return f"{exc.code} (HTTP {exc.status}): {message or 'no message'}"


def place_errors(exc: AxpError, fields: list[forms.Field], errors: dict[str, str]) -> list[str]:
    """Put the platform's per-pointer errors next to their fields; what fits no field is returned."""
    error = exc.body.get("error") if isinstance(exc.body, dict) else {}
    details = (error or {}).get("details") or {}
    top = []
    for item in details.get("errors", []) if isinstance(details, dict) else []:
        pointer, message = str(item.get("pointer", "")), str(item.get("message", ""))
        if pointer.startswith("/task_result/data"):
            name = forms.field_for_pointer(fields, pointer.removeprefix("/task_result/data") or "")
        else:
            name = {"/task_result/comment": "comment", "/task_result/outcome": "outcome"}.get(pointer)
        if name is not None and name not in errors:
            errors[name] = message
        else:
            top.append(f"{pointer or '/'}: {message}")
    return top or ([] if errors else [api_message(exc)])


# ---- form → request bodies (each returns (body, problem)) --------------------------------------
def cancel_body(data: forms.FormData) -> tuple[dict[str, Any], str | None]:
    reason = data.get("reason").strip()
    return ({"reason": reason} if reason else {}), None


def resolve_body(data: forms.FormData) -> tuple[dict[str, Any], str | None]:
    status = data.get("status")
    body: dict[str, Any] = {"status": status}
    reason = data.get("reason").strip()
    if reason:
        body["reason"] = reason
    if status == "COMPLETED":
        try:
            result = json.loads(data.get("result") or "{}")
        except json.JSONDecodeError as exc:
            return body, f"the result is not valid JSON ({exc.msg})"
        if not isinstance(result, dict):
            return body, "the result must be a JSON object"
        body["result"] = result
    elif status == "FAILED":
        body["error"] = {"code": data.get("error_code").strip(), "message": data.get("error_message").strip()}
    elif status != "CANCELED":
        return body, f"choose COMPLETED, FAILED or CANCELED, not {status!r}"
    return body, None


def controls_body(data: forms.FormData) -> tuple[dict[str, Any], str | None]:
    patch: dict[str, Any] = {}
    if data.get("clear_deadline"):
        patch["deadline_at"] = None
    elif data.get("deadline_at").strip():
        patch["deadline_at"] = data.get("deadline_at").strip()
    for name in ("remind_after_seconds", "remind_interval_seconds", "max_reminders"):
        raw = data.get(name).strip()
        if raw:
            if not raw.isdigit():
                return {}, f"{name} must be a whole number"
            patch[name] = int(raw)
    if data.get("escalate_to").strip():
        patch["escalate_to"] = data.get("escalate_to").strip()
    if not patch:
        return {}, "change at least one control"
    body: dict[str, Any] = {"controls_patch": patch}
    generation = data.get("expected_policy_generation")
    if generation.isdigit():
        body["expected_policy_generation"] = int(generation)
    if data.get("reason").strip():
        body["reason"] = data.get("reason").strip()
    return body, None


def console_app(principals: list[Principal]) -> ASGIApp:
    """The console for a server with these keys. The API has no "who am I" call, so the role and
    address shown (and used to offer actions) come from the server's own key table."""
    keys = KeyRing(principals)

    def identify(key: str) -> tuple[str, str] | None:
        found = keys.find(key)
        return (found.role, found.address) if found is not None else None

    return Console(identify)
