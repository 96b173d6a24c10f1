"""Server configuration and principals (API keys mapped to roles and agent addresses)."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from axp import schemas

ROLES = ("client", "agent", "admin")


@dataclass(frozen=True)
class Principal:
    key: str
    role: str
    address: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def id(self) -> str:
        """What the server persists about a principal (idempotency scopes): never its key (D10)."""
        return f"{self.role}:{self.address}"

    def __repr__(self) -> str:  # keys stay out of logs and tracebacks
        return f"Principal(role={self.role!r}, address={self.address!r})"


class KeyRing:
    """API key → principal, looked up by a digest of the key and confirmed in constant time, so
    neither the lookup nor the comparison leaks how much of a guessed key was right (D10)."""

    def __init__(self, principals: list[Principal]) -> None:
        self._by_digest = {hashlib.sha256(p.key.encode("utf-8", "surrogateescape")).digest(): p for p in principals}

    def find(self, key: str) -> Principal | None:
        given = key.encode("utf-8", "surrogateescape")
        found = self._by_digest.get(hashlib.sha256(given).digest())
        if found is None or not hmac.compare_digest(found.key.encode("utf-8", "surrogateescape"), given):
            return None
        return found


DEV_PRINCIPALS: tuple[Principal, ...] = (
    Principal("axp-dev-client", "client", "agent://local/dev/client"),
    Principal("axp-dev-agent", "agent", "agent://local/dev/agent"),
    Principal("axp-dev-agent2", "agent", "agent://local/dev/agent-two"),
    Principal("axp-dev-admin", "admin", "agent://local/dev/admin"),
)


@dataclass
class ServerConfig:
    db_path: str = "axp.db"
    principals: list[Principal] = field(default_factory=list)
    host: str = "127.0.0.1"
    port: int = 8080
    keepalive_seconds: float = 5.0
    push_backoff_base: float = 1.0
    push_backoff_cap: float = 600.0
    push_timeout: float = 5.0
    max_body_bytes: int = 1024 * 1024
    max_json_depth: int = 64  # nesting of objects/arrays in a request body; deeper is 400 invalid_json
    log_requests: bool = True
    ui: bool = True  # serve the web console at /ui/ (axp serve --no-ui turns it off)
    # Optional capabilities to claim (spec/capabilities.json); None claims all of them. Routes of
    # an unclaimed capability are not served at all (decision D2).
    capabilities: list[str] | None = None
    db_pool_size: int = 10  # PostgreSQL: connections of this instance
    timer_lease_seconds: float = 10.0  # PostgreSQL: how long a claimed timer stays with this instance
    # A compatibility profile to turn on (spec/16-compat-axme.md): None is strict, "axme" reads the
    # request shapes of AXME's hosted platform and official SDKs (axp serve --compat axme).
    compat: str | None = None
    # How long an agent stream window that has sent deliveries waits for more before it ends
    # (AXP-DLV-016): clients that read a whole window get each delivery this soon.
    agent_quiet_seconds: float = 0.05

    @classmethod
    def dev(cls, db_path: str, **kwargs: object) -> ServerConfig:
        """A config with the well-known development keys (tests, the suite's embedded run)."""
        return cls(db_path=db_path, principals=list(DEV_PRINCIPALS), **kwargs)  # type: ignore[arg-type]


def is_agent_address(value: str) -> bool:
    """True for ``agent://org/workspace/name`` (the pattern lives in schemas/v1/common.json)."""
    return bool(_address_pattern().match(value))


def _address_pattern() -> re.Pattern[str]:
    return re.compile(schemas.get("common")["$defs"]["AgentAddress"]["pattern"])


class ConfigError(ValueError):
    """A bad key specification; the message is shown to the user as is."""


def parse_key_spec(spec: str) -> Principal:
    """``KEY`` (an admin) or ``KEY=role:agent://org/workspace/name``."""
    key, sep, rest = spec.partition("=")
    if not key:
        raise ConfigError(f"empty API key in {spec!r}")
    if not sep:
        return Principal(key, "admin", "agent://local/admin/admin")
    role, sep, address = rest.partition(":")
    return make_principal(key, role, address if sep else "")


def make_principal(key: str, role: str, address: str) -> Principal:
    if role not in ROLES:
        raise ConfigError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if not is_agent_address(address):
        raise ConfigError(f"{address!r} is not an agent address (agent://org/workspace/name)")
    return Principal(key, role, address)


def load_keys_file(path: str) -> list[Principal]:
    """A JSON or YAML list of ``{key, role, address}``."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read keys file {path}: {exc}") from None
    if not isinstance(data, list):
        raise ConfigError(f"{path}: expected a list of {{key, role, address}}")
    out = []
    for entry in data:
        if not isinstance(entry, dict) or not {"key", "role", "address"} <= set(entry):
            raise ConfigError(f"{path}: each entry needs key, role and address: {json.dumps(entry)[:80]}")
        out.append(make_principal(str(entry["key"]), str(entry["role"]), str(entry["address"])))
    return out


def keys_from_env() -> list[Principal]:
    """``AXP_API_KEYS``: key specs separated by commas or white space."""
    raw = os.environ.get("AXP_API_KEYS", "")
    return [parse_key_spec(s) for s in raw.replace(",", " ").split()]
