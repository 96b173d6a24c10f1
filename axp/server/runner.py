"""Run the reference server for tests, the conformance suite and benchmarks: in a thread or as a process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from axp.server.app import create_app
from axp.server.config import ServerConfig
from axp.server.protocol import MAX_HEAD_BYTES, http_protocol
from axp.server.storage import Storage


def uvicorn_config(app: Any, host: str, port: int, **options: Any) -> uvicorn.Config:
    """How ``axp serve`` and the in-thread runner run uvicorn: our HTTP protocol (parse errors and
    heads over 64 KiB answer the error model), no access log (the app logs one line per request),
    and no proxy-header middleware: the app never reads the client's address, and that layer ran
    on every request."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=http_protocol(),
        h11_max_incomplete_event_size=MAX_HEAD_BYTES,
        access_log=False,
        proxy_headers=False,
        **options,
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_healthy(base_url: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base_url}/health", timeout=1.0, trust_env=False).status_code == 200:
                return
        except httpx.HTTPError as exc:
            last = exc
        time.sleep(0.05)
    raise RuntimeError(f"server at {base_url} did not become healthy in {timeout}s: {last}")


@contextmanager
def serve_in_thread(
    config: ServerConfig, wrap: Callable[[Any], Any] | None = None, storage: Storage | None = None
) -> Iterator[str]:
    """uvicorn on 127.0.0.1 with a free port in a daemon thread; yields the base URL.

    ``wrap`` lets tests put something around the app (the conformance suite's broken servers);
    ``storage`` lets them hand in a backend they observe.
    """
    port = config.port if config.port else free_port()
    if port == 8080:
        port = free_port()
    app: Any = create_app(config, storage)
    if wrap is not None:
        app = wrap(app)
    server = uvicorn.Server(uvicorn_config(app, "127.0.0.1", port, log_level="error", lifespan="on", timeout_graceful_shutdown=1))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base_url)
        yield base_url
    finally:
        server.should_exit = True
        thread.join(timeout=10)


class ServerProcess:
    """``axp serve`` as a real child process (for crash tests: ``kill9()`` then ``restart()``)."""

    def __init__(
        self,
        db_path: str | Path,
        extra_args: Sequence[str] = (),
        port: int | None = None,
        dev_keys: bool = True,
        preexec: Callable[[], None] | None = None,
        log_path: str | Path | None = None,
    ) -> None:
        self.db_path = str(db_path)
        self.extra_args = list(extra_args)
        self.port = port or free_port()
        self.dev_keys = dev_keys
        self.preexec = preexec  # runs in the child before exec (resource limits, signal dispositions)
        self.proc: subprocess.Popen[bytes] | None = None
        # Beside a SQLite file by default; a database URL has no "beside": name one or get none.
        is_file = self.db_path != ":memory:" and "://" not in self.db_path
        self.log_path = Path(log_path) if log_path else Path(self.db_path).with_suffix(".log") if is_file else None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerProcess:
        args = [
            sys.executable,
            "-m",
            "axp",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--db",
            self.db_path,
            *self.extra_args,
        ]
        if self.dev_keys:
            args.append("--dev-keys")
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        self.proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env={**os.environ}, preexec_fn=self.preexec)
        wait_healthy(self.base_url)
        return self

    def signal(self, signum: int) -> None:
        """Send ``signum`` (tests pause an instance with SIGSTOP and resume it with SIGCONT)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signum)

    def kill9(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill9()

    def restart(self) -> ServerProcess:
        self.stop()
        return self.start()

    def crash_and_restart(self) -> None:
        """kill -9, then start again on the same port and database (the conformance suite's restart)."""
        self.kill9()
        self.start()

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
