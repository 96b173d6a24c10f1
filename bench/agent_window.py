"""Delivery latency on the agent stream for a client that reads whole windows (AXP-DLV-016).

Run: python bench/agent_window.py [--intents 20] [--gap 0.5] [--wait-seconds 15]

The official TypeScript SDK reads an agent stream window to its end before it hands any delivery
over; a window that waited out `wait_seconds` after its delivery would hand each one over that
many seconds late. Against a real `axp serve`, two readers of the same agent run side by side:

- whole-window: a plain GET of the window with the SDK default `wait_seconds` (15), as that SDK
  does; a delivery counts when the answer is complete;
- incremental: the same window read frame by frame, as the Python SDK does; a delivery counts
  when its frame arrives — the floor for the whole-window reader.

One intent is created every `--gap` seconds; latency is from sending the create to the reader
having the delivery. Prints p50/p95/max for both readers, the whole-window/incremental ratio
measured in the same run, and the target (whole-window p95 < 200 ms).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx

from axp.server.runner import ServerProcess

AGENT = "agent://local/dev/agent"
PATH = "/v1/agents/local/dev/agent/intents/stream"
TARGET_MS = 200.0


def records(text: str) -> list[tuple[int, str]]:
    """(cursor, intent_id) of every delivery frame in an SSE text."""
    import json

    found = []
    for block in text.split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line and not line.startswith(":"))
        if fields.get("event") == "intent.delivered":
            data = json.loads(fields["data"])
            found.append((int(data["seq"]), str(data["intent_id"])))
    return found


class Reader(threading.Thread):
    def __init__(self, base_url: str, wait: int, whole: bool) -> None:
        super().__init__(daemon=True)
        self.http = httpx.Client(base_url=base_url, headers={"x-api-key": "axp-dev-agent"}, timeout=wait + 15, trust_env=False)
        self.wait, self.whole = wait, whole
        self.seen: dict[str, float] = {}
        self.since = 0
        self.stop = threading.Event()
        self.windows = 0

    def run(self) -> None:
        try:
            self._windows()
        except httpx.HTTPError:
            if not self.stop.is_set():  # the server went away before the end of the run
                raise

    def _windows(self) -> None:
        params = lambda: {"since": self.since, "wait_seconds": self.wait}  # noqa: E731
        while not self.stop.is_set():
            self.windows += 1
            if self.whole:
                text = self.http.get(PATH, params=params()).text
                self._note(records(text), time.perf_counter())
                continue
            with self.http.stream("GET", PATH, params=params()) as response:
                block = ""
                for line in response.iter_lines():
                    if line:
                        block += line + "\n"
                        continue
                    self._note(records(block), time.perf_counter())
                    block = ""
                    if self.stop.is_set():
                        break

    def _note(self, found: list[tuple[int, str]], at: float) -> None:
        for cursor, intent_id in found:
            self.seen.setdefault(intent_id, at)
            self.since = max(self.since, cursor)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--intents", type=int, default=20)
    parser.add_argument("--gap", type=float, default=0.5, help="seconds between creates")
    parser.add_argument("--wait-seconds", type=int, default=15, help="the readers' wait_seconds (the SDK default is 15)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        server = ServerProcess(Path(home) / "axp.db", ["--no-ui"]).start()
        try:
            readers = {"whole-window": Reader(server.base_url, args.wait_seconds, True)}
            readers["incremental"] = Reader(server.base_url, args.wait_seconds, False)
            for reader in readers.values():
                reader.start()
            client = httpx.Client(base_url=server.base_url, headers={"x-api-key": "axp-dev-client"}, trust_env=False)
            time.sleep(1.0)  # both readers hold a window open before the first create
            sent: dict[str, float] = {}
            for _ in range(args.intents):
                body = {"intent_type": "bench.window.v1", "correlation_id": str(uuid.uuid4()), "to_agent": AGENT, "payload": {}}
                started = time.perf_counter()
                sent[client.post("/v1/intents", json=body).json()["intent_id"]] = started
                time.sleep(args.gap)
            deadline = time.monotonic() + args.wait_seconds + 5
            while time.monotonic() < deadline and not all(set(sent) <= set(r.seen) for r in readers.values()):
                time.sleep(0.05)
            for reader in readers.values():
                reader.stop.set()
        finally:
            server.stop()
    print(f"agent stream delivery latency, {args.intents} intents, one every {args.gap}s, wait_seconds={args.wait_seconds}")
    p95: dict[str, float] = {}
    for name, reader in readers.items():
        got = [(reader.seen[i] - t) * 1000 for i, t in sent.items() if i in reader.seen]
        missing = len(sent) - len(got)
        if not got:
            print(f"  {name:13s} no delivery arrived")
            return 1
        p95[name] = percentile(got, 0.95)
        print(
            f"  {name:13s} p50 {statistics.median(got):7.1f} ms  p95 {p95[name]:7.1f} ms  max {max(got):7.1f} ms"
            f"  windows {reader.windows}{f'  MISSING {missing}' if missing else ''}"
        )
    ratio = p95["whole-window"] / max(p95["incremental"], 0.001)
    verdict = "met" if p95["whole-window"] < TARGET_MS else "MISSED"
    print(f"  whole-window / incremental p95: {ratio:.2f}x; target whole-window p95 < {TARGET_MS:.0f} ms: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
