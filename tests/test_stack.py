"""`make run`'s launcher brings up the real stack: trained model, Rasa REST channel, action server."""

import json
import urllib.error
import urllib.request

import pytest

from support.stack import api_headers, running_stack

pytestmark = pytest.mark.stack


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    with running_stack(tmp_path_factory.mktemp("stack"), "2026-01-10") as s:
        yield s


def test_ready_only_after_a_warm_up_turn_that_stored_nothing(stack):
    status, _, body = stack.get("/ready")
    assert status == 200 and json.loads(body)["status"] == "ready"
    assert "warm-up turn done" in (stack.tmp / "log" / "rasa.log").read_text(encoding="utf-8")
    stack.say("after-warm-up", "안녕하세요")
    import sqlite3

    with sqlite3.connect(stack.tracker_db) as conn:
        senders = {row[0] for row in conn.execute("select distinct sender_id from events")}
    assert "rest:after-warm-up" in senders and not any("warm-up" == s.split(":")[-1] for s in senders)


def test_banner_prints_the_urls(stack):
    assert "/webhooks/rest/webhook" in stack.banner and "2026-01-10" in stack.banner


def test_greeting_offers_topic_buttons(stack):
    replies = stack.say("greeter", "안녕하세요")
    assert "무엇이 궁금하세요" in replies[0]["text"]
    assert "내 회선 확인" in [b["title"] for b in replies[0]["buttons"]]


def test_waiver_window_answer_is_in_the_tense_of_the_pinned_day(stack):
    text = stack.text("asker", "위약금 면제 기간이 언제까지예요?")
    assert "지금은 위약금 면제 기간" in text and "3일 남았어요" in text


def test_api_needs_the_token(stack):
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(stack.url + "/conversations/rest:asker/tracker", timeout=10)
    assert err.value.code == 401
    # A bearer token in the header, never in the query string; REST conversations are "rest:<sender>".
    req = urllib.request.Request(stack.url + "/conversations/rest:asker/tracker", headers=api_headers())
    with urllib.request.urlopen(req, timeout=10) as r:
        assert json.loads(r.read())["sender_id"] == "rest:asker"


def test_a_test_stack_answers_for_the_day_a_message_pins(tmp_path_factory):
    """BOT_CLOCK_FROM_MESSAGES (tests only): one stack answers the answer tests' cases of every day."""
    with running_stack(tmp_path_factory.mktemp("clock"), "2026-01-20", {"BOT_CLOCK_FROM_MESSAGES": "1"}) as s:
        question = "위약금 면제 기간이 언제까지예요?"
        open_day = s.say("pin-a", question, {"clock": {"today": "2026-01-10"}})
        closed_day = s.say("pin-b", question, {"clock": {"today": "2026-01-20"}})
        unpinned = s.say("pin-c", question)
    assert "지금은 위약금 면제 기간" in open_day[0]["text"]
    assert "지금은 위약금 면제 기간" not in closed_day[0]["text"]
    assert unpinned[0]["text"] == closed_day[0]["text"]  # the stack's own BOT_TODAY
