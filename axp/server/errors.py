"""The one exception the server raises for any spec error; the app turns it into the error model."""

from __future__ import annotations

from typing import Any

from axp import errors


class ApiError(Exception):
    def __init__(
        self, code: str, message: str, details: dict[str, Any] | None = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers or {}

    @property
    def status(self) -> int:
        return errors.lookup(self.code).http_status
