"""The web console at /ui/: sessions, CSRF, pages and live updates, against a real server on loopback.

Browser tests sign in through the form as a person would, in Debian's headless Chromium; the
intents they watch are created and moved by other principals through the public API, as clients
and agents would. Every browser page is watched for console errors.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.routing import Route

from axp.capabilities import vocabulary
from axp.console.transport import InProcessTransport
from axp.server.config import DEV_PRINCIPALS, Principal, ServerConfig
from axp.server.runner import ServerProcess, serve_in_thread
from tests.conftest import ADMIN, AGENT, AGENT_ADDR, CLIENT, Api

OTHER = Principal("console-test-other-client", "client", "agent://other/team/client")
STOREFRONT = Principal("console-docs-storefront", "client", "agent://acme/shop/storefront")
FULFILLER = Principal("console-docs-fulfiller", "agent", "agent://acme/shop/fulfiller")
APPROVER = Principal("console-docs-approver", "agent", "agent://acme/finance/approver")
SCRIPT_XSS = "<script>window.__xss = 1</script>"
ATTR_XSS = '"><img src=x onerror="window.__xss = 2">'
WAIT_MS = 15_000  # generous: the machine is shared; "within a second" is measured and printed, not timed


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    principals = [*DEV_PRINCIPALS, OTHER, STOREFRONT, FULFILLER, APPROVER]
    config = ServerConfig(
        db_path=str(tmp_path_factory.mktemp("console") / "axp.db"),
        principals=principals,
        keepalive_seconds=0.5,
        log_requests=False,
    )
    with serve_in_thread(config) as url:
        yield url


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, html[:500]
    return found.group(1)


class Signed:
    """A console session driven with httpx: a cookie jar and form posts, as a browser sends them."""

    def __init__(self, base: str, key: str) -> None:
        self.http = httpx.Client(base_url=base, trust_env=False, follow_redirects=False, timeout=30)
        token = csrf_of(self.http.get("/ui/signin").text)
        self.signin = self.http.post("/ui/signin", data={"csrf": token, "api_key": key, "next": "/ui/intents"})
        assert self.signin.status_code == 303, self.signin.text

    def csrf(self) -> str:
        return csrf_of(self.http.get("/ui/intents").text)


def new_intent(api: Api, to: str = AGENT_ADDR, **extra: Any) -> str:
    return str(api.create(to=to, **extra)["intent_id"])


# ---- sessions, cookies, CSRF, headers (no browser) --------------------------------------------------


def test_session_cookie_holds_no_key_and_pages_carry_a_strict_csp(base: str) -> None:
    session = Signed(base, CLIENT)
    cookie = session.signin.headers["set-cookie"]
    assert "axp_console=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/ui/" in cookie
    page = session.http.get("/ui/intents")
    assert page.status_code == 200
    assert page.headers["content-security-policy"].startswith("default-src 'none'; script-src 'self'")
    assert page.headers["x-frame-options"] == "DENY" and page.headers["cache-control"] == "no-store"
    assert "<script>" not in page.text and "style=" not in page.text  # nothing inline for the CSP to allow
    for response in (session.signin, page, session.http.get("/ui/inbox")):
        assert CLIENT not in response.text and CLIENT not in str(response.headers) and CLIENT not in str(response.url)
    assert all(CLIENT not in value for value in session.http.cookies.values())


def test_writes_need_the_session_token_and_this_origin(base: str) -> None:
    client = Api(base, CLIENT)
    session = Signed(base, CLIENT)
    intent_id = new_intent(client)
    token = session.csrf()
    path = f"/ui/intents/{intent_id}/cancel"
    refused = [
        session.http.post(path, data={"reason": "no token"}),
        session.http.post(path, data={"csrf": "forged", "reason": "bad token"}),
        session.http.post(path, data={"csrf": token}, headers={"Origin": "http://evil.example"}),
        session.http.post(path, data={"csrf": token}, headers={"Sec-Fetch-Site": "cross-site"}),
    ]
    assert [r.status_code for r in refused] == [403, 403, 403, 403]
    assert "security token" in refused[0].text
    assert client.http.get(f"/v1/intents/{intent_id}").json()["intent"]["status"] == "SUBMITTED"
    done = session.http.post(path, data={"csrf": token, "reason": "by the console"}, headers={"Origin": base})
    assert done.status_code == 303 and done.headers["location"] == f"/ui/intents/{intent_id}"
    assert client.http.get(f"/v1/intents/{intent_id}").json()["intent"]["status"] == "CANCELED"
    assert client.events(intent_id)[-1]["details"] == {"reason": "by the console"}
    # Sign-in itself is protected too (login CSRF): a post without the sign-in form's cookie token is refused.
    stranger = httpx.Client(base_url=base, trust_env=False)
    assert stranger.post("/ui/signin", data={"csrf": "x", "api_key": CLIENT}).status_code == 403


def test_a_repeated_form_post_acts_once(base: str) -> None:
    client = Api(base, CLIENT)
    session = Signed(base, CLIENT)
    intent_id = new_intent(client)
    form = {"csrf": session.csrf(), "idem": str(uuid.uuid4()), "remind_after_seconds": "600", "expected_policy_generation": "0"}
    first = session.http.post(f"/ui/intents/{intent_id}/controls", data=form)
    again = session.http.post(f"/ui/intents/{intent_id}/controls", data=form)
    assert first.status_code == again.status_code == 303
    intent = client.http.get(f"/v1/intents/{intent_id}").json()["intent"]
    assert intent["remind_after_seconds"] == 600 and intent["policy_generation"] == 1


def test_sign_out_ends_the_session_on_the_server(base: str) -> None:
    session = Signed(base, CLIENT)
    old = dict(session.http.cookies)
    out = session.http.post("/ui/signout", data={"csrf": session.csrf()})
    assert out.status_code == 303 and out.headers["location"] == "/ui/signin"
    assert 'axp_console=""' in out.headers["set-cookie"] and "Max-Age=0" in out.headers["set-cookie"]
    replay = httpx.Client(base_url=base, trust_env=False, cookies=old)
    assert replay.get("/ui/intents").status_code == 303  # the old cookie names no session any more
    assert replay.get("/ui/live/inbox").status_code == 401


def test_wrong_keys_and_unknown_pages(base: str) -> None:
    http = httpx.Client(base_url=base, trust_env=False)
    token = csrf_of(http.get("/ui/signin").text)
    refused = http.post("/ui/signin", data={"csrf": token, "api_key": "not-a-key"})
    assert refused.status_code == 401 and "refused" in refused.text
    assert "axp_console=" not in refused.headers.get("set-cookie", "")
    session = Signed(base, CLIENT)
    missing = session.http.get(f"/ui/intents/{uuid.uuid4()}")
    assert missing.status_code == 404 and "No intent with this id is visible" in missing.text
    assert session.http.get("/ui/intents/not-a-uuid").status_code == 404
    assert session.http.get("/ui/nowhere").status_code == 404
    bad = session.http.get("/ui/intents", params={"status": "NOPE", "correlation_id": "x"})
    assert bad.status_code == 400 and "unknown status" in bad.text and "invalid_parameter" in bad.text


def test_no_ui_flag_leaves_the_console_out(tmp_path: Path, base: str) -> None:
    assert ServerConfig().ui and httpx.get(f"{base}/ui/", trust_env=False).status_code == 303  # on by default
    with ServerProcess(tmp_path / "off.db", extra_args=["--no-ui"]) as off:
        answer = httpx.get(f"{off.base_url}/ui/", trust_env=False)
        assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"
        assert httpx.get(f"{off.base_url}/ui/signin", trust_env=False).status_code == 404
    assert off.log_path is not None and "console=" not in off.log_path.read_text()


def test_console_without_the_list_capability_says_so(tmp_path: Path) -> None:
    """A platform may leave the optional intents.list out (it then answers like an unserved route, D2)."""
    claimed = [c.name for c in vocabulary() if not c.core and c.name != "intents.list"]
    config = ServerConfig.dev(str(tmp_path / "axp.db"), log_requests=False, capabilities=claimed)
    with serve_in_thread(config) as url:
        assert httpx.get(f"{url}/v1/intents", headers={"x-api-key": CLIENT}, trust_env=False).status_code == 405
        intent_id = new_intent(Api(url, CLIENT))
        session = Signed(url, CLIENT)
        listing = session.http.get("/ui/intents")
        assert listing.status_code == 200 and 'id="unlisted"' in listing.text and "intents.list" in listing.text
        assert 'id="unlisted"' in Signed(url, AGENT).http.get("/ui/inbox").text
        opened = session.http.get("/ui/open", params={"intent_id": intent_id.upper()})
        assert opened.headers["location"] == f"/ui/intents/{intent_id}"
        assert session.http.get(opened.headers["location"]).status_code == 200


# ---- the in-process transport streams ------------------------------------------------------------------


def test_in_process_transport_hands_over_each_chunk_as_it_is_sent() -> None:
    """A buffering transport would wait for the end of the answer, which here waits for the reader."""
    gate = asyncio.Event()
    finished: list[str] = []

    async def chunks() -> AsyncIterator[bytes]:
        try:
            yield b"first\n"
            await gate.wait()  # only released once the reader has seen "first"
            yield b"second\n"
            await asyncio.sleep(3600)  # an answer that never ends by itself
            yield b"never\n"
        finally:
            finished.append("closed")

    async def endless(request: Request) -> StreamingResponse:
        return StreamingResponse(chunks(), media_type="text/plain")

    app = Starlette(routes=[Route("/s", endless)])

    async def run() -> list[str]:
        seen = []
        async with httpx.AsyncClient(transport=InProcessTransport(app), base_url="http://in.process") as http:
            async with http.stream("GET", "/s") as answer:
                async for line in answer.aiter_lines():
                    seen.append(line)
                    if line == "first":
                        gate.set()
                    if line == "second":
                        break
        for _ in range(100):  # closing the answer ends the app's side; give its task a turn
            if finished:
                break
            await asyncio.sleep(0.01)
        return seen

    assert asyncio.run(asyncio.wait_for(run(), 20)) == ["first", "second"]
    assert finished == ["closed"]


# ---- in the browser -----------------------------------------------------------------------------------


def shots_dir(tmp_path: Path) -> Path:
    shots = Path(os.environ.get("AXP_SCREENSHOT_DIR", tmp_path / "screenshots"))
    shots.mkdir(parents=True, exist_ok=True)
    return shots


@pytest.fixture
def console(browser: Any, base: str) -> Iterator[Callable[..., Any]]:
    """Opens signed-in pages; at the end, no page may have logged a console error.

    A page answered with an error status on purpose (a refused key is 401, an unknown intent 404,
    a refused task form 422) makes Chromium log that status for the document; those are what the
    tests assert, so only they are set aside. A script error or any failed sub-resource still counts.
    """
    opened: list[tuple[Any, list[str]]] = []

    def open_page(key: str | None, timezone: str = "UTC", width: int = 1280) -> Any:
        context = browser.new_context(viewport={"width": width, "height": 860}, timezone_id=timezone)
        page = context.new_page()
        errors: list[str] = []
        documents: set[str] = set()

        def on_response(response: Any) -> None:
            if response.request.resource_type == "document" and response.status >= 400:
                documents.add(response.url)

        def on_console(message: Any) -> None:
            document_status = message.text.startswith("Failed to load resource") and message.location.get("url") in documents
            if message.type == "error" and not document_status:
                errors.append(f"{message.text} ({message.location.get('url')})")

        page.on("response", on_response)
        page.on("console", on_console)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.set_default_timeout(WAIT_MS)
        opened.append((context, errors))
        if key is not None:
            sign_in(page, base, key)
        return page

    yield open_page
    for context, _ in opened:
        context.close()
    assert [e for _, errors in opened for e in errors] == []


def sign_in(page: Any, base: str, key: str) -> None:
    page.goto(f"{base}/ui/")
    page.fill("#api_key", key)
    page.click("form button[type=submit]")
    page.wait_for_url("**/ui/intents")


def test_sign_in_refuses_a_wrong_key_then_lands_where_it_was_asked(console: Callable[..., Any], base: str) -> None:
    page = console(None)
    page.goto(f"{base}/ui/inbox")
    assert "/ui/signin?next=" in page.url
    page.fill("#api_key", "definitely-not-a-key")
    with page.expect_navigation() as refused:
        page.click("form button[type=submit]")
    assert refused.value.status == 401
    assert "refused" in page.text_content("#signin-problem")
    assert not [c for c in page.context.cookies() if c["name"] == "axp_console"]
    page.fill("#api_key", AGENT)
    page.click("form button[type=submit]")
    page.wait_for_url("**/ui/inbox")
    assert page.text_content(".who .role") == "agent" and AGENT_ADDR in page.text_content(".who code")
    [cookie] = [c for c in page.context.cookies() if c["name"] == "axp_console"]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/ui/"
    assert page.evaluate("document.cookie") == ""  # invisible to scripts
    page.click("button:has-text('Sign out')")
    page.wait_for_url("**/ui/signin")
    page.goto(f"{base}/ui/intents")
    assert "/ui/signin" in page.url


def test_new_intents_appear_live_and_counts_follow(console: Callable[..., Any], base: str) -> None:
    client, agent = Api(base, CLIENT), Api(base, AGENT)
    page = console(CLIENT)
    page.evaluate("window.__sameDocument = true")
    before = int(page.text_content("#total"))
    started = time.monotonic()
    intent_id = new_intent(client)
    page.wait_for_selector(f"#row-{intent_id}")
    seconds = time.monotonic() - started
    print(f"create → row visible without reload: {seconds:.2f}s")
    assert page.evaluate("window.__sameDocument") is True
    expect(page.locator("#total")).to_have_text(str(before + 1))
    agent.http.post(f"/v1/intents/{intent_id}/ack")
    page.wait_for_selector(f"#row-{intent_id}[data-status='ACKNOWLEDGED']")
    # Filters: intent_type is applied by the console, live rows included.
    page.goto(f"{base}/ui/intents?intent_type=console.filtered.v1")
    assert page.locator("#rows tr").count() == 0
    other = new_intent(client)
    wanted = new_intent(client, intent_type="console.filtered.v1")
    page.wait_for_selector(f"#row-{wanted}")
    assert page.locator(f"#row-{other}").count() == 0 and page.locator("#rows tr").count() == 1
    expect(page.locator("#total")).to_have_text("1")


def test_timeline_grows_as_the_agent_works(console: Callable[..., Any], base: str) -> None:
    client, agent = Api(base, CLIENT), Api(base, AGENT)
    intent_id = new_intent(client, payload={"order_id": "ORD-7"})
    page = console(CLIENT)
    page.goto(f"{base}/ui/intents/{intent_id}")
    assert page.locator("#timeline li.event").count() == 2
    page.wait_for_selector("#timeline-live:not([hidden])")
    agent.http.post(f"/v1/intents/{intent_id}/ack")
    page.wait_for_selector("#ev-4")
    assert [e.text_content() for e in page.query_selector_all("#timeline .etype")] == [
        "intent.created",
        "intent.submitted",
        "intent.delivered",
        "intent.acknowledged",
    ]
    assert page.text_content("#status").strip() == "ACKNOWLEDGED"
    agent.http.post(f"/v1/intents/{intent_id}/resume", json={"action": "start"})
    page.wait_for_selector("#ev-5")
    assert "cancel" in (page.get_attribute("#actions", "data-sig") or "")
    agent.http.post(f"/v1/intents/{intent_id}/resume", json={"action": "complete", "result": {"tracking": "TRK-1"}})
    page.wait_for_selector("#ev-6.event-terminal")
    page.wait_for_selector("#result")
    assert "TRK-1" in page.text_content("#result") and page.text_content("#status").strip() == "COMPLETED"
    page.wait_for_selector("#timeline-live[hidden]", state="attached")
    assert "nothing more can happen" in page.text_content("#actions-body")
    assert page.get_attribute("#actions", "data-sig") == ""


def test_actions_sit_behind_a_confirmation(console: Callable[..., Any], base: str) -> None:
    client = Api(base, CLIENT)
    intent_id = new_intent(client)
    page = console(CLIENT)
    page.goto(f"{base}/ui/intents/{intent_id}")
    confirm = page.locator("#action-cancel button[type=submit]")
    assert not confirm.is_visible()
    page.click("#action-controls summary")
    page.fill("#controls-after", "900")
    page.click("#action-controls button[type=submit]")
    page.wait_for_selector(".flash-ok:has-text('Controls updated.')")
    assert client.http.get(f"/v1/intents/{intent_id}").json()["intent"]["remind_after_seconds"] == 900
    page.click("#action-cancel summary")
    assert confirm.is_visible()
    page.fill("#cancel-reason", "customer changed their mind")
    confirm.click()
    page.wait_for_selector(".flash-ok:has-text('Intent canceled.')")
    assert page.text_content("#status").strip() == "CANCELED"
    assert client.events(intent_id)[-1]["details"] == {"reason": "customer changed their mind"}
    # An agent may resolve an intent addressed to it, never cancel it (AXP-AUTH-004/007).
    other = new_intent(client)
    agent_page = console(AGENT)
    agent_page.goto(f"{base}/ui/intents/{other}")
    assert agent_page.get_attribute("#actions", "data-sig") == "resolve"
    agent_page.click("#action-resolve summary")
    agent_page.check("input[name=status][value=FAILED]")
    agent_page.fill("#resolve-code", "out_of_stock")
    agent_page.fill("#resolve-message", "SKU-42 is gone")
    agent_page.click("#action-resolve button[type=submit]")
    agent_page.wait_for_selector("#error")
    assert "SKU-42 is gone" in agent_page.text_content("#error") and agent_page.text_content("#status").strip() == "FAILED"


TASK_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["cost_center", "approved_amount"],
    "properties": {
        "cost_center": {"type": "string", "enum": ["R&D", "Sales", "Ops"], "title": "Cost center"},
        "approved_amount": {"type": "integer", "minimum": 10, "maximum": 10000, "multipleOf": 10, "title": "Approved amount"},
        "notify_finance": {"type": "boolean", "title": "Notify finance"},
    },
}


def human_task(**extra: Any) -> dict[str, Any]:
    return {
        "title": "Approve the team offsite",
        "description": "12 people, two nights.",
        "task_type": "approval",
        "allowed_outcomes": ["approved", "rejected"],
        "required_comment": True,
        "evidence_required": True,
        "form_schema": TASK_SCHEMA,
        **extra,
    }


def test_human_task_answered_through_the_inbox(console: Callable[..., Any], base: str) -> None:
    client = Api(base, CLIENT)
    page = console(AGENT)
    page.goto(f"{base}/ui/inbox")
    intent_id = new_intent(client, payload={"amount": 420}, human_task=human_task())
    card = f"#task-{intent_id}"
    page.wait_for_selector(card)  # arrived live
    assert page.text_content(f"{card} .task-title") == "Approve the team offsite"
    assert "12 people, two nights." in page.text_content(card) and "approval" in page.text_content(f"{card} .task-type")
    assert [b.text_content() for b in page.query_selector_all(f"{card} button.outcome")] == ["approved", "rejected"]
    # The browser checks what it can before anything is sent: a required comment, the form's required fields.
    page.click(f"{card} button.outcome[value=approved]")
    assert page.locator(f"{card} textarea[name=comment]").evaluate("e => e.validity.valueMissing")
    assert client.http.get(f"/v1/intents/{intent_id}").json()["intent"]["status"] == "WAITING"
    page.select_option(f"{card} select[name='data.cost_center']", label="R&D")
    page.fill(f"{card} input[name='data.approved_amount']", "425")  # breaks multipleOf: only the server can tell
    page.check(f"{card} input[name='data.notify_finance']")
    page.fill(f"{card} textarea[name='data.evidence']", "https://intranet.example/offsite/quote-17")
    page.fill(f"{card} textarea[name=comment]", "Within budget <b>after</b> the discount")
    page.click(f"{card} button.outcome[value=approved]")
    page.wait_for_selector(f"{card} #f-approved_amount-error")
    assert "multiple of 10" in page.text_content(f"{card} #f-approved_amount-error")
    assert page.input_value(f"{card} textarea[name=comment]") == "Within budget <b>after</b> the discount"  # kept
    assert client.http.get(f"/v1/intents/{intent_id}").json()["intent"]["status"] == "WAITING"
    page.fill(f"{card} input[name='data.approved_amount']", "420")
    page.click(f"{card} button.outcome[value=approved]")
    page.wait_for_selector(".flash-ok:has-text('Answered')")
    assert page.locator(card).count() == 0
    intent = client.http.get(f"/v1/intents/{intent_id}").json()["intent"]
    assert intent["status"] == "COMPLETED"
    assert intent["result"]["task_result"] == {
        "outcome": "approved",
        "comment": "Within budget <b>after</b> the discount",
        "data": {
            "cost_center": "R&D",
            "approved_amount": 420,
            "notify_finance": True,
            "evidence": "https://intranet.example/offsite/quote-17",
        },
    }


def test_an_answered_task_leaves_every_open_inbox(console: Callable[..., Any], base: str) -> None:
    client = Api(base, CLIENT)
    intent_id = new_intent(client, human_task={"title": "Confirm the pickup", "task_type": "confirmation"})
    page = console(AGENT)
    page.goto(f"{base}/ui/inbox")
    page.wait_for_selector(f"#task-{intent_id}")
    # Someone else (an admin, on the intent's own page) answers it meanwhile.
    elsewhere = console(ADMIN)
    elsewhere.goto(f"{base}/ui/intents/{intent_id}")
    assert elsewhere.get_attribute("#actions", "data-sig") == "answer,cancel,resolve,controls"
    elsewhere.click("#action-answer button.outcome[value=approved]")
    elsewhere.wait_for_selector(".flash-ok:has-text('Answered')")
    assert elsewhere.text_content("#status").strip() == "COMPLETED"
    assert client.http.get(f"/v1/intents/{intent_id}").json()["intent"]["result"] == {"task_result": {"outcome": "approved"}}
    page.wait_for_selector(f"#task-{intent_id}.gone")
    assert page.locator(f"#task-{intent_id} button.outcome").first.is_disabled()
    assert page.is_visible(f"#task-{intent_id} .gone-note")


def test_another_clients_intents_never_appear(console: Callable[..., Any], base: str) -> None:
    client, other = Api(base, CLIENT), Api(base, OTHER.key)
    theirs = new_intent(client)
    page = console(OTHER.key)
    assert page.locator(f"#row-{theirs}").count() == 0
    assert page.text_content("#total") == "0"
    later = new_intent(client)
    mine = new_intent(other)
    page.wait_for_selector(f"#row-{mine}")  # the live list has caught up past both creates
    assert page.locator("#rows tr").count() == 1 and page.locator(f"#row-{later}").count() == 0
    with page.expect_navigation() as hidden:
        page.goto(f"{base}/ui/intents/{theirs}")
    assert hidden.value.status == 404 and "No intent with this id is visible" in page.text_content("main")


def test_user_supplied_text_renders_inert(console: Callable[..., Any], base: str) -> None:
    client, admin = Api(base, CLIENT), Api(base, ADMIN)
    page = console(AGENT)
    page.goto(f"{base}/ui/inbox")
    hostile = {"note": SCRIPT_XSS, ATTR_XSS: ATTR_XSS, "nested": [{"deep": SCRIPT_XSS}]}
    intent_id = new_intent(
        client,
        payload=hostile,
        metadata={"label": ATTR_XSS},
        human_task={"title": ATTR_XSS, "description": SCRIPT_XSS, "allowed_outcomes": [ATTR_XSS, "ok"]},
    )
    page.wait_for_selector(f"#task-{intent_id}")  # inserted live from a relayed fragment
    assert page.text_content(f"#task-{intent_id} .task-title") == ATTR_XSS
    assert page.text_content(f"#task-{intent_id} .task-description") == SCRIPT_XSS
    assert page.locator(f"#task-{intent_id} button.outcome").first.get_attribute("value") == ATTR_XSS
    failed = new_intent(client, payload={"x": SCRIPT_XSS})
    fail = {"status": "FAILED", "error": {"code": "bad_input", "message": SCRIPT_XSS + ATTR_XSS}}
    assert admin.http.post(f"/v1/intents/{failed}/resolve", json=fail).status_code == 200
    for path in ("/ui/inbox", "/ui/intents", f"/ui/intents/{intent_id}", f"/ui/intents/{failed}"):
        page.goto(base + path)
        assert page.evaluate("window.__xss") is None, path
        assert page.locator("img").count() == 0 and page.locator("script").count() == 1, path
    # JSON is shown as JSON text: the strings with their JSON escapes, never as markup.
    assert json.dumps(SCRIPT_XSS + ATTR_XSS) in page.text_content("#error")
    page.goto(f"{base}/ui/intents/{intent_id}")
    assert json.dumps(SCRIPT_XSS) in page.text_content("#payload") and json.dumps(ATTR_XSS) in page.text_content("#metadata")


def test_times_show_in_the_viewers_zone_with_utc_on_hover(console: Callable[..., Any], base: str) -> None:
    intent_id = new_intent(Api(base, CLIENT))
    page = console(CLIENT, timezone="Asia/Tokyo")
    page.goto(f"{base}/ui/intents/{intent_id}")
    shown = page.locator("#timeline time.ts").first
    utc = shown.get_attribute("datetime") or ""
    assert utc.endswith("Z")
    expected = page.evaluate("iso => new Date(iso).toLocaleString(undefined, {dateStyle: 'medium', timeStyle: 'medium'})", utc)
    in_utc = page.evaluate(
        "iso => new Date(iso).toLocaleString(undefined, {dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC'})", utc
    )
    assert shown.text_content() == expected != in_utc  # Tokyo is 9 hours from UTC
    assert shown.get_attribute("title") == "UTC " + page.evaluate("iso => new Date(iso).toISOString()", utc)


def test_screenshots_of_list_detail_and_inbox(console: Callable[..., Any], base: str, tmp_path: Path) -> None:
    """The pictures in docs/console.md: a small shop's traffic, seen by the storefront and the approver."""
    shop, worker = Api(base, STOREFRONT.key), Api(base, FULFILLER.key)
    orders = []
    for n, sku in enumerate(("SKU-42", "SKU-7", "SKU-19", "SKU-3", "SKU-42")):
        order = {"order_id": f"ORD-{1040 + n}", "sku": sku, "quantity": n + 1}
        orders.append(new_intent(shop, to=FULFILLER.address, payload=order))
    worker.http.post(f"/v1/intents/{orders[0]}/ack")
    worker.http.post(f"/v1/intents/{orders[0]}/resume", json={"action": "start"})
    worker.http.post(f"/v1/intents/{orders[0]}/resume", json={"action": "complete", "result": {"tracking": "TRK-88213"}})
    sold_out = {"code": "out_of_stock", "message": "SKU-7 is sold out"}
    worker.http.post(f"/v1/intents/{orders[1]}/resume", json={"action": "fail", "error": sold_out})
    worker.http.post(f"/v1/intents/{orders[2]}/ack")
    refund = new_intent(
        shop,
        to=APPROVER.address,
        intent_type="refund.approve.v1",
        payload={"order_id": "ORD-1031", "amount": 420, "currency": "EUR"},
        human_task=human_task(title="Approve the refund of ORD-1031", description="Damaged on arrival; photos attached."),
        deadline_at="2030-01-01T12:00:00Z",
    )
    shots = shots_dir(tmp_path)
    page = console(STOREFRONT.key)
    page.wait_for_selector(f"#row-{refund}")
    page.screenshot(path=str(shots / "console-list.png"))
    page.goto(f"{base}/ui/intents/{orders[0]}")
    page.screenshot(path=str(shots / "console-detail.png"), full_page=True)
    inbox = console(APPROVER.key)
    inbox.goto(f"{base}/ui/inbox")
    inbox.wait_for_selector(f"#task-{refund}")
    inbox.screenshot(path=str(shots / "console-inbox.png"), full_page=True)
    assert all((shots / f"console-{n}.png").stat().st_size > 10_000 for n in ("list", "detail", "inbox"))
