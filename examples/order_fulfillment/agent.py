"""The fulfilment agent: validate inventory, charge payment, ship — reporting each step to AXP.

Run against `axp serve --dev-keys`:  python examples/order_fulfillment/agent.py
"""

from __future__ import annotations

import argparse

import httpx

from axp.client import AxpError, Client, WaitTimeout

INVENTORY = {"SKU-42": 10, "SKU-7": 0}
DECLINED_CARDS = {"4000-0000-0000-0002"}


def fulfil(payload: dict) -> tuple[str, dict]:
    """Returns ("complete", result) or ("fail", error); plain business logic, no workflow engine."""
    sku, quantity = payload.get("sku"), int(payload.get("quantity", 1))
    if INVENTORY.get(sku, 0) < quantity:
        return "fail", {"code": "out_of_stock", "message": f"{sku} has fewer than {quantity} in stock"}
    if payload.get("card") in DECLINED_CARDS:
        return "fail", {"code": "payment_declined", "message": "the card was declined"}
    INVENTORY[sku] -= quantity
    return "complete", {"charged": True, "tracking": f"1Z-{payload.get('order_id', 'X')}"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--api-key", default="axp-dev-agent")
    parser.add_argument("--address", default="agent://local/dev/agent")
    parser.add_argument("--max-intents", type=int, default=0, help="Stop after this many (0 = run forever).")
    parser.add_argument("--timeout", type=float, default=None)
    args = parser.parse_args()
    handled = 0
    with Client(args.url, args.api_key) as axp:
        for delivery in axp.listen(args.address, wait_seconds=5, timeout=args.timeout):
            intent = delivery["intent"]
            if intent["status"] not in ("SUBMITTED", "DELIVERED", "ACKNOWLEDGED"):
                continue
            axp.ack(intent["intent_id"])
            axp.resume(intent["intent_id"], {"action": "start"})
            outcome, detail = fulfil(intent["payload"])
            body = {"action": outcome, "result" if outcome == "complete" else "error": detail}
            axp.resume(intent["intent_id"], body)
            print(f"{intent['intent_id']}: {outcome} {detail}", flush=True)
            handled += 1
            if args.max_intents and handled >= args.max_intents:
                return


if __name__ == "__main__":
    try:
        main()
    except (httpx.TransportError, AxpError, WaitTimeout) as exc:  # one line, not a traceback
        raise SystemExit(f"order agent: {exc} (is `axp serve --dev-keys` running?)") from None
