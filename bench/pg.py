"""bench/server.py on a throwaway PostgreSQL cluster: start one, run the benchmark on it, stop it.

Run: python bench/pg.py [any bench/server.py option, e.g. --seconds 5 --skip-dbos]

Why a wrapper: the PostgreSQL figures need a cluster nobody else is using, with the server's
durability settings (``fsync`` and ``synchronous_commit`` on), and the tests' cluster fixture
(tests/pgcluster.py: ``initdb`` + ``pg_ctl`` on a free loopback port, as an unprivileged user
when run as root) already makes exactly that. Its settings are printed so a figure can be read
with what produced it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.pgcluster import Cluster, available  # noqa: E402

SETTINGS = ("fsync", "synchronous_commit", "wal_sync_method", "commit_delay", "commit_siblings", "max_connections")


def main() -> int:
    if not available():
        print("no PostgreSQL server binaries (apt-get install postgresql, or set AXP_PG_BIN)", file=sys.stderr)
        return 2
    cluster = Cluster().start()
    try:
        url = cluster.create_database("bench")
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            shown = [f"{name}={conn.execute(f'SHOW {name}').fetchone()[0]}" for name in SETTINGS]  # type: ignore[index]
        print(f"throwaway PostgreSQL cluster on port {cluster.port}: {', '.join(shown)}", flush=True)
        command = [sys.executable, str(ROOT / "bench" / "server.py"), "--db", url, *sys.argv[1:]]
        return subprocess.run(command, env={**os.environ, "PYTHONUNBUFFERED": "1"}, check=False).returncode
    finally:
        cluster.stop()


if __name__ == "__main__":
    raise SystemExit(main())
