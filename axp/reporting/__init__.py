"""Report formats shared by every command that reports (``axp validate``, ``axp conformance run``).

One registry of formats, offered to users through :func:`choice`; one writer per format; output
goes to a stream the command opens (:func:`emit`), never to a reassigned ``sys.stdout``.

>>> from axp.reporting import Case, Report, Suite, names
>>> "junit" in names()
True
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import click

from axp.reporting import formats, junit
from axp.reporting.model import Case, Report, Status, Suite


@dataclass(frozen=True)
class Reporter:
    name: str
    help: str
    write: Callable[[Report, TextIO], None]


REPORTERS: dict[str, Reporter] = {
    r.name: r
    for r in (
        Reporter("text", "one line per problem, then the verdict", formats.write_text),
        Reporter("json", "the command's JSON document", formats.write_json),
        Reporter("github", "GitHub Actions error annotations", formats.write_github),
        Reporter("junit", "JUnit XML for CI test reports", junit.write),
        Reporter("markdown", "a Markdown summary (pull requests, $GITHUB_STEP_SUMMARY)", formats.write_markdown),
        Reporter("html", "a self-contained HTML page", formats.write_html),
    )
}


def names() -> list[str]:
    return list(REPORTERS)


def choice() -> click.Choice:
    """The formats as a click parameter type: every command offers the same names."""
    return click.Choice(names())


def render(report: Report, fmt: str, out: TextIO) -> None:
    """Write ``report`` in format ``fmt``: the producer's own rendering when it has one, else the generic one."""
    own = report.renderings.get(fmt)
    if own is not None:
        out.write(own())
    else:
        REPORTERS[fmt].write(report, out)


@contextlib.contextmanager
def open_output(path: str | os.PathLike[str] | None) -> Iterator[TextIO]:
    """stdout, or the file at ``path`` (parent directories created). The file is replaced only
    when the report is complete, so a failure never leaves half a report where CI looks for one."""
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file stands where a directory is needed
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(target.parent)) from None
    tmp = target.with_name(f".{target.name}.{os.urandom(6).hex()}.tmp")  # created with the user's umask
    try:
        with open(tmp, "x", encoding="utf-8", newline="\n") as handle:
            yield handle
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def emit(report: Report, fmt: str, path: str | os.PathLike[str] | None = None, *, with_summary: bool = True) -> None:
    """Render to stdout, or to ``path`` with a one-line note on stderr, so a run that writes its
    report to a file still says on the console where it went and (``with_summary``, for commands
    that print no verdict of their own) what it found."""
    with open_output(path) as out:
        render(report, fmt, out)
    if path is not None and str(path) != "-":
        click.echo(f"wrote {fmt} report to {path}" + (f": {report.summary}" if with_summary else ""), err=True)


__all__ = ["REPORTERS", "Case", "Report", "Reporter", "Status", "Suite", "choice", "emit", "names", "open_output", "render"]
