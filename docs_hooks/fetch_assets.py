"""Fetch the one browser asset the docs need offline: mermaid.min.js, from the npm registry.

Run once after installing (``.ci/run`` does): ``python docs_hooks/fetch_assets.py``. The file
lands in ``.cache/docs-assets/`` (git-ignored); the mkdocs hook copies it into the site so
diagrams render without any CDN.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

MERMAID = "mermaid@11.17.2"
TARGET = Path(__file__).resolve().parent.parent / ".cache" / "docs-assets" / "mermaid.min.js"


def main() -> int:
    if TARGET.exists():
        print(f"{TARGET} already present")
        return 0
    if shutil.which("npm") is None:
        print("npm is not installed: cannot fetch mermaid.min.js", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            ["npm", "pack", MERMAID, "--pack-destination", tmp, "--silent"], capture_output=True, text=True, check=False
        )
        if proc.returncode != 0:
            print(f"npm pack {MERMAID} failed: {proc.stderr.strip()[-300:]}", file=sys.stderr)
            return 1
        tarball = next(Path(tmp).glob("mermaid-*.tgz"))
        with tarfile.open(tarball) as archive:
            member = archive.extractfile("package/dist/mermaid.min.js")
            assert member is not None
            TARGET.parent.mkdir(parents=True, exist_ok=True)
            TARGET.write_bytes(member.read())
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
