"""``axp conformance``: run the suite against any server (or the embedded reference server), list, replay, badge."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click
import yaml
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from axp import reporting
from conformance import report as render
from conformance.context import Target
from conformance.embedded import embedded_server
from conformance.registry import all_checks
from conformance.runner import CheckResult, SelectionError, preflight, run, select


class TargetUnusable(click.ClickException):
    """The server cannot be tested at all (unreachable, unknown key): exit 2, like a harness error,
    because no conformance verdict was reached."""

    exit_code = 2


def load_baseline(path: str) -> set[str]:
    """Expected failures: a YAML/JSON list (or {expected_failures: [...]}) of requirement IDs or check names."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise click.UsageError(f"cannot read baseline {path}: {exc}") from None
    if isinstance(data, dict):
        data = data.get("expected_failures", [])
    if not isinstance(data, list) or not all(isinstance(x, str) for x in data):
        raise click.UsageError(f"{path}: expected a list of requirement IDs or check names")
    return set(data)


def apply_baseline(report: dict[str, Any], expected: set[str]) -> tuple[list[str], list[str]]:
    """(unexpected MUST failures, stale baseline entries that now pass)."""
    failed_checks = {c["name"] for c in report["checks"] if c["status"] == "failed"}
    unexpected, stale = [], []
    for req in report["requirements"]:
        if req["verdict"] == "failed" and req["id"] not in expected and not (set(req["checks"]) & expected & failed_checks):
            unexpected.append(req["id"])
    known_ids = {r["id"]: r for r in report["requirements"]}
    for entry in sorted(expected):
        if entry in known_ids and known_ids[entry]["verdict"] == "passed":
            stale.append(entry)
        elif entry in {c["name"] for c in report["checks"]} and entry not in failed_checks:
            stale.append(entry)
    report["baseline"] = {"expected": sorted(expected), "stale": stale}
    return unexpected, stale


def load_report(path: str) -> dict[str, Any]:
    """A JSON report written by ``--report json``; anything else is a usage error, not a crash."""
    from axp import jsontext
    from axp.validate import validator_for

    try:
        data = jsontext.loads(Path(path).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, jsontext.JSONTextError) as exc:
        raise click.UsageError(f"{path} is not a JSON report: {exc}") from None
    problems = validator_for("conformance_report").errors(data)
    if problems:
        where = problems[0].pointer or "/"
        raise click.UsageError(f"{path} is not an axp conformance report ({where}: {problems[0].message})")
    return dict(data)


@click.group(name="conformance")
def command() -> None:
    """Test an AXP server against the spec, requirement by requirement."""


def principal_options(fn: Any) -> Any:
    """The keys and addresses the suite acts with; shared by run and replay (a report never stores keys)."""
    for option in reversed(
        [
            click.option(
                "--api-key",
                envvar="AXP_API_KEY",
                default="axp-dev-client",
                show_default=True,
                help="Key of a client principal (or AXP_API_KEY).",
            ),
            click.option(
                "--agent-key",
                envvar="AXP_AGENT_KEY",
                default="axp-dev-agent",
                show_default=True,
                help="Key of the agent the suite addresses (or AXP_AGENT_KEY).",
            ),
            click.option(
                "--agent2-key",
                envvar="AXP_AGENT2_KEY",
                default="axp-dev-agent2",
                show_default=True,
                help="Key of a second agent, for authorization checks (or AXP_AGENT2_KEY).",
            ),
            click.option(
                "--admin-key",
                envvar="AXP_ADMIN_KEY",
                default="axp-dev-admin",
                show_default=True,
                help="Key of an admin principal, for the checks of what admins may do (or AXP_ADMIN_KEY).",
            ),
            click.option("--agent-address", default="agent://local/dev/agent", show_default=True),
            click.option("--agent2-address", default="agent://local/dev/agent-two", show_default=True),
        ]
    ):
        fn = option(fn)
    return fn


@command.command(name="run")
@click.argument("url", required=False)
@principal_options
@click.option(
    "--only",
    multiple=True,
    help="Check name, area/check, area, requirement ID, requirement code (LC, TMR, ...), capability or tag (repeatable).",
)
@click.option("--skip", multiple=True, help="Anything --only takes, to leave out (repeatable).")
@click.option("--level", type=click.Choice(["must", "should", "may"]), help="Only requirements of this level.")
@click.option(
    "--max-examples", default=10, show_default=True, type=click.IntRange(1), help="schemathesis examples per operation."
)
@click.option(
    "--seed",
    default=0,
    show_default=True,
    type=click.IntRange(0),
    help="0 = deterministic generation; any other value seeds schemathesis. Printed in replay commands.",
)
@click.option(
    "--timeout", default=10.0, show_default=True, type=click.FloatRange(0, min_open=True), help="Per-request timeout in seconds."
)
@click.option("--workers", default=4, show_default=True, type=click.IntRange(1, 64), help="Checks run in parallel.")
@click.option(
    "--restart-cmd",
    metavar="CMD",
    help="Shell command that restarts the server the hard way (e.g. kill -9, then start it again); run between the "
    "two halves of the durability checks, which are not covered without it.",
)
@click.option(
    "--restart-timeout",
    default=60.0,
    show_default=True,
    type=click.FloatRange(0, min_open=True),
    help="Seconds the restart command and the server's /health may take together.",
)
@click.option("--require-coverage", is_flag=True, help="Exit 1 when any MUST requirement is not covered.")
@click.option(
    "--report",
    "reports",
    multiple=True,
    type=(reporting.choice(), click.Path(dir_okay=False)),
    help=f"KIND PATH: write a report ({', '.join(reporting.names())}); repeatable.",
)
@click.option("--baseline", type=click.Path(exists=True, dir_okay=False), help="Expected failures file.")
@click.option("--quiet", "-q", is_flag=True, help="No progress, per-check lines or tables; just failures and the headline.")
def run_cmd(
    url: str | None,
    api_key: str,
    agent_key: str,
    agent2_key: str,
    admin_key: str,
    agent_address: str,
    agent2_address: str,
    only: tuple[str, ...],
    skip: tuple[str, ...],
    level: str | None,
    max_examples: int,
    seed: int,
    timeout: float,
    workers: int,
    restart_cmd: str | None,
    restart_timeout: float,
    require_coverage: bool,
    reports: tuple[tuple[str, str], ...],
    baseline: str | None,
    quiet: bool,
) -> None:
    """Run the suite against URL, or against an embedded reference server when URL is omitted
    (which is restarted with kill -9 for the durability checks)."""
    console = make_console()
    try:
        checks = select(all_checks(), only, skip, level)
    except SelectionError as exc:
        raise click.UsageError(str(exc)) from None
    if not checks:
        raise click.UsageError("no check matches --only/--skip/--level")
    expected = load_baseline(baseline) if baseline else set()
    if url is not None and not re.match(r"^https?://[^/\s]+", url):
        raise click.UsageError(f"{url!r} is not a server URL: give one like http://127.0.0.1:8080")
    if url is None and restart_cmd:
        raise click.UsageError("--restart-cmd needs a URL: the embedded server is restarted by the suite itself")
    with ExitStack() as stack:
        restart: Callable[[], None] | None = None
        if url is None:
            url, restart = stack.enter_context(embedded_server())
            if not quiet:
                console.print(f"embedded reference server at {url} (restarted with kill -9 for the durability checks)")
        elif restart_cmd:
            restart = shell_restart(restart_cmd, url.rstrip("/"), restart_timeout)
        target = Target(
            url.rstrip("/"),
            api_key,
            agent_key,
            agent2_key,
            agent_address,
            agent2_address,
            timeout,
            seed,
            max_examples,
            admin_key=admin_key,
        )
        problem = preflight(target)
        if problem:
            raise TargetUnusable(problem)
        if not quiet:
            console.print(
                f"running {len(checks)} checks against {target.base_url} (seed {seed}, "
                f"max-examples {max_examples}, workers {workers}"
                f"{', restart: ' + ('kill -9' if restart_cmd is None else restart_cmd) if restart else ', no restart'})"
            )
        live = console.is_terminal and not quiet
        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console, disable=not live, transient=True
        ) as progress:
            task = progress.add_task("checks", total=len(checks))

            def advance(result: CheckResult) -> None:
                if live:
                    progress.update(task, advance=1, description=f"{result.name}: {result.status.value}")
                elif not quiet:
                    console.print(check_line(result), highlight=False, markup=False)

            result = run(target, checks, workers, advance, restart=restart, level=level)
    unexpected, stale = apply_baseline(result, expected)
    for kind, path in reports:
        reporting.emit(render.as_report(result), kind, path, with_summary=False)  # the console prints the verdict
    if not quiet:
        render.summary_table(result, console)
    for chk in result["checks"]:
        if chk["status"] == "failed":
            for failure in chk["failures"]:
                console.print(f"FAIL {failure['requirement']} {chk['node']}: {failure['message']}", highlight=False, markup=False)
            curl = (chk.get("evidence") or {}).get("curl")
            if curl:
                console.print(f"     request: {curl}", highlight=False, markup=False)
            console.print(f"     replay: {chk['replay']}", highlight=False, markup=False)
        elif chk["status"] == "harness_error":
            console.print(f"HARNESS ERROR {chk['node']}: {chk['message']}", highlight=False, markup=False)
    for entry in stale:
        console.print(f"STALE BASELINE {entry} passes now; remove it from {baseline}", highlight=False, markup=False)
    uncovered = [r["id"] for r in result["requirements"] if r["level"].startswith("MUST") and r["verdict"] == "not_covered"]
    if require_coverage and uncovered:
        console.print(f"NOT COVERED (--require-coverage): {', '.join(uncovered)}", highlight=False, markup=False)
    console.print(render.headline(result), highlight=False, markup=False)
    if unexpected or stale or (require_coverage and uncovered):
        sys.exit(1)
    if result["summary"]["harness_errors"]:
        sys.exit(2)


STATUS_WORD = {"passed": "PASS", "failed": "FAIL", "not_applicable": "N/A", "not_covered": "SKIP", "harness_error": "ERROR"}


def make_console() -> Console:
    """On a terminal: rich as usual. Elsewhere (CI logs): never wrap a line, so summary lines,
    curl and replay commands stay on one line and can be pasted."""
    console = Console()
    if console.is_terminal:
        return console
    return Console(soft_wrap=True, width=max(console.width, 120), no_color=True, highlight=False)


def check_line(result: CheckResult) -> str:
    """``PASS lifecycle/illegal_transition_is_refused AXP-LC-002,AXP-LC-010 0.12s`` (one line)."""
    word = STATUS_WORD[result.status.value]
    ids = ",".join(dict.fromkeys(q for q, _ in result.failures)) or ",".join(result.requirements)
    line = f"{word} {result.node} {ids} {result.duration:.2f}s"
    if result.status.value != "passed" and (result.message or result.failures):
        message = result.failures[0][1] if result.failures else result.message
        line += f": {' '.join(message.split())}"
    return line


def shell_restart(command: str, base_url: str, timeout: float) -> Callable[[], None]:
    """Run the user's restart command, then wait until the server answers /health again."""

    def restart() -> None:
        from axp.server.runner import wait_healthy

        started = time.monotonic()
        try:
            proc = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=timeout, check=False)  # noqa: S602 - the user's own command
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"--restart-cmd did not finish in {timeout:g}s") from None
        if proc.returncode != 0:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or [""]
            raise RuntimeError(f"--restart-cmd exited {proc.returncode}: {tail[0][:200]}")
        wait_healthy(base_url, timeout=max(1.0, timeout - (time.monotonic() - started)))

    return restart


@command.command(name="list")
@click.option("--only", multiple=True)
def list_cmd(only: tuple[str, ...]) -> None:
    """List the checks (area/check) with the requirements they verify."""
    try:
        chosen = select(all_checks(), only)
    except SelectionError as exc:
        raise click.UsageError(str(exc)) from None
    for chk in chosen:
        cap = f" [needs {', '.join(chk.capabilities)}]" if chk.capabilities else ""
        click.echo(f"{chk.node_id:56} {' '.join(chk.requirements)}{cap}")


@command.command(name="replay")
@click.argument("report_path", type=click.Path(exists=True, dir_okay=False))
@click.argument("check_name")
@principal_options
def replay_cmd(report_path: str, check_name: str, **principals: str) -> None:
    """Re-run one check of a JSON report against the same target and seed (pass the same keys as the run)."""
    data = load_report(report_path)
    entry = next((c for c in data["checks"] if c["name"] == check_name), None)
    if entry is None:
        raise click.UsageError(f"{check_name} is not in {report_path}")
    click.echo(f"replaying: {entry['replay']}")
    ctx = click.get_current_context()
    ctx.invoke(
        run_cmd,
        url=data["target"],
        only=(check_name,),
        seed=data["seed"],
        max_examples=data["max_examples"],
        **principals,
    )


@command.command(name="badge")
@click.argument("report_path", type=click.Path(exists=True, dir_okay=False))
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False))
def badge_cmd(report_path: str, output: str) -> None:
    """Write an SVG conformance badge from a JSON report."""
    Path(output).write_text(render.badge(load_report(report_path)), encoding="utf-8")
    click.echo(f"wrote {output}")
