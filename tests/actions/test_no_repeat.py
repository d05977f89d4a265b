"""A follow-up never gets the answer it just had (issue 22): the sentence that answers the aspect
asked, that it is not announced, where to turn, or the topic the classifier heard instead."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import router
from actions.turn import read_turn
from support.trackers import tracker, user_event


def _said(d):
    return [m["text"] for m in d.messages if m.get("text")]


def two_turns(first, first_intent, second, second_intent, confidence=0.9):
    """The bot's answer to ``first``, then to ``second`` with the first exchange in the tracker."""
    d = CollectingDispatcher()
    events = router.route(read_turn(tracker(first, first_intent)), d)
    before = _said(d)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    history = [user_event(first, first_intent)] + [{"event": "bot", "text": t} for t in before]
    d2 = CollectingDispatcher()
    t2 = tracker(second, second_intent, slots=slots, history=history, confidence=confidence)
    router.route(read_turn(t2), d2)
    return "\n".join(before), "\n".join(_said(d2))


@pytest.mark.today("2026-02-20")
def test_how_long_after_an_age_answer_gets_the_length_not_the_answer_again(bot):
    first, second = two_turns(
        "할아버지가 여든둘이신데 보험 들어지나요?",
        "ask_reward_insurance",
        "그거 얼마 동안 돼요?",
        "ask_reward_insurance",
    )
    assert second != first and "2년" in second, second


@pytest.mark.today("2026-01-29")
def test_the_hour_of_a_payout_is_not_announced_and_not_the_case_again(bot):
    first, second = two_turns(
        "작년 10월 초에 해지했고 1월 16일에 신청했어요",
        "ask_refund_schedule",
        "입금되는 시간은요?",
        "ask_refund_schedule",
    )
    assert "1월 22일" in first and second != first
    assert "안내된 내용이 없어요" in second and "114" in second, second


@pytest.mark.today("2026-01-29")
def test_what_if_it_does_not_come_points_to_the_centre(bot):
    _, second = two_turns(
        "작년 10월 초에 해지했고 1월 16일에 신청했어요",
        "ask_refund_schedule",
        "근데 돈이 안 들어오면요?",
        "nlu_fallback",
        0.5,
    )
    assert "1588-0010" in second and "1월 16일에 신청했다면" not in second, second


@pytest.mark.today("2026-01-25")
def test_a_repeat_with_nothing_more_precise_to_say_lets_the_answer_stand(bot):
    # no aspect asked and none of the answer's sentences named: no fact is dropped to avoid a repeat
    first, second = two_turns(
        "로밍 혜택은 어떻게 돼요", "ask_reward_roaming", "아 그래요? 정말요?", "nlu_fallback", 0.5
    )
    assert second == first


@pytest.mark.today("2026-01-25")
def test_the_details_button_may_give_the_whole_answer_again(bot):
    first, second = two_turns("OTT 뭐 줘요", "ask_reward_ott", "/ask_reward_ott", "ask_reward_ott")
    assert second == first


@pytest.mark.today("2026-01-25")
def test_a_repeat_answers_with_the_sentence_about_what_the_question_names(bot):
    first, second = two_turns(
        "로밍 혜택 알려줘", "ask_reward_roaming", "적용은 어떻게 해요", "nlu_fallback", 0.5
    )
    assert second != first and "적용 방식" in second and len(second) < len(first), second


@pytest.mark.today("2026-01-22")
def test_whether_one_must_apply_gets_the_application_sentence(bot):
    first, second = two_turns(
        "작년 12월 3일에 해지했어요",
        "ask_waiver_who",
        "그럼 그건 따로 해야 되는 거예요?",
        "nlu_fallback",
        0.5,
    )
    assert second != first and "신청" in second, second


@pytest.mark.today("2026-01-23")
def test_the_money_asked_again_after_an_excluded_case_stays_that_case(bot):
    # heard as how to apply; the answer for everyone (where and until when) would read as a yes
    first, second = two_turns(
        "작년 11월에 기변했고 1월 8일에 해지했어요",
        "ask_waiver_who",
        "신청하면 돌려받는 거죠?",
        "ask_how_to_apply",
    )
    assert "면제 대상이 아니에요" in first and "면제 대상이 아니에요" in second, second


@pytest.mark.today("2026-02-10")
def test_money_not_come_after_a_case_says_its_payout_day_then_where_to_turn(bot):
    _, second = two_turns(
        "12월 중순에 해지하고 1월 21일에 신청했어요",
        "ask_refund_schedule",
        "아직 안 들어왔는데 언제 줘요?",
        "ask_refund_schedule",
    )
    assert "2월 5일" in second and "1588-0010" in second, second


@pytest.mark.today("2026-01-25")
def test_a_detail_not_announced_keeps_the_centre_with_it(bot):
    first, second = two_turns(
        "멤버십 할인 어디서 돼요", "ask_reward_membership", "빵집은 어디 빵집이에요?", "ask_reward_membership"
    )
    assert second != first and "발표되지 않았어요" in second and "114" in second, second


@pytest.mark.today("2026-01-25")
def test_a_rewards_procedure_asked_after_it_is_its_own_sentence_not_the_application(bot):
    # heard as how to apply (the refund's application); the data answer says it comes by itself
    first, second = two_turns(
        "100기가 데이터 얘기 좀 해 줘", "ask_reward_data", "그거 받으러 대리점 가야 해?", "ask_how_to_apply"
    )
    assert "자동" in second and "신청 기간" not in second and second != first, second


@pytest.mark.today("2026-01-16")
def test_the_question_that_settles_a_case_stays_when_the_answer_before_it_is_not_said_again(bot):
    first, second = two_turns("위약금 면제", "ask_waiver_who", "면제 되는 거예요?", "ask_waiver_who")
    assert "언제 하셨어요?" in second and second != first, second


@pytest.mark.today("2026-01-26")
def test_the_money_asked_again_in_angry_words_heard_as_the_breach_stays_the_case(bot):
    first, second = two_turns(
        "12월 29일에 해지하고 1월 15일에 신청했어요",
        "ask_refund_schedule",
        "그래서 환급 언제 된다는 건데요 대체",
        "ask_incident",
    )
    assert "1월 22일" in second and "악성코드" not in second, second


@pytest.mark.today("2026-01-05")
def test_until_when_finds_the_end_of_a_range_not_only_a_until_sentence(bot):
    first, second = two_turns(
        "면제 기간 시작이 언제예요?", "ask_waiver_window", "끝나는 날은 언제까지예요?", "ask_waiver_window"
    )
    # the sentences whose range or limit ends the window, not the application's hours again
    assert second != first and "1월 13일" in second and "22시" not in second, second


@pytest.mark.today("2026-01-27")
def test_money_not_seen_after_a_payout_answer_is_where_to_turn(bot):
    # the words name the account, which the application's answer holds; the customer says the money
    # did not come: the payout day stands and the centre is where to turn
    first, second = two_turns(
        "11월에 해지하고 1월 15일에 신청했어요",
        "ask_refund_schedule",
        "아직 통장에 돈이 안 보이는데요",
        "ask_how_to_apply",
    )
    assert "1월 22일" in first
    assert second.startswith("2026년 1월 15일에 신청했다면 지급 예정일은 1월 22일이었어요."), second
    assert "1588-0010" in second and "신분증" not in second and "소급" not in second, second
