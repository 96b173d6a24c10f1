"""Locate the spec data files whether axp runs from a checkout or from an installed wheel.

The wheel carries copies of ``spec/``, ``schemas/`` and ``vectors/`` under ``axp/_data``; a checkout
(editable install, CI) reads the repository's own directories so there is one source of truth.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_REPO_ROOT = _PACKAGE_DIR.parent


def data_root() -> Path:
    """Directory that holds ``spec/``, ``schemas/`` and ``vectors/``."""
    bundled = _PACKAGE_DIR / "_data"
    if (bundled / "spec").is_dir():
        return bundled
    return _REPO_ROOT


def spec_dir() -> Path:
    return data_root() / "spec"


def schemas_dir() -> Path:
    return data_root() / "schemas" / "v1"


def vectors_dir() -> Path:
    return data_root() / "vectors"
