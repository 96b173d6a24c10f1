"""The embedded reference server of ``axp conformance run`` without a URL: ``axp serve`` as a child
process on a temporary database, restarted with kill -9 for the durability checks."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

# Short keepalives and push backoff keep the timing checks quick.
EMBEDDED_ARGS = ("--keepalive-seconds", "1", "--push-backoff-base", "0.2", "--log-level", "warning")


@contextmanager
def embedded_server(extra_args: tuple[str, ...] = (), db: str | None = None) -> Iterator[tuple[str, Callable[[], None]]]:
    """(base URL, restart) of a fresh reference server; stopped and deleted on exit. Its database
    is a temporary SQLite file, or ``db`` (a PostgreSQL URL of an empty database) when given."""
    from axp.server.runner import ServerProcess

    with tempfile.TemporaryDirectory(prefix="axp-conformance-") as tmp:
        where = db or Path(tmp) / "axp.db"
        with ServerProcess(where, extra_args=[*EMBEDDED_ARGS, *extra_args], log_path=Path(tmp) / "axp.log") as server:
            yield server.base_url, server.crash_and_restart
