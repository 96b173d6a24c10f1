"""Reference-server throughput and latency with the database on disk, against a real `axp serve`.

Run: python bench/server.py [--seconds 5] [--observers 1000] [--db-dir DIR] [--repeat N]

Prints, measured in one run so the ratios compare like with like on a noisy machine:
- the raw SQLite commits/s of the same disk (WAL, synchronous=FULL, one row per commit) and rows/s
  when 100 rows share a commit;
- durable creates/s, keyless and keyed, over 1 and 64 connections (Debian's `wrk` with
  bench/wrk/create.lua for unique bodies; a Python client process when wrk is missing);
- end to end, 32 concurrent: send -> the agent gets it on its stream -> resume complete -> the
  client's wait_for (an SSE stream) sees COMPLETED (bench/loadgen.py, its own process);
- the same job as one-step DBOS workflows when `dbos` is installed (bench/peers/dbos_workflows.py);
- server CPU while idle, with and without 1,000 idle SSE observers, and creates/s with them open;
- create-to-observed latency (create sent -> delivery seen on the agent stream) at half the
  maximum create rate.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from axp.server.runner import ServerProcess

HERE = Path(__file__).resolve().parent
LOADGEN = [sys.executable, str(HERE / "loadgen.py")]
HEADERS = {"x-api-key": "axp-dev-client"}
TARGETS = {"creates_64": 5000.0, "e2e": 1000.0, "dbos_ratio": 10.0, "observers_ratio": 0.9, "idle_cpu": 5.0, "p99_ms": 10.0}


def raw_sqlite(directory: Path, seconds: float) -> tuple[float, float]:
    """(single-row commits/s, rows/s with 100 rows per commit) of this disk, as the server commits."""
    path = directory / "raw.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, doc TEXT)")
    doc = "x" * 300
    rates = []
    for per_commit in (1, 100):
        done, stop = 0, time.monotonic() + seconds / 2
        started = time.monotonic()
        while time.monotonic() < stop:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("INSERT INTO t (doc) VALUES (?)", [(doc,)] * per_commit)
            conn.execute("COMMIT")
            done += per_commit
        rates.append(done / (time.monotonic() - started))
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return rates[0], rates[1]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def idle_cpu(pid: int, seconds: float) -> float:
    """Percent of one core the server used over ``seconds`` of no traffic."""
    before = cpu_seconds(pid)
    time.sleep(seconds)
    return (cpu_seconds(pid) - before) / seconds * 100


def creates(base: str, connections: int, seconds: float, keyed: bool) -> float:
    wrk = shutil.which("wrk")
    if wrk is None:
        args = ["creates", base, "--connections", str(connections), "--seconds", str(seconds)] + (["--keyed"] if keyed else [])
        return float(loadgen(args)["creates_per_s"])
    env = {**os.environ, "KEYED": "1" if keyed else "0", "RUN_ID": uuid.uuid4().hex[:8]}
    out = subprocess.run(
        [
            wrk,
            "-t1",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "10s",
            "-s",
            str(HERE / "wrk" / "create.lua"),
            base,
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    summary = json.loads(out[out.index("JSON ") + 5 :].splitlines()[0])
    if summary["non2xx"] or summary["errors"]:
        raise SystemExit(f"wrk saw failures: {summary}\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]


def loadgen(args: list[str]) -> dict[str, Any]:
    out = subprocess.run([*LOADGEN, *args], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"loadgen {args[0]} failed:\n{out.stderr[-3000:]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def dbos_peer(concurrency: int, seconds: float, directory: Path) -> dict[str, Any] | None:
    script = HERE / "peers" / "dbos_workflows.py"
    out = subprocess.run(
        [sys.executable, str(script), "--concurrency", str(concurrency), "--seconds", str(seconds), "--db-dir", str(directory)],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode == 3:
        return None
    if out.returncode != 0:
        raise SystemExit(f"dbos peer failed:\n{out.stderr[-3000:]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def verdict(value: float, target: float, higher: bool = True) -> str:
    ok = value >= target if higher else value <= target
    return f"(target {'≥' if higher else '<'} {target:g}: {'met' if ok else 'NOT met'})"


def one_run(args: argparse.Namespace, directory: Path) -> dict[str, float]:
    seconds = args.seconds
    out: dict[str, float] = {}
    commits, rows = raw_sqlite(directory, seconds)
    print(
        f"raw SQLite on this disk (WAL, synchronous=FULL): {commits:>9,.0f} commits/s   {rows:>10,.0f} rows/s at 100 rows/commit"
    )
    out["sqlite_commits"] = commits
    with ServerProcess(directory / "bench.db", ["--log-level", "warning"]) as server:
        base = server.base_url
        assert server.proc is not None
        pid = server.proc.pid
        creates(base, 16, 1.0, False)  # warm up
        for keyed in (False, True):
            for connections in (1, 64):
                rate = creates(base, connections, seconds, keyed)
                name = f"creates_{connections}{'_keyed' if keyed else ''}"
                out[name] = rate
                note = f" = {rate / commits:5.2f}x raw single-row commits/s"
                if connections == 64:
                    note += " " + verdict(rate, TARGETS["creates_64"])
                print(
                    f"durable creates/s, {'keyed  ' if keyed else 'keyless'}, {connections:>2} connections: {rate:>9,.0f}{note}"
                )
        e2e = loadgen(["e2e", base, "--concurrency", "32", "--seconds", str(seconds)])
        out["e2e"] = e2e["intents_per_s"]
        print(
            f"end to end (create -> agent stream -> resume -> wait_for), 32 concurrent: {e2e['intents_per_s']:>7,.0f} intents/s "
            f"p50 {e2e['p50_ms']:.1f} ms p99 {e2e['p99_ms']:.1f} ms {verdict(e2e['intents_per_s'], TARGETS['e2e'])}"
        )
        out["idle_cpu"] = idle_cpu(pid, 3.0)
        print(f"server CPU while idle, no observers                  : {out['idle_cpu']:>6.1f}% of one core")
        intent_id = httpx.post(f"{base}/v1/intents", json=body(), headers=HEADERS, trust_env=False).json()["intent_id"]
        watchers = subprocess.Popen(
            [*LOADGEN, "observers", base, "--count", str(args.observers), "--intent", intent_id],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert watchers.stdout is not None
            ready = json.loads(watchers.stdout.readline())
            time.sleep(1.0)
            out["idle_cpu_observers"] = idle_cpu(pid, 5.0)
            print(
                f"server CPU while idle, {ready['observers']:,} SSE observers open    : "
                f"{out['idle_cpu_observers']:>6.1f}% of one core "
                + verdict(out["idle_cpu_observers"], TARGETS["idle_cpu"], higher=False)
            )
            with_observers = creates(base, 64, seconds, False)
            plain = creates(base, 64, seconds, False)
        finally:
            watchers.kill()
            watchers.wait()
        out["observers_ratio"] = with_observers / plain if plain else float("nan")
        print(
            f"creates/s, 64 connections, with {args.observers:,} idle observers: {with_observers:>9,.0f} vs {plain:,.0f} "
            f"without = {out['observers_ratio']:.2f} {verdict(out['observers_ratio'], TARGETS['observers_ratio'])}"
        )
        rate = max(50.0, out["creates_64"] / 2)
        lat = loadgen(["latency", base, "--rate", f"{rate:.0f}", "--seconds", str(seconds)])
        out["p50_ms"], out["p99_ms"] = lat["p50_ms"], lat["p99_ms"]
        print(
            f"create-to-observed (agent stream) at {rate:,.0f} creates/s: p50 {lat['p50_ms']:.1f} ms, p99 {lat['p99_ms']:.1f} ms "
            f"({lat['observed']}/{lat['sent']} seen) {verdict(lat['p99_ms'], TARGETS['p99_ms'], higher=False)}"
        )
    if not args.skip_dbos:
        peer = dbos_peer(32, seconds, directory)
        if peer is None:
            print("dbos not installed: pip install dbos to compare with one-step DBOS workflows")
        else:
            out["dbos"] = peer["workflows_per_s"]
            ratio = out["e2e"] / peer["workflows_per_s"]
            print(
                f"DBOS {peer['version']}, one-step workflows start -> result, 32 concurrent: {peer['workflows_per_s']:>7,.0f}/s; "
                f"axp end to end / DBOS = {ratio:.1f}x {verdict(ratio, TARGETS['dbos_ratio'])}"
            )
    return out


def body() -> dict[str, Any]:
    return {
        "intent_type": "bench.run.v1",
        "correlation_id": str(uuid.uuid4()),
        "to_agent": "agent://local/dev/agent",
        "payload": {},
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--observers", type=int, default=1000)
    parser.add_argument("--db-dir", help="where the databases go (default: a temporary directory)")
    parser.add_argument("--repeat", type=int, default=1, help="runs; the last line gives the median of each figure")
    parser.add_argument("--skip-dbos", action="store_true")
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 4 * args.observers + 256)), hard))
    print(
        f"{platform.node()}: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, Python {platform.python_version()}, "
        f"wrk {'yes' if shutil.which('wrk') else 'no (Python client process)'}"
    )
    runs = []
    for n in range(args.repeat):
        if args.repeat > 1:
            print(f"--- run {n + 1}/{args.repeat} (load average {os.getloadavg()[0]:.1f})")
        with tempfile.TemporaryDirectory(dir=args.db_dir) as tmp:
            runs.append(one_run(args, Path(tmp)))
    if args.repeat > 1:
        medians = {k: sorted(r[k] for r in runs if k in r)[len(runs) // 2] for k in runs[0]}
        print("medians: " + ", ".join(f"{k} {v:,.1f}" for k, v in medians.items()))


if __name__ == "__main__":
    main()
