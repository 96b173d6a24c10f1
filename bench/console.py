"""How fast the console's live pages follow the platform, in Debian's headless Chromium.

Run: python bench/console.py [--intents 20] [--background 0]
Against a real `axp serve` process, a signed-in browser keeps the intents list and an intent's
page open. Each intent created through the API is timed until its row shows in the list, and
each agent write until its event shows in the timeline (create/write to visible, both without a
reload). --background N first fills the database with N intents, since the list relay re-reads
the newest pages of the list. Prints p50/p95/max per measure, with the list relay's poll interval.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

from axp.console.live import LIST_POLL_SECONDS
from axp.server.runner import ServerProcess

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the browser launch flags the tests use
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


def body() -> dict[str, object]:
    return {
        "intent_type": "bench.console.v1",
        "correlation_id": str(uuid.uuid4()),
        "to_agent": "agent://local/dev/agent",
        "payload": {"n": 1},
    }


def summary(name: str, seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"{name:<34} n={len(ordered):<4} p50={statistics.median(ordered) * 1000:7.0f} ms  "
        f"p95={p95 * 1000:7.0f} ms  max={ordered[-1] * 1000:7.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--intents", type=int, default=20)
    parser.add_argument("--background", type=int, default=0)
    args = parser.parse_args()
    if CHROMIUM is None:
        raise SystemExit("Debian chromium is required (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp, ServerProcess(Path(tmp) / "axp.db") as server:
        client = httpx.Client(base_url=server.base_url, headers={"x-api-key": "axp-dev-client"}, trust_env=False)
        agent = httpx.Client(base_url=server.base_url, headers={"x-api-key": "axp-dev-agent"}, trust_env=False)
        for _ in range(args.background):
            client.post("/v1/intents", json=body()).raise_for_status()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"{server.base_url}/ui/")
            page.fill("#api_key", "axp-dev-client")
            page.click("form button[type=submit]")
            page.wait_for_url("**/ui/intents")
            watched = browser.new_page(storage_state=page.context.storage_state())
            rows, events = [], []
            for _ in range(args.intents):
                started = time.monotonic()
                intent_id = client.post("/v1/intents", json=body()).json()["intent_id"]
                page.wait_for_selector(f"#row-{intent_id}", timeout=30_000)
                rows.append(time.monotonic() - started)
                watched.goto(f"{server.base_url}/ui/intents/{intent_id}")
                watched.wait_for_selector("#ev-2")
                started = time.monotonic()
                agent.post(f"/v1/intents/{intent_id}/ack").raise_for_status()
                watched.wait_for_selector("#ev-4", timeout=30_000)
                events.append(time.monotonic() - started)
            browser.close()
    print(f"list relay polls every {LIST_POLL_SECONDS * 1000:.0f} ms; {args.background} intents in the database before")
    print(summary("create -> row in the open list", rows))
    print(summary("ack -> events in the open timeline", events))


if __name__ == "__main__":
    main()
