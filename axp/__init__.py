"""axp — the open toolkit for the AXP Intent Protocol."""

from axp.lifecycle import LIFECYCLE, STATUSES, TERMINAL_STATUSES, WAITING_REASONS

__version__ = "0.1.0"

__all__ = ["LIFECYCLE", "STATUSES", "TERMINAL_STATUSES", "WAITING_REASONS", "__version__"]
