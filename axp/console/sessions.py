"""Console sessions: the API key stays on the server, the browser holds only a random session id.

The cookie is HttpOnly (no script reads it), ``SameSite=Strict`` (no other site's page sends it)
and scoped to the console's path. A stolen cookie is worth a session, never the key: signing out
or idling past the limit ends it. Sessions live in this process's memory, so a restart signs
everyone out, which is the safe direction.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response

COOKIE = "axp_console"
SIGNIN_COOKIE = "axp_console_signin"  # double-submit token of the sign-in form (login CSRF)
IDLE_SECONDS = 8 * 3600
MAX_SESSIONS = 10_000


@dataclass
class Session:
    sid: str
    key: str
    role: str
    address: str
    capabilities: frozenset[str]
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    seen: float = field(default_factory=time.monotonic)
    flash: list[tuple[str, str]] = field(default_factory=list)  # (kind, text) shown once on the next page

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def take_flash(self) -> list[tuple[str, str]]:
        out, self.flash = self.flash, []
        return out


class Sessions:
    def __init__(self, idle_seconds: float = IDLE_SECONDS, limit: int = MAX_SESSIONS) -> None:
        self.idle_seconds = idle_seconds
        self.limit = limit
        self._by_id: OrderedDict[str, Session] = OrderedDict()

    def create(self, key: str, role: str, address: str, capabilities: frozenset[str]) -> Session:
        session = Session(secrets.token_urlsafe(32), key, role, address, capabilities)
        self._by_id[session.sid] = session
        while len(self._by_id) > self.limit:
            self._by_id.popitem(last=False)
        return session

    def get(self, sid: str | None) -> Session | None:
        if not sid:
            return None
        session = self._by_id.get(sid)
        if session is None:
            return None
        now = time.monotonic()
        if now - session.seen > self.idle_seconds:
            self.drop(sid)
            return None
        session.seen = now
        self._by_id.move_to_end(sid)
        return session

    def drop(self, sid: str | None) -> None:
        if sid:
            self._by_id.pop(sid, None)

    def of(self, request: Request) -> Session | None:
        return self.get(request.cookies.get(COOKIE))


def cookie_path(request: Request) -> str:
    return (request.scope.get("root_path") or "") + "/"


def set_cookie(response: Response, request: Request, name: str, value: str, max_age: int | None = None) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=cookie_path(request),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


def clear_cookie(response: Response, request: Request, name: str) -> None:
    secure = request.url.scheme == "https"
    response.delete_cookie(name, path=cookie_path(request), httponly=True, samesite="strict", secure=secure)


def same_token(expected: str, given: str) -> bool:
    return bool(expected) and hmac.compare_digest(expected.encode(), given.encode())


def same_origin(request: Request) -> bool:
    """A write must come from the console's own pages: browsers say where a form was sent from."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    return origin == f"{request.url.scheme}://{request.url.netloc}"
