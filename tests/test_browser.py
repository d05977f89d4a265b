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
    short = bot_texts(page)[-1]
    assert "100GB" in short
    # chips belong to the message that offered them: the greeting's are gone, the answer's own remains
    assert page.locator(".ktw-chip", has_text="보답 프로그램").count() == 0
    assert page.locator(".ktw-chip").all_inner_texts() == ["자세히 보기"]
    page.click(".ktw-chip >> text=자세히 보기")  # the whole answer, the short one's opening first
    wait_bot_count(page, 3)
    whole = bot_texts(page)[-1]
    assert len(whole) > len(short) and whole.startswith(short.split(".")[0])

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
    card = page.locator(".ktw-card-agent_line").last
    card.wait_for()
    detail = card.locator(".ktw-detail").text_content()  # the full text card, folded under the glance
    assert re.search(r"\[D-0001\] 김하늘", detail) and "면제: eligible" in detail
    page.screenshot(path=str(SHOTS / "agent.png"))
    context.close()


# -- accessibility: axe-core, keyboard only, reflow, larger text; the cards -----------------------
from support.a11y import axe_violations, focused, overflow_px  # noqa: E402

DOCS_SHOTS = ROOT / "var" / "screenshots" / "docs"  # copied to docs/screenshots/ when they change


def shot(locator_or_page, name):
    DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
    locator_or_page.screenshot(path=str(DOCS_SHOTS / name))


def open_widget(page):
    page.click(".ktw-launcher")
    wait_bot_count(page, 1)


def test_the_widget_draws_every_card_and_axe_finds_nothing(page):
    open_widget(page)
    assert axe_violations(page) == []

    send(page, "환급금 언제 들어와요?")
    card = page.locator(".ktw-card-payout_schedule").last
    assert card.locator("h3").inner_text() == "환급금 지급일"
    assert card.locator("dt").all_inner_texts() == ["1월 22일", "2월 5일", "2월 19일"]
    shot(card, "card-payout-schedule.png")

    send(page, "11월 3일에 해지했는데 1월 20일에 신청하면 언제 받아요?")
    card = page.locator(".ktw-card-eligibility").last
    assert "2월 5일" in card.inner_text()
    shot(card, "card-eligibility.png")

    send(page, "제 환급금 언제 들어와요?")
    send(page, "010-2025-0001")
    send(page, "880412")
    card = page.locator(".ktw-card-line_result").last
    rows = dict(zip(card.locator("dt").all_inner_texts(), card.locator("dd").all_inner_texts(), strict=True))
    assert rows["회선"].endswith("010-****-0001") and rows["지급일"].startswith("2026-02-05")
    assert "320,000원" in card.locator(".ktw-card-sum").inner_text()
    shot(card, "card-line-result.png")

    send(page, "상담원 연결해 주세요")
    # the centre's numbers in the bot's words are call links too
    assert page.locator(".ktw-bot a[href='tel:1588-0010']").count() >= 1
    card = page.locator(".ktw-card-handover").last
    assert (
        card.locator("a[href='tel:114']").count() == 1
        and card.locator("a[href='tel:1588-0010']").count() == 1
    )
    shot(card, "card-handover.png")

    # A screen reader meets each card as an article named by its heading, the rows as a list.
    assert page.locator("article.ktw-card[aria-labelledby]").count() >= 4
    assert (
        page.locator("[aria-live]").count() == 0 and page.locator("[role=log]").count() == 1
    )  # one live region
    assert axe_violations(page) == []


def test_a_keyboard_only_conversation(page):
    # Tab to the launcher, open, ask, pick a chip, enlarge the text, close with Esc: no mouse.
    for _ in range(10):
        page.keyboard.press("Tab")
        if focused(page).startswith("button.ktw-launcher"):
            break
    assert focused(page).startswith("button.ktw-launcher")
    page.keyboard.press("Enter")
    wait_bot_count(page, 1)
    assert focused(page).startswith("textarea.ktw-input")  # focus to the input on open
    assert page.get_attribute(".ktw-launcher", "aria-expanded") == "true"

    page.keyboard.type("보답 프로그램 알려 주세요")
    page.keyboard.press("Enter")
    wait_bot_count(page, 2)
    assert "100GB" in bot_texts(page)[-1]

    page.keyboard.type("환급금 언제 들어와요?")
    page.keyboard.press("Enter")
    wait_bot_count(page, 3)
    # Back from the input to the chips the card offers, and one of them by Enter.
    for _ in range(6):
        page.keyboard.press("Shift+Tab")
        if focused(page).startswith("button.ktw-chip"):
            break
    chip = page.evaluate("document.activeElement.textContent")
    assert focused(page).startswith("button.ktw-chip")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # the focus is visible
    page.keyboard.press("Enter")
    wait_bot_count(page, 4)
    assert user_bubbles(page)[-1] == chip

    for _ in range(12):
        page.keyboard.press("Shift+Tab")
        if focused(page).startswith("button.ktw-bigger"):
            break
    page.keyboard.press("Space")
    assert page.get_attribute(".ktw-bigger", "aria-pressed") == "true"
    assert page.evaluate("getComputedStyle(document.querySelector('.ktw-msg')).fontSize") == "28px"

    page.keyboard.press("Escape")
    assert page.locator(".ktw-panel").is_hidden()
    assert focused(page).startswith("button.ktw-launcher")  # back to the launcher
    page.reload()  # "글자 크게" is remembered for the tab
    page.click(".ktw-launcher")
    assert page.get_attribute(".ktw-bigger", "aria-pressed") == "true"


def test_the_widget_reflows_at_320_px_and_at_twice_the_text(browser, channel_stack):
    context = browser.new_context(locale="ko-KR", viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(channel_stack.url + "/webhooks/web/")
    assert overflow_px(page) <= 0
    open_widget(page)
    send(page, "환급금 언제 들어와요?")
    assert overflow_px(page) <= 0
    assert axe_violations(page) == []
    shot(page, "widget-320px.png")
    page.click(".ktw-bigger")
    assert overflow_px(page) <= 0
    assert axe_violations(page) == []
    context.close()

    context = browser.new_context(locale="ko-KR", viewport={"width": 1100, "height": 800})
    page = context.new_page()
    page.goto(channel_stack.url + "/webhooks/web/")
    open_widget(page)
    send(page, "환급금 언제 들어와요?")
    page.click(".ktw-bigger")
    assert overflow_px(page) <= 0 and axe_violations(page) == []
    shot(page, "widget-200-percent-text.png")
    for path in ("/webhooks/agent/",):  # the agents' page at 320 px too
        small = browser.new_context(locale="ko-KR", viewport={"width": 320, "height": 640}).new_page()
        small.goto(channel_stack.url + path)
        assert overflow_px(small) <= 0
        small.context.close()
    context.close()


def test_the_agents_page_card_at_a_glance_with_a_copy_button(browser, channel_stack):
    context = browser.new_context(locale="ko-KR", viewport={"width": 1100, "height": 1000})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=channel_stack.url)
    page = context.new_page()
    page.goto(channel_stack.url + "/webhooks/agent/")
    assert page.locator("h1").inner_text() == "상담원 조회 도우미"
    assert page.locator("main").count() == 1 and page.locator("main .ktw-panel").count() == 1
    assert axe_violations(page) == []
    page.fill("#token", bearer("agent-lee")["Authorization"].split(" ", 1)[1])
    page.click("#token-form button[type=submit]")
    page.fill(".ktw-input", "D-0003 조회")
    page.press(".ktw-input", "Enter")
    card = page.locator(".ktw-card-agent_line").last
    card.wait_for(timeout=30_000)
    identity = dict(
        zip(
            card.locator(".ktw-identity dt").all_inner_texts(),
            card.locator(".ktw-identity dd").all_inner_texts(),
            strict=True,
        )
    )
    assert (
        identity["가입자 ID"] == "D-0003"
        and identity["번호"].startswith("010-****-")
        and identity["이름"].endswith("**")
    )
    assert "면제 판정: eligible" in card.locator(".ktw-codes").inner_text()
    rows = dict(
        zip(
            card.locator(".ktw-rows:not(.ktw-identity) dt").all_inner_texts(),
            card.locator(".ktw-rows:not(.ktw-identity) dd").all_inner_texts(),
            strict=True,
        )
    )
    assert rows["지급일"] == "2026-01-22" and rows["환급 대상 위약금"].endswith("원") and "환급 신청" in rows
    say = card.locator(".ktw-say-text").inner_text()
    card.locator(".ktw-copy").click()
    assert page.evaluate("navigator.clipboard.readText()") == say
    assert card.locator(".ktw-copy").inner_text() == "복사했어요"
    assert "[D-0003]" in card.locator(".ktw-detail").text_content()  # the full text card, folded
    assert axe_violations(page) == []
    shot(card, "card-agent.png")
    context.close()
