"""Reference-server throughput and latency over loopback, against a real `axp serve` process.

Run: python bench/server.py [--seconds 5] [--observers 500]
Prints intents created/s (sequential and 32 concurrent clients), create-to-observed latency
p50/p99 over SSE, and how many concurrent SSE observers one process holds.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import httpx

from axp.server.runner import ServerProcess

HEADERS = {"x-api-key": "axp-dev-client"}


def body() -> dict[str, object]:
    return {
        "intent_type": "bench.run.v1",
        "correlation_id": str(uuid.uuid4()),
        "to_agent": "agent://local/dev/agent",
        "payload": {"n": 1},
    }


async def creates(base: str, clients: int, seconds: float) -> float:
    done = 0
    stop = time.monotonic() + seconds

    async def worker() -> None:
        nonlocal done
        async with httpx.AsyncClient(base_url=base, headers=HEADERS, trust_env=False, timeout=30) as c:
            while time.monotonic() < stop:
                response = await c.post("/v1/intents", json=body())
                assert response.status_code == 200
                done += 1

    started = time.monotonic()
    await asyncio.gather(*(worker() for _ in range(clients)))
    return done / (time.monotonic() - started)


async def latency(base: str, samples: int) -> list[float]:
    out = []
    async with (
        httpx.AsyncClient(base_url=base, headers=HEADERS, trust_env=False, timeout=30) as c,
        httpx.AsyncClient(base_url=base, headers={"x-api-key": "axp-dev-agent"}, trust_env=False, timeout=30) as a,
    ):
        for _ in range(samples):
            intent_id = (await c.post("/v1/intents", json=body())).json()["intent_id"]
            async with c.stream(
                "GET", f"/v1/intents/{intent_id}/events/stream", params={"since": 2, "wait_seconds": 10}
            ) as stream:
                sent = time.perf_counter()
                await a.post(f"/v1/intents/{intent_id}/resume", json={"action": "complete", "result": {}})
                async for line in stream.aiter_lines():
                    if line.startswith("event: intent.completed"):
                        out.append((time.perf_counter() - sent) * 1000)
                        break
    return out


async def observers(base: str, count: int) -> int:
    intent_id = httpx.post(f"{base}/v1/intents", json=body(), headers=HEADERS, trust_env=False).json()["intent_id"]
    limits = httpx.Limits(max_connections=count + 10)
    healthy = 0
    async with httpx.AsyncClient(base_url=base, headers=HEADERS, trust_env=False, timeout=60, limits=limits) as c:

        async def watch() -> bool:
            async with c.stream(
                "GET", f"/v1/intents/{intent_id}/events/stream", params={"since": 2, "wait_seconds": 20}
            ) as stream:
                async for line in stream.aiter_lines():
                    if line.startswith("event: intent.completed"):
                        return True
            return False

        tasks = [asyncio.create_task(watch()) for _ in range(count)]
        await asyncio.sleep(3)
        await c.post(f"/v1/intents/{intent_id}/resolve", json={"status": "COMPLETED", "result": {}})
        for ok in await asyncio.gather(*tasks, return_exceptions=True):
            healthy += ok is True
    return healthy


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--observers", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, ServerProcess(Path(tmp) / "bench.db", ["--log-level", "warning"]) as s:
        print(f"intents created/s, sequential            : {asyncio.run(creates(s.base_url, 1, args.seconds)):>10,.0f}")
        print(f"intents created/s, 32 concurrent clients : {asyncio.run(creates(s.base_url, 32, args.seconds)):>10,.0f}")
        lat = sorted(asyncio.run(latency(s.base_url, 200)))
        p99 = lat[int(len(lat) * 0.99) - 1]
        print(f"create-to-observed over SSE, ms          : p50 {statistics.median(lat):.1f}  p99 {p99:.1f}")
        held = asyncio.run(observers(s.base_url, args.observers))
        print(f"concurrent SSE observers held            : {held}/{args.observers} received the terminal event")


if __name__ == "__main__":
    main()
