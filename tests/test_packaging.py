"""The distribution as users install it: the base install (no extras) in a fresh virtualenv does
its job and refuses the commands of missing extras in one line; docs name the real package."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from axp.cli import COMMANDS, DISTRIBUTION, missing_for_extra

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
EXTRAS = set(PYPROJECT["project"]["optional-dependencies"])


def test_distribution_name_is_the_one_the_cli_names() -> None:
    assert PYPROJECT["project"]["name"] == DISTRIBUTION
    assert PYPROJECT["project"]["scripts"] == {"axp": "axp.cli:main"}


def test_every_command_extra_exists_and_is_installed_here() -> None:
    for extra in {e for _, e in COMMANDS.values() if e is not None}:
        assert extra in EXTRAS
        assert missing_for_extra(extra) == []  # the dev install pulls every extra


def test_dev_extra_pulls_every_other_extra() -> None:
    dev = PYPROJECT["project"]["optional-dependencies"]["dev"]
    pulled = next(r for r in dev if r.startswith(DISTRIBUTION + "["))
    assert set(pulled[len(DISTRIBUTION) + 1 : pulled.index("]")].split(",")) == EXTRAS - {"dev"}


def _doc_files() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def test_docs_install_the_real_distribution_and_real_extras() -> None:
    installs = []
    for path in _doc_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            for match in re.finditer(r"pip install\s+(?:-[-\w]+\s+)*['\"]?([\w.\-]+)(?:\[([\w,]+)\])?", line):
                installs.append((path.name, match.group(1), match.group(2)))
    assert any(name == DISTRIBUTION for _, name, _ in installs)
    for page, name, extras in installs:
        # `pip install axp` would install an unrelated PyPI project (axp 0.0.1)
        assert name in (DISTRIBUTION, "-e", "."), f"{page}: pip install {name}"
        for extra in (extras or "").split(","):
            assert not extra or extra in EXTRAS, f"{page}: unknown extra {extra}"


@pytest.fixture(scope="module")
def base_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with ``pip install <this repo>`` and no extras: what a user who only
    wants the validator gets. Built from a wheel, so it also proves the data files are packaged."""
    venv = tmp_path_factory.mktemp("base-venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    proc = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return venv


def _axp(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(venv / "bin" / "axp"), *args], capture_output=True, text=True, timeout=120, cwd=cwd, env=env, check=False
    )


def test_base_install_has_no_extra_dependencies(base_venv: Path) -> None:
    listed = subprocess.run(
        [str(base_venv / "bin" / "python"), "-m", "pip", "list", "--format=freeze", "--disable-pip-version-check"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.lower()
    installed = {line.split("==")[0].replace("_", "-") for line in listed.splitlines()}
    assert DISTRIBUTION in installed
    heavy_parts = (
        "starlette",
        "uvicorn",
        "jinja2",
        "sse-starlette",
        "schemathesis",
        "hypothesis",
        "rich",
        "datamodel-code-generator",
    )
    for heavy in (*heavy_parts, "datamodel-code-generator", "jsonschema"):
        assert heavy not in installed, heavy


def test_base_install_validates_and_imports_the_client_and_models(base_venv: Path, tmp_path: Path) -> None:
    vectors = _axp(base_venv, "validate", "--vectors", cwd=tmp_path)
    assert vectors.returncode == 0 and "vectors behave as stated" in vectors.stdout, vectors.stdout + vectors.stderr
    assert _axp(base_venv, "schema", "list", cwd=tmp_path).returncode == 0
    imported = subprocess.run(
        [str(base_venv / "bin" / "python"), "-c", "import axp.client, axp.models, axp.validate; print(axp.client.AsyncClient)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr


@pytest.mark.parametrize(
    "args, extra",
    [
        (["serve", "--dev-keys"], "server"),
        (["conformance", "run"], "conformance"),
        (["conformance", "--help"], "conformance"),
        (["codegen", "--out", "models"], "codegen"),
    ],
)
def test_commands_of_missing_extras_say_what_to_install(base_venv: Path, tmp_path: Path, args: list[str], extra: str) -> None:
    proc = _axp(base_venv, *args, cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith(f"Error: axp {args[0]} needs the '{extra}' extra")
    assert f"pip install '{DISTRIBUTION}[{extra}]'" in proc.stderr


def test_help_lists_every_command_on_the_base_install(base_venv: Path, tmp_path: Path) -> None:
    proc = _axp(base_venv, "--help", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    for name in COMMANDS:
        assert re.search(rf"^\s+{name}\s", proc.stdout, re.M), name
    assert f"pip install '{DISTRIBUTION}[server]'" in proc.stdout
