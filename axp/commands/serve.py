"""``axp serve``: run the durable reference server."""

from __future__ import annotations

import logging
import socket

import click

from axp.cli import UnusableInput
from axp.jsontext import MAX_DEPTH_LIMIT, MIN_DEPTH_LIMIT
from axp.server.config import (
    DEV_PRINCIPALS,
    ConfigError,
    ServerConfig,
    keys_from_env,
    load_keys_file,
    parse_key_spec,
)


@click.command(name="serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--db",
    "db_path",
    default="axp.db",
    show_default=True,
    help="SQLite file (WAL, durable; ':memory:' only when asked), or postgresql://USER@HOST:PORT/DB, "
    "which several instances can share as one platform.",
)
@click.option(
    "--api-key",
    "api_keys",
    multiple=True,
    metavar="KEY[=role:agent://org/ws/name]",
    help="An API key; without '=' it is an admin. Repeatable. Also AXP_API_KEYS.",
)
@click.option("--keys-file", type=click.Path(exists=True, dir_okay=False), help="JSON/YAML list of {key, role, address}.")
@click.option("--dev-keys", is_flag=True, help="Install the well-known development keys (never in production).")
@click.option("--keepalive-seconds", default=5.0, show_default=True, type=float)
@click.option("--push-backoff-base", default=1.0, show_default=True, type=float)
@click.option("--max-body-bytes", default=1024 * 1024, show_default=True, type=int)
@click.option(
    "--max-json-depth",
    default=64,
    show_default=True,
    type=click.IntRange(MIN_DEPTH_LIMIT, MAX_DEPTH_LIMIT),
    help="Deepest nesting of objects/arrays accepted in a request body (AXP-API-019 bounds it).",
)
@click.option(
    "--capabilities",
    "capabilities",
    default="all",
    show_default=True,
    metavar="all|core|NAME,...",
    help="Optional capabilities to claim: all of them, none (core), or a comma-separated list. The routes of an "
    "unclaimed capability are not served (404, or 405 when the path serves other methods).",
)
@click.option("--no-ui", is_flag=True, help="Do not serve the web console at /ui/.")
@click.option(
    "--db-pool", default=10, show_default=True, type=click.IntRange(1, 200), help="PostgreSQL: connections of this instance."
)
@click.option(
    "--timer-lease",
    default=10.0,
    show_default=True,
    type=click.FloatRange(0.5, 3600),
    help="PostgreSQL: seconds a claimed timer stays with this instance; a killed instance's timers "
    "are taken over once their lease runs out.",
)
@click.option(
    "--compat",
    type=click.Choice(["axme"]),
    default=None,
    help="Read the request shapes of AXME's hosted platform and official SDKs (spec/16-compat-axme.md); strict without it.",
)
@click.option("--log-level", default="info", show_default=True, type=click.Choice(["debug", "info", "warning", "error"]))
def command(
    host: str,
    port: int,
    db_path: str,
    api_keys: tuple[str, ...],
    keys_file: str | None,
    dev_keys: bool,
    keepalive_seconds: float,
    push_backoff_base: float,
    max_body_bytes: int,
    max_json_depth: int,
    capabilities: str,
    no_ui: bool,
    db_pool: int,
    timer_lease: float,
    compat: str | None,
    log_level: str,
) -> None:
    """Run the AXP reference server (SQLite or PostgreSQL, durable, every operation of spec/openapi.yaml)."""
    import uvicorn

    from axp.server.app import create_app
    from axp.server.runner import uvicorn_config
    from axp.server.storage import StorageUnavailable
    from axp.server.storage.postgresql import redact

    try:
        principals = [parse_key_spec(k) for k in api_keys] + keys_from_env()
        if keys_file:
            principals += load_keys_file(keys_file)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    if dev_keys:
        principals += list(DEV_PRINCIPALS)
    if not principals:
        raise click.UsageError("no API keys: pass --api-key KEY, --keys-file, AXP_API_KEYS, or --dev-keys")
    claimed = claimed_optional(capabilities)
    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(message)s")
    config = ServerConfig(
        db_path=db_path,
        principals=principals,
        host=host,
        port=port,
        keepalive_seconds=keepalive_seconds,
        push_backoff_base=push_backoff_base,
        max_body_bytes=max_body_bytes,
        max_json_depth=max_json_depth,
        ui=not no_ui,
        db_pool_size=db_pool,
        timer_lease_seconds=timer_lease,
        capabilities=claimed,
        compat=compat,
    )
    sock = listen_socket(host, port)  # first: a busy port leaves no new database file behind
    try:
        app = create_app(config)
    except StorageUnavailable as exc:
        sock.close()
        raise UnusableInput(str(exc)) from None
    bound = sock.getsockname()[1]
    console = "" if no_ui else f" console=http://{host}:{bound}/ui/"
    profile = f" compat={compat}" if compat else ""
    click.echo(f"axp serve: http://{host}:{bound} db={redact(db_path)} keys={len(principals)}{profile}{console}", err=True)
    server = uvicorn.Server(uvicorn_config(app, host, bound, log_level="warning"))
    server.run(sockets=[sock])
    if not server.started:
        raise click.ClickException(f"could not serve on {host}:{bound} (the reason is logged above)")


def listen_socket(host: str, port: int) -> socket.socket:
    """The server's socket, bound before anything is announced: a busy port or an unknown host is
    one line and exit 2 (bad input), never a "serving" line followed by a crash. uvicorn is handed
    this very socket, so nothing can take the port in between."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise UnusableInput(f"cannot listen on {host}:{port}: cannot resolve the host ({exc})") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: restart without waiting
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise UnusableInput(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock


def claimed_optional(spec: str) -> list[str] | None:
    """``all`` (None: every optional capability), ``core`` (none) or a comma-separated list of optional
    capability names from spec/capabilities.json; anything else is a usage error."""
    from axp.capabilities import vocabulary

    if spec.strip().lower() == "all":
        return None
    if spec.strip().lower() == "core":
        return []
    optional = [c.name for c in vocabulary() if not c.core]
    chosen = [name.strip() for name in spec.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in optional]
    if unknown:
        raise click.UsageError(f"--capabilities: {', '.join(unknown)} is not an optional capability ({', '.join(optional)})")
    return chosen
