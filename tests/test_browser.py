"""The chat widget and the agent page in a real browser: Debian's Chromium driven by Playwright
(its executable path; no browser download), against the real stack."""

import os
import re
from pathlib import Path

import pytest

from support.services import skip_unless_required
from support.stack import ROOT, bearer

pytestmark = pytest.mark.stack

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SHOTS = ROOT / "var" / "screenshots"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        reason = f"no Chromium at {CHROMIUM} (Debian package chromium; `make test` installs it)"
        skip_unless_required(reason, "REQUIRE_BROWSER")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture()
def page(browser, channel_stack):
    context = browser.new_context(locale="ko-KR", viewport={"width": 1100, "height": 800})
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    # Nothing may be fetched from anywhere but our own server.
    foreign = []
    pg.on("request", lambda r: None if r.url.startswith(channel_stack.url) else foreign.append(r.url))
    pg.goto(channel_stack.url + "/webhooks/web/")
    yield pg
    assert not errors, errors
    assert not foreign, foreign
    context.close()


def bot_texts(page):
    return page.locator(".ktw-bot").all_inner_texts()


def wait_bot_count(page, n):
    # Locator waits, not wait_for_function: the page's CSP forbids the eval that one needs.
    page.locator(".ktw-bot").nth(n - 1).wait_for(timeout=30_000)
    page.locator(".ktw-typing").wait_for(state="hidden", timeout=30_000)


def send(page, text):
    """Type and press Enter; the bot messages that came back."""
    before = len(bot_texts(page))
    page.fill(".ktw-input", text)
    page.press(".ktw-input", "Enter")
    wait_bot_count(page, before + 1)
    return bot_texts(page)[before:]


def user_bubbles(page):
    return page.locator(".ktw-user").all_inner_texts()


def test_customer_asks_clicks_a_quick_reply_and_keeps_the_conversation_on_reload(page):
    page.click(".ktw-launcher")
    wait_bot_count(page, 1)  # the greeting, with topic chips
    assert "안내 챗봇" in bot_texts(page)[0]
    assert page.locator(".ktw-chip", has_text="보답 프로그램").count() == 1

    page.click(".ktw-chip >> text=보답 프로그램")
    wait_bot_count(page, 2)
    assert user_bubbles(page)[-1] == "보답 프로그램"  # shown as the label, not /ask_rewards
    assert "100GB" in bot_texts(page)[-1]
    assert page.locator(".ktw-chip").count() == 0  # chips belong to the message that offered them

    assert "2026년 1월 22일" in "\n".join(send(page, "환급금 언제 들어와요?"))
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "webchat.png"))

    sender = page.evaluate("window.ktRemedyWidget.sender()")
    count = len(bot_texts(page))
    page.reload()
    page.wait_for_selector(".ktw-panel", state="visible")
    assert page.evaluate("window.ktRemedyWidget.sender()") == sender
    assert len(bot_texts(page)) == count  # the transcript is back
    assert "휴대폰 번호" in "\n".join(send(page, "제 환급금 언제 들어와요?"))
    page.reload()
    page.wait_for_selector(".ktw-panel", state="visible")
    # The server kept the form going across the reload: it asks for the birth date next.
    assert "생년월일" in "\n".join(send(page, "010-2025-0003"))


def test_html_in_a_message_shows_as_text_and_never_runs(page):
    page.click(".ktw-launcher")
    wait_bot_count(page, 1)
    attack = '<img src=x onerror="window.__pwned=1"><b>굵게</b> https://www.kt.com 참고'
    send(page, attack)
    assert user_bubbles(page)[-1] == attack
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator(".ktw-log img, .ktw-log b").count() == 0
    link = page.locator(".ktw-user a").last
    assert (
        link.get_attribute("href") == "https://www.kt.com"
        and link.get_attribute("rel") == "noopener noreferrer"
    )


def test_enter_while_composing_hangul_neither_sends_half_a_syllable_nor_twice(page):
    page.click(".ktw-launcher")
    wait_bot_count(page, 1)
    before = len(user_bubbles(page))
    # What a Korean IME does: composition events around the input, and an Enter that commits
    # the syllable (isComposing=true in Chrome; in Safari it follows compositionend at once).
    page.evaluate("""() => {
      const input = document.querySelector('.ktw-input');
      const key = (composing) => new KeyboardEvent('keydown', {key: 'Enter', bubbles: true, cancelable: true,
                                                            isComposing: composing});
      input.dispatchEvent(new CompositionEvent('compositionstart', {data: ''}));
      input.value = '환급 언제 받아ㅇ';
      input.dispatchEvent(key(true));
      input.value = '환급 언제 받아요';
      input.dispatchEvent(new CompositionEvent('compositionend', {data: '요'}));
      input.dispatchEvent(key(false));
    }""")
    page.wait_for_timeout(300)
    assert len(user_bubbles(page)) == before  # nothing sent yet: the Enters only committed the syllable
    assert page.input_value(".ktw-input") == "환급 언제 받아요"
    page.press(".ktw-input", "Enter")  # the user's real Enter
    wait_bot_count(page, 2)
    page.wait_for_timeout(300)
    assert user_bubbles(page)[before:] == ["환급 언제 받아요"]


def test_agent_page_logs_in_with_a_token_and_gets_a_card(browser, channel_stack):
    context = browser.new_context(locale="ko-KR", viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.goto(channel_stack.url + "/webhooks/agent/")
    page.fill(".ktw-input", "D-0001 조회")
    page.press(".ktw-input", "Enter")
    wait_bot_count(page, 1)
    assert "로그인이 필요" in page.locator(".ktw-bot").last.inner_text()  # 401 without a token

    page.fill("#token", bearer("agent-kim")["Authorization"].split(" ", 1)[1])
    page.click("#token-form button[type=submit]")
    assert "agent-kim" in page.inner_text("#who")
    page.fill(".ktw-input", "D-0001 조회")
    page.press(".ktw-input", "Enter")
    wait_bot_count(page, 2)
    card = page.locator(".ktw-bot").last.inner_text()
    assert re.search(r"\[D-0001\] 김하늘", card) and "면제: eligible" in card
    page.screenshot(path=str(SHOTS / "agent.png"))
    context.close()
