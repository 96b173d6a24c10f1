"""Python client for any AXP server: ``send_intent`` then ``wait_for``, or follow events as they happen.

:class:`Client` (blocking) and :class:`AsyncClient` (asyncio) have the same methods, arguments and
behaviour, because both only drive the same flows (:mod:`axp.client._core`):

- Reads and idempotent writes are retried on 429/5xx and transport errors, honouring Retry-After;
  ``send_intent`` always sends an Idempotency-Key so its retries can never create a second intent,
  and a write is retried only when you give it ``idempotency_key=`` (the server then answers a
  retry with the original result, AXP-IDEM-008).
- ``observe`` follows the SSE stream window by window, resuming from the last seq, and falls back
  to polling the events list when the server has no stream; ``wait_for`` returns the terminal event.
- ``listen`` serves agents: delivery records window after window.
- ``transport=`` takes any httpx transport (``httpx.MockTransport`` in tests, an ASGI app in process).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx

from axp.client._core import AxpError, Operations, WaitTimeout, retry_after_seconds
from axp.client._drivers import AsyncDriver, SyncDriver

__all__ = ["AsyncClient", "AxpError", "Client", "WaitTimeout", "retry_after_seconds"]


def _http_options(base_url: str, api_key: str, timeout: float) -> dict[str, Any]:
    return {"base_url": base_url.rstrip("/"), "headers": {"x-api-key": api_key}, "timeout": timeout, "trust_env": False}


class Client:
    """Blocking client. Use it as a context manager, or call :meth:`close`."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeout: float = 30.0,
        max_retries: int = 3,
        backoff: float = 0.2,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._http = httpx.Client(**_http_options(base_url, api_key, timeout), transport=transport)
        self._ops = Operations(max_retries=max_retries, backoff=backoff)
        self._driver = SyncDriver(self._http)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def create_intent(
        self,
        intent_type: str,
        to_agent: str,
        payload: dict[str, Any],
        *,
        correlation_id: str | None = None,
        idempotency_key: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """POST /v1/intents; ``extra`` carries the optional create fields (deadline_at, human_task, ...)."""
        return self._driver.call(self._ops.create_intent(intent_type, to_agent, payload, correlation_id, idempotency_key, extra))

    def send_intent(self, intent_type: str, to_agent: str, payload: dict[str, Any], **kwargs: Any) -> str:
        """:meth:`create_intent`, returning the new intent's id."""
        return str(self.create_intent(intent_type, to_agent, payload, **kwargs)["intent_id"])

    def get_intent(self, intent_id: str) -> dict[str, Any]:
        return self._driver.call(self._ops.get_intent(intent_id))

    def list_intents(self, **filters: Any) -> dict[str, Any]:
        """GET /v1/intents with filters (status, to_agent, correlation_id, limit, cursor)."""
        return self._driver.call(self._ops.list_intents(filters))

    def list_events(self, intent_id: str, since: int = 0, limit: int | None = None) -> list[dict[str, Any]]:
        return self._driver.call(self._ops.list_events(intent_id, since, limit))

    def capabilities(self) -> dict[str, Any]:
        return self._driver.call(self._ops.capabilities())

    def resolve(
        self,
        intent_id: str,
        status: str,
        *,
        result: dict[str, Any] | None = None,
        error: dict[str, Any] | None = None,
        reason: str | None = None,
        actor: str | None = None,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        fields = {"result": result, "error": error, "reason": reason, "actor": actor}
        return self._driver.call(self._ops.resolve(intent_id, status, fields, idempotency_key))

    def resume(
        self, intent_id: str, body: dict[str, Any] | None = None, *, idempotency_key: str | None = None, **fields: Any
    ) -> dict[str, Any]:
        """POST .../resume with ``body`` and/or its fields as keywords (action, result, task_result, ...)."""
        return self._driver.call(self._ops.resume(intent_id, body, fields, idempotency_key))

    def cancel(
        self, intent_id: str, reason: str | None = None, *, actor: str | None = None, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        return self._driver.call(self._ops.write(intent_id, "cancel", {"reason": reason, "actor": actor}, idempotency_key))

    def ack(self, intent_id: str, *, actor: str | None = None, idempotency_key: str | None = None) -> dict[str, Any]:
        return self._driver.call(self._ops.write(intent_id, "ack", {"actor": actor}, idempotency_key))

    def update_controls(
        self,
        intent_id: str,
        patch: dict[str, Any],
        *,
        expected_policy_generation: int | None = None,
        reason: str | None = None,
        actor: str | None = None,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        fields = {"expected_policy_generation": expected_policy_generation, "reason": reason, "actor": actor}
        return self._driver.call(self._ops.update_controls(intent_id, patch, fields, idempotency_key))

    def observe(
        self, intent_id: str, *, since: int = 0, wait_seconds: int = 15, timeout: float | None = None
    ) -> Iterator[dict[str, Any]]:
        """Every event after ``since`` once, in order, as it happens, until a terminal event (or
        ``timeout``, then WaitTimeout)."""
        return self._driver.iterate(self._ops.observe(intent_id, since, wait_seconds, timeout))

    def wait_for(self, intent_id: str, timeout: float = 60.0, wait_seconds: int = 15) -> dict[str, Any]:
        """The terminal event of the intent; raises WaitTimeout after ``timeout`` seconds."""
        return self._driver.call(self._ops.wait_for(intent_id, timeout, wait_seconds))

    def listen(
        self, agent_address: str, *, since: int = 0, wait_seconds: int = 15, timeout: float | None = None
    ) -> Iterator[dict[str, Any]]:
        """Delivery records for an agent, window after window (WaitTimeout when ``timeout`` runs out)."""
        return self._driver.iterate(self._ops.listen(agent_address, since, wait_seconds, timeout))


class AsyncClient:
    """The asyncio client: :class:`Client`'s methods, awaited (``observe`` and ``listen`` are async
    iterators; to stop one early, iterate inside ``contextlib.aclosing(...)``)."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeout: float = 30.0,
        max_retries: int = 3,
        backoff: float = 0.2,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._http = httpx.AsyncClient(**_http_options(base_url, api_key, timeout), transport=transport)
        self._ops = Operations(max_retries=max_retries, backoff=backoff)
        self._driver = AsyncDriver(self._http)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def create_intent(
        self,
        intent_type: str,
        to_agent: str,
        payload: dict[str, Any],
        *,
        correlation_id: str | None = None,
        idempotency_key: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """POST /v1/intents; ``extra`` carries the optional create fields (deadline_at, human_task, ...)."""
        return await self._driver.call(
            self._ops.create_intent(intent_type, to_agent, payload, correlation_id, idempotency_key, extra)
        )

    async def send_intent(self, intent_type: str, to_agent: str, payload: dict[str, Any], **kwargs: Any) -> str:
        """:meth:`create_intent`, returning the new intent's id."""
        return str((await self.create_intent(intent_type, to_agent, payload, **kwargs))["intent_id"])

    async def get_intent(self, intent_id: str) -> dict[str, Any]:
        return await self._driver.call(self._ops.get_intent(intent_id))

    async def list_intents(self, **filters: Any) -> dict[str, Any]:
        """GET /v1/intents with filters (status, to_agent, correlation_id, limit, cursor)."""
        return await self._driver.call(self._ops.list_intents(filters))

    async def list_events(self, intent_id: str, since: int = 0, limit: int | None = None) -> list[dict[str, Any]]:
        return await self._driver.call(self._ops.list_events(intent_id, since, limit))

    async def capabilities(self) -> dict[str, Any]:
        return await self._driver.call(self._ops.capabilities())

    async def resolve(
        self,
        intent_id: str,
        status: str,
        *,
        result: dict[str, Any] | None = None,
        error: dict[str, Any] | None = None,
        reason: str | None = None,
        actor: str | None = None,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        fields = {"result": result, "error": error, "reason": reason, "actor": actor}
        return await self._driver.call(self._ops.resolve(intent_id, status, fields, idempotency_key))

    async def resume(
        self, intent_id: str, body: dict[str, Any] | None = None, *, idempotency_key: str | None = None, **fields: Any
    ) -> dict[str, Any]:
        """POST .../resume with ``body`` and/or its fields as keywords (action, result, task_result, ...)."""
        return await self._driver.call(self._ops.resume(intent_id, body, fields, idempotency_key))

    async def cancel(
        self, intent_id: str, reason: str | None = None, *, actor: str | None = None, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        return await self._driver.call(self._ops.write(intent_id, "cancel", {"reason": reason, "actor": actor}, idempotency_key))

    async def ack(self, intent_id: str, *, actor: str | None = None, idempotency_key: str | None = None) -> dict[str, Any]:
        return await self._driver.call(self._ops.write(intent_id, "ack", {"actor": actor}, idempotency_key))

    async def update_controls(
        self,
        intent_id: str,
        patch: dict[str, Any],
        *,
        expected_policy_generation: int | None = None,
        reason: str | None = None,
        actor: str | None = None,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        fields = {"expected_policy_generation": expected_policy_generation, "reason": reason, "actor": actor}
        return await self._driver.call(self._ops.update_controls(intent_id, patch, fields, idempotency_key))

    def observe(
        self, intent_id: str, *, since: int = 0, wait_seconds: int = 15, timeout: float | None = None
    ) -> AsyncIterator[dict[str, Any]]:
        """Every event after ``since`` once, in order, as it happens, until a terminal event (or
        ``timeout``, then WaitTimeout)."""
        return self._driver.iterate(self._ops.observe(intent_id, since, wait_seconds, timeout))

    async def wait_for(self, intent_id: str, timeout: float = 60.0, wait_seconds: int = 15) -> dict[str, Any]:
        """The terminal event of the intent; raises WaitTimeout after ``timeout`` seconds."""
        return await self._driver.call(self._ops.wait_for(intent_id, timeout, wait_seconds))

    def listen(
        self, agent_address: str, *, since: int = 0, wait_seconds: int = 15, timeout: float | None = None
    ) -> AsyncIterator[dict[str, Any]]:
        """Delivery records for an agent, window after window (WaitTimeout when ``timeout`` runs out)."""
        return self._driver.iterate(self._ops.listen(agent_address, since, wait_seconds, timeout))
