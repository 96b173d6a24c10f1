"""``axp db migrate``: create or upgrade a server database's schema without serving it.

Why a command of its own when ``axp serve`` migrates at start: with several instances behind a
load balancer, an operator upgrades the schema once, before rolling the new version out, and
sees what was applied; a database it must not touch is refused in one line (exit 2).
"""

from __future__ import annotations

import asyncio

import click


@click.group(name="db")
def command() -> None:
    """Server database tools (SQLite file or postgresql:// URL)."""


@command.command(name="migrate")
@click.option("--db", "db", required=True, help="SQLite file, or postgresql://USER@HOST:PORT/DB.")
def migrate(db: str) -> None:
    """Apply the schema migrations this axp ships that the database lacks, then exit."""
    from axp.cli import UnusableInput
    from axp.server.storage import StorageUnavailable, is_postgresql

    try:
        if is_postgresql(db):
            from axp.server.storage.postgresql import migrate as migrate_url
            from axp.server.storage.postgresql import redact

            outcome, where = migrate_url(db), redact(db)
        else:
            from axp.server.storage.sqlite import SQLiteStorage

            if db == ":memory:":
                raise StorageUnavailable(":memory: is gone when the command ends; name a file or a postgresql:// URL")
            storage = SQLiteStorage(db)
            outcome, where = storage.schema, db
            asyncio.run(storage.close())
    except StorageUnavailable as exc:
        raise UnusableInput(str(exc)) from None
    click.echo(f"{where}: {outcome.describe()}")
