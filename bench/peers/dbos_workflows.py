"""The end-to-end job of bench/server.py as one-step DBOS workflows, for comparison.

A client starting a durable unit of work and waiting for its result, where the work itself is
trivial: in axp that is create -> agent stream -> resume complete -> wait_for over HTTP; here it
is DBOS.start_workflow of a workflow with one step, then the handle's result, in-process on
SQLite (DBOS's embedded system database). ``dbos`` is not a dependency of axp: this script exits
with status 3 when it is missing, and bench/server.py says so.

    python bench/peers/dbos_workflows.py --concurrency 32 --seconds 5 [--db-dir DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--db-dir")
    args = parser.parse_args()
    try:
        import dbos
        from dbos import DBOS
    except ImportError:
        print("dbos not installed", file=sys.stderr)
        return 3
    import importlib.metadata

    with tempfile.TemporaryDirectory(dir=args.db_dir) as tmp:
        DBOS(
            config={
                "name": "axp-bench-peer",
                "system_database_url": f"sqlite:///{Path(tmp) / 'dbos.sqlite'}",
                "log_level": "WARNING",
            }
        )

        @DBOS.step()
        async def fulfil(n: int) -> dict[str, Any]:
            return {"ok": True, "n": n}

        @DBOS.workflow()
        async def one_step(n: int) -> dict[str, Any]:
            return await fulfil(n)

        DBOS.launch()

        async def run() -> float:
            done = 0
            warm, stop = time.monotonic() + 1.0, time.monotonic() + 1.0 + args.seconds

            async def client(c: int) -> None:
                nonlocal done
                n = 0
                while time.monotonic() < stop:
                    handle = await DBOS.start_workflow_async(one_step, c * 1_000_000 + n)
                    result = await handle.get_result()
                    assert result["ok"]
                    n += 1
                    if time.monotonic() > warm:
                        done += 1

            await asyncio.gather(*(client(c) for c in range(args.concurrency)))
            return done / args.seconds

        rate = asyncio.run(run())
        DBOS.destroy()
    print(json.dumps({"workflows_per_s": rate, "version": importlib.metadata.version("dbos"), "module": dbos.__name__}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
