"""``python -m axp`` runs the CLI."""

from axp.cli import main

main()
