"""Answer first, then the rest (issue 22): a long answer comes short with "자세히 보기"; pressing
it (the button sends the topic's own intent back) gives the whole answer; a KakaoTalk turn shows
the button as a quick reply and no text bubble past 500 characters."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import router
from actions.turn import read_turn
from connectors.kakao_format import FOLDED_AFTER, skill_response, violations
from support.trackers import texts, tracker
from wording_ko.brief import DETAILS


def say(text, intent, slots=None):
    d = CollectingDispatcher()
    events = router.route(read_turn(tracker(text, intent, slots=slots)), d)
    return d, events


def details_buttons(d):
    return [b for m in d.messages for b in m.get("buttons") or [] if b["title"] == DETAILS]


@pytest.mark.today("2026-01-25")
def test_a_long_answer_comes_short_and_details_give_the_whole_of_it(bot):
    d, events = say("보답 프로그램 혜택이 뭐가 있어요?", "ask_rewards")
    short = texts(d)
    (button,) = details_buttons(d)
    assert len(short) <= 300
    assert "100GB" in short and "보험" in short  # the answer itself: every benefit
    topic = next(e["value"] for e in events if e.get("name") == "answer_topic")

    more = CollectingDispatcher()
    router.route(read_turn(tracker(button["payload"], "ask_rewards", slots={"answer_topic": topic})), more)
    whole = texts(more)
    assert len(whole) > len(short)
    assert "65세" in whole and "요금 할인은 없" in whole  # the conditions the short answer left out
    assert not details_buttons(more)


@pytest.mark.today("2026-01-25")
def test_the_topic_button_from_the_greeting_still_gives_the_short_answer(bot):
    d, _ = say("/ask_rewards", "ask_rewards", slots={"answer_topic": "greet"})
    assert len(texts(d)) <= 300 and details_buttons(d)


@pytest.mark.today("2026-01-25")
def test_a_short_answer_has_no_details_button(bot):
    d, _ = say("상담원이랑 통화하고 싶어요", "request_human")
    assert not details_buttons(d)


@pytest.mark.today("2026-01-25")
def test_kakao_shows_details_as_a_quick_reply_and_folds_nothing(bot):
    d, _ = say("보답 프로그램 혜택이 뭐가 있어요?", "ask_rewards")
    door = [
        {"text": m.get("text"), "buttons": m.get("buttons") or [], "custom": m.get("custom")}
        for m in d.messages
    ]
    response = skill_response(door, operator=False)
    assert violations(response) == []
    replies = [r["label"] for r in response["template"].get("quickReplies") or []]
    assert DETAILS in replies
    bubbles = [o["simpleText"]["text"] for o in response["template"]["outputs"] if "simpleText" in o]
    assert all(len(b) <= FOLDED_AFTER for b in bubbles)


def slots_after(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


@pytest.mark.today("2026-01-20")
def test_a_story_answer_leads_with_the_payout_and_details_give_the_whole_case(bot):
    # the customer's own dates, asking only when the money comes (not where to apply)
    d, events = say("작년 11월 3일에 해지했는데 돈은 언제 받아요?", "ask_refund_schedule")
    short = texts(d)
    first = short.split(". ")[0]
    assert "2월 5일" in first and "지급" in first  # the date asked for, in the first sentence
    assert "등이 아니면 위약금이 면제돼요" in short  # on what condition
    assert "매장" not in short  # where to apply was not asked: behind the button
    (button,) = details_buttons(d)

    more = CollectingDispatcher()
    router.route(
        read_turn(tracker(button["payload"], button["payload"][1:], slots=slots_after(events))), more
    )
    whole = texts(more)
    assert len(whole) > len(short)
    assert "2월 5일" in whole and "매장" in whole  # the same case, with what was left out
    assert not details_buttons(more)


@pytest.mark.today("2026-01-20")
def test_a_story_that_asks_where_keeps_where_to_apply(bot):
    d, _ = say("작년 12월 2일에 해지했는데 신청은 어디서 하면 돼요?", "ask_how_to_apply")
    assert "홈페이지" in texts(d) or "매장" in texts(d)


@pytest.mark.today("2026-01-20")
def test_a_story_naming_an_exclusion_keeps_the_exclusions_in_full(bot):
    d, _ = say("11월 20일에 해지했어요. 9월에 기기변경을 했는데 그래도 면제돼요?", "ask_waiver_who")
    assert "기기변경" in texts(d)
