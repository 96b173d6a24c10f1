"""The order example runs end to end against a real `axp serve` process: success and both failure paths."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from axp.server.runner import ServerProcess

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "order_fulfillment"


@pytest.mark.parametrize(
    ("args", "status", "code"),
    [
        ((), "COMPLETED", None),
        (("--sku", "SKU-7"), "FAILED", "out_of_stock"),
        (("--card", "4000-0000-0000-0002"), "FAILED", "payment_declined"),
    ],
)
def test_order_paths(tmp_path: Path, args: tuple[str, ...], status: str, code: str | None) -> None:
    with ServerProcess(tmp_path / "orders.db") as server:
        agent = subprocess.Popen(
            [sys.executable, str(EXAMPLE / "agent.py"), "--url", server.base_url, "--max-intents", "1", "--timeout", "30"],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            client = subprocess.run(
                [sys.executable, str(EXAMPLE / "client.py"), "--url", server.base_url, "--timeout", "30", *args],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
            outcome = json.loads(client.stdout.strip().splitlines()[-1])
            assert outcome["status"] == status
            assert client.returncode == (0 if status == "COMPLETED" else 1)
            if code:
                assert outcome["error"]["code"] == code
            else:
                assert outcome["result"]["charged"] is True
        finally:
            agent.wait(timeout=30)
