"""Safe HTML for values that come from users: JSON as a collapsible tree, timestamps, status badges.

Everything here goes through ``markupsafe`` escaping: a payload that contains ``<script>`` or
``"><img onerror=…>`` comes out as text. Templates never mark user data safe themselves; they call
these helpers, which return ``Markup`` only for the tags they build.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from axp.lifecycle import LIFECYCLE

COLLAPSE_ITEMS = 20  # nested arrays/objects longer than this start folded


def json_html(value: Any) -> Markup:
    """Pretty-printed JSON whose every object and array folds (``<details>``), fully escaped."""
    return Markup('<div class="json">{}</div>').format(_node(value, 0))


def _node(value: Any, depth: int) -> Markup:
    if isinstance(value, dict):
        return _container(value, depth, "{", "}", [(json.dumps(k, ensure_ascii=False), v) for k, v in value.items()])
    if isinstance(value, list):
        return _container(value, depth, "[", "]", [(None, v) for v in value])
    if isinstance(value, str):
        return Markup('<span class="j-str">{}</span>').format(json.dumps(value, ensure_ascii=False))
    if value is None or isinstance(value, bool):
        return Markup('<span class="j-lit">{}</span>').format(json.dumps(value))
    return Markup('<span class="j-num">{}</span>').format(json.dumps(value))


def _container(value: Any, depth: int, opening: str, closing: str, items: list[tuple[str | None, Any]]) -> Markup:
    if not items:
        return Markup('<span class="j-lit">{}</span>').format(opening + closing)
    rows = []
    for index, (key, item) in enumerate(items):
        label = Markup('<span class="j-key">{}</span>: ').format(key) if key is not None else Markup("")
        comma = Markup('<span class="j-punct">,</span>') if index < len(items) - 1 else Markup("")
        rows.append(Markup('<div class="j-row">{}{}{}</div>').format(label, _node(item, depth + 1), comma))
    size = f"{len(items)} {'key' if closing == '}' else 'item'}{'' if len(items) == 1 else 's'}"
    is_open = " open" if depth == 0 or len(items) <= COLLAPSE_ITEMS else ""
    return Markup(
        '<details class="j-node"{}><summary data-close="{}" title="{}">{}</summary><div class="j-body">{}</div>{}</details>'
    ).format(Markup(is_open), closing, size, opening, Markup("").join(rows), closing)


def timestamp(value: Any) -> Markup:
    """A ``<time>`` the page script shows in the viewer's zone, with UTC on hover; text without script."""
    if not value:
        return Markup('<span class="muted">—</span>')
    return Markup('<time class="ts" datetime="{0}" title="{0}">{0}</time>').format(str(value))


def status_badge(status: Any, waiting_reason: Any = None) -> Markup:
    name = str(status)
    kind = "terminal" if LIFECYCLE.is_terminal(name) else "live"
    if name in ("FAILED", "TIMED_OUT"):
        kind = "bad"
    elif name == "COMPLETED":
        kind = "good"
    elif name == LIFECYCLE.waiting_status:
        kind = "waiting"
    text = f"{name} · {waiting_reason}" if waiting_reason and name == LIFECYCLE.waiting_status else name
    return Markup('<span class="badge badge-{}" data-status="{}">{}</span>').format(kind, name, text)


def pretty(value: Any) -> str:
    """JSON text for a form field's initial value (escaped by the template like any other text)."""
    return json.dumps(value, indent=2, ensure_ascii=False)


def short(value: Any, limit: int = 80) -> str:
    """One-line JSON of a value, cut to ``limit`` characters (for table cells)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def register(env: Any) -> None:
    """Make the helpers available as Jinja filters."""
    env.filters.update(json_html=json_html, ts=timestamp, badge=status_badge, pretty=pretty, short=short)
