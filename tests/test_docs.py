"""The docs site: strict offline build, generated pages present, samples executed, pages rendered in Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from axp import schemas
from axp.client import Client
from axp.requirements import load_index
from tests.conftest import AGENT_ADDR

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # The offline mermaid asset (npm registry); a no-op once fetched, so a fresh clone needs no extra step.
    fetched = subprocess.run(
        [sys.executable, "docs_hooks/fetch_assets.py"], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert fetched.returncode == 0, fetched.stdout + fetched.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "WARNING" not in proc.stdout + proc.stderr
    return out


def test_generated_pages_exist_with_requirement_anchors(site: Path) -> None:
    for req in list(load_index().values())[:: max(1, len(load_index()) // 20)]:
        page = (site / "spec" / req.file.removesuffix(".md") / "index.html").read_text()
        assert f'id="{req.anchor}"' in page and f'href="#{req.anchor}"' in page
    assert 'class="mermaid"' in (site / "spec" / "lifecycle" / "index.html").read_text()
    for name in schemas.names():
        assert (site / "schemas" / name / "index.html").exists()
    api = (site / "api" / "index.html").read_text()
    assert "createIntent" in api and "streamIntentEvents" in api
    assert (site / "search" / "search_index.json").stat().st_size > 10_000
    assert (site / "assets" / "javascripts" / "mermaid.min.js").exists()


def code_blocks(path: Path, lang: str) -> list[str]:
    text = path.read_text(encoding="utf-8")
    blocks = re.findall(rf"^([ \t]*)```{lang}\n(.*?)^\1```", text, flags=re.S | re.M)
    return [textwrap.dedent("\n".join(line[len(indent) :] for line in body.splitlines())) for indent, body in blocks]


@pytest.fixture
def agent_that_completes(server: str) -> Iterator[str]:
    stop = threading.Event()

    def work() -> None:
        agent = Client(server, "axp-dev-agent")
        while not stop.is_set():
            for record in agent.listen(AGENT_ADDR, wait_seconds=1, timeout=1.5):
                if record["intent"]["status"] in ("SUBMITTED", "DELIVERED"):
                    agent.resume(record["intent_id"], {"action": "complete", "result": {"shipped": True}})
            # listen() raises WaitTimeout when its window budget ends; loop until stopped

    def guarded() -> None:
        try:
            work()
        except Exception:  # noqa: BLE001 - the timeout that ends each listen() call
            if not stop.is_set():
                guarded()

    thread = threading.Thread(target=guarded, daemon=True)
    thread.start()
    yield server
    stop.set()


@pytest.mark.parametrize("page", ["index.md", "guides/client.md"])
def test_python_samples_run_against_a_real_server(
    page: str, agent_that_completes: str, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = code_blocks(DOCS / page, "python")
    assert blocks
    for block in blocks:
        exec(compile(block.replace("http://127.0.0.1:8080", agent_that_completes), page, "exec"), {})  # noqa: S102
    assert capsys.readouterr().out.strip()


@pytest.mark.parametrize("page", ["guides/validate-in-ci.md", "guides/codegen.md"])
def test_shell_samples_run(page: str, tmp_path: Path) -> None:
    blocks = [b for b in code_blocks(DOCS / page, "bash") if b.strip().startswith("axp ")]
    assert blocks
    for block in blocks:
        script = block.replace("/tmp/", f"{tmp_path}/")
        proc = subprocess.run(
            ["bash", "-e", "-c", script],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"},
            check=False,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def site_url(site: Path) -> Iterator[str]:
    """The built site served over loopback, as a reader's browser would load it."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_pages_render_in_headless_chromium(site: Path, site_url: str, browser: Any) -> None:
    shots = Path(os.environ.get("AXP_SCREENSHOT_DIR", site / "screenshots"))
    shots.mkdir(parents=True, exist_ok=True)
    for name, path in (("home", "/"), ("lifecycle", "/spec/lifecycle/"), ("schema", "/schemas/envelope/")):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        response = page.goto(site_url + path)
        assert response is not None and response.status == 200
        page.wait_for_load_state("networkidle")
        if name == "lifecycle":
            page.wait_for_function(
                "() => document.querySelector('.mermaid')?.getBoundingClientRect().height > 200", timeout=15000
            )
            tree = page.context.new_cdp_session(page).send("DOM.getDocument", {"depth": -1, "pierce": True})
            assert '"nodeName": "svg"' in str(tree).replace("'", '"') and "CREATED" in str(tree)
        assert page.title()
        assert errors == [], f"{name}: {errors}"
        page.screenshot(path=str(shots / f"{name}.png"))
        page.close()
    assert all((shots / f"{n}.png").stat().st_size > 10_000 for n in ("home", "lifecycle", "schema"))


def test_search_finds_a_requirement_and_its_permalink_lands_on_it(site_url: str, browser: Any) -> None:
    req = load_index()["AXP-LC-006"]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "/")
    page.wait_for_load_state("networkidle")
    page.click("label.md-search__icon, .md-search__input")
    # Typed key by key: the search box reacts to keyboard events, not to a value set from script.
    page.locator(".md-search__input").press_sequentially("TIMED_OUT deadline_at", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=30000)
    assert "matching document" in (page.locator(".md-search-result__meta").text_content() or "")
    found = page.locator(".md-search-result__item a").evaluate_all("links => links.map(a => a.href)")
    assert any("/spec/" in link for link in found), found
    # The requirement's permalink, as someone would paste it into an issue.
    link = f"{site_url}/spec/{req.file.removesuffix('.md')}/#{req.anchor}"
    response = page.goto(link)
    assert response is not None and response.status == 200
    target = page.locator(f"[id='{req.anchor}']")
    assert target.count() == 1 and req.id in target.evaluate("e => e.closest('li, p').textContent")
    assert target.evaluate("e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
    page.close()


def test_every_operation_page_shows_a_complete_exchange(site: Path) -> None:
    from axp import bundle

    for item in bundle.bundle_openapi()["paths"].values():
        for method, op in item.items():
            page = (site / "api" / op["operationId"] / "index.html").read_text()
            text = re.sub(r"<[^>]+>", "", page)
            assert re.search(rf"{method.upper()} /\S* HTTP/1\.1", text), op["operationId"]
            assert "HTTP/1.1 200 OK" in text and "Content-Type: " in text, op["operationId"]


def _unlinked_requirement_ids(html: str) -> list[str]:
    """Requirement IDs in a page's text that are not inside a link (code blocks aside)."""
    body = html.split("<article", 1)[-1].split("</article>", 1)[0]
    body = re.sub(r"<a [^>]*>.*?</a>", "", body, flags=re.S)
    body = re.sub(r"<(pre|code)[^>]*>.*?</\1>", "", body, flags=re.S)
    body = re.sub(r"<[^>]+>", "", body)
    return re.findall(r"AXP-[A-Z]+-\d{3}", body)


def test_requirement_ids_are_links_wherever_they_appear(site: Path) -> None:
    pages = [site / "errors" / "index.html", site / "flows" / "index.html", site / "capabilities" / "index.html"]
    pages += sorted((site / "api").glob("*/index.html")) + sorted((site / "guides").glob("*/index.html"))
    for page in pages:
        assert _unlinked_requirement_ids(page.read_text()) == [], page.relative_to(site)
    ack = (site / "api" / "ackIntent" / "index.html").read_text()
    assert 'href="../../spec/07-delivery/#axp-dlv-006"' in ack
    errors = (site / "errors" / "index.html").read_text()
    assert 'href="../spec/05-http-api/#axp-api-022"' in errors  # invalid_json names the duplicate-name rule


def test_canonical_links_and_sitemap_use_the_public_site_url(site: Path) -> None:
    from axp.requirements import DOCS_URL, doc_url

    config = (ROOT / "mkdocs.yml").read_text()
    assert f"site_url: {DOCS_URL}\n" in config
    req = load_index()["AXP-DLV-006"]
    assert doc_url(req.id) == f"{DOCS_URL}spec/07-delivery/#axp-dlv-006"
    assert f'id="{req.anchor}"' in (site / "spec" / "07-delivery" / "index.html").read_text()
    index = (site / "index.html").read_text()
    assert '<link rel="canonical" href="https://axp.dev/">' in index
    sitemap = (site / "sitemap.xml").read_text()
    assert "https://axp.dev/spec/lifecycle/" in sitemap and "127.0.0.1" not in sitemap


def _open(browser: Any, url: str, width: int) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(url)
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    return page, errors


# The page body is no wider than the window: wide tables and diagrams scroll or scale inside their own box.
NO_OVERFLOW = "() => document.documentElement.scrollWidth <= window.innerWidth && document.body.scrollWidth <= window.innerWidth"


# Material renders each diagram into a closed shadow root: the host element has the diagram's size,
# and only the DevTools protocol (pierce) sees the SVG inside.
DIAGRAMS_DRAWN = (
    "n => { const d = [...document.querySelectorAll('.mermaid')];"
    " return d.length >= n && d.every(e => e.tagName === 'DIV' && e.getBoundingClientRect().height > 200); }"
)


def _rendered_svgs(page: Any) -> list[str]:
    """The text of every SVG with text on the page (diagrams, not icons), shadow roots included."""
    tree = page.context.new_cdp_session(page).send("DOM.getDocument", {"depth": -1, "pierce": True})
    found: list[str] = []

    def walk(node: dict[str, Any], inside: list[str] | None) -> None:
        if node.get("nodeName") == "svg":
            inside = []
            found.append("")
        if inside is not None and node.get("nodeType") == 3:
            found[-1] += node.get("nodeValue", "") + " "
        for child in node.get("children", []) + node.get("shadowRoots", []):
            walk(child, inside)

    walk(tree["root"], None)
    return [text for text in found if text.strip()]


@pytest.mark.parametrize("width", [1280, 390])
def test_lifecycle_page_fits_the_screen_and_identifiers_stay_whole(site_url: str, browser: Any, width: int) -> None:
    page, errors = _open(browser, site_url + "/spec/lifecycle/", width)
    page.wait_for_function(DIAGRAMS_DRAWN, arg=1, timeout=20000)
    assert page.evaluate(NO_OVERFLOW), page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    labels = " ".join(_rendered_svgs(page))
    assert all(status in labels for status in ("CREATED", "ACKNOWLEDGED", "TIMED_OUT", "not from CREATED"))
    # every identifier in a table is one line box: ACKNOWLEDGED never wraps into ACKNOWLEDGE / D
    broken = page.evaluate(
        "() => [...document.querySelectorAll('article table code')].filter(c => c.getClientRects().length > 1)"
        ".map(c => c.textContent)"
    )
    assert broken == []
    assert errors == []
    page.close()


def test_sequence_diagrams_render(site_url: str, browser: Any) -> None:
    page, errors = _open(browser, site_url + "/flows/", 1280)
    page.wait_for_function(DIAGRAMS_DRAWN, arg=4, timeout=30000)
    svgs = _rendered_svgs(page)
    assert len(svgs) >= 4
    assert "Platform" in svgs[0] and "POST /v1/intents/{id}/ack" in svgs[0] and "intent.completed" in svgs[0]
    assert "X-Axme-Signature" in " ".join(svgs) and "task_result" in " ".join(svgs)
    assert errors == []
    page.close()


def test_schema_page_field_table_describes_every_field(site_url: str, browser: Any) -> None:
    page, errors = _open(browser, site_url + "/schemas/capabilities_response/", 390)
    rows = page.evaluate(
        "() => [...document.querySelector('article table').querySelectorAll('tbody tr')]"
        ".map(r => [r.cells[0].textContent.trim(), r.cells[r.cells.length - 1].textContent.trim()])"
    )
    fields = [name for name, _ in rows]
    assert "limits.max_body_bytes" in fields and "protocol_version" in fields
    assert all(description for _, description in rows), rows
    assert page.evaluate(NO_OVERFLOW)
    assert errors == []
    page.close()
