"""What to bring for the application, and how a reward is claimed: the first is known (an account in
one's own name, an ID at a store); for a late application's proof and for the OTT pass's claim and
a guardian's consent nothing is announced, said first, with the customer centre (issue 19: unknown facts)."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import router
from actions.turn import read_turn
from support.trackers import kept, texts, tracker


def run(t):
    d = CollectingDispatcher()
    router.route(read_turn(t), d)
    return texts(d)


@pytest.mark.today("2026-02-24")
def test_what_to_bring_after_a_missed_deadline_story_is_answered_not_the_story_again(bot):
    slots = {
        "context_topic": "ask_refund_schedule",
        "case": kept("유학 중이라 신청을 못 했어요. 11월 20일 번호이동"),
    }
    text = run(tracker("준비물은 뭐가 있어요?", "nlu_fallback", slots=slots, confidence=0.5))
    assert text.startswith("본인 명의 계좌"), text
    assert "증빙 서류가 필요한지는 안내된 내용이 없어요" in text and "114" in text
    assert "소급 적용" not in text  # the case is not told again


@pytest.mark.today("2026-02-24")
def test_the_proof_for_a_late_application_is_not_announced(bot):
    text = run(tracker("병원에 있어서 기간을 놓쳤는데 증빙으로 뭘 제출해야 하나요?", "ask_missed_deadline"))
    assert "증빙 서류가 필요한지는 안내된 내용이 없어요" in text and "14일 이내" in text and "114" in text


@pytest.mark.today("2026-01-21")
def test_what_to_bring_while_applications_are_open_leads_with_the_account_and_id(bot):
    text = run(tracker("신청하러 매장 갈 때 뭘 가져가요?", "ask_how_to_apply"))
    assert text.startswith("본인 명의 계좌로만 받고, 매장에선 신분증"), text
    assert "안내된 내용이 없어요" not in text


@pytest.mark.today("2026-01-26")
@pytest.mark.parametrize("message", ["보호자 동의는 어떻게 받아요?", "이용권은 어디서 골라요?"])
def test_how_the_ott_pass_is_claimed_is_not_announced_said_first(bot, message):
    slots = {"context_topic": "ask_reward_ott", "case": None}
    text = run(tracker(message, "ask_reward_ott", slots=slots))
    assert text.startswith("OTT 이용권을 고르고 받는 방법과 보호자 동의 절차는 안내된 내용이 없어요"), text
    assert "114" in text and "2월 1일" in text


@pytest.mark.today("2026-01-26")
def test_what_the_ott_pass_is_still_gets_the_plain_answer(bot):
    text = run(tracker("OTT는 뭐 골라요?", "ask_reward_ott"))
    assert "안내된 내용이 없어요" not in text and "디즈니+" in text


@pytest.mark.today("2026-03-03")
def test_a_refund_story_after_a_reward_answer_is_answered_as_the_refund(bot):
    slots = {"context_topic": "ask_reward_ott", "case": None}
    text = run(
        tracker(
            "언니가 1월 6일에 번호이동했는데 언니도 위약금 돌려받아요?",
            "nlu_fallback",
            slots=slots,
            confidence=0.5,
        )
    )
    assert "보답 프로그램 대상이 아니에요" not in text, text
    assert "2026년 1월 6일" in text and "면제" in text


@pytest.mark.today("2026-01-31")
def test_an_english_deadline_question_the_classifier_missed_gets_the_closing_hour(bot):
    text = run(tracker("Is there still time for the refund form tonight?", "nlu_fallback", confidence=0.4))
    assert "22시" in text and "오늘이 마지막 날" in text, text


@pytest.mark.today("2026-01-21")
@pytest.mark.parametrize("intent", ["ask_waiver_who", "ask_previous_waiver", "ask_incident", "nlu_fallback"])
def test_money_for_the_leaks_victims_is_not_announced_whatever_topic_it_was_heard_as(bot, intent):
    text = run(tracker("제 정보도 털렸을 텐데 피해자 보상금은 따로 얼마 받아요?", intent, confidence=0.6))
    assert text.startswith("개인정보 유출 피해자에게 따로 주는 보상금은 안내된 내용이 없어요"), text
    assert "114" in text


@pytest.mark.today("2026-01-21")
def test_the_insurances_cover_for_fraud_is_still_the_insurance(bot):
    text = run(tracker("중고 거래 사기 당하면 보상금 나와요?", "ask_reward_insurance"))
    assert "안전·안심 보험" in text and "유출 피해자" not in text


@pytest.mark.today("2026-01-28")
def test_an_angry_question_about_an_excluded_kind_of_line_gets_the_exclusion(bot):
    text = run(
        tracker(
            "해킹은 KT가 당했는데 알뜰폰 쓰는 사람은 왜 안 해줘요? 우리도 피해자인데 정말 안 되나요?",
            "ask_incident",
        )
    )
    assert "알뜰폰" in text and ("아니에요" in text or "않아요" in text or "제외" in text), text


@pytest.mark.today("2026-01-27")
def test_a_holiday_asked_against_the_payout_gets_its_day_and_the_side_first(bot):
    text = run(
        tracker("12월 28일 해지, 신청은 1월 16일인데 구정 전에 받을 수 있어요?", "ask_refund_schedule")
    )
    assert text.startswith("설날(2026년 2월 17일)보다 전인 1월 22일에 지급 예정이었어요."), text


@pytest.mark.today("2026-01-27")
def test_the_holidays_day_asked_after_the_case_is_said_with_the_payout(bot):
    slots = {"context_topic": "ask_refund_schedule", "case": kept("1월 4일에 해지하고 1월 21일에 신청했어요")}
    text = run(tracker("설이 언제예요?", "ask_refund_schedule", slots=slots))
    assert "설날(2026년 2월 17일)보다 뒤인 2월 19일에 지급돼요" in text, text


@pytest.mark.today("2026-01-23")
def test_unpaid_bills_asked_to_be_wiped_are_owed_not_refunded(bot):
    text = run(tracker("연체된 미납 요금도 싹 없애 주는 거예요?", "out_of_scope", confidence=0.5))
    assert "월 요금" in text and "환급되지 않아요" in text, text


@pytest.mark.today("2026-01-24")
def test_a_holiday_asked_before_applying_gets_the_payout_of_an_application_made_today(bot):
    text = run(
        tracker("한글날에 번호이동했고 아직 신청 안 했는데 설 전에 받을 수 있어요?", "ask_refund_schedule")
    )
    assert text.startswith("오늘 신청하면 설날(2026년 2월 17일)보다 전인 2월 5일에 지급돼요."), text


@pytest.mark.today("2026-01-24")
def test_an_english_message_the_bot_cannot_place_is_answered_in_english_with_the_centre(bot):
    text = run(tracker("Can you move my number to a family plan?", "nlu_fallback", confidence=0.3))
    assert text.startswith("Sorry, I could not place that question.") and "customer centre" in text, text


@pytest.mark.today("2026-01-24")
def test_an_out_of_scope_question_is_pointed_to_the_centre(bot):
    text = run(tracker("인터넷 속도가 너무 느려요 기사님 불러 주세요", "out_of_scope", confidence=0.9))
    assert "만 안내하는 챗봇" in text and "KT 고객센터" in text, text


@pytest.mark.today("2026-01-22")
@pytest.mark.parametrize("intent", ["ask_refund_schedule", "ask_how_to_apply"])
def test_the_premise_that_the_refund_comes_by_itself_is_corrected_first(bot, intent):
    text = run(tracker("위약금 돌려받는 건 따로 신청 없이 자동으로 처리되는 거죠?", intent))
    assert text.startswith("아니에요, 위약금 환급은 신청해야 받아요."), text
    assert "1월 31일" in text


@pytest.mark.today("2026-01-22")
def test_a_reward_that_does_come_by_itself_is_not_corrected(bot):
    text = run(tracker("데이터 혜택은 신청 안 해도 자동으로 들어오죠?", "ask_reward_data"))
    assert not text.startswith("아니에요") and "자동" in text, text


@pytest.mark.today("2026-02-11")
def test_an_english_month_without_a_verb_of_leaving_is_no_termination(bot):
    text = run(
        tracker(
            "I spent all of January overseas on a work trip and never applied. What can I do now?",
            "ask_missed_deadline",
        )
    )
    assert "14일 이내" in text and "면제 대상이 아니에요" not in text, text


@pytest.mark.today("2026-02-11")
def test_an_english_line_closed_on_a_day_is_its_termination(bot):
    text = run(tracker("My line was closed Dec 3 before I moved abroad, was I covered?", "ask_waiver_who"))
    assert "2025년 12월 3일" in text, text


@pytest.mark.today("2026-01-19")
@pytest.mark.parametrize(
    "text,right",
    [
        ("할부금은 돌려받는 게 아니고 선택약정 반환금만 되는 거 맞죠?", True),
        ("결합 위약금은 빠지고 공시지원금 위약금은 포함되는 거죠?", True),
        ("할부금도 환급되는 거 맞죠?", False),
        ("인터넷 위약금도 돌려주는 거죠?", False),
    ],
)
def test_a_belief_about_the_charges_said_right_is_confirmed_first(bot, text, right):
    answer = run(tracker(text, "ask_refund_scope"))
    assert answer.startswith("네, 맞아요.") is right, answer


@pytest.mark.today("2026-01-16")
@pytest.mark.parametrize("text", ["위약금 환급 접수", "환급 신청?"])
def test_a_topics_words_alone_heard_as_apply_for_me_get_how_and_until_when(bot, text):
    answer = run(tracker(text, "apply_refund"))
    assert "1월 31일" in answer and "본인 확인" not in answer, answer
