"""What the console's pages show, computed from the public HTTP API with the signed-in key.

Nothing here reads storage: every intent, event and count comes from ``GET /v1/...`` answers made
with the session's API key, so a page shows exactly what that key may see (AXP-AUTH-007) and the
console behaves the same on any backend the server runs on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import QueryParams

from axp.client import AsyncClient
from axp.lifecycle import LIFECYCLE

API_PAGE = 200  # the list operation's largest limit (openapi.yaml Limit)
MAX_SCAN = 10_000  # intents read for one list view (counts, newest-first order, console-side filters)
PAGE_SIZE = 25
HUMAN = "WAITING_FOR_HUMAN"


@dataclass(frozen=True)
class Filters:
    """The list's filters: to_agent and correlation_id go to the API, status and intent_type are applied
    here (the counts by status need every status; the list operation has no intent_type filter)."""

    status: str = ""
    to_agent: str = ""
    intent_type: str = ""
    correlation_id: str = ""
    page: int = 1

    @classmethod
    def of(cls, query: QueryParams) -> tuple[Filters, str | None]:
        status = query.get("status", "").strip()
        problem = None
        if status and status not in LIFECYCLE.statuses:
            problem = f"unknown status {status!r}; statuses are {', '.join(LIFECYCLE.statuses)}"
            status = ""
        raw_page = query.get("page", "1")
        page = int(raw_page) if raw_page.isdigit() and 0 < int(raw_page) < 1_000_000 else 1
        return (
            cls(
                status=status,
                to_agent=query.get("to_agent", "").strip(),
                intent_type=query.get("intent_type", "").strip(),
                correlation_id=query.get("correlation_id", "").strip(),
                page=page,
            ),
            problem,
        )

    def api_params(self) -> dict[str, Any]:
        return {"to_agent": self.to_agent or None, "correlation_id": self.correlation_id or None}

    def matches(self, intent: dict[str, Any], *, with_status: bool = True) -> bool:
        if self.intent_type and intent.get("intent_type") != self.intent_type:
            return False
        return not (with_status and self.status and intent.get("status") != self.status)

    def query(self, **changes: Any) -> str:
        values = {
            "status": self.status,
            "to_agent": self.to_agent,
            "intent_type": self.intent_type,
            "correlation_id": self.correlation_id,
            "page": self.page,
            **changes,
        }
        return urlencode({k: v for k, v in values.items() if v and not (k == "page" and v == 1)})

    @property
    def any(self) -> bool:
        return bool(self.status or self.to_agent or self.intent_type or self.correlation_id)


@dataclass
class Scan:
    """Every visible intent the API-side filters select, in the API's order (up to MAX_SCAN)."""

    intents: list[dict[str, Any]] = field(default_factory=list)
    cursors: list[str | None] = field(default_factory=list)  # the cursor each API page was read with
    capped: bool = False


async def scan(
    api: AsyncClient, params: dict[str, Any], cursor: str | None = None, cap: int = MAX_SCAN, limit: int = API_PAGE
) -> Scan:
    found = Scan()
    while True:
        found.cursors.append(cursor)
        page = await api.list_intents(limit=limit, cursor=cursor, **params)
        found.intents.extend(page["intents"])
        cursor = page.get("next_cursor")
        if not page.get("has_more") or not cursor:
            return found
        if len(found.intents) >= cap:
            found.capped = True
            return found


def instant(value: Any) -> float:
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00").replace("z", "+00:00")).timestamp()
    except ValueError:
        return -math.inf


def newest_first(intents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """By created_at, newest first; ties keep the reverse of the API's order."""
    ordered = list(enumerate(intents))
    ordered.sort(key=lambda pair: (instant(pair[1].get("created_at")), pair[0]), reverse=True)
    return [intent for _, intent in ordered]


def counts(intents: list[dict[str, Any]], filters: Filters) -> dict[str, int]:
    out = dict.fromkeys(LIFECYCLE.statuses, 0)
    for intent in intents:
        if filters.matches(intent, with_status=False):
            out[str(intent.get("status"))] = out.get(str(intent.get("status")), 0) + 1
    return out


def newest_update(intents: list[dict[str, Any]]) -> str:
    """The latest updated_at among ``intents`` (where a live view starts looking for changes)."""
    return max((str(i.get("updated_at", "")) for i in intents), key=instant, default="")


def changed_since(intent: dict[str, Any], since: str) -> bool:
    return not since or instant(intent.get("updated_at")) >= instant(since)


def watch_cursor(found: Scan) -> str | None:
    """Where a live view re-reads the list from: the last two pages read, which hold the newest intents."""
    return found.cursors[-2] if len(found.cursors) >= 2 else None


@dataclass(frozen=True)
class Viewer:
    """Who is looking: what the rules of AXP-AUTH let this principal do to an intent."""

    role: str
    address: str
    capabilities: frozenset[str]

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def actions(self, intent: dict[str, Any]) -> list[str]:
        """The writes this principal may make on ``intent`` now, among those the server offers."""
        if LIFECYCLE.is_terminal(str(intent.get("status"))):
            return []
        sender = self.is_admin or intent.get("from_agent") == self.address
        addressee = self.is_admin or intent.get("to_agent") == self.address
        out = []
        if is_human_task(intent) and addressee and "human_tasks" in self.capabilities and "intents.resume" in self.capabilities:
            out.append("answer")
        if sender and "intents.cancel" in self.capabilities:
            out.append("cancel")
        if (sender or addressee) and "intents.resolve" in self.capabilities:
            out.append("resolve")
        if sender and "intents.controls" in self.capabilities:
            out.append("controls")
        return out


def is_human_task(intent: dict[str, Any]) -> bool:
    return (
        intent.get("status") == LIFECYCLE.waiting_status
        and intent.get("waiting_reason") == HUMAN
        and isinstance(intent.get("human_task"), dict)
    )


async def human_tasks(api: AsyncClient, viewer: Viewer) -> list[dict[str, Any]]:
    """The WAITING_FOR_HUMAN intents this principal may answer: those addressed to it (all, for an admin)."""
    params = {"status": LIFECYCLE.waiting_status, "to_agent": None if viewer.is_admin else viewer.address}
    found = await scan(api, params)
    return [i for i in newest_first(found.intents) if is_human_task(i) and "answer" in viewer.actions(i)]
