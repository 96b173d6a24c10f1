"""CLI-wide behaviour: a reader that goes away ends the command quietly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    # Enough invalid events that the report overflows a pipe buffer (64 KiB) many times over.
    path = tmp_path / "bad.ndjson"
    event = {"intent_id": "x", "seq": 1, "event_type": "intent.created", "status": "CREATED", "at": "now"}
    path.write_text("".join(json.dumps({**event, "seq": n}) + "\n" for n in range(1, 5_001)))
    proc = subprocess.Popen(
        [sys.executable, "-m", "axp", "validate", "--events", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # what `| head -1` does
    stderr = proc.stderr.read()
    assert proc.wait(timeout=120) == 141  # as a Unix tool killed by SIGPIPE
    assert first.startswith(str(path).encode()) and stderr == b""
