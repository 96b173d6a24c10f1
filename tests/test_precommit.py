"""The pre-commit snippet of docs/guides/validate-in-ci.md, run by real pre-commit from another
repository against a local clone of this one (tagged as the snippet's ``rev``)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from axp import vectors

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "guides" / "validate-in-ci.md"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
GIT_ENV = {
    "GIT_AUTHOR_NAME": "axp tests",
    "GIT_AUTHOR_EMAIL": "tests@axp.invalid",
    "GIT_COMMITTER_NAME": "axp tests",
    "GIT_COMMITTER_EMAIL": "tests@axp.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def snippet() -> dict[str, object]:
    text = GUIDE.read_text(encoding="utf-8")
    block = re.search(r"## pre-commit\n\n```yaml\n(.*?)```", text, re.S)
    assert block, "the guide has a pre-commit snippet"
    return dict(yaml.safe_load(block.group(1)))


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, **GIT_ENV, "HOME": str(cwd)}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def test_snippet_names_this_repository_and_a_release_tag() -> None:
    repo = snippet()["repos"][0]  # type: ignore[index]
    assert repo["repo"] == PYPROJECT["project"]["urls"]["Repository"]
    assert repo["rev"] == "v" + PYPROJECT["project"]["version"]
    hooks = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert {h["id"] for h in repo["hooks"]} == hooks


@pytest.fixture(scope="module")
def axp_clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of this repository holding the working tree as it is, tagged like the snippet."""
    clone = tmp_path_factory.mktemp("axp-clone")
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout.decode().split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, clone / name)
    git("init", "-q", "-b", "main", cwd=clone)
    git("add", "-A", cwd=clone)
    git("commit", "-q", "-m", "axp under test", cwd=clone)
    git("tag", str(snippet()["repos"][0]["rev"]), cwd=clone)  # type: ignore[index]
    return clone


def test_pre_commit_runs_the_hooks_from_a_clone(axp_clone: Path, tmp_path: Path) -> None:
    user = tmp_path / "user-repo"
    user.mkdir()
    config = snippet()
    config["repos"][0]["repo"] = str(axp_clone)  # type: ignore[index]
    (user / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    envelope = next(v.message for v in vectors.iter_schema_vectors() if v.schema == "envelope" and v.valid)
    fixtures = user / "fixtures"
    fixtures.mkdir()
    (fixtures / "order.json").write_text(json.dumps({"$schema": "https://axp.dev/schemas/v1/envelope.json", **envelope}))
    (user / "package.json").write_text(json.dumps({"name": "shop", "version": "1.0.0"}))
    legal = next(v for v in vectors.iter_lifecycle_vectors() if v.name == "happy-path")
    stream = "".join(json.dumps(e) + "\n" for e in legal.events)
    (fixtures / "a.ndjson").write_text(stream)
    (fixtures / "b.ndjson").write_text(stream)  # the same intent id in another file: another story
    git("init", "-q", "-b", "main", cwd=user)
    git("add", "-A", cwd=user)

    env = {**os.environ, **GIT_ENV, "HOME": str(tmp_path), "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    env.pop("VIRTUAL_ENV", None)

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "--all-files", "--verbose"],
            cwd=user,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )

    passing = run()
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "skipped package.json: not an AXP message" in passing.stdout
    assert "12 message(s) valid (event: 12)" in passing.stdout

    broken = {**json.loads((fixtures / "order.json").read_text()), "to_agent": "agent://two/segments"}
    (fixtures / "order.json").write_text(json.dumps(broken, indent=2))
    failing = run()
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert re.search(r"fixtures/order\.json:\d+ \(envelope\): /to_agent: .* \[pattern, AXP-ID-001\]", failing.stdout)
