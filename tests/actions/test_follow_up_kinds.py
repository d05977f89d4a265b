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
