"""The HTTP stack of ``axp serve`` answering a create with no work behind it: the floor under
bench/server.py's creates/s.

Why: on a machine this size the creates/s figure is bounded by the CPU a request costs, and most
of that is not ours to cut (the HTTP parser, uvicorn's protocol, Starlette's routing and
middleware, the socket calls). This app runs on exactly the uvicorn configuration ``axp serve``
uses (``axp.server.runner.uvicorn_config``: uvloop, httptools, the same protocol class) and
answers ``POST /v1/intents`` the way the server's create does on the wire — it reads and parses
the JSON body and answers 200 with a JSON body of the same shape — but validates nothing, stores
nothing and commits nothing. Its requests/s is what the same stack does with zero work per
create, so creates/s divided by it says how much of a request's cost is the server's own.

    python bench/peers/http_floor.py PORT
"""

from __future__ import annotations

import json
import sys
import uuid

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from axp.server.runner import uvicorn_config


async def create(request: Request) -> Response:
    body = json.loads(await request.body())
    answer = {
        "ok": True,
        "intent_id": str(uuid.uuid4()),
        "status": "SUBMITTED",
        "created_at": "2026-01-01T00:00:00.000Z",
        "correlation_id": body["correlation_id"],
    }
    return Response(json.dumps(answer, separators=(",", ":")), media_type="application/json")


async def health(request: Request) -> Response:
    return Response(b'{"ok":true}', media_type="application/json")


app = Starlette(routes=[Route("/v1/intents", create, methods=["POST"]), Route("/health", health)])

if __name__ == "__main__":
    uvicorn.Server(uvicorn_config(app, "127.0.0.1", int(sys.argv[1]), log_level="warning")).run()
