"""Submit an order intent and wait for its outcome: `send_intent` then `wait_for`.

Run:  python examples/order_fulfillment/client.py --sku SKU-42 --quantity 2
"""

from __future__ import annotations

import argparse
import json
import sys

import httpx

from axp.client import AxpError, Client, WaitTimeout


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--api-key", default="axp-dev-client")
    parser.add_argument("--to", default="agent://local/dev/agent")
    parser.add_argument("--order-id", default="ORD-123")
    parser.add_argument("--sku", default="SKU-42")
    parser.add_argument("--quantity", type=int, default=1)
    parser.add_argument("--card", default="4242-4242-4242-4242")
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    with Client(args.url, args.api_key) as axp:
        intent_id = axp.send_intent(
            "order.fulfill.v1",
            args.to,
            {"order_id": args.order_id, "sku": args.sku, "quantity": args.quantity, "card": args.card},
        )
        print(f"submitted {intent_id}", flush=True)
        final = axp.wait_for(intent_id, timeout=args.timeout)
        intent = axp.get_intent(intent_id)
        print(json.dumps({"status": final["status"], "result": intent.get("result"), "error": intent.get("error")}))
        return 0 if final["status"] == "COMPLETED" else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (httpx.TransportError, AxpError, WaitTimeout) as exc:  # one line, not a traceback
        sys.exit(f"order client: {exc} (is `axp serve --dev-keys` running?)")
