"""Several people's ages in one message (issue 19: ages per person): each person's insurance and OTT
decided by their own age, never one age for all; English family words are family, not "my line"."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import router
from actions.turn import read_turn
from support.trackers import followups, texts, tracker


def run(t):
    d = CollectingDispatcher()
    events = router.route(read_turn(t), d)
    return texts(d), events


def line_of(text: str, who: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"· {who}("))


@pytest.mark.today("2026-01-22")
def test_each_family_member_gets_their_own_age_decision(bot):
    text, _ = run(
        tracker(
            "할머니 여든둘, 남편 마흔넷, 큰딸 열여섯 살인데 보험이랑 OTT 각각 어떻게 돼요?", "ask_rewards"
        )
    )
    assert "보험 자동 가입(신청 없이)" in line_of(text, "할머니")
    assert "보험 자동 가입 대상 아님" in line_of(text, "남편") and "티빙·디즈니+" in line_of(text, "남편")
    assert "보호자 동의를 받아 티빙만" in line_of(text, "큰딸")
    assert "114" in text


@pytest.mark.today("2026-01-22")
def test_the_customer_and_a_parent_with_the_insurance_named(bot):
    text, _ = run(
        tracker("저는 서른여섯이고 어머니는 예순아홉이세요. 보험 둘 다 자동이에요?", "ask_reward_insurance")
    )
    assert "보험 자동 가입 대상 아님" in line_of(text, "고객님")
    assert "보험 자동 가입(신청 없이)" in line_of(text, "어머니")
    assert "OTT" not in text  # only the reward asked about


@pytest.mark.today("2026-01-22")
def test_a_birthday_across_a_limit_is_said_not_decided(bot):
    text, _ = run(tracker("조카 만 13세랑 제 동생 만 25세 티빙 돼요?", "ask_reward_ott"))
    assert "만 14세가 되는 때에 따라 달라요" in line_of(text, "조카")
    assert "티빙·디즈니+ 중 선택" in line_of(text, "동생")


@pytest.mark.today("2026-01-16")
def test_an_english_parent_with_an_age_is_answered_without_verification(bot):
    text, events = run(
        tracker("My mom is 72 now, is the insurance automatic for her?", "ask_reward_insurance")
    )
    assert "본인 확인" not in text and followups(events) == []
    assert "65" in text and "자동" in text


@pytest.mark.today("2026-01-22")
def test_one_persons_age_said_twice_is_one_person(bot):
    text, _ = run(tracker("제가 고2 열일곱 살인데 티빙 돼요?", "ask_reward_ott"))
    assert "· " not in text and "보호자 동의" in text, text


@pytest.mark.today("2026-01-17")
def test_the_customers_story_and_another_persons_reward_each_get_their_own_answer(bot):
    text, _ = run(
        tracker(
            "11월 초에 번호이동하고 그저께 신청했는데 돈 언제 오는지랑, 아직 KT인 아내는 OTT 받는지 알려줘요",
            "ask_reward_ott",
        )
    )
    assert "보답 프로그램 대상이 아니에요" not in text, text  # the wife is no leaver
    assert "1월 22일" in text and "티빙" in text


@pytest.mark.today("2026-02-08")
@pytest.mark.parametrize(
    "text,intent",
    [("난로밍혜택적용됐냐", "ask_reward_roaming"), ("나도 접수된거 맞지?", "nlu_fallback")],
)
def test_whether_ones_own_came_or_went_through_asked_short_is_the_lines_question(bot, text, intent):
    answer, events = run(
        tracker(
            text,
            intent,
            ranking=[
                {"name": "ask_how_to_apply", "confidence": 0.3},
                {"name": "ask_refund_schedule", "confidence": 0.28},
            ],
            confidence=0.3,
        )
    )
    assert "본인 확인" in answer or "휴대폰 번호" in answer, answer
