"""The AXP conformance suite."""
