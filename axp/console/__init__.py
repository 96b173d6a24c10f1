"""The web console served by ``axp serve`` at ``/ui/``: intents, timelines and the human-task inbox.

It is a client of the server's public HTTP API (called in-process with the signed-in key), so it
shows what that key may see and works on any storage backend. ``axp serve --no-ui`` leaves it out.
"""

from __future__ import annotations

from typing import Any

from starlette.routing import BaseRoute, Mount

PATH = "/ui"


def console_routes(config: Any) -> list[BaseRoute]:
    """The console's mount for the server's route table (nothing when the config turns it off)."""
    if not getattr(config, "ui", True):
        return []
    from axp.console.app import console_app

    return [Mount(PATH, app=console_app(config.principals))]
