"""Follow-ups the classifier hears as something else (issue 19, sixth session): a question about what
was just answered, heard as a "yes" or as an unrelated topic, is answered about what was just answered."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import router
from actions.turn import read_turn
from support.trackers import texts, tracker


def run(t):
    d = CollectingDispatcher()
    router.route(read_turn(t), d)
    return texts(d)


@pytest.mark.today("2026-01-22")
def test_a_question_after_a_yes_word_is_no_yes(bot):
    slots = {
        "context_topic": "ask_reward_roaming",
        "answer_kind": "faq",
        "answer_topic": "ask_reward_roaming",
    }
    text = run(tracker("ㅇㅋ 근데 그건 언제까지 됨", "affirm", slots=slots, confidence=0.7))
    assert "8월" in text and "더 궁금한 점" not in text, text
    slots = {"context_topic": "ask_reward_ott", "answer_kind": "faq", "answer_topic": "ask_reward_ott"}
    text = run(tracker("둘 다 주나?", "affirm", slots=slots, confidence=0.7))
    assert "더 궁금한 점" not in text and "중 하나" in text, text


@pytest.mark.today("2026-01-20")
def test_how_long_after_a_reward_heard_as_another_topic_is_that_rewards_length(bot):
    slots = {"context_topic": "ask_reward_data", "answer_kind": "faq", "answer_topic": "ask_reward_data"}
    text = run(tracker("그럼 몇 개월이나 주는 거예요?", "ask_incident", slots=slots, confidence=0.86))
    assert "6개월" in text and "악성코드" not in text, text


@pytest.mark.today("2026-01-20")
def test_that_reward_asked_with_leaving_words_is_that_reward_for_the_kept_case(bot):
    from support.trackers import kept

    # heard as the waiver's retroactive topic, "그거" is the OTT pass just answered
    slots = {
        "context_topic": "ask_reward_ott",
        "answer_kind": "faq",
        "answer_topic": "ask_reward_ott",
        "case": kept("11월 5일에 해지하고 1월 16일에 신청했어요"),
    }
    text = run(
        tracker("해지해 버린 사람도 그거 받을 수 있나요?", "ask_retroactive", slots=slots, confidence=0.96)
    )
    assert "1월 13일 기준 KT 고객" in text and "소급 적용 기간" not in text, text


@pytest.mark.today("2026-01-10")
def test_what_is_left_for_a_line_that_left_is_decided_by_its_case_without_a_lookup(bot):
    from support.trackers import kept

    slots = {
        "context_topic": "ask_waiver_who",
        "answer_kind": "case",
        "answer_topic": "ask_waiver_who",
        "case": kept("작년 8월 20일에 해지했어요"),
    }
    for words in (
        "그럼 저는 받을 게 아무것도 없나요? 데이터 주는 혜택 같은 것도요",
        "그럼 저는 OTT도 못 받아요?",
    ):
        text = run(tracker(words, "check_my_eligibility", slots=slots, confidence=0.9))
        assert "1월 13일 기준 KT 고객이 아니어서" in text and "휴대폰 번호" not in text, text
