"""The AXP reference server: a complete, durable implementation of the spec (``axp serve``)."""

from axp.server.app import create_app
from axp.server.config import Principal, ServerConfig

__all__ = ["Principal", "ServerConfig", "create_app"]
