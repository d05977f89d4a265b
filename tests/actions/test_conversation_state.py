"""The conversation state across turns (issue 19), each kind in words of our own: a correction
written without spaces or found out on a second look, a bare "when" after the case, an age after
the answer that turns on it (the customer's or another person's, never a lookup), another person's
words starting their own case, a question about leaving without a date answered with the case told,
and coming back to the payout day after another topic."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import router
from actions.handlers.context import person_named
from actions.turn import read_turn
from support.trackers import kept, slots_set, texts, tracker

VERIFICATION = "휴대폰 번호"


def run(t):
    d = CollectingDispatcher()
    events = router.route(read_turn(t), d)
    return texts(d), events


def ranked(intent, confidence):
    return [{"name": intent, "confidence": confidence}]


# -- corrections -----------------------------------------------------------------------------------


@pytest.mark.today("2026-01-15")
def test_a_correction_without_spaces_replaces_the_termination_and_needs_no_lookup(bot):
    slots = {"context_topic": "ask_refund_schedule", "case": kept("오늘 해지했어요")}
    text, events = run(
        tracker(
            "어그게아니라그저께해지한거예요1월13일",
            "provide_identity",
            ranking=ranked("provide_identity", 0.5),
            slots=slots,
        )
    )
    assert slots_set(events)["case"]["line"]["terminated_on"][0] == "2026-01-13"
    assert "2월 19일" in text and "면제 대상이 아니에요" not in text and VERIFICATION not in text, text


@pytest.mark.today("2026-01-24")
def test_a_day_restated_after_asking_again_takes_the_role_last_corrected(bot):
    case = kept("12월 20일 해지하고 1월 12일에 신청했어요")  # the application's day, the last one given
    slots = {"context_topic": "ask_refund_schedule", "case": case}
    text, events = run(
        tracker(
            "남편한테 다시 물어보니 15일이 맞대요",
            "nlu_fallback",
            ranking=ranked("nlu_fallback", 0.5),
            slots=slots,
        )
    )
    line = slots_set(events)["case"]["line"]
    assert line["applied_on"][0] == "2026-01-15" and line["terminated_on"][0] == "2025-12-20"
    assert "1월 22일" in text, text


@pytest.mark.today("2026-01-21")
def test_a_bare_when_heard_as_yes_asks_the_payout_of_the_case(bot):
    slots = {
        "context_topic": "ask_refund_schedule",
        "answer_kind": "case",
        "case": kept("1월 4일 해지 1월 20일 신청"),
    }
    text, _ = run(tracker("그러면언제?", "affirm", ranking=ranked("affirm", 0.7), slots=slots))
    assert "2월 19일에 지급돼요" in text and "더 궁금한 점" not in text, text


@pytest.mark.today("2026-01-21")
def test_until_when_after_the_case_is_no_payout_question(bot):
    slots = {
        "context_topic": "ask_refund_schedule",
        "answer_kind": "case",
        "case": kept("1월 4일 해지 1월 20일 신청"),
    }
    text, _ = run(tracker("그럼 언제까지?", "affirm", ranking=ranked("affirm", 0.7), slots=slots))
    assert text.strip() != "2026년 2월 19일에 지급돼요.", text


# -- an age after the answer that turns on it; another person ---------------------------------------


@pytest.mark.today("2026-01-22")
def test_the_customers_own_age_after_the_insurance_answer_is_answered_not_looked_up(bot):
    slots = {"context_topic": "ask_reward_insurance"}
    text, _ = run(
        tracker(
            "저는 예순둘인데 저는 어떻게 돼요?",
            "check_my_eligibility",
            ranking=ranked("check_my_eligibility", 0.6),
            slots=slots,
        )
    )
    assert "자동으로 제공되지는 않아요" in text and VERIFICATION not in text, text


@pytest.mark.today("2026-01-22")
def test_a_spouses_age_after_the_rewards_answer_gets_the_rewards_at_that_age(bot):
    slots = {"context_topic": "ask_rewards"}
    text, _ = run(
        tracker(
            "남편은요? 남편도 KT고 마흔하나예요",
            "ask_refund_schedule",
            ranking=ranked("ask_refund_schedule", 0.95),
            slots=slots,
        )
    )
    assert "티빙과 디즈니+ 중 하나" in text and "세 차례 지급" not in text, text


@pytest.mark.today("2026-03-02")
def test_another_persons_age_after_a_case_starts_their_own_answer(bot):
    slots = {"context_topic": "ask_refund_schedule", "case": kept("오빠가 1월 6일에 해지했어요")}
    text, events = run(
        tracker(
            "그럼 할머니는요? 할머니는 계속 KT 쓰시고 일흔넷이세요",
            "nlu_fallback",
            ranking=ranked("nlu_fallback", 0.5),
            slots=slots,
        )
    )
    assert "신청 없이 자동으로 제공돼요" in text and "1월 6일" not in text, text
    assert (slots_set(events).get("case") or {}).get("line", {}).get("terminated_on") is None


def test_people_in_dialect_and_siblings_are_named():
    assert person_named("우리 아부지가 예순이신데") == "parent"
    assert person_named("언니는 벌써 해지했대요") == "other"
    assert person_named("형태가 어떻게 되나요") is None


# -- coming back; a question about leaving without its date --------------------------------------------


@pytest.mark.today("2026-01-21")
def test_a_question_about_leaving_without_a_date_keeps_the_case_told(bot):
    slots = {"context_topic": "ask_rewards", "case": kept("11월 3일에 해지하고 1월 20일에 신청")}
    text, events = run(
        tracker(
            "아 근데요, 이미 번호이동한 고객은 보답 혜택 못 받죠?",
            "ask_rewards_if_leaving",
            ranking=ranked("ask_rewards_if_leaving", 0.5),
            slots=slots,
        )
    )
    assert "대상이 아니에요" in text and "언제 하셨어요?" not in text, text
    assert slots_set(events)["case"]["line"]["terminated_on"][0] == "2025-11-03"


@pytest.mark.today("2026-01-21")
def test_the_payout_day_asked_again_after_another_topic_is_the_day_alone(bot):
    slots = {"context_topic": "ask_reward_data", "answer_kind": "faq", "case": kept("해지 1/8 신청 1/19")}
    text, _ = run(
        tracker(
            "아까 말한 그 날짜 2월 며칠이었죠?",
            "nlu_fallback",
            ranking=ranked("nlu_fallback", 0.5),
            slots=slots,
        )
    )
    assert text.strip() == "2026년 2월 19일에 지급돼요.", text


@pytest.mark.today("2026-01-21")
def test_the_payout_and_another_topic_in_one_message_get_both(bot):
    slots = {"context_topic": "ask_refund_schedule", "case": kept("해지 12/3 신청 1/20")}
    text, _ = run(tracker("돈 언제 나옴 그리고 로밍도 해줌?", "ask_reward_roaming", slots=slots))
    assert "로밍" in text and "2월 5일" in text, text


@pytest.mark.today("2026-02-03")
def test_how_much_comes_back_after_the_case_is_answered_not_the_case_again(bot):
    slots = {
        "context_topic": "ask_refund_schedule",
        "answer_kind": "case",
        "case": kept("해지 12/3 신청 1/20"),
    }
    text, _ = run(
        tracker(
            "근데 금액은 얼마나 돌려받을 수 있나요",
            "nlu_fallback",
            ranking=ranked("nlu_fallback", 0.5),
            slots=slots,
        )
    )
    assert "예상 위약금" in text and "소급 적용" not in text, text


@pytest.mark.today("2026-01-29")
def test_a_day_corrected_alone_stays_in_the_month_of_the_date_it_corrects(bot):
    # the nearest 3rd from 01-29 is 02-03; the application corrected was in January
    slots = {"context_topic": "ask_refund_schedule", "case": kept("12월 11일 해지하고 1월 23일에 신청했어요")}
    text, events = run(
        tracker("앗 23일이 아니라 3일이요", "nlu_fallback", ranking=ranked("nlu_fallback", 0.5), slots=slots)
    )
    assert slots_set(events)["case"]["line"]["applied_on"][0] == "2026-01-03", text


@pytest.mark.today("2026-01-21")
def test_someone_who_only_acts_in_the_customers_story_keeps_the_case(bot):
    slots = {"context_topic": "ask_refund_schedule", "case": kept("해지는 12월 26일이었고요")}
    text, events = run(
        tracker(
            "딸이 어제 대리점 가서 대신 신청해 줬다네요",
            "nlu_fallback",
            ranking=ranked("nlu_fallback", 0.5),
            slots=slots,
        )
    )
    line = slots_set(events)["case"]["line"]
    assert line["terminated_on"][0] == "2025-12-26" and line["applied_on"][0] == "2026-01-20", text


@pytest.mark.today("2026-01-27")
def test_the_customer_taking_a_parent_along_leaves_the_case_the_parents(bot):
    case = {**kept("12월 19일에 해지하셨어요"), "person": "parent"}
    slots = {"context_topic": "ask_refund_schedule", "case": case, "asked_fact": "application_date"}
    _, events = run(
        tracker("접수는 그저께 제가 어머니랑 같이 지점에 가서 했습니다", "ask_how_to_apply", slots=slots)
    )
    carried = slots_set(events)
    assert carried["case"]["person"] == "parent"
    slots = {k: carried[k] for k in ("context_topic", "case", "asked_fact")}
    text, _ = run(tracker("어머니 환급금은 언제 들어와요?", "ask_refund_schedule", slots=slots))
    assert "2월 5일" in text and "1월 22일" not in text and "세 차례" not in text, text


# -- ellipsis about the last topic -------------------------------------------------------------------


@pytest.mark.today("2026-01-20")
def test_the_other_rewards_for_a_child_whose_school_year_was_told_before(bot):
    _, events = run(
        tracker(
            "우리 딸은요? 초등학교 4학년",
            "nlu_fallback",
            ranking=ranked("nlu_fallback", 0.5),
            slots={"context_topic": "ask_reward_ott"},
        )
    )
    carried = slots_set(events)
    slots = {k: carried[k] for k in ("context_topic", "case", "asked_fact")}
    text, _ = run(
        tracker(
            "나머지 혜택은 딸도 받나요?",
            "ask_rewards_if_leaving",
            ranking=ranked("ask_rewards_if_leaving", 0.6),
            slots=slots,
        )
    )
    assert "나이와 상관없이" in text and "OTT 이용권을 쓸 수 없어요" in text, text
    assert "나이가 어떻게 되세요?" not in text, text


@pytest.mark.today("2026-01-09")
def test_the_application_named_alone_after_the_window_is_the_applications_answer(bot):
    slots = {"context_topic": "ask_waiver_window", "answer_kind": "faq"}
    text, _ = run(
        tracker("그러면 신청은요?", "nlu_fallback", ranking=ranked("nlu_fallback", 0.5), slots=slots)
    )
    assert "매장" in text and "지금은 위약금 면제 기간" not in text, text


@pytest.mark.today("2026-01-20")
def test_a_question_word_heard_as_no_is_a_follow_up(bot):
    slots = {"context_topic": "ask_how_to_apply", "answer_kind": "faq"}
    text, _ = run(tracker("그건 몇 시까지 해요?", "deny", ranking=ranked("deny", 0.7), slots=slots))
    assert "22시" in text and "알겠어요" not in text, text


@pytest.mark.today("2026-01-24")
def test_an_english_correction_drops_the_date_it_negates(bot):
    slots = {
        "context_topic": "ask_refund_schedule",
        "case": kept("I terminated the line December 8th, then filed the refund January 16th."),
    }
    text, events = run(
        tracker(
            "My mistake, I applied on January 22 and not on the 16th.", "ask_refund_schedule", slots=slots
        )
    )
    line = slots_set(events)["case"]["line"]
    assert line["terminated_on"][0] == "2025-12-08" and line["applied_on"][0] == "2026-01-22", line
    assert "2월 5일" in text and "면제 대상이 아니에요" not in text, text


@pytest.mark.today("2026-01-26")
def test_an_angry_correction_that_says_properly_still_corrects(bot):
    slots = {"context_topic": "ask_refund_schedule", "case": kept("12월 29일 해지 1월 15일 신청")}
    text, _ = run(
        tracker(
            "아니 15일 아니라 25일이라니까요 제대로 읽어 주세요",
            "nlu_fallback",
            ranking=ranked("nlu_fallback", 0.5),
            slots=slots,
        )
    )
    assert "2월 5일" in text and "1월 22일" not in text, text


@pytest.mark.today("2026-01-20")
def test_a_kind_of_line_corrected_replaces_the_old_kind(bot):
    slots = {"context_topic": "ask_waiver_who", "case": kept("알뜰폰이었는데 1월 6일에 해지했어요")}
    text, events = run(
        tracker("아 IoT 아니고... 아니 알뜰폰 아니고 그냥 KT 휴대폰이에요", "ask_waiver_who", slots=slots)
    )
    assert slots_set(events)["case"]["line"].get("carrier") == "kt", text
    assert "알뜰폰(MVNO) 회선은 면제 대상이 아니에요" not in text, text


@pytest.mark.today("2026-01-06")
def test_since_when_while_the_window_runs_names_its_first_day(bot):
    text, _ = run(tracker("면제 기간은 며칠부터 시작한 거예요?", "ask_waiver_window"))
    assert "12월 31일" in text, text


@pytest.mark.today("2026-01-20")
def test_an_old_relative_after_the_ott_answer_gets_the_ott_answer_not_the_insurance(bot):
    slots = {"context_topic": "ask_reward_ott"}
    text, _ = run(
        tracker(
            "외할아버지도 되시나요? 올해 여든넷이세요",
            "ask_reward_insurance",
            ranking=ranked("ask_reward_insurance", 0.85),
            slots=slots,
        )
    )
    assert "티빙과 디즈니+ 중 하나" in text and "보험" not in text, text


@pytest.mark.today("2026-01-20")
def test_a_child_after_the_data_answer_gets_the_data_answer(bot):
    slots = {"context_topic": "ask_reward_data"}
    text, _ = run(
        tracker(
            "제 아들도 받나요? 초등학생인데",
            "ask_reward_ott",
            ranking=ranked("ask_reward_ott", 0.9),
            slots=slots,
        )
    )
    assert "100GB" in text and "티빙" not in text, text


@pytest.mark.today("2026-01-23")
def test_a_reward_named_alone_after_the_case_gets_that_rewards_answer(bot):
    slots = {
        "context_topic": "ask_refund_schedule",
        "answer_kind": "case",
        "case": kept("해지 12/27 신청 1/15"),
    }
    text, events = run(
        tracker("로밍은?", "ask_reward_roaming", ranking=ranked("ask_reward_roaming", 0.99), slots=slots)
    )
    assert "로밍" in text and "1월 22일" not in text, text
    assert slots_set(events)["case"]["line"]["terminated_on"][0] == "2025-12-27"  # kept for later


@pytest.mark.today("2026-01-21")
def test_back_to_the_refund_in_english_is_the_kept_payout_not_a_lookup(bot):
    slots = {
        "context_topic": "ask_reward_insurance",
        "answer_kind": "faq",
        "case": kept("해지 12/21 신청 1/19"),
    }
    text, _ = run(
        tracker(
            "Back to my refund for a second: what day did you say it comes?",
            "nlu_fallback",
            ranking=ranked("nlu_fallback", 0.5),
            slots=slots,
        )
    )
    assert "2월 5일" in text and VERIFICATION not in text, text


@pytest.mark.today("2026-01-21")
def test_a_correction_in_dialect_replaces_the_termination(bot):
    slots = {"context_topic": "ask_refund_schedule", "case": kept("해지 1월 4일 신청 1월 15일")}
    text, events = run(
        tracker(
            "아 맞다 해지가 1월 4일이 아이고 12월 4일이었데이",
            "ask_refund_schedule",
            ranking=ranked("ask_refund_schedule", 0.6),
            slots=slots,
        )
    )
    assert slots_set(events)["case"]["line"]["terminated_on"][0] == "2025-12-04", text
    assert "1월 22일" in text, text


@pytest.mark.today("2026-01-22")
def test_into_which_account_the_money_comes_is_the_account_rule(bot):
    text, _ = run(
        tracker(
            "환급금은 무슨 통장으로 입금되는 거예요?",
            "ask_refund_schedule",
            ranking=ranked("ask_refund_schedule", 0.55),
        )
    )
    assert "본인 명의" in text and "세 차례" not in text, text


@pytest.mark.today("2026-01-13")
def test_back_to_a_topic_asking_when_to_apply_is_no_payout_question(bot):
    slots = {"context_topic": "ask_reward_data", "answer_kind": "faq", "case": kept("I will cancel today")}
    text, _ = run(
        tracker(
            "Back to leaving: if I cancel today, when can I apply for the refund?",
            "ask_how_to_apply",
            slots=slots,
        )
    )
    assert "1월 31일" in text, text


# -- English follow-ups; a day asked back ------------------------------------------------------------


@pytest.mark.today("2026-01-22")
def test_a_day_asked_back_after_the_case_is_no_new_termination(bot):
    slots = {
        "context_topic": "ask_refund_schedule",
        "answer_kind": "case",
        "case": kept("해지 12/14 신청 1/16"),
    }
    text, events = run(
        tracker(
            "So this coming Friday then?",
            "ask_waiver_window",
            ranking=ranked("ask_waiver_window", 0.86),
            slots=slots,
        )
    )
    assert "1월 22일" in text and "면제 대상이 아니에요" not in text, text
    assert slots_set(events)["case"]["line"]["terminated_on"][0] == "2025-12-14"


@pytest.mark.today("2026-01-22")
def test_a_korean_day_asked_back_gets_the_kept_payout(bot):
    slots = {"context_topic": "ask_reward_data", "answer_kind": "faq", "case": kept("해지 12/14 신청 1/20")}
    text, _ = run(
        tracker(
            "그럼 2월 19일 맞죠?",
            "ask_refund_schedule",
            ranking=ranked("ask_refund_schedule", 0.9),
            slots=slots,
        )
    )
    assert text.strip() == "2026년 2월 5일에 지급돼요.", text


@pytest.mark.today("2026-01-20")
def test_a_short_english_follow_up_keeps_the_topic(bot):
    slots = {"context_topic": "ask_reward_roaming", "answer_kind": "faq"}
    text, _ = run(
        tracker(
            "How long does that last?",
            "ask_waiver_window",
            ranking=ranked("ask_waiver_window", 0.95),
            slots=slots,
        )
    )
    assert "로밍" in text and "8월" in text, text


@pytest.mark.today("2026-01-20")
def test_an_english_parent_with_an_age_is_answered_not_looked_up(bot):
    slots = {"context_topic": "ask_reward_insurance", "answer_kind": "faq"}
    text, _ = run(
        tracker("What about my dad? He's 59.", "lookup_line", ranking=ranked("lookup_line", 0.6), slots=slots)
    )
    assert "자동으로 제공되지는 않아요" in text and VERIFICATION not in text, text


@pytest.mark.today("2026-01-20")
def test_an_english_follow_up_about_a_parent_may_take_a_longer_sentence(bot):
    slots = {"context_topic": "ask_reward_insurance", "answer_kind": "faq"}
    text, _ = run(
        tracker(
            "My grandmother is 77. Would she have to enrol herself?",
            "nlu_fallback",
            ranking=ranked("nlu_fallback", 0.5),
            slots=slots,
        )
    )
    assert "신청 없이 자동으로 제공돼요" in text, text


@pytest.mark.today("2026-01-20")
def test_the_other_rewards_heard_as_another_topic_are_still_the_programme(bot):
    slots = {"context_topic": "ask_reward_roaming", "answer_kind": "faq"}
    text, _ = run(
        tracker(
            "그 외 혜택들도 똑같이 6개월이에요?",
            "ask_rewards_if_leaving",
            ranking=ranked("ask_rewards_if_leaving", 0.93),
            slots=slots,
        )
    )
    assert "보험" in text and "100GB" in text, text
